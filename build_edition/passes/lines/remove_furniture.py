"""Take page furniture out of the reading text (line level, before paragraphs are assembled).

Printed pages carry text that is not part of the work: running heads, page numbers, footers,
page rubrics, site navigation, a chat stamp pasted with the text. Extraction puts it wherever the
page broke, often between two halves of a sentence (002: ``…саяси партияларға`` / ``Алғысөз`` /
`` айналуға…``). Every removal is logged with ``doc.remove`` / ``doc.remove_span`` (rule
``remove_furniture:<what>``), so nothing disappears silently.

Detection is by rules per document kind, never by file name:

* **page numbers**: a line holding only a number (1–3 digits; four are a year) with blank lines around it;
* **page footers**: ``5 қаңтар 2025 ж3 бет`` (an issue date run together with ``3 бет``), ``12-бет``;
* **running titles**: the document's own title (from the catalogue) repeated at page tops, over
  one to three lines (001 the interview headline, 002 the book title, 003 the article title in
  sentence case). The first occurrence at the head of the document is its real title and stays,
  and so does any all-capitals occurrence (a title page or colophon, not a running head);
* **running heads**: short heading-like lines that occur more than once in the document (``Андрей
  Чеботарёв``, ``I-тарау. Егемен Қазақстанның…``, ``Алғысөз``) are furniture where they sit in a
  page break next to a page number or footer, or where they cut a sentence in two (the line
  before does not end a sentence and the line after goes on in lower case), or — in books and
  articles — where the same heading came a few pages earlier (the list of abbreviations has its
  title again one page later). Elsewhere — above all the first occurrence that opens a chapter —
  they are structure and stay;
* **a running head glued before the next line's text** (``Қасым-Жомарт Тоқаев: «…нығайту» – Елімізде…``):
  only the head is cut out;
* **newspapers**: page rubrics — a single capitalised word on a line of its own (``САЯСАТ``,
  ``БАҒДАР``) that is not part of a headline set over several lines;
* **web pages**: site navigation labels (``Basty bet``, ``Басты бет``, breadcrumbs);
* **chat stamps** pasted with a text (``[10:49, 11.02.2026] Аида:``), in any kind of document.

Continuation marks of newspapers (``(Жалғасы 2,3,4,5-беттерде)``, ``Басы 1-бетте``) are not
removed: the line becomes a ``note`` block with ``attrs["continuation"]`` (the text), so it stays
out of paragraphs and can be used to join the parts of an article.

When furniture is removed, the blank lines around it belonged to the page break, not to the
text: the next line starts a paragraph if a blank line stood before it or before the furniture,
unless the sentence visibly goes on (the line before ends without closing punctuation and the
next line starts in lower case). That line is marked ``attrs["page_break_before"]``.

>>> from build_edition.core.model import Document
>>> from build_edition.read.seed_reader import read_lines
>>> text = ("Бірінші бет мәтіні.\\n\\nАлғысөз\\n\\nӘрі қарай.\\n\\n"
...         "саяси партияларға\\n\\nАлғысөз\\n айналуға тырысатын\\n\\n\\n29\\n\\nАндрей Чеботарёв\\n\\n"
...         "I-тарау. Алғышарттар\\n\\nжалғасы.\\n\\n\\n31\\n\\nАндрей Чеботарёв\\n\\nI-тарау. Алғышарттар\\n\\nСоңы.")
>>> doc = Document("x", "book", "x.txt", text)
>>> read_lines(doc); run(doc)
>>> [(r.rule, r.text, r.line) for r in doc.removals]  # doctest: +NORMALIZE_WHITESPACE
[('remove_furniture:running_head', 'Алғысөз', 9), ('remove_furniture:page_number', '29', 13),
 ('remove_furniture:running_head', 'Андрей Чеботарёв', 15), ('remove_furniture:running_head', 'I-тарау. Алғышарттар', 17),
 ('remove_furniture:page_number', '31', 22), ('remove_furniture:running_head', 'Андрей Чеботарёв', 24),
 ('remove_furniture:running_head', 'I-тарау. Алғышарттар', 26)]
>>> [(b.text, b.attrs["blank_before"]) for b in doc.blocks]  # doctest: +NORMALIZE_WHITESPACE
[('Бірінші бет мәтіні.', True), ('Алғысөз', True), ('Әрі қарай.', True), ('саяси партияларға', True),
 (' айналуға тырысатын', False), ('жалғасы.', False), ('Соңы.', True)]

A continuation mark becomes a note; a chat stamp is cut from its line:

>>> doc = Document("x", "newspaper", "x.txt", "(Жалғасы 2,3-беттерде)\\n[10:49, 11.02.2026] Аида: Премьер-министр")
>>> read_lines(doc); run(doc)
>>> [(b.kind, b.text, b.attrs.get("continuation")) for b in doc.blocks]
[('note', '(Жалғасы 2,3-беттерде)', '(Жалғасы 2,3-беттерде)'), ('line', 'Премьер-министр', None)]
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from build_edition.core.model import Block, Document

RULE = "remove_furniture"
# what each removal is (the rule logged is ``remove_furniture:<what>``), as readers see it in the apparatus
REMOVAL_LABELS = {
    "page_number": "бет нөмірі", "running_head": "колонтитул", "running_title": "колонтитулдағы атау",
    "page_footer": "беттің төменгі колонтитулы", "rubric": "газет айдары", "navigation": "сайт навигациясы",
    "chat_stamp": "хабарлама уақытының белгісі",
}

MONTHS = "қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан"
PAGE_NUMBER = re.compile(r"\s*\d{1,3}\s*")      # four digits alone are a year, not a page
# "5 қаңтар 2025 ж3 бет", "3 бет", "12-бет", "5 қаңтар 2025 ж., 3-бет"
PAGE_FOOTER = re.compile(
    rf"\s*(?:\d{{1,2}}\s+(?:{MONTHS})\s+\d{{4}}\s*(?:ж\.?|жыл[ы]?)?[\s,.]*)?\d{{1,4}}\s*-?\s*бет\s*", re.IGNORECASE)
CONTINUATION = re.compile(
    r"\s*\(?\s*(?:Соңы\.?\s*)?(?:Жалғасы|Басы|Соңы)\s+(?:[\d,\s–-]+-?\s*(?:бетте|беттерде|бетке)"
    r"|өткен\s+сан(?:да|дарда|ымызда)|келесі\s+сан(?:да|ымызда))\s*\)?\.?\s*", re.IGNORECASE)
CHAT_STAMP = re.compile(r"\s*\[\d{1,2}:\d{2}(?::\d{2})?,\s*\d{1,2}[./]\d{1,2}[./]\d{2,4}\]\s*[^:\[\]]{1,40}:\s*")
NAVIGATION_LABELS = {
    "басты бет", "basty bet", "bas bet", "home", "главная", "главная страница", "жаңалықтар", "jańalyqtar",
    "janalyqtar", "новости", "news", "мәзір", "menu", "меню", "іздеу", "izdeý", "поиск", "search",
    "байланыс", "baılanys", "контакты", "contacts", "біз туралы", "о нас", "about",
}
BREADCRUMB_SEPARATOR = re.compile(r"\s+[>»|/]\s+")
SENTENCE_END = ".!?:;…»)\"”"
HEAD_LINES = 40           # the document's title counts as its heading only within its first lines
MAX_HEAD_LENGTH = 120     # running heads are short lines
MIN_TITLE_LENGTH = 15
CLOSE_REPEAT_LINES = 120  # source lines: about three printed pages of a book
PAGED_KINDS = ("book", "article")


def _norm(text: str) -> str:
    return " ".join(text.split())


def _fold(text: str) -> str:
    return _norm(text).casefold()


def _first_letter(text: str) -> str:
    for ch in text:
        if ch.isalpha():
            return ch
        if ch.isdigit():
            return ""
    return ""


def _is_all_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _heading_like(text: str) -> bool:
    """A line that could be a running head: short, starts with a capital or a digit, ends open."""
    s = _norm(text)
    if not 2 <= len(s) <= MAX_HEAD_LENGTH or not any(c.isalpha() for c in s):
        return False
    if not (s[0].isupper() or s[0].isdigit()):
        return False
    return s[-1] not in ".,;:!?–-"


def continues_sentence(before: str, after: str) -> bool:
    """Whether the text visibly runs on from ``before`` into ``after`` (no sentence end between).

    >>> continues_sentence("саяси партияларға ", " айналуға немесе"), continues_sentence("кепілдік береді.", "– Елімізде")
    (True, False)
    >>> continues_sentence("экономика, содан кейін са-", "ясат қағидаты"), continues_sentence("2021 жыл", " Қазақстан")
    (True, False)
    """
    b = before.rstrip()
    if not b or b[-1] in SENTENCE_END:
        return False
    first = _first_letter(after.lstrip(" «\"'(„“"))
    return bool(first) and first.islower()


@dataclass
class Decision:
    what: str                 # page_number, page_footer, running_title, running_head, rubric, navigation


class FurnitureFinder:
    """Decides, for the line blocks of one document, which are furniture."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.lines = [b for b in doc.blocks if b.kind == "line"]
        self.norms = [_norm(b.text) for b in self.lines]
        self.decisions: dict[int, Decision] = {}
        self.counts = Counter(n for n in self.norms)
        entry = doc.meta.get("entry")
        self.title = _fold(getattr(entry, "title", "") or "")
        self._headline_tails: set[str] | None = None

    # -- helpers ---------------------------------------------------------------------------
    def blank_after(self, i: int) -> bool:
        return i + 1 >= len(self.lines) or bool(self.lines[i + 1].attrs.get("blank_before"))

    def blank_before(self, i: int) -> bool:
        return i == 0 or bool(self.lines[i].attrs.get("blank_before"))

    def mark(self, i: int, what: str) -> None:
        self.decisions.setdefault(i, Decision(what))

    def repeated_head(self, i: int) -> bool:
        return self.counts[self.norms[i]] >= 2 and _heading_like(self.norms[i])

    def neighbour_text(self, i: int, step: int) -> str:
        j = i + step
        while 0 <= j < len(self.lines) and j in self.decisions:
            j += step
        return self.lines[j].text if 0 <= j < len(self.lines) else ""

    # -- rules -----------------------------------------------------------------------------
    def find(self) -> dict[int, Decision]:
        kind = self.doc.kind
        for i, text in enumerate(self.norms):
            if PAGE_NUMBER.fullmatch(text) and self.blank_before(i) and self.blank_after(i) and int(text) > 0:
                self.mark(i, "page_number")
            elif PAGE_FOOTER.fullmatch(text):
                self.mark(i, "page_footer")
            elif kind == "web page" and self.is_navigation(i):
                self.mark(i, "navigation")
        self.find_running_titles()
        self.grow_page_breaks()
        for i in range(len(self.lines)):
            if i not in self.decisions and self.interrupts_sentence(i):
                self.mark(i, "running_head")
        if kind in PAGED_KINDS:
            self.find_close_repeats()
        if kind == "newspaper":
            for i in range(len(self.lines)):
                if i not in self.decisions and self.is_rubric(i):
                    self.mark(i, "rubric")
        return self.decisions

    def interrupts_sentence(self, i: int) -> bool:
        """A repeated head between two halves of a sentence, its neighbours being ordinary text.

        When the lines around it repeat too, the whole passage is repeated (a biography printed
        twice, a table header over several lines), and the line is no running head.
        """
        if not self.repeated_head(i):
            return False
        for j in (i - 1, i + 1):
            if 0 <= j < len(self.lines) and j not in self.decisions and self.counts[self.norms[j]] > 1:
                return False
        return continues_sentence(self.neighbour_text(i, -1), self.neighbour_text(i, +1))

    def find_close_repeats(self) -> None:
        """In books and articles, a heading repeated within a few pages of its kept occurrence is a running head.

        (002: ``Қысқартулар мен аббревиатуралар`` opens the list and comes back one page later
        inside it.) The line must stand on its own (a blank line before or after it) and its
        neighbours must be ordinary text, not a repeated passage.
        """
        kept: dict[str, int] = {}
        for i, text in enumerate(self.norms):
            if not self.repeated_head(i):
                continue
            if i in self.decisions:
                continue
            previous = kept.get(text)
            near = previous is not None and self.doc.line_of(self.lines[i].origin[0]) - self.doc.line_of(
                self.lines[previous].origin[0]) <= CLOSE_REPEAT_LINES
            alone = self.blank_before(i) or self.blank_after(i)
            neighbours_plain = all(self.counts[self.norms[j]] == 1 or j in self.decisions
                                   for j in (i - 1, i + 1) if 0 <= j < len(self.lines))
            if near and alone and neighbours_plain:
                self.mark(i, "running_head")
            else:
                kept[text] = i

    def in_headline(self, i: int) -> bool:
        """Whether a capitalised word is the broken-off tail of a headline printed elsewhere in full.

        (000: ``КҮЗЕТШІСІ`` alone, ``ТЫНЫШТЫҚ КҮЗЕТШІСІ`` on the front page.) A rubric may well
        open a headline (``МӘЖІЛІС`` / ``МӘЖІЛІС МІНБЕРІ``), but does not end one.
        """
        if self._headline_tails is None:
            self._headline_tails = {n.split()[-1].strip("–-,:") for n in self.norms
                                    if len(n.split()) > 1 and _is_all_caps(n)}
        return self.norms[i] in self._headline_tails

    def is_navigation(self, i: int) -> bool:
        text = self.norms[i]
        if len(text) > 60:
            return False
        if text.casefold() in NAVIGATION_LABELS:
            return True
        # a breadcrumb trail: "Басты бет > Саясат > ..."
        parts = BREADCRUMB_SEPARATOR.split(text)
        return len(parts) >= 2 and parts[0].casefold() in NAVIGATION_LABELS and not any(c in text for c in ".,:;!?")

    def find_running_titles(self) -> None:
        """The document title repeated over 1–3 lines; its first occurrence at the head is the title itself."""
        if len(self.title) < MIN_TITLE_LENGTH:
            return
        first = True
        i = 0
        while i < len(self.lines):
            span = self.title_span(i)
            if not span:
                i += 1
                continue
            display = _is_all_caps(" ".join(self.norms[i:i + span]))
            at_head = first and i < HEAD_LINES
            first = False
            if not display and not at_head:
                for j in range(i, i + span):
                    self.mark(j, "running_title")
            i += span

    def title_span(self, i: int) -> int:
        if not self.title.startswith(self.norms[i][:12].casefold()):
            return 0
        joined = ""
        for span in range(1, 4):
            if i + span > len(self.lines):
                return 0
            joined = _fold(joined + " " + self.norms[i + span - 1])
            if joined == self.title:
                return span
            if not self.title.startswith(joined):
                return 0
        return 0

    def grow_page_breaks(self) -> None:
        """Repeated heading-like lines next to a page number or footer belong to the same page break."""
        seeds = [i for i, d in self.decisions.items() if d.what in ("page_number", "page_footer", "running_title")]
        for seed in sorted(seeds):
            for step in (1, -1):
                j = seed + step
                for _ in range(3):
                    if not 0 <= j < len(self.lines):
                        break
                    if j in self.decisions:
                        j += step
                        continue
                    if not self.repeated_head(j):
                        break
                    self.mark(j, "running_head")
                    j += step

    def is_rubric(self, i: int) -> bool:
        """A newspaper page rubric: one capitalised word alone on its line, not part of a headline."""
        text = self.norms[i]
        if " " in text or not 3 <= len(text) <= 20 or not _is_all_caps(text):
            return False
        if not all(c.isalpha() or c == "-" for c in text) or not any("\u0400" <= c <= "\u04ff" for c in text):
            return False
        if self.in_headline(i):      # a scattered piece of a headline (``КҮЗЕТШІСІ``), not a rubric
            return False
        # a headline set over several lines: capitalised lines directly above or below
        if not self.blank_before(i) and i > 0 and _is_all_caps(self.lines[i - 1].text):
            return False
        if not self.blank_after(i) and i + 1 < len(self.lines) and _is_all_caps(self.lines[i + 1].text):
            return False
        # ...or the last word of a headline whose earlier lines stand above, across one blank line
        if i > 0 and self.blank_before(i) and _is_all_caps(self.lines[i - 1].text) and (
                i > 1 and not self.blank_before(i - 1) and _is_all_caps(self.lines[i - 2].text)):
            return False
        return True


