"""Search normalisation (folding + stemming) on real word forms of the seeds, Python and JS alike,
and the per-paragraph records the index is built from."""
from __future__ import annotations

import gzip
import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from build_edition.core.errors import EditionError
from build_edition.site.search.index import build_search_index, other_languages, page_interfaces, page_records
from build_edition.site.search.pages import kazakh_pages, site_config
from build_edition.site.search.normaliser import RULES_PATH, Rules, fold, normalise_text, normalise_word, tokenize

ROOT = Path(__file__).resolve().parent.parent
JS_NORMALISER = ROOT / "overrides/assets/javascripts/kk-search-normaliser.js"


SEEDS = sorted((ROOT / "seeds").glob("[0-9][0-9][0-9]_*.txt"))


@pytest.fixture(scope="module")
def corpus_words() -> set[str]:
    """Every word form of the five seeds as received (independent of the restoration passes)."""
    assert len(SEEDS) == 5
    words: set[str] = set()
    for seed in SEEDS:
        words.update(w.lower() for w in tokenize(seed.read_text(encoding="utf-8")))
    return words


# inflected forms that occur in the seeds, each group one lexeme
SAME_LEXEME = [
    ["реформа", "реформалар", "реформаларды", "реформалардың", "реформаның", "реформаны"],
    ["ел", "елдің", "елде", "еліміздің", "елімізде", "елдерінде", "елдермен"],
    ["конституция", "конституциясы", "конституциясының", "конституцияға", "конституцияның"],
    ["заң", "заңның", "заңға", "заңдар", "заңдарды", "заңына"],
    ["өзгеріс", "өзгерістер", "өзгерістерді", "өзгерістердің"],
    ["тоқаев", "тоқаевтың"],
    ["сұхбат", "сұхбатыңызда"],
    ["қазақстан", "қазақстанның", "қазақстанда", "қазақстандағы", "қазақстанға"],
]


@pytest.mark.parametrize("forms", SAME_LEXEME, ids=lambda forms: forms[0])
def test_inflected_forms_from_the_seeds_share_one_search_form(forms, corpus_words):
    assert set(forms) <= corpus_words, set(forms) - corpus_words
    assert len({normalise_word(w) for w in forms}) == 1, {w: normalise_word(w) for w in forms}


def test_query_form_absent_from_the_corpus_still_meets_the_indexed_forms(corpus_words):
    assert "реформаларымызбен" not in corpus_words
    assert normalise_word("реформаларымызбен") == normalise_word("реформа")


def _crude_stem(word: str) -> str:
    """What a context-free suffix stripper does: any ending (ours plus the 1st/2nd person singular
    possessives we leave out), again and again."""
    data = json.loads(RULES_PATH.read_text(encoding="utf-8"))
    forms = {s[0] for slot in data["slots"] for s in slot["suffixes"]} | {"ым", "им", "м", "ын", "ин"}
    forms = sorted(forms, key=len, reverse=True)
    word = fold(word)
    stripped = True
    while stripped:
        stripped = False
        for form in forms:
            if word.endswith(form) and len(word) - len(form) >= 2:
                word, stripped = word[: -len(form)], True
                break
    return word


# distinct words of the seeds that a crude stripper merges: "қалады" (it remains) is not "қала"
# (city) + accusative, "білім" (knowledge) is not "біл" (know!) + "my", "өзге" (other) is not "өз"
# (self) + dative, "үшін" (for) is not "үш" (three) + possessive, "басқа" (other) is not "бас"
# (head) + dative, "оның" (his) is not "он" (ten) + genitive, "бәрі" (all) is not "бар" (there is)
DISTINCT_PAIRS = [("қалады", "қала"), ("білім", "біл"), ("өзге", "өз"), ("үшін", "үш"),
                  ("басқа", "бас"), ("оның", "он"), ("бәрі", "бар"), ("жақында", "жақ")]


@pytest.mark.parametrize("first,second", DISTINCT_PAIRS)
def test_distinct_corpus_words_a_crude_stripper_would_merge_stay_apart(first, second, corpus_words):
    assert {first, second} <= corpus_words
    assert _crude_stem(first) == _crude_stem(second), "the pair must be a real trap for a crude stripper"
    assert normalise_word(first) != normalise_word(second)


