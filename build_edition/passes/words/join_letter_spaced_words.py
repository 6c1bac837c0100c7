"""Close up letter-spaced text (`Е н д і  ш ы ғ ы с т а р  т у р а л ы` → `Енді шығыстар туралы`).

The newspaper (000) sets some leads and first lines letter-spaced; the extraction put a space
between the letters and a wider gap between the words (one interview line in 001 too). A run is
four or more single letters (a pair here and there: `Бү`, `ау`) separated by spaces. Single
spaces join; a wider gap separates words unless the two sides only make a known word together
(`П р е з и  д е н т і м і з` → `Президентіміз`: the line was stretched inside the word). A
punctuation mark spaced off the last letter (`б о л с а қ ,`) closes up too. Initials with full
stops (`Н . Ә .`) are not letter-spacing and are left alone.

>>> from build_edition.core.model import Document
>>> from build_edition.evidence.lexicon import Lexicon
>>> doc = Document("x", "newspaper", "x.txt", "Бү г і н д е  П р е з и  д е н т і м і з \\nҚасым-Жомарт")
>>> doc.blocks = [doc.make_block("paragraph", 0, len(doc.source))]
>>> doc.meta["lexicon"] = Lexicon.from_texts(["Бүгінде Президентіміз айтты. Президент"])
>>> run(doc); doc.blocks[0].text
'Бүгінде Президентіміз \\nҚасым-Жомарт'
>>> doc.emendations[0].rule
'join_letter_spaced_words'
"""
from __future__ import annotations

import re

from build_edition.text.morphology import LETTERS
from build_edition.evidence.word_model import WordModel, word_model_for
from build_edition.core.model import Document

RULE = "join_letter_spaced_words"
LABEL = "әріп аралатып жазылған сөз біріктірілді"          # shown to readers in the apparatus and on landing pages
MIN_LETTERS = 4

_UNIT = f"[{LETTERS}\ufffd$#!]{{1,2}}"
# units (one or two letters) separated by spaces, not touching other letters, with an optional
# punctuation mark spaced off the end: MIN_LETTERS units, or one fewer after a word they continue
RUN = re.compile(f"(?<!\\S){_UNIT}(?:[ ]+{_UNIT}){{{MIN_LETTERS - 2},}}(?:[ ]+[,.;:!?])?(?!\\S)")


def _words(run_text: str, model: WordModel) -> str:
    """The closed-up text of one run."""
    punct = ""
    m = re.search(r"[ ]+([,.;:!?])$", run_text)
    if m:
        punct, run_text = m.group(1), run_text[: m.start()]
    # single spaces join letters into chunks; wider gaps are word boundaries, unless a side is
    # no word on its own and both together are one
    chunks = [re.sub(" ", "", c) for c in re.split(r"[ ]{2,}", run_text)]
    words = [chunks[0]]
    for chunk in chunks[1:]:
        if _belong_together(model, words[-1], chunk):
            words[-1] += chunk
        else:
            words.append(chunk)
    return " ".join(words) + punct


def _belong_together(model: WordModel, left: str, right: str) -> bool:
    together = left + right
    return (not (model.known(left) and model.known(right)) and model.known(together)
            and model.logp(together) > model.logp(left) + model.logp(right))


def _units(run_text: str) -> list[str]:
    return re.findall(_UNIT, run_text)


_PREVIOUS = re.compile(f"(?<!\\S)([{LETTERS}\ufffd$#!]+)[ ]$")


def run(doc: Document) -> None:
    model = None
    for block in doc.blocks:
        if block.kind == "line":
            continue
        edits = []
        for m in RUN.finditer(block.text):
            units = _units(m.group(0))
            if sum(1 for u in units if len(u) == 1) < 0.75 * len(units):
                continue
            model = model or word_model_for(doc)
            start, text = m.start(), m.group(0)
            # the run may continue a word begun before it (`бай-` / `л а н ы с т ы` arrives here as
            # `байл а н ы с т ы` after de-hyphenation)
            before = _PREVIOUS.search(block.text, 0, m.start())
            first_chunk = re.sub(" ", "", re.split(r"[ ]{2,}", text)[0].rstrip(",.;:!? "))
            absorbed = before is not None and _belong_together(model, before.group(1), first_chunk)
            if len(units) < MIN_LETTERS and not absorbed:
                continue
            if absorbed:
                start, text = before.start(1), before.group(1) + text
            new = _words(text.replace(before.group(1) + " ", before.group(1), 1) if absorbed else text, model)
            edits.append((start, m.end(), new))
        for start, end, new in reversed(edits):
            doc.edit(block, start, end, new, RULE)
