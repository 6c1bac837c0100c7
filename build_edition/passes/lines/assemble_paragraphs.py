"""Assemble source lines into paragraphs.

Blank lines are evidence, not law: PDF columns drop blank lines inside words and sentences, and
some extractions put the blank one line after the real break. A boundary between two lines is
decided from both sides:

* across a blank line, the paragraph continues when the line before does not end a sentence and
  the next line starts in lower case (or continues a hyphenated word), or when the line before
  runs to the full column width (a column break before a capitalised word);
* when such a continuation is found, a break one line earlier (a short line ending a sentence
  followed by a capitalised line) is where the paragraph really ended;
* without a blank line, a new paragraph starts at a list marker (`1)`, `а)`, `2.1.`), an entry of a
  list of abbreviations (`ҚР – Қазақстан Республикасы`), a dialogue dash after a finished
  sentence, a byline (`Мәулен ӘШІМБАЕВ,`), a lone date under a signature, and around all-capital
  headlines (whose own lines are joined);
* a short numbered line without a full stop followed by a blank line is a section title, and chapter
  labels (`I-тарау`), names of book parts (`Алғысөз`) and lone dates stand alone;
* a text laid out as one paragraph per long line (web pages) keeps one paragraph per line.

Editors can force a paragraph start on a seed line (``catalogue_overrides.paragraph_starts`` in the catalogue).

Lines joined into a paragraph keep their "\\n" until ``unwrap_lines``, so line-level repairs (hyphens
at line ends) can still see them. Blocks that are not lines (continuation notes made from page
furniture) never split a paragraph: they follow the paragraph they interrupted.

>>> from build_edition.core.model import Document
>>> from build_edition.read.seed_reader import read_lines
>>> def paragraphs(text, kind="book"):
...     doc = Document("x", kind, "x.txt", text); read_lines(doc); run(doc)
...     return [b.text for b in doc.blocks]

A blank line inside a sentence (000, line 1814) is a column break, not a paragraph break:

>>> paragraphs("Үшіншіден,\\nбірқатар ірі кәсіпорындардың\\n\\nтабысы азайды.\\n\\nЕнді 2024 жылғы")
['Үшіншіден,\\nбірқатар ірі кәсіпорындардың\\nтабысы азайды.', 'Енді 2024 жылғы']

A word split across a page break (002, "са-" / "ясат") is rejoined:

>>> paragraphs("экономика, содан кейін са-\\n\\n\\nясат қағидаты бойынша.")
['экономика, содан кейін са-\\nясат қағидаты бойынша.']

The displaced blank line of 003 (line 232): the paragraph really starts one line earlier:

>>> paragraphs("б) қақтығыстарға ескере отырып қарау .\\nҰлтаралық қатынастардың жеке субъектілерінің түпкі мүддесі мен мемлекет ауқымындағы\\n\\n"
...            "жалпы ұлттық мүдделердің бір болуының объективтік негізі бар .")[1][:30]
'Ұлтаралық қатынастардың жеке с'

Numbered list items, a headline and a byline are not glued to their neighbours:

>>> paragraphs("10 жаһандық сын-қатерін атап өтті:\\n1. Тарихи уақыттың үдеуі.\\n2. Жаһандық демографиялық теңгерімсіздік.")
['10 жаһандық сын-қатерін атап өтті:', '1. Тарихи уақыттың үдеуі.', '2. Жаһандық демографиялық теңгерімсіздік.']
>>> paragraphs("ТЫНЫШТЫҚ КҮЗЕТШІСІ\\nКешкі сағат жеті. Көпшілік\\nүйіне асығып жатқанда.\\n Мәулен ӘШІМБАЕВ,\\nҚР Парламенті Сенатының\\nТөрағасы")
['ТЫНЫШТЫҚ КҮЗЕТШІСІ', 'Кешкі сағат жеті. Көпшілік\\nүйіне асығып жатқанда.', ' Мәулен ӘШІМБАЕВ,\\nҚР Парламенті Сенатының\\nТөрағасы']
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass

from build_edition.text import line_shapes
from build_edition.read import catalogue_overrides
from build_edition.core.model import Block, Document

RULE = "assemble_paragraphs"
REMOVAL_LABELS = {"catalogue_furniture": "каталогта бет безендіруі деп белгіленген жол"}
ONE_PARAGRAPH_PER_LINE = 150  # median line length (chars) above which every line is a paragraph (web text)
FULL_WIDTH = 0.6              # a line this share of the local column width runs on past a blank line
SHORT_FINAL = 0.9             # a sentence-final line shorter than this share of the width can end a paragraph
WINDOW = 12                   # lines on each side that define the local column width
BYLINE_LINES = 4              # lines of a byline (name, position) before the article's text
BODY_WIDTH = 0.85             # a line this share of the column width, with the paragraph going on, is running text
PROSE_WIDTH = 0.8             # a line of prose under a title runs to this share of the full width
TITLE_WIDTH = 0.7             # a title line above its paragraph is shorter than this share of the full width
MAX_INTERLEAVED = 3           # headline and standfirst paragraphs a column layout prints inside a body paragraph


@dataclass
class _Line:
    block: Block
    text: str          # stripped text
    blank_before: bool  # a blank line (or page furniture framed by blank lines) precedes this line
    width: float = 0.0  # typical line length around this line (80th percentile)
    moved: bool = False             # out of source order (``catalogue_overrides.line_moves``): its blank is a column jump
    byline: bool = False            # first line of a byline broken before the surname
    byline_continues: bool = False  # the surname line of such a byline
    full: float = 0.0   # full column width around this line (90th percentile)
    caps: bool = False  # an all-capital (headline) line
    alone: bool = False  # a line that stands alone: a lone date, a chapter label, the name of a book part
    abbreviation: bool = False  # shaped like an entry of a list of abbreviations

    def __post_init__(self) -> None:
        self.caps = line_shapes.is_caps_heading(self.text)
        self.alone = (line_shapes.is_date_line(self.text) or line_shapes.is_chapter_label(self.text)
                      or line_shapes.is_book_part(self.text))
        self.abbreviation = line_shapes.is_abbreviation_entry(self.text)

    @property
    def marker(self) -> str:
        return line_shapes.list_marker(self.text)


def run(doc: Document) -> None:
    _split_glued_headline_words(doc)
    _remove_listed_furniture(doc)
    _apply_line_moves(doc)
    lines: list[_Line] = []
    floating: dict[int, list[Block]] = {}   # non-line blocks, keyed by the index of the next line
    previous_end = None
    forced_starts = set(catalogue_overrides.line_list(doc, "paragraph_starts"))
    for block in doc.blocks:
        if block.kind != "line":
            floating.setdefault(len(lines), []).append(block)
            continue
        moved = block.attrs.pop("moved", False) or (
            previous_end is not None and bool(block.origin) and block.origin[0] <= previous_end)
        if previous_end is None or moved:
            blank = True    # the first line, or a line moved out of source order: a column jump
        else:
            blank = _blank_between(doc, previous_end, block)
        if block.attrs.get("starts_paragraph") or (block.origin and doc.line_of(block.origin[0]) in forced_starts):
            blank = True
            block.attrs["starts_paragraph"] = True
        lines.append(_Line(block, block.text.strip(), blank))
        lines[-1].moved = moved
        lines[-1].alone |= bool(block.attrs.get("page_opener"))   # a title opening a page (remove_furniture)
        previous_end = block.origin[-1] if block.origin else previous_end
    _measure_widths(lines)
    _mark_broken_bylines(lines)
    if doc.kind == "book":
        _mark_titles(lines)
    per_line = bool(lines) and statistics.median(len(ln.text) for ln in lines) >= ONE_PARAGRAPH_PER_LINE

    groups: list[list[int]] = []
    for i, line in enumerate(lines):
        if not groups or per_line or _starts_paragraph(lines, groups[-1], i):
            groups.append([i])
            continue
        group = groups[-1]
        if line.blank_before and len(group) >= 2 and _displaced_break(lines, group[-2], group[-1]):
            groups.append([group.pop()])
        groups[-1].append(i)
    groups = _rejoin_interleaved(lines, groups)

    out: list[Block] = list(floating.get(0, []))
    for group in groups:
        if group[0]:
            out.extend(floating.get(group[0], []))
        out.append(_paragraph([lines[i].block for i in group]))
        for i in group[1:]:
            out.extend(floating.get(i, []))
    out.extend(floating.get(len(lines), []) if lines else [])
    doc.blocks = out


def _split_glued_headline_words(doc: Document) -> None:
    """`орталы-ТЫНЫШТЫҚ` (000, line 3144): a headline word printed into the body column is cut off
    into a line of its own, so the body line keeps its hyphen and the headline its word."""
    for block in list(doc.blocks):
        if block.kind != "line":
            continue
        cut = line_shapes.glued_headline_word(block.text)
        if cut > 0:
            tail = Block("line", block.text[cut:], block.origin[cut:], attrs={"blank_before": False})
            block.text, block.origin = block.text[:cut], block.origin[:cut]
            doc.blocks.insert(doc.blocks.index(block) + 1, tail)


def _remove_listed_furniture(doc: Document) -> None:
    """``catalogue_overrides.furniture_lines``: page furniture the rules keep (a rubric that could end a headline)."""
    listed = set(catalogue_overrides.line_list(doc, "furniture_lines"))
    for block in [b for b in doc.blocks if b.kind == "line" and b.origin and doc.line_of(b.origin[0]) in listed]:
        doc.remove(block, f"{RULE}:catalogue_furniture")


def _apply_line_moves(doc: Document) -> None:
    """``catalogue_overrides.line_moves``: put runs of source lines back in reading order (columns extracted out of order)."""
    for item in catalogue_overrides.entries(doc, "line_moves", ("lines", "before")):
        first, last = _line_range(doc, item["lines"])
        moved = [b for b in doc.blocks if b.kind == "line" and b.origin and first <= doc.line_of(b.origin[0]) <= last]
        target = next((b for b in doc.blocks if b.kind == "line" and b.origin
                       and doc.line_of(b.origin[0]) == item["before"]), None)
        if not moved or target is None or target in moved:
            catalogue_overrides.fail(doc, f"`catalogue_overrides.line_moves`: lines {item['lines']} or line {item['before']} hold no text",
                           "name non-blank seed lines")
        for block in moved:
            doc.blocks.remove(block)
            block.attrs["moved"] = True
        target.attrs["moved"] = True     # the line after the run follows it out of source order
        at = doc.blocks.index(target)
        doc.blocks[at:at] = moved


def _line_range(doc: Document, value) -> tuple[int, int]:
    text = str(value)
    parts = text.split("-")
    if not all(p.strip().isdigit() for p in parts) or len(parts) > 2:
        catalogue_overrides.fail(doc, f"`catalogue_overrides.line_moves`: {text!r} is not a line or a range of lines", "write e.g. 91-114")
    return int(parts[0]), int(parts[-1])


def _mark_broken_bylines(lines: list[_Line]) -> None:
    """`Жанат` / `ҚАЙЫРҒОЖИНА,` / `Батыс Қазақстан облысы`: a byline whose name is broken before the surname."""
    for i in range(len(lines) - 1):
        first, second = lines[i], lines[i + 1]
        if line_shapes.is_lone_name(first.text) and not second.blank_before and (
                line_shapes.is_caps_surname(second.text) or line_shapes.is_byline_start(second.text)):
            first.byline = True
            second.byline_continues = True


def _mark_titles(lines: list[_Line]) -> None:
    """A title stands alone (`Дала өркениетінің бастаулары` / `Қазақ даласының тарихы…`), printed right
    above its first paragraph or with a blank line under it: at a paragraph start, clearly shorter than the
    column (or opening with a chapter label: `Бірінші бөлім. …`), without closing punctuation, capitalised,
    after a finished sentence, with a capitalised line under it. In justified book text the first line of a
    paragraph runs to the column's edge, so a short one is a line of its own, and a short line is no column
    break either.

    >>> def lines_of(*texts):    # "" stands for a blank line
    ...     out, blank = [], True
    ...     for t in texts:
    ...         if t:
    ...             out.append(_Line(Block("line", t, list(range(len(t)))), t, blank))
    ...         blank = not t
    ...     _measure_widths(out); _mark_titles(out); return [line.alone for line in out]
    >>> lines_of("Дала өркениетінің бастаулары", "Қазақ даласының тарихы сан ғасырларға созылады. Ежелгі",
    ...          "көшпелілер бұл кең өлкеде мал шаруашылығымен айналысып, өздеріне", "тән мәдениет қалыптастырды.")
    [True, False, False, False]
    >>> lines_of("Ақын туған жерін сағынып, өлеңінің алғашқы жолдарын былай бастайды.", "",
    ...          "Ақ басты тау", "Алатау-ай, Алатау", "Көк майсалы жайлауың", "Сағындым сені, туған жер.", "",
    ...          "Бұл жолдарда ақынның туған жерге деген сағынышы айқын сезіледі және", "оқырманды бей-жай қалдырмайды.")
    [False, False, False, False, False, False, False]
    """
    for i, line in enumerate(lines[:-1]):
        nxt = lines[i + 1]
        if line.alone or line.caps or line.marker or not (i == 0 or line.blank_before):
            continue
        if i and (not line_shapes.ends_sentence(lines[i - 1].text) or lines[i - 1].text.endswith(":")):
            continue    # the sentence runs on, or announces what follows (an address under `…телефондары:`)
        text = line.text
        labelled = line_shapes.starts_with_chapter_label(text)    # `Бірінші бөлім. Көшпелі…`: a title at any width
        if ((len(text) >= TITLE_WIDTH * line.full and not labelled) or line_shapes.ends_sentence(text) or text[-1:] in ",-–—"
                or not line_shapes.first_letter(text).isupper() or line_shapes.starts_with_dash(text)
                or line_shapes.is_byline_start(text) or line_shapes.is_abbreviation_entry(text)):
            continue
        opening = nxt.text.lstrip(" «\"„“(")[:1]
        if not (opening.isupper() or opening.isdigit() or opening in line_shapes.DASHES):
            continue
        # the text under a title is prose running to the column's edge (or a one-line paragraph);
        # short lines under a short line are verse (`Ақ басты тау` / `Алатау-ай`), not a title and its text
        if len(nxt.text) >= PROSE_WIDTH * nxt.full or i + 2 >= len(lines) or lines[i + 2].blank_before:
            line.alone = True


def _rejoin_interleaved(lines: list[_Line], groups: list[list[int]]) -> list[list[int]]:
    """A body paragraph cut by a headline printed across its column (000, lines 3144-3167: `орталы-` /
    `ТЫНЫШТЫҚ` / standfirst / `КҮЗЕТШІСІ` / `ғы на…`) continues in the first lower-case paragraph after
    the headline; the headline and its standfirst follow the rejoined paragraph."""
    groups = list(groups)
    displaced: dict[int, list[list[int]]] = {}   # headline groups to emit after group i
    out: list[list[int]] = []
    for i, group in enumerate(groups):
        k = _interleaved_run(lines, groups, i)
        if k:
            groups[i + k + 1] = group + groups[i + k + 1]
            displaced[i + k + 1] = displaced.pop(i, []) + groups[i + 1:i + k + 1]
            for j in range(i + 1, i + k + 1):
                groups[j] = []
            continue
        if group:
            out.append(group)
        out.extend(displaced.pop(i, []))
    return out


def _interleaved_run(lines: list[_Line], groups: list[list[int]], i: int) -> int:
    """How many headline/standfirst groups after group ``i`` interrupt it (0: none)."""
    group = groups[i]
    if len(group) < 2 or lines[group[0]].byline or line_shapes.is_byline_start(lines[group[0]].text):
        return 0
    last = lines[group[-1]]
    if last.caps or not (line_shapes.ends_with_hyphen(last.text) or not line_shapes.ends_sentence(last.text)):
        return 0
    for k in range(1, MAX_INTERLEAVED + 1):
        if i + k + 1 >= len(groups) or not _interleavable(lines, groups[i + k]):
            return 0
        middle, after = groups[i + 1:i + k + 1], groups[i + k + 1]
        if after and any(lines[m[0]].caps for m in middle) and line_shapes.starts_lowercase(lines[after[0]].text):
            return k
    return 0


def _interleavable(lines: list[_Line], group: list[int]) -> bool:
    """A headline or a finished standfirst: what a column layout can print across a body paragraph."""
    if not group:
        return False
    first, last = lines[group[0]], lines[group[-1]]
    if first.caps:
        return all(lines[j].caps for j in group)
    return line_shapes.ends_sentence(last.text) and line_shapes.first_letter(first.text).isupper()


def _paragraph(blocks: list[Block]) -> Block:
    merged = Document.concatenate_blocks(blocks, "paragraph")
    merged.attrs["shape"] = _shape(blocks[0].text)
    for key in ("page_opener", "page_break_before"):     # page evidence for the structure passes
        if blocks[0].attrs.get(key):
            merged.attrs[key] = True
    return merged


def _shape(first_line: str) -> str:
    """The shape of a paragraph's first line, kept for the structure passes."""
    if line_shapes.is_caps_heading(first_line):
        return "caps"
    if line_shapes.list_marker(first_line):
        return "marker"
    if line_shapes.starts_with_dash(first_line):
        return "dash"
    if line_shapes.is_byline_start(first_line) or line_shapes.is_one_line_byline(first_line):
        return "byline"
    if line_shapes.is_date_line(first_line):
        return "date"
    return ""


