"""Join words that justification spaces split into fragments (`бо ла  шаққа` → `болашаққа`).

The newspaper's PDF (000, also 001) put spaces inside words where the justified line was
stretched. Each line is treated as a segmentation problem: the fragments between punctuation are
regrouped into the most probable sequence of words (Viterbi over fragment spans). A word's
probability comes from :class:`~build_edition.evidence.word_model.WordModel` (counts in the other
seeds, the dictionary, stem + suffix analysis); a separate particle after a word (`тұрақтылығы
мен`, `аудит те`) is scored by how often that word, or words with its ending, are followed by
it. A particle that can only be one stays apart whatever the scores: a question particle before
"?" (`тән бе?`), or a particle after a complete word where no text writes the joined form
(`кеше мен бүгінді`, `жүріп те`), see :func:`_keeps_particle_apart`. Each space carries a
per-document prior of being inside a word, learnt from the document
itself (two rounds of estimation by gap width), so a clean document keeps its spaces unless the
evidence is overwhelming, and many-space gaps count as a hint only where the document shows it.

>>> from build_edition.evidence.lexicon import Lexicon
>>> from build_edition.evidence.word_model import WordModel
>>> model = WordModel(Lexicon.from_texts(["мешіттің болашаққа салынған жобасы, тұрақтылығы мен қауіпсіздігі"]))
>>> rejoin("ме   шіттің бо ла  шаққа салынған жо басы", model, inside_word=0.3)
'мешіттің болашаққа салынған жобасы'
>>> rejoin("тұрақтылығы мен қауіпсіздігі", model, inside_word=0.3)
'тұрақтылығы мен қауіпсіздігі'
"""
from __future__ import annotations

import math
import operator
import re
from dataclasses import dataclass

from build_edition.text.morphology import INITIAL_GLYPHS, INNER_GLYPHS, LETTERS, PARTICLES, readings
from build_edition.evidence.word_model import WordModel, word_model_for
from build_edition.evidence.lexicon import dictionary_stems
from build_edition.core.model import Document
from build_edition.text.alphabet import GLYPHS_FOR_CAPITAL

RULE = "join_split_words"
LABEL = "бөлініп кеткен сөз біріктірілді"          # shown to readers in the apparatus and on landing pages
MAX_FRAGMENTS = 6        # a word is rebuilt from at most this many fragments
ROUNDS = 1               # estimation rounds of the per-document gap prior (damaged documents)
CLEAN_PRIOR = 0.001      # prior of a gap inside a word in a clean document, and the floor
PRIOR_CAP = 0.6
# a separate particle is far more often a real word than a cut ending: joining one must be earned
PARTICLE_PRIOR_CAP = 0.1

LEAD_PUNCT = "«\"“„‘'([{"
TRAIL_PUNCT = "»\"”’'.,;:!?…)]}"
# broken-font glyphs that only ever stand for a capital (Ө, Ә): they start a word, never continue one
CAPITAL_ONLY_GLYPHS = GLYPHS_FOR_CAPITAL
# The question particle is always written apart (`тән бе?`, `біртұтас па, әлде`); it shows as
# such before "?" or an alternative question. Elsewhere the same letters are mostly a word's last
# syllable (`Еуро па`, `ке ме`) or a negative imperative (`ренжіт пе`).
QUESTION_PARTICLES = frozenset("ба бе па пе ма ме".split())
ALTERNATIVE_QUESTION = frozenset(("әлде", "жоқ"))
# Particles spelled like a case ending: joined they make a case form (`ішін де` → `ішінде`),
# apart they are a conjunction or an emphatic particle (`кеше мен бүгін`, `жүріп те`).
CASE_LIKE_PARTICLES = PARTICLES - QUESTION_PARTICLES
_CORE = re.compile(f"[{LETTERS}{INITIAL_GLYPHS}][{LETTERS}{INNER_GLYPHS}]*")
_CYR = re.compile(f"[{LETTERS}]")


