"""Structure of a newspaper issue (kind ``newspaper``): articles with headline, standfirst, byline,
subheadings, pull quotes; front-page teasers; page running titles.

Rules, in order:

1. Running titles: an all-capital block printed identically at the top of several inner pages (the
   halves of the lead article's headline, `ХХІ ҒАСЫРДАҒЫ ҰЛТТЫҢ РЕФОРМАЛАРДЫҢ`) is page furniture:
   removed and logged.
2. Headlines broken by the layout are joined: a headline ending with a colon or dash continues in
   the next all-capital block nearby (`РЕФОРМАЛАРДЫҢ МӘНІ – 3:` … `ХХІ ҒАСЫРДАҒЫ ҰЛТТЫҢ ЖАҢА
   САПАСЫ`), and a one-line capital block right after a headline finishes it (`… БАҒДАР ЕРТЕ ЖАСТАН`
   / `БАСТАЛАДЫ`).
3. Repeated text: a front-page teaser whose text is printed again inside the issue (as the
   article's own standfirst) is removed with its headline (logged: the reader finds it in the
   article); any other text printed twice is a pull quote in its later copy (kind ``quote``, class
   ``pull-quote``), cut off from body text the extraction glued to it.
4. Bylines (`Мәулен ӘШІМБАЕВ, ҚР Парламенті Сенатының Төрағасы`, `Н.ОРАЗҒАЛИЕВ`, `Сұхбаттасқан
   Нұрлан ҚОСАЙ`) get kind ``byline``.
5. Articles. The catalogue may list the articles of an issue (``catalogue_overrides.articles``: the blocks of
   the headline, joined in order, and the blocks of the article in reading order), which puts
   headlines printed after or inside their bodies back at the top. Otherwise an all-capital block
   after a byline, a continuation note or at the start opens an article. The first block of an
   article is its headline (level 2, ``page_title``: one article, one page); other all-capital
   blocks inside it are subheadings (level 3). Letters are never re-cased: the site styles capitals.

>>> from build_edition.core.model import Document
>>> from build_edition.text.line_shapes import paragraphs_of
>>> text = ("ЖАҢА ЖОЛ:\\n\\nМәтін басталады.\\n\\nАсыл ЖИЕНБАЙ,\\nстудент\\n\\nАҚ ЖОЛ\\n\\nЕКІНШІ МАҚАЛА\\n\\nОның мәтіні.\\n\\n"
...         "ІШКІ ТАҚЫРЫП\\n\\nТағы мәтін.")
>>> doc = Document("x", "newspaper", "x.txt", text); doc.blocks = paragraphs_of(doc); run(doc)
>>> [(b.kind, b.level, " ".join(b.text.split())) for b in doc.blocks]  # doctest: +NORMALIZE_WHITESPACE
[('heading', 2, 'ЖАҢА ЖОЛ: АҚ ЖОЛ'), ('paragraph', 0, 'Мәтін басталады.'), ('byline', 0, 'Асыл ЖИЕНБАЙ, студент'),
 ('heading', 2, 'ЕКІНШІ МАҚАЛА'), ('paragraph', 0, 'Оның мәтіні.'), ('heading', 3, 'ІШКІ ТАҚЫРЫП'),
 ('paragraph', 0, 'Тағы мәтін.')]
"""
from __future__ import annotations

import re

from build_edition.text import line_shapes
from build_edition.read import catalogue_overrides
from build_edition.core.errors import EditionError
from build_edition.core.model import Block, Document


RULE = "structure_newspaper"
# what each removal is (the rule logged is ``structure_newspaper:<what>``), as readers see it
REMOVAL_LABELS = {"running_title": "колонтитулдағы атау",
                  "front_page_teaser": "бірінші беттегі анонс (мақаланың өзі ішкі бетте)"}
CONTINUED_HEADLINE = 3      # blocks to look ahead for the rest of a headline ending with a colon or dash
ECHO_LETTERS = 60           # letters of a block's opening that, found again elsewhere, make it a repeat
MIN_ECHO_BLOCK = 80         # letters: shorter blocks are not compared
INTERVIEWER = re.compile(r"^\s*Сұхбаттасқан\s+\S+\s+\S+\s*$")


def run(doc: Document) -> None:
    _remove_running_titles(doc)
    _join_broken_headlines(doc)
    _repeated_text(doc)
    _bylines(doc)
    articles = catalogue_overrides.entries(doc, "articles", ("parts",))
    if articles:
        _assemble_articles(doc, articles)
    _articles_by_rule(doc)


# -- 1. running titles --------------------------------------------------------------------------

def _key(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalpha())


def _caps(block: Block) -> bool:
    return block.kind == "paragraph" and line_shapes.is_caps_heading(block.text)


