"""Word evidence for repairs: corpus word frequencies and the Kazakh Hunspell dictionary.

The dictionary (Debian's hunspell-kk, shipped in build_edition/data/hunspell with its licence)
accepts most clean Kazakh words but also halves of compounds and many suffixes on their own, so a
repair never trusts it alone: corpus frequencies (how often a form occurs undamaged in the seeds)
weigh in too.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from pathlib import Path
from collections.abc import Iterable

from build_edition.core.paths import DATA
from build_edition.text.alphabet import BROKEN_GLYPHS, CYRILLIC_KK
from build_edition.text.alphabet import BROKEN_LATIN_CAPITALS as BROKEN_CAPITALS

HUNSPELL = DATA / "hunspell"
_FIRST_WORD = re.compile(r"^\s*\S+")
_CUT_LAST_WORD = re.compile(r"\S*-\s*$")
CYRILLIC_WORD = re.compile(f"[{CYRILLIC_KK}]+(?:-[{CYRILLIC_KK}]+)*")


@functools.lru_cache(maxsize=1)
def _dictionary():
    from spylls.hunspell import Dictionary
    from spylls.hunspell.readers import read_aff
    from spylls.hunspell.readers.file_reader import FileReader

    aff, context = read_aff(FileReader(str(HUNSPELL / "kk_KZ.aff")))
    dictionary = Dictionary(aff, read_dic_fast(HUNSPELL / "kk_KZ.dic", aff, context))
    # spylls gives each of the 54,000 stems a set of its own for its affix flags, though the file has
    # only 4 distinct sets: sharing them (read-only) takes the dictionary from 145 MB to 30 MB
    shared: dict[frozenset, frozenset] = {}
    for word in dictionary.dic.words:
        flags = frozenset(word.flags)
        word.flags = shared.setdefault(flags, flags)
    return dictionary


def read_dic_fast(path: Path, aff, context):
    """The same ``Dic`` as spylls' ``read_dic``, read 4 times faster (it was most of the set-up of a build).

    spylls reads the file line by line through a generator and parses every line with regular
    expressions; here the file is read at once and a plain ``stem/flags`` line (all 54,000 of the
    Kazakh file) is split directly. Any other line (data tags, a tab, an escaped slash, the count
    line, characters to ignore) goes through spylls' own reader, so the result is the same whatever
    the file holds (checked word by word in tests/test_lexicon.py).
    """
    from spylls.hunspell.algo.capitalization import Type as CapType
    from spylls.hunspell.data.dic import Dic, Word
    from spylls.hunspell.readers.dic import TAG_REGEXP, read_dic

    # as spylls' FileReader: universal newlines, stripped lines, blank lines skipped, numbered from 1
    with open(path, encoding=context.encoding, errors="surrogateescape") as handle:
        lines = handle.read().split("\n")
    if lines and lines[0].startswith("\xef\xbb\xbf"):
        lines[0] = lines[0].replace("\xef\xbb\xbf", "")
    result = Dic(words=[])
    words, index, lowercase_index = result.words, result.index, result.lowercase_index
    casing, no_caps = aff.casing, CapType.NO
    flag_sets: dict[str, frozenset] = {}
    plain = context.ignore is None
    for number, line in enumerate(lines, 1):
        line = line.strip()
        if not line:
            continue
        if (number == 1 or not plain or "\t" in line or "\\" in line or line.startswith("/")
                or TAG_REGEXP.search(line)):
            one = read_dic([(number, line)], aff=aff, context=context)
            words.extend(one.words)
            for stem, entries in one.index.items():
                index[stem].extend(entries)
            for lower, entries in one.lowercase_index.items():
                lowercase_index[lower].extend(entries)
            continue
        parts = line.split("/", 2)
        stem, flags = parts if len(parts) == 2 else (line, "")
        flag_set = flag_sets.get(flags)
        if flag_set is None:
            flag_set = flag_sets[flags] = frozenset(context.parse_flags(flags))
        captype = casing.guess(stem)
        word = Word(stem=stem, flags=flag_set, data={}, captype=captype, alt_spellings=[])
        words.append(word)
        index[stem].append(word)
        # (spylls iterates the stem itself when it is lowercase: its characters become keys)
        for lower in (casing.lower(stem) if captype != no_caps else stem):
            lowercase_index[lower].append(word)
    return result


@functools.lru_cache(maxsize=1)
def dictionary_stems() -> frozenset[str]:
    """The dictionary's stem list (lowercase words of the .dic file, without affix flags).

    A fast membership test for stems; unlike a full look-up it accepts no inflected forms.
    """
    lines = (HUNSPELL / "kk_KZ.dic").read_text(encoding="utf-8-sig").splitlines()[1:]
    return frozenset(line.split("/", 1)[0].strip().lower() for line in lines if line.strip())


class Lexicon:
    """Frequencies of undamaged word forms in the corpus (lowercased) plus dictionary look-ups."""

    def __init__(self, counts: Counter | None = None):
        self.counts: Counter = counts or Counter()
        # the texts the counts come from (for evidence that needs context, e.g. word pairs)
        self.texts: tuple[str, ...] = ()

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> Lexicon:
        counts: Counter = Counter()
        texts = tuple(texts)
        for text in texts:
            after_hyphen = False
            bodies = []
            for line in text.split("\n"):
                if not line.strip():
                    continue
                body = line
                if after_hyphen:
                    # the first word after a line-end hyphen is the tail of a cut word: not evidence
                    body = _FIRST_WORD.sub("", body, count=1)
                # the last word of a line may be a fragment cut by a hyphen: not evidence
                after_hyphen = line.rstrip().endswith("-")
                if after_hyphen:
                    body = _CUT_LAST_WORD.sub("", body)
                bodies.append(body)
            # one search over the text instead of one per line: a line end stops a word and is
            # neither a letter nor a broken glyph, so the words found are the same
            found = undamaged_words("\n".join(bodies))
            if found:
                counts.update("\n".join(found).lower().split("\n"))
        lexicon = cls(counts)
        lexicon.texts = texts
        return lexicon

    def freq(self, word: str) -> int:
        return self.counts.get(word.lower(), 0)

    @functools.lru_cache(maxsize=200_000)
    def in_dictionary(self, word: str) -> bool:
        return bool(word) and _dictionary().lookup(word)

    def known(self, word: str) -> bool:
        return self.freq(word) > 0 or self.in_dictionary(word)

    # (hashable by identity: lru_cache on its methods and on functions of it keys on it)


def lexicon_for(doc) -> Lexicon:
    """The corpus lexicon the pipeline attached to the document, or one built from this document alone."""
    lex = doc.meta.get("lexicon")
    if lex is None:
        lex = doc.meta["lexicon"] = Lexicon.from_texts([doc.source])
    return lex


# -- glyph repair helpers (shared: passes that decide word boundaries may need them too) ------------

# BROKEN_GLYPHS (text/alphabet.py): characters the newspaper's fonts put in place of ө/Ө/ә/Ә (damage
# atlas): a word containing one may be a damaged Kazakh word rather than a word next to punctuation.
# BROKEN_CAPITALS: Latin capitals some of the fonts printed for Ө/Ә (``Hңірде``, ``Bйткені``).


_UNDAMAGED_WORD = re.compile(
    "(?<![" + re.escape(BROKEN_GLYPHS + BROKEN_CAPITALS) + "])(?<![^\\W\\d_])"
    + CYRILLIC_WORD.pattern
    + "(?![^\\W\\d_])(?!\ufffd)(?![" + re.escape(BROKEN_GLYPHS) + "][^\\W\\d_])")


def undamaged_words(text: str) -> list[str]:
    """The Cyrillic words of ``text`` that touch no broken glyph: ``!мірдің`` and ``к$лемі`` are not
    evidence for ``мірдің``, ``к`` or ``лемі``, while ``рақмет!`` still counts ``рақмет``.

    >>> undamaged_words("к$лемі !мірдің Hңірде рақмет! (мысалы, 9 млн")
    ['рақмет', 'млн']
    """
    return _UNDAMAGED_WORD.findall(text)


_SENTENCE_OPENERS = set(".!?…:;«\"“„(–—-")


@functools.lru_cache(maxsize=8)
def _cased_counts(lexicon: Lexicon) -> Counter:
    counts: Counter = Counter()
    for text in getattr(lexicon, "texts", ()):
        for m in _UNDAMAGED_WORD.finditer(text):
            word = m.group()
            if word[:1].isupper():
                if word[1:2].isupper():
                    continue                   # all capitals (headlines, abbreviations): no case evidence
                j = m.start() - 1
                while j >= 0 and text[j].isspace():
                    j -= 1
                if j < 0 or text[j] in _SENTENCE_OPENERS:
                    continue                   # capitalised because it starts a sentence or a quotation
            counts[word] += 1
    return counts


def case_counts(lexicon: Lexicon, word: str) -> tuple[int, int]:
    """How often the corpus writes ``word`` capitalised inside a sentence and in lowercase: a name is
    never lowercase, a common word only capitalised at the start of a sentence.

    >>> lex = Lexicon.from_texts(["Ол Әбіш Кекілбаев. Әр адам әр күні. Өнер"])
    >>> case_counts(lex, "әбіш"), case_counts(lex, "әр"), case_counts(lex, "өнер")
    ((1, 0), (0, 1), (0, 0))
    """
    counts = _cased_counts(lexicon)
    word = word.lower()
    return counts.get(word[:1].upper() + word[1:], 0), counts.get(word, 0)