def _remove_blocks(doc: Document, furniture: list[tuple[Block, str]]) -> None:
    """``doc.remove`` for many blocks, each logged, with one pass over the block list.

    ``doc.remove`` finds its block with ``list.remove``, which compares blocks field by field:
    for the hundred page breaks of a book that costs a second. Each removal is made on a
    one-block list instead, and the kept blocks are filtered once by identity.
    """
    if not furniture:
        return
    blocks, gone = doc.blocks, set()
    try:
        for block, rule in furniture:
            doc.blocks = [block]
            doc.remove(block, rule)
            gone.add(id(block))
    finally:
        doc.blocks = [b for b in blocks if id(b) not in gone]


def _cut_glued_heads(doc: Document, heads: set[str], head_of_document: set[int]) -> None:
    """A running head run together with the start of the next line's text: cut just the head.

    Lines at the head of the document are left alone: there the title may open the text itself.
    """
    patterns: dict[str, list[re.Pattern]] = {}      # by first word, to try only likely heads
    for head in sorted(heads, key=lambda h: (-len(h), h)):
        if len(head) >= MIN_TITLE_LENGTH:
            patterns.setdefault(head.split()[0], []).append(
                re.compile(r"\s*" + r"\s+".join(map(re.escape, head.split())) + r"(?=\s+\S)"))
    for block in [b for b in doc.blocks if b.kind == "line" and id(b) not in head_of_document]:
        words = block.text.split(None, 1)
        for pattern in patterns.get(words[0] if words else "", []):
            m = pattern.match(block.text)
            if m:
                doc.remove_span(block, m.start(), m.end(), f"{RULE}:running_head")
                break