def _remove_running_titles(doc: Document) -> None:
    """Capital blocks printed identically on several inner pages (a front-page teaser's headline printed
    again over its article is no running title)."""
    seen: dict[str, list[Block]] = {}
    for block in doc.blocks[_front_page_end(doc):]:
        if _caps(block) and not line_shapes.is_byline_start(block.text):
            seen.setdefault(_key(block.text), []).append(block)
    for copies in seen.values():
        if len(copies) >= 2:
            for block in copies:
                doc.remove(block, f"{RULE}:running_title")


# -- 2. broken headlines ------------------------------------------------------------------------

def _join_broken_headlines(doc: Document) -> None:
    for rule in (_one_line_rest, _rest_after_colon):   # short tails first, so a far part comes whole
        i = 0
        while i < len(doc.blocks):
            block = doc.blocks[i]
            follower = rule(doc, i) if _caps(block) and not _is_byline(block) else None
            if follower is not None:
                line_shapes.join_blocks(doc, block, follower)
                continue     # the joined headline may continue further
            i += 1


def _one_line_rest(doc: Document, i: int) -> Block | None:
    """A one-line capital block right under a headline finishes it (`… ЕРТЕ ЖАСТАН` / `БАСТАЛАДЫ`)."""
    block = doc.blocks[i]
    nxt = doc.blocks[i + 1] if i + 1 < len(doc.blocks) else None
    if (nxt is None or not _caps(nxt) or _is_byline(nxt) or block.text.rstrip().endswith((".", "?", "!"))
            or len({doc.line_of(o) for o in nxt.origin}) != 1 or len({doc.line_of(o) for o in block.origin}) < 2):
        return None
    gap = doc.line_of(nxt.origin[0]) - doc.line_of(block.origin[-1])
    return nxt if 0 < gap <= 2 else None


def _rest_after_colon(doc: Document, i: int) -> Block | None:
    """A headline ending with a colon or dash continues in the next capital block nearby."""
    if not doc.blocks[i].text.rstrip().endswith((":", "–", "—", "-")):
        return None
    for later in doc.blocks[i + 1:i + 1 + CONTINUED_HEADLINE]:
        if _caps(later) and not _is_byline(later):
            return later
    return None


# -- 3. repeated text: teasers and pull quotes --------------------------------------------------

def _front_page_end(doc: Document) -> int:
    """Index of the first block after the front page: where the first `Басы 1-бетте` note stands."""
    for i, block in enumerate(doc.blocks):
        if block.kind == "note" and re.search(r"басы", block.text, re.IGNORECASE):
            return i
    return 0


def _repeated_text(doc: Document) -> None:
    keys = [_key(b.text) if b.kind == "paragraph" else "" for b in doc.blocks]
    front_end = _front_page_end(doc)
    teasers: list[Block] = []
    pull_quotes: list[tuple[Block, int]] = []
    for i, block in enumerate(doc.blocks):
        if len(keys[i]) < MIN_ECHO_BLOCK or _caps(block):
            continue
        opening = keys[i][:ECHO_LETTERS]
        elsewhere = [j for j, k in enumerate(keys) if j != i and opening in k]
        if not elsewhere:
            continue
        if i < front_end and all(j >= front_end for j in elsewhere):
            teasers.append(block)
        elif all(j < i for j in elsewhere):
            pull_quotes.append((block, max(elsewhere)))
    for block in _with_teaser_headlines(doc, teasers):
        doc.remove(block, f"{RULE}:front_page_teaser")
    for block, source_index in pull_quotes:
        _mark_pull_quote(doc, block, keys[source_index] if source_index < len(keys) else "")


def _with_teaser_headlines(doc: Document, teasers: list[Block]) -> list[Block]:
    """Teasers and the run of headlines printed right above each run of teasers."""
    out: list[Block] = []
    chosen = set(map(id, teasers))
    for block in teasers:
        i = doc.blocks.index(block)
        if i and id(doc.blocks[i - 1]) in chosen:
            continue     # the headlines stand above the first teaser of the run
        j = i - 1
        while j >= 0 and _caps(doc.blocks[j]):
            out.append(doc.blocks[j])
            j -= 1
    return out + teasers


def _mark_pull_quote(doc: Document, block: Block, source_key: str) -> None:
    """The repeated text is a pull quote; body text glued after it (a new page or column) is cut off."""
    boundaries = []
    stretches = line_shapes.source_lines(doc, block)
    for before, stretch in zip(stretches, stretches[1:]):
        if stretch[0] != before[0]:
            boundaries.append(stretch[1])
    cut = 0
    for boundary in boundaries:
        if _key(block.text[:boundary]) not in source_key:
            break
        cut = boundary
    if cut and _key(block.text) not in source_key and line_shapes.ends_sentence(block.text[:cut]):
        line_shapes.split_block(doc, block, cut)
    block.kind = "quote"
    block.attrs["pull_quote"] = True
    block.attrs["classes"] = list(block.attrs.get("classes", [])) + ["pull-quote"]


