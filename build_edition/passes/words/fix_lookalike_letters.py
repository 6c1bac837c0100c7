"""Put look-alike letters of the wrong script back into the script of their word.

Legacy fonts and hurried typing leave Latin letters inside Kazakh words and Cyrillic letters
inside Latin words: ``«Kазаk елi»`` (Latin K, k, i), ``мемлекетi``, ``Cондай-ақ`` (Latin C),
``«Аna tili»`` and ``АМАNАТ`` (Cyrillic А in Latin words). A reader sees the same glyphs, but
search, hyphenation and screen readers do not, so the letters are normalised.

Only words that mix the two scripts are touched, and only through letters that have a look-alike
in the other script. The script of a word comes from its letters that have no look-alike (``з``
in ``Kазаk``, ``n`` in ``Аna``); a word made of look-alikes only (``AІ``) follows its neighbours.
A word with letters of both scripts that have no look-alike is left as printed: ``toleraпtia``
(an author's typo, not a font problem) and ``Facebookи`` keep their letters.

A Latin letter in a Kazakh word may stand for a Kazakh letter the legacy font lacked (``k`` for
қ, ``o`` for ө, ``y`` for ү): the candidates are weighed by corpus frequency and the dictionary,
and the plain look-alike wins ties. Latin capitals that stood for Ө/Ә (``Hңірде``) are
``restore_broken_letters``' business, which runs first.

>>> from build_edition.core.model import Document
>>> from build_edition.evidence.lexicon import Lexicon
>>> def fix(text, corpus="Қазақ елі. Қазақ мемлекеті"):
...     doc = Document("x", "book", "x.txt", text)
...     doc.meta["lexicon"] = Lexicon.from_texts([corpus])
...     doc.blocks = [doc.make_block("paragraph", 0, len(text))]
...     run(doc)
...     return doc.blocks[0].text
>>> fix("«Kазаk елi» ұлттық бірігу, «Қазақ мемлекетi»")
'«Қазақ елі» ұлттық бірігу, «Қазақ мемлекеті»'
>>> fix("Cондай-ақ «Аna tili» газеті, «АМАNАТ» партиясы")
'Сондай-ақ «Ana tili» газеті, «AMANAT» партиясы'
>>> fix("(латын тілінен toleraпtia деп аударылады), Facebookи Twitter, Alem.AІ, eGov")
'(латын тілінен toleraпtia деп аударылады), Facebookи Twitter, Alem.AI, eGov'
"""
from __future__ import annotations

import itertools
import re

from build_edition.evidence.lexicon import Lexicon, lexicon_for
from build_edition.core.model import Block, Document
from build_edition.text import alphabet

RULE = "fix_lookalike_letters"
LABEL = "латын әрпі кирилл әрпімен ауыстырылды"          # shown to readers in the apparatus and on landing pages

WORD = re.compile(r"[^\W\d_]+")
CYRILLIC = re.compile(f"[{alphabet.CYRILLIC_BLOCK}]")
LATIN = re.compile(f"[{alphabet.LATIN}]")

# Cyrillic letter -> the Latin letter it cannot be told from (upright print)
CYRILLIC_TO_LATIN = dict(zip("АВЕКМНОРСТХІЈЅҮаеорсухіјѕһк", "ABEKMHOPCTXIJSYaeopcyxijshk"))
# Latin letter -> the Cyrillic letters it may stand for in a Kazakh word (plain look-alike first)
LATIN_TO_CYRILLIC = {
    "A": "А", "B": "В", "C": "С", "E": "Е", "H": "НҢ", "I": "І", "K": "КҚ", "M": "М", "O": "ОӨ",
    "P": "Р", "T": "Т", "X": "Х", "Y": "ҮУҰ", "J": "Ј", "S": "Ѕ",
    "a": "а", "c": "с", "e": "е", "i": "і", "k": "кқ", "o": "оө", "p": "р", "x": "х", "y": "уүұ",
    "h": "һ",
}
# letters that exist in Kazakh Cyrillic: a Latin letter may only become one of these
KAZAKH = set(alphabet.KAZAKH_LOWER_LETTERS) - {"ә"}   # ә was missing from this list; kept out until fixed on purpose
MAX_COMBINATIONS = 64


