"""Repair cp1251 text that was decoded as Latin-1 (mojibake) inside otherwise correct lines.

The journal masthead of 003 was extracted as ``ÌÅÌËÅÊÅÒÒІÊ ãîñóäàðñòâåííîå`` — Cyrillic bytes of
cp1251 shown as Latin-1 letters, with a correct Cyrillic ``І`` in the middle of the first word.
``ftfy`` leaves such mixed text alone, so the repair works per run of Latin-1 letters:
``run.encode("latin-1").decode(...)`` gives back the Cyrillic letters, and letters that were
already Cyrillic are not touched.

Bytes 0xC0–0xFF are the same letters in cp1251 and in the Kazakh code page KZ-1048; for the few
Latin-1 signs that stand for a Cyrillic letter (``²`` = І, ``³`` = і, ``¸`` = ё, and the Kazakh
letters of KZ-1048 such as ``£`` = Ә, ``´`` = ө) KZ-1048 is used, the code page of Kazakh text.

Guards, so real Latin text is never "repaired":

* only tokens without any ASCII letter are candidates (``café``, ``Müller``, ``Québec`` have them);
* a line is repaired only when it is clearly mojibake: some token holds at least
  ``MIN_STRONG_RUN`` Latin-1 letters and no ASCII letter — no real Latin-script word looks like
  that; then even a lone ``è`` on that line (cp1251 ``и``, "and") is decoded, while a lone
  ``è`` or ``à`` elsewhere stays as printed.

>>> from build_edition.core.model import Document
>>> from build_edition.read.seed_reader import read_lines
>>> doc = Document("x", "article", "x.txt", "ÌÅÌËÅÊÅÒÒІÊ ãîñóäàðñòâåííîå\\nóïðàâëåíèå è\\nñëóæáà\\nLa vie è belle, café")
>>> read_lines(doc); run(doc)
>>> [b.text for b in doc.blocks]
['МЕМЛЕКЕТТІК государственное', 'управление и', 'служба', 'La vie è belle, café']
>>> sorted((e.line, e.column, e.before, e.after) for e in doc.emendations)[:3]
[(1, 1, 'ÌÅÌËÅÊÅÒÒ', 'МЕМЛЕКЕТТ'), (1, 11, 'Ê', 'К'), (1, 13, 'ãîñóäàðñòâåííîå', 'государственное')]
"""
from __future__ import annotations

import re

from build_edition.core.model import Block, Document

RULE = "repair_mojibake"
LABEL = "кодировкасы бұзылған әріптер қалпына келтірілді"          # shown to readers in the apparatus and on landing pages
MIN_STRONG_RUN = 4   # Latin-1 letters in one ASCII-free token that mark a line as mojibake


def _letter_like(byte: int) -> bool:
    """Bytes that KZ-1048 decodes to a Cyrillic letter."""
    ch = bytes([byte]).decode("kz1048", errors="replace")
    return "\u0400" <= ch <= "\u04ff"


# Latin-1 characters that stand for Cyrillic letters in cp1251/KZ-1048 mojibake.
MOJIBAKE_CHARS = "".join(chr(b) for b in range(0x80, 0x100) if _letter_like(b))
MOJIBAKE_RUN = re.compile(f"[{re.escape(MOJIBAKE_CHARS)}]+")
# A token: letters of any script and the mojibake characters (some of which are not letters: ×, ²).
TOKEN = re.compile(f"(?:[^\\W\\d_]|[{re.escape(MOJIBAKE_CHARS)}])+")
ASCII_LETTER = re.compile("[A-Za-z]")


def decode_run(run: str) -> str:
    """Latin-1 characters back to the Cyrillic letters their bytes meant.

    >>> decode_run("ÌÅÌËÅÊÅÒÒ"), decode_run("£²´")
    ('МЕМЛЕКЕТТ', 'ӘІө')
    """
    return run.encode("latin-1").decode("kz1048")


def _candidates(text: str) -> list[re.Match]:
    return [m for m in TOKEN.finditer(text)
            if MOJIBAKE_RUN.search(m.group(0)) and not ASCII_LETTER.search(m.group(0))]


def is_mojibake_line(text: str) -> bool:
    """Whether a line is clearly cp1251-as-Latin-1 (some ASCII-free token with many Latin-1 letters).

    >>> is_mojibake_line("ñëóæáà"), is_mojibake_line("è"), is_mojibake_line("Ça va, naïve élève")
    (True, False, False)
    """
    for m in _candidates(text):
        if sum(len(r) for r in MOJIBAKE_RUN.findall(m.group(0))) >= MIN_STRONG_RUN:
            return True
    return False


def _repair_block(doc: Document, block: Block) -> None:
    if block.text.isascii() or not MOJIBAKE_RUN.search(block.text) or not is_mojibake_line(block.text):
        return
    edits = []
    for token in _candidates(block.text):
        for run in MOJIBAKE_RUN.finditer(token.group(0)):
            start = token.start() + run.start()
            edits.append((start, start + len(run.group(0)), decode_run(run.group(0))))
    for start, end, new in reversed(edits):
        doc.edit(block, start, end, new, RULE)


def run(doc: Document) -> None:
    for block in doc.blocks:
        _repair_block(doc, block)
