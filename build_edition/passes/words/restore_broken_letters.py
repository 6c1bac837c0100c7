"""Restore ө/Ө/ә/Ә that the newspaper's fonts turned into other characters.

The newspaper (000) was set in several fonts, and each mapped the Kazakh letters ө/Ө/ә/Ә to a
different wrong character: ``�``, ``$``, ``#``, ``!``, ``9``, ``&``, ``3``, ``(``, ``>``, ``6``,
``%``, ``*``, ``/``, ``;``, ``=``, or a Latin capital ``H J B A C``. All of these are also real
punctuation, digits and Latin letters, so there is no global character map: every suspect
character inside or at the edge of a Cyrillic word is decided from evidence.

For each word with suspect characters the pass weighs the readings (ө, ә, or "the character is
real") by

* word evidence: corpus frequency of the resulting form (pull quotes often repeat the damaged
  words correctly), Hunspell acceptance, or a known stem followed by a plausible suffix chain;
  a word still cut by a line-end hyphen, or cut by a justification space, is also judged joined;
* what the character usually is in that position (``!`` after a word is an exclamation, ``(``
  before one a parenthesis, ``�`` is never real);
* what the same character turned out to be nearby in the seed (the mapping changes between
  pages and articles): the clear cases of a stretch set the prior for its unclear ones.

A reading is applied only when it wins clearly; unclear cases stay as printed for the editors
(the residue report lists them). The case of a restored letter comes from the rest of the word
(all capitals), the sentence (its first word) and names (the corpus writes the word or its stem
only capitalised, or a capitalised neighbour: ``Мінтемір %білқайыр``).

>>> from build_edition.core.model import Document
>>> from build_edition.evidence.lexicon import Lexicon
>>> def restore(text, corpus=""):
...     doc = Document("x", "newspaper", "x.txt", text)
...     doc.meta["lexicon"] = Lexicon.from_texts([corpus])
...     doc.blocks = [doc.make_block("paragraph", 0, len(text))]
...     run(doc)
...     return doc.blocks[0].text
>>> restore("Ол к!рсетуге тиіс. &зіңнен бұрынғылар бар")
'Ол көрсетуге тиіс. Өзіңнен бұрынғылар бар'
>>> restore("Лейтенант Мінтемір %білқайыр келді. �детте к$п, ТАРТЫЛҒАН К�ПІР", "Алтын көпір")
'Лейтенант Мінтемір Әбілқайыр келді. Әдетте көп, ТАРТЫЛҒАН КӨПІР'

A name is in no dictionary, but the word it is formed on may be, and a Latin capital stands for the
letter it looks like (A for Ә):

>>> restore("Әкімнің орынбасары Aлімбаевтың айтуынша")
'Әкімнің орынбасары Әлімбаевтың айтуынша'

Real punctuation, numbers and prices stay:

>>> restore("– Әңгімеңізге рақмет! (мысалы, 9 млн теңге), 64,8%-ға; №1 мектеп, 5$")
'– Әңгімеңізге рақмет! (мысалы, 9 млн теңге), 64,8%-ға; №1 мектеп, 5$'
"""
from __future__ import annotations

import itertools
import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from build_edition.text.morphology import is_suffix_chain
from build_edition.evidence.lexicon import Lexicon, case_counts, lexicon_for
from build_edition.text.alphabet import BROKEN_GLYPH_READINGS, BROKEN_GLYPHS, CYRILLIC_KK
from build_edition.text.alphabet import BROKEN_LATIN_CAPITALS as BROKEN_CAPITALS
from build_edition.core.model import Block, Document

RULE = "restore_broken_letters"
LABEL = "бұзылған әріп (ө, ә) қалпына келтірілді"          # shown to readers in the apparatus and on landing pages

