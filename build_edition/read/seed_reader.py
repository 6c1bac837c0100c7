"""Read a seed file into a Document: decode it safely, one block per source line.

A seed is whatever an extraction tool produced, so the reader expects trouble: a byte-order mark,
CRLF line ends, UTF-16, a legacy Cyrillic code page (kz1048 / cp1251), UTF-8 that was once decoded in
the wrong code page and saved again (``ÒšÐ°Ð·Ð°Ò›``: the whole file is decoded, passages are left to
:mod:`build_edition.passes.chars.repair_mojibake`), stray control characters,
an empty file, a PDF or other binary file, or a file far too large. Text in a known encoding is
decoded and the encoding is recorded (``doc.meta["encoding"]``, ``doc.meta["line_ends"]``) and
reported; anything else is an :class:`EditionError` naming the file, the line and the fix.
"""
from __future__ import annotations

import codecs
import re
import stat
from pathlib import Path

from build_edition.read.catalog import CatalogueEntry
from build_edition.core.errors import EditionError
from build_edition.core.model import Document
from build_edition.text.alphabet import KAZAKH_LOWER_LETTERS
from build_edition.text.mojibake import undo_double_encoding

# The largest real seed (a 400-page book) is under 2 MB; 8 MB leaves room for a much longer book while
# keeping the per-character origin maps of a build within a few hundred MB of memory.
MAX_SEED_BYTES = 8 * 1024 * 1024
# Extracted page text has short lines (the longest in the real seeds: 1 422 characters, a web paragraph).
# A far longer line means the line breaks were lost, and the repairs, which work on paragraphs, would
# slow down with the square of its length.
MAX_LINE_CHARS = 20_000

# Single-byte code pages a Kazakh or Russian text file may realistically come in.
LEGACY_ENCODINGS = ["cp1251", "kz1048", "koi8_r", "cp866"]

# C0 controls and DEL are never text; tab, line ends, vertical tab and form feed (pdftotext's page
# break) are layout whitespace and stay.
CONTROL_CHARACTER = "seed_reader:control_character"     # the rule of the removals logged here
REMOVAL_LABELS = {"control_character": "басқару таңбасы"}
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")

_MAGIC = {
    b"%PDF-": "a PDF file",
    b"PK\x03\x04": "a ZIP archive or Word/OpenDocument file",
    b"\xd0\xcf\x11\xe0": "an old Word/Excel file",
    b"{\\rtf": "an RTF file",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
}
_TO_TEXT_HINT = "extract the plain text first (e.g. `pdftotext -layout file.pdf seed.txt`) and save it as UTF-8"


def decode_seed(data: bytes, name: str) -> tuple[str, str]:
    """Decode seed bytes to text with "\\n" line ends; return (text, encoding).

    Raise EditionError for empty, binary or undecodable input.

    >>> decode_seed("Қазақ".encode("utf-8"), "x")
    ('Қазақ', 'utf-8')
    >>> decode_seed(codecs.BOM_UTF8 + "ә\\r\\n".encode(), "x")
    ('ә\\n', 'utf-8-sig')
    >>> decode_seed("Қазақ тілі\\n".encode("utf-16-le"), "x")
    ('Қазақ тілі\\n', 'utf-16-le')
    >>> decode_seed("Қазақстан Республикасы – біртұтас мемлекет.".encode("kz1048"), "x")
    ('Қазақстан Республикасы – біртұтас мемлекет.', 'kz1048')
    >>> decode_seed("Қазақ тілі\\n".encode().decode("cp1252").encode(), "x")
    ('Қазақ тілі\\n', 'utf-8+windows-1252')
    """
    raw, encoding = _decode(data, name)
    return normalise_newlines(raw), encoding


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def line_ends(text: str) -> str:
    """How the decoded (not yet normalised) text ends its lines: "LF", "CRLF", "CR", "mixed" or "none".

    >>> line_ends("a\\r\\nb\\r\\n"), line_ends("a\\nb\\r\\n"), line_ends("a")
    ('CRLF', 'mixed', 'none')
    """
    crlf = text.count("\r\n")
    cr, lf = text.count("\r") - crlf, text.count("\n") - crlf
    kinds = [k for k, n in (("CRLF", crlf), ("CR", cr), ("LF", lf)) if n]
    return "mixed" if len(kinds) > 1 else (kinds[0] if kinds else "none")