@pytest.mark.parametrize("typed,written", [
    ("Токаев", "Тоқаев"), ("озгерис", "өзгеріс"), ("Казакстан", "Қазақстан"), ("мангилик", "Мәңгілік"),
    ("ТОКАЕВ", "тоқаев"), ("Горбачёв", "Горбачев"), ("обект", "объект"), ("кунделикти", "күнделікті"),
    ("Казахстан", "Қазақстан"), ("бахыт", "бақыт"), ("кахарман", "қаһарман"),
    ("ассамблеиасы", "Ассамблеясы"), ("иуристер", "юристер"),
])
def test_queries_typed_without_kazakh_letters_meet_the_written_words(typed, written):
    assert normalise_word(typed) == normalise_word(written)


def test_folding_keeps_the_letters_it_must_keep():
    # ы and і stay apart from each other only through folding і→и; ш, ж, ч are never folded
    assert fold("ШЫҒЫС") == "шыгыс"
    assert normalise_word("шаш") != normalise_word("жаж")
    assert normalise_word("қыз") != normalise_word("қиз") or fold("қыз") != fold("қиз")


def test_hostile_input():
    assert normalise_text("") == []
    assert normalise_text("— «» … !!! ") == []
    assert normalise_text("өз\u00adгеріс") == [normalise_word("өзгеріс")]       # soft hyphen inside
    assert normalise_text("и\u0306гі") == normalise_text("йгі")                  # decomposed й
    assert normalise_text("2024 жылы, №47") == ["2024", normalise_word("жылы"), "47"]
    assert normalise_text("Ana tili газеті") == ["ana", "tili", normalise_word("газеті")]
    assert normalise_word("а") == "а" and normalise_word("ы") == "ы"


def test_rules_file_is_complete():
    rules = Rules.load()
    assert rules.slots and all(rules.slots)
    assert set(rules.fold) >= set("әғқңөұүһі")
    assert all(s.contexts for slot in rules.slots for s in slot)
    # the rules see folded words only: a kept word or a suffix written unfolded would never match
    assert all(fold(word) == word for word in rules.keep), [w for w in rules.keep if fold(w) != w]
    assert all(fold(s.form) == s.form for slot in rules.slots for s in slot)


def test_javascript_twin_normalises_every_corpus_word_identically(corpus_words, tmp_path):
    node = shutil.which("node")
    assert node, "node is needed to test the browser normaliser (apt-get install nodejs)"
    words = sorted(corpus_words) + ["Токаев", "өз\u00adгеріс", "ТӨЗІМДІЛІК", "и\u0306гі", "Горбачёв"]
    (tmp_path / "words.json").write_text(json.dumps(words, ensure_ascii=False), encoding="utf-8")
    script = f"""
      const N = require({json.dumps(str(JS_NORMALISER))});
      const rules = N.compile(require({json.dumps(str(RULES_PATH))}));
      const words = require({json.dumps(str(tmp_path / "words.json"))});
      console.log(JSON.stringify(words.map(w => N.normaliseText(w, rules))));
    """
    out = subprocess.run([node, "-e", script], capture_output=True, text=True, check=True).stdout
    js = json.loads(out)
    python = [normalise_text(w) for w in words]
    mismatches = [(w, p, j) for w, p, j in zip(words, python, js) if p != j]
    assert not mismatches, mismatches[:20]
    assert len(words) > 10_000


@pytest.fixture(scope="module")
def config():
    return site_config(ROOT / "mkdocs.yml")


def _content(root: Path, pages: dict[str, str]) -> Path:
    """A content/ folder with these pages (and the abbreviations file every page is appended)."""
    content = root / "content"
    (content / "_includes").mkdir(parents=True)
    (content / "_includes" / "abbreviations.md").write_text("*[ЕҚЫҰ]: Еуропадағы қауіпсіздік және ынтымақтастық ұйымы\n",
                                                           encoding="utf-8")
    for name, text in pages.items():
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_text(text, encoding="utf-8")
    return content


PERMALINK = '<a class="headerlink segment-link" href="#{0}" title="Осы абзацқа сілтеме"></a>\n{{: #{0} }}'


def _records(content: Path, config):
    languages = other_languages(config)
    pages = kazakh_pages(content, config, languages)
    return page_records(pages, page_interfaces(content, pages, languages))


