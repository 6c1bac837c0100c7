"""Mark Russian passages inside Kazakh blocks as inline language spans (nothing in the text changes).

Blocks wholly in Russian or English already carry ``lang``; this pass finds Russian *inside* a Kazakh
block: a journal section line (`МЕМЛЕКЕТТІК государственное управление и государственная служба`),
untranslated sentences of the book, titles of Russian newspapers and books in « ». Each block with
such a passage gets ``attrs["language_spans"]``: ``(start, end, "ru")`` in its text; the writer wraps
them in ``<span lang="ru">`` so the Latin reading view, screen readers and the linter leave them alone.

The evidence, word by word (a word with none of the Kazakh-only letters ә ғ қ ң ө ұ ү һ і is
otherwise undecided: Kazakh writes many words, loans and names without them):

* *Kazakh*: a Kazakh-only letter. Such a word ends a run of Russian.
* *strong Russian*: a Russian function word (`и`, `в`, `для`, `что`, `которых`; not the ones that are
  Kazakh words too: `не` "what", `он` "ten", `от` "fire", `а`, `о`), or an inflection Kazakh never
  borrows (adjectives `-ая -ое -ые -ого -ых -ской`, oblique cases `-ии -ией -ости -ства -ений`,
  verbs `-ться -ает -или`), on a word the Kazakh dictionary (hunspell-kk) rejects.
* *weak Russian*: an ending Kazakh also borrows unchanged (`-ция`-like nouns `-ие -ий -ство -ение -ами`:
  `православие`, `парламентарий`, `телевидение`), and any strong ending on a capitalised word inside
  a sentence (a surname: `Кончаловский`, `Толстой`).

A passage is a stretch of a sentence between Kazakh words, cut where two lowercase words the Kazakh
dictionary knows stand in a row (`туралы айтты`), with at least two strong words and Russian-looking
words for at least a third of its words. It reaches out from its first and last Russian-looking word
over the undecided words of the sentence (names, numbers, `т.д.`), but not over a word the Kazakh
dictionary knows (`болды`, `деп`) nor over a quotation mark, and takes in the quotation marks,
brackets and final punctuation around it. A quotation («…») of two or more words without a Kazakh word,
with two strong words, or one and a third of its words Russian-looking, is a passage too
(`«Казахстанская правда» газетінде`). A single Russian-looking word is not a passage: Kazakh uses
Russian loans (`государство`, `инвестиция`), and one Russian word in a Kazakh sentence (`ұлттық
подсознание ноу-хау`) is the author's Kazakh. Corpus frequencies are not evidence here: the corpus holds
the Russian abstracts and these passages themselves.

English inside Kazakh blocks is not marked: Latin letters are left alone by the Latin view anyway,
and telling English (`soft power`) from Kazakh in Latin letters (`Oyan, Qazaqstan`, `Ana tili`) or
Latin (`lingua franca`) needs an English dictionary the edition does not ship.

Only blocks with a word that may be strong evidence are analysed (each distinct token is classified
once), so the pass stays fast.

>>> from build_edition.core.model import Document
>>> from build_edition.evidence.lexicon import Lexicon
>>> text = ("МЕМЛЕКЕТТІК государственное управление и государственная служба|"
...         "Бұл туралы «Казахстанская правда» газетінде жазылды.|"
...         "Мемлекет инвестиция тартуда, ұлттық подсознание ноу-хау.")
>>> doc = Document("x", "article", "x.txt", text)
>>> doc.meta["lexicon"] = Lexicon()
>>> cuts = [0, text.index("|"), text.rindex("|"), len(text)]
>>> doc.blocks = [doc.make_block("paragraph", cuts[i] + (i > 0), cuts[i + 1], id=f"p{i}") for i in range(3)]
>>> run(doc)
>>> [[(b.text[s:e], lang) for s, e, lang in b.attrs.get("language_spans", [])] for b in doc.blocks]
[[('государственное управление и государственная служба', 'ru')], [('«Казахстанская правда»', 'ru')], []]
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from itertools import compress

from build_edition.evidence.lexicon import lexicon_for
from build_edition.core.model import Document
from build_edition.text.alphabet import KAZAKH_ONLY

ATTR = "language_spans"
KAZAKH_LETTERS = frozenset(KAZAKH_ONLY)

# Function words of Russian that are no Kazakh words (Kazakh has `не`, `он`, `от`, `а`, `о`, `у`,
# `же`, `тот`, `ой`: left out).
FUNCTION_WORDS = frozenset("""
и в во с со к ко по для что как из при это этот эта эти этого этой этом или но также был была было были
его её ее их ним них им который которая которое которые которых которым которой которого тогда когда где
если чтобы уже только между через после более под над об обо без до за на бы ли так даже однако поэтому
потому раньше позднее всех все всего весь вся очень может можно свой своей своих они она оно мы вы
""".split())

# Inflections: adjectives, oblique cases of nouns, verbs and participles. Kazakh borrows Russian nouns in
# their dictionary form and inflects them with its own suffixes, so none of these ends a Kazakh word.
STRONG_ENDINGS = (
    "ого", "его", "ому", "ему", "ое", "ее", "ые", "ый", "ых", "их", "ыми", "ими", "ями",
    "ская", "цкая", "ная", "ные", "ские", "кие", "ческие", "ской", "цкой", "ной", "кой", "вой", "ский", "цкий",
    "ии", "ией", "цией", "ости", "остей", "остью", "ства", "ству", "ством", "стве", "ений", "аний", "ением",
    "анием", "ться", "тся", "ать", "ять", "ить", "еть", "ает", "яет", "ует", "ивает", "или", "ыли", "али",
    "ели", "лись", "лось", "лась",
)
STRONG_INFIXES = re.compile(r"[уюая]щ[иеая]")                        # participles: доминирующим
LONG_ADJECTIVE = ("ая", "яя")          # `-ая` also ends Kazakh gerunds (`азая`): only on longer words
# Endings of nouns Kazakh borrows unchanged (православие, парламентарий, телевидение, государство)
WEAK_ENDINGS = ("ие", "ий", "ство", "ение", "ание", "ость", "ами", "ция")

QUOTES = "«»“”„\"‟"
_WORD = re.compile(r"[^\W\d_]+(?:[-‐][^\W\d_]+)*")
_SENTENCE_END = re.compile(r"[.!?…][\"»”)\]]*\s")
_SENTENCE_START = set(".!?…:«\"“„(")
_OPENING = "«“„([\"'"
_CLOSING = "»”“)]\"'.!?…"
_QUOTATION = re.compile(r"[«“„]([^«»“”„]*)[»”“]")
_TOKEN_EDGES = ".,;:!?…«»“”„\"'()[]{}–—-"
_SEPARATOR = " \x00 "                     # between texts joined for the prefilter: a token of its own

STRONG, WEAK = 2, 1


@dataclass
class _Word:
    start: int
    end: int
    text: str
    kazakh: bool
    evidence: int          # STRONG, WEAK or 0


def _ending_evidence(lower: str) -> int:
    if lower.endswith(STRONG_ENDINGS) or STRONG_INFIXES.search(lower) or (
            len(lower) >= 6 and lower.endswith(LONG_ADJECTIVE)):
        return STRONG
    return WEAK if lower.endswith(WEAK_ENDINGS) else 0


# The prefilter: lowercased tokens (as `str.split` gives them) that may be strong Russian evidence, and
# every token already classified; shared by all documents (the answer depends on the token alone).
_RUSSIAN_TOKENS: set[str] = set()
_SEEN_TOKENS: set[str] = set()
# One search over the new tokens without a Kazakh letter, written backwards one a line, so that each
# token's ending is at the start of its line: a superset of the tokens `_may_be_russian` accepts.
_EDGES_CLASS = "[" + re.escape(_TOKEN_EDGES) + "]*"
_BACKWARDS = re.compile(
    "^" + _EDGES_CLASS + "(?:(?:" + "|".join(e[::-1] for e in sorted(STRONG_ENDINGS + LONG_ADJECTIVE, key=len, reverse=True))
    + ").*|(?:" + "|".join(w[::-1] for w in sorted(FUNCTION_WORDS, key=len, reverse=True)) + ")" + _EDGES_CLASS
    + "$)|^.*щ.*", re.M)


def _may_be_russian(token: str) -> bool:
    word = token.strip(_TOKEN_EDGES)
    if not word or not KAZAKH_LETTERS.isdisjoint(word):
        return False
    lower = word.lower()
    return lower in FUNCTION_WORDS or (len(lower) >= 4 and _ending_evidence(lower) == STRONG)


def _russian_tokens(tokens: set[str]) -> set[str]:
    """Those of the lowercased tokens that may be strong Russian evidence."""
    new = tokens.difference(_SEEN_TOKENS)
    if new:
        _SEEN_TOKENS.update(new)
        backwards = "\n".join(filter(KAZAKH_LETTERS.isdisjoint, new))[::-1]
        _RUSSIAN_TOKENS.update(filter(_may_be_russian, (m[::-1] for m in _BACKWARDS.findall(backwards))))
    return tokens.intersection(_RUSSIAN_TOKENS)


def _texts_with_russian_tokens(texts: list[str]) -> list[int]:
    """The indexes of the texts with a token that may be strong Russian evidence.

    The texts are lowercased, joined and split once, with a separator token between them; the tokens
    found are located with C-level maps (a document has 150,000 tokens and a handful of such texts)."""
    tokens = _SEPARATOR.join(texts).lower().split()
    russian = _russian_tokens(set(tokens))
    if not russian:
        return []
    found = list(compress(range(len(tokens)), map(russian.__contains__, tokens)))
    separator, ends, end = _SEPARATOR.strip(), [], -1
    while end < found[-1]:
        try:
            end = tokens.index(separator, end + 1)
        except ValueError:
            end = len(tokens)
        ends.append(end)
    return sorted({bisect.bisect_left(ends, i) for i in found})


def _sentence_initial(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    return i < 0 or text[i] in _SENTENCE_START


def _words(text: str, lexicon) -> list[_Word]:
    words = []
    for m in _WORD.finditer(text):
        word = m.group()
        if not KAZAKH_LETTERS.isdisjoint(word):
            words.append(_Word(m.start(), m.end(), word, True, 0))
            continue
        lower = word.lower()
        evidence = 0
        if lower in FUNCTION_WORDS:
            # a function word, not a list marker (`в)`) or an initial (`С. Сейфуллин`)
            after = text[m.end():m.end() + 1]
            evidence = STRONG if after.isspace() else 0
        elif len(lower) >= 4:
            evidence = _ending_evidence(lower)
            if evidence and (lexicon.in_dictionary(word) or lexicon.in_dictionary(lower)):
                evidence = 0                                 # a Kazakh word or loan the dictionary knows
            if evidence == STRONG and word[0].isupper() and not word.isupper() \
                    and not _sentence_initial(text, m.start()):
                evidence = WEAK                              # a capitalised word inside a sentence: a name
        words.append(_Word(m.start(), m.end(), word, False, evidence))
    return words


def _runs(text: str, words: list[_Word]) -> list[list[_Word]]:
    """Stretches of a sentence between Kazakh words."""
    runs: list[list[_Word]] = []
    current: list[_Word] = []
    for word in words:
        if word.kazakh:
            if current:
                runs.append(current)
            current = []
            continue
        if current and _sentence_boundary(text, current[-1], word):
            runs.append(current)
            current = []
        current.append(word)
    if current:
        runs.append(current)
    return runs


def _sentence_boundary(text: str, before: _Word, after: _Word) -> bool:
    if len(before.text) < 2:                     # an initial or `т.д.`: no sentence end
        return False
    return bool(_SENTENCE_END.search(text, before.end, after.start)) and after.text[0].isupper()


def _is_passage(words: list[_Word]) -> bool:
    strong = sum(w.evidence == STRONG for w in words)
    russian = sum(w.evidence > 0 for w in words)
    return strong >= 2 and 3 * russian >= len(words)


def _known(word: str, lexicon) -> bool:
    return lexicon.in_dictionary(word) or lexicon.in_dictionary(word.lower())


def _kazakh_between(words: list[_Word], lexicon) -> bool:
    """Two lowercase words in a row that the Kazakh dictionary knows: a Kazakh phrase (`туралы айтты`)."""
    streak = 0
    for word in words:
        if word.text[:1].islower() and len(word.text) > 1 and _known(word.text, lexicon):
            streak += 1
            if streak == 2:
                return True
        else:
            streak = 0
    return False


def _passages(text: str, run: list[_Word], lexicon) -> list[tuple[int, int]]:
    marked = [i for i, w in enumerate(run) if w.evidence]
    groups: list[list[int]] = []
    for i in marked:
        if groups and not _kazakh_between(run[groups[-1][-1] + 1:i], lexicon):
            groups[-1].append(i)
        else:
            groups.append([i])

    def can_take(i: int, gap: str) -> bool:
        word = run[i]
        if any(q in gap for q in QUOTES):
            return False
        return bool(word.evidence) or len(word.text) < 2 or not _known(word.text, lexicon)

    found = []
    for group in groups:
        first, last = group[0], group[-1]
        while first > 0 and can_take(first - 1, text[run[first - 1].end:run[first].start]):
            first -= 1
        while last + 1 < len(run) and can_take(last + 1, text[run[last].end:run[last + 1].start]):
            last += 1
        if _is_passage(run[first:last + 1]):
            if _ends_the_sentence(text, run, last, lexicon):
                last = len(run) - 1
            found.append((run[first].start, run[last].end))
    return found


def _ends_the_sentence(text: str, run: list[_Word], last: int, lexicon) -> bool:
    """A short tail after a passage that closes its sentence without any Kazakh phrase belongs to it:
    `… более тысячи писем от граждан.` — `от` is also a Kazakh word ("fire"), but the sentence is Russian."""
    tail = run[last + 1:]
    if not tail or len(tail) > 3 or _kazakh_between(tail, lexicon):
        return False
    rest = text[run[-1].end:]
    return not rest.strip() or rest.lstrip()[:1] in ".!?…"


def _quotations(text: str, words: list[_Word]) -> list[tuple[int, int]]:
    found = []
    starts = [w.start for w in words]
    for m in _QUOTATION.finditer(text):
        inside = [w for w in words[bisect.bisect_left(starts, m.start(1)):] if w.end <= m.end(1)]
        if len(inside) < 2 or any(w.kazakh for w in inside):
            continue
        strong = sum(w.evidence == STRONG for w in inside)
        russian = sum(w.evidence > 0 for w in inside)
        if strong >= 2 or strong and 3 * russian >= len(inside):
            found.append((m.start(), m.end()))
    return found


def _with_punctuation(text: str, start: int, end: int) -> tuple[int, int]:
    """Take in the quotation marks and brackets around the passage and the punctuation that ends it."""
    while start > 0 and text[start - 1] in _OPENING:
        start -= 1
    while end < len(text) and text[end] in _CLOSING:
        end += 1
    return start, end


def foreign_spans(text: str, lexicon) -> list[tuple[int, int, str]]:
    """The Russian passages of a Kazakh text: ``(start, end, "ru")``, sorted, not overlapping."""
    if not _texts_with_russian_tokens([text]):
        return []
    return _spans(text, lexicon)


def _spans(text: str, lexicon) -> list[tuple[int, int, str]]:
    words = _words(text, lexicon)
    spans = _quotations(text, words)
    for run in _runs(text, words):
        spans.extend(_passages(text, run, lexicon))
    merged: list[list[int]] = []
    for start, end in sorted(_with_punctuation(text, s, e) for s, e in spans):
        if merged and (start <= merged[-1][1] or not text[merged[-1][1]:start].strip()):
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end, "ru") for start, end in merged]


def run(doc: Document) -> None:
    lexicon = lexicon_for(doc)
    kazakh = []
    for block in doc.blocks:
        block.attrs.pop(ATTR, None)
        if block.lang == "kk":
            kazakh.append(block)
    # one look at all the document's tokens: most blocks have no Russian-looking word at all
    for i in _texts_with_russian_tokens([b.text for b in kazakh]):
        spans = _spans(kazakh[i].text, lexicon)
        if spans:
            kazakh[i].attrs[ATTR] = spans
