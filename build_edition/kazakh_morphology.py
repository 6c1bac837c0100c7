"""Kazakh suffix knowledge and word plausibility, shared by the passes that join broken words.

Kazakh is agglutinative: most word forms of a text are a stem followed by a chain of suffixes
(`мемлекет+тер+дің`, `тамыр+дың`), and the dictionary knows only part of them. The passes that
decide whether two fragments are one word (`join_hyphenated_words`, `join_split_words`) ask three
questions:

* is a string a suffix chain (a fragment like `дың`, `лық`, `ның` standing alone is not a word)?
* can a string be analysed as a known stem plus a harmonious suffix chain (`тамырдың`)?
* how probable is a string as a word (:class:`WordModel`: corpus counts, dictionary, morphology)?

>>> is_suffix_chain("дың"), is_suffix_chain("лықтарының"), is_suffix_chain("бола")
(True, True, False)
>>> split_stem("тамырдың", lambda stem: stem == "тамыр")
('тамыр', 'дың')
>>> split_stem("тамырдің", lambda stem: stem == "тамыр") is None   # breaks vowel harmony
True
"""
from __future__ import annotations

import functools
import hashlib
import math
import re
from collections import Counter
from typing import Callable

from .lexicon import CYRILLIC_WORD, Lexicon, dictionary_stems

BACK_VOWELS = set("аоұыя")
FRONT_VOWELS = set("әөүіеэ")
VOWELS = BACK_VOWELS | FRONT_VOWELS | set("уиюё")

# Kazakh suffix allomorphs by slot. A word form is accepted as a known stem followed by suffixes
# in an order the grammar allows (nominal: derivation, plural, possessive, case, -ғы; verbal:
# voice, negation, tense/participle/converb, person), in vowel harmony with the stem.
_SLOTS = {
    "noun_derivation": "лық лік дық дік тық тік шы ші шылық шілік сыз сіз лы лі ды ді ты ті шыл шіл "
                       "дай дей тай тей ша ше ғы гі қы кі кер гер",
    "verb_derivation": "ла ле да де та те лан лен дан ден тан тен лас лес ай ей ар ер",
    "plural": "лар лер дар дер тар тер",
    "possessive": "ым ім м ың ің ң ыңыз іңіз ңыз ңіз ымыз іміз мыз міз",
    "possessive3": "ы і сы сі",
    "case": "ның нің дың дің тың тің ға ге қа ке ны ні ды ді ты ті да де та те дан ден тан тен "
            "нан нен мен бен пен ша ше дай дей тай тей",
    "case_after_possessive": "ның нің на не а е н ны ні нда нде нан нен мен ша ше ндай ндей",
    "adjectiviser": "ғы гі қы кі",
    "voice": "ыл іл л ын ін н ыс іс с дыр дір тыр тір ғыз гіз қыз кіз т",
    "deverbal": "ым ім м",
    "negation": "ма ме ба бе па пе",
    "past": "ды ді ты ті",
    "person": "м ң ңыз ңіз қ к ңдар ңдер ңыздар ңіздер",
    "participle": "ған ген қан кен атын етін йтын йтін тын тін ар ер р ыр ір мақ мек бақ бек пақ пек у "
                  "ғалы гелі қалы келі ғанша генше қанша кенше",
    "converb": "ып іп п",
    "present": "а е й",
    "present_person": "мын мін бын бін пын пін сың сің ды ді ты ті мыз міз быз біз пыз піз сыз сіз",
    "conditional": "са се",
    "conditional_person": "м ң қ к ңыз ңіз ңдар ңдер",
    "optative": "йын йін айын ейін ыңыз іңіз ңыз ңіз сын сін ғай гей қай кей",
}
SLOTS = {name: frozenset(forms.split()) for name, forms in _SLOTS.items()}
# state -> [(slot, next state)]; "" is an accepting end
_GRAMMAR = {
    "stem": [("noun_derivation", "noun"), ("plural", "plural"), ("possessive", "possessive"),
             ("possessive3", "possessive3"),
             ("case", "case"), ("verb_derivation", "verb"), ("voice", "verb"), ("negation", "negated"),
             ("past", "past"), ("participle", "noun"), ("converb", "end"), ("present", "present"),
             ("conditional", "conditional"), ("optative", "end")],
    # a known form ending in -ы/-і may be a possessive already (`тәртібі` + `нде`)
    "stem_possessive": [],
    # (a verb is derived from the stem itself, not from a derived or inflected form)
    "noun": [("noun_derivation", "noun"), ("plural", "plural"), ("possessive", "possessive"),
             ("possessive3", "possessive3"), ("case", "case")],
    "plural": [("possessive", "possessive"), ("possessive3", "possessive3"), ("case", "case")],
    # 1st/2nd person possessives take the ordinary case endings, the 3rd person the н-forms
    "possessive": [("case", "case")],
    "possessive3": [("case_after_possessive", "case")],
    "case": [("adjectiviser", "noun")],
    "verb": [("voice", "verb"), ("deverbal", "noun"), ("negation", "negated"), ("past", "past"), ("participle", "noun"),
             ("converb", "end"), ("present", "present"), ("conditional", "conditional"),
             ("optative", "end")],
    "negated": [("past", "past"), ("participle", "noun"), ("converb", "end"), ("present", "present"),
                ("conditional", "conditional"), ("optative", "end")],
    "past": [("person", "end")],
    "present": [("present_person", "end")],
    "conditional": [("conditional_person", "end")],
    "end": [],
}
_GRAMMAR["stem_possessive"] = _GRAMMAR["stem"] + [("case_after_possessive", "case")]
SUFFIXES = frozenset().union(*SLOTS.values())
# the instrumental ending does not follow vowel harmony (`теориясымен`)
NO_HARMONY = frozenset(("мен", "бен", "пен"))
_MAX_SUFFIX = max(map(len, SUFFIXES))

