"""The edition's data archive (issue 17), the töte plain text (issue 20), the export cache of the site
hook, and the English reference of a document without an author."""
from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from build_edition.export import export_document, inputs_key, load_document, read_catalog
from build_edition.export import citation, dump
from build_edition.text.tote import to_arabic

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
SITE_URL = "https://example.org/kazakh-edition/"
ENTRIES = read_catalog(ROOT)
BY_SLUG = {e.slug: e for e in ENTRIES}


@pytest.fixture(scope="module")
def downloads():
    return {e.slug: export_document(load_document(CONTENT, e, ROOT), SITE_URL) for e in ENTRIES}


def test_archive_holds_every_tei_text_the_catalogue_and_the_licence(downloads):
    data = dump.archive_bytes(ENTRIES, downloads, SITE_URL)
    assert data == dump.archive_bytes(ENTRIES, downloads, SITE_URL)          # byte-identical
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        names = archive.namelist()
        assert names == sorted(names)
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert {info.external_attr >> 16 for info in archive.infolist()} == {0o644}
        for entry in ENTRIES:
            assert archive.read(f"edition-data/tei/{entry.slug}.tei.xml") == downloads[entry.slug][f"{entry.slug}.tei.xml"]
            assert archive.read(f"edition-data/text/{entry.slug}.txt") == downloads[entry.slug][f"{entry.slug}.txt"]
        assert len(names) == 2 + 2 * len(ENTRIES)
        catalogue = json.loads(archive.read("edition-data/catalogue.json"))
        licence = archive.read("edition-data/LICENCE.txt").decode("utf-8")
    # the catalogue as curated in seeds/catalog.yml (without the pipeline's overrides)
    documents = {d["slug"]: d for d in catalogue["documents"]}
    assert list(documents) == [e.slug for e in ENTRIES]
    for entry in ENTRIES:
        record = documents[entry.slug]
        assert (record["title"], record["authors"], record["publisher"], record["date"], record["source"]) == \
            (entry.title, entry.authors, entry.publisher, entry.date, entry.source)
        assert record["translations"] == entry.translations and "overrides" not in record
        assert record["url"] == f"{SITE_URL}{entry.slug}/"
    assert documents["chebotarev-political-thought"]["translations"]["en"]["title"].startswith("Political thought")
    assert catalogue["licence"] == "https://creativecommons.org/licenses/by/4.0/"
    # the licence: CC BY 4.0 for the edition's work, the sources under their publishers' rights, as
    # the catalogue names them (an unknown publisher is said to be unknown, never named)
    assert licence.count("CC BY 4.0") >= 6 and "https://creativecommons.org/licenses/by/4.0/" in licence
    for words in ("баспагерлері мен авторларында қалады", "остаются за их издателями и авторами",
                  "remain under the rights of their publishers and authors"):
        assert words in licence
    book = BY_SLUG["chebotarev-political-thought"]
    block = licence[licence.index(f"- {book.title}"):]
    assert f"Publisher: {book.publisher}" in block.split("\n- ")[0]
    assert f"Source file: {book.source}" in block.split("\n- ")[0]
    interview = licence[licence.index(f"- {BY_SLUG['tokayev-ana-tili-interview'].title}"):].split("\n- ")[0]
    assert "Publication: «Ana tili» газеті" in interview and "Publisher: белгісіз" in interview
    assert "unknown" not in licence


def test_archive_leaves_out_documents_without_downloads(downloads):
    some = {slug: files for slug, files in downloads.items() if slug == "constitution-draft-news"}
    with zipfile.ZipFile(io.BytesIO(dump.archive_bytes(ENTRIES, some, SITE_URL))) as archive:
        assert [n for n in archive.namelist() if n.startswith("edition-data/tei/")] == \
            ["edition-data/tei/constitution-draft-news.tei.xml"]
        assert len(json.loads(archive.read("edition-data/catalogue.json"))["documents"]) == 1


def _paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


def test_tote_plain_text_is_the_reading_text_in_tote(downloads):
    slug = "interethnic-harmony-article"
    cyrillic = downloads[slug][f"{slug}.txt"].decode("utf-8")
    arabic = downloads[slug][f"{slug}.arab.txt"].decode("utf-8")
    title = BY_SLUG[slug].title
    # the title block in töte: the title line is tote.py's töte of the catalogue's title
    assert arabic.splitlines()[0] == to_arabic(title) and arabic.splitlines()[0] != title
    assert " توزىمدىلىكتىڭ " in arabic.splitlines()[0]          # төзімділіктің: к marks it front, no hamza
    assert arabic.splitlines()[0].startswith("ەتنوسارالىق")
    assert f"{SITE_URL}{slug}/" in arabic                         # the address stays as it is
    # paragraph for paragraph: a Kazakh paragraph is tote.py's töte of the Cyrillic one; the Russian
    # and English abstracts stay in their own scripts
    cyr, arab = _paragraphs(cyrillic), _paragraphs(arabic)
    assert len(cyr) == len(arab)
    kazakh = next(p for p in cyr if p.startswith("Қазақстан") and len(p) > 200)
    assert arab[cyr.index(kazakh)] == to_arabic(kazakh)
    russian = [p for p in cyr if len(p) > 100 and re.search(r"[а-я]{3}", p) and not re.search(r"[әіңғүұқөһ]", p, re.I)]
    english = [p for p in cyr if len(p) > 100 and re.search(r"\binterethnic\b", p, re.I) and not re.search(r"[а-я]", p)]
    assert russian and english and all(p in arab for p in russian + english)
    # the journal's masthead: its Kazakh half in töte, its Russian half (a block of its own) as it is
    masthead = cyr.index("МЕМЛЕКЕТТІК")
    assert arab[masthead] == to_arabic("МЕМЛЕКЕТТІК") != "МЕМЛЕКЕТТІК"
    assert cyr[masthead + 1].startswith("государственное управление и государственная служба")
    assert arab[masthead + 1] == cyr[masthead + 1]
    assert not re.search(r"[әіңғүұқөһ]", arab[cyr.index(kazakh)])     # no Kazakh Cyrillic letter left
    assert "\u200f" not in arabic and "\u202b" not in arabic             # no direction marks in the text


