"""Word models for the passes that join broken words: how plausible a string is as a word of this corpus.

The suffix grammar is in :mod:`build_edition.text.morphology`; here it meets the evidence: corpus
counts of the pinned seeds (:mod:`build_edition.evidence.lexicon`), the dictionary's stems, and letter
n-grams of clean text (:class:`CharModel`), combined in :class:`WordModel` per document.
"""
from __future__ import annotations
import functools
import hashlib
import math
import re
from collections import Counter

from build_edition.evidence.lexicon import CYRILLIC_WORD, Lexicon, dictionary_stems
from build_edition.text.alphabet import CYRILLIC_LOWER_KK
from build_edition.text.morphology import (PARTICLES, SLOTS, VOICED_FINALS, is_suffix_chain, readings, split_stem)


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
    DAMAGED_DOCUMENT = 0.007  # joinable neighbours per word above which a text is damaged (see _Text)

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
        # how many running words (not hyphenated) are at least n letters long
        at_least: Counter = Counter()
        for word, n in counts.items():
            if "-" not in word:
                at_least[min(len(word), self.LONG_WORD + 20)] += n
        running = 0.0
        self._at_least = {}
        for size in range(self.LONG_WORD + 20, 0, -1):
            running += at_least.get(size, 0)
            self._at_least[size] = running
        self.letters = _letter_model(lexicon)
        self._particle_class()

    # (hashable by identity, as every object without __eq__: the lru caches of its methods key on it)

    LONG_WORD = 14         # an unseen word longer than this is as unlikely as corpus words that long

    def length_penalty(self, size: int) -> float:
        """Log of how much rarer words of ``size`` letters are than words of LONG_WORD (0 up to it).

        The letter model scores a string letter by letter and barely notices its length, so two
        unknown words run together (`робототехника` + `зертханасы`, 23 letters) cost about as much
        as the two apart; the corpus says how rare such lengths are (about 1 running word in 1000
        has 20+ letters, 1 in 30 has 14+)."""
        if size <= self.LONG_WORD:
            return 0.0
        top = self._at_least.get(self.LONG_WORD, 0.0)
        here = self._at_least.get(min(size, self.LONG_WORD + 20), 0.0)
        return math.log((here + 0.5) / (top + 0.5)) if top else 0.0

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

    # a string that ends this many times more words than it stands alone is an ending, though the
    # corpus also has it as a word (`тың` "new": 7 times alone, 800 times as the genitive), while
    # a frequent free word stays one (`еді`: 35 times alone, 700 as an ending)
    ENDING_OVER_WORD = 50

    def independent_word(self, rest: str) -> bool:
        """A free word that also parses as suffixes (`бар`, `ал`, `аймақтың` = ай+мақ+тың):
        frequent, or longer and known, or a frequent stem with endings; particles and the plural
        ending excepted (`географ` + `тар` is a plural, not `тар` "narrow"), and so is a string
        far more often an ending than a word (`топырақ` + `тың`, not `тың` "new")."""
        if len(rest) < 2 or rest in PARTICLES or rest in SLOTS["plural"]:
            return False
        n = self.support.get(rest, 0)
        if (n >= 5 or (len(rest) >= 4 and n >= 1)) and n * self.ENDING_OVER_WORD >= self.endings.get(rest, 0):
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
        score = math.log(self.UNSEEN_MASS) + self.letters.logp(word) + self.length_penalty(len(word))
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
        # How damaged a text is, judged by the text and the dictionary alone, never against the
        # other texts (they may be damaged themselves: the newspaper's raw fragments made a new
        # damaged newspaper look clean; and one document's state must not depend on which others
        # exist). Two measures of justification damage:
        # * the share of its two- and three-letter tokens that are no word (no dictionary stem, no
        #   particle): fragments cut off (`бо`, `ла`, `зи`): 000 0.17, newspapers damaged like it
        #   0.05-0.28, clean texts under 0.05; it sets the starting prior of join_split_words;
        # * the decision: neighbours on a line that make a word together while one of them is no
        #   word (`ба лалар`, `мек теп`), per word: 000 0.027, damaged newspapers 0.012-0.029, the
        #   interview 001 (a few splits) 0.003, clean texts under 0.002.
        stems = dictionary_stems()
        short = [(w, n) for w, n in self.counts.items() if 2 <= len(w) <= 3]
        unknown = sum(n for w, n in short if w not in stems and w not in PARTICLES)
        self.fragment_rate = unknown / max(1, sum(n for _, n in short))
        self.joinable_rate, words = joinable_pair_rate(text)
        # (too few words to tell: trust the text)
        self.damaged = self.joinable_rate >= WordModel.DAMAGED_DOCUMENT and words >= 100
        if self.damaged:
            # a damaged text's short tokens and word pairs are its damage (`бо ла`, `Пре
            # зидентіміз`); its longer words count half, when another text has them or they recur
            self.evidence = Counter({w: n / 2 for w, n in self.counts.items()
                                     if len(w) >= 4 and (others.get(w) or n >= 2)})
        else:
            self.evidence = self.counts


_LOWER_WORD = re.compile(f"[{CYRILLIC_LOWER_KK}]+")
JOINABLE_SAMPLE = 20_000     # words of a text enough to tell (a long book would cost seconds)


@functools.lru_cache(maxsize=200_000)
def dictionary_word(word: str) -> bool:
    """A dictionary stem or particle, or a dictionary stem followed by a grammatical chain of endings."""
    stems = dictionary_stems()
    return word in stems or word in PARTICLES or (len(word) >= 4 and split_stem(word, stems) is not None)


def joinable_pair_rate(text: str) -> tuple[float, int]:
    """(pairs of neighbouring lowercase tokens that make a dictionary word together while one of them
    is none, per word; words read) over the first :data:`JOINABLE_SAMPLE` words of ``text``.

    >>> joinable_pair_rate("ба лалар мектеп те бар\\nбалалар мектепте бар")   # `мектеп те`: both words
    (0.125, 8)
    """
    pairs = words = 0
    for line in text.split("\n"):
        tokens = line.split()
        words += len(tokens)
        for a, b in zip(tokens, tokens[1:]):
            if (_LOWER_WORD.fullmatch(a) and _LOWER_WORD.fullmatch(b) and dictionary_word(a + b)
                    and not (dictionary_word(a) and dictionary_word(b))):
                pairs += 1
        if words >= JOINABLE_SAMPLE:
            break
    return pairs / max(1, words), words


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
    """One letter model per corpus (spellings of the corpus's word types; of a damaged text only
    the words it counts as evidence, never its fragments: `бо`, `ла`, `зидентіміз`)."""
    cached = _LETTER_MODELS.get(id(lexicon))
    if cached is None or cached[0] is not lexicon:
        types: set[str] = set()
        for text in _corpus_texts(lexicon):
            types.update(w for w in text.evidence if "-" not in w)
        if not lexicon.texts:
            types.update(w for w in lexicon.counts if "-" not in w)
        cached = _LETTER_MODELS[id(lexicon)] = (lexicon, CharModel(sorted(types)))
    return cached[1]


_MODELS: dict[tuple[int, str], tuple[Lexicon, WordModel]] = {}


def word_model_for(doc) -> WordModel:
    """The word model of a document: one shared by the corpus's clean texts, and one of its own
    for a damaged text (whose fragments must not be evidence for themselves)."""
    from build_edition.evidence.lexicon import lexicon_for

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
