"""Repair mojibake inside otherwise correct lines, each kind by what it is; refuse what cannot be repaired.

This pass runs first, before any other pass reads or normalises a character: in UTF-8 mojibake a
no-break space, a soft hyphen or a ``¬`` is half of a letter (``Ð\xa0`` = Р, ``Ð\xad`` = Э, ``Ð¬`` = Ь).
:mod:`build_edition.text.mojibake` tells the kinds apart by their bytes.

**UTF-8 read as windows-1252/Latin-1 or windows-1251** (``ÒšÐ°Ð·Ð°Ò›`` for ``Қазақ``): a passage pasted
from a web page that had been decoded in the wrong code page once. A line holding such runs is
repaired by ftfy's ``fix_encoding``, and each repaired run is one logged emendation. (A whole seed in
one of these kinds is decoded by the reader instead, like any file encoding.)

**cp1251 read as Latin-1** (the journal masthead of 003: ``ÌÅÌËÅÊÅÒÒІÊ ãîñóäàðñòâåííîå``, Cyrillic
bytes of cp1251 shown as Latin-1 letters, with a correct Cyrillic ``І`` in the middle of the first
word). ``ftfy`` does not know this kind (and would misread some of its letter pairs as UTF-8), so the
repair works per run of Latin-1 letters: ``run.encode("latin-1").decode(...)`` gives back the
Cyrillic letters, and letters that were already Cyrillic are not touched. When a line has runs of
both shapes, the kind with more characters decides: the line was damaged one way.

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

A passage in UTF-8 read as windows-1252 inside Kazakh text, one emendation per run:

>>> doc = Document("x", "article", "x.txt", "Ол: «ÒšÐ°Ð·Ð°Ò› Ñ‚Ñ–Ð»Ñ– â€“ Ð\\xa0ÐµÑ\\x81Ð¿ÑƒÐ±Ð»Ð¸ÐºÐ°» деді.")
>>> read_lines(doc); run(doc)
>>> doc.blocks[0].text
'Ол: «Қазақ тілі – Республика» деді.'
>>> sorted((e.column, e.before, e.after) for e in doc.emendations)[:3]
[(6, 'ÒšÐ°Ð·Ð°Ò›', 'Қазақ'), (17, 'Ñ‚Ñ–Ð»Ñ–', 'тілі'), (26, 'â€“', '–')]

What cannot be restored is an error naming the seed line, never a silently garbled text:

>>> doc = Document("x", "article", "x.txt", "Қазақ тілі\\nÐ�Ð°Ð·Ð°Ò› Ñ‚Ñ–Ð»Ñ–")
>>> read_lines(doc); run(doc)
Traceback (most recent call last):
build_edition.core.errors.EditionError: seeds/x.txt:2: the text is still garbled after repairing its encoding: «Ð�азақ» (utf-8 read as windows-1252, a byte lost); 1 line(s) in all
  how to fix: this passage lost bytes when it was decoded in the wrong code page: copy it again from the original (a PDF or web page) into the seed, saved as UTF-8
"""
from __future__ import annotations

import re

from difflib import SequenceMatcher

from build_edition.core.errors import EditionError
from build_edition.core.model import Block, Document
from build_edition.text.alphabet import CYRILLIC_BLOCK, LATIN, LATIN1_LETTERS
from build_edition.text.mojibake import LOST, find_mojibake, fix_utf8_mojibake

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
ASCII_LETTER = re.compile(f"[{LATIN}]")


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


def _cp1251_runs(text: str) -> list[tuple[int, int, str]]:
    edits = []
    for token in _candidates(text):
        for run in MOJIBAKE_RUN.finditer(token.group(0)):
            start = token.start() + run.start()
            edits.append((start, start + len(run.group(0)), decode_run(run.group(0))))
    return edits


def _repair_block(doc: Document, block: Block) -> None:
    if block.text.isascii():
        return
    utf8 = find_mojibake(block.text)
    cp1251 = MOJIBAKE_RUN.search(block.text) and is_mojibake_line(block.text)
    if utf8 and cp1251:
        in_utf8 = sum(m.end - m.start for m in utf8)
        in_cp1251 = sum(end - start for start, end, _ in _cp1251_runs(block.text))
        cp1251 = in_cp1251 > in_utf8
    if cp1251:
        edits = _cp1251_runs(block.text)
    elif utf8:
        edits = _utf8_edits(block.text)
    else:
        return
    for start, end, new in reversed(edits):
        doc.edit(block, start, end, new, RULE)