CYRILLIC_LETTERS = CYRILLIC_KK
CYRILLIC = re.compile(f"[{CYRILLIC_LETTERS}]")
CYRILLIC_ONLY = re.compile(f"[{CYRILLIC_LETTERS}]+")
LATIN_CAPITALS = BROKEN_CAPITALS  # Latin capitals printed for Ө/Ә in some fonts
LATIN_TWIN = {"H": "Н", "B": "В", "A": "А", "C": "С"}   # their Cyrillic look-alikes
LATIN_SHAPE = {"A": "ә", "H": "ө", "B": "ө", "J": "ө", "C": "ө"}   # the Kazakh letter each resembles
SUSPECTS = BROKEN_GLYPHS + LATIN_CAPITALS
PART = re.compile(f"[{CYRILLIC_LETTERS}A-Za-z{re.escape(BROKEN_GLYPHS)}]+")
PART_CHAR = re.compile(PART.pattern[:-1])
SUSPECT_AT = re.compile(f"(?<=[{CYRILLIC_LETTERS}])[{re.escape(SUSPECTS)}]|[{re.escape(SUSPECTS)}](?=[{CYRILLIC_LETTERS}])")
LINE_END_HYPHEN = re.compile(r"[ \t]*-[ \t]*\n[ \t]*")
GAP_AFTER = re.compile(r"[ \t]*-[ \t]*\n[ \t]*|-|[ \t\n]+")
SPACE = re.compile(r"[ \t\n]+")
OPENERS = "«\"“„'‘(–—-[ \t\n"
SENTENCE_END = ".!?…"

TYPOGRAPHIC_LEAD = "("
TYPOGRAPHIC_TRAIL = "!;/"

IMPOSSIBLE_INITIALS = "ңъь"
NAME_ELEMENTS = ("бай", "ба", "бек", "жан", "хан", "құл", "бол", "ғали")   # Әлім+ба+ев, Серік+бай+ұлы
# a surname (its usual endings), possibly with a case ending: Өскенбаев, Сәдуақасова, Жұмабайұлы; never a
# word the corpus also writes in lower case
SURNAME = re.compile(r"(?:[оеё]в|[оеё]ва|ұлы|қызы)(?:а|тың|дың|ның|қа|ға|ке|ге|ты|ды|ны|та|да|тан|дан|нан|мен|пен|бен)?$")
IMPOSSIBLE = -5.0

KEEP = ""                         # the reading "this character is real"
LETTERS = BROKEN_GLYPH_READINGS

# How often a suspect character is real (punctuation, digit, Latin letter) by its place in the
# word; the rest of the probability goes to ө/ә. "�" is never real.
KEEP_PRIOR = {
    "(": {"lead": 0.97, "trail": 0.5, "inner": 0.1},
    "/": {"lead": 0.1, "trail": 0.8, "inner": 0.5},
    "!": {"lead": 0.2, "trail": 0.95, "inner": 0.02},
    ";": {"lead": 0.1, "trail": 0.97, "inner": 0.05},
    "%": {"lead": 0.1, "trail": 0.6, "inner": 0.05},
    "J": {"lead": 0.2, "trail": 0.2, "inner": 0.1},
}
KEEP_PRIOR_DIGIT = {"lead": 0.2, "trail": 0.4, "inner": 0.05}
KEEP_PRIOR_LATIN = {"lead": 0.6, "trail": 0.6, "inner": 0.6}
KEEP_PRIOR_OTHER = {"lead": 0.15, "trail": 0.5, "inner": 0.02}

# Word evidence in log2 odds: a form the dictionary accepts is ATTESTED (real words are rarely
# unknown to both dictionary and corpus, wrong readings rarely known); the corpus adds its count;
# a known stem with a suffix chain counts up to half of that.
ATTESTED = 6.0
NEIGHBOUR_DISCOUNT = 1.5          # evidence from a form joined with a space-separated neighbour
LOCAL_WINDOW = 6000               # seed characters on each side: about a newspaper column block
CONFIDENT_MARGIN = 3.0            # log2 odds for a decision to teach the local mapping
DECISION_MARGIN = 1.0             # log2 odds for a decision to be applied


@dataclass
class Part:
    """A run of letters and suspect characters in a block (no spaces, no hyphens)."""

    block: Block
    start: int
    text: str
    sep_before: str = ""          # "hyphen", "line-hyphen", "space" or "" (other / none)
    sep_after: str = ""
    prev: Part | None = None
    next: Part | None = None


