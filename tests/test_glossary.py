"""The glossary: its sources (the book's list, inline definitions, the curated file), tooltips in the
built site (inflected forms included), the glossary page and the report of undefined abbreviations."""
from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from build_edition.core.errors import EditionError
from build_edition.enrich.glossary import (abbreviation_definitions, abbreviation_tokens, build_glossary, inline_definitions,
                                    is_caps_line, load_curated, nominative, parse_list_entries,
                                    undefined_abbreviations)
from build_edition.commands.reports import glossary_report

ROOT = Path(__file__).resolve().parent.parent
BOOK_SEED = next((ROOT / "seeds").glob("002_*.txt"))


def book_list_abbreviations() -> list[str]:
    """The abbreviations of the book's printed list, read from the seed with a plain line pattern
    (independent of the glossary's parser): between the list's title and the first chapter."""
    lines = BOOK_SEED.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if "ЕАИО" in line and "–" in line)
    end = next(i for i in range(start, len(lines)) if re.match(r"\s*I-тарау", lines[i]))
    entry = re.compile(r"^\s*(?:«[^»]+»\s+)?(?:[А-ЯӘҒҚҢӨҰҮҺІA-Z]{2,8}\s+)?([А-ЯӘҒҚҢӨҰҮҺІA-Z]{2,8})\s*[–—-]\s*\S")
    found = []
    for line in lines[start:end]:
        m = entry.match(line)
        if m and m.group(1) not in found:
            found.append(m.group(1))
    return found


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


# -- sources --------------------------------------------------------------------------------------

def test_list_entries_parse_hostile_shapes():
    assert parse_list_entries("АӨСШК - Азиядағы өзара іс-қимыл және сенім шаралары жөніндегі кеңес")[0][1] == "АӨСШК"
    assert parse_list_entries("ҚРП – Қазақстанның республикалық партиясы; ")[0][2] == "Қазақстанның республикалық партиясы"
    two = parse_list_entries("ҚЛҚ – Қазақстанның либералдық қозғалысы «Невада – Семей» ХЯҚҚ – «Невада – Семей» "
                             "халықаралық ядроға қарсы қозғалыс")
    assert [(e[0], e[1]) for e in two] == [("ҚЛҚ", "ҚЛҚ"), ("«Невада – Семей» ХЯҚҚ", "ХЯҚҚ")]
    assert two[0][2] == "Қазақстанның либералдық қозғалысы"
    # prose with a dash is not an entry
    assert parse_list_entries("Бұл – өте маңызды жұмыс.") == []
    assert parse_list_entries("") == []


def test_inline_definitions_need_the_words_to_spell_the_abbreviation():
    assert inline_definitions("Қазақстан стратегиялық зерттеулер институты (ҚСЗИ) жұмыс істейді") == [
        ("ҚСЗИ", "Қазақстан стратегиялық зерттеулер институты")]
    assert inline_definitions("Қазақстанның Социал-демократиялық партиясы (ҚСДП) құрылды")[0][0] == "ҚСДП"
    # a bracketed abbreviation after unrelated words, a Roman numeral, a year: no definition
    assert inline_definitions("Бұл туралы ол айтқан болатын (ҚХА).") == []
    assert inline_definitions("Ол ХХ ғасырда (XX) өмір сүрді, (2021) жылы") == []
    assert inline_definitions("(ҚР)") == []


