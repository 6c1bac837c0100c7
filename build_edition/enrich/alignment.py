"""Find the translations a document already contains: runs of Russian or English blocks that
translate the Kazakh blocks just before them (a journal article's abstracts, a book's publisher page).

The structure passes give every block its language. On one page, a run of blocks in language L
(``ru``/``en``) that follows a run of Kazakh blocks — possibly after other translation runs, as the
English abstract follows the Russian one — is compared with the end of that Kazakh run. Blocks are
aligned Gale–Church style (dynamic programming over 1–1, 2–1 and 1–2 beads, the cost of a bead
from the difference of the two lengths, plus penalties when the beads' kinds or numbers differ), for
every possible start of the Kazakh side; the cheapest alignment wins. It is accepted only when it
is clearly a translation: at least two target blocks, every bead of one kind on both sides, the same
numbers on both sides, and a low mean cost. A Russian quotation inside Kazakh prose (one block,
different length and numbers) is therefore never taken for a translation.

Where two Kazakh paragraphs are one paragraph in the translation (2–1), the translation is cut
between its sentences in the proportion of the two Kazakh paragraphs; where one Kazakh paragraph is
two in the translation (1–2), they are joined.

>>> from build_edition.core.model import Block
>>> def b(text, lang="kk", kind="paragraph"): return Block(kind, text, list(range(len(text))), lang=lang)
>>> kk = [b("Кіріспе", kind="heading"), b("Институт 1993 жылы құрылды."), b("Оның міндеті – талдау.")]
>>> ru = [b("Введение", "ru", "heading"), b("Институт создан в 1993 году. Его задача – анализ.", "ru")]
>>> [(k.text, t) for k, t, _ in align_runs(kk, ru)]   # doctest: +NORMALIZE_WHITESPACE
[('Кіріспе', 'Введение'), ('Институт 1993 жылы құрылды.', 'Институт создан в 1993 году.'),
 ('Оның міндеті – талдау.', 'Его задача – анализ.')]
>>> align_runs([b("Ол былай деді:")], [b("Это цитата по-русски, а не перевод.", "ru")]) is None
True
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from build_edition.core.model import Block, Document
from build_edition.text.alphabet import UPPER_ANY_SCRIPT

KAZAKH = "kk"
# Gale & Church (1993): prior probabilities of bead types and the variance of the length difference
BEAD_PRIOR = {(1, 1): 0.89, (2, 1): 0.0445, (1, 2): 0.0445}
VARIANCE = 6.8
KIND_PENALTY = 50.0          # a heading aligned with a paragraph
NUMBER_PENALTY = 8.0         # per number found on one side only
MAX_MEAN_COST = 6.0          # per bead, above which the runs are not a translation of each other
MIN_TARGET_BLOCKS = 2
_NUMBER = re.compile(r"\d+")
_SENTENCE_END = re.compile(rf"(?<=[.!?…])\s+(?=[«\"“(]?[{UPPER_ANY_SCRIPT}0-9])")


@dataclass
class Pair:
    """One Kazakh block and its translation found in the document."""
    source: Block
    text: str
    origin: list[str]        # ids of the blocks the translation was taken from


def _numbers(blocks: list[Block]) -> Counter:
    return Counter(n for b in blocks for n in _NUMBER.findall(b.text))


def _length(blocks: list[Block]) -> int:
    return sum(len(b.text) for b in blocks)


def _bead_cost(src: list[Block], tgt: list[Block]) -> float:
    ls, lt = _length(src), _length(tgt)
    mean = (ls + lt) / 2 or 1
    delta = (lt - ls) / math.sqrt(mean * VARIANCE)
    probability = max(math.erfc(abs(delta) / math.sqrt(2)), 1e-12)
    cost = -math.log(BEAD_PRIOR[(len(src), len(tgt))]) - math.log(probability)
    kinds = {b.kind for b in src} | {b.kind for b in tgt}
    if len(kinds) > 1:
        cost += KIND_PENALTY
    differ = _numbers(src) - _numbers(tgt) + (_numbers(tgt) - _numbers(src))
    return cost + NUMBER_PENALTY * sum(differ.values())


def _align(src: list[Block], tgt: list[Block]) -> tuple[float, list[tuple[list[Block], list[Block], float]]]:
    """The cheapest sequence of beads covering both lists completely (dynamic programming)."""
    n, m = len(src), len(tgt)
    best = [[math.inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if best[i][j] == math.inf:
                continue
            for di, dj in BEAD_PRIOR:
                if i + di <= n and j + dj <= m:
                    cost = best[i][j] + _bead_cost(src[i:i + di], tgt[j:j + dj])
                    if cost < best[i + di][j + dj]:
                        best[i + di][j + dj] = cost
                        back[i + di][j + dj] = (di, dj)
    beads = []
    i, j = n, m
    while (i, j) != (0, 0):
        step = back[i][j]
        if step is None:
            return math.inf, []
        di, dj = step
        beads.append((src[i - di:i], tgt[j - dj:j], best[i][j] - best[i - di][j - dj]))
        i, j = i - di, j - dj
    return best[n][m], beads[::-1]


def _split_sentences(text: str, parts: list[int]) -> list[str]:
    """Cut ``text`` between sentences into len(parts) pieces in the proportion of ``parts``.

    >>> _split_sentences("Бір. Екі үш төрт. Бес.", [4, 14])
    ['Бір.', 'Екі үш төрт. Бес.']
    >>> _split_sentences("Бір сөйлем", [5, 5])
    ['Бір сөйлем', '']
    """
    sentences = _SENTENCE_END.split(text.strip())
    if len(sentences) < len(parts):
        return [text.strip()] + [""] * (len(parts) - 1)
    share = parts[0] / (sum(parts) or 1)
    total = len(text)
    best_cut, best_error = 1, math.inf
    position = 0
    for cut in range(1, len(sentences)):
        position += len(sentences[cut - 1]) + 1
        error = abs(position / total - share)
        if error < best_error:
            best_cut, best_error = cut, error
    return [" ".join(sentences[:best_cut]), " ".join(sentences[best_cut:])]


def align_runs(source: list[Block], target: list[Block]) -> list[tuple[Block, str, list[str]]] | None:
    """Align a translation run with the end of the Kazakh run before it; None when it is no translation.

    Returns (Kazakh block, its translation, ids of the translation's blocks) for every Kazakh block
    of the aligned part.
    """
    if len(target) < MIN_TARGET_BLOCKS or not source:
        return None
    best: tuple[float, list] | None = None
    longest = min(len(source), 2 * len(target))
    for start in range(len(source) - longest, len(source)):
        cost, beads = _align(source[start:], target)
        if beads and (best is None or cost < best[0]):
            best = (cost, beads)
    if best is None:
        return None
    cost, beads = best
    if cost / len(beads) > MAX_MEAN_COST or any(c >= KIND_PENALTY for _, _, c in beads):
        return None
    if _numbers([b for s, _, _ in beads for b in s]) != _numbers(target):
        return None
    out = []
    for src, tgt, _ in beads:
        ids = [b.id for b in tgt]
        if len(src) == 1:
            out.append((src[0], " ".join(" ".join(b.text.split()) for b in tgt), ids))
        else:
            pieces = _split_sentences(" ".join(tgt[0].text.split()), [len(b.text) for b in src])
            out.extend((block, piece, ids) for block, piece in zip(src, pieces))
    return out


def _pages(doc: Document) -> list[list[Block]]:
    pages: list[list[Block]] = []
    for block in doc.blocks:
        if block.attrs.get("page_title") or not pages:
            pages.append([])
        pages[-1].append(block)
    return pages


def translations_in(doc: Document) -> dict[str, list[Pair]]:
    """{language: pairs} of the translations a document contains, in document order."""
    found: dict[str, list[Pair]] = {}
    for page in _pages(doc):
        runs: list[list[Block]] = []
        for block in page:
            if runs and runs[-1][0].lang == block.lang:
                runs[-1].append(block)
            else:
                runs.append([block])
        for n, run in enumerate(runs):
            lang = run[0].lang
            if lang == KAZAKH:
                continue
            before = runs[:n]
            while before and before[-1][0].lang not in (KAZAKH, lang):
                before.pop()       # the other translations of the same Kazakh run
            if not before or before[-1][0].lang != KAZAKH:
                continue
            aligned = align_runs(before[-1], run)
            if aligned:
                found.setdefault(lang, []).extend(Pair(block, text, ids) for block, text, ids in aligned if text)
    return found
