"""Shapes of lines and blocks, shared by paragraph assembly and the structure passes.

A line's shape (all-caps heading, list marker, dialogue dash, abbreviation entry, byline, date) is
evidence both for where a paragraph starts and for what kind of block it is. Block helpers split a
block at a seed line boundary without changing its words (layout only, nothing to log).

>>> is_caps_heading("ТАРИХ ТАСҚЫНЫНДА ")
True
>>> is_caps_heading("Мәулен ӘШІМБАЕВ,")
False
>>> list_marker("а) қауымдастығын,"), list_marker("10. Қатер-жаңа әлемдік"), list_marker("1 наурызда")
('а)', '10.', '')
>>> is_abbreviation_entry("«Нұр Отан» ХДП – «Нұр Отан» халықтық-демократиялық партиясы")
True
>>> is_abbreviation_entry("Бұл – өте маңызды жұмыс.")
False
>>> is_byline_start("Мәулен ӘШІМБАЕВ,"), is_byline_start("Жанат "), is_byline_start("Ол ХХІ ғасырдағы ұлттың дең-")
(True, False, False)
>>> is_byline_start("/лия ;БДІҚАДЫР,"), is_byline_start("Мәулен &ШІМБАЕВ,"), is_byline_start("(мысалы ҚР,")
(True, True, False)
>>> ends_sentence("ақпарат көзі болып қала береді.»"), ends_sentence("зерттеу-")
(True, False)
"""
from __future__ import annotations

import re

from build_edition.core.model import Block, Document
from build_edition.text.alphabet import KAZAKH_ONLY, LATIN, RUSSIAN
from build_edition.text.alphabet import LOWER_ANY_SCRIPT as LOWER, UPPER_ANY_SCRIPT as UPPER

DASHES = "–—"

_SENTENCE_END = re.compile(r"[.!?…:;][\s»\"”’)\]]*$|\[\d+(?:[,–-]\s*\d+)*\]\.?\s*$")
_LIST_MARKER = re.compile(rf"^\s*(\d{{1,2}}[.)]|[{LOWER}]\)|\d{{1,2}}\.\d{{1,2}}\.?)(?=\s+\S)")
_ABBREVIATION_ENTRY = re.compile(
    rf"^\s*(?:«[^»]{{1,40}}»\s+)?(?:\S+\s+){{0,2}}?(?P<abbr>[{UPPER}][{UPPER}{LOWER}]*[{UPPER}][{UPPER}{LOWER}]*)"
    rf"\s*[{DASHES}-]\s*\S")
# characters the newspaper's broken fonts print for ө/Ө/ә/Ә (evidence.lexicon.BROKEN_GLYPHS): a byline's
# name may hold them before the letters are restored (`/лия ;БДІҚАДЫР,`, `Мәулен &ШІМБАЕВ,`)
_BROKEN = re.escape("\ufffd$#!9&3(>6%*/;=")
_NAME = rf"[{UPPER}{_BROKEN}][{LOWER}{_BROKEN}]+"
_SURNAME = rf"(?=(?:[{_BROKEN}]?[{UPPER}]){{3}})[{UPPER}{_BROKEN}]{{3,}}"
_BYLINE = re.compile(
    rf"^\s*(?:{_NAME}\s+{_SURNAME}(?:ҰЛЫ|ҚЫЗЫ)?|[{UPPER}]\.\s?{_SURNAME})\s*,?\s*$")
_BYLINE_WITH_POSITION = re.compile(rf"^\s*{_NAME}\s+{_SURNAME}(?:-[{UPPER}]+)?\s*,\s*\S")
ONE_LINE_BYLINE_MAX = 80
_CHAPTER_LABEL = re.compile(r"^\s*(?:[IVXLCІ]{1,6}|\d{1,2})\s*-?\s*тарау\s*\.?\s*$", re.IGNORECASE)
_ORDINALS = ("бірінші|екінші|үшінші|төртінші|бесінші|алтыншы|жетінші|сегізінші|тоғызыншы|оныншы|"
             "он бірінші|он екінші|он үшінші|он төртінші|он бесінші")