def _blank_between(doc: Document, previous_end: int, block: Block) -> bool:
    """Whether a blank source line lies between the previous kept line and this one."""
    if not block.origin:
        return True
    gap = doc.source[previous_end + 1:block.origin[0]]
    inner = gap.split("\n")[1:-1]
    return any(not ln.strip() for ln in inner)


def _measure_widths(lines: list[_Line]) -> None:
    lengths = [len(ln.text) for ln in lines]
    for i, line in enumerate(lines):
        window = sorted(lengths[max(0, i - WINDOW): i + WINDOW + 1])
        line.width = window[int(0.8 * (len(window) - 1))] if window else 0
        line.full = window[int(0.9 * (len(window) - 1))] if window else 0


def _starts_paragraph(lines: list[_Line], group: list[int], i: int) -> bool:
    cur, opening = lines[i], lines[group[0]]
    if cur.block.attrs.get("starts_paragraph") or _numbered_title_ends(lines, group, i):
        return True
    if cur.byline_continues:
        return False
    if cur.byline or (cur.blank_before and (opening.byline or line_shapes.is_byline_start(opening.text))):
        return True     # a byline starts a paragraph and ends at the next blank line
    if _in_byline(lines, group) and _body_line(lines, i):
        return True     # ...or where the article's text begins under it without a blank line
    return not (_continues(lines, i) or _unfinished_turn(lines, group, i))