def test_a_word_split_by_a_repair_is_one_word_in_tote(downloads):
    """töte is made from whole words: the newspaper's subhead «ТАРИХТАН ТАРТЫЛҒАН КӨПІР» has its Ө
    restored by a repair (TEI: К<choice>…Ө…</choice>ПІР), and КӨПІР, having к, takes no hamza; letter by
    letter it would have got two (ءو, ءپىر)."""
    slug = "egemen-qazaqstan-2025-issue"
    cyrillic = _paragraphs(downloads[slug][f"{slug}.txt"].decode("utf-8"))
    arabic = _paragraphs(downloads[slug][f"{slug}.arab.txt"].decode("utf-8"))
    assert len(cyrillic) == len(arabic)
    at = cyrillic.index("ТАРИХТАН ТАРТЫЛҒАН КӨПІР")
    assert arabic[at] == to_arabic("ТАРИХТАН ТАРТЫЛҒАН КӨПІР") == "تاريحتان تارتىلعان كوپىر"
    # and so every one of the issue's 371 paragraphs after the title block (its one English line has
    # nothing to_arabic would change)
    assert [a == to_arabic(c) for c, a in zip(cyrillic[1:], arabic[1:])] == [True] * (len(cyrillic) - 1)
    assert len(cyrillic) > 300


def test_english_reference_without_an_author_has_the_title_once():
    """APA puts the title in the author's place when there is none; CSL's rule that a substituted
    variable is suppressed in the rest of the entry (citation._suppress_substituted_variables)."""
    for slug in ("constitution-draft-news", "egemen-qazaqstan-2025-issue"):
        entry = BY_SLUG[slug]
        text = citation.reference(citation.csl_item(entry, SITE_URL), "en")
        assert text.startswith(f"{entry.title}. (") and text.count(entry.title) == 1, text
    assert citation.reference(citation.csl_item(BY_SLUG["constitution-draft-news"], SITE_URL), "en") == (
        f"{BY_SLUG['constitution-draft-news'].title}. (2026, February). {SITE_URL}constitution-draft-news/")
    issue = citation.reference(citation.csl_item(BY_SLUG["egemen-qazaqstan-2025-issue"], SITE_URL), "en")
    assert issue.endswith("(2025). «Егемен Қазақстан» газеті. " + f"{SITE_URL}egemen-qazaqstan-2025-issue/")
    # with an author nothing is suppressed
    book = citation.reference(citation.csl_item(BY_SLUG["chebotarev-political-thought"], SITE_URL), "en")
    assert book.startswith("Чеботарёв, А. (2021). Егемен Қазақстандағы саяси ойтаным")


def test_inputs_key_changes_with_what_the_export_reads(tmp_path):
    content = tmp_path / "content"
    for name in ("constitution-draft-news", "data"):
        __import__("shutil").copytree(CONTENT / name, content / name)
    entry = BY_SLUG["constitution-draft-news"]
    first = inputs_key(content, entry, ROOT, SITE_URL)
    assert first == inputs_key(content, entry, ROOT, SITE_URL)
    assert first != inputs_key(content, entry, ROOT, "https://other.example/")
    page = next((content / "constitution-draft-news").glob("01-*.md"))
    page.write_text(page.read_text(encoding="utf-8").replace("жобасы", "жобасы (түзетілді)", 1), encoding="utf-8")
    assert inputs_key(content, entry, ROOT, SITE_URL) != first


# -- the built site -----------------------------------------------------------------------------

def test_home_pages_link_the_archive_and_its_licence_with_sizes(built_site):
    for prefix, label in (("", "Жүктеп алу"), ("ru/", "Скачать"), ("en/", "Download")):
        page = built_site / prefix / "index.html"
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        heading = next(h for h in soup.select("article h2") if h.get_text().startswith(label))
        links = heading.find_next("ul").find_all("a")
        assert [Path(a["href"]).name for a in links] == ["edition-data.zip", "edition-data-licence.txt"]
        for a in links:
            target = (page.parent / a["href"]).resolve()
            assert target.is_file() and target.parent == built_site.resolve(), a["href"]
            shown = a.parent.get_text()
            number = float(re.search(r"(\d+[.,]\d) [КKМM]", shown).group(1).replace(",", "."))
            unit = 1024 * 1024 if re.search(r"\d (МБ|MB)", shown) else 1024
            assert abs(number - target.stat().st_size / unit) <= 0.05, (shown, target.stat().st_size)
        assert "CC BY 4.0" in heading.find_next("ul").find_next("p").get_text()
    with zipfile.ZipFile(built_site / "edition-data.zip") as archive:
        tei = archive.read("edition-data/tei/chebotarev-political-thought.tei.xml")
        licence = archive.read("edition-data/LICENCE.txt")
    # the archive holds the very files the landing pages offer, and its licence is the one beside it
    assert tei == (built_site / "chebotarev-political-thought" / "chebotarev-political-thought.tei.xml").read_bytes()
    assert licence == (built_site / "edition-data-licence.txt").read_bytes()