@dataclass
class Unit:
    """A part with suspect characters and the readings to decide between."""

    part: Part
    positions: list[int]          # indices into part.text
    places: list[str]             # "lead", "trail" or "inner" per position
    options: list[tuple[str, ...]]
    evidence: dict = field(default_factory=dict)   # reading tuple -> evidence score
    choice: tuple[str, ...] | None = None
    scored: list = field(default_factory=list)

    @property
    def chars(self) -> list[str]:
        return [self.part.text[i] for i in self.positions]

    def typographic(self) -> bool:
        """Every suspect is where the character is ordinary punctuation: "(" before a word, "!;/" after."""
        return all((place == "lead" and ch in TYPOGRAPHIC_LEAD) or (place == "trail" and ch in TYPOGRAPHIC_TRAIL)
                   for ch, place in zip(self.chars, self.places))

    def offset(self) -> int:
        return self.part.block.origin[self.part.start + self.positions[0]]


def keep_prior(ch: str, place: str) -> float:
    if ch == "\ufffd":
        return 0.0
    if ch in KEEP_PRIOR:
        return KEEP_PRIOR[ch][place]
    if ch.isdigit():
        return KEEP_PRIOR_DIGIT[place]
    if ch in LATIN_CAPITALS:
        return KEEP_PRIOR_LATIN[place]
    return KEEP_PRIOR_OTHER[place]


def is_letter(ch: str) -> bool:
    return ch.isalpha() and ch not in "\ufffd"


# -- finding suspects ---------------------------------------------------------------------------

def separator(gap: str) -> str:
    if gap == "-":
        return "hyphen"
    if LINE_END_HYPHEN.fullmatch(gap):
        return "line-hyphen"
    return "space" if SPACE.fullmatch(gap) else ""


def part_around(block: Block, i: int) -> Part:
    """The part containing block.text[i], with its neighbours (which carry no neighbours of their own)."""
    text = block.text
    start, end = i, i + 1
    while start > 0 and PART_CHAR.match(text, start - 1):
        start -= 1
    while end < len(text) and PART_CHAR.match(text, end):
        end += 1
    part = Part(block, start, text[start:end])
    gap = GAP_AFTER.match(text, end)
    if gap and gap.end() > end:
        nxt = PART.match(text, gap.end())
        sep = separator(gap.group())
        if nxt and sep:
            part.next, part.sep_after = Part(block, nxt.start(), nxt.group()), sep
    prev_end = start
    while prev_end > 0 and text[prev_end - 1] in " \t\n-":
        prev_end -= 1
    sep = separator(text[prev_end:start])
    if sep:
        prev_start = prev_end
        while prev_start > 0 and PART_CHAR.match(text, prev_start - 1):
            prev_start -= 1
        if prev_start < prev_end:
            part.prev, part.sep_before = Part(block, prev_start, text[prev_start:prev_end]), sep
    return part


def suspect_parts(block: Block) -> list[Part]:
    """The parts of a block with a suspect character next to a Cyrillic letter, in text order."""
    parts: list[Part] = []
    for m in SUSPECT_AT.finditer(block.text):
        if parts and m.start() < parts[-1].start + len(parts[-1].text):
            continue
        parts.append(part_around(block, m.start()))
    return parts


def find_unit(part: Part) -> Unit | None:
    text = part.text
    if not CYRILLIC.search(text):
        return None
    block_text = part.block.text
    latin_letters = [c for c in text if "A" <= c <= "z" and c.isalpha() and c not in LATIN_CAPITALS]
    letter_idx = [i for i, c in enumerate(text) if is_letter(c) and c not in LATIN_CAPITALS]
    if not letter_idx:
        return None
    positions, places, options = [], [], []
    for i, ch in enumerate(text):
        if ch not in SUSPECTS:
            continue
        if ch in LATIN_CAPITALS and latin_letters:
            continue                                  # a Latin word (KazAzot, AI-Sana): not ours
        at = part.start + i
        before = block_text[at - 1] if at else ""
        after = block_text[at + 1] if at + 1 < len(block_text) else ""
        if before.isdigit() or after.isdigit():
            continue                                  # 64,8%, 2023ж: a number, not a letter
        # a character before a hyphen that continues the word is inside the word (к!-/беюіне)
        if i < letter_idx[0] and part.sep_before not in ("hyphen", "line-hyphen"):
            place = "lead"
        elif i > letter_idx[-1] and part.sep_after not in ("hyphen", "line-hyphen"):
            place = "trail"
        else:
            place = "inner"
        positions.append(i)
        places.append(place)
        opts = list(LETTERS)
        if keep_prior(ch, place) > 0:
            opts.append(KEEP)
        options.append(tuple(opts))
    if not positions or len(positions) > 4:
        return None
    return Unit(part, positions, places, options)