def _mark_continuations(doc: Document) -> None:
    for block in doc.blocks:
        if block.kind == "line" and CONTINUATION.fullmatch(block.text):
            block.kind = "note"
            block.attrs["continuation"] = _norm(block.text)


def _cut_chat_stamps(doc: Document) -> None:
    for block in list(doc.blocks):
        if block.kind != "line":
            continue
        m = CHAT_STAMP.match(block.text)
        if not m:
            continue
        if m.end() >= len(block.text.rstrip()):
            doc.remove(block, f"{RULE}:chat_stamp")
        else:
            doc.remove_span(block, m.start(), m.end(), f"{RULE}:chat_stamp")


def run(doc: Document) -> None:
    _cut_chat_stamps(doc)
    _mark_continuations(doc)
    finder = FurnitureFinder(doc)
    decisions = finder.find()
    lines = finder.lines
    head_of_document = {id(b) for b in lines[:HEAD_LINES]}
    removed_heads: set[str] = set()
    furniture: list[tuple[Block, str]] = []
    i = 0
    while i < len(lines):
        if i not in decisions:
            i += 1
            continue
        start = i
        while i < len(lines) and i in decisions:
            i += 1
        # lines[start:i] is one run of furniture; the next kept line inherits its paragraph break
        before = lines[start - 1].text if start > 0 else ""
        after_block = lines[i] if i < len(lines) else None
        blank = any(lines[k].attrs.get("blank_before") for k in range(start, i))
        for k in range(start, i):
            what = decisions[k].what
            if what in ("running_title", "running_head"):
                removed_heads.add(finder.norms[k])
            furniture.append((lines[k], f"{RULE}:{what}"))
        if after_block is not None:
            if continues_sentence(before, after_block.text):
                after_block.attrs["blank_before"] = False
            elif blank:
                after_block.attrs["blank_before"] = True
            if any(decisions[k].what in ("page_number", "page_footer") for k in range(start, i)):
                after_block.attrs["page_break_before"] = True
    _remove_blocks(doc, furniture)
    heads = removed_heads | ({_norm(getattr(doc.meta.get("entry"), "title", "") or "")} - {""})
    _cut_glued_heads(doc, heads, head_of_document)