_TOKEN = re.compile(r"[\x00-\x7f]|[^\x00-\x7f]+")


def _utf8_edits(text: str) -> list[tuple[int, int, str]]:
    """ftfy's repair of the line, as (start, end, new) per repaired run: the line and the repair are
    aligned on their ASCII characters, which UTF-8 mojibake never touches.

    >>> _utf8_edits("a ÒšÐ°Ð·Ð°Ò›, Ñ‚Ñ–Ð»Ñ–!")
    [(2, 12, 'Қазақ'), (14, 22, 'тілі')]
    """
    fixed = fix_utf8_mojibake(text)
    for m in reversed(find_mojibake(fixed)):     # ftfy judges a line; a run it left may still be clear alone
        fixed = fixed[:m.start] + fix_utf8_mojibake(m.text(fixed)) + fixed[m.end:]
    if fixed == text:
        return []
    old = [(m.start(), m.group(0)) for m in _TOKEN.finditer(text)]
    new = [m.group(0) for m in _TOKEN.finditer(fixed)]
    edits = []
    matcher = SequenceMatcher(None, [t for _, t in old], new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "equal":
            start = old[i1][0] if i1 < len(old) else len(text)
            end = old[i2 - 1][0] + len(old[i2 - 1][1]) if i2 > i1 else start
            before, after = text[start:end], "".join(new[j1:j2])
            while before and after and before[0] == after[0]:        # «ÒšÐ°Ð·Ð°Ò› → «Қазақ: the « stays
                start, before, after = start + 1, before[1:], after[1:]
            while before and after and before[-1] == after[-1]:
                end, before, after = end - 1, before[:-1], after[:-1]
            edits.append((start, end, after))
    return edits


LATIN1_LETTER = re.compile(f"[{LATIN1_LETTERS}]")
CYRILLIC_LETTER = re.compile(f"[{CYRILLIC_BLOCK}]")


def _cp1251_left(word: str) -> bool:
    """A word still in cp1251 read as Latin-1 (on a line too short to be repaired with confidence): two
    Latin-1 letters and no ASCII letter (``Îë``: no Latin-script word looks so), or a Latin-1 letter among
    Cyrillic ones.

    >>> _cp1251_left("Îë"), _cp1251_left("Ñèç"), _cp1251_left("қазақÊ"), _cp1251_left("è"), _cp1251_left("été")
    (True, True, True, False, False)
    """
    letters = LATIN1_LETTER.findall(word)
    return bool(letters) and (len(letters) >= 2 and not ASCII_LETTER.search(word)
                              or bool(CYRILLIC_LETTER.search(word)))


def refuse_leftovers(doc: Document) -> None:
    """Raise an EditionError at the first line that is still mojibake after the repairs."""
    bad = []
    for block in doc.blocks:
        if block.text.isascii():
            continue
        words = [(w.start(), w.end(), w.group(0)) for w in re.finditer(r"\S+", block.text)]
        found = [(m.start, m.kind, next(w for s, e, w in words if s <= m.start < e))
                 for m in find_mojibake(block.text)]
        found += [(s, "cp1251 read as latin-1", w) for s, e, w in words if _cp1251_left(w)]
        for start, kind, word in found:
            bad.append((doc.line_of(block.origin[start]) if block.origin else 0, kind, word))
    if not bad:
        return
    line, kind, text = min(bad, key=lambda b: b[0])
    lost = LOST in text
    lines = len({b[0] for b in bad})
    raise EditionError(f"the text is still garbled after repairing its encoding: «{text}» ({kind}"
                       f"{', a byte lost' if lost else ''}); {lines} line(s) in all",
                       file=f"seeds/{doc.seed_name}", line=line,
                       hint="this passage lost bytes when it was decoded in the wrong code page: copy it again "
                            "from the original (a PDF or web page) into the seed, saved as UTF-8" if lost else
                            "this passage was decoded in the wrong code page in a way that cannot be undone "
                            "reliably: copy it again from the original into the seed, saved as UTF-8")


def run(doc: Document) -> None:
    for block in doc.blocks:
        _repair_block(doc, block)
    refuse_leftovers(doc)
