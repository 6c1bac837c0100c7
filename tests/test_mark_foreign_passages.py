"""Russian passages inside Kazakh blocks (passes/mark_foreign_passages.py) and their ``<span lang="ru">``.

The passages are found on the real seeds; every one the pass finds in the five seeds was checked by
hand to be Russian (the list below), and Kazakh sentences with Russian loans, names, abbreviations,
all-caps headings and list markers stay unmarked. The rendering nests the spans with entity links and
note references and never lets seed text become markup (hypothesis, under mkdocs.yml's extensions).
"""
from __future__ import annotations

import re

import markdown
import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config

from build_edition.text.markdown import plain_text
from build_edition.write.enrichment import LANGUAGE_SPANS, Mark, _snippet
from build_edition.evidence.lexicon import Lexicon, lexicon_for
from build_edition.core.model import Block, Document
from build_edition.passes import PASS_NAMES
from build_edition.passes.enrichment.mark_foreign_passages import foreign_spans, run
from build_edition.write.writer import render_block
from tests.test_escaping import BLOCK_TEXT, MARKUP_TEXT, ROOT, collapse
from tests.test_lint import FRONT, RUSSIAN, lint, write

# Every passage the pass finds in the five seeds, read by hand: all Russian (the book's untranslated
# sentences, titles of Russian newspapers, books and articles, the journal's section line).
RUSSIAN_PASSAGES = {
    ("002", "«Казахстанская политологическая энциклопедия»"),
    ("002", "«Политическая мысль суверенного Казахстана: динамика, идеи, оценки»"),
    ("002", "«Комсомольская правда»"),
    ("002", "«Литературная газета»"),
    ("002", "«Казахстанская правда»"),
    ("002", "«Время сделать выбор»"),
    ("002", "«оранжевая революция»"),
    ("002", "в результате которых Казахстан стал государством с одним доминирующим - казахским этносом. "
            "Тогда как раньше доминирующими были две этнические общности – казахи и русские."),
    ("002", "С данной инициативой в сентябре 2012 года выступили представители Общенациональной "
            "социал-демократической партии «Азат», Народной партии «Алга!», общественных объединений "
            "«Ар.Рух.Хак», «Амансаулык», газеты «Жас Алаш и т.д. Позднее к ним присоединились активисты "
            "национально-патриотических объединений и различные общественные деятели."),
}


def passages(doc) -> list[tuple[str, str, str]]:
    return [(b.id, b.text[s:e], lang) for b in doc.blocks for s, e, lang in b.attrs.get(LANGUAGE_SPANS, [])]


def block_with(doc, phrase: str) -> Block:
    found = [b for b in doc.blocks if phrase in b.text]
    assert len(found) == 1, f"{phrase!r} in {len(found)} blocks"
    return found[0]


def test_the_pass_is_in_the_chain_after_the_ids():
    assert PASS_NAMES.index("mark_foreign_passages") > PASS_NAMES.index("assign_ids")


def test_the_journal_masthead_s_russian_half_is_a_russian_block(docs_by_seed):
    """The structure pass cuts the masthead in two (issue 21): the Russian half needs no inline span."""
    block = block_with(docs_by_seed["003"], "государственное управление")
    assert block.lang == "ru" and LANGUAGE_SPANS not in block.attrs


def test_untranslated_russian_sentences_after_a_kazakh_one(docs_by_seed):
    block = block_with(docs_by_seed["002"], "С данной инициативой")
    (start, end, lang), = block.attrs[LANGUAGE_SPANS]
    assert lang == "ru"
    assert block.text[:start].rstrip().endswith("жөніндегі науқан болды.")     # the Kazakh sentence stays Kazakh
    assert block.text[start:end].startswith("С данной инициативой в сентябре 2012 года")
    assert block.text[start:end].endswith("различные общественные деятели.") and end == len(block.text)


def test_a_russian_clause_inside_a_kazakh_sentence(docs_by_seed):
    block = block_with(docs_by_seed["002"], "в результате которых")
    (start, end, _), = block.attrs[LANGUAGE_SPANS]
    assert block.text[start - 2:start] == ", " and block.text[:start].endswith("өзгерістермен түсіндіреді, ")
    assert block.text[end:].startswith(" Сонымен қатар, ел тәуелсіздігінің")