# the book's inline definitions whose name is inflected, translated or goes on after the bracket
# (issue 22), as printed in seed 002, with the name in the nominative
BOOK_INLINE = [
    ("19 тамызында Төтенше жағдай жөніндегі мемлекеттік комитетті (ТЖМК) құрған",
     "ТЖМК", "Төтенше жағдай жөніндегі мемлекеттік комитет"),
    ("Ақырында, олар «Қазақстанның оңшыл дамуы» қоғамдық бірлестігін (ҚОДБ) құрумен шектелді.",
     "ҚОДБ", "«Қазақстанның оңшыл дамуы» қоғамдық бірлестігі"),
    ("құрылған Азиядағы өзара іс-қимыл және сенім шаралары жөніндегі кеңеспен (АӨІСК) тығыз",
     "АӨІСК", "Азиядағы өзара іс-қимыл және сенім шаралары жөніндегі кеңес"),
    ("2020-2022 жылдары Азиядағы өзара іс-қимыл және сенім шаралары жөніндегі кеңеске (АӨСШК) төрағалық",
     "АӨСШК", "Азиядағы өзара іс-қимыл және сенім шаралары жөніндегі кеңес"),
    ("мәселелердің реттелмеуі, халықаралық қауіпсіздікке жәрдемдесу күштерінің (ISAF) миссиясы аяқталғаннан",
     "ISAF", "халықаралық қауіпсіздікке жәрдемдесу күштері"),
    ("The Kazakhstan Institute for Strategic Studies (KazISS) under the President",
     "KazISS", "Kazakhstan Institute for Strategic Studies"),
    ("Тоқаев Халықаралық қатынастар жөніндегі қазақстандық кеңестің (КАСМО) жыл сайынғы жиналысында",
     "КАСМО", "Халықаралық қатынастар жөніндегі қазақстандық кеңес"),
    ("одағы – Қазақстанның орыс, славян және казак ұйымдарының (КОСКҰ) қауымдастығына бірікті.",
     "КОСКҰ", "Қазақстанның орыс, славян және казак ұйымдарының қауымдастығы"),
]


@pytest.mark.parametrize("text, term, expansion", BOOK_INLINE, ids=[t for _, t, _ in BOOK_INLINE])
def test_inline_definitions_of_inflected_translated_and_continued_names(text, term, expansion):
    assert (term, expansion) in inline_definitions(text)


def test_inline_definitions_refuse_names_that_only_stand_near_an_abbreviation():
    # a place in the locative is no name's first word; a person's name is no organisation's
    assert inline_definitions("2014 жылғы 29 мамырда Астанада Еуразиялық экономикалық одақ (ЕАЭО) құрылды") == []
    assert inline_definitions("партия өкілдері Жамбыл Ахметбеков (ҚКХП), Төлеутай") == []
    assert inline_definitions("Франклин Рузвельт (АҚШ), Шарль де Голль (Франция)") == []
    # the chair of a party is not the party: a singular genitive ends the name at the bracket
    assert inline_definitions("Қазақстанның республикалық халық партиясының (ҚРХП) төрағасы болып") == [
        ("ҚРХП", "Қазақстанның республикалық халық партиясы")]


def test_every_abbreviation_the_book_defines_has_a_tooltip_with_its_expansion(corpus_docs):
    book = corpus_docs["chebotarev-political-thought"]
    titles = build_glossary(corpus_docs.values()).titles(book.slug)
    for term in book_list_abbreviations():
        assert titles.get(term), term
    for _text, term, expansion in BOOK_INLINE:
        assert expansion in titles.get(term, ""), (term, titles.get(term))
    # KazISS is no run of capitals: the page still gets its abbr definition
    assert "*[KazISS]: Kazakhstan" in abbreviation_definitions("The Institute (KazISS) under", titles)


def test_nominative_only_strips_unambiguous_case_endings():
    assert nominative("Кеден одағына") == "Кеден одағы"
    assert nominative("Дүниежүзілік сауда ұйымына") == "Дүниежүзілік сауда ұйымы"
    assert nominative("Алматы халық майданы") == "Алматы халық майданы"   # a possessive, not a case ending
    # the accusative where no nominative ends like it
    assert nominative("мемлекеттік комитетті") == "мемлекеттік комитет"
    assert nominative("Біріккен демократиялық партияны") == "Біріккен демократиялық партия"
    assert nominative("Ислам конференциясы ұйымын") == "Ислам конференциясы ұйымы"
    assert nominative("Қазақ ақын") == "Қазақ ақын"