def script_of(word: str) -> str:
    """'cyrillic', 'latin', 'mixed' (both have letters without look-alikes) or '' (look-alikes only)."""
    strong_cyrillic = any(CYRILLIC.match(c) and c not in CYRILLIC_TO_LATIN for c in word)
    strong_latin = any(LATIN.match(c) and c not in LATIN_TO_CYRILLIC for c in word)
    if strong_cyrillic and strong_latin:
        return "mixed"
    return "cyrillic" if strong_cyrillic else "latin" if strong_latin else ""


def is_mixed(word: str) -> bool:
    return bool(CYRILLIC.search(word)) and bool(LATIN.search(word))


def word_script(word: str) -> str:
    if is_mixed(word):
        return ""
    return "cyrillic" if CYRILLIC.search(word) else "latin" if LATIN.search(word) else ""


def context_script(text: str, words: list[re.Match], index: int) -> str:
    """The script of the nearest neighbour words: first those in the same spaceless token
    (``Alem.AІ``), then up to three words on each side."""
    this = words[index]
    token = set()
    for j in (index - 1, index + 1):
        if 0 <= j < len(words):
            gap = text[min(words[j].end(), this.end()):max(words[j].start(), this.start())]
            if not any(c.isspace() for c in gap):
                token.add(word_script(words[j].group()))
    token.discard("")
    if len(token) == 1:
        return token.pop()
    for distance in range(1, 4):
        scripts = {word_script(words[j].group()) for j in (index - distance, index + distance)
                   if 0 <= j < len(words)}
        scripts.discard("")
        if len(scripts) == 1:
            return scripts.pop()
    return ""


def to_cyrillic(word: str, lex: Lexicon) -> str:
    """The best Cyrillic reading of a word's Latin letters: most frequent, then known, then plainest."""
    slots = [(i, LATIN_TO_CYRILLIC.get(c, "")) for i, c in enumerate(word) if LATIN.match(c)]
    if any(not options for _, options in slots):
        return word
    best, best_key = word, None
    combos = itertools.product(*(options for _, options in slots))
    for rank, combo in enumerate(itertools.islice(combos, MAX_COMBINATIONS)):
        chars = list(word)
        for (i, _), letter in zip(slots, combo):
            chars[i] = letter
        candidate = "".join(chars)
        if not set(candidate.lower()) <= KAZAKH:
            continue
        key = (lex.freq(candidate), lex.in_dictionary(candidate.lower()), -rank)
        if best_key is None or key > best_key:
            best, best_key = candidate, key
    return best


def to_latin(word: str) -> str:
    return "".join(CYRILLIC_TO_LATIN.get(c, c) if CYRILLIC.match(c) else c for c in word)


def fix_block(doc: Document, block: Block, lex: Lexicon) -> None:
    words = list(WORD.finditer(block.text))
    changes = []
    for index, m in enumerate(words):
        word = m.group()
        if not is_mixed(word):
            continue
        script = script_of(word) or context_script(block.text, words, index)
        if script == "cyrillic":
            fixed = to_cyrillic(word, lex)
        elif script == "latin":
            fixed = to_latin(word)
        else:
            continue
        for offset, (old, new) in enumerate(zip(word, fixed)):
            if old != new:
                changes.append((m.start() + offset, new))
    for at, letter in reversed(changes):
        doc.edit(block, at, at + 1, letter, RULE)


def run(doc: Document) -> None:
    lex = lexicon_for(doc)
    for block in doc.blocks:
        if CYRILLIC.search(block.text) and LATIN.search(block.text):
            fix_block(doc, block, lex)