def test_every_passage_found_in_the_seeds_is_russian(docs_by_seed):
    found = {(seed, text) for seed, doc in docs_by_seed.items() for _, text, lang in passages(doc)}
    assert found == RUSSIAN_PASSAGES
    assert {lang for doc in docs_by_seed.values() for _, _, lang in passages(doc)} == {"ru"}
    # the titles of Russian newspapers come back wherever the book cites them
    assert sum(text == "«Казахстанская правда»" for _, text, _ in passages(docs_by_seed["002"])) == 3


def test_blocks_already_in_another_language_and_the_text_itself_are_left_alone(docs_by_seed):
    for doc in docs_by_seed.values():
        assert not any(LANGUAGE_SPANS in b.attrs for b in doc.blocks if b.lang != "kk")
    doc = docs_by_seed["003"]
    emendations, texts = len(doc.emendations), [b.text for b in doc.blocks]
    run(doc)                                                               # again: same marks, no change
    assert len(doc.emendations) == emendations and [b.text for b in doc.blocks] == texts
    assert passages(doc) == []


# Kazakh sentences of the seeds that must stay Kazakh: Russian loans (a single Russian-looking word is
# the author's Kazakh), Russian names, abbreviations, numbers, all-caps headings, list markers, initials.
KAZAKH_SENTENCES = [
    ("002", "Бұл біздің ұлттық подсознание ноу-хау: біріктіру, байланыстыру, беру."),
    ("002", "Андрей Кончаловский саяси"),
    ("002", "«Поколение» зейнеткерлерді әлеуметтік және құқықтық қорғау қозғалысының төрағасы Ирина Савостина"),
    ("002", "«Время» газетінде жарияланған"),
    ("002", "в) сайлау туралы жаңа заңды әзірлеу және қабылдау;"),
    ("002", "ҚР Президентінің Ресейдің «РИА Новости» және «Интерфакс» ақпараттық агенттіктеріне"),
    ("002", "Виталий Воронов, Александр Перегрин"),
    ("002", "Республикасының 2011-2020 жылдарға арналған жаңа ұлттық саясатының тұжырымдамасы"),
    ("003", "Мысалы, Австро-Венгрия, Осман империясы, КСРО, Югославия"),
    ("000", "инвестиция тарту – ел экономикасын"),
    ("001", "жасанды интеллект технологияларын дамыту керек"),
    ("003", "ЭТНОСАРАЛЫҚ КЕЛІСІМ МЕН ТӨЗІМДІЛІКТІҢ"),
]


@pytest.mark.parametrize("seed,sentence", KAZAKH_SENTENCES)
def test_kazakh_sentences_with_loans_names_and_abbreviations_stay_kazakh(docs_by_seed, seed, sentence):
    doc = docs_by_seed[seed]
    assert any(sentence in b.text for b in doc.blocks if b.lang == "kk"), "a real sentence of the seed"
    assert foreign_spans(sentence, lexicon_for(doc)) == []
    for block in doc.blocks:
        at = block.text.find(sentence)
        if at >= 0:
            assert not any(s < at + len(sentence) and e > at for s, e, _ in block.attrs.get(LANGUAGE_SPANS, []))


@pytest.mark.parametrize("text", [
    "", "   ", "2012 – 2020", "ҚР, КСРО, БҰҰ, ТМД", "IMEP, 2015 ж.", "Data Analyst, Job shadowing",
    "С. Сейфуллин, Т.Т. Мұстафин", "а) б) в) г)", "и", "и в", "«Время выбора»",
    "ГОСУДАРСТВЕННОЕ УПРАВЛЕНИЕ",      # one strong word and a noun Kazakh may borrow: not enough
])
def test_no_passage_without_two_words_of_russian_evidence(text):
    assert foreign_spans(text, Lexicon()) == []


def test_russian_in_lowercase_or_in_a_quotation_is_found_anywhere_in_a_sentence():
    text = "Автор «Литературная Россия» туралы айтты: ол и в этом случае был прав, деді."
    found = [text[s:e] for s, e, _ in foreign_spans(text, Lexicon())]
    # the Kazakh words between them (`туралы айтты: ол`, no Kazakh-only letter) stay Kazakh
    assert found == ["«Литературная Россия»", "и в этом случае был прав"]