def test_abbreviation_tokens_take_suffixes_but_not_words():
    text = "ҚР-да, БҰҰ-ның, ҚХА-ның, КСРОдағы; ҚРбыл (no suffix); Кеңес; ТАРТЫЛҒАН (nine capitals)"
    assert [m.group(1) for m in abbreviation_tokens(text)] == ["ҚР", "БҰҰ", "ҚХА", "КСРО"]


def test_curated_file_errors_name_the_line():
    with pytest.raises(EditionError, match=r"g.yml:2: unknown key 'meaning'"):
        load_curated("terms:\n  - term: ҚР\n    meaning: x\n", "g.yml")
    with pytest.raises(EditionError, match=r"no 'expansion'"):
        load_curated("terms:\n  - term: ҚР\n", "g.yml")
    with pytest.raises(EditionError, match=r"aliases"):
        load_curated("terms:\n  - &a {term: ҚР, expansion: Қ}\n  - *a\n", "g.yml")
    with pytest.raises(EditionError, match=r"not valid YAML"):
        load_curated("terms:\n  - term: [ҚР\n", "g.yml")
    assert load_curated("", "g.yml") == []


def test_the_curated_glossary_of_the_repository_is_valid():
    terms = load_curated((ROOT / "content" / "data" / "glossary.yml").read_text(encoding="utf-8"))
    assert {"ҚР", "БҰҰ", "ҚХА", "КСР"} <= {t.term for t in terms}


def test_corpus_definitions_reach_the_glossary(corpus_docs):
    glossary = build_glossary(corpus_docs.values())
    book = corpus_docs["chebotarev-political-thought"]
    listed = {term for term, d in book.meta["abbreviation_definitions"] if d.source == "list"}
    assert set(book_list_abbreviations()) <= listed
    # the article defines ҚХА in running text: "(бұдан әрі – ҚХА)"
    article = corpus_docs["interethnic-harmony-article"]
    assert ("ҚХА", "inline") in {(t, d.source) for t, d in article.meta["abbreviation_definitions"]}
    # the book prints ҚАП twice with two meanings: the tooltip keeps both
    assert glossary.terms["ҚАП"].title().count(";") >= 1


def test_undefined_abbreviations_skip_names_in_capitals_and_numerals():
    texts = [("d", "p1", "Мәулен ӘШІМБАЕВ, ҚР Сенатының Төрағасы. XXI ғасыр. ЖҚ пен ЖҚ туралы."),
             ("d", "p2", "РЕФОРМАЛАРДЫҢ МӘНІ – 3: ХХІ ҒАСЫРДАҒЫ ҰЛТТЫҢ ЖАҢА САПАСЫ")]
    found = undefined_abbreviations(texts, {"ҚР"})
    assert [(u.token, u.count) for u in found] == [("ЖҚ", 2)]


# -- tooltips -------------------------------------------------------------------------------------

def test_tooltips_match_inflected_and_glued_forms_in_python_markdown():
    titles = {"ҚР": "Қазақстан Республикасы", "БҰҰ": "Біріккен Ұлттар Ұйымы", "ҚХА": "Қазақстан халқы Ассамблеясы",
              "КСРО": "Кеңестік Социалистік Республикалар Одағы"}
    text = "ҚР-да, БҰҰ-ның және ҚХА-ның жұмысы; КСРОдағы өмір. ҚРҰ мен АҚР – басқа сөздер."
    html = markdown.markdown(text + "\n\n" + abbreviation_definitions(text, titles), extensions=["abbr"])
    page = BeautifulSoup(html, "html.parser")
    shown = [(a.text, a["title"]) for a in page.find_all("abbr")]
    assert shown == [("ҚР", titles["ҚР"]), ("БҰҰ", titles["БҰҰ"]), ("ҚХА", titles["ҚХА"]), ("КСРОдағы", titles["КСРО"])]
    assert "ҚРҰ" in page.text and "АҚР" in page.text