# -- evidence -----------------------------------------------------------------------------------

class WordEvidence:
    """Word evidence scores (log2 scale), cached per form.

    Corpus counts are cheap; the dictionary is slow, so it is consulted (``deep``) only for words the
    corpus cannot settle.
    """

    def __init__(self, lexicon: Lexicon):
        self.lex = lexicon
        self.cache: dict[tuple[str, int, bool], float] = {}

    def word(self, form: str, cover: int = 0, deep: bool = False) -> float:
        """How well attested a (lowercased) word form is; ``cover``: a stem must reach past this index."""
        key = (form, cover, deep)
        if key not in self.cache:
            self.cache[key] = self._score(form, cover, deep)
        return self.cache[key]

    def _score(self, form: str, cover: int, deep: bool) -> float:
        if len(form) < 2 or not CYRILLIC_ONLY.fullmatch(form):
            return 0.0
        freq = self.lex.freq(form)
        if len(form) == 2:
            # two-letter strings are often fragments and suffixes: only frequency counts
            return max(0.0, math.log2(1 + freq) - 2)
        if freq:
            return ATTESTED + math.log2(1 + freq)
        if deep and self.lex.in_dictionary(form):
            return ATTESTED
        # a known stem and a plausible suffix chain (өзіміз+ді); the stem must contain the letter
        def known(stem: str) -> bool:
            return self.lex.freq(stem) >= 2 or (deep and self.lex.in_dictionary(stem))
        for cut in range(len(form) - 1, max(3, cover + 1) - 1, -1):
            if len(form) - cut <= 14 and is_suffix_chain(form[cut:], form[:cut]) and known(form[:cut]):
                return ATTESTED / 2 * cut / len(form)
        root = surname_root(form, known)
        if len(root) > cover:
            return ATTESTED / 2       # a name formed on a known word: as good as a known stem
        return 0.0


def surname_root(form: str, known) -> str:
    """The known word a surname is made from (Әлім+ба+ев+тың, Өскен+ба+ев), or '' — names are in no
    dictionary, but the word they are formed on often is, and it decides between ә and а (``Aлімбаевтың``:
    әлім is a word, алім is not).

    >>> surname_root("әлімбаевтың", lambda w: w == "әлім"), surname_root("алімбаевтың", lambda w: w == "әлім")
    ('әлім', '')
    """
    m = SURNAME.search(form)
    if not m:
        return ""
    base = form[:m.start()]
    for root in [base] + [base[:-len(e)] for e in NAME_ELEMENTS if base.endswith(e)]:
        if len(root) >= 3 and known(root):
            return root
    return ""


def reading_text(unit: Unit, reading: tuple[str, ...]) -> tuple[str, int]:
    """The part's text under a reading (letters lowercased) with kept edge characters stripped, and the
    index of the last restored letter in it (-1 if none)."""
    chars = list(unit.part.text)
    for i, choice in zip(unit.positions, reading):
        if choice:
            chars[i] = choice
        elif chars[i] in LATIN_TWIN:
            chars[i] = LATIN_TWIN[chars[i]]       # a kept Latin capital reads as its look-alike
    lead = 0
    while lead < len(chars) and not is_letter(chars[lead]):
        lead += 1
    end = len(chars)
    while end > lead and not is_letter(chars[end - 1]):
        end -= 1
    restored = [i - lead for i, c in zip(unit.positions, reading) if c and lead <= i < end]
    return "".join(chars[lead:end]).lower(), max(restored, default=-1)


def neighbour_text(part: Part | None) -> str:
    if part is None or not CYRILLIC_ONLY.fullmatch(part.text):
        return ""
    return part.text.lower()


