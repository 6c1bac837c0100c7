"""Normalise stray and invisible characters left by extraction, one logged emendation per change.

What this pass repairs (line blocks, before anything else reads the words):

* ``¬`` and U+00AD (soft hyphen) inside a word: a discretionary hyphen the PDF kept although the
  word was not broken there (001 ``Ұйы¬мын`` → ``Ұйымын``, ``Конс¬титуцияға`` → ``Конституцияға``).
  At a line end after a letter the mark did break the word, so it becomes an ordinary ``-`` and
  the hyphen-joining pass decides with its evidence.
* zero-width characters (U+200B, U+200C, U+200D, U+2060, U+FEFF) and other invisible format or
  control characters are deleted; a form feed (a page break in ``pdftotext`` output) is deleted
  too, and the line is marked ``attrs["page_break_before"]`` for the furniture pass;
* no-break and other fixed-width spaces (U+00A0, U+2007, U+202F, U+2000–U+200A, U+3000...) become
  one ordinary space **each**: runs of spaces are evidence for the later repair of justification
  spaces inside words, so nothing is collapsed here (``unwrap_lines`` does that at the end);
* character sequences that are not in Unicode NFC (``и`` + combining breve → ``й``).

C1 control characters (U+0080–U+009F) next to Latin-1 letters are left alone: inside cp1251
mojibake they stand for real letters (``repair_mojibake``, which runs first, decodes the mojibake it
recognises; what is left is reported, not deleted).

>>> from build_edition.core.model import Document
>>> from build_edition.read.seed_reader import read_lines
>>> doc = Document("x", "interview", "x.txt", "Ұйы¬мын\\nКонс\\u00adтитуция\\nбір\\u00a0\\u00a0екі\\u200b\\nдаи\\u0306ын ма¬")
>>> read_lines(doc); run(doc)
>>> [b.text for b in doc.blocks]
['Ұйымын', 'Конституция', 'бір  екі', 'дайын ма-']
>>> [(e.rule, e.before, e.after, e.line) for e in doc.emendations][:2]
[('normalize_characters', '¬', '', 1), ('normalize_characters', '\\xad', '', 2)]

A real ``¬`` between spaces (a logic formula, say) stays:

>>> doc = Document("x", "book", "x.txt", "p ¬ q")
>>> read_lines(doc); run(doc); doc.blocks[0].text
'p ¬ q'
"""
from __future__ import annotations

import re
import unicodedata

from build_edition.core.model import Block, Document

RULE = "normalize_characters"
LABEL = "көрінбейтін не артық таңба алынды"          # shown to readers in the apparatus and on landing pages

SOFT_HYPHENS = "\u00ac\u00ad"          # ¬ (how several PDF tools export a soft hyphen) and SHY
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u180e"
# Fixed-width and no-break spaces that look like a space to a reader: one ordinary space each.
ODD_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\u2028\u2029"

# A soft hyphen between two letters: the word was never broken there.
INNER_SOFT_HYPHEN = re.compile(rf"(?<=[^\W\d_])[{SOFT_HYPHENS}]+(?=[^\W\d_])")
# A soft hyphen after a letter at the end of a line: the word was broken there.
FINAL_SOFT_HYPHEN = re.compile(rf"(?<=[^\W\d_])[{SOFT_HYPHENS}]+(?=[ \t]*$)")
# U+00AD has no visible form anywhere else; ¬ elsewhere may be a real "not" sign and stays.
LONE_SHY = re.compile("\u00ad+")
ODD_SPACE = re.compile(f"[{ODD_SPACES}]")


def _is_invisible(ch: str) -> bool:
    """Zero-width, format (Cf) and control (Cc) characters other than tab and newline."""
    if ch in "\t\n":
        return False
    if ch in ZERO_WIDTH:
        return True
    return unicodedata.category(ch) in ("Cc", "Cf") and ch not in SOFT_HYPHENS


def _in_mojibake(text: str, i: int) -> bool:
    """A C1 control next to Latin-1 letters is part of cp1251 mojibake, not noise."""
    if not "\u0080" <= text[i] <= "\u009f":
        return False
    near = text[max(0, i - 1): i + 2]
    return any("\u00c0" <= c <= "\u00ff" for c in near)


def _normalize_block(doc: Document, block: Block) -> None:
    # isprintable() is False for every control, format and odd space character: most lines skip the scan
    if not block.text.isprintable() or "\u00ac" in block.text:
        _replace_characters(doc, block)
    if not unicodedata.is_normalized("NFC", block.text):
        _compose(doc, block)


def _replace_characters(doc: Document, block: Block) -> None:
    doc.substitute(block, INNER_SOFT_HYPHEN, "", RULE)
    doc.substitute(block, FINAL_SOFT_HYPHEN, "-", RULE)
    doc.substitute(block, LONE_SHY, "", RULE)
    doc.substitute(block, ODD_SPACE, " ", RULE)
    text = block.text
    if "\f" in text:
        block.attrs["page_break_before"] = True
    for i in reversed(range(len(text))):
        if _is_invisible(text[i]) and not _in_mojibake(text, i):
            doc.edit(block, i, i + 1, "", RULE)


def _compose(doc: Document, block: Block) -> None:
    """NFC per cluster (a base character with its combining marks), so each change is logged where it is."""
    text = block.text
    clusters, i = [], 0
    while i < len(text):
        j = i + 1
        while j < len(text) and unicodedata.combining(text[j]):
            j += 1
        cluster = text[i:j]
        composed = unicodedata.normalize("NFC", cluster)
        if composed != cluster:
            clusters.append((i, j, composed))
        i = j
    for start, end, new in reversed(clusters):
        doc.edit(block, start, end, new, RULE)


def run(doc: Document) -> None:
    for block in doc.blocks:
        if block.text:
            _normalize_block(doc, block)
