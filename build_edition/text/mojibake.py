"""Mojibake told apart by what it is, and the UTF-8 kinds undone with ftfy.

Three kinds reach the edition:

* **UTF-8 read as windows-1252 or Latin-1** and saved again (``ÒšÐ°Ð·Ð°Ò›`` for ``Қазақ``): every
  letter became a lead character (``Ð Ñ Ò Ó``, ``â`` for dashes and quotes) and one or two
  continuation characters. The characters' bytes *are* UTF-8, which is how the kind is recognised.
* **UTF-8 read as windows-1251** (``ТљР°Р·Р°Т›``): the same, with Cyrillic look-alikes; the bytes are
  UTF-8 again, and the characters include signs no Kazakh or Russian word has (``љ``, ``°``, ``‚``).
* **cp1251 read as Latin-1** (003's masthead ``ÌÅÌËÅÊÅÒÒІÊ``): one Latin-1 letter per Cyrillic letter;
  the bytes are single-byte Cyrillic, not UTF-8. :mod:`build_edition.passes.chars.repair_mojibake` repairs it
  with its own decoding (ftfy does not know it, and would misread some of its letter pairs as UTF-8).

The UTF-8 kinds are decoded by ftfy (``fix_encoding``: several layers, the sloppy code pages, a no-break
space turned into a space). A whole file in one of them is decoded by the reader, like any other
encoding (:func:`undo_double_encoding`); a passage inside correct text is repaired, with logged
emendations, by the pass. What still has the shape of a UTF-8 kind after that cannot be restored
(a byte was lost: ``Ð�``) and is reported by :func:`find_mojibake`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import ftfy
import ftfy.bad_codecs  # noqa: F401  (registers the sloppy-windows-125x codecs)

from build_edition.text.alphabet import KAZAKH_LOWER_LETTERS

# ftfy's encoding repairs only; nothing lossy (a lost byte is reported, never guessed as U+FFFD), and C1
# controls are left to the cp1251 repair, for which they are letters.
CONFIG = ftfy.TextFixerConfig(replace_lossy_sequences=False, fix_c1_controls=False, unescape_html=False,
                              remove_terminal_escapes=False, fix_latin_ligatures=False,
                              fix_character_width=False, uncurl_quotes=False, fix_line_breaks=False,
                              fix_surrogates=False, remove_control_chars=False, normalization=None)

LOST = "\ufffd"
# One valid UTF-8 multi-byte sequence, or a lead byte whose continuation was lost (0x00 stands for U+FFFD).
_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
                       rb"|[\xc2-\xf4][\x80-\xbf]*\x00")
KAZAKH_RUSSIAN = set(KAZAKH_LOWER_LETTERS) | set(KAZAKH_LOWER_LETTERS.upper())
_COMMON_SIGNS = set("«»–—…“”„’‘•№") | {"\u00a0"}


def _single_byte(codec: str) -> str:
    """The characters ``codec`` writes as one byte 0x80-0xFF (the raw material of its mojibake)."""
    out = []
    for byte in range(0x80, 0x100):
        try:
            out.append(bytes([byte]).decode(codec))
        except UnicodeDecodeError:
            pass
    return "".join(out)


_LATIN_CHARS = _single_byte("sloppy-windows-1252") + _single_byte("latin-1")
# windows-1251 and the Kazakh KZ-1048 (a text read as KZ-1048 has Kazakh letters among its mojibake: РңРҢ)
_CYRILLIC_CHARS = _single_byte("sloppy-windows-1251") + _single_byte("kz1048")
LATIN_RUN = re.compile(f"[{re.escape(_LATIN_CHARS)}{LOST}]+")
CYRILLIC_RUN = re.compile(f"[{re.escape(_CYRILLIC_CHARS)}]+")


def _chars(codec: str, low: int, high: int) -> str:
    return "".join(bytes([b]).decode(codec, errors="replace") for b in range(low, high + 1)).replace("\ufffd", "")


# A fast first look: a UTF-8 lead character followed by a continuation character (or a lost byte). For the
# windows-1251 kind the letters that follow Р, С, Т, У in real words (І, і, «, », dashes, №, a no-break
# space) do not count: every real passage of that kind has the others too (``Р°`` = а, ``Рё`` = и).
_SIGNATURE = re.compile(
    f"[{re.escape(_chars('latin-1', 0xC2, 0xF4))}][{re.escape(_chars('sloppy-windows-1252', 0x80, 0xBF))}"
    f"{re.escape(_chars('latin-1', 0x80, 0x9F))}{LOST}]"
    f"|[РСТУв][{re.escape(''.join(sorted(set(_chars('sloppy-windows-1251', 0x80, 0xBF)) - set('Іі«»–—№' + chr(0xA0)))))}]")


def _plausible(ch: str) -> bool:
    """A character this edition's texts are written with: Latin-1, Cyrillic, general punctuation, №, €."""
    code = ord(ch)
    return code < 0x100 or 0x400 <= code <= 0x4FF or 0x2010 <= code <= 0x206F or ch in "№€™"