def reading_evidence(unit: Unit, reading: tuple[str, ...], ev: WordEvidence, deep: bool) -> float:
    word, last = reading_text(unit, reading)
    if any(not is_letter(c) for c in word):
        # a kept character inside the word ("/" between two words): both sides must be words
        pieces = [p for p in re.split(r"[^\w]|\d|_", word) if p]
        if len(pieces) < 2:
            return 0.0
        return min(ev.word(p, 0, deep) for p in pieces)
    cover = last + 1 if last >= 0 else 0
    if word[:1] in IMPOSSIBLE_INITIALS:
        return IMPOSSIBLE                   # no Kazakh word begins with ң: "(ңгімеңізге" is Әңгімеңізге
    best = ev.word(word, cover, deep)
    part = unit.part
    # a word still cut by a line-end hyphen: judge the whole word
    if part.sep_after == "line-hyphen" and neighbour_text(part.next):
        best = max(best, ev.word(word + neighbour_text(part.next), cover, deep))
    if part.sep_before == "line-hyphen" and neighbour_text(part.prev):
        prev = neighbour_text(part.prev)
        best = max(best, ev.word(prev + word, cover + len(prev), deep))
    # a word cut by a justification space (not across a character kept as punctuation): judged
    # joined, at a discount unless the neighbour is no word on its own
    kept_lead = any(not c and p == "lead" for c, p in zip(reading, unit.places))
    kept_trail = any(not c and p == "trail" for c, p in zip(reading, unit.places))
    nxt, prev = neighbour_text(part.next), neighbour_text(part.prev)
    if part.sep_after == "space" and nxt and not kept_trail:
        discount = NEIGHBOUR_DISCOUNT if ev.word(nxt, 0, deep) else 0.0
        if best < ATTESTED or not discount:
            best = max(best, ev.word(word + nxt, cover, deep) - discount)
    if part.sep_before == "space" and prev and not kept_lead:
        discount = NEIGHBOUR_DISCOUNT if ev.word(prev, 0, deep) else 0.0
        if best < ATTESTED or not discount:
            best = max(best, ev.word(prev + word, cover + len(prev), deep) - discount)
    return best


# -- priors -------------------------------------------------------------------------------------

class Priors:
    """Learned per-character priors: globally in the document and locally around a seed offset."""

    def __init__(self) -> None:
        self.global_counts: dict[str, dict[str, int]] = {}
        self.local: dict[str, list[tuple[int, str]]] = {}

    def learn(self, ch: str, offset: int, choice: str) -> None:
        counts = self.global_counts.setdefault(ch, {"ө": 0, "ә": 0, KEEP: 0})
        counts[choice] += 1
        self.local.setdefault(ch, []).append((offset, choice))

    def finish(self) -> None:
        for items in self.local.values():
            items.sort()

    def local_counts(self, ch: str, offset: int, exclude: int) -> dict[str, int]:
        items = self.local.get(ch, [])
        lo = bisect_left(items, (offset - LOCAL_WINDOW, ""))
        hi = bisect_right(items, (offset + LOCAL_WINDOW, "\uffff"))
        counts = {"ө": 0, "ә": 0, KEEP: 0}
        for off, choice in items[lo:hi]:
            if off != exclude:
                counts[choice] += 1
        return counts

    def letters_near(self, ch: str, offset: int) -> int:
        counts = self.local_counts(ch, offset, offset)
        return counts["ө"] + counts["ә"]

    def latin_capitals_keep(self, p_keep: float) -> float:
        """A document whose clear cases show Latin capitals standing for Ө/Ә (``Hңірде``, ``Bркен``) printed
        its Ө/Ә with Latin capitals: any Latin capital inside a Cyrillic word of it is less likely a real
        look-alike (``Cтепова`` beside ``Cткен`` = Өткен), whichever capital its font used. Clear cases
        where a Latin capital was real (``Cондай-ақ``) count the other way.

        >>> priors = Priors()
        >>> round(priors.latin_capitals_keep(0.6), 2)
        0.6
        >>> priors.learn("H", 10, "ө"); priors.learn("B", 900, "ө")
        >>> round(priors.latin_capitals_keep(0.6), 2)
        0.33
        """
        letters = sum(self.global_counts.get(c, {}).get(x, 0) for c in LATIN_CAPITALS for x in LETTERS)
        kept = sum(self.global_counts.get(c, {}).get(KEEP, 0) for c in LATIN_CAPITALS)
        odds = p_keep / (1 - p_keep) * (kept + 1) / (letters + 1)
        return odds / (1 + odds)

    def log_prior(self, ch: str, place: str, choice: str, offset: int | None) -> float:
        """log2 P(choice | character, place, neighbourhood)."""
        p_keep = keep_prior(ch, place)
        g = self.global_counts.get(ch, {"ө": 0, "ә": 0, KEEP: 0})
        # "�" stood for both letters everywhere (ө is far more frequent in Kazakh text); every other
        # character stood for one letter per font: the clear cases nearby tell which
        if ch == "\ufffd":
            p_o = (g["ө"] + 3) / (g["ө"] + g["ә"] + 4)
        elif ch in LATIN_SHAPE:
            # a Latin capital stands for the letter it looks like: A for Ә, H B J C for Ө
            shaped = LATIN_SHAPE[ch] == "ө"
            p_o = (g["ө"] + 2 * shaped + 0.5) / (g["ө"] + g["ә"] + 3)
        else:
            p_o = (g["ө"] + 1) / (g["ө"] + g["ә"] + 2)
        if offset is not None:
            loc = self.local_counts(ch, offset, offset)
            letters = loc["ө"] + loc["ә"]
            if letters and ch != "\ufffd":
                p_o = (loc["ө"] + 3 * p_o) / (letters + 3)
            if p_keep > 0 and (letters or loc[KEEP]):
                # on a stretch where this character was clearly a letter, it is less likely real
                odds = p_keep / (1 - p_keep) if p_keep < 1 else 1e6
                odds *= (loc[KEEP] + 1) / (letters + 1)
                p_keep = odds / (1 + odds)
            if p_keep > 0 and ch in LATIN_CAPITALS:
                p_keep = self.latin_capitals_keep(p_keep)
        if choice == KEEP:
            p = p_keep
        else:
            p = (1 - p_keep) * (p_o if choice == "ө" else 1 - p_o)
        return math.log2(max(p, 1e-9))


