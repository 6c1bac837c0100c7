"""Remove spaces that extraction put before punctuation, and a stray hyphen before a word.

Runs after the word joins and before ``unwrap_lines``, on blocks whose text may still hold "\\n".

* a space before ``.``, ``,``, ``;``, ``:``, ``!``, ``?`` (003 ``зерттеген .`` → ``зерттеген.``,
  ``Н . Ә . Назарбаев`` → ``Н. Ә. Назарбаев``, ``[2, 26–25 б .]`` → ``[2, 26–25 б.]``,
  ``т . б .`` → ``т. б.``). Only spacing changes, never the punctuation itself. The mark must
  end there (followed by a space, the line end, a closing bracket or quote, or more
  punctuation): in the newspaper ``!``, ``;`` and ``(`` also stand for lost letters at the start
  of a word (``!зінің`` = өзінің), and those are left for the glyph repair. An ellipsis after a
  space (``жинайды ...``, ``« ...``) marks an omission and keeps its space;
* a punctuation mark that starts a line after the word it belongs to (``сөз`` / ``, деді``) moves
  back to the word;
* a hyphen glued to the next word after a space (001 ``ұстап -отырмын`` → ``ұстап отырмын``)
  when what follows the hyphen is a word of its own in the corpus or the dictionary; a hyphen
  with spaces on both sides is the author's dash (``ХВҚ - Халықаралық…``) and stays, and so does
  ``РКФСР–`` (a dash printed without a space is the author's choice).

>>> from build_edition.core.model import Document
>>> doc = Document("x", "article", "x.txt", "Елбасымыз Н . Ә . Назарбаев зерттеген .\\nт . б .  [2, 26–25 б .] ету» .")
>>> doc.blocks = [doc.make_block("paragraph", 0, len(doc.source))]
>>> run(doc); doc.blocks[0].text
'Елбасымыз Н. Ә. Назарбаев зерттеген.\\nт. б.  [2, 26–25 б.] ету».'
>>> doc.emendations[0].rule, doc.emendations[-1].before, doc.emendations[-1].after
('fix_punctuation_spacing', ' .', '.')

Lost letters, omission marks and dashes stay:

>>> doc = Document("x", "newspaper", "x.txt", "Тарих !зінің сабағын жинайды ... « ...деп ХВҚ - Халықаралық РКФСР– Ресей")
>>> doc.blocks = [doc.make_block("paragraph", 0, len(doc.source))]
>>> run(doc); doc.blocks[0].text == doc.source
True
"""
from __future__ import annotations

import re

from build_edition.evidence.lexicon import lexicon_for
from build_edition.core.model import Block, Document

RULE = "fix_punctuation_spacing"
LABEL = "тыныс белгісі маңындағы бос орын түзетілді"          # shown to readers in the apparatus and on landing pages

PUNCTUATION = ".,;:!?"
# Spaces (not line ends) between a non-space character and a punctuation mark that ends there.
# A run of dots is an ellipsis (omission mark) and keeps its space.
SPACE_BEFORE_MARK = re.compile(
    rf"(?<=[^\s(\[«„“\"–—-])[ \t]+([{PUNCTUATION}](?![.…])|[!?]{{2,3}})(?=$|[\s)\]»”\"'{PUNCTUATION}])",
    re.MULTILINE)
# A mark at the start of a line that closes the word at the end of the previous line.
MARK_AFTER_LINE_BREAK = re.compile(r"(?<=[^\s.…])([ \t]*\n[ \t]*)([,.;:])(?![.…])(?=\s|$)")
# "ұстап -отырмын": a space, a hyphen, and a word glued to it.
STRAY_HYPHEN = re.compile(r"(?<=[^\W\d_])( +)-(?=([^\W\d_]+))")


# Quick tests (a leading character class lets the regex engine skip ahead) before the full patterns.
MAY_HAVE_SPACE_BEFORE_MARK = re.compile(rf"[ \t][{PUNCTUATION}]")
MAY_HAVE_MARK_AFTER_BREAK = re.compile(r"\n[ \t]*[,.;:]")
MAY_HAVE_STRAY_HYPHEN = re.compile(r" -[^\W\d_]")


def _fix_spaces(doc: Document, block: Block) -> None:
    if MAY_HAVE_SPACE_BEFORE_MARK.search(block.text):
        doc.substitute(block, SPACE_BEFORE_MARK, r"\1", RULE)
    if MAY_HAVE_MARK_AFTER_BREAK.search(block.text):
        doc.substitute(block, MARK_AFTER_LINE_BREAK, lambda m: m.group(2) + m.group(1), RULE)


def _fix_stray_hyphens(doc: Document, block: Block) -> None:
    if not MAY_HAVE_STRAY_HYPHEN.search(block.text):
        return
    lexicon = lexicon_for(doc)

    def repl(m: re.Match) -> str:
        word = m.group(2)
        # a suffix split off a number or an abbreviation ("ҚСЗИ -да") is not a word of its own
        if len(word) < 3 or not (lexicon.freq(word) > 0 or lexicon.in_dictionary(word)):
            return m.group(0)
        return m.group(1)

    doc.substitute(block, STRAY_HYPHEN, repl, RULE)


def run(doc: Document) -> None:
    for block in doc.blocks:
        if block.text:
            _fix_spaces(doc, block)
            _fix_stray_hyphens(doc, block)