# Short words that are also suffixes: written apart they are particles or postpositions
# (`тұрақтылығы мен`, `аудит те`), written solid they are case endings (`еркімен`, `жылда`).
PARTICLES = frozenset("мен бен пен да де та те ма ме ба бе па пе ғой ше ақ".split())

# Characters that the newspaper's broken fonts print instead of ө/Ө/ә/Ә (see the damage atlas):
# inside a word they stand for a lowercase letter, at the start of a word also for a capital.
INNER_GLYPHS = "\ufffd$#!9"
INITIAL_GLYPHS = "\ufffd$#!9&3(>6%*/;=HJBA"
GLYPH_READINGS = ("ө", "ә")

LETTERS = "а-яёәғқңөұүһіА-ЯЁӘҒҚҢӨҰҮҺІ"


@functools.lru_cache(maxsize=100_000)
def harmony(text: str) -> str:
    """'back', 'front' or '' for the last harmonic vowel of ``text``."""
    for ch in reversed(text):
        if ch in BACK_VOWELS:
            return "back"
        if ch in FRONT_VOWELS:
            return "front"
    return ""


GLIDES = set("уи")
# к, қ, п at the end of a stem become г, ғ, б before a vowel (`жүрек` → `жүрегі`, `кітап` → `кітабы`)
VOICED_FINALS = {"г": "к", "ғ": "қ", "б": "п"}
VOICELESS = set("птқкс шфхцчщ".replace(" ", ""))
SONORANTS = set("лрйу")
NASALS = set("мнң")


def _assimilates(prev: str, piece: str) -> bool:
    """Whether a suffix allomorph may follow the letter ``prev`` (Kazakh consonant assimilation)."""
    first = piece[0]
    if first == "у":
        # the verbal noun (`деу`, `оқу`, `жазу`) follows vowels and consonants alike
        return True
    if prev in GLIDES:
        # у and и end a syllable like consonants: `қолдануымыз`, `оқудың`, `мидың`
        return first not in "н" or piece in ("нан", "нен")
    if first in VOWELS:
        # vowel-initial allomorphs follow consonants (after a vowel Kazakh uses н-, с-, й- forms)
        return prev not in VOWELS
    if len(piece) == 1:
        # one-consonant suffixes (possessive м/ң, accusative н, person қ/к, causative т, converb п,
        # present й) follow vowels; passive/reflexive л/н also follow sonorants
        return prev in VOWELS or (piece in "лн" and prev in SONORANTS)
    if first == "н":
        return prev in VOWELS or (prev in NASALS and piece in ("нан", "нен"))
    if first in "дг" or first == "ғ" or first == "б":
        return prev not in VOICELESS
    if first in "тқкп":
        return prev in VOICELESS or piece in ("тын", "тін")
    if first in "лм":
        return prev in VOWELS or prev in SONORANTS or prev in NASALS
    return True


def is_suffix_chain(text: str, after: str = "") -> bool:
    """True if ``text`` (lowercase) is a grammatical chain of suffixes in harmony with ``after``.

    ``after`` is the base the chain follows (its last vowel sets the harmony, its last letter
    decides whether a one-consonant suffix may follow).
    """
    return bool(_chain(text, harmony(after), after[-1:]))


def final_slots(text: str, after: str = "") -> frozenset[str]:
    """The slots the last suffix of ``text`` can fill when it follows ``after`` (empty: no chain)."""
    return _chain(text, harmony(after), after[-1:])