_FALLBACK = {"sloppy-windows-1252": "latin-1", "sloppy-windows-1251": "kz1048"}


def _encode(run: str, codec: str) -> bytes:
    return b"".join(b"\x00" if ch == LOST else ch.encode(codec if ch in _single_byte_set(codec) else _FALLBACK[codec])
                    for ch in run)


_SETS: dict[str, set[str]] = {}


def _single_byte_set(codec: str) -> set[str]:
    if codec not in _SETS:
        _SETS[codec] = set(_single_byte(codec))
    return _SETS[codec]


def _utf8_span(data: bytes, min_sequences: int) -> tuple[int, int] | None:
    """Where bytes are (at least 80 %) UTF-8 multi-byte sequences of plausible characters: (first, end)
    of those sequences, or None. (Each character of a run is one byte, so these are character offsets.)"""
    covered = found = 0
    first = end = None
    for m in _SEQUENCE.finditer(data):
        sequence = m.group(0)
        if not sequence.endswith(b"\x00"):
            try:
                decoded = sequence.decode("utf-8")
            except UnicodeDecodeError:          # a surrogate or an overlong form: not text
                continue
            if not all(_plausible(ch) for ch in decoded):
                return None
        covered, found = covered + len(sequence), found + 1
        first = m.start() if first is None else first
        end = m.end()
    if found >= min_sequences and covered >= 0.8 * len(data):
        return first, end
    return None


def is_utf8_as_latin(run: str) -> bool:
    """A run of Latin-1/windows-1252 characters whose bytes are UTF-8: UTF-8 read as windows-1252.

    >>> is_utf8_as_latin("ÒšÐ°Ð·Ð°Ò›"), is_utf8_as_latin("Ð°"), is_utf8_as_latin("Ð�Ð°"), is_utf8_as_latin("â€“")
    (True, True, True, True)

    cp1251 read as Latin-1 is not (``ЖІ`` = ``Æ²`` would be U+01B2, no letter of these texts), nor French:

    >>> is_utf8_as_latin("ÌÅÌËÅÊÅÒÒ"), is_utf8_as_latin("Æ²"), is_utf8_as_latin("é»"), is_utf8_as_latin("«")
    (False, False, False, False)
    """
    return _utf8_span(_encode(run, "sloppy-windows-1252"), 1) is not None


def is_utf8_as_cyrillic(run: str) -> bool:
    """A run of windows-1251 characters whose bytes are UTF-8 (two letters at least) and which holds a sign
    no Kazakh or Russian word has: UTF-8 read as windows-1251.

    >>> is_utf8_as_cyrillic("ТљР°Р·Р°Т›"), is_utf8_as_cyrillic("С‚"), is_utf8_as_cyrillic("РјР°Т›")
    (True, False, True)

    Real words, even those whose bytes happen to be UTF-8 (``ТІСІ``: Ҳ Ѳ), are not:

    >>> is_utf8_as_cyrillic("ТІСІ"), is_utf8_as_cyrillic("ТІЛІ"), is_utf8_as_cyrillic("Республикасы")
    (False, False, False)

    Read as KZ-1048, the same text has Kazakh letters among its signs (``о`` = ``Рң``):

    >>> is_utf8_as_cyrillic("РљРңРҢСЃ")
    True
    """
    if all(ch in KAZAKH_RUSSIAN or ch in _COMMON_SIGNS for ch in run):
        return False
    return _utf8_span(_encode(run, "sloppy-windows-1251"), 2) is not None