# -- 4. bylines ---------------------------------------------------------------------------------

def _is_byline(block: Block) -> bool:
    """`Name SURNAME, position`, `Н.SURNAME`, `Жанат ҚАЙЫРҒОЖИНА, …` or `Сұхбаттасқан Нұрлан ҚОСАЙ`
    (the first line's shape was recorded when the paragraph was assembled)."""
    if block.kind == "byline" or block.attrs.get("shape") == "byline" or INTERVIEWER.match(block.text):
        return True
    words = block.text.split()
    if len(words) == 1 and line_shapes.is_byline_start(block.text):
        return True      # `Н.ОРАЗҒАЛИЕВ`
    return len(words) >= 2 and line_shapes.is_lone_name(words[0]) and line_shapes.is_caps_surname(words[1])


def _bylines(doc: Document) -> None:
    _split_name_lines(doc)
    for block in doc.blocks:
        if block.kind == "paragraph" and _is_byline(block):
            block.kind = "byline"


NAME_WIDTH = 0.7            # a name line under a headline is shorter than this share of the column
NAME_LINE = re.compile(r"\s*(?:[^\W\d_][^\W\d_-]*(?:-[^\W\d_]+)?\s+){1,2}[^\W\d_][^\W\d_-]*(?:-[^\W\d_]+)?\s*,?\s*")


def _split_name_lines(doc: Document) -> None:
    """A byline in ordinary capitals (`Айгүл Сейітқызы`) printed under the headline and run together with
    the article's first paragraph: the paragraph's first line is two or three capitalised words and
    nothing else, clearly shorter than the column, the block stands right under a headline, and the text
    goes on below with a capital.

    >>> from build_edition.core.model import Document
    >>> from build_edition.text.line_shapes import paragraphs_of
    >>> text = "ЖАСТАР ЖҰМЫСҚА ОРНАЛАСТЫ\\n\\nАйгүл Сейітқызы\\nОблыс әкімдігінде өткен жиында\\nжастар туралы айтылды."
    >>> doc = Document("x", "newspaper", "x.txt", text); doc.blocks = paragraphs_of(doc); _bylines(doc)
    >>> [(b.kind, b.text) for b in doc.blocks]  # doctest: +NORMALIZE_WHITESPACE
    [('paragraph', 'ЖАСТАР ЖҰМЫСҚА ОРНАЛАСТЫ'), ('byline', 'Айгүл Сейітқызы'), ('paragraph', 'Облыс әкімдігінде өткен жиында\\nжастар туралы айтылды.')]
    """
    for i in range(len(doc.blocks) - 1, 0, -1):
        block, above = doc.blocks[i], doc.blocks[i - 1]
        if block.kind != "paragraph" or not (_caps(above) or above.kind == "heading"
                                             or line_shapes.is_quoted_title(above.text)):
            continue
        stretches = line_shapes.source_lines(doc, block)
        lines = sorted({line for line, _, _ in stretches})
        if len(lines) < 2:
            continue
        first = "".join(block.text[a:b] for line, a, b in stretches if line == lines[0])
        words = first.replace(",", " ").split()
        if not NAME_LINE.fullmatch(first) or not all(w[:1].isupper() and not w.isupper() for w in words):
            continue
        rest = next(a for line, a, _ in stretches if line == lines[1])
        widest = max(sum(b - a for line, a, b in stretches if line == n) for n in lines[1:])
        if not line_shapes.first_letter(block.text[rest:]).isupper() or len(first.strip()) > NAME_WIDTH * widest:
            continue    # a full line of the column (`Қазақстан Республикасының` / `Президенті…`) is text
        line_shapes.split_block(doc, block, rest)
        block.kind = "byline"

# -- 5. articles --------------------------------------------------------------------------------

def _assemble_articles(doc: Document, articles: list[dict]) -> None:
    """Gather each listed article (headline first, then its parts in reading order) where its first block stands."""
    claimed: dict[int, int] = {}
    order: list[list[Block]] = []
    for n, article in enumerate(articles):
        headline_blocks: list[Block] = []
        for line in article.get("headline", []):
            if any(doc.line_of(o) == line for b in headline_blocks for o in b.origin):
                continue     # the rules already joined this part to the headline
            headline_blocks.append(_block_at(doc, line, "articles"))
        blocks: list[Block] = []
        for part in article["parts"]:
            blocks.extend(_blocks_in(doc, part))
        unique: dict[int, Block] = {}
        for block in blocks:
            if id(block) not in claimed and all(block is not h for h in headline_blocks):
                unique.setdefault(id(block), block)      # listed twice (alone and in a range): first place wins
        blocks = list(unique.values())
        if headline_blocks:
            head = headline_blocks[0]
            for other in headline_blocks[1:]:
                line_shapes.join_blocks(doc, head, other)
            blocks.insert(0, head)
        for block in blocks:
            claimed.setdefault(id(block), n)
            block.attrs["in_article"] = True
        order.append([b for b in blocks if claimed[id(b)] == n])
    out: list[Block] = []
    placed: set[int] = set()
    for block in doc.blocks:
        n = claimed.get(id(block))
        if n is None:
            out.append(block)
        elif n not in placed:
            placed.add(n)
            out.extend(order[n])
            order[n][0].attrs["article_start"] = True
            _mark_relocated(doc, order[n])
    doc.blocks = out