def test_a_short_tail_closing_a_russian_sentence_belongs_to_the_passage():
    lexicon = Lexicon()
    text = "Председатель комиссии сообщил, что поступило более тысячи писем от граждан."
    assert [text[s:e] for s, e, _ in foreign_spans(text, lexicon)] == [text]
    # the tail is not taken when the sentence goes on in Kazakh (`от` and `деп` are Kazakh words too)
    text = "Ол «что поступило более тысячи писем» деп айтты."
    assert [text[s:e] for s, e, _ in foreign_spans(text, lexicon)] == ["«что поступило более тысячи писем»"]

# -- rendering --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def to_html(tmp_path_factory):
    """Markdown → HTML with the extensions and settings of mkdocs.yml."""
    scratch = tmp_path_factory.mktemp("mkdocs")
    (scratch / "docs").mkdir()
    config = load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(scratch / "docs"), site_dir=str(scratch / "site"))
    return lambda source: markdown.Markdown(extensions=config.markdown_extensions,
                                            extension_configs=config.mdx_configs).convert(source)


def rendered(text: str, spans, marks=(), kind: str = "paragraph") -> tuple[Block, str]:
    doc = Document("x", "article", "x.txt", text)
    block = Block(kind, text, list(range(len(text))), level=2, id="p7",
                  attrs={LANGUAGE_SPANS: list(spans), "inline_marks": list(marks)})
    doc.blocks = [block]
    return block, render_block(block, doc)


def test_the_journal_line_renders_with_its_russian_half_in_a_span(to_html):
    text = "МЕМЛЕКЕТТІК государственное управление и государственная служба"
    block, source = rendered(text, [(12, len(text), "ru")])
    assert source.startswith('МЕМЛЕКЕТТІК <span lang="ru">государственное управление')
    soup = BeautifulSoup(to_html(source), "html.parser")
    permalink = soup.find(id="p7").find("a", class_="segment-link")     # the paragraph's ¶ ends it
    assert permalink is soup.find(id="p7").contents[-1] and not permalink.get_text()
    permalink.extract()
    assert soup.find(id="p7").get_text().rstrip("\n") == text
    assert [(s["lang"], s.get_text()) for s in soup.find_all("span")] == [("ru", text[12:])]
    assert plain_text(source) == text                 # what translators, the changelog and the linter read


@pytest.mark.parametrize("link", [(4, 26), (5, 18), (0, 9), (14, 33), (0, 33), (4, 33)])
def test_spans_and_links_nest_whatever_their_overlap(to_html, link):
    text = "Бұл «Казахстанская правда» газеті"
    spans = [(4, 26, "ru")]
    marks = [Mark(link[0], link[1], "[", "](../entities/kp.md)"), Mark(26, 26, "", "[^u-p7-1]")]
    block, source = rendered(text, spans, marks)
    html = to_html(source + "\n\n[^u-p7-1]: Ескерту.")
    soup = BeautifulSoup(html, "html.parser")
    paragraph = soup.find(id="p7")
    reference = paragraph.find("sup")                                  # the note reference after «…»
    assert reference is not None and reference.find_previous(string=True).endswith("»"), source
    reference.decompose()
    assert collapse(paragraph.get_text()) == collapse(text), source
    anchor = paragraph.find("a", href="../entities/kp.md")
    assert anchor is not None and anchor.get_text() == text[link[0]:link[1]], source
    # the Russian text is all inside spans, and nothing else is
    russian = "".join(s.get_text() for s in paragraph.find_all("span", lang="ru"))
    assert russian == text[4:26], source


@given(text=MARKUP_TEXT | BLOCK_TEXT, data=st.data(), kind=st.sampled_from(["paragraph", "heading", "list_item", "quote"]))
@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@example(text="1. мәтін", data=None, kind="paragraph")
@example(text="!!!", data=None, kind="paragraph")
@example(text="Ол IT саласында", data=None, kind="paragraph")      # a glossary abbreviation: its tooltip
def test_any_text_with_any_spans_and_a_link_renders_literally(to_html, text, data, kind):
    """Seed text never becomes markup with language spans in it, wherever the spans and a link fall."""
    if data is None:                     # a link after "!" must not become an image
        spans, marks = [(0, 1, "ru")], [Mark(2, 3, "[", "](../entities/x.md)")]
    else:
        cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), min_size=2, max_size=4, unique=True)))
        spans = [(cuts[0], cuts[1], "ru")] + ([(cuts[2], cuts[3], "en")] if len(cuts) == 4 else [])
        a, b = sorted(data.draw(st.lists(st.integers(0, len(text)), min_size=2, max_size=2, unique=True)))
        marks = [Mark(a, b, "[", "](../entities/x.md)")] if data.draw(st.booleans()) else []
    block, source = rendered(text, spans, marks, kind)
    soup = BeautifulSoup(to_html(source), "html.parser")
    element = soup.find(id="p7")
    assert element is not None, source
    for permalink in element.find_all("a", class_="headerlink"):
        permalink.extract()
    assert collapse(element.get_text()) == collapse(text), source
    # (abbr: the site's tooltip of a glossary abbreviation in the text, content/_includes/abbreviations.md)
    allowed = {"p", "h2", "ul", "li", "blockquote", "span", "a", "abbr"}
    assert {t.name for t in soup.find_all(True)} <= allowed, source
    assert all(set(abbr.attrs) == {"title"} for abbr in soup.find_all("abbr")), source
    for span in soup.find_all("span"):
        assert set(span.attrs) == {"lang"} and span["lang"] in ("ru", "en"), source


