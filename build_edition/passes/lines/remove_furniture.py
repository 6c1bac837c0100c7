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
* **page breaks by position** (books and articles), for heads that need not repeat (in a short book
  every head occurs once): lone short lines beside a page number, or in a page gap of two blank lines
  or more, are running heads where the sentence runs on across them; the breaks inside sentences teach
  where the book prints its heads, and at breaks between sentences the lines in those places go too —
  except the line that opens a page (a chapter title: the only line above the text, followed by a
  paragraph start, not printed earlier, not the author or title, after a short page or repeated later
  as the chapter's running head), which is marked ``attrs["page_opener"]`` and never removed;
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
PAGE_GAP = 2              # blank lines of a page break (a paragraph break leaves one)
ZONE_SIDE = 2             # lone lines on each side of a page number that can be running heads
MAX_POSITION_HEAD = 90    # characters: a running head told by its position alone is short
PROSE_LINE = 0.8          # a line of prose under a title is at least this share of the median line
SHORT_TITLE = 0.7         # a title glued to its paragraph is shorter than this share of the median line
SHORT_PAGE = 0.8          # a page this share of the typical page length ends a chapter


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
class PageZone:
    number: int               # index of the page-number line
    before: list[int]         # lone short lines right above it
    after: list[int]          # lone short lines right below it
    runs_on: bool             # the sentence continues across the page break
    first: int = 0            # first and last line of the page break (furniture found earlier included)
    last: int = 0


def _letter_key(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalpha())


def _ends_with_word_hyphen(text: str) -> bool:
    t = text.rstrip()
    return len(t) > 1 and t.endswith("-") and t[-2].isalpha()


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
        self._first_keys: dict[str, int] | None = None
        self.page_openers: set[int] = set()   # lone lines that open a page (chapter titles): never running heads

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
        if kind in PAGED_KINDS:
            self.find_page_break_heads()
            self.find_unnumbered_page_breaks()
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

    # -- page breaks by position --------------------------------------------------------------
    def is_head_candidate(self, i: int) -> bool:
        """A short heading-like line standing alone (blank lines around it): what a running head looks like."""
        return (i not in self.decisions and self.blank_before(i) and self.blank_after(i)
                and _heading_like(self.norms[i]) and not PAGE_NUMBER.fullmatch(self.norms[i])
                and len(self.norms[i]) <= MAX_POSITION_HEAD)

    def page_zones(self) -> list[PageZone]:
        """Each page number with the lone short lines beside it (at most ``ZONE_SIDE`` on each side; lines
        already found to be furniture, such as the book's title as a running title, belong to the zone too)."""
        zones = []
        for n in sorted(i for i, d in self.decisions.items() if d.what == "page_number"):
            sides = []
            for step in (-1, 1):
                found: list[int] = []
                j, edge = n + step, n
                while 0 <= j < len(self.lines) and len(found) < ZONE_SIDE and (
                        j in self.decisions or self.is_head_candidate(j)):
                    if j not in self.decisions:
                        found.append(j)
                    edge = j
                    j += step
                sides.append((sorted(found), edge))
            (before, first), (after, last) = sides
            text_before = self.lines[first - 1].text if first > 0 else ""
            text_after = self.lines[last + 1].text if last + 1 < len(self.lines) else ""
            zones.append(PageZone(n, before, after, continues_sentence(text_before, text_after)
                                  or (_ends_with_word_hyphen(text_before) and _first_letter(text_after).islower()),
                                  first, last))
        return zones

    def blank_lines_before(self, i: int) -> int:
        """Blank source lines between line ``i`` and the line before it."""
        if i == 0 or not self.lines[i].origin or not self.lines[i - 1].origin:
            return 0
        gap = self.doc.source[self.lines[i - 1].origin[-1] + 1:self.lines[i].origin[0]]
        return max(0, gap.count("\n") - 1)

    def find_unnumbered_page_breaks(self) -> None:
        """A page break whose number was not extracted: lone short lines with a page gap (two blank lines
        or more) beside them, inside a sentence that runs on across them (`қыз-` / gap / `Ұлы дала
        өркениеті` / `мет етеді`). A heading never interrupts a sentence, so they are running heads.

        >>> from build_edition.core.model import Document
        >>> from build_edition.read.seed_reader import read_lines
        >>> text = ("Бұл жұмыстар ұлттық бірегейлікті нығайтуға қыз-\\n\\n\\n\\nҰлы дала өркениеті\\n\\n"
        ...         "мет етеді. Жаңа бөлім\\n\\nБасталды.")
        >>> doc = Document("x", "book", "x.txt", text); read_lines(doc); run(doc)
        >>> [(r.rule, r.text) for r in doc.removals]
        [('remove_furniture:running_head', 'Ұлы дала өркениеті')]
        """
        i = 0
        while i < len(self.lines):
            if i in self.decisions or not self.is_head_candidate(i):
                i += 1
                continue
            run = [i]
            while len(run) < 2 * ZONE_SIDE and run[-1] + 1 < len(self.lines) and self.is_head_candidate(run[-1] + 1):
                run.append(run[-1] + 1)
            end = run[-1] + 1
            gap = max(self.blank_lines_before(run[0]), self.blank_lines_before(end) if end < len(self.lines) else 0)
            before = self.lines[run[0] - 1].text if run[0] else ""
            after = self.lines[end].text if end < len(self.lines) else ""
            runs_on = continues_sentence(before, after) or (_ends_with_word_hyphen(before)
                                                            and _first_letter(after).islower())
            if gap >= PAGE_GAP and runs_on:
                for j in run:
                    self.mark(j, "running_head")
            i = end

    def find_page_break_heads(self) -> None:
        """Running heads that need not repeat: lone short lines beside a page number.

        Where the sentence runs on across the page break (``…шекара`` / ``14`` / ``Дала сазы`` /
        ``мәселелері…``) no line between its halves can be text: every lone short line there is a
        running head. Those page breaks teach where this book prints its heads (before or after
        the number, how many lines). At a page break that falls between two sentences, the lines
        in those places are running heads too, except a line that opens a new page of its own: the
        last line before the text, followed by a paragraph start, on a page after a short one
        (a chapter ends there) and not printed earlier in the document — a chapter title.
        Lines beyond the learned places (a section title under the head) stay.

        >>> from build_edition.core.model import Document
        >>> from build_edition.read.seed_reader import read_lines
        >>> lines = iter(f"{n}-жолда жазылған ұзын сөйлем әрі қарай жалғасып жатыр\\n" for n in range(99))
        >>> page = lambda: next(lines) + next(lines) + next(lines)
        >>> text = (page() + "шекара\\n\\n\\n13\\n\\nДала сазы\\n\\nмәселелері\\n" + page() + "мен\\n\\n\\n14\\n\\n"
        ...         "Жол үстінде\\n\\nжалғасы шешілді.\\n" + page() + "\\n\\n\\n15\\n\\nТарих беттері\\n\\n"
        ...         "Тарау соңы.\\n\\n\\n16\\n\\nЕкінші тарау\\n\\nТарау басы.\\n" + page())
        >>> doc = Document("x", "book", "x.txt", text); read_lines(doc); run(doc)
        >>> [(r.rule, r.text) for r in doc.removals]  # doctest: +NORMALIZE_WHITESPACE
        [('remove_furniture:page_number', '13'), ('remove_furniture:running_head', 'Дала сазы'),
         ('remove_furniture:page_number', '14'), ('remove_furniture:running_head', 'Жол үстінде'),
         ('remove_furniture:page_number', '15'), ('remove_furniture:running_head', 'Тарих беттері'),
         ('remove_furniture:page_number', '16')]
        """
        zones = self.page_zones()
        page_lines = self.page_lengths(zones)
        typical = sorted(page_lines.values())[len(page_lines) // 2] if len(page_lines) >= 3 else 0
        for zone in zones:
            if zone.runs_on:
                continue
            first_text = zone.last + 1
            if len(zone.after) == 1:
                opener = zone.after[0]          # a lone line above the text
            elif not zone.after and first_text + 1 < len(self.lines) and not self.blank_after(first_text) \
                    and _heading_like(self.norms[first_text]) and len(self.norms[first_text]) <= self.short_line() \
                    and len(self.norms[first_text + 1]) >= PROSE_LINE * self.median_line():
                opener = first_text             # a title printed right above its first paragraph (prose, not verse)
            else:
                continue
            if self.opens_page(opener, page_lines.get(zone.number), typical):
                self.page_openers.add(opener)
                self.lines[opener].attrs["page_opener"] = True
        learned = [z for z in zones if z.runs_on and (z.before or z.after)]
        if not learned:
            return
        slots_before = max(len(z.before) for z in learned)
        slots_after = max(len(z.after) for z in learned)
        # do this book's heads change from page to page, or are they the same few lines (author, title)?
        varies_before = any(self.counts[self.norms[i]] == 1 for z in learned for i in z.before)
        varies_after = any(self.counts[self.norms[i]] == 1 for z in learned for i in z.after)
        for zone in zones:
            if zone.runs_on:
                heads = zone.before + zone.after
            else:
                heads = [i for i in zone.before[len(zone.before) - slots_before:] if slots_before
                         and (varies_before or self.constant_head(i))]
                heads += [i for i in zone.after[:slots_after] if i not in self.page_openers
                          and (varies_after or self.constant_head(i))]
            for i in heads:
                self.mark(i, "running_head")

    def constant_head(self, i: int) -> bool:
        return self.counts[self.norms[i]] >= 2 or self.names_author_or_title(i)

    def median_line(self) -> int:
        lengths = sorted(len(n) for n in self.norms)
        return lengths[len(lengths) // 2] if lengths else 0

    def short_line(self) -> float:
        """A line clearly shorter than the text column (a title, not the first line of a justified paragraph)."""
        return min(MAX_POSITION_HEAD, SHORT_TITLE * self.median_line())

    def page_lengths(self, zones: list[PageZone]) -> dict[int, int]:
        """Source lines of text between each page number and the one before it."""
        out = {}
        for a, b in zip(zones, zones[1:]):
            first = a.last + 1
            last = b.first - 1
            out[b.number] = max(0, last - first + 1)
        return out

    def opens_page(self, i: int, page: int | None, typical: int) -> bool:
        """Whether the lone line ``i`` right above the text of a new page is a title that opens it."""
        nxt = self.lines[i + 1].text if i + 1 < len(self.lines) else ""
        opening = _first_letter(nxt.lstrip(" «\"'(„“–—"))
        if not nxt or not (opening.isupper() or nxt.lstrip()[:1].isdigit()):
            return False
        if self.names_author_or_title(i) or self.printed_before(i):
            return False
        # a chapter ends on a short page; a chapter's title comes back later as its running head
        return not typical or page is None or page < SHORT_PAGE * typical or self.counts[self.norms[i]] >= 2

    def names_author_or_title(self, i: int) -> bool:
        entry = self.doc.meta.get("entry")
        authors = [_fold(a) for a in getattr(entry, "authors", []) or []]
        text = _fold(self.norms[i])
        return text == self.title or text in authors

    def printed_before(self, i: int) -> bool:
        """The line was printed earlier in the document, on one to three lines (a running head seen on an
        earlier page, ``I-тарау. Егемен…`` after the chapter's own ``I-тарау`` / ``Егемен…``). Lines of a
        table of contents (ending with a page number) do not count."""
        if self._first_keys is None:
            self._first_keys = {}
            keys = [_letter_key(n) if n and not n[-1].isdigit() else "" for n in self.norms]
            for j in range(len(keys)):
                joined = ""
                for k in range(j, min(j + 3, len(keys))):
                    if not keys[k]:
                        break
                    joined += keys[k]
                    self._first_keys.setdefault(joined, k)
        key = _letter_key(self.norms[i])
        return bool(key) and self._first_keys.get(key, i) < i

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
                    if not self.repeated_head(j) or j in self.page_openers:
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