def _mark_relocated(doc: Document, blocks: list[Block]) -> None:
    """Blocks put before text that precedes them in the seed (a headline printed after its body) record
    the seed line where they are now read (``attrs["reading_line"]``: the first line of the next block
    left in its place), so a comparison by seed lines can place them where the reader meets them."""
    firsts = [doc.line_of(b.origin[0]) if b.origin else 0 for b in blocks]
    for i, block in enumerate(blocks):
        if any(later < firsts[i] for later in firsts[i + 1:]):
            stay = next((firsts[j] for j in range(i + 1, len(blocks))
                         if not any(later < firsts[j] for later in firsts[j + 1:])), firsts[i])
            block.attrs["reading_line"] = stay


def _blocks_in(doc: Document, part) -> list[Block]:
    text = str(part)
    m = re.fullmatch(r"\s*(\d+)\s*(?:-\s*(\d+))?\s*", text)
    if not m:
        catalogue_overrides.fail(doc, f"`catalogue_overrides.articles`: part {text!r} is not a line or a range of lines", "write e.g. 146-1513")
    first, last = int(m.group(1)), int(m.group(2) or m.group(1))
    if not m.group(2):
        return [_block_at(doc, first, "articles")]
    return [b for b in doc.blocks if b.origin and first <= doc.line_of(b.origin[0]) <= last]


def _block_at(doc: Document, line: int, key: str) -> Block:
    block = line_shapes.block_starting_at_line(doc, int(line))
    if block is None:
        entry = doc.meta.get("entry")
        raise EditionError(f"no paragraph starts on seed line {line}", file="seeds/catalog.yml",
                           line=getattr(entry, "line", None) or None,
                           hint=f"`overrides.{key}` of {doc.slug!r} must name the first line of a paragraph")
    return block


def _articles_by_rule(doc: Document) -> None:
    """Article starts: the catalogue's list, else an all-capital block at the start, after a byline or a
    continuation note, or right above a byline (the byline printed under the headline); a short line wholly
    in quotation marks right above a byline is a headline too (`«Туған жерге туыңды тік»` / `Ерлан ОМАРОВ,`).

    >>> from build_edition.core.model import Document
    >>> from build_edition.text.line_shapes import paragraphs_of
    >>> text = ("БІРІНШІ МАҚАЛА\\n\\nМәтін.\\n\\nЕКІНШІ МАҚАЛА\\n\\nДана ҚАСЫМОВА, журналист\\n\\nМәтін.\\n\\n"
    ...         "«Туған жерге туыңды тік»\\n\\nЕрлан ОМАРОВ,\\nТүркістан облысы\\n\\nМәтін.")
    >>> doc = Document("x", "newspaper", "x.txt", text); doc.blocks = paragraphs_of(doc); run(doc)
    >>> [(b.kind, b.level) for b in doc.blocks]  # doctest: +NORMALIZE_WHITESPACE
    [('heading', 2), ('paragraph', 0), ('heading', 2), ('byline', 0), ('paragraph', 0), ('heading', 2),
     ('byline', 0), ('paragraph', 0)]
    """
    previous: Block | None = None
    in_article = False
    for i, block in enumerate(doc.blocks):
        listed = block.attrs.pop("in_article", False)
        above_byline = i + 1 < len(doc.blocks) and doc.blocks[i + 1].kind == "byline"
        quoted = (not listed and above_byline and block.kind == "paragraph" and "\n" not in block.text.strip()
                  and line_shapes.is_quoted_title(block.text))
        starts = block.attrs.pop("article_start", False) or quoted or (not listed and _caps(block) and (
            previous is None or previous.kind in ("byline", "note") or not in_article or above_byline))
        if starts:
            title = " ".join(block.text.split())
            if _caps(block) or quoted:
                block.kind, block.level = "heading", 2
                block.attrs["section_title"] = title
            block.attrs["page_title"] = title if len(title) <= 120 else title[:117].rsplit(" ", 1)[0] + "…"
            in_article = True
        elif _caps(block):
            block.kind, block.level = "heading", 3
            block.attrs["section_title"] = " ".join(block.text.split())
        previous = block
