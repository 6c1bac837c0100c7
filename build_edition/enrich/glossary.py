"""The glossary of abbreviations: where definitions come from, how abbreviations are found in text.

Three sources, in this order of authority:

1. ``content/data/glossary.yml``, curated by editors: term, expansion, a short explanation in
   Kazakh, optional Russian and English glosses;
2. a list of abbreviations printed in a document (the book's `ҚР – Қазақстан Республикасы`
   pages; the structure pass marks them ``attrs["abbreviation_list"]``);
3. definitions in running text: `Қазақстан халқы Ассамблеясы (бұдан әрі – ҚХА)`, `Қазақстан
   стратегиялық зерттеулер институты (ҚСЗИ)` — accepted only when the words before the bracket
   spell the abbreviation (initial letters; `және`, `мен` may stand between).

An abbreviation in text is a run of two to eight capitals, alone, with a suffix after a hyphen
(`ҚР-да`, `БҰҰ-ның`) or written solid (`КСРОдағы`, where the lowercase tail must be a case or
possessive ending, :func:`build_edition.text.names.name_forms`). Readers get the expansion as a tooltip: the
writer's ``content/_includes/abbreviations.md`` (:mod:`build_edition.write.abbreviations`), Python-Markdown
``abbr`` definitions appended to every page by ``pymdownx.snippets``; the exports read the generated
``_abbreviations.yml``.

>>> parse_list_entry("«Азат» ҚАҚ – «Азат» Қазақстанның азаматтық қозғалысы")
('«Азат» ҚАҚ', 'ҚАҚ', '«Азат» Қазақстанның азаматтық қозғалысы')
>>> parse_list_entry("РКФСР– Ресей Кеңестік Федеративтік Социалистік Республикасы")[1:]
('РКФСР', 'Ресей Кеңестік Федеративтік Социалистік Республикасы')
>>> inline_definitions("Қазақстан халқы Ассамблеясының (бұдан әрі – ҚХА) рөлі")
[('ҚХА', 'Қазақстан халқы Ассамблеясы')]
>>> inline_definitions("Әлемдік экономика және саясат институтында (ӘЭСИ) жұмыс істеді")
[('ӘЭСИ', 'Әлемдік экономика және саясат институты')]
>>> inline_definitions("сөйлеген сөзінде Еуразиялық одақ (ЕАО) идеясын")   # the words do not spell it
[]
>>> [m.group(1) for m in abbreviation_tokens("ҚР-да, КСРОдағы және БҰҰ-ның; ҚАЗАҚСТАН, ҚРҰ ІІ, АҚШтатыс")]
['ҚР', 'КСРО', 'БҰҰ', 'ҚРҰ', 'ІІ']
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Callable, Iterable

from build_edition.text import line_shapes
from build_edition.store.datafiles import read_records
from build_edition.text.names import name_forms
from build_edition.text.alphabet import LOWER_ANY_SCRIPT as LOWER, UPPER_ANY_SCRIPT as UPPER, KAZAKH_AS_RUSSIAN

GLOSSARY_FILE = "glossary.yml"
ABBREVIATIONS_FILE = "_abbreviations.yml"      # generated: tooltips per document, read by the exports and the linter
GLOSSARY_PAGE = "glossary.md"

DASHES = "–—"
# A run of capitals not touching other letters or digits; the lowercase tail (a glued suffix) is
# checked by the caller (``abbreviation_tokens``).
_TOKEN = re.compile(rf"(?<![{UPPER}{LOWER}\d])([{UPPER}]{{2,8}})(?![{UPPER}\d])(-?[{LOWER}]*)")
_ROMAN = re.compile(r"^[IVXLCІХ]+$")
# an abbreviation in brackets: capitals, or capitals with lowercase letters after some (`KazISS`,
# `ЕурАзЭҚ`: two to eight capitals, at most as many lowercase letters)
_PAREN = re.compile(rf"\(\s*(?:бұдан\s+әрі\s*[{DASHES}-]?\s*)?([{UPPER}][{UPPER}{LOWER}]{{1,11}})\s*\)")
_WORD = re.compile(rf"[«\"“„]?([{UPPER}{LOWER}]+(?:-[{UPPER}{LOWER}]+)*)[»\"”]?")
_CLAUSE_END = re.compile(r"[.;:!?()\[\]]|,\s")
_SENTENCE_END = re.compile(r"[.;:!?()\[\]]")
# words an abbreviation skips (`Әлемдік экономика және саясат институты` = ӘЭСИ)
FUNCTION_WORDS = frozenset("және мен пен бен мен немесе и или of and the for".split())
# postpositions a name's abbreviation leaves out (`… шаралары жөніндегі кеңес` = …К), not at its start
POSTPOSITIONS = frozenset("жөніндегі жөнінде жанындағы бойынша арасындағы".split())
MAX_EXPANSION_WORDS = 9

# aliases: the abbreviation in other languages (ОБСЕ, OSCE for ЕҚЫҰ), search synonyms (build_edition/site/search)
FIELDS = {"term": str, "expansion": str, "explanation": str, "ru": str, "en": str, "aliases": list}

SOURCE_LABELS = {"curated": "басылым глоссарийі", "list": "кітаптағы қысқартулар тізімі",
                 "inline": "мәтіндегі анықтама"}


# -- finding abbreviations ---------------------------------------------------------------------

def abbreviation_tokens(text: str) -> Iterable[re.Match]:
    """Abbreviation-shaped words: capitals, alone or with a suffix (after a hyphen or glued).

    ``group(1)`` is the abbreviation itself; a capitals-only word longer than eight letters (a
    word of an all-caps headline) or with a glued tail that is no suffix chain is skipped.
    """
    for m in _TOKEN.finditer(text):
        tail = m.group(2)
        if tail and not tail.startswith("-") and m.group(1).lower() + tail not in name_forms(m.group(1).lower()):
            continue
        if m.end() < len(text) and text[m.end()].isalpha():
            continue
        yield m


def is_roman_numeral(token: str) -> bool:
    return bool(_ROMAN.match(token))


# -- definitions in documents --------------------------------------------------------------------

def parse_list_entry(text: str) -> tuple[str, str, str] | None:
    """``(head, abbreviation, expansion)`` of a list entry `АББР – expansion`, or None."""
    entries = parse_list_entries(text)
    return entries[0] if entries else None


# where an entry starts: an abbreviation (with a quoted name before it) and a dash
_ENTRY_HEAD = re.compile(rf"(?:^|(?<=\s))((?:«[^»]{{1,40}}»\s+)?(?:[{UPPER}]{{2,8}}\s+)?[{UPPER}]{{2,8}})\s*[{DASHES}-]\s")


def parse_list_entries(text: str) -> list[tuple[str, str, str]]:
    """Every entry of a list paragraph; two entries the extraction ran together are both found.

    >>> [e[1] for e in parse_list_entries("ҚЛҚ – Қазақстанның либералдық қозғалысы «Невада – Семей» ХЯҚҚ – "
    ...                                   "«Невада – Семей» халықаралық ядроға қарсы қозғалыс")]
    ['ҚЛҚ', 'ХЯҚҚ']
    """
    text = " ".join(text.split())
    if not line_shapes.is_abbreviation_entry(text):
        return []
    parts = re.split(rf"\s[{DASHES}-]\s*|[{DASHES}]\s*", text, maxsplit=1)
    if len(parts) != 2:
        return []
    heads = [(0, parts[0].strip(), len(parts[0]))]
    rest_start = len(text) - len(parts[1])
    for m in _ENTRY_HEAD.finditer(text, rest_start):
        heads.append((m.start(1), m.group(1), m.end()))
    entries = []
    for i, (_start, head, body_start) in enumerate(heads):
        body_end = heads[i + 1][0] if i + 1 < len(heads) else len(text)
        expansion = text[body_start:body_end].strip().lstrip(DASHES + "- ").rstrip(";,. ").strip()
        tokens = [m.group(1) for m in abbreviation_tokens(head)]
        if tokens and expansion:
            entries.append((head, tokens[-1], expansion))
    return entries


def _units(abbreviation: str) -> list[str]:
    """The letters an abbreviation is spelled with: a capital with the lowercase letters after it
    (`KazISS` → `Kaz`, `I`, `S`, `S`)."""
    return re.findall(rf"[{UPPER}][{LOWER}]*", abbreviation) if abbreviation[:1].isupper() else [abbreviation]


def _spells(words: list[str], abbreviation: str, skips: int = 0) -> bool:
    """Whether ``words`` spell ``abbreviation`` with their initials (or, for a unit with lowercase
    letters such as `Kaz`, the word's first letters). Function words may stand anywhere but at the
    start, postpositions inside; ``skips`` other words inside may be left out (`Азиядағы өзара
    іс-қимыл және сенім шаралары жөніндегі кеңес` = АӨІСК leaves out `шаралары`)."""
    units = _units(abbreviation)
    n = len(words)

    def word_gives(word: str, j: int) -> list[int]:      # unit indexes after ``word`` spells from j
        out = []
        if _fold(units[j]) == _fold(word[:len(units[j])]):
            out.append(j + 1)
        parts = [p for p in word.split("-") if p]
        if len(parts) > 1 and j + len(parts) <= len(units) and all(
                len(u) == 1 and u == p[0].upper() for u, p in zip(units[j:j + len(parts)], parts)):
            out.append(j + len(parts))
        return out

    @functools.cache
    def match(i: int, j: int, left: int) -> bool:          # words[i:] spell units[j:]
        if i == n:
            return j == len(units)
        word = words[i]
        low = word.lower()
        if i > 0 and (low in FUNCTION_WORDS or low in POSTPOSITIONS) and match(i + 1, j, left):
            return True
        if j < len(units) and any(match(i + 1, k, left) for k in word_gives(word, j)):
            return True
        return 0 < i < n - 1 and left > 0 and match(i + 1, j, left - 1)
    return bool(words) and words[0].lower() not in FUNCTION_WORDS and match(0, 0, skips)


# an abbreviation made through Russian writes К for Қ, У for Ұ… (`Қазақстанның … (КОСКҰ)`)
_RUSSIAN_LETTERS = KAZAKH_AS_RUSSIAN


def _fold(text: str) -> str:
    return text.lower().translate(_RUSSIAN_LETTERS)


def _script(text: str) -> str:
    letters = [c for c in text if c.isalpha()]
    return "latin" if letters and all("a" <= c.lower() <= "z" for c in letters) else "other"


def _is_abbreviation(token: str) -> bool:
    capitals = sum(c.isupper() for c in token)
    return capitals >= 2 and len(token) - capitals <= capitals and not is_roman_numeral(token)


# the last spelled word in the genitive plural (`ұйымдарының`): the name's head noun follows the bracket
_PLURAL_GENITIVE = re.compile(r"(?:лар|лер|дар|дер|тар|тер)(?:ының|інің|дың|дің|тың|тің|ның|нің)$")
_NEXT_WORD = re.compile(rf"\s+([{LOWER}]+)")


def inline_definitions(text: str) -> list[tuple[str, str]]:
    """``(abbreviation, expansion in the nominative)`` for every `words (АББР)` whose words spell it.

    The words may be spelled with one left out, across commas (`Қазақстанның орыс, славян және
    казак ұйымдарының (КОСКҰ) қауымдастығына`, where the name goes on after the bracket), or be a
    translation: an abbreviation of another script, or a capitalised name of exactly as many words
    as the abbreviation has capitals (`Халықаралық қатынастар жөніндегі қазақстандық кеңестің (КАСМО)`).

    >>> inline_definitions("мемлекеттік комитетті (ТЖМК) құрған: Төтенше жағдай жөніндегі мемлекеттік комитетті (ТЖМК)")
    [('ТЖМК', 'Төтенше жағдай жөніндегі мемлекеттік комитет')]
    >>> inline_definitions("Қазақстанның орыс, славян және казак ұйымдарының (КОСКҰ) қауымдастығына бірікті")
    [('КОСКҰ', 'Қазақстанның орыс, славян және казак ұйымдарының қауымдастығы')]
    >>> inline_definitions("халықаралық қауіпсіздікке жәрдемдесу күштерінің (ISAF) миссиясы")
    [('ISAF', 'халықаралық қауіпсіздікке жәрдемдесу күштері')]
    >>> inline_definitions("The Kazakhstan Institute for Strategic Studies (KazISS) under the President")
    [('KazISS', 'Kazakhstan Institute for Strategic Studies')]
    >>> inline_definitions("Франклин Рузвельт (АҚШ), Шарль де Голль (Франция)")
    []
    """
    found = []
    for m in _PAREN.finditer(text):
        abbreviation = m.group(1)
        if not _is_abbreviation(abbreviation):
            continue
        before = text[:m.start()]
        span, spelled = _defining_span(before, abbreviation)
        if span is None:
            continue
        expansion = before[span:].strip()
        last = expansion.rsplit(" ", 1)[-1]
        following = _NEXT_WORD.match(text, m.end())
        if spelled and _PLURAL_GENITIVE.search(last) and following:
            expansion = f"{expansion} {nominative(following.group(1))}"
        found.append((abbreviation, nominative(expansion)))
    return found


def _words(before: str, clause_end: re.Pattern) -> list[re.Match]:
    clause_start = max((c.end() for c in clause_end.finditer(before)), default=0)
    return list(_WORD.finditer(before, clause_start))[-MAX_EXPANSION_WORDS:]


def _defining_span(before: str, abbreviation: str) -> tuple[int | None, bool]:
    """Where the words defining ``abbreviation`` start in ``before`` (the text up to its bracket),
    and whether they spell it (rather than translate it)."""
    tries = ((_CLAUSE_END, 0), (_CLAUSE_END, 1), (_SENTENCE_END, 0))
    if len(_units(abbreviation)) < 4:
        tries = tries[:1]
    for clause_end, skips in tries:
        words = _words(before, clause_end)
        for k in range(1, len(words) + 1):
            if _spells([w.group(1) for w in words[-k:]], abbreviation, skips):
                return words[-k].start(), True
    # a translated name: as many words as capitals, in another script than the abbreviation or
    # beginning with a capital
    words = _words(before, _CLAUSE_END)
    count = sum(c.isupper() for c in abbreviation)
    if len(words) >= count:
        span = [w.group(1) for w in words[-count:]]
        other_script = _script(abbreviation) != _script(" ".join(span))
        # (a first word in a case form is no name's first word: `Астанада Еуразиялық экономикалық одақ`)
        if (other_script or span[0][:1].isupper()) and span[0].lower() not in FUNCTION_WORDS | POSTPOSITIONS \
                and nominative(span[0]) == span[0] and not any(_is_abbreviation(w) for w in span):
            return words[-count].start(), False
    return None, False


# case endings a defined name takes in the sentence that defines it (`институтында (ӘЭСИ)`)
# (the accusative -ны/-ды/-ты and a bare -н only where no nominative ends like them: -ты/-ті after
# a voiceless consonant, `комитетті`; -ны/-ні after -ия, `партияны`; -н after the possessive -сы/-гі,
# `кеңесін`, `бірлестігін`; `майданы`, `ақын` are nominatives)
_AFTER_POSSESSIVE = re.compile(r"(?<=[ыі])(?:ның|нің|на|не|нда|нде|нан|нен|мен)$|(?<=[мсгғ][ыі])н$")
_CASE_ENDING = re.compile(r"(?:ның|нің|дың|дің|тың|тің|ға|ге|қа|ке|да|де|та|те|дан|ден|тан|тен|"
                          r"нан|нен|мен|бен|пен|(?<=[птқкс])т[ыі]|(?<=ия)н[ыі])$")


def nominative(expansion: str) -> str:
    """The defining words without the case ending of their last word, and without a stray quote.

    >>> nominative("Әлемдік экономика және саясат институтында"), nominative("Кеден одағының")
    ('Әлемдік экономика және саясат институты', 'Кеден одағы')
    >>> nominative("«Ұлттық саяси диалогтың"), nominative("Алтын Орда"), nominative("жалпы ішкі өнімнің")
    ('Ұлттық саяси диалог', 'Алтын Орда', 'жалпы ішкі өнім')
    >>> nominative("Алматы Халық майданы"), nominative("Ұлттық кеңесін"), nominative("Қазақ ақын")
    ('Алматы Халық майданы', 'Ұлттық кеңесі', 'Қазақ ақын')
    """
    if expansion.count("«") != expansion.count("»"):
        expansion = expansion.replace("«", "").replace("»", "")
    head, _, last = expansion.rpartition(" ")
    for pattern in (_AFTER_POSSESSIVE, _CASE_ENDING):
        m = pattern.search(last)
        if m and m.start() >= 3:
            last = last[:m.start()]
            break
    return f"{head} {last}" if head else last


# -- the glossary ------------------------------------------------------------------------------

@dataclass
class Definition:
    expansion: str
    source: str                 # curated | list | inline
    head: str = ""              # the entry's head when it is more than the abbreviation («Азат» ҚАҚ)
    document: str = ""          # slug of the document that defines it
    block: str = ""             # id of the defining paragraph


@dataclass
class Term:
    term: str
    definitions: list[Definition] = field(default_factory=list)
    explanation: str = ""
    ru: str = ""
    en: str = ""
    line: int = 0               # line in the curated file

    def expansions_for(self, document: str = "") -> list[str]:
        """Distinct expansions, best first: curated, then this document's, then other documents'."""
        def rank(d: Definition) -> tuple[int, int]:
            order = {"curated": 0, "list": 1, "inline": 2}[d.source]
            return (0 if d.source == "curated" else 1 if d.document == document else 2, order)
        seen, out = set(), []
        for d in sorted(self.definitions, key=rank):
            shown = f"{d.head}: {d.expansion}" if d.head and d.head != self.term else d.expansion
            key = _norm(shown)
            if key not in seen:
                seen.add(key)
                out.append(shown)
        return out

    def title(self, document: str = "", limit: int = 3) -> str:
        """The tooltip: the expansions (several when a term has several meanings)."""
        expansions = self.expansions_for(document)
        title = "; ".join(expansions[:limit])
        return title + ("; …" if len(expansions) > limit else "")


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().replace("ё", "е").split())


class Glossary:
    def __init__(self) -> None:
        self.terms: dict[str, Term] = {}

    def term(self, term: str) -> Term:
        if term not in self.terms:
            self.terms[term] = Term(term)
        return self.terms[term]

    def add(self, term: str, definition: Definition) -> None:
        entry = self.term(term)
        key = (_norm(definition.expansion), definition.source, definition.document, _norm(definition.head))
        if all((_norm(d.expansion), d.source, d.document, _norm(d.head)) != key for d in entry.definitions):
            entry.definitions.append(definition)

    def __contains__(self, term: str) -> bool:
        return term in self.terms

    def sorted_terms(self) -> list[Term]:
        return sorted(self.terms.values(), key=lambda t: (_norm(t.term), t.term))

    def titles(self, document: str = "") -> dict[str, str]:
        return {t.term: t.title(document) for t in self.sorted_terms() if t.definitions}


def load_curated(text: str, file: str = "content/data/glossary.yml") -> list[Term]:
    """The curated terms of a glossary data file (EditionError with the line on a mistake)."""
    terms = []
    for record in read_records(text, file, "terms", FIELDS, ("term", "expansion")):
        term = Term(record["term"].strip(), [Definition(record["expansion"].strip(), "curated")],
                    record.get("explanation", "").strip(), record.get("ru", "").strip(),
                    record.get("en", "").strip(), record["__line__"])
        terms.append(term)
    return terms


def add_curated(glossary: Glossary, terms: Iterable[Term]) -> None:
    for t in terms:
        entry = glossary.term(t.term)
        for d in t.definitions:
            glossary.add(t.term, d)
        entry.explanation = entry.explanation or t.explanation
        entry.ru, entry.en, entry.line = entry.ru or t.ru, entry.en or t.en, entry.line or t.line


def definitions_in_blocks(blocks, document: str = "") -> list[tuple[str, Definition]]:
    """Definitions in a document's blocks: its list of abbreviations and definitions in running text.

    A block counts as a list entry when the structure pass marked it (``abbreviation_list``) or,
    if nothing is marked, when it stands in a run of at least five entry-shaped blocks.
    """
    blocks = list(blocks)
    marked = [b for b in blocks if b.attrs.get("abbreviation_list")]
    listed = {id(b) for b in marked} if marked else {id(b) for b in _entry_runs(blocks)}
    found: list[tuple[str, Definition]] = []
    for block in blocks:
        if id(block) in listed:
            for head, term, expansion in parse_list_entries(block.text):
                found.append((term, Definition(expansion, "list", head, document, block.id)))
            continue
        for term, expansion in inline_definitions(" ".join(block.text.split())):
            found.append((term, Definition(expansion, "inline", "", document, block.id)))
    return found


LIST_RUN = 5


def _entry_runs(blocks) -> list:
    run, out = [], []
    for block in list(blocks) + [None]:
        if block is not None and block.kind == "paragraph" and line_shapes.is_abbreviation_entry(block.text):
            run.append(block)
            continue
        if len(run) >= LIST_RUN:
            out.extend(run)
        run = []
    return out


def build_glossary(docs, curated: Iterable[Term] = ()) -> Glossary:
    """The glossary of the edition: curated terms and every document's own definitions."""
    glossary = Glossary()
    add_curated(glossary, curated)
    for doc in docs:
        for term, definition in doc.meta.get("abbreviation_definitions", []):
            glossary.add(term, definition)
    return glossary


# -- usage and undefined abbreviations ------------------------------------------------------------

_COMMON_LOWERCASE_RUNS = re.compile(f"[{LOWER}]+")


def is_caps_line(text: str) -> bool:
    """An all-caps headline or name line (more than 12 letters, over 60 % of them capitals): its
    capitals are words, not abbreviations.

    >>> is_caps_line("ҚАЗАҚСТАН РЕСПУБЛИКАСЫНЫҢ Конституциясы"), is_caps_line("ҚР мен КСРО туралы айтты")
    (True, False)
    """
    if len(text) <= 12:
        return False
    # Most blocks are prose: when common lowercase letters alone make 40 % of the characters, capitals
    # cannot be 60 % of the letters. An exact bound, found without a loop over the characters in Python.
    if (len(text) - len(_COMMON_LOWERCASE_RUNS.sub("", text))) * 5 >= len(text) * 2:
        return False
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 12 and sum(c.isupper() for c in letters) / len(letters) > 0.6


@dataclass
class Undefined:
    token: str
    count: int = 0
    places: list[tuple[str, str]] = field(default_factory=list)   # (document slug, block id), first few


_NAME_BEFORE = re.compile(rf"[{UPPER}][{LOWER}]+(?:-[{UPPER}][{LOWER}]+)?\s+$")


def abbreviation_uses(text: str) -> list[re.Match]:
    """The abbreviation tokens of a text that count as uses (none in an all-caps line)."""
    return [] if is_caps_line(text) else list(abbreviation_tokens(text))


def undefined_abbreviations(texts: Iterable[tuple[str, str, str]], glossary_terms: set[str],
                            known_words: set[str] = frozenset(),
                            uses: Callable[[str], list[re.Match]] = abbreviation_uses) -> list[Undefined]:
    """Abbreviations used in ``(document, block id, text)`` that no source defines, most used first.

    Not abbreviations: Roman numerals, words of all-caps lines, a surname in capitals after a
    given name (`Мәулен ӘШІМБАЕВ`), and words the corpus also writes in lower or title case
    (``known_words``, lowercased: `ОЛ` in a shouted sentence, `ТОҚАЕВ`). ``uses`` finds the tokens
    of a text (a memoised :func:`abbreviation_uses` when the caller has already scanned the texts).
    """
    found: dict[str, Undefined] = {}
    for document, block, text in texts:
        for m in uses(text):
            token = m.group(1)
            if token in glossary_terms or is_roman_numeral(token) or token.lower() in known_words:
                continue
            if len(token) >= 4 and _NAME_BEFORE.search(text, 0, m.start()):
                continue
            entry = found.setdefault(token, Undefined(token))
            entry.count += 1
            if len(entry.places) < 3:
                entry.places.append((document, block))
    return sorted(found.values(), key=lambda u: (-u.count, u.token))


_LETTERS = re.compile(rf"[{UPPER}{LOWER}]+")


def known_words(texts: Iterable[str]) -> set[str]:
    """Lowercased words the texts write in lower or title case (so a capitals-only form is a word)."""
    found: set[str] = set()
    for text in texts:
        found.update(_LETTERS.findall(text))
    return {w.lower() for w in found if not w.isupper()}


def terms_defined_in_texts(texts: Iterable[str]) -> set[str]:
    """Abbreviations defined in plain texts (list entries and definitions in brackets), for the linter."""
    terms: set[str] = set()
    for text in texts:
        terms.update(entry[1] for entry in parse_list_entries(text))
        terms.update(t for t, _ in inline_definitions(" ".join(text.split())))
    return terms


def read_curated_file(path: Path | None) -> list[Term]:
    if path is None or not path.is_file():
        return []
    return load_curated(path.read_text(encoding="utf-8"), str(path))


# -- tooltips (used by the exports) -----------------------------------------------------------------

def abbreviation_definitions(markdown: str, titles: dict[str, str]) -> str:
    """Python-Markdown ``abbr`` definitions for the abbreviations a page uses (to append to it).

    ``abbr`` wraps whole words: `ҚР` in `ҚР-да` (the hyphen ends the word) gets the definition of
    `ҚР`; a form with a glued suffix (`КСРОдағы`) gets a definition of its own.

    >>> print(abbreviation_definitions("КСРОдағы және ҚР-да, ҚР", {"ҚР": "Қазақстан Республикасы",
    ...                                "КСРО": "Кеңестік Социалистік Республикалар Одағы"}))
    *[КСРОдағы]: Кеңестік Социалистік Республикалар Одағы
    *[ҚР]: Қазақстан Республикасы
    """
    needed: dict[str, str] = {}
    for m in abbreviation_tokens(markdown):
        term, tail = m.group(1), m.group(2)
        title = titles.get(term)
        if not title:
            continue
        word = term if not tail or tail.startswith("-") else term + tail
        needed[word] = title
    # terms with lowercase letters (`KazISS`) are no run of capitals: found as whole words
    for term, title in titles.items():
        if title and not term.isupper() and re.search(rf"(?<![{UPPER}{LOWER}\d]){re.escape(term)}(?![{UPPER}{LOWER}\d])",
                                                      markdown):
            needed[term] = title
    return "\n".join(f"*[{word}]: {_title_text(title)}" for word, title in sorted(needed.items()))


def _title_text(title: str) -> str:
    # the title is an HTML attribute value written by abbr; keep it on one line
    return " ".join(title.split())


# -- the editors' report (`build-edition glossary`) --------------------------------------------------

def content_texts(content: Path) -> list[tuple[str, str, str]]:
    """``(document, paragraph id, plain text)`` of every paragraph of the pages in ``content``."""
    from build_edition.store.page_format import CHANGES_PAGE
    from build_edition.text.markdown import plain_text
    from build_edition.store.page_format import parse_page, read_tree

    texts = []
    for rel, text in read_tree(content).items():
        if not rel.endswith(".md") or "/" not in rel or rel == CHANGES_PAGE:
            continue
        for chunk in parse_page(text).chunks:
            if chunk.key and not chunk.key.startswith(("apparatus-", "note-")):
                texts.append((rel.split("/", 1)[0], chunk.key, plain_text(chunk.raw)))
    return texts