_CHAPTER_LABEL_OPENING = re.compile(
    rf"^\s*(?:(?:[IVXLCІ]{{1,6}}|\d{{1,2}})\s*-?\s*|(?:{_ORDINALS})\s+)(?:тарау|бөлім)(?:\s*[.:]|\s*$)", re.IGNORECASE)
# Names of the parts of a book that stand alone on their line as headings.
BOOK_PART_WORDS = ("алғысөз", "кіріспе", "қорытынды", "мазмұны", "қосымша", "қосымшалар", "пайдаланылған әдебиеттер",
                   "әдебиеттер", "сөз соңы", "түйін", "библиография")
_DATE_LINE = re.compile(r"^\s*(?:\d{1,2}\s+\w+\s+)?\d{4}\s*(?:жыл|ж\.)?\s*$")


_LETTER = re.compile(r"[^\W\d_]")


def letters(text: str) -> list[str]:
    return _LETTER.findall(text)


_UPPER_LETTER = re.compile(rf"[{UPPER}]")
_LOWER_LETTER = re.compile(rf"[{LOWER}]")
_CAPS_RUN = re.compile(rf"[{UPPER}]{{3,}}")


def is_caps_heading(text: str) -> bool:
    """An all-capital line of words (newspaper headlines, rubrics, subheadings)."""
    upper = len(_UPPER_LETTER.findall(text))
    lower = len(_LOWER_LETTER.findall(text))
    return upper + lower >= 4 and upper / (upper + lower) >= 0.85 and _CAPS_RUN.search(text) is not None


def is_upper_line(text: str) -> bool:
    """A short line of capitals only (`ЕЛ`, `СІП`): too short for a headline alone, part of one."""
    chars = letters(text)
    return len(chars) >= 2 and all(c.isupper() for c in chars)


def list_marker(text: str) -> str:
    """The list marker a line starts with (`1.`, `2)`, `а)`, `2.1.`), or ''."""
    m = _LIST_MARKER.match(text)
    return m.group(1) if m else ""


def starts_with_dash(text: str) -> bool:
    """Dialogue turns and quoted speech start with a dash."""
    return text.lstrip()[:1] in DASHES


def is_abbreviation_entry(text: str) -> bool:
    """`АББР – expansion`: an entry of a list of abbreviations.

    >>> is_abbreviation_entry("«Невада – Семей» ХЯҚҚ – «Невада – Семей» халықаралық ядроға")
    True
    """
    m = _ABBREVIATION_ENTRY.match(text)
    if not m:
        return False
    abbr = m.group("abbr")
    caps = sum(c.isupper() for c in abbr)
    return caps >= 2 and caps * 2 >= len(letters(abbr))


def is_byline_start(text: str) -> bool:
    """`Name SURNAME,` or `Н.SURNAME`: the first line of a newspaper byline."""
    return bool(_BYLINE.match(text))


def is_one_line_byline(text: str) -> bool:
    """`Name SURNAME, position` on one short line without a sentence end (`Дана ҚАСЫМОВА, журналист`).

    >>> is_one_line_byline("Дана ҚАСЫМОВА, журналист"), is_one_line_byline("Мәулен ӘШІМБАЕВ, ҚР Парламенті Сенатының Төрағасы")
    (True, True)
    >>> is_one_line_byline("Асхат ОРАЗ, бұл туралы айтты.")
    False
    """
    m = _BYLINE_WITH_POSITION.match(text)
    return bool(m) and len(text.strip()) <= ONE_LINE_BYLINE_MAX and not ends_sentence(text)


def is_quoted_title(text: str) -> bool:
    """A short line wholly in quotation marks without a sentence end inside: a headline (`«Туған жерге туыңды тік»`).

    >>> is_quoted_title("«Туған жерге туыңды тік»"), is_quoted_title("«Ол келді» деді.")
    (True, False)
    """
    t = text.strip()
    return (3 < len(t) <= ONE_LINE_BYLINE_MAX and t.startswith("«") and t.endswith("»") and "»" not in t[1:-1]
            and not re.search(r"[.!?…]\s", t))