def test_records_are_the_blocks_with_edition_ids_of_the_kazakh_pages(tmp_path, config):
    content = _content(tmp_path, {
        "doc/index.md": "---\ntitle: Құжат\n---\n\n# Құжат атауы\n\nКіріспе мәтін\n",
        "doc/01-page.md": "# Бет атауы\n\n## Бөлім {: #p3 }\n\n"
                          '<a class="page-milestone" id="page-7" href="#page-7">&#91;7&#93;</a> '
                          "Реформаларды[^1] талқылады (ЕҚЫҰ).\n" + PERMALINK.format("p5") + "\n\n"
                          "> Реформы обсуждались.\n> {: #p9 lang=\"ru\" }\n\n"
                          "Сілтемесі жоқ абзац\n{: #note }\n\n— … —\n{: #p11 }\n\n"
                          "<div id=\"p13\" markdown>\n\nБірінші абзац.\n\nЕкінші абзац.\n\n</div>\n\n[^1]: Ескерту мәтіні.\n",
        "doc/01-page.ru.md": "# Страница\n\nРеформы.\n{: #p5 }\n",
        ".edition/base/doc/01-page.md": "# Ескі\n\nЕскі мәтін\n{: #p1 }\n",
        "data/note.md": "Деректер\n{: #p2 }\n",
    })
    records = _records(content, config)
    assert [r.url for r in records] == ["doc/01-page/#p3", "doc/01-page/#p5", "doc/01-page/#p9", "doc/01-page/#p13"]
    heading, paragraph, quotation, item = records
    assert heading.text == "Бөлім" and heading.title == "Бет атауы" and heading.document == "Құжат атауы"
    # not the print page's [7], the footnote's number nor the ¶; the abbreviation's tooltip is not text
    # either, and its markup puts no space inside the brackets
    assert paragraph.text == "Реформаларды талқылады (ЕҚЫҰ)."
    assert paragraph.tokens == ("реформа", normalise_word("талқылады"), normalise_word("ЕҚЫҰ"))
    assert item.text == "Бірінші абзац. Екінші абзац."
    assert paragraph.lang == "kk" and quotation.lang == "ru"
    # the ru interface has its own page of it: a result found there opens the ru copy; en builds only
    # the translated reading pages, not this one
    assert {r.interfaces for r in records} == {"ru"}


def test_real_seed_lines_become_one_record_each(tmp_path, config):
    lines = [line for line in SEEDS[1].read_text(encoding="utf-8").splitlines() if line.strip()][:60]
    body = "".join(f'<p id="p{n}">{html.escape(text)}</p>\n\n' for n, text in enumerate(lines, 1))
    records = _records(_content(tmp_path, {"d/p.md": "# T\n\n" + body}), config)
    assert len(records) == len({r.url for r in records}) == sum(1 for line in lines if tokenize(line))
    assert all(re.fullmatch(r"d/p/#p\d+", r.url) for r in records)
    # one search token per word, in order: Pagefind's word positions are positions in the text
    assert all(len(r.tokens) == len(tokenize(r.text)) for r in records)
    assert any("тоқаев" in r.text.lower() and "токаев" in r.tokens for r in records)


def test_content_without_edition_paragraphs_is_a_clear_error(tmp_path, config):
    content = _content(tmp_path, {"index.md": "# Бос\n\nИдентификаторы жоқ\n"})
    with pytest.raises(EditionError, match="no paragraph with an edition id"):
        build_search_index(tmp_path / "site", content, config)
    assert not (tmp_path / "site" / "pagefind").exists()