def _continues(lines: list[_Line], i: int) -> bool:
    """Whether line ``i`` continues the paragraph of line ``i - 1``."""
    prev, cur = lines[i - 1], lines[i]
    if prev.byline_continues and not cur.blank_before:
        return True     # the place or position under a broken byline
    if prev.caps or cur.caps:
        # headline lines join each other (a short capital line too: `ЕЛ`, `СІП`), never the text around them
        joined = (prev.caps or line_shapes.is_upper_line(prev.text)) and (cur.caps or line_shapes.is_upper_line(cur.text))
        return joined and (not cur.blank_before or cur.moved) and not cur.marker
    if prev.alone or cur.alone:
        return False
    if cur.marker:
        return False
    if cur.abbreviation and _in_abbreviation_run(lines, i):
        return False
    if (line_shapes.is_byline_start(cur.text) or line_shapes.is_one_line_byline(cur.text)) and (
            cur.blank_before or line_shapes.ends_sentence(prev.text) or line_shapes.is_quoted_title(prev.text)):
        return False    # a byline under the text or under a headline in quotation marks
    if line_shapes.starts_with_dash(cur.text) and (cur.blank_before or line_shapes.ends_sentence(prev.text)):
        return False
    if not cur.blank_before:
        return True
    # across a blank line
    if line_shapes.ends_with_hyphen(prev.text) and line_shapes.starts_lowercase(cur.text):
        return True
    if line_shapes.ends_sentence(prev.text):
        return False
    if line_shapes.starts_lowercase(cur.text):
        return True
    # a column break before a capitalised word: the line before runs to the column's edge (a closing
    # bracket or quote there ends a caption or an epigraph's source instead: `«Сұлтан Бейбарыс» фильмі (1989)`)
    return len(prev.text) >= FULL_WIDTH * prev.width and prev.text[-1:].isalpha() or prev.text.endswith(",")


