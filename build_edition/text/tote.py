"""Kazakh Cyrillic → töte jazu (the Arabic-based Kazakh script), and töte search queries → Cyrillic.

The table lives in ``build_edition/data/translit/kk-arab.json``, read here and written into the
browser's ``kk-tote.js`` by ``build_edition/write/scripts.py``, like the Latin table. Both sides
are checked against ``tests/data/tote_vectors.json``: sentences quoted from töte pages published by
ar.egemen.kz, ar.inform.kz, dalanews.kz/tote and astana-akshamy.kz/arb, each with its address.

Sources of the orthography and what was taken from each:

- The published pages above (the state newspaper Egemen Qazaqstan's töte edition first): the
  letters, the hamza rule, Western digits, Arabic comma and question mark, Latin words kept,
  Roman numerals typed with Cyrillic letters transcribed like words (ХХІХ → ءححىح), abbreviations
  transcribed letter for letter (ҚР → قر, ЖШС-нің → جشس-ءنىڭ), hyphenated words treated as two words
  (мән-маңызы → ءمان-ماڭىزى), и and й both ي (тарих → تاريح), ц → تس and ия → يا (федерация →
  فەدەراتسيا), ч → چ (чемпион → چەمپيون), һ → ھ (һәм → ءھام), в → ۆ, у → ۋ, no ي inserted between
  a vowel and е (Назарбаев → نازارباەۆ).
- Wikipedia, "Kazakh alphabets" (Arabic script section, and its Turkish twin "Kazak alfabesi"):
  the 29 letters and the hamza that marks a word's vowels as front; щ → شش, ь and ъ not written.
- MediaWiki's Kazakh converter (includes/language/converters/KkConverter.php, kk-arab variant):
  the hamza rule as code (a word with ә ө ү і and without е э г к gets one hamza), ё → يو,
  ю → يۋ, я → يا, the Arabic comma ، semicolon ؛ and question mark ؟. MediaWiki writes the high
  hamza U+0674 ٴ, Arabic-Indic digits and ىي for и; the newspapers write U+0621 ء, Western digits
  and ي, and the newspapers are followed here. ``harmony.hamza`` in the data file is the one place
  to change the hamza's code point.

The rules implemented:

1. A word is a run of Cyrillic letters (so a hyphen, a digit or an apostrophe ends it).
2. Letters map by the table, lower-cased (Arabic script has no capitals); the digraphs ия and
   ию are read first (федерация → فەدەراتسيا, not ...تسييا).
3. The hamza: a word with a front vowel letter ә ө ү і gets ONE hamza at its start, unless it has
   е, э, к or г, whose Arabic letters ە ك گ already mark the word as front (бір → ءبىر, баспасөзі
   → ءباسپاسوزى, but мемлекет → مەملەكەت, тәуелсіздік → تاۋەلسىزدىك). ә ө ү і themselves are written with
   the back letters ا و ۇ ى. A suffix after a hyphen or a number is a word of its own: 13-і → 13-ءى.
4. Punctuation in Kazakh text: , → ، (not between two digits: 3,5 stays), ; → ؛, ? → ؟. Other
   characters (digits, Latin letters, guillemets, dashes) are kept as they are. Callers pass only
   Kazakh text: Russian and English passages keep their script.

>>> to_arabic("Бүгін Астанада Қазақстан футбол федерациясының кезекті ХІІ конференциясы өтті.")
'بۇگىن استانادا قازاقستان فۋتبول فەدەراتسياسىنىڭ كەزەكتى ءحىى كونفەرەنتسياسى ءوتتى.'
>>> to_arabic("30 қараша, 2021")
'30 قاراشا، 2021'
>>> tote_query_to_cyrillic("ءبىز قازاقستان")
'біз қазақстан'
"""
from __future__ import annotations

import functools
import json
import re

from build_edition.core.paths import DATA
from build_edition.text.alphabet import CYRILLIC_BLOCK

TABLE_PATH = DATA / "translit" / "kk-arab.json"
TABLE = json.loads(TABLE_PATH.read_text(encoding="utf-8"))

