"""Structure of a journal article (kind ``article``): masthead, UDC code, authors, title, abstracts, body.

The front matter of a Kazakh journal article follows a fixed order, recognised by shape rather than
by position: the journal name, the UDC code (`ӘОК 323`, `УДК`, `ӘОЖ`), one block per author
(`Жексембаева В. А., …кафедрасының профессоры…`), the title in capitals, then one abstract per
language, each introduced by its own word (`Аңдатпа` kk, `Аннотация` ru, `Abstract` en) and closed
by its keyword line (`Тірек сөздер:`, `Ключевые слова:`, `Key words:`). The body follows the last
keyword line. Abstract headings, abstracts and keyword lines get the language of their abstract.

>>> from build_edition.core.model import Document
>>> text = ("ӘОК 323   Жексембаева В. А.,\\nакадемиясы\\n\\nТАҚЫРЫП АТАУЫ\\n\\nАннотация\\nВ данной статье автор.\\n\\n"
...         "Ключевые слова: согласие.\\n\\nМәтін басталады.")
>>> doc = Document("x", "article", "x.txt", text)
>>> from build_edition.text.line_shapes import paragraphs_of; doc.blocks = paragraphs_of(doc)
>>> run(doc)
>>> [(b.kind, b.lang, b.text) for b in doc.blocks]  # doctest: +NORMALIZE_WHITESPACE
[('paragraph', 'kk', 'ӘОК 323'), ('byline', 'kk', 'Жексембаева В. А.,\\nакадемиясы'), ('heading', 'kk', 'ТАҚЫРЫП АТАУЫ'),
 ('heading', 'ru', 'Аннотация'), ('paragraph', 'ru', 'В данной статье автор.'), ('keywords', 'ru', 'Ключевые слова: согласие.'),
 ('paragraph', 'kk', 'Мәтін басталады.')]
"""
from __future__ import annotations

import re

from build_edition.text import line_shapes
from build_edition.core.model import Block, Document


ABSTRACT_WORDS = {"аңдатпа": "kk", "түйін": "kk", "түйіндеме": "kk", "аннотация": "ru", "резюме": "ru",
                  "abstract": "en", "summary": "en"}
KEYWORDS = re.compile(r"^\s*(тірек\s*сөздер|түйін(?:ді)?\s*сөздер|кілт(?:ті)?\s*сөздер|ключевые\s*слова|key\s*words)\s*:",
                      re.IGNORECASE)
UDC = re.compile(r"^\s*(?:ӘОК|ӘОЖ|УДК|UDC)\s*[\d.:()/-]+(?:\s*[\d.:()/-]+)*")
AUTHOR = re.compile(rf"^\s*[{line_shapes.UPPER}][{line_shapes.LOWER}]+(?:-[{line_shapes.UPPER}][{line_shapes.LOWER}]+)?\s+"
                    rf"[{line_shapes.UPPER}]\.\s?(?:[{line_shapes.UPPER}]\.)?\s*,?")


def run(doc: Document) -> None:
    first_abstract = next((b for b in doc.blocks if _abstract_language(b)), None)
    front_end = doc.blocks.index(first_abstract) if first_abstract else 0
    _front_matter(doc, doc.blocks[:front_end])
    _abstracts(doc)


def _front_matter(doc: Document, blocks: list[Block]) -> None:
    title_seen = False
    for n, block in enumerate(blocks):
        m = UDC.match(block.text)
        if m:
            block.attrs.update(role="udc", classes=["udc"])
            if m.end() < len(block.text.rstrip()):
                block = line_shapes.split_block(doc, block, m.end())
                block.attrs.pop("role", None)
                block.attrs.pop("classes", None)
        if AUTHOR.match(block.text):
            block.kind = "byline"
        elif line_shapes.is_caps_heading(block.text) and not title_seen and n > 0:
            block.kind, block.level = "heading", 1
            title_seen = True
        elif n == 0 and block.attrs.get("role") != "udc":
            block.attrs.update(role="journal", classes=["journal"])
            _split_masthead(doc, block)


# a masthead's title in capitals, then the same journal's title in another language in lower case:
# `МЕМЛЕКЕТТІК государственное / управление и / государственная / служба` (003, seed lines 2-5)
_CAPS_THEN_LOWER = re.compile(rf"^[{line_shapes.UPPER}\W\d]*[{line_shapes.UPPER}]\s+(?=[{line_shapes.LOWER}])")


def _split_masthead(doc: Document, block: Block) -> None:
    """Give each language of a two-language journal masthead its own block.

    The masthead prints the journal's title in Kazakh capitals and in Russian lower case; the
    extraction runs them together on one line. The cut goes where the capitals end, if the lower-case
    rest is another language than the capitals (the Russian half then carries ``lang="ru"``).

    >>> from build_edition.core.model import Document
    >>> doc = Document("x", "article", "x.txt", "МЕМЛЕКЕТТІК государственное\\nуправление и\\nгосударственная\\nслужба")
    >>> from build_edition.text.line_shapes import paragraphs_of; doc.blocks = paragraphs_of(doc)
    >>> _split_masthead(doc, doc.blocks[0])
    >>> [(b.lang, b.attrs.get("role"), b.text.replace("\\n", " ")) for b in doc.blocks]
    [('kk', None, 'МЕМЛЕКЕТТІК'), ('ru', 'journal', 'государственное управление и государственная служба')]
    """
    m = _CAPS_THEN_LOWER.match(block.text)
    if not m or m.end() >= len(block.text):
        return
    head_lang = line_shapes.guess_language(block.text[:m.end()])
    tail_lang = line_shapes.guess_language(block.text[m.end():])
    if tail_lang == head_lang:
        return
    tail = line_shapes.split_block(doc, block, m.end())
    tail.lang = tail_lang
    tail.attrs.update(role=block.attrs.get("role", "journal"), classes=list(block.attrs.get("classes", ["journal"])))


def _abstract_language(block: Block) -> str:
    first = re.split(r"\s", block.text.strip(), maxsplit=1)[0].strip(":.").lower()
    return ABSTRACT_WORDS.get(first, "")


def _abstracts(doc: Document) -> None:
    lang = ""
    body_started = False
    for block in list(doc.blocks):
        if body_started:
            return
        found = _abstract_language(block)
        if found:
            lang = found
            tail = line_shapes.split_after_line(doc, block, 1) if len(block.text.split()) > 1 else None
            block.kind, block.level, block.lang = "heading", 2, lang
            block.attrs["section_title"] = block.text
            if tail is not None:
                tail.lang = lang
            continue
        if not lang:
            continue
        if KEYWORDS.match(block.text):
            block.kind, block.lang = "keywords", lang
            continue
        if doc.blocks.index(block) > 0 and doc.blocks[doc.blocks.index(block) - 1].kind == "keywords":
            # the first block after a keyword line starts the body unless another abstract follows
            body_started = True
            return
        block.lang = lang