# slots of inflection (as opposed to derivation): a form ending in one is not a stem
INFLECTION = frozenset(("plural", "possessive", "possessive3", "case", "case_after_possessive", "past",
                        "person", "present_person", "conditional_person"))


def _chain(text: str, start_harmony: str, prev: str) -> frozenset[str]:
    """Final slots of the suffix chains ``text`` can be, read letter by letter by the automaton."""
    if not text:
        return frozenset()
    at = _START.get((start_harmony, prev))
    if at is None:
        state = "stem_possessive" if prev in ("ы", "і") else "stem"
        at = _START[(start_harmony, prev)] = _automaton_state(frozenset({(state, start_harmony, prev, "")}),
                                                              frozenset())
    for letter in text:
        row = _NEXT[at]
        following = row.get(letter)
        if following is None:
            following = row[letter] = _step(at, letter)
        at = following
        if at == _DEAD:
            return _NO_SLOTS
    return _STATES[at][1]


# (state, piece) -> [(slot, next state)]: the grammar indexed by suffix form
_MOVES: dict[tuple[str, str], list[tuple[str, str]]] = {}
for _state, _edges in _GRAMMAR.items():
    for _slot, _next in _edges:
        for _piece in SLOTS[_slot]:
            _MOVES.setdefault((_state, _piece), []).append((_slot, _next))
_PIECE_HARMONY = {piece: "" if piece in NO_HARMONY else harmony(piece) for piece in SUFFIXES}


# the same, per state: {piece: ((slot, next state, whether more suffixes may follow), ...)}, and the
# lengths of the pieces a state takes (a parse tries only those)
_STATE_MOVES: dict[str, dict[str, tuple[tuple[str, str, bool], ...]]] = {state: {} for state in _GRAMMAR}
for (_state, _piece), _moves in _MOVES.items():
    _STATE_MOVES[_state][_piece] = tuple((slot, nxt, bool(_GRAMMAR[nxt])) for slot, nxt in _moves)
_STATE_LENGTHS = {state: sorted({len(piece) for piece in moves}) for state, moves in _STATE_MOVES.items()}
_ASSIMILATION: dict[tuple[str, str], bool] = {}     # (previous letter, piece) -> _assimilates


# -- the suffix chains as an automaton ------------------------------------------------------------
# Parsing a string as suffixes is asked of every cut of every candidate word (`split_stem`), and
# nearly every such string is new: a memoised recursive parse (``_rest`` below, kept as the
# reference the tests compare with) paid a full parse per string. The same search, run over all
# parses at once letter by letter, has few distinct situations; each is numbered once and its
# moves remembered, so reading a string costs one look-up per letter.
#
# A parse in progress is (grammar state, harmony so far, previous letter, letters of the piece
# being read); an automaton state is the set of parses in progress after some letters, with the
# slots of the pieces that ended at the last letter.
_PIECE_PREFIXES = {state: {piece[:k] for piece in moves for k in range(1, len(piece))}
                   for state, moves in _STATE_MOVES.items()}
_STATES: list[tuple[frozenset, frozenset[str]]] = []
_STATE_NUMBER: dict[tuple[frozenset, frozenset[str]], int] = {}
_NEXT: list[dict[str, int]] = []
_START: dict[tuple[str, str], int] = {}
_NO_SLOTS: frozenset[str] = frozenset()


def _automaton_state(parses: frozenset, slots: frozenset[str]) -> int:
    key = (parses, slots)
    number = _STATE_NUMBER.get(key)
    if number is None:
        number = _STATE_NUMBER[key] = len(_STATES)
        _STATES.append(key)
        _NEXT.append({})
    return number


_DEAD = _automaton_state(frozenset(), frozenset())


def _step(at: int, letter: str) -> int:
    """The automaton state after reading ``letter`` in state ``at`` (what one level of ``_rest`` does)."""
    parses: set = set()
    slots: set[str] = set()
    for state, harm, prev, read in _STATES[at][0]:
        piece = read + letter
        if piece in _PIECE_PREFIXES[state]:
            parses.add((state, harm, prev, piece))       # a longer piece may follow
        moves = _STATE_MOVES[state].get(piece)
        if moves is None:
            continue
        after = _harmony_after(piece, harm, prev)
        if after is None:
            continue
        for slot, nxt, more in moves:
            slots.add(slot)
            if more:
                parses.add((nxt, after, piece[-1], ""))
    return _automaton_state(frozenset(parses), frozenset(slots))