LETTERS: dict[str, str] = TABLE["letters"]
DIGRAPHS: dict[str, str] = TABLE["digraphs"]
HAMZA: str = TABLE["harmony"]["hamza"]
FRONT_VOWELS = frozenset(TABLE["harmony"]["front_vowels"])
FRONT_LETTERS = frozenset(TABLE["harmony"]["front_letters"])
PUNCTUATION: dict[str, str] = TABLE["punctuation"]
QUERY_VARIANTS: dict[str, str] = TABLE["query_variants"]

_CYRILLIC_WORD = re.compile(f"[{CYRILLIC_BLOCK}]+")


# pure and called once per word of every export (hundreds of thousands of calls, a few tens of
# thousands of distinct words): remembered
@functools.lru_cache(maxsize=1 << 16)
def word_to_arabic(word: str) -> str:
    """One Cyrillic word (no hyphen, no digit) in töte, with the hamza if the word needs one.

    >>> [word_to_arabic(w) for w in ("Бір", "мемлекет", "тәуелсіздік", "баспасөзі", "куә")]
    ['ءبىر', 'مەملەكەت', 'تاۋەلسىزدىك', 'ءباسپاسوزى', 'كۋا']
    """
    lower = word.lower()
    out = []
    i = 0
    while i < len(lower):
        pair = lower[i:i + 2]
        if pair in DIGRAPHS:
            out.append(DIGRAPHS[pair])
            i += 2
            continue
        out.append(LETTERS.get(lower[i], word[i]))
        i += 1
    letters = set(lower)
    hamza = HAMZA if letters & FRONT_VOWELS and not letters & FRONT_LETTERS else ""
    return hamza + "".join(out)


_DIGITS = "0123456789"
_PUNCTUATION = re.compile("[" + re.escape("".join(PUNCTUATION)) + "]")


def _punctuation(match: re.Match[str]) -> str:
    text, start = match.string, match.start()
    if match.group(0) == "," and 0 < start < len(text) - 1 and text[start - 1] in _DIGITS and text[start + 1] in _DIGITS:
        return ","                                  # 3,5: a decimal comma stays
    return PUNCTUATION[match.group(0)]


def to_arabic(text: str) -> str:
    """Kazakh Cyrillic text in töte; digits, Latin letters and other characters are kept.

    >>> to_arabic("Бұл туралы egemen.kz хабарлады; 132 спортшының 13-і ғана үмітті ақтады?")
    'بۇل تۋرالى egemen.kz حابارلادى؛ 132 سپورتشىنىڭ 13-ءى عانا ءۇمىتتى اقتادى؟'
    """
    text = _CYRILLIC_WORD.sub(lambda m: word_to_arabic(m.group(0)), text)
    return _PUNCTUATION.sub(_punctuation, text)


# ---------------------------------------------------------------------------------------------
# töte → Cyrillic, for search queries only. Töte does not write which of а/ә, о/ө, ұ/ү, ы/і a
# letter is; the search normaliser folds ә→а, ө→о, ұ/ү→у, й→и, я→иа afterwards, so only ы/і
# matters. Native words are harmonic and töte marks a front word (hamza, or ە ك گ), so ى is і in
# it; ق and ع mark a back word. ى follows the nearest mark (see _front_yy), which reads native
# words right and mixed ones (the compound Елбасы, loans like клубы) sometimes wrong; their
# suffix vowel is mostly one the normaliser strips anyway.

ARABIC_LETTER = re.compile("[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")


def _readings() -> tuple[dict[str, str], dict[str, str]]:
    """{Arabic letter: Cyrillic} for a back and for a front word, derived from LETTERS: the first
    Cyrillic letter (in the table's order) written with that one Arabic letter, and for a front word
    the front vowel among them (ا: а/ә, و: о/ө, ۇ: ұ/ү, ى: ы/і; ي: и, ە: е either way)."""
    back: dict[str, str] = {}
    front: dict[str, str] = {}
    for cyrillic, arabic in LETTERS.items():
        if len(arabic) == 1:
            back.setdefault(arabic, cyrillic)
            if cyrillic in FRONT_VOWELS:
                front[arabic] = cyrillic
    return back, {**back, **front}


BACK_READING, FRONT_READING = _readings()
_YY = LETTERS["ы"]                                                  # ى: ы or і
_FRONT_MARKS = frozenset(LETTERS[c] for c in FRONT_LETTERS)        # ە ك گ
_BACK_MARKS = frozenset(LETTERS[c] for c in "қғ")                   # ق ع
_FRONT_KS = frozenset(LETTERS[c] for c in "кг")                    # ك گ