def score_readings(unit: Unit, priors: Priors, local: bool) -> list[tuple[float, tuple[str, ...]]]:
    offset = unit.offset() if local else None
    scored = []
    for reading, evidence in unit.evidence.items():
        prior = sum(priors.log_prior(ch, place, choice, offset)
                    for ch, place, choice in zip(unit.chars, unit.places, reading))
        scored.append((evidence + prior, reading))
    scored.sort(key=lambda s: (-s[0], s[1]))
    # a reading that yields an impossible word is out, unless every reading does
    return [s for s in scored if unit.evidence[s[1]] > IMPOSSIBLE] or scored


# -- case ---------------------------------------------------------------------------------------

def starts_sentence(block: Block, start: int) -> bool:
    text = block.text
    j = start - 1
    crossed_quote = False
    while j >= 0 and text[j] in OPENERS:
        crossed_quote |= text[j] in "«\"“„–—"
        j -= 1
    if j < 0:
        return True
    return text[j] in SENTENCE_END or (text[j] == ":" and crossed_quote)


def is_capitalised(word: str) -> bool:
    return len(word) > 1 and word[0].isupper() and word[1:].islower()


def letter_case(unit: Unit, reading: tuple[str, ...], lex: Lexicon) -> tuple[str, ...]:
    """Give each restored letter its case from the word, the sentence and name context."""
    part = unit.part
    others = [c for i, c in enumerate(part.text) if is_letter(c) and i not in unit.positions]
    all_caps = bool(others) and all(c.isupper() for c in others) and (len(others) > 1 or len(part.text) <= 3)
    word, _ = reading_text(unit, reading)
    out = []
    for i, _place, ch, choice in zip(unit.positions, unit.places, unit.chars, reading):
        if not choice:
            out.append(choice)
            continue
        first_letter = all(not is_letter(c) or j in unit.positions and not reading[unit.positions.index(j)]
                           for j, c in enumerate(part.text[:i]))
        if all_caps or (ch in LATIN_CAPITALS and first_letter):
            out.append(choice.upper())
        elif first_letter and capitalise_word(part, word, lex):
            out.append(choice.upper())
        else:
            out.append(choice)
    return tuple(out)