def _in_byline(lines: list[_Line], group: list[int]) -> bool:
    """The paragraph being built is a byline (name and position, at most a few lines so far)."""
    opening = lines[group[0]]
    return len(group) <= BYLINE_LINES and (opening.byline or line_shapes.is_byline_start(opening.text)
                                           or line_shapes.is_one_line_byline(opening.text))


def _body_line(lines: list[_Line], i: int) -> bool:
    """A line of running text, not of a byline's position: it breaks a word with a hyphen, or it fills the
    column and the paragraph goes on under it (`Айгүл СӘРСЕНБАЕВА,` / `«Егемен Қазақстан»` / `Облыс
    әкімдігінде өткен кеңейтілген` / `жиында…`)."""
    cur = lines[i]
    if cur.caps or line_shapes.is_caps_surname(cur.text):
        return False
    if line_shapes.ends_with_hyphen(cur.text) and cur.text[-2:-1].isalpha():
        return True
    goes_on = i + 1 < len(lines) and not lines[i + 1].blank_before
    return goes_on and len(cur.text) >= BODY_WIDTH * cur.full and line_shapes.starts_lowercase(lines[i + 1].text)


def _numbered_title_ends(lines: list[_Line], group: list[int], i: int) -> bool:
    """A short numbered line without a full stop, then a blank line: a section title (002: `5. Жеке саясаткерлердің
    бағалауы мен идеялары`), not the first line of a list item cut by a column break."""
    cur = lines[i]
    return (cur.blank_before and bool(lines[group[0]].marker) and len(group) <= 3
            and not any(line_shapes.ends_sentence(lines[j].text) or lines[j].text.endswith(",") for j in group)
            and not line_shapes.starts_lowercase(cur.text))