SNIPPET_TEXT = ("Галымжан Жакиянов республикалық «Панорама» газетінде «Время сделать выбор» мақаласымен сөз сөйлеп, "
                "сол кезде Павлодар облысының әкімі лауазымын атқарған кезде орын алды, деп жазды автор.")


@given(data=st.data())
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_entity_page_snippets_keep_the_spans_of_their_context(to_html, data):
    """The index of names quotes each mention with its context: a Russian passage there keeps its span,
    cut where the bold mention starts or ends, wherever the mention and the snippet's window fall."""
    text = SNIPPET_TEXT
    words = [m.span() for m in re.finditer(r"\S+", text)]
    span = tuple(sorted(data.draw(st.lists(st.integers(0, len(text)), min_size=2, max_size=2, unique=True))))
    mention = words[data.draw(st.integers(0, len(words) - 1))]
    snippet = _snippet(text, mention[0], mention[1], [(span[0], span[1], "ru")])
    soup = BeautifulSoup(to_html(snippet), "html.parser")
    shown = collapse(soup.get_text())
    assert shown.strip("… ") in collapse(text), snippet
    assert soup.strong is not None and soup.strong.get_text() == text[mention[0]:mention[1]], snippet
    for element in soup.find_all("span"):
        assert element["lang"] == "ru" and element.get_text() in text[span[0]:span[1]], snippet
    assert {t.name for t in soup.find_all(True)} <= {"p", "strong", "span"}, snippet


def test_the_snippet_of_a_real_mention_in_a_russian_title(docs_by_seed):
    block = block_with(docs_by_seed["002"], "«Время сделать выбор» мақаласымен")
    start = block.text.index("Павлодар")
    snippet = _snippet(block.text, start, start + len("Павлодар"), block.attrs[LANGUAGE_SPANS])
    assert '<span lang="ru">«Время сделать выбор»</span> мақаласымен' in snippet and "**Павлодар**" in snippet


def test_a_language_not_a_language_tag_is_not_written():
    block, source = rendered("мәтін сөз", [(0, 5, 'ru" onclick="x')])
    assert "<span" not in source and source.startswith("мәтін сөз")


# -- the linter ---------------------------------------------------------------------------------------

def test_the_linter_reads_a_russian_passage_in_a_kazakh_paragraph_as_not_kazakh(tmp_path, capsys):
    content = tmp_path / "content"
    write(content, "doc/01-clean.md", FRONT + "Бұл мәтінде қазақ сөздері бар.\n{: #p1 data-lines=\"1-1\" }\n")
    write(content, "doc/02-mixed.md", FRONT + f"Автор былай деді: <span lang=\"ru\">{RUSSIAN}</span> Бұл дұрыс.\n"
          "{: #p4 data-lines=\"4-4\" }\n")
    code, findings = lint(content, capsys, "--all")
    assert code == 0
    assert [f for f in findings if "02-mixed" in f["file"]] == []
    # negative case: the same paragraph without the span is read as Kazakh (rare words, abbreviations)
    write(content, "doc/02-mixed.md", FRONT + f"Автор былай деді: {RUSSIAN} Бұл дұрыс.\n{{: #p4 data-lines=\"4-4\" }}\n")
    code, findings = lint(content, capsys, "--all")
    assert {f["code"] for f in findings if "02-mixed" in f["file"]} == {"rare-word", "abbreviation"}