def _harmony_after(piece: str, harm: str, prev: str) -> str | None:
    """The vowel harmony after suffix ``piece`` read with harmony ``harm`` after letter ``prev``, or None
    when the piece does not fit there (its first consonant does not assimilate, or its vowels clash)."""
    if prev:
        fits = _ASSIMILATION.get((prev, piece))
        if fits is None:
            fits = _ASSIMILATION[(prev, piece)] = _assimilates(prev, piece)
        if not fits:
            return None
    own = _PIECE_HARMONY[piece]
    if own and harm and own != harm:
        return None
    return own or harm


@functools.lru_cache(maxsize=300_000)
def _rest(text: str, state: str, harm: str, prev: str) -> frozenset[str]:
    """Final slots of the parses of ``text`` from grammar ``state`` (the reference parser: recursive,
    memoised; :func:`_chain` runs the same search as an automaton)."""
    finals: set[str] = set()
    moves_of = _STATE_MOVES[state]
    size = len(text)
    for j in _STATE_LENGTHS[state]:
        if j > size:
            break
        piece = text[:j]
        moves = moves_of.get(piece)
        if moves is None:
            continue
        after = _harmony_after(piece, harm, prev)
        if after is None:
            continue
        for slot, nxt, more in moves:
            if j == size:
                finals.add(slot)
            elif more:
                finals |= _rest(text[j:], nxt, after, piece[-1])
    return frozenset(finals)


def split_stem(word: str, stem_known: Callable[[str], bool] | frozenset[str], min_stem: int = 3,
               independent: Callable[[str], bool] = lambda rest: False,
               prefer: Callable[[str], float] | None = None) -> tuple[str, str] | None:
    """A known stem of ``word`` (lowercase) followed by a grammatical suffix chain, or None.

    The stem must not itself be an inflected form of a shorter known stem (`болғанда` + `да` is
    not a word: the chain of `бол` + `ғандада` decides). ``independent(rest)`` rejects a "suffix
    chain" that is really a free word (`бар`, `ал`): such a form is two words run together.
    Of several analyses the one whose stem ``prefer`` scores highest wins (the shortest if None).
    """
    # known stems first (cheap look-ups), the grammar only for those
    if isinstance(stem_known, (set, frozenset)):
        known_cuts = [cut for cut in range(min_stem, len(word)) if word[:cut] in stem_known]
    else:
        known_cuts = [cut for cut in range(min_stem, len(word)) if stem_known(word[:cut])]
    found = []
    for index, cut in enumerate(known_cuts):
        rest = word[cut:]
        if len(rest) > 14 or not is_suffix_chain(rest, word[:cut]) or independent(rest):
            continue
        stem = word[:cut]
        inflected = any(final_slots(stem[c0:], stem[:c0]) & INFLECTION for c0 in known_cuts[:index])
        if not inflected:
            found.append((stem, rest))
    if found:
        return max(found, key=lambda analysis: prefer(analysis[0])) if prefer else found[0]
    return None


@functools.lru_cache(maxsize=200_000)
def readings(core: str, limit: int = 8) -> tuple[str, ...]:
    """Lowercase readings of a token core, with broken-font glyphs replaced by ө/ә.

    >>> readings("к$лемінің")
    ('көлемінің', 'кәлемінің')
    >>> readings("Пре")
    ('пре',)
    """
    low = core.lower()
    slots = [i for i, ch in enumerate(core)
             if (ch in INNER_GLYPHS and 0 < i) or (i == 0 and ch in INITIAL_GLYPHS and len(core) > 1)]
    if not slots:
        return (low,)
    out = [low]
    for i in slots:
        out = [r[:i] + g + r[i + 1:] for r in out for g in GLYPH_READINGS][:limit]
    return tuple(out)