def _decode(data: bytes, name: str) -> tuple[str, str]:
    """The text and its encoding; a whole text in UTF-8 that was once decoded in a single-byte code page
    and saved again is decoded all the way (``utf-8+windows-1252``: see build_edition.text.mojibake)."""
    text, encoding = _decode_bytes(data, name)
    if encoding.startswith("utf"):
        undone = undo_double_encoding(text)
        if undone:
            text, encoding = undone[0], "+".join([encoding, *undone[1]])
    return text, encoding


def _decode_bytes(data: bytes, name: str) -> tuple[str, str]:
    if not data.strip(b" \t\r\n\x0b\x0c"):
        raise _empty(name)
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise EditionError(f"the seed is {what}, not plain text", file=name, hint=_TO_TEXT_HINT)
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
                          (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding), name), encoding
            except UnicodeDecodeError as exc:
                raise EditionError(f"the seed starts with a {encoding} byte-order mark but is not valid "
                                   f"{encoding} (byte {exc.start})", file=name,
                                   line=_line_of_byte(data, exc.start, encoding),
                                   hint="re-save the file as UTF-8") from None
    if b"\x00" in data:
        encoding = _utf16_without_bom(data)
        if encoding:
            return _checked(data.decode(encoding), name), encoding
    try:
        return _checked(data.decode("utf-8"), name), "utf-8"
    except UnicodeDecodeError as exc:
        bad = exc.start
    if b"\x00" in data:           # no text encoding but UTF-16/32 has zero bytes
        raise _binary(name)
    line = _line_of_byte(data, bad)
    if _mostly_utf8(data):
        places = bad_utf8_places(data)
        raise EditionError(f"the seed is UTF-8 but not everywhere (a passage in another encoding?): "
                           f"{describe_places(places)}", file=name, line=places[0][0],
                           hint="fix or retype the damaged characters at those places (line:column) and save the "
                                "file as UTF-8")
    encoding = _legacy_encoding(data)
    if encoding is None:
        raise EditionError(f"the seed is not UTF-8 (first invalid byte {bad}) and not in a known Cyrillic "
                           f"code page ({', '.join(LEGACY_ENCODINGS)})", file=name, line=line,
                           hint="convert the file to UTF-8, e.g. `iconv -f <its encoding> -t utf-8`")
    return _checked(data.decode(encoding), name), encoding


