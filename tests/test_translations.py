"""The translation layer: translations found in the documents, translation files and the template
command, coverage, and the built site (003's English abstract under lang="en")."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from build_edition.enrich.alignment import align_runs, translations_in
from build_edition.core.model import Block
from build_edition.store.translations import (coverage, document_segments, documents_in, parse_translation,
                                              translatable, translatable_ids)
from tests.project_copy import make_project, run_build

ARTICLE = "interethnic-harmony-article"
SEGMENT_ATTR = re.compile(r"\{:([^{}]*#p\d+(?:-\d+)?[\s}][^{}]*)\}\s*$", re.M)


def kazakh_segment_ids(content: Path, document: str) -> list[str]:
    """Ids of the Kazakh segments of a document, read from its pages' attr_lists (no lang = Kazakh)."""
    ids = []
    for page in sorted((content / document).glob("[0-9][0-9]-*.md")):
        for attrs in SEGMENT_ATTR.findall(page.read_text(encoding="utf-8")):
            if "lang=" not in attrs:
                ids.append(re.search(r"#(p[\d-]+)", attrs).group(1))
    return ids


def test_the_coverage_counts_the_kazakh_segments_of_every_document_of_content():
    """translatable_ids (what coverage counts) against the segments with their text and the attr_lists."""
    content = Path(__file__).resolve().parents[1] / "content"
    documents = documents_in(content)
    assert len(documents) >= 5
    for document in documents:
        ids = translatable_ids(content, document)
        assert ids == {s.id for s in translatable(document_segments(content, document))}, document
        assert ids == set(kazakh_segment_ids(content, document)) and ids, document


def cli(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "build_edition", "--root", str(project), *args],
                          capture_output=True, text=True, cwd=project, timeout=600)


# -- translations the documents contain -----------------------------------------------------------

def test_the_articles_abstracts_are_found_as_translations_of_the_kazakh_abstract(docs_by_seed):
    found = translations_in(docs_by_seed["003"])
    assert sorted(found) == ["en", "ru"]
    expected = {"ru": ("Аннотация", "В данной статье автор", "Ключевые слова:"),
                "en": ("Abstract", "In this article the author", "Key words:")}
    for language, starts in expected.items():
        pairs = found[language]
        assert [p.source.kind for p in pairs] == ["heading", "paragraph", "keywords"]
        assert [p.source.lang for p in pairs] == ["kk", "kk", "kk"]
        assert pairs[0].source.text == "Аңдатпа" and pairs[1].source.text.startswith("Бұл мақалада автор")
        assert pairs[2].source.text.startswith("Тірек сөздер:")
        for pair, start in zip(pairs, starts):
            assert pair.text.startswith(start)
            origin = [b for b in docs_by_seed["003"].blocks if b.id in pair.origin]
            assert origin and all(b.lang == language for b in origin)


def test_the_books_publisher_page_is_aligned_in_three_languages_with_a_two_to_one_paragraph(docs_by_seed):
    book = docs_by_seed["002"]
    found = translations_in(book)
    assert sorted(found) == ["en", "ru"]
    for language in ("ru", "en"):
        pairs = found[language]
        assert len(pairs) == 9
        assert all(p.source.attrs.get("classes") == ["publisher"] and p.source.lang == "kk" for p in pairs)
        # the book's Russian and English texts fuse the Kazakh "main task" and "ranking" paragraphs:
        # each Kazakh paragraph gets its own sentence(s), with its own numbers
        task = next(p.text for p in pairs if p.source.text.startswith("ҚР Президенті жанындағы ҚСЗИ негізгі"))
        ranking = next(p.text for p in pairs if p.source.text.startswith("Пенсильвания университетінің"))
        assert "142" not in task and "8162" in ranking and "142" in ranking
        assert task.startswith({"ru": "Основной задачей", "en": "The main task"}[language])
        assert "1993" in pairs[0].text and "16" in pairs[0].text
    # one translation block never serves two different places
    origins = [tuple(p.origin) for p in found["ru"]]
    assert len(set(origins)) == 8