@dataclass
class Fragment:
    start: int          # offsets of the core in the block text
    end: int
    core: str
    joinable_left: bool     # the gap before it may be inside a word
    gap_width: int          # spaces before it
    next_core: str = ""     # the next word on the line (context for a particle)
    trail: str = ""         # punctuation right after it (`?` after a question particle)


def _tokens(line: str):
    """(start, end of the core, core, has leading punctuation, trailing punctuation) per token."""
    for m in re.finditer(r"\S+", line):
        tok = m.group(0)
        lead = len(tok) - len(tok.lstrip(LEAD_PUNCT))
        if tok[:1] == "(" and lead == 1 and ")" not in line[m.start():]:
            lead = 0    # an unclosed "(" before lowercase letters is a broken-font Ө (`(зі мізді`)
        body = tok[lead:]
        core = body.rstrip(TRAIL_PUNCT)
        yield m.start() + lead, m.start() + lead + len(core), core, lead > 0, body[len(core):]


def _fragments(line: str, base: int) -> list[list[Fragment]]:
    """Chains of fragments of one line: runs of letter-only token cores separated by plain spaces.

    A hyphenated token (`тепе-тең`) gives one fragment per part; only its first part may join
    leftwards and its last part rightwards. A gap is joinable when no punctuation stands at it
    and the case fits (lowercase continues anything, capitals continue capitals).
    """
    tokens = list(_tokens(line))
    chains: list[list[Fragment]] = []
    chain: list[Fragment] = []

    def close() -> None:
        nonlocal chain
        if len(chain) > 1:
            chains.append(chain)
        chain = []

    prev = None     # (end, last part, trailing punctuation) of the previous token
    for index, (start, end, core, lead, trail) in enumerate(tokens):
        parts = core.split("-") if core else [""]
        if not all(_CORE.fullmatch(p) and _CYR.search(p) for p in parts):
            close()
            prev = None
            continue
        first = parts[0]
        next_core = tokens[index + 1][2] if index + 1 < len(tokens) else ""
        joinable = (prev is not None and not prev[2] and not lead
                    and (not first[:1].isupper() or (first.isupper() and len(first) > 1 and prev[1].isupper()))
                    # lowercase never continues an acronym (`ДНК код`)
                    and not (first.islower() and len(prev[1]) > 1 and prev[1].isupper())
                    and first[:1] not in CAPITAL_ONLY_GLYPHS
                    # `Рукн ад-Дин`, `әл-Фараби`: a name's particle stays apart
                    and not (len(parts) > 1 and parts[1][:1].isupper()))
        gap = start - prev[0] if prev is not None else 0
        offset = start
        for k, part in enumerate(parts):
            last = k == len(parts) - 1
            frag = Fragment(base + offset, base + offset + len(part), part, joinable if k == 0 else False,
                            gap if k == 0 else 0, next_core if last else parts[k + 1], trail if last else "-")
            if not frag.joinable_left:
                close()
            chain.append(frag)
            offset += len(part) + 1
        prev = (end, parts[-1], trail)
        if trail:
            close()
            prev = None
    close()
    return chains


def _open_chains(chains: list[list[Fragment]], model: WordModel) -> list[list[Fragment]]:
    """Cut chains at gaps between two sure words (no evidence could join them): smaller problems."""
    out = []
    for chain in chains:
        current = [chain[0]]
        for left, right in zip(chain, chain[1:]):
            closed = (model.strong(left.core) and model.strong(right.core)
                      and right.core.lower() not in PARTICLES
                      # `Қазақ стан`: two words that the corpus writes as one
                      and not any(model.counts.get(r, 0) >= 2 for r in readings(left.core + right.core)))
            if closed:
                if len(current) > 1:
                    out.append(current)
                current = [right]
            else:
                current.append(right)
        if len(current) > 1:
            out.append(current)
    return out


def _gap_class(fragment: Fragment) -> tuple[int, bool]:
    """Gaps are told apart by width (1, 2, 3+ spaces) and by whether a particle follows."""
    return min(fragment.gap_width, 3), fragment.core.lower() in PARTICLES


GAP_CLASSES = [(w, particle) for w in (1, 2, 3) for particle in (False, True)]