def capitalise_word(part: Part, word: str, lex: Lexicon) -> bool:
    """Whether a word whose first letter was restored is capitalised: at a sentence start, as the corpus
    writes it, or as a name beside a name. A first name right before a surname is capitalised even when
    the same word is a common noun (`/ділет Өскенбаев`: Әділет, not әділет 'justice').

    >>> from build_edition.core.model import Block
    >>> block = Block("paragraph", "басшысы /ділет Өскенбаев", list(range(24)))
    >>> part = part_around(block, 8)
    >>> capitalise_word(part, "әділет", Lexicon.from_texts(["әділет пен заң, әділет үшін"]))
    True
    """
    if starts_sentence(part.block, part.start):
        return True
    nxt = part.next.text if part.next and part.sep_after == "space" else ""
    if is_capitalised(nxt) and SURNAME.search(nxt) and not case_counts(lex, nxt.lower())[1]:
        return True
    # how the corpus writes the word, or its longest attested stem (Әбіш, Әбішті), inside sentences
    for end in range(len(word), min(len(word), 4) - 1, -1):
        capitalised, lowercase = case_counts(lex, word[:end])
        if lowercase:
            return False
        if capitalised >= 2:
            return True
    # a name next to a name: "Мінтемір %білқайыр", "/біш Кекілбаев"
    prv = part.prev if part.prev and part.sep_before == "space" else None
    if is_capitalised(nxt):
        return True
    return prv is not None and is_capitalised(prv.text) and not starts_sentence(prv.block, prv.start)


# -- the pass -------------------------------------------------------------------------------------

def decide(doc: Document) -> list[Unit]:
    """Find every suspect word and decide its reading (``unit.choice``; None when unclear)."""
    lex = lexicon_for(doc)
    ev = WordEvidence(lex)
    units: list[Unit] = []
    for block in doc.blocks:
        for part in suspect_parts(block):
            unit = find_unit(part)
            if unit is not None:
                units.append(unit)
    priors = Priors()

    def weigh(unit: Unit, deep: bool) -> None:
        for reading in itertools.product(*unit.options):
            unit.evidence[reading] = reading_evidence(unit, reading, ev, deep)

    for unit in units:
        weigh(unit, deep=False)
        if max(unit.evidence.values()) <= ATTESTED and not unit.typographic():
            weigh(unit, deep=True)         # the corpus knows no reading: ask the dictionary too
    # 1. clear cases (word evidence alone, with the general priors) teach the local mapping
    for unit in units:
        scored = score_readings(unit, priors, local=False)
        if len(scored) > 1 and scored[0][0] - scored[1][0] >= CONFIDENT_MARGIN \
                and unit.evidence[scored[0][1]] >= ATTESTED:
            for ch, choice, i in zip(unit.chars, scored[0][1], unit.positions):
                priors.learn(ch, unit.part.block.origin[unit.part.start + i], choice)
    priors.finish()
    # ordinary punctuation ("рақмет!", "(мысалы") is worth a dictionary look-up only on a stretch
    # where the same character stood for a letter
    for unit in units:
        if unit.typographic() and max(unit.evidence.values()) <= ATTESTED and any(
                priors.letters_near(ch, unit.offset()) for ch in unit.chars):
            weigh(unit, deep=True)
    # 2. every case, with the learned global and local priors
    for unit in units:
        scored = unit.scored = score_readings(unit, priors, local=True)
        best_score, best = scored[0]
        runner_up = scored[1][0] if len(scored) > 1 else -math.inf
        if best_score - runner_up >= DECISION_MARGIN:
            unit.choice = letter_case(unit, best, lex) if any(best) else best
    return units


def run(doc: Document) -> None:
    units = decide(doc)
    edits: dict[int, list[tuple[int, str]]] = {}
    for unit in units:
        for i, letter in zip(unit.positions, unit.choice or ()):
            if letter:
                edits.setdefault(id(unit.part.block), []).append((unit.part.start + i, letter))
    for block in doc.blocks:
        for at, letter in sorted(edits.get(id(block), []), reverse=True):
            doc.edit(block, at, at + 1, letter, RULE)