def is_chapter_label(text: str) -> bool:
    """`I-тарау`, `2-тарау`: the label line of a book chapter.

    >>> is_chapter_label(" II-тарау "), is_chapter_label("I-тарау. Егемен Қазақстанның саяси ойын")
    (True, False)
    """
    return bool(_CHAPTER_LABEL.match(text))


def starts_with_chapter_label(text: str) -> bool:
    """A line that opens with a chapter or part label, numbered or in words (`I-тарау. Егемен…`,
    `Бірінші бөлім. Көшпелі өркениеттің…`, `3-бөлім`).

    >>> starts_with_chapter_label("Бірінші бөлім. Көшпелі өркениеттің тарихи тамырлары"), starts_with_chapter_label("II-тарау")
    (True, True)
    >>> starts_with_chapter_label("Бірінші бөлімде айтылғандай")
    False
    """
    return bool(_CHAPTER_LABEL_OPENING.match(text))


def is_book_part(text: str) -> bool:
    """A line naming a part of a book on its own (`Алғысөз`, `Қорытынды`)."""
    return text.strip().rstrip(".").lower() in BOOK_PART_WORDS


def is_lone_name(text: str) -> bool:
    """A first name alone on its line, the start of a byline broken before the surname (`Жанат`)."""
    return bool(re.fullmatch(rf"\s*[{UPPER}][{LOWER}]{{2,}}\s*", text))


def is_caps_surname(text: str) -> bool:
    """`ҚАЙЫРҒОЖИНА,`: a surname in capitals ending with a comma, the second line of a broken byline."""
    return bool(re.fullmatch(rf"\s*[{UPPER}]{{3,}}(?:-[{UPPER}]+)?\s*,\s*", text))


def glued_headline_word(text: str) -> int:
    """Where a headline word glued to a body line after its hyphen starts (`орталы-ТЫНЫШТЫҚ` → 7), or -1."""
    m = re.search(rf"[{LOWER}]-(?P<word>[{UPPER}]{{6,}})\s*$", text)
    return m.start("word") if m else -1


def is_date_line(text: str) -> bool:
    """A line holding only a year or a date (under a signature)."""
    return bool(_DATE_LINE.match(text))


def ends_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text.rstrip()))


def ends_with_hyphen(text: str) -> bool:
    """A line-end hyphen (possibly after justification spaces) that may split a word."""
    t = text.rstrip()
    return t.endswith("-") and len(t) > 1 and (t[-2].isalpha() or t[-2] == " ")


def first_letter(text: str) -> str:
    """The first letter or digit (opening quotes, brackets and dashes skipped)."""
    for c in text:
        if c.isalnum():
            return c
    return ""


def starts_lowercase(text: str) -> bool:
    """The text opens (after quotes, brackets, dashes) with a lower-case letter; a broken glyph
    (`%р` for `Әр`) does not count as one."""
    opening = text.lstrip(" \t«\"„“(–—-")
    return opening[:1].islower()


# -- blocks ------------------------------------------------------------------------------------

def source_lines(doc: Document, block: Block) -> list[tuple[int, int, int]]:
    """(seed line, start index, end index) of each stretch of ``block.text`` that comes from one seed line.

    Characters inserted between lines (the space that replaced a line end) belong to no stretch.
    """
    out: list[tuple[int, int, int]] = []
    for i, off in enumerate(block.origin):
        line = doc.line_of(off)
        ch = block.text[i]
        if doc.source[off:off + 1] == "\n" or (ch == " " and doc.source[off:off + 1] != " "):
            continue  # a line end turned into layout
        if out and out[-1][0] == line and out[-1][2] == i:
            out[-1] = (line, out[-1][1], i + 1)
        else:
            out.append((line, i, i + 1))
    return out