def _checked(text: str, name: str) -> str:
    """Reject decoded text that is empty or mostly control characters (binary data)."""
    if not text.strip():
        raise _empty(name)
    controls = len(CONTROL.findall(text[:1 << 20]))
    if controls > max(8, min(len(text), 1 << 20) // 200):
        raise _binary(name)
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a byte-order mark: ASCII characters (spaces, digits, punctuation) put their
    zero byte on one side of each code unit only."""
    if len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if (even and odd) or max(even, odd) < len(data) // 40:    # spaces alone are more than 1 in 20 units
        return None
    encoding = "utf-16-le" if odd else "utf-16-be"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    letters = [c for c in text[:1 << 20] if c.isalpha()]
    readable = sum(c < "\u0530" for c in letters)          # Latin, Greek, Cyrillic
    return encoding if readable >= 0.9 * len(letters) else None


def _mostly_utf8(data: bytes) -> bool:
    """True when the bytes are UTF-8 with some damage: valid multi-byte sequences outnumber the bad bytes."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 0x7F) - bad
    return good > bad


# Characters a Kazakh or Russian text is made of, beyond ASCII.
_EXPECTED = set(KAZAKH_LOWER_LETTERS + "«»–—…“”„№’‘•")


def _legacy_encoding(data: bytes) -> str | None:
    """The single-byte Cyrillic code page in which the non-ASCII bytes read as Kazakh/Russian letters and
    punctuation, or None. (charset-normalizer reads short kz1048 text as cp1251: the two differ only in
    the Kazakh letters, so the decision is made by counting them.)"""
    frequency = {b: n for b in range(128, 256) if (n := data.count(bytes([b])))}
    high = bytes(frequency)
    scores, expected = {}, {}
    for encoding in LEGACY_ENCODINGS:
        chars = high.decode(encoding, errors="replace")
        # Lowercase letters outnumber capitals in prose: a wrong code page that maps the letters onto
        # letters of the other case (koi8-r read as cp1251) scores lower.
        scores[encoding] = sum(frequency[b] * (1.0 if ch in _EXPECTED else 0.5)
                               for b, ch in zip(high, chars) if ch.lower() in _EXPECTED)
        expected[encoding] = sum(frequency[b] for b, ch in zip(high, chars) if ch.lower() in _EXPECTED)
    best = max(LEGACY_ENCODINGS, key=lambda e: scores[e])    # a tie (Russian text) goes to cp1251
    if expected[best] < 0.95 * sum(frequency.values()):
        return None
    # Latin-1 text read as cp1251 gives Cyrillic letters inside Latin words ("Cafй crиme").
    words = [w for w in re.findall(r"[^\W\d_]+", data.decode(best)[:1 << 20]) if not w.isascii()]
    mixed = sum(1 for w in words if re.search(r"[A-Za-z]", w))
    return best if mixed <= 0.2 * len(words) else None


MAX_PLACES = 5    # invalid UTF-8 sequences named in one message


def bad_utf8_places(data: bytes, limit: int = MAX_PLACES) -> list[tuple[int, int, bytes]]:
    """(line, column, bytes) of the first ``limit`` invalid UTF-8 sequences, and the number of all of them
    as a last item (0, count, b"") when there are more; columns count characters, both from 1.

    >>> bad_utf8_places("Қаз\\nа".encode() + b"\\xe9x\\xff\\n\\xd2")
    [(2, 2, b'\\xe9'), (2, 4, b'\\xff'), (3, 1, b'\\xd2')]
    >>> bad_utf8_places(b"\\xff" * 7, limit=2)
    [(1, 1, b'\\xff'), (1, 2, b'\\xff'), (0, 7, b'')]
    """
    places: list[tuple[int, int, bytes]] = []
    total = 0
    for number, line in enumerate(data.split(b"\n"), 1):
        if line.isascii():
            continue
        decoded = line.decode("utf-8", errors="replace")       # one U+FFFD per invalid sequence
        found = decoded.count("\ufffd") - line.count("\ufffd".encode())
        total += found
        start = 0
        while found and len(places) < limit:
            try:
                line[start:].decode("utf-8")
                break
            except UnicodeDecodeError as exc:
                begin, start = start + exc.start, start + exc.end
                places.append((number, len(line[:begin].decode("utf-8", errors="replace")) + 1, line[begin:start]))
    if total > limit:
        places.append((0, total, b""))
    return places


def describe_places(places: list[tuple[int, int, bytes]]) -> str:
    """``line 2, column 5 (byte 0xE9); ...`` for the places of bad_utf8_places.

    >>> describe_places([(2, 5, b"\\xe9"), (3, 1, b"\\xd2\\x41"), (0, 9, b"")])
    'line 2, column 5 (byte 0xE9); line 3, column 1 (bytes 0xD2 0x41); 9 invalid sequences in all'
    """
    out = []
    for line, column, raw in places:
        if not line:
            out.append(f"{column} invalid sequences in all")
        else:
            shown = " ".join(f"0x{b:02X}" for b in raw)
            out.append(f"line {line}, column {column} ({'byte' if len(raw) == 1 else 'bytes'} {shown})")
    return "; ".join(out)


def _line_of_byte(data: bytes, position: int, encoding: str = "utf-8") -> int:
    if encoding.startswith(("utf-16", "utf-32")):
        return data[:position].decode(encoding, errors="replace").count("\n") + 1
    return data[:position].count(b"\n") + 1


def _empty(name: str) -> EditionError:
    return EditionError("the seed file is empty", file=name,
                        hint="put the extracted text in the file, or remove its entry from seeds/catalog.yml")


def _binary(name: str) -> EditionError:
    return EditionError("the seed looks like a binary file, not text", file=name, hint=_TO_TEXT_HINT)


def read_seed(entry: CatalogueEntry, seeds_dir: Path, lines: bool = True) -> Document:
    """The seed of ``entry``, decoded, as a document of one ``line`` block per non-blank line
    (``lines=False``: the text and its decoding only, all a build needs to tell whether it changed)."""
    path = seeds_dir / entry.source
    name = str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise EditionError(f"seed file of {entry.slug!r} is missing", file=name,
                           hint="copy it into seeds/ or fix `source:` in seeds/catalog.yml") from None
    except OSError as exc:
        raise EditionError(f"cannot read the seed: {exc.strerror}", file=name,
                           hint="check that the file and its folder are readable") from None
    if not stat.S_ISREG(info.st_mode):
        raise EditionError("the seed is not a regular file", file=name,
                           hint="`source:` in seeds/catalog.yml must name a text file in seeds/")
    limit = f"{MAX_SEED_BYTES // (1024 * 1024)} MB"
    too_big = EditionError(f"the seed is over the {limit} limit for one document", file=name,
                           hint="split the text into several seeds, each with its own entry in seeds/catalog.yml")
    if info.st_size > MAX_SEED_BYTES:
        too_big.message = f"the seed is {info.st_size / (1024 * 1024):.0f} MB, over the {limit} limit for one document"
        raise too_big
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_SEED_BYTES + 1)   # never trust st_size alone: the file may be growing
    except OSError as exc:
        raise EditionError(f"cannot read the seed: {exc.strerror}", file=name,
                           hint="check that the file is readable") from None
    if len(data) > MAX_SEED_BYTES:
        raise too_big
    raw, encoding = _decode(data, name)
    text = normalise_newlines(raw)
    check_line_lengths(text, name)
    doc = Document(slug=entry.slug, kind=entry.kind, seed_name=entry.source, source=text,
                   meta={"entry": entry, "encoding": encoding, "line_ends": line_ends(raw)})
    if lines:
        read_lines(doc)
        remove_control_characters(doc)
    return doc