@dataclass(frozen=True)
class Mojibake:
    start: int
    end: int
    kind: str           # "utf-8 read as windows-1252", "utf-8 read as windows-1251 or KZ-1048"

    def text(self, line: str) -> str:
        return line[self.start:self.end]


def find_mojibake(text: str) -> list[Mojibake]:
    """Runs of ``text`` that have the shape of UTF-8 mojibake (left after repair: they cannot be restored).

    >>> [(m.kind, m.text(s)) for s in ["Ол Ð�Ð°Ð· деді, «ТљР°Р·Р°Т›»."] for m in find_mojibake(s)]
    [('utf-8 read as windows-1252', 'Ð�Ð°Ð·'), ('utf-8 read as windows-1251 or KZ-1048', 'ТљР°Р·Р°Т›')]
    >>> find_mojibake("Қазақстан Республикасы «Егемен» – 2026, ÌÅÌËÅÊÅÒÒ, café")
    []
    """
    if text.isascii() or not _SIGNATURE.search(text):
        return []
    found = []
    for m in LATIN_RUN.finditer(text):
        span = _utf8_span(_encode(m.group(0), "sloppy-windows-1252"), 1)
        if span:
            found.append(Mojibake(m.start() + span[0], m.start() + span[1], "utf-8 read as windows-1252"))
    for m in CYRILLIC_RUN.finditer(text):
        if is_utf8_as_cyrillic(m.group(0)):
            span = _utf8_span(_encode(m.group(0), "sloppy-windows-1251"), 2)
            found.append(Mojibake(m.start() + span[0], m.start() + span[1], "utf-8 read as windows-1251 or KZ-1048"))
    return sorted(found, key=lambda m: m.start)


def fix_utf8_mojibake(text: str) -> str:
    """ftfy's repair of the UTF-8 kinds (nothing else: no lossy guess, no C1 controls, no quotes).

    >>> fix_utf8_mojibake("ÒšÐ°Ð·Ð°Ò› Ñ‚Ñ–Ð»Ñ–"), fix_utf8_mojibake("Қазақ тілі")
    ('Қазақ тілі', 'Қазақ тілі')
    """
    return ftfy.fix_encoding(text, CONFIG)


_NAMES = {"sloppy-windows-1252": "windows-1252", "sloppy-windows-1251": "windows-1251"}


def undo_double_encoding(text: str) -> tuple[str, list[str]] | None:
    """A whole text in a UTF-8 kind, decoded: (text, the code pages it was read as, outermost first), or None
    when the text is not one (or is only partly: the pass repairs passages).

    >>> undo_double_encoding("ÒšÐ°Ð·Ð°Ò› Ñ‚Ñ–Ð»Ñ– â€“ Ð¼ÐµÐ¼Ð»ÐµÐºÐµÑ‚Ñ‚Ñ–Ðº Ñ‚Ñ–Ð».")
    ('Қазақ тілі – мемлекеттік тіл.', ['windows-1252'])
    >>> undo_double_encoding("Ã’ÂšÃ\x90Â°Ã\x90Â·Ã\x90Â°Ã’Â› Ã‘Â‚Ã‘Â–Ã\x90Â»Ã‘Â–")
    ('Қазақ тілі', ['windows-1252', 'latin-1'])
    >>> undo_double_encoding("Қазақ тілі"), undo_double_encoding("ÌÅÌËÅÊÅÒÒІÊ ãîñóäàðñòâåííîå")
    (None, None)
    """
    if text.isascii() or not _SIGNATURE.search(text):
        return None
    fixed, plan = ftfy.fix_encoding_and_explain(text, CONFIG)
    if fixed == text or not plan or any(step not in ("encode", "decode", "transcode") for step, _ in plan):
        return None
    if any(step == "transcode" and name != "restore_byte_a0" for step, name in plan):
        return None
    layers = [_NAMES.get(name, name) for step, name in plan if step == "encode"]
    return (fixed, layers) if layers else None
