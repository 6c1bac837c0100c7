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
from collections.abc import Callable

from build_edition.text.alphabet import (BACK_VOWELS, BROKEN_GLYPH_READINGS, BROKEN_GLYPHS, BROKEN_LATIN_CAPITALS,
                                         CYRILLIC_KK, FRONT_VOWELS, GLYPHS_FOR_LOWER, VOWELS)

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
INNER_GLYPHS = GLYPHS_FOR_LOWER
# (the Latin capital C, which the lexicon counts as a broken capital, is not tried here)
INITIAL_GLYPHS = BROKEN_GLYPHS + BROKEN_LATIN_CAPITALS.replace("C", "")
GLYPH_READINGS = BROKEN_GLYPH_READINGS

LETTERS = CYRILLIC_KK


@functools.lru_cache(maxsize=100_000)
def harmony(text: str) -> str:
    """'back', 'front' or '' for the last harmonic vowel of ``text``; a loanword ending in a soft
    sign takes front endings whatever its vowels (`спектакль-дің`, `автомобиль-дер`).

    >>> harmony("тамыр"), harmony("мектеп"), harmony("спектакль")
    ('back', 'front', 'front')
    """
    if text.endswith("ь"):
        return "front"
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