def test_index_of_a_small_site_holds_the_rules_the_browser_needs(tmp_path, config):
    content = _content(tmp_path, {"d/p.md": "# Бет\n\nРеформаларды талқылады.\n{: #p1 }\n\nТоқаевтың сұхбаты.\n{: #p2 }\n"})
    stats = build_search_index(tmp_path / "site", content, config)
    assert stats["records"] == 2 and not stats["cached"]
    site = tmp_path / "site"
    assert (site / "pagefind" / "pagefind.js").exists()
    assert len(list((site / "pagefind" / "fragment").iterdir())) == 2
    assert not list((site / "pagefind").glob("pagefind-ui.*"))
    shipped = json.loads((site / "assets" / "search" / "kk-search-rules.json").read_text(encoding="utf-8"))
    source = json.loads(RULES_PATH.read_text(encoding="utf-8"))
    assert shipped == {k: v for k, v in source.items() if not k.startswith("_")}
    # made once per state of content/: the next build copies it, a changed page makes it again
    assert build_search_index(tmp_path / "again", content, config)["cached"]
    assert _files(tmp_path / "again") == _files(site)
    (content / "d" / "p.md").write_text("# Бет\n\nЖаңа абзац.\n{: #p1 }\n", encoding="utf-8")
    stats = build_search_index(site, content, config)
    assert stats["records"] == 1 and not stats["cached"]
    assert len(list((site / "pagefind" / "fragment").iterdir())) == 1
    assert len([p for p in (tmp_path / ".cache" / "search").iterdir() if p.is_dir()]) == 2


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for folder in ("pagefind", "assets/search")
            for p in sorted((root / folder).rglob("*")) if p.is_file()}


def test_index_says_each_result_s_document_and_is_byte_identical_when_built_again(tmp_path, config):
    """The counts per document and the filters come from the names file the hook writes, not from
    Pagefind's filter index (whose files change bytes from run to run): built twice from two copies of
    the same content/ (no cache shared), the whole pagefind/ and assets/search/ are identical, and
    every Pagefind page id has its document."""
    def site(root: Path) -> Path:
        pages = {}
        for slug, title, lines in (("kitap", "Кітап", ["Реформаларды талқылады.", "Тоқаевтың сұхбаты.", "Ел бірлігі."]),
                                   ("gazet", "Газет", ["Реформа туралы жаңалық."])):
            pages[f"{slug}/index.md"] = f"# {title}\n"
            pages[f"{slug}/01-bet.md"] = f"# {title}: бет\n\n" + "".join(
                f"{text}\n{{: #p{n} }}\n\n" for n, text in enumerate(lines, 1))
        content = _content(root, pages)
        assert not build_search_index(root / "site", content, config)["cached"]
        return root / "site"

    first, second = site(tmp_path / "a"), site(tmp_path / "b")
    assert _files(first) == _files(second)
    assert not (first / "pagefind" / "filter").exists()
    names = json.loads((first / "assets" / "search" / "kk-search-names.json").read_text(encoding="utf-8"))
    ids = sorted(p.name.removesuffix(".pf_fragment") for p in (first / "pagefind" / "fragment").iterdir())
    assert len(ids) == 4
    assert names["pages"]["default"] == "kitap"
    assert [i for i in ids if i in names["pages"]["others"]["gazet"].split()] and len(names["pages"]["others"]["gazet"].split()) == 1
    title, document = names["titles"]["pages"]["gazet/01-bet/"]
    assert title == "Газет: бет" and names["titles"]["documents"][document] == "Газет"
    # a record carries only its text (the address is the stand-in page's, the titles are by page)
    fragment = json.loads(gzip.decompress((first / "pagefind" / "fragment" / f"{ids[0]}.pf_fragment").read_bytes())[12:])
    assert set(fragment["meta"]) == {"text"} and re.fullmatch(r"/(kitap|gazet)/01-bet/p\d\.html", fragment["url"])


def test_the_edition_build_makes_the_index_the_site_build_then_copies(tmp_path, config, capsys):
    """`build-edition build` makes the index once it has written content/ (pipeline.make_search_index),
    with the mkdocs.yml beside content/; the site build then finds it made."""
    from build_edition.build.pipeline import Project, make_search_index
    content = _content(tmp_path, {"d/p.md": "# Бет\n\nРеформаларды талқылады.\n{: #p1 }\n"})
    shutil.copy2(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    for name in ("overrides", "build_edition"):       # the theme folder and hooks mkdocs.yml names
        (tmp_path / name).symlink_to(ROOT / name, target_is_directory=True)
    make_search_index(Project(ROOT, content_dir=content), progress=True)
    assert "making the search index" in capsys.readouterr().err
    stats = build_search_index(tmp_path / "site", content, config)
    assert stats["cached"] and stats["records"] == 1
    # content/ that cannot be indexed: a note, not a traceback (the site build reports it again)
    (content / "d" / "p.md").write_text("# Бет\n\nИдентификаторы жоқ\n", encoding="utf-8")
    make_search_index(Project(ROOT, content_dir=content))
    assert "note: the search index was not made now" in capsys.readouterr().err