def _text_key(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


class CharModel:
    """Interpolated letter-trigram model of word spellings: how Kazakh-like an unseen string is.

    An unseen word must still be scored; scoring it by its letters (rather than a flat penalty)
    keeps a known word inside a longer unknown string from looking as cheap as the word itself.
    """

    WEIGHTS = (0.6, 0.3, 0.1)

    def __init__(self, words):
        self.tri: Counter = Counter()
        self.bi: Counter = Counter()
        self.uni: Counter = Counter()
        self.ctx2: Counter = Counter()
        self.ctx1: Counter = Counter()
        padded = ["^^" + word + "$" for word in words]
        self.tri.update(w[i - 2:i + 1] for w in padded for i in range(2, len(w)))
        # the shorter n-grams are parts of the trigrams: counted from the distinct trigrams (in the
        # order they first occur, so every counter is the same as counted position by position)
        for tri, n in self.tri.items():
            self.ctx2[tri[:2]] += n
            self.bi[tri[1:]] += n
            self.ctx1[tri[1]] += n
            self.uni[tri[2]] += n
        self.total = max(1, sum(self.uni.values()))
        self.alphabet = len(self.uni) + 1

    @functools.lru_cache(maxsize=200_000)
    def logp(self, word: str) -> float:
        w3, w2, w1 = self.WEIGHTS
        chars = "^^" + word + "$"
        total = 0.0
        for i in range(2, len(chars)):
            c = chars[i]
            p1 = (self.uni.get(c, 0) + 1) / (self.total + self.alphabet)
            n1 = self.ctx1.get(chars[i - 1], 0)
            p2 = self.bi.get(chars[i - 1:i + 1], 0) / n1 if n1 else p1
            n2 = self.ctx2.get(chars[i - 2:i], 0)
            p3 = self.tri.get(chars[i - 2:i + 1], 0) / n2 if n2 else p2
            total += math.log(w3 * p3 + w2 * p2 + w1 * p1)
        return total


class WordModel:
    """Probability of word forms, for deciding whether fragments form one word.

    Evidence: word counts and word-pair counts of the corpus (a damaged document's own short or
    one-off tokens excluded, see below), the dictionary, the suffix grammar and a letter model.
    ``logp(word)`` is log(count / total) for a word the corpus has; an unseen word gets the
    probability of an unseen word spelled like it (letter model), raised when the dictionary or
    the grammar accepts it and lowered when it is a bare suffix (`дың`, `лық`).
    """

    UNSEEN_MASS = 0.05     # share of running words the corpus has not seen
    DICT_BOOST = 20.0      # an unseen form the dictionary accepts is that much likelier
    MORPH_BOOST = 10.0     # ... a form analysable as known stem + suffixes
    BARE_SUFFIX = 0.01     # ... a bare suffix standing alone is that much less likely
    SMOOTHING = 50.0       # pseudo-count behind pair statistics (word + particle, ending + particle)
    DAMAGED_DOCUMENT = 0.08   # share of short tokens that are no word above which a text is damaged

    def __init__(self, lexicon: Lexicon, own_text: str = ""):
        self.lexicon = lexicon
        texts = _corpus_texts(lexicon)
        own_key = _text_key(own_text) if own_text else None
        counts: Counter = Counter()
        pairs: Counter = Counter()
        contexts: Counter = Counter()
        own = None
        for text in texts:
            if own_key is not None and text.key == own_key:
                own = text
                continue
            counts.update(text.evidence)
            if not text.damaged:
                pairs.update(text.pairs)
                contexts.update(text.contexts)
        if not lexicon.texts:
            counts.update(lexicon.counts)
        self.damaged = bool(own and own.damaged)
        self.own_fragment_rate = own.fragment_rate if own else 0.0
        if own is None:
            self.support = counts
        elif own.damaged:
            # evidence that a fragment is a word on its own must come from the other texts
            self.support = Counter(counts)
            counts.update(own.evidence)
        else:
            counts.update(own.evidence)
            pairs.update(own.pairs)
            contexts.update(own.contexts)
            self.support = counts
        stems = dictionary_stems() | {w for w in self.support if len(w) >= 3}
        unvoiced = {v: k for k, v in VOICED_FINALS.items()}
        self.stems = frozenset(stems | {w[:-1] + unvoiced[w[-1]] for w in stems if w[-1:] in unvoiced})
        self.contexts = contexts
        self.counts = counts
        self.pairs = pairs
        self.total = max(1, sum(counts.values()))
        # how many running words end in a given string (and are longer than it): the chance of a
        # chain of endings
        endings: Counter = Counter()
        for word, n in counts.items():
            # (an ending of a given length is added to in the order of the words, as before: the
            # float sums are the same)
            for size in range(1, min(8, len(word) - 2) + 1):
                endings[word[-size:]] += n
        self.endings = endings
        self.letters = _letter_model(lexicon)
        self._particle_class()

    # (hashable by identity, as every object without __eq__: the lru caches of its methods key on it)

    # -- evidence -----------------------------------------------------------------------------
    def freq(self, word: str) -> int:
        return self.counts.get(word, 0)

    USE_FULL_DICTIONARY = False

    @functools.lru_cache(maxsize=200_000)
    def in_dictionary(self, word: str) -> bool:
        # the dictionary accepts suffixes and two-letter strings as words: no evidence there
        if len(word) < 4:
            return False
        if not self.USE_FULL_DICTIONARY:
            # (the cheap look-up first: most strings asked about are no stem, and parsing them as
            # suffixes was most of the cost)
            return word in dictionary_stems() and not is_suffix_chain(word)
        return not is_suffix_chain(word) and self.lexicon.in_dictionary(word)

    def stem_known(self, stem: str) -> bool:
        """A stem the corpus (in a damaged document: the other texts) or the dictionary has,
        also with its last consonant voiced before an ending (`бөлшег-і` of `бөлшек`)."""
        return stem in self.stems

    @functools.lru_cache(maxsize=200_000)
    def analysis(self, word: str) -> tuple[str, str] | None:
        """(known stem, suffix chain) of a lowercase form, or None."""
        return split_stem(word, self.stems, independent=self.independent_word,
                          prefer=lambda stem: self.counts.get(stem, 0))

    def _by_stem(self, stem: str, rest: str) -> float:
        """Log probability of an unseen inflection: P(stem) x P(a word ends in these endings),
        less the chance of never having seen it although the stem is frequent (`ол` + `да`)."""
        stem_count = max(1.0, self.counts.get(stem, 0))
        ending_share = min(0.3, max(1e-5, self.endings.get(rest, 0) / self.total))
        # (a stem takes a given ending more often than the average word: endings skip function words)
        expected_in_corpus = 10 * self.support.get(stem, 0) * ending_share
        return math.log(stem_count / self.total) + math.log(ending_share) - expected_in_corpus

    def analysable(self, word: str) -> bool:
        return self.analysis(word) is not None

    def independent_word(self, rest: str) -> bool:
        """A free word that also parses as suffixes (`бар`, `ал`, `аймақтың` = ай+мақ+тың):
        frequent, or longer and known, or a frequent stem with endings; particles and the plural
        ending excepted (`географ` + `тар` is a plural, not `тар` "narrow")."""
        if len(rest) < 2 or rest in PARTICLES or rest in SLOTS["plural"]:
            return False
        n = self.support.get(rest, 0)
        if n >= 5 or (len(rest) >= 4 and n >= 1):
            return True
        return len(rest) >= 5 and any(
            self.strong(rest[:k]) and is_suffix_chain(rest[k:], rest[:k]) for k in range(3, len(rest)))

    @staticmethod
    def bare_suffix(word: str) -> bool:
        return len(word) <= 3 and word not in PARTICLES and is_suffix_chain(word)

    @functools.lru_cache(maxsize=400_000)
    def logp_reading(self, word: str) -> float:
        """Log probability of one lowercase reading."""
        n = self.counts.get(word, 0)
        bare = self.bare_suffix(word)
        if n >= 1 and not (bare and n < 5):
            return math.log(n / self.total)
        if "-" in word:
            parts = word.split("-")
            return sum(self.logp_reading(p) for p in parts if p) + math.log(0.01) * (len(parts) - 1)
        score = math.log(self.UNSEEN_MASS) + self.letters.logp(word)
        if bare:
            return score + math.log(self.BARE_SUFFIX)
        if len(word) >= 4:
            analysis = self.analysis(word)
            if analysis is not None:
                by_stem = self._by_stem(*analysis)
                if self.support.get(analysis[0], 0) >= 20:
                    return by_stem    # a frequent stem: its own statistics decide (`деп` + `те`)
                return max(score + math.log(self.MORPH_BOOST), by_stem)
            if self.in_dictionary(word):
                return score + math.log(self.DICT_BOOST)
        return score

    @functools.lru_cache(maxsize=200_000)
    def strong(self, core: str) -> bool:
        """A fragment that is surely a word on its own (frequent in the corpus, not a bare suffix;
        in a damaged document, frequent in the other texts)."""
        for r in readings(core):
            n = self.support.get(r, 0)
            if n >= 20 or (n >= 2 and len(r) >= 3 and not self.bare_suffix(r)):
                return True
        return False

    def logp(self, core: str) -> float:
        """Log probability of a token core (best reading of broken glyphs)."""
        return max(self.logp_reading(r) for r in readings(core))

    @functools.lru_cache(maxsize=200_000)
    def known(self, core: str) -> bool:
        """The corpus, the dictionary or the grammar knows a reading of the core."""
        for r in readings(core):
            if self.counts.get(r, 0) and not self.bare_suffix(r):
                return True
            if len(r) >= 4 and (self.analysable(r) or self.in_dictionary(r)):
                return True
        return False

    def _best_reading(self, core: str) -> str:
        options = readings(core)
        return options[0] if len(options) == 1 else max(options, key=self.logp_reading)

    def next_logp(self, previous: str, word: str, following: str = "") -> float:
        """Log P(word | previous word): particles by their pair statistics and the word after them,
        other words by the unigram, raised when the corpus has this very pair (`көп этносты`)."""
        low = word.lower()
        if low in PARTICLES:
            return self.particle_logp(previous, low) + self.context_log_ratio(low, previous, following)
        unigram = self.logp(word)
        prev = self._best_reading(previous)
        together = self.pairs.get((prev, self._best_reading(word)), 0)
        if together:
            # (discounted: one sighting of a pair is weak evidence)
            return max(unigram, math.log((together - 0.5) / (self.counts.get(prev, 0) + 5)))
        return unigram

    # -- particles ------------------------------------------------------------------------------
    def _particle_class(self) -> None:
        # how often a word ending in given letters is followed by a separate particle, per particle
        ending_total: Counter = Counter()
        for word, n in self.support.items():
            ending_total[word[-2:]] += n
        sep: Counter = Counter()
        for (left, right), n in self.pairs.items():
            if right in PARTICLES:
                sep[(left[-2:], right)] += n
        self._ending_total = ending_total
        self._ending_sep = sep

    def context_log_ratio(self, particle: str, left: str, following: str) -> float:
        """Log of how much likelier the words around a particle are if it is written apart than if
        it is an ending: coordination (`Азия мен Еуропа`, `көзқарасымыз бен мүддемізді`) shows."""
        if not following:
            return 0.0
        cls = parallel_class(left, following)
        apart = [self.contexts.get((particle, True, c), 0) for c in ("capitals", "same ending", "other")]
        joined = [self.contexts.get((particle, False, c), 0) for c in ("capitals", "same ending", "other")]
        index = ("capitals", "same ending", "other").index(cls)
        p_apart = (apart[index] + 1) / (sum(apart) + 3)
        p_joined = (joined[index] + 1) / (sum(joined) + 3)
        return math.log(p_apart / p_joined)

    def particle_logp(self, left: str, particle: str) -> float:
        """Log P(next word is the separate particle | previous word), backed off to its ending."""
        left_r = self._best_reading(left)
        ending = left_r[-2:]
        overall = (self.counts.get(particle, 0) + 0.5) / self.total
        class_rate = ((self._ending_sep.get((ending, particle), 0) + self.SMOOTHING * overall)
                      / (self._ending_total.get(ending, 0) + self.SMOOTHING))
        n_left = self.support.get(left_r, 0)    # pairs come from the same texts as support
        n_pair = self.pairs.get((left_r, particle), 0)
        return math.log((n_pair + self.SMOOTHING * class_rate) / (n_left + self.SMOOTHING))


_PUNCT_AROUND = "«»\"“”„‘’'()[]{}.,;:!?…–—"


def parallel_class(left: str, right: str) -> str:
    """How a word before a particle and the word after it look alike: both capitalised, sharing
    their last two letters (coordination: `тұрақтылығы мен беріктілігі`), or neither."""
    if left[:1].isupper() and right[:1].isupper():
        return "capitals"
    a, b = left.lower(), right.lower()
    return "same ending" if len(a) > 2 and len(b) > 2 and a[-2:] == b[-2:] else "other"


@functools.lru_cache(maxsize=16)
def _text_counts(text: str) -> tuple[Counter, Counter, Counter]:
    """Word counts of one text, counts of adjacent word pairs, and particle contexts.

    Only whole tokens made of letters count: the two pieces of a line-end hyphenation and the
    letters around a broken-font glyph (`к�пір`) are not words. A particle context is
    (particle, written apart?, :func:`parallel_class` of the words around it).
    """
    all_lows: list[str] = []
    all_pairs: list[tuple[str, str]] = []
    contexts: Counter = Counter()
    after_hyphen = False
    fullmatch = CYRILLIC_WORD.fullmatch
    # token -> (word or None, lowercase word, punctuation after it?): most tokens recur
    seen: dict[str, tuple[str | None, str | None, bool]] = {}
    for line in text.split("\n"):
        if not line.strip():
            continue
        tokens = line.split()
        if after_hyphen:
            tokens = tokens[1:]
        after_hyphen = line.rstrip().endswith("-")
        if after_hyphen and tokens:
            tokens = tokens[:-1]
        words: list[str | None] = []
        lows: list[str | None] = []
        for tok in tokens:
            known = seen.get(tok)
            if known is None:
                core = tok.strip(_PUNCT_AROUND)
                word = core if core and fullmatch(core) else None
                known = seen[tok] = (word, word.lower() if word else None,
                                     word is None or tok[-1] in _PUNCT_AROUND)
            words.append(known[0])
            lows.append(known[1])
            if known[2]:
                words.append(None)    # punctuation after the token: no pair across it
                lows.append(None)
        all_lows.extend(w for w in lows if w)
        n = len(words)
        for i in range(n - 1):
            a, b = lows[i], lows[i + 1]
            if a is None or b is None:
                continue
            all_pairs.append((a, b))
            if b in PARTICLES and i + 2 < n and words[i + 2]:
                contexts[(b, True, parallel_class(words[i], words[i + 2]))] += 1
            if a[-2:] in PARTICLES or a[-3:] in PARTICLES:
                for size in (2, 3):
                    if a[-size:] in PARTICLES and len(a) > size + 2:
                        contexts[(a[-size:], False, parallel_class(words[i][:-size], words[i + 1]))] += 1
    # (counted at once, in the order met: the same counters as counting word by word)
    return Counter(all_lows), Counter(all_pairs), contexts


class _Text:
    """One text of the corpus as evidence: its counts, and whether it is itself damaged."""

    def __init__(self, text: str, others, counted: tuple[Counter, Counter, Counter] | None = None):
        self.key = _text_key(text)
        self.counts, self.pairs, self.contexts = counted or _text_counts(text)
        # How damaged a text is shows in its own two- and three-letter tokens that are no word by
        # the dictionary (no stem of it, no particle): fragments a justification space cut off
        # (`бо`, `ла`, `зи`). Judged by the text and the dictionary alone, never against the other
        # texts (they may be damaged themselves: the newspaper's fragments made a new damaged
        # newspaper look clean, and one document's state must not depend on which others exist):
        # 17 % in the newspaper 000, 12-19 % in newspapers damaged like it, under 5 % in clean texts.
        stems = dictionary_stems()
        short = [(w, n) for w, n in self.counts.items() if 2 <= len(w) <= 3]
        unknown = sum(n for w, n in short if w not in stems and w not in PARTICLES)
        short_tokens = sum(n for _, n in short)
        self.fragment_rate = unknown / max(1, short_tokens)
        # (too few short tokens to tell: trust the text)
        self.damaged = self.fragment_rate >= WordModel.DAMAGED_DOCUMENT and short_tokens >= 20
        if self.damaged:
            # a damaged text's short tokens and word pairs are its damage (`бо ла`, `Пре
            # зидентіміз`); its longer words count half, when another text has them or they recur
            self.evidence = Counter({w: n / 2 for w, n in self.counts.items()
                                     if len(w) >= 4 and (others.get(w) or n >= 2)})
        else:
            self.evidence = self.counts


_CORPORA: dict[int, tuple[Lexicon, list[_Text]]] = {}


def _corpus_texts(lexicon: Lexicon) -> list[_Text]:
    cached = _CORPORA.get(id(lexicon))
    if cached is None or cached[0] is not lexicon:
        # each text counted once (the lru cache of _text_counts holds fewer texts than a large corpus)
        counted = [_text_counts(t) for t in lexicon.texts]
        total = Counter()
        for c in counted:
            total.update(c[0])
        texts = [_Text(t, _Others(total, c[0]), c) for t, c in zip(lexicon.texts, counted)]
        cached = _CORPORA[id(lexicon)] = (lexicon, texts)
    return cached[1]


class _Others:
    """The counts of the other texts (``total - own``) without building them for every text: on a
    large corpus that subtraction, once per text, grew with the square of the corpus."""

    def __init__(self, total: Counter, own: Counter):
        self.total, self.own = total, own

    def get(self, word: str, default=None):
        n = self.total.get(word, 0) - self.own.get(word, 0)
        return n if n > 0 else default


_LETTER_MODELS: dict[int, tuple[Lexicon, CharModel]] = {}


def _letter_model(lexicon: Lexicon) -> CharModel:
    """One letter model per corpus (spellings of all the corpus's word types)."""
    cached = _LETTER_MODELS.get(id(lexicon))
    if cached is None or cached[0] is not lexicon:
        types: set[str] = set()
        for text in _corpus_texts(lexicon):
            types.update(w for w in text.counts if "-" not in w)
        if not lexicon.texts:
            types.update(w for w in lexicon.counts if "-" not in w)
        cached = _LETTER_MODELS[id(lexicon)] = (lexicon, CharModel(sorted(types)))
    return cached[1]


_MODELS: dict[tuple[int, str], tuple[Lexicon, WordModel]] = {}


def word_model_for(doc) -> WordModel:
    """The word model of a document: one shared by the corpus's clean texts, and one of its own
    for a damaged text (whose fragments must not be evidence for themselves)."""
    from .lexicon import lexicon_for

    model = doc.meta.get("word_model")
    if model is None:
        lexicon = lexicon_for(doc)
        key = _text_key(doc.source)
        own = next((t for t in _corpus_texts(lexicon) if t.key == key), None)
        own_text = doc.source if own is None or own.damaged else ""
        cache_key = (id(lexicon), _text_key(own_text) if own_text else "")
        cached = _MODELS.get(cache_key)
        if cached is None or cached[0] is not lexicon:
            cached = _MODELS[cache_key] = (lexicon, WordModel(lexicon, own_text))
        model = doc.meta["word_model"] = cached[1]
    return model