def test_built_pages_have_tooltips_on_inflected_abbreviations(built_site):
    pages = list((built_site / "chebotarev-political-thought").glob("*/index.html"))
    inflected = {}
    for page in pages:
        for abbr in soup(page).select("article abbr[title]"):
            tail = abbr.next_sibling if isinstance(abbr.next_sibling, str) else ""
            if tail.startswith("-"):
                inflected.setdefault(abbr.text, (tail.split()[0], abbr["title"]))
    assert "Кеңестік Социалистік Республикалар Одағы" in inflected["КСРО"][1]      # КСРО-ның, КСРО-да
    assert "Еуропадағы қауіпсіздік" in inflected["ЕҚЫҰ"][1]                       # ЕҚЫҰ-ның
    assert "бұқаралық ақпарат құралдары" in inflected["БАҚ"][1]                    # БАҚ-та
    # the newspaper and the interview get them too (АҚШ-тың)
    other = [a for d in ("egemen-qazaqstan-2025-issue", "tokayev-ana-tili-interview")
             for p in (built_site / d).glob("*/index.html") for a in soup(p).select("article abbr[title]")]
    assert any(a.text == "АҚШ" and "Америка" in a["title"] for a in other)


def test_glossary_page_lists_the_books_abbreviations_with_usage(built_site):
    page = soup(built_site / "glossary" / "index.html")
    terms = {p.find("strong").text: p for p in page.select("article p.glossary-term") if p.find("strong")}
    missing = [a for a in book_list_abbreviations() if a not in terms]
    assert not missing, missing
    ksro = terms["КСРО"]
    assert "Кеңестік Социалистік Республикалар Одағы" in ksro.text
    assert re.search(r"Қолданылуы(?: \(|: )\d+", ksro.text)
    usage = ksro.find_next_sibling()
    places = ksro.find_all("a") + (usage.find_all("a") if usage is not None and "glossary-usage" in usage.get("class", []) else [])
    assert any("chebotarev-political-thought/" in a["href"] for a in places)
    # the report of undefined abbreviations is a section of the page
    heading = next(h for h in page.select("article h2") if "Түсіндірілмеген қысқартулар" in h.text)
    assert "ЖҚ" in heading.find_next("ul").text


def test_glossary_command_reports_undefined_abbreviations(built_site):
    text = glossary_report(built_site.parent / "content")
    assert re.match(r"\d+ abbreviations defined; \d+ used but defined nowhere", text)
    listed = {line.split()[0] for line in text.splitlines()[1:]}
    assert "ЖҚ" in listed                 # used in the book, defined nowhere
    assert "ҚР" not in listed and "КСРО" not in listed


# -- all-caps lines (their capitals are words, not abbreviations) -----------------------------------

def _caps_line_by_definition(text: str) -> bool:
    """The rule, spelled out: more than 12 letters, more than 60 % of them capitals."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 12 and sum(c.isupper() for c in letters) / len(letters) > 0.6


def test_caps_lines_of_the_real_seeds_follow_the_rule():
    lines = [line for path in sorted((ROOT / "seeds").glob("*.txt"))
             for line in path.read_text(encoding="utf-8", errors="replace").splitlines()]
    found = [line for line in lines if is_caps_line(line)]
    assert found == [line for line in lines if _caps_line_by_definition(line)]
    assert len(found) > 20 and len(lines) - len(found) > 1000       # both kinds are there
    assert is_caps_line("МЕМЛЕКЕТТІК ТІЛ ТУРАЛЫ ЗАҢ") and not is_caps_line("Мемлекеттік тіл туралы заң, ҚР")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aAzZбБәӘіІқҚ1²½Ⓐ ,.-ǅʰ\n𝐀", max_size=60))
def test_caps_line_matches_the_rule_on_any_text(text):
    assert is_caps_line(text) == _caps_line_by_definition(text)