def _unfinished_turn(lines: list[_Line], group: list[int], i: int) -> bool:
    """A dialogue turn does not end before its first sentence does (001: `– Қытай Халық` / `Республикасының`)."""
    prev, cur = lines[group[-1]], lines[i]
    opening = lines[group[0]].text
    return (cur.blank_before and line_shapes.starts_with_dash(opening) and any(c.isalpha() for c in opening)
            and not line_shapes.ends_sentence(prev.text)
            and not (cur.caps or cur.marker or line_shapes.starts_with_dash(cur.text)))


def _displaced_break(lines: list[_Line], before: int, line: int) -> bool:
    """A paragraph that ended at ``before`` (short, finished sentence) and restarts at ``line``."""
    prev, cur = lines[before], lines[line]
    return (line_shapes.ends_sentence(prev.text) and len(prev.text) < SHORT_FINAL * prev.full
            and (line_shapes.first_letter(cur.text).isupper() or bool(cur.marker)))


def _in_abbreviation_run(lines: list[_Line], i: int) -> bool:
    """Abbreviation entries come in runs; a lone `X – y` line in prose is not one."""
    near = [j for j in range(max(0, i - 4), min(len(lines), i + 5)) if j != i]
    return sum(lines[j].abbreviation for j in near) >= 2