def split_block(doc: Document, block: Block, index: int, kind: str | None = None) -> Block:
    """Cut ``block`` before ``text[index]``; the tail becomes a new block placed right after it.

    Only the whitespace at the cut is dropped, so the words are untouched and nothing is logged.
    Returns the new (second) block.
    """
    head_end = index
    while head_end > 0 and block.text[head_end - 1].isspace():
        head_end -= 1
    tail_start = index
    while tail_start < len(block.text) and block.text[tail_start].isspace():
        tail_start += 1
    if head_end == 0 or tail_start >= len(block.text):
        raise ValueError("split_block needs text on both sides of the cut")
    tail = Block(kind or block.kind, block.text[tail_start:], block.origin[tail_start:], level=block.level,
                 lang=block.lang, attrs={k: v for k, v in block.attrs.items() if k in ("shape",)})
    block.text, block.origin = block.text[:head_end], block.origin[:head_end]
    doc.blocks.insert(doc.blocks.index(block) + 1, tail)
    return tail


def join_blocks(doc: Document, first: Block, second: Block) -> None:
    """Append ``second`` to ``first`` with one space between (layout only) and drop ``second``."""
    head_end = len(first.text.rstrip())
    tail_start = len(second.text) - len(second.text.lstrip())
    joiner = second.origin[tail_start] - 1 if tail_start < len(second.origin) else first.origin[-1]
    first.text = first.text[:head_end] + " " + second.text[tail_start:]
    first.origin = first.origin[:head_end] + [joiner] + second.origin[tail_start:]
    doc.blocks.remove(second)


def split_after_line(doc: Document, block: Block, line_count: int = 1, kind: str | None = None) -> Block | None:
    """Split ``block`` after its first ``line_count`` seed lines; returns the tail (None if too short)."""
    stretches = source_lines(doc, block)
    lines = sorted({s[0] for s in stretches})
    if len(lines) <= line_count:
        return None
    cut_line = lines[line_count]
    start = min(s[1] for s in stretches if s[0] == cut_line)
    return split_block(doc, block, start, kind)


_LATIN_LETTER = re.compile(f"[{LATIN}]")
_KAZAKH_LETTER = re.compile(f"[{KAZAKH_ONLY}]")
_CYRILLIC_LETTER = re.compile(f"[{RUSSIAN}]")   # the letters Kazakh shares with Russian
_RUSSIAN_WORDS = {"и", "в", "на", "по", "для", "при", "с", "от", "за", "является", "г", "ул", "более", "года"}
_KAZAKH_WORDS = {"және", "мен", "бен", "пен", "үшін", "бойынша", "туралы", "жылы", "көш", "қ", "ж"}


def guess_language(text: str) -> str:
    """kk, ru or en from the letters alone: Kazakh has its own letters, English is Latin.

    >>> guess_language("Ключевые слова: межэтническое согласие"), guess_language("Key words: tolerance")
    ('ru', 'en')
    >>> guess_language("Тірек сөздер: этносаралық келісім")
    'kk'
    """
    latin = len(_LATIN_LETTER.findall(text))
    kazakh = len(_KAZAKH_LETTER.findall(text))
    cyrillic = len(_CYRILLIC_LETTER.findall(text))
    if not latin + kazakh + cyrillic:
        return "kk"
    if latin / (latin + kazakh + cyrillic) > 0.6:
        return "en"
    if not cyrillic:
        return "kk"
    share = kazakh / (cyrillic + kazakh)
    words = set(re.findall(r"\w+", text.lower()))
    russian_words = len(words & _RUSSIAN_WORDS) > len(words & _KAZAKH_WORDS)
    if share < 0.02 or share < 0.08 and russian_words:   # Kazakh names inside Russian text
        return "ru"
    return "kk"


def paragraphs_of(doc: Document, kind: str = "paragraph") -> list[Block]:
    """One block per run of non-blank source lines, line ends kept (for examples and tests)."""
    return [doc.make_block(kind, m.start(), m.end()) for m in re.finditer(r"[^\n]+(?:\n[^\n]+)*", doc.source)
            if m.group().strip()]


def block_starting_at_line(doc: Document, line: int) -> Block | None:
    """The block whose text starts on seed ``line`` (for catalogue overrides that name a line)."""
    for block in doc.blocks:
        if block.origin and doc.line_of(block.origin[0]) == line:
            return block
    return None
