"""Mark readings the restoration left uncertain, for the editor's footnotes (nothing in the text changes).

Damage the passes could not decide on stays as printed (faithfulness first): a letter the
extraction lost (`�`, `;лназарова`), a digit or a Latin letter inside a Cyrillic word
(`BLMнен`). These are the residue classes of :mod:`build_edition.evidence.residue` except split words
(those are a matter of spacing, not of reading). Each block with such a token gets
``attrs["uncertain"]``: ``(start, end, residue class)``; the writer adds a footnote there.

Only blocks with a suspicious character are analysed (a cheap prefilter), so the pass stays fast.

>>> from build_edition.core.model import Document
>>> from build_edition.evidence.lexicon import Lexicon
>>> text = "Ол ;лназарова туралы айтты. Бәрі анық."
>>> doc = Document("x", "newspaper", "x.txt", text)
>>> doc.meta["lexicon"] = Lexicon.from_texts(["туралы айтты"])
>>> doc.blocks = [doc.make_block("paragraph", 0, 27, id="p1"), doc.make_block("paragraph", 28, len(text), id="p2")]
>>> run(doc)
>>> [(text[s:e], kind) for s, e, kind in doc.blocks[0].attrs["uncertain"]], "uncertain" in doc.blocks[1].attrs
([(';лназарова', 'glyph')], False)
"""
from __future__ import annotations

import re

from build_edition.evidence.lexicon import lexicon_for
from build_edition.core.model import Block, Document
from build_edition.evidence.residue import find_residue
from build_edition.text.alphabet import CYRILLIC_KK as CYR, RESIDUE_GLYPH_SYMBOLS as GLYPH_SYMBOLS

# every alternative starts with a small character class: a scan of the whole book stays fast
SUSPICIOUS = re.compile(rf"[\ufffd¬\u00ad\u00c0-\u00ff]|[{re.escape(GLYPH_SYMBOLS)}](?=[{CYR}])"
                        rf"|[\dA-Za-z](?:(?=[{CYR}])|(?<=[{CYR}].))")
# the residue classes noted, with what the note tells readers
LABELS = {
    "replacement": "әріп танылмаған (� белгісі)",
    "glyph": "сөз ішінде әріптің орнына белгі тұр, әріп бұзылған болуы мүмкін",
    "digit": "сөзге цифр жабысқан, әріп бұзылған болуы мүмкін",
    "soft_hyphen": "сөз ішінде тасымалдау белгісі қалған",
    "mojibake": "кодировкасы бұзылған әріптер",
    "mixed_script": "бір сөзде латын және кирилл әріптері аралас (автордың не теруші қатесі болуы мүмкін)",
}
KINDS = tuple(LABELS)


TOKEN = re.compile(r"\S+")


_BRACKETED = re.compile(rf"^\(([{CYR}]+)[^{CYR}]*$")


def _bracketed_word(token: str, lexicon) -> bool:
    """`(мысалы`, `(ҚСЗИ)`: an opening bracket before a word the corpus knows is punctuation."""
    m = _BRACKETED.match(token)
    return bool(m) and lexicon.freq(m.group(1)) > 1


def run(doc: Document) -> None:
    # every suspicious word becomes a one-word block of its own, so the residue check sees only it
    lexicon = lexicon_for(doc)
    words: list[Block] = []
    where: dict[str, tuple[Block, int]] = {}
    for block in doc.blocks:
        block.attrs.pop("uncertain", None)
        if block.kind == "heading" or not SUSPICIOUS.search(block.text):
            continue
        for m in TOKEN.finditer(block.text):
            if SUSPICIOUS.search(m.group(0)) and not _bracketed_word(m.group(0), lexicon):
                key = f"w{len(words)}"
                words.append(Block("paragraph", m.group(0), block.origin[m.start():m.end()], id=key))
                where[key] = (block, m.start())
    if not words:
        return
    view = Document(doc.slug, doc.kind, doc.seed_name, doc.source, blocks=words, meta=doc.meta)
    for item in find_residue(view, lexicon):
        if item.kind not in KINDS or item.block_id not in where:
            continue
        block, offset = where[item.block_id]
        word = next(w for w in words if w.id == item.block_id).text
        start = offset + max(word.find(item.token), 0)
        block.attrs.setdefault("uncertain", []).append((start, start + len(item.token), item.kind))