def test_documents_without_parallel_texts_have_no_translations(docs_by_seed):
    for seed in ("000", "001", "004"):
        assert translations_in(docs_by_seed[seed]) == {}


def test_a_russian_quotation_in_kazakh_prose_is_not_a_translation():
    def block(text, lang="kk"):
        return Block("paragraph", text, list(range(len(text))), lang=lang, id=f"p{len(text)}")
    kazakh = [block("Автор 1995 жылы былай деп жазды:"), block("Бұл пікір кейін өзгерді.")]
    quotation = [block("Казахстан – это государство, где в 1991 году начались реформы, и они идут.", "ru"),
                 block("Так писали тогда многие авторы в газетах и журналах того времени.", "ru")]
    assert align_runs(kazakh, quotation) is None
    assert align_runs(kazakh, quotation[:1]) is None


# -- translation files, the template command and coverage, through the CLI ---------------------------

@pytest.fixture(scope="module")
def article_project(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("translations") / "project", seeds=("003",))
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    return project


def load_segments(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["segments"]


@pytest.mark.slow
def test_the_build_writes_the_translations_it_found(article_project):
    content = article_project / "content"
    for language, start in (("ru", "В данной статье"), ("en", "In this article")):
        path = content / ARTICLE / "translations" / f"{language}.yml"
        segments = load_segments(path)
        assert len(segments) == 3
        assert [s["source"] for s in segments.values()][0] == "Аңдатпа"
        assert any(s["text"].startswith(start) for s in segments.values())
        assert all(s["from"] for s in segments.values())
        assert set(segments) <= set(kazakh_segment_ids(content, ARTICLE))


@pytest.mark.slow
def test_template_command_adds_every_segment_and_keeps_translations(article_project):
    content = article_project / "content"
    path = content / ARTICLE / "translations" / "ru.yml"
    found = load_segments(path)
    result = cli(article_project, "translate-template", ARTICLE, "ru")
    assert result.returncode == 0, result.stderr
    ids = kazakh_segment_ids(content, ARTICLE)
    template = load_segments(path)
    assert list(template) == ids                                   # every Kazakh segment, in reading order
    for key, entry in found.items():
        assert template[key] == entry                              # found translations untouched
    assert f"{len(ids)} Kazakh segment(s), 3 translated" in result.stdout

    # a translator works: translates a paragraph, keeps a note on an id that is gone
    body = ids[ids.index(next(iter(found))) + 3]
    text = path.read_text(encoding="utf-8")
    text = re.sub(rf"(  {body}:\n    source: .*\n)    text: ''\n", r"\1    text: Елбасы успешно реализует идеи.\n", text)
    text += "  p99999:\n    source: Ескі абзац\n    text: Старый абзац\n"
    first = next(iter(found))
    text = text.replace(f"    source: {found[first]['source']}\n", "    source: Аңдатпа (ескі)\n", 1)
    path.write_text(text, encoding="utf-8")
    assert load_segments(path)[body]["text"] == "Елбасы успешно реализует идеи."

    again = cli(article_project, "translate-template", ARTICLE, "ru")
    assert again.returncode == 0, again.stderr
    after = load_segments(path)
    assert after[body]["text"] == "Елбасы успешно реализует идеи."
    assert after["p99999"] == {"source": "Ескі абзац", "text": "Старый абзац"}
    assert list(after)[-1] == "p99999"                             # orphans are kept, at the end
    assert after[first]["source"] == "Аңдатпа (ескі)"              # kept, so the translator can compare
    assert "p99999" in again.stdout and first in again.stdout and "4 translated" in again.stdout


@pytest.mark.slow
def test_a_rebuild_keeps_the_translators_work_and_coverage_counts_it(article_project):
    content = article_project / "content"
    before = (content / ARTICLE / "translations" / "ru.yml").read_text(encoding="utf-8")
    result = run_build(article_project)
    assert result.returncode == 0, result.stderr
    assert (content / ARTICLE / "translations" / "ru.yml").read_text(encoding="utf-8") == before
    rows = {(r.document, r.language): r for r in coverage(content)}
    total = len(kazakh_segment_ids(content, ARTICLE))
    assert (rows[(ARTICLE, "ru")].translated, rows[(ARTICLE, "ru")].total) == (4, total)   # p99999 is no segment
    assert (rows[(ARTICLE, "en")].translated, rows[(ARTICLE, "en")].total) == (3, total)
    assert 0 < rows[(ARTICLE, "ru")].share < 0.1


@pytest.mark.slow
def test_template_command_errors_are_clear(article_project):
    wrong_language = cli(article_project, "translate-template", ARTICLE, "de")
    assert wrong_language.returncode == 2 and "ru, en" in wrong_language.stderr
    no_document = cli(article_project, "translate-template", "no-such-document", "en")
    assert no_document.returncode == 2 and ARTICLE in no_document.stderr
    path = article_project / "content" / ARTICLE / "translations" / "en.yml"
    good = path.read_text(encoding="utf-8")
    try:
        path.write_text(good + "  p1:\n    text: [unclosed\n", encoding="utf-8")
        broken = cli(article_project, "translate-template", ARTICLE, "en")
        assert broken.returncode == 2 and "not valid YAML" in broken.stderr and "Traceback" not in broken.stderr
        assert path.read_text(encoding="utf-8").endswith("[unclosed\n")       # nothing overwritten
    finally:
        path.write_text(good, encoding="utf-8")


def test_translation_file_shapes_are_checked():
    assert parse_translation("segments:\n  p1: Перевод\n").entries["p1"].text == "Перевод"
    with pytest.raises(Exception, match="segments"):
        parse_translation("segments: [p1, p2]\n", "x.yml")
    with pytest.raises(Exception, match="p1"):
        parse_translation("segments:\n  p1: [a, b]\n", "x.yml")


# -- the built site -----------------------------------------------------------------------------------

def _page(site: Path, rel: str) -> BeautifulSoup:
    return BeautifulSoup((site / rel / "index.html").read_text(encoding="utf-8"), "html.parser")


def _lang(element) -> str:
    while element is not None and getattr(element, "name", None):
        if element.get("lang"):
            return element["lang"]
        element = element.parent
    return ""


def _block(soup: BeautifulSoup, name: str, start: str, **attrs):
    """The first ``name`` element whose visible text starts with ``start``."""
    return next((e for e in soup.find_all(name, **attrs) if e.get_text().strip().startswith(start)), None)


def test_the_english_abstract_is_marked_english_in_the_built_site(built_site):
    page_dir = next(p for p in (built_site / ARTICLE).iterdir() if p.is_dir() and p.name[:2].isdigit())
    rel = f"{ARTICLE}/{page_dir.name}"
    kazakh_page = _page(built_site, rel)
    abstract = _block(kazakh_page, "p", "In this article the author")
    assert abstract is not None and _lang(abstract) == "en"
    assert _lang(_block(kazakh_page, "p", "Бұл мақалада автор")) == "kk"

    english_page = _page(built_site, f"en/{rel}")
    assert english_page.html["lang"] == "en"
    translation = _block(english_page, True, "In this article", attrs={"data-translation-of": True})
    assert translation is not None and translation["lang"] == "en"
    row = translation.find_parent(class_="parallel-row")
    assert row.find(class_="parallel-original").get_text().strip().startswith("Бұл мақалада автор")
    assert _lang(row.find(class_="parallel-original")) == "kk"


def test_the_coverage_page_lists_every_document_and_language(built_site):
    table = _page(built_site, "translations").find("table")
    rows = [[cell.get_text(" ", strip=True) for cell in tr.find_all("td")] for tr in table.find_all("tr")[1:]]
    assert len(rows) == 10                                          # five documents × (ru, en)
    article = [r for r in rows if r[0].startswith("Этносаралық келісім")]
    total = len(kazakh_segment_ids(built_site.parent / "content", ARTICLE))
    assert [r[1:3] for r in article] == [["орысша", f"3 / {total}"], ["ағылшынша", f"3 / {total}"]]
    english = _page(built_site, "en/translations").find("table")
    assert "English" in english.get_text() and "Translated segments" in english.get_text()
