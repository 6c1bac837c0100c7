"""Read a seed file into a Document: decode it safely, one block per source line."""
from __future__ import annotations

import codecs
from pathlib import Path

from .catalog import Entry
from .errors import EditionError
from .model import Document

MAX_SEED_BYTES = 64 * 1024 * 1024


def decode_seed(data: bytes, name: str) -> tuple[str, str]:
    """Decode seed bytes; return (text, encoding). Raise EditionError for empty or binary input.

    >>> decode_seed("Қазақ".encode("utf-8"), "x")
    ('Қазақ', 'utf-8')
    >>> decode_seed(codecs.BOM_UTF8 + "ә\\r\\n".encode(), "x")
    ('ә\\n', 'utf-8-sig')
    """
    if not data.strip():
        raise EditionError("the seed file is empty", file=name,
                           hint="put the extracted text in the file, or remove its catalogue entry")
    encoding = None
    if data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    if encoding is None:
        if b"\x00" in data[:4096] or _looks_binary(data[:65536]):
            raise EditionError("the seed looks like a binary file, not text", file=name,
                               hint="extract the text first (e.g. with pdftotext) and save it as UTF-8")
        try:
            text = data.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            try:
                text = data.decode("cp1251")
            except UnicodeDecodeError:
                raise EditionError(f"the seed is not valid UTF-8 (byte {exc.start})", file=name, line=line,
                                   hint="convert the file to UTF-8, e.g. `iconv -f cp1251 -t utf-8`") from None
            if _cyrillic_share(text) < 0.3:
                raise EditionError(f"the seed is not valid UTF-8 (byte {exc.start}) and not Cyrillic cp1251",
                                   file=name, line=line, hint="convert the file to UTF-8") from None
            encoding = "cp1251"
            return _normalise_newlines(text), encoding
    else:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise EditionError(f"the seed is not valid {encoding} (byte {exc.start})", file=name,
                               hint="re-save the file as UTF-8") from None
    return _normalise_newlines(text), encoding


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _looks_binary(chunk: bytes) -> bool:
    controls = sum(1 for b in chunk if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(8, len(chunk) // 100)


def _cyrillic_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    return sum("\u0400" <= c <= "\u04ff" for c in letters) / max(1, len(letters))


def read_seed(entry: Entry, seeds_dir: Path) -> Document:
    path = seeds_dir / entry.source
    name = str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise EditionError(f"seed file of {entry.slug!r} is missing", file=name,
                           hint="copy it into seeds/ or fix `source:` in seeds/catalog.yml") from None
    if size > MAX_SEED_BYTES:
        raise EditionError(f"the seed is {size // (1024 * 1024)} MB, over the {MAX_SEED_BYTES // (1024 * 1024)} MB limit",
                           file=name, hint="split the text into several documents in the catalogue")
    text, encoding = decode_seed(path.read_bytes(), name)
    doc = Document(slug=entry.slug, kind=entry.kind, seed_name=entry.source, source=text,
                   meta={"entry": entry, "encoding": encoding})
    read_lines(doc)
    return doc


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
