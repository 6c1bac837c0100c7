"""TEI P5 XML of one document, from the merged edition (editors' corrections included).

- ``teiHeader`` from the catalogue: title, authors, publication, publisher, place, date, the seed as
  source description; the encoding description lists every repair rule (from the passes' own
  documentation) and how the logs are encoded; the interview's participants; editors' corrections
  kept by the merge as ``<change>`` entries of the revision description.
- ``text``: one ``div`` per page of the site (headings open nested ``div``s), paragraphs, heads and
  list items carry the site's segment ids as ``xml:id`` (so ``#p123`` means the same paragraph on
  the site and in the TEI), lists, quotations, interview turns as ``sp``.
- every emendation stands where it was made: ``<choice><sic>Оппози-<lb/>ция</sic><corr
  resp="#build-edition" type="join_hyphenated_words">Оппозиция</corr></choice>``; removed furniture
  stands where it was found, page numbers as ``<pb n="29"/>`` plus ``<fw type="page_number">``,
  running heads and other furniture as ``<fw>``; abbreviations the glossary defines as
  ``<choice><abbr>/<expan>``; names of the index as ``persName``/``orgName``/``placeName`` whose
  ``ref`` is the name's page; foreign passages with ``xml:lang``; editorial notes as ``<note>``.

A printed page number is taken to stand at the top of its page (the article's ``25`` stands under
the journal's running head, above its first lines), so ``<pb n="25"/>`` opens page 25.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from . import inline as il
from .layers import add_emendations
from .source import DocumentSource
from ..write.milestones import page_number

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"
DIV_TYPES = {"book": "chapter", "newspaper": "article", "interview": "part", "article": "section",
             "web page": "article"}
SPEAKERS = {"question": "interviewer", "answer": "interviewee"}
BLOCK_RENDS = ("lead", "byline", "signature", "publisher", "colophon", "separator", "chapter-label",
               "pull-quote", "marked", "abbreviation", "caption")


def T(tag: str) -> str:
    return f"{{{TEI_NS}}}{tag}"


# characters XML 1.0 cannot hold: a removed control character (seed_reader:control_character) is shown
# by its Unicode control picture (U+0000 → ␀, ESC → ␛), anything else of the kind as U+FFFD
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    r"""``text`` as XML can hold it.

    >>> xml_text("a\x00b\x1bc\td")
    'a␀b␛c\td'
    """
    return _NOT_XML.sub(lambda m: chr(0x2400 + ord(m.group())) if ord(m.group()) < 0x20 else "\ufffd", text)


def sub(parent, tag: str, text: str | None = None, **attrs) -> etree._Element:
    el = etree.SubElement(parent, T(tag), {k.rstrip("_"): v for k, v in attrs.items() if v is not None})
    if text:
        el.text = xml_text(text)
    return el


def _append_text(el, text: str) -> None:
    if not text:
        return
    text = xml_text(text)
    if len(el):
        el[-1].tail = (el[-1].tail or "") + text
    else:
        el.text = (el.text or "") + text


def lang_codes(language: str) -> list[str]:
    return [c.strip() for c in re.split(r"[,\s]+", language or "") if c.strip()] or ["kk"]


@dataclass
class Stats:
    """What the export placed and what it could not (for the tests and the build's report)."""
    emendations: int = 0
    placed: int = 0
    missing: list = field(default_factory=list)
    dropped: list = field(default_factory=list)
    pages: list = field(default_factory=list)
    page_of: dict = field(default_factory=dict)      # block id → print page where known


# -- inline content -----------------------------------------------------------------------------

def emit(parent, node: il.Span, text: str) -> None:
    """Write the text of ``node`` and its child spans into ``parent``."""
    cursor = node.start
    for child in node.children:
        _append_text(parent, text[cursor:child.start])
        _emit_span(parent, child, text)
        cursor = max(cursor, child.end)
    _append_text(parent, text[cursor:node.end])


def _emit_span(parent, span: il.Span, text: str) -> None:
    a = span.attrs
    if span.kind == "name":
        emit(sub(parent, a["element"], ref=a["ref"]), span, text)
    elif span.kind == "ref":
        emit(sub(parent, "ref", target=a["target"]), span, text)
    elif span.kind == "foreign":
        el = sub(parent, "foreign")
        el.set(XML_LANG, a["lang"])
        emit(el, span, text)
    elif span.kind == "hi":
        emit(sub(parent, "hi", rend=a["rend"]), span, text)
    elif span.kind == "code":
        emit(sub(parent, "hi", rend="code"), span, text)
    elif span.kind == "abbr":
        choice = sub(parent, "choice")
        emit(sub(choice, "abbr"), span, text)
        sub(choice, "expan", a["expan"])
    elif span.kind == "emendation":
        choice = sub(parent, "choice")
        pieces(sub(choice, "sic"), a["node"].sic)
        emit(sub(choice, "corr", resp="#build-edition", type=a["node"].row.get("rule") or None), span, text)
    elif span.kind == "note":
        sub(parent, "note", a["text"], type="editorial", resp="#build-edition", n=a.get("n") or None)
    elif span.kind == "lb":
        sub(parent, "lb")
    elif span.kind == "furniture":
        furniture(parent, a["row"], a["ids"])


def pieces(parent, items: list) -> None:
    """Text of an original form (line ends as ``lb``) with the earlier repairs made inside it."""
    for item in items:
        if isinstance(item, str):
            lines = item.split("\n")
            _append_text(parent, lines[0])
            for line in lines[1:]:
                sub(parent, "lb")
                _append_text(parent, line)
        else:
            choice = sub(parent, "choice")
            pieces(sub(choice, "sic"), item.sic)
            pieces(sub(choice, "corr", resp="#build-edition", type=item.row.get("rule") or None), item.corr)


def furniture(parent, row: dict, ids: set[str]) -> None:
    """A removal where it stood: a page number opens its page (``pb``), all furniture stays as ``fw``."""
    what = str(row.get("rule", "")).partition(":")[2] or "furniture"
    text = " ".join(str(row.get("text", "")).split())
    number = page_number(row)
    if number and what != "page_number":
        sub(parent, "fw", text, type=re.sub(r"[^\w.-]", "_", what))       # a footer ends the page before
    if number:
        pb = sub(parent, "pb", n=number)
        if f"page-{number}" not in ids:
            ids.add(f"page-{number}")
            pb.set(XML_ID, f"page-{number}")
    if not number or what == "page_number":
        sub(parent, "fw", text, type=re.sub(r"[^\w.-]", "_", what))


# -- blocks -------------------------------------------------------------------------------------

def lines_of(el) -> tuple[int, int] | None:
    m = re.fullmatch(r"(\d+)-(\d+)", el.get("data-lines") or "")
    return (int(m.group(1)), int(m.group(2))) if m else None


def _count(node) -> int:
    """The emendations a node stands for: itself and the earlier ones inside its original form."""
    return 1 + sum(_count(p) for p in node.sic if not isinstance(p, str))


class Builder:
    """Walks the rendered pages of a document and writes the TEI body."""

    def __init__(self, source: DocumentSource, site_url: str):
        self.source = source
        self.site_url = site_url
        self.stats = Stats()
        self.removals = list(source.removals)
        self.ids: set[str] = set()
        self.emended: set[str] = set()        # blocks whose emendations are placed
        self.page_of: dict[str, str] = {}     # block id → its print page ("29", "28–29") where known
        self.next_page: str | None = None
        self.main_lang = lang_codes(source.entry.language)[0]

    # removals standing before a block, or inside it
    def removals_before(self, parent, first_line: int) -> None:
        while self.removals and int(self.removals[0].get("line", 0)) < first_line:
            row = self.removals.pop(0)
            furniture(parent, row, self.ids)
            if page_number(row):
                self.next_page = page_number(row)       # the next paragraph starts that page

    def inline(self, el, notes: dict[str, str], block_id: str | None) -> il.Inline:
        content = il.flatten(el, notes, self.source.entities, self.site_url)
        span = lines_of(el)
        if block_id and block_id not in self.emended:
            self.emended.add(block_id)
            rows = self.source.emendations.get(block_id, [])
            self.stats.emendations += len(rows)
            first = span[0] if span else 1
            missing = add_emendations(content, rows, self.source.seed_lines, first)
            self.stats.placed += len(rows) - len(missing)
            self.stats.missing += missing
        if span:
            while self.removals and span[0] <= int(self.removals[0].get("line", 0)) <= span[1]:
                row = self.removals.pop(0)
                estimate = il.estimate_offset(self.source.seed_lines, span[0], int(row["line"]), 1)
                at = il.snap_to_space(content.text, estimate)
                content.add(il.Span(at, at, "furniture", {"row": row, "ids": self.ids}))
                number = page_number(row)
                if number and block_id:
                    # the page starts inside this paragraph: it runs over from the page before
                    self.page_of[block_id] = number if at == 0 or int(number) < 2 else f"{int(number) - 1}–{number}"
        if block_id and self.next_page and block_id not in self.page_of:
            self.page_of[block_id] = self.next_page
        self.next_page = None
        return content

    def fill(self, target, el, notes: dict[str, str]) -> None:
        """Give ``target`` the id, language and inline content of the HTML block ``el``."""
        block_id = el.get("id")
        if block_id and re.fullmatch(r"[A-Za-z_][\w.-]*", block_id) and block_id not in self.ids:
            target.set(XML_ID, block_id)
            self.ids.add(block_id)
        if el.get("lang"):
            target.set(XML_LANG, el.get("lang"))
        content = self.inline(el, notes, block_id)
        root = il.nest(content)
        self.stats.dropped += [s for s in content.dropped if s.kind == "emendation"]
        self.stats.placed -= sum(_count(s.attrs["node"]) for s in content.dropped if s.kind == "emendation")
        emit(target, root, content.text)

    def page(self, body, page) -> None:
        notes = il.footnote_texts(page.body)
        div = sub(body, "div", type=DIV_TYPES.get(self.source.entry.kind, "section"))
        stack = [(0, div)]            # (heading level, div)
        labels: list = []             # chapter labels waiting for their heading
        sp = None                     # the open interview turn
        self.stats.pages.append(page.name)
        for el in page.body:
            tag = el.tag if isinstance(el.tag, str) else ""
            classes = set((el.get("class") or "").split())
            if tag in ("details", "hr", "script") or "footnote" in classes:
                continue
            span = lines_of(el) or next((lines_of(d) for d in el.iter() if lines_of(d)), None)
            current = stack[-1][1]
            if span:
                self.removals_before(current if sp is None else sp, span[0])
            if tag == "p" and "chapter-label" in classes:
                labels.append(el)
                continue
            if re.fullmatch(r"h[1-6]", tag):
                level = int(tag[1])
                sp = None
                while len(stack) > 1 and stack[-1][0] >= level:
                    stack.pop()
                top_level, top = stack[-1]
                if len(stack) == 1 and top_level == 0 and all(c.tag in (T("fw"), T("pb")) for c in top):
                    target_div = top
                    stack[0] = (level, top)
                else:
                    target_div = sub(top, "div", type="section")
                    stack.append((level, target_div))
                for label in labels:
                    self.fill(sub(target_div, "head", type="label"), label, notes)
                labels = []
                self.fill(sub(target_div, "head"), el, notes)
                continue
            for label in labels:
                self.fill(sub(current, "p", rend="chapter-label"), label, notes)
            labels = []
            if tag == "p" and classes & set(SPEAKERS):
                role = SPEAKERS[next(iter(sorted(classes & set(SPEAKERS))))]
                if sp is None or "turn-start" in classes or sp.get("who") != f"#{role}":
                    sp = sub(current, "sp", who=f"#{role}")
                self.fill(sub(sp, "p"), el, notes)
                continue
            sp = None
            if tag == "p":
                self.paragraph(current, el, classes, notes)
            elif tag in ("ul", "ol"):
                lst = sub(current, "list", rend="numbered" if tag == "ol" else "bulleted")
                for li in el.iterchildren("li"):
                    self.fill(sub(lst, "item"), li, notes)
            elif tag == "blockquote":
                quote = sub(current, "quote")
                for child in el:
                    if isinstance(child.tag, str) and child.tag == "p":
                        child_classes = set((child.get("class") or "").split())
                        if "pull-quote" in child_classes:
                            quote.set("rend", "pull-quote")
                        self.fill(sub(quote, "p"), child, notes)
            elif tag == "table":
                self.table(current, el, notes)
            elif el.text_content().strip():
                self.paragraph(current, el, classes, notes)
        for label in labels:
            self.fill(sub(stack[-1][1], "p", rend="chapter-label"), label, notes)
        if len(div) == 0:
            sub(div, "p")

    def paragraph(self, parent, el, classes: set[str], notes) -> None:
        if "edition-note" in classes:
            note = sub(parent, "note", type="editorial", resp="#build-edition")
            self.fill(note, el, notes)
            return
        if "separator" in classes:
            self.fill(sub(parent, "ab", type="separator"), el, notes)
            return
        rend = " ".join(c for c in BLOCK_RENDS if c in classes) or None
        self.fill(sub(parent, "p", rend=rend), el, notes)

    def table(self, parent, el, notes) -> None:
        table = sub(parent, "table")
        for tr in el.iter("tr"):
            row = sub(table, "row")
            for cell in tr:
                if isinstance(cell.tag, str) and cell.tag in ("td", "th"):
                    self.fill(sub(row, "cell", role="label" if cell.tag == "th" else None), cell, notes)
        if len(table) == 0:
            sub(sub(table, "row"), "cell")


# -- header -------------------------------------------------------------------------------------

def header(tei, source: DocumentSource, site_url: str, used_rules: list[tuple[str, int]], site_name: str) -> None:
    entry = source.entry
    langs = lang_codes(entry.language)
    head = sub(tei, "teiHeader")
    file_desc = sub(head, "fileDesc")
    title_stmt = sub(file_desc, "titleStmt")
    sub(title_stmt, "title", entry.title, type="main")
    for author in entry.authors:
        if author not in ("unknown", "various"):
            sub(title_stmt, "author", author)
    resp = sub(title_stmt, "respStmt")
    sub(resp, "resp", "Автоматты қалпына келтіру (шығару зақымдарын түзету)")
    sub(resp, "name", "build-edition", **{XML_ID: "build-edition"})
    resp = sub(title_stmt, "respStmt")
    sub(resp, "resp", "Редакциялық түзетулер")
    sub(resp, "name", "Басылым редакторлары", **{XML_ID: "editors"})
    pub = sub(file_desc, "publicationStmt")
    sub(pub, "publisher", site_name)
    sub(pub, "idno", f"{site_url}{entry.slug}/", type="URI")
    source_desc = sub(file_desc, "sourceDesc")
    bibl = sub(source_desc, "bibl")
    sub(bibl, "title", entry.title, level="a" if entry.kind in ("article", "newspaper", "interview", "web page") else "m")
    for author in entry.authors:
        if author not in ("unknown", "various"):
            sub(bibl, "author", author)
    if entry.publication != "unknown":
        sub(bibl, "title", entry.publication, level="j" if entry.kind in ("article", "newspaper", "interview") else "s")
    if entry.publisher != "unknown":
        sub(bibl, "publisher", entry.publisher)
    if entry.place != "unknown":
        sub(bibl, "pubPlace", entry.place)
    if entry.date != "unknown":
        sub(bibl, "date", entry.date, when=entry.date)
    sub(bibl, "idno", entry.source, type="seed")
    if entry.notes:
        sub(bibl, "note", entry.notes)
    encoding = sub(head, "encodingDesc")
    project = sub(encoding, "projectDesc")
    p = sub(project, "p", "The text was restored from a plain-text extraction of a printed or web original. "
            "Only extraction damage was repaired, never the author's language. Every automatic change is "
            "encoded where it was made as choice/sic/corr (corr/@type names the rule, corr/@resp the "
            "program); page furniture taken out of the reading text stays where it stood as fw, a page "
            "number as pb opening its page (a printed page number is taken to stand at the top of its page).")
    p.set(XML_LANG, "en")
    decl = sub(encoding, "editorialDecl")
    correction = sub(decl, "correction", method="markup")
    p = sub(correction, "p", "Each rule is named after the pass of build-edition that applies it "
            "(build_edition/passes/); a removal is named <pass>:<what was removed>. Rules used in this text, "
            "with the number of changes they made:")
    lst = sub(p, "list")
    for rule, count in used_rules:
        item = sub(lst, "item")
        sub(item, "term", rule)
        _append_text(item, f": {count}")
    correction.find(T("p")).set(XML_LANG, "en")
    profile = sub(head, "profileDesc")
    usage = sub(profile, "langUsage")
    names = {"kk": "қазақ тілі", "ru": "орыс тілі", "en": "ағылшын тілі"}
    for code in langs:
        sub(usage, "language", names.get(code, code), ident=code)
    if entry.kind == "interview":
        persons = sub(sub(profile, "particDesc"), "listPerson")
        person = sub(persons, "person", role="interviewer", **{XML_ID: "interviewer"})
        sub(person, "persName", "Тілші (аты-жөні мәтінде жоқ)")
        person = sub(persons, "person", role="interviewee", **{XML_ID: "interviewee"})
        sub(person, "persName", entry.authors[0] if entry.authors else "unknown")
    if source.corrections:
        revision = sub(head, "revisionDesc")
        for row in source.corrections:
            key = str(row.get("id", ""))
            date = str(row.get("date") or "")
            change = sub(revision, "change", who="#editors",
                         when=date if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", date) else None,
                         target=f"#{key}" if re.fullmatch(r"[A-Za-z_][\w.-]*", key) else None)
            _append_text(change, f"{row.get('kind', 'correction')}: {row.get('file', '')}#{key}")
            if row.get("after"):
                _append_text(change, f" — {' '.join(str(row['after']).split())[:300]}")


def unplaced(text, rows: list[dict], ids: set[str]) -> None:
    """The logged emendations that have no place in the text (a deletion leaves nothing to point at;
    an editor may have rewritten the words since), listed at the back with their paragraph and seed
    position, so that the TEI still holds every logged change."""
    div = sub(sub(text, "back"), "div", type="unplaced_emendations")
    sub(div, "head", "Мәтінде орны көрсетілмеген түзетулер")
    lst = sub(div, "list")
    for row in rows:
        block = str(row.get("block", ""))
        item = sub(lst, "item", corresp=f"#{block}" if block in ids else None, n=None if block in ids else "-")
        choice = sub(item, "choice")
        pieces(sub(choice, "sic"), [str(row.get("before", ""))])
        pieces(sub(choice, "corr", resp="#build-edition", type=row.get("rule") or None), [str(row.get("after", ""))])
        _append_text(item, f" ({row.get('line', '?')}-жол, {row.get('column', '?')}-баған)")


def build(source: DocumentSource, site_url: str, site_name: str = "Қазақ мәтіндерінің цифрлық басылымы"):
    """(TEI element tree, statistics) of one document."""
    tei = etree.Element(T("TEI"), nsmap={None: TEI_NS})
    tei.set(XML_LANG, lang_codes(source.entry.language)[0])
    builder = Builder(source, site_url)
    text = etree.Element(T("text"))
    body = sub(text, "body")
    for page in source.pages:
        builder.page(body, page)
    if builder.removals:
        tail = body[-1] if len(body) else sub(body, "div")
        for row in builder.removals:
            furniture(tail, row, builder.ids)
    if len(body) == 0:
        sub(sub(body, "div"), "p")
    # emendations of text that is in no paragraph of the edition (logged without a block, or for a
    # paragraph an editor has removed)
    for block, rows in sorted(source.emendations.items()):
        if block not in builder.emended:
            builder.stats.emendations += len(rows)
            builder.stats.missing += rows
    if builder.stats.missing:
        unplaced(text, builder.stats.missing, builder.ids)
    counts: dict[str, int] = {}
    for rows in source.emendations.values():
        for row in rows:
            counts[str(row.get("rule", ""))] = counts.get(str(row.get("rule", "")), 0) + 1
    for row in source.removals:
        counts[str(row.get("rule", ""))] = counts.get(str(row.get("rule", "")), 0) + 1
    used = sorted((rule, n) for rule, n in counts.items() if rule)
    builder.stats.page_of = builder.page_of
    header(tei, source, site_url, used, site_name)
    tei.append(text)
    return etree.ElementTree(tei), builder.stats


def tei_bytes(source: DocumentSource, site_url: str) -> bytes:
    return serialize(build(source, site_url)[0])


def serialize(tree) -> bytes:
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=False) + b"\n"