# The shape of a cut: justification spaces fall at syllable onsets, before a consonant (`бо ла`,
# `ме шіт`); only 23 of 1782 gaps inside 000's split words come before a vowel, while 28 % of the
# running words of the clean seeds begin with one. Bayes: P(inside | shape) from the gap's prior and
# these likelihoods (particles all begin with a consonant: their gaps keep their own prior).
VOWELS = frozenset("аәеёиоөуұүыіэюя")
VOWEL_CUT_IN_WORD = 23 / 1782          # P(the fragment after a gap begins with a vowel | gap inside a word)
VOWEL_WORD_START = 0.28                # P(... | gap between words)


def _shaped_priors(prior: dict) -> tuple[dict, dict]:
    """log P(inside) and log P(between words) per (gap class, next fragment begins with a vowel)."""
    log_in, log_out = {}, {}
    for c, p in prior.items():
        for vowel in (False, True):
            if c[1]:
                q = p
            else:
                like_in = VOWEL_CUT_IN_WORD if vowel else 1 - VOWEL_CUT_IN_WORD
                like_out = VOWEL_WORD_START if vowel else 1 - VOWEL_WORD_START
                q = p * like_in / (p * like_in + (1 - p) * like_out)
            log_in[(c, vowel)], log_out[(c, vowel)] = math.log(q), math.log(1 - q)
    return log_in, log_out


def _segment(chain: list[Fragment], model: WordModel, prior: dict,
             scores: dict | None = None) -> list[tuple[int, int]]:
    """Best grouping of a chain into words: a list of (first, last+1) fragment index spans.

    ``scores`` keeps what does not depend on the prior (the words the spans make and their
    probabilities) for the next segmentation of the same chain with another prior."""
    n = len(chain)
    if scores is None:
        scores = {}
    if not scores:
        cores = [f.core for f in chain]
        scores["cores"] = cores
        scores["gaps"] = [(_gap_class(f), f.core[:1].lower() in VOWELS) for f in chain]
        scores["words"] = {}      # (j, i) -> the word chain[j:i] makes and its unigram, or None: no join
        scores["next"] = {}       # (k, j, i) -> log P(word j:i | word k:j)
    cores, gaps, words, following_logp = scores["cores"], scores["gaps"], scores["words"], scores["next"]
    log_in, log_out = _shaped_priors(prior)
    # best[i][j]: (score, j of the previous word) of the best grouping of chain[:i] ending in chain[j:i]
    best: list[dict[int, tuple[float, int]]] = [{} for _ in range(n + 1)]
    for i in range(1, n + 1):
        inside = 0.0
        for j in range(i - 1, max(-1, i - 1 - MAX_FRAGMENTS), -1):
            if j + 1 < i:
                if not chain[j + 1].joinable_left:
                    break
                inside += log_in[gaps[j + 1]]
            if (j, i) in words:
                known = words[(j, i)]
            else:
                word = "".join(cores[j:i])
                known = None
                if i - j == 1 or _may_join(chain[j:i], word, model):
                    # (the unigram only where it is used: the first word, or a word without context)
                    known = (word, model.logp(word) if j == 0 or not chain[j].joinable_left else None)
                words[(j, i)] = known
            if known is None:
                continue
            word, unigram = known
            if j == 0:
                best[i][0] = (unigram + inside, -1)
                continue
            if not best[j]:
                continue
            boundary = log_out[gaps[j]] if chain[j].joinable_left else 0.0
            contextual = chain[j].joinable_left
            top = None
            for k, (score, _) in best[j].items():
                if contextual:
                    wp = following_logp.get((k, j, i))
                    if wp is None:
                        following = chain[i].core if i < n else chain[i - 1].next_core
                        wp = following_logp[(k, j, i)] = model.next_logp("".join(cores[k:j]), word, following)
                else:
                    wp = unigram
                total = score + wp + inside + boundary
                if top is None or total > top[0]:
                    top = (total, k)
            best[i][j] = top
    spans = []
    i, j = n, max(best[n], key=lambda jj: best[n][jj][0])
    while True:
        spans.append((j, i))
        k = best[i][j][1]
        if k < 0:
            break
        i, j = j, k
    return spans[::-1]