def check_line_lengths(text: str, name: str) -> None:
    """Refuse a seed with a line longer than MAX_LINE_CHARS.

    >>> check_line_lengths("қысқа\\n" + "ұзын " * 5000, "x.txt")
    Traceback (most recent call last):
    build_edition.core.errors.EditionError: x.txt:2: line 2 has 25000 characters, more than the 20000 a line of extracted text has
      how to fix: the line breaks were lost: extract the text again with its line breaks, or put each paragraph on its own line
    """
    if len(text) <= MAX_LINE_CHARS:
        return
    for number, line in enumerate(text.split("\n"), 1):
        if len(line) > MAX_LINE_CHARS:
            raise EditionError(f"line {number} has {len(line)} characters, more than the {MAX_LINE_CHARS} a line of "
                               "extracted text has", file=name, line=number,
                               hint="the line breaks were lost: extract the text again with its line breaks, "
                                    "or put each paragraph on its own line")


def read_lines(doc: Document) -> None:
    """One ``line`` block per non-blank source line; ``blank_before`` tells whether a blank line preceded it."""
    offset, blank_before = 0, True
    for line in doc.source.split("\n"):
        if line.strip():
            block = doc.make_block("line", offset, offset + len(line))
            block.attrs["blank_before"] = blank_before
            doc.blocks.append(block)
            blank_before = False
        else:
            blank_before = True
        offset += len(line) + 1


def remove_control_characters(doc: Document) -> None:
    """Stray control characters (a few, or the seed would have been refused as binary) are extraction
    debris, never text: each is cut out and logged as a removal.

    >>> doc = Document("x", "article", "x.txt", "Қа\\x00зақ\\n\\x1b\\n")
    >>> read_lines(doc); remove_control_characters(doc)
    >>> [b.text for b in doc.blocks], [(r.rule, r.text, r.line) for r in doc.removals]
    (['Қазақ'], [('seed_reader:control_character', '\\x00', 1), ('seed_reader:control_character', '\\x1b', 2)])
    """
    if not CONTROL.search(doc.source):
        return
    for block in list(doc.blocks):
        for m in reversed(list(CONTROL.finditer(block.text))):
            doc.remove_span(block, m.start(), m.end(), CONTROL_CHARACTER)
        if not block.text.strip():
            if block.text:
                doc.remove(block, CONTROL_CHARACTER)
            else:
                doc.blocks.remove(block)