def _near(word: str, i: int, letters: frozenset[str]) -> bool:
    return bool(set(word[max(i - 1, 0):i] + word[i + 1:i + 2]) & letters)


def _front_yy(word: str, i: int, done: dict[int, bool]) -> bool:
    """Is the ى at ``word[i]`` the front і? (``done``: the readings of the ى before it.) A ك or
    گ next to it says і, a ق or ع ы; else the nearest mark before it (ە ك گ or a read ى), else
    the nearest after it (ە ك گ: і, ق ع: ы); a word without marks is back."""
    if _near(word, i, _FRONT_KS):
        return True
    if _near(word, i, _BACK_MARKS):
        return False
    for j in range(i - 1, -1, -1):
        if word[j] == _YY:
            return done[j]
        if word[j] in _FRONT_MARKS or word[j] in _BACK_MARKS:
            return word[j] in _FRONT_MARKS
    for ch in word[i + 1:]:
        if ch in _FRONT_MARKS or ch in _BACK_MARKS:
            return ch in _FRONT_MARKS
    return False


_VOWEL_LETTERS = frozenset(LETTERS[c] for c in "аоұыеу")             # ا و ۇ ى ە ۋ
_Y, _A = LETTERS["и"], LETTERS["а"]                                 # ي ا


def _word_to_cyrillic(word: str) -> str:
    front_word = HAMZA in word          # a front word: every ambiguous letter is the front one
    word = word.replace(HAMZA, "")
    done: dict[int, bool] = {}
    out = []
    skip = False
    for i, ch in enumerate(word):
        if skip:
            skip = False
            continue
        before = word[i - 1] if i else ""
        after = word[i + 1] if i + 1 < len(word) else ""
        if ch == _Y and before and before not in _VOWEL_LETTERS and after == _A:
            out.append("ия")           # ия after a consonant (федерация → فەدەراتسيا); я elsewhere
            skip = True
        elif ch == _Y and before in _VOWEL_LETTERS | {_A} and (not after or after not in _VOWEL_LETTERS | {_A}):
            out.append("й")            # ай, ей, ой, ұй, ый: й after a vowel, before none
        elif ch == _YY and front_word:  # a back ы next to ق or ع in a compound (алғысөз → ءالعىسوز)
            out.append(BACK_READING[ch] if _near(word, i, _BACK_MARKS) else FRONT_READING[ch])
        elif ch == _YY:
            done[i] = _front_yy(word, i, done)
            out.append(FRONT_READING[ch] if done[i] else BACK_READING[ch])
        else:
            out.append((FRONT_READING if front_word else BACK_READING).get(ch, ch))
    # ц of Russian loans (процесс → پروتسەسس): commoner in the corpus than a native т+с (айтса)
    return "".join(out).replace("тс", "ц")


_ARABIC_WORD = re.compile(r"[^\W\d_]+")
_HARAKAT = re.compile("[\u064B-\u065F\u0670]")     # vowel signs, sukun, shadda: not written in töte


def tote_query_to_cyrillic(text: str) -> str:
    """A search query typed in töte as lower-case Cyrillic; other words and digits pass through.

    Only ы/і is decided (see above): ә, ө, ү are read а, о, ұ, which the normaliser folds them to
    anyway; ي is й after a vowel before none, and ия (not я) after a consonant before ا.

    >>> tote_query_to_cyrillic("توزىمدىلىك كوزى ۇلتتىق قىزمەت ەلىمىزدىڭ فەدەراتسيا")
    'тозімділік козі ұлттық қызмет еліміздің федерация'
    """
    text = _HARAKAT.sub("", text)
    text = "".join(QUERY_VARIANTS.get(ch, ch) for ch in text)
    for latin, arabic in PUNCTUATION.items():
        text = text.replace(arabic, latin)
    return _ARABIC_WORD.sub(lambda m: _word_to_cyrillic(m.group(0)) if ARABIC_LETTER.search(m.group(0))
                            else m.group(0), text)


def is_tote_query(text: str) -> bool:
    """True when a query has Arabic letters."""
    return bool(ARABIC_LETTER.search(text))