class _Cores(dict):
    """token -> its letters, lowercase (tokens recur: each is stripped once)."""

    def __missing__(self, token: str) -> str:
        core = self[token] = token.strip(LEAD_PUNCT + TRAIL_PUNCT).lower()
        return core


def _joined_neighbours_attested(line: str, model: WordModel, cores: _Cores | None = None) -> bool:
    """Whether two or three neighbouring tokens of the line, written together, make a corpus word."""
    tokens = list(map((cores if cores is not None else _Cores()).__getitem__, line.split()))
    words = model.counts.keys()
    pairs = list(map(operator.add, tokens, tokens[1:]))
    return not (words.isdisjoint(pairs) and words.isdisjoint(map(operator.add, pairs, tokens[2:])))


def _has_attested_join(chain: list[Fragment], model: WordModel) -> bool:
    for i in range(len(chain)):
        word = chain[i].core
        for j in range(i + 1, min(len(chain), i + MAX_FRAGMENTS)):
            if not chain[j].joinable_left:
                break
            word += chain[j].core
            if any(model.counts.get(r, 0) >= 1 for r in readings(word)):
                return True
    return False


def _may_join(fragments: list[Fragment], word: str, model: WordModel) -> bool:
    """A join must give a word some evidence knows, unless all its parts are unknown fragments
    (a rare word cut in pieces); capitals-only runs (acronyms, headings) must give a known word.
    A separate particle stays apart where it can only be one (see :func:`_keeps_particle_apart`)."""
    parts = [f.core for f in fragments]
    if _keeps_particle_apart(fragments, word, model):
        return False
    if model.known(word):
        return True
    if word.isupper():
        return False
    return not any(model.known(p) for p in parts)


def _attested(core: str, model: WordModel) -> bool:
    """The corpus has this very word form (as a whole token), or the dictionary lists it."""
    stems = dictionary_stems()
    return any(model.counts.get(r, 0) > 0 or r in stems for r in readings(core))


def _keeps_particle_apart(fragments: list[Fragment], word: str, model: WordModel) -> bool:
    """Whether a join ending in a particle-like fragment would glue a real particle to its word.

    The grammar reads `кешемен`, `жүріпте`, `тәнбе` as stem + ending and so scores them as
    plausible unseen words, while the particle written apart is rare in the pair statistics:
    the grammar alone cannot tell. Two kinds of evidence can:

    * a question particle before "?" or an alternative question (`біртұтас па, әлде`);
    * after a complete word (`кеше`, `жүріп`, `даусы`), a case-like particle joins only into a
      form the corpus or the dictionary has (`ішін де` → `ішінде`, `шама мен` → `шамамен`);
      a join of word + particle that no text writes is the particle (`кеше мен бүгінді`).
      A gap of several spaces stays a join hint (justification stretched it). The same holds for
      such a particle before a complete word (`те` + `жеткілікті`).
    """
    first, last = fragments[0], fragments[-1]
    if (first.core.lower() in CASE_LIKE_PARTICLES and first.trail == "" and len(fragments) > 1
            and _attested("".join(f.core for f in fragments[1:]), model) and not _attested(word, model)):
        # the same particle before a complete word (`мектеп те жеткілікті` ↛ `тежеткілікті`)
        return True
    particle = last.core.lower()
    if particle in QUESTION_PARTICLES:
        if last.trail.startswith("?") or (last.trail.startswith(",") and
                                          last.next_core.lower() in ALTERNATIVE_QUESTION):
            return True
        # the negative suffix follows a verb stem, never a converb: after a complete converb
        # (`шығып`, `келіп`) the same letters are the question particle (`шығып па`)
        before = fragments[-2].core.lower() if len(fragments) > 1 else ""
        return (before.endswith(("ып", "іп")) and len(fragments) == 2 and _attested(before, model)
                and not _attested(word, model))
    if particle not in CASE_LIKE_PARTICLES or last.gap_width > 1 or len(fragments) < 2:
        return False
    before = fragments[:-1]
    complete = _attested(before[-1].core, model) or _attested("".join(f.core for f in before), model)
    return complete and not _attested(word, model)


def rejoin(line: str, model: WordModel, inside_word: float) -> str:
    """One line with its fragments regrouped, given the prior that a gap lies inside a word."""
    prior = {c: min(PARTICLE_PRIOR_CAP, inside_word) if c[1] else inside_word for c in GAP_CLASSES}
    edits = []
    for chain in _open_chains(_fragments(line, 0), model):
        for j, i in _segment(chain, model, prior):
            if i - j > 1:
                edits.append((chain[j].start, chain[i - 1].end, "".join(f.core for f in chain[j:i])))
    for start, end, new in sorted(edits, reverse=True):
        line = line[:start] + new + line[end:]
    return line


def run(doc: Document) -> None:
    model = word_model_for(doc)
    chains_by_block: dict[int, list[list[Fragment]]] = {}
    all_chains = []
    quick = not model.damaged
    cores = _Cores()
    for block in doc.blocks:
        if block.kind == "line" or block.lang not in ("kk", ""):
            continue
        chains = []
        pos = 0
        for line in block.text.split("\n"):
            # a clean document only joins what the corpus writes joined: look closer at a line
            # only when two or three of its neighbouring tokens make a corpus word
            if not quick or _joined_neighbours_attested(line, model, cores):
                chains.extend(_open_chains(_fragments(line, pos), model))
            pos += len(line) + 1
        chains_by_block[id(block)] = chains
        all_chains.extend(chains)
    # per-document prior that a gap lies inside a word, by gap class, re-estimated from the
    # decisions it leads to (a clean document drives it towards zero)
    if not model.damaged:
        # A clean document keeps its spaces unless the corpus writes the joined form and the
        # evidence is overwhelming: only chains with such a candidate are looked at.
        prior = {c: CLEAN_PRIOR for c in GAP_CLASSES}
        all_chains = [c for c in all_chains if _has_attested_join(c, model)]
        wanted = {id(c) for c in all_chains}
        chains_by_block = {b: [c for c in cs if id(c) in wanted] for b, cs in chains_by_block.items()}
        rounds = 0
    else:
        # start from the document's share of short tokens that are no word (its damage, roughly),
        # doubled: a justification gap leaves two fragments, often one of them a word or a suffix
        # the dictionary knows (`бо ла`, `ме шіт`); the estimation round below then corrects it
        start = min(PRIOR_CAP, max(CLEAN_PRIOR, 2 * model.own_fragment_rate))
        prior = {c: min(PARTICLE_PRIOR_CAP, start) if c[1] else start for c in GAP_CLASSES}
        rounds = ROUNDS
    scores: dict[int, dict] = {id(chain): {} for chain in all_chains}
    for _ in range(rounds):
        joined = {c: 0 for c in GAP_CLASSES}
        gaps = {c: 0 for c in GAP_CLASSES}
        for chain in all_chains:
            for j, i in _segment(chain, model, prior, scores[id(chain)]):
                for k in range(j + 1, i):
                    joined[_gap_class(chain[k])] += 1
            for k in range(1, len(chain)):
                if chain[k].joinable_left:
                    gaps[_gap_class(chain[k])] += 1
        prior = {c: min(PARTICLE_PRIOR_CAP if c[1] else PRIOR_CAP, max(CLEAN_PRIOR, (joined[c] + 0.5) / (gaps[c] + 5)))
                 for c in GAP_CLASSES}
    for block in list(doc.blocks):
        chains = chains_by_block.get(id(block), [])
        edits = []
        for chain in chains:
            for j, i in _segment(chain, model, prior, scores.get(id(chain))):
                if i - j > 1:
                    start, end = chain[j].start, chain[i - 1].end
                    edits.append((start, end, "".join(f.core for f in chain[j:i])))
        for start, end, new in sorted(edits, reverse=True):
            doc.edit(block, start, end, new, RULE)
