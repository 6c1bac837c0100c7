"""Join words cut by a hyphen at the end of a source line, and keep the hyphens that are real.

A line-end hyphen is either the typesetter's (`мә-` / `нін` → `мәнін`) or part of the text
(`жан-` / `жақты`, `2017-` / `2018`, `ҚСЗИ-` / `да`, `әл-` / `Фараби`). The decision uses evidence:

* a number, an abbreviation or a capitalised continuation keeps the hyphen (Kazakh writes
  endings after digits and abbreviations with a hyphen: `40-тан`, `АҚШ-тың`);
* the corpus: a hyphenated form written mid-line somewhere in the seeds (`сын-қатеріне` decides
  `сын-` / `қатерін`), and endings that are written with a hyphen after many words (`-ақ`);
  against the joined form's own frequency;
* the joined form being a known word (corpus, dictionary, stem + suffixes) joins;
* two halves that are both frequent words on their own, joined into nothing known, keep the
  hyphen (`дау-` / `жанжал`, `ауыс-` / `түйіске`);
* otherwise the hyphen is the typesetter's and the word is joined.

Spaces before the hyphen (`ны    -` / `ғайту`, `мем   ле -` / `кеттің`) are a newspaper habit:
such a hyphen joins when the joined form, possibly with the fragments before it, is a known
word; a hyphen with spaces on both sides is a dash and stays. A kept hyphen loses only its line
break (`жан-жақты`); a join is logged as an emendation with rule ``join_hyphenated_words``.

>>> from build_edition.core.model import Document
>>> from build_edition.evidence.lexicon import Lexicon
>>> text = "шын мә-\\nнін де, жан-\\nжақты, 2017-\\n2018 жылы, ҚСЗИ-\\nда, дау-\\nжанжал"
>>> doc = Document("x", "book", "x.txt", text)
>>> doc.blocks = [doc.make_block("paragraph", 0, len(doc.source))]
>>> doc.meta["lexicon"] = Lexicon.from_texts(["шын мәнінде жан-жақты дау мен жанжал", "дау жанжал"])
>>> run(doc); doc.blocks[0].text
'шын мәнін де, жан-жақты, 2017-2018 жылы, ҚСЗИ-да, дау-жанжал'
>>> [(e.before, e.after) for e in doc.emendations]
[('мә-\\nнін', 'мәнін')]
"""
from __future__ import annotations

import bisect
import functools
import re
from collections import Counter

from build_edition.text.morphology import LETTERS, is_suffix_chain, readings
from build_edition.evidence.word_model import WordModel, word_model_for
from build_edition.core.model import Block, Document
from build_edition.text.alphabet import BROKEN_GLYPHS, LATIN, UPPER_ANY_SCRIPT

RULE = "join_hyphenated_words"
LABEL = "жол соңындағы тасымал біріктірілді"          # shown to readers in the apparatus and on landing pages

# word-ish token, spaces, hyphen, spaces, line break(s), next token
LINE_END_HYPHEN = re.compile(r"(?P<left>\S*?)(?P<before>[ \t]*)-(?P<after>[ \t]*)\n(?P<gap>[ \t\n]*)(?P<right>\S+)")
_LEADING = "«\"“„‘'([{–—.…"
_TRAILING = "»\"”’'.,;:!?…)]}"
_WORDISH = re.compile(f"[{LETTERS}{LATIN}{BROKEN_GLYPHS}]+")
_PART_BREAK = re.compile(r"[-–—.…/]")
_ABBREVIATION = re.compile(f"[{UPPER_ANY_SCRIPT}]{{2,}}")
_FRAGMENT = re.compile(f"[{LETTERS}\ufffd$#!9]+")


@functools.lru_cache(maxsize=8)
def _hyphen_evidence(model: WordModel) -> tuple[dict[str, Counter], Counter]:
    """Hyphenated forms the corpus writes mid-line: second parts by first part, and how many
    different first parts each second part follows (`ақ` after `сондай`, `бірден`, `бастап`...)."""
    by_first: dict[str, Counter] = {}
    followers: Counter = Counter()
    for word, n in model.counts.items():
        if "-" not in word:
            continue
        parts = word.split("-")
        for first, second in zip(parts, parts[1:]):
            if first and second:
                if second not in by_first.setdefault(first, Counter()):
                    followers[second] += 1
                by_first[first][second] += n
    return by_first, followers


def _attested_compound(model: WordModel, first: str, second: str) -> float:
    """How often the corpus writes ``first-second`` (or the same compound with other endings)."""
    by_first, followers = _hyphen_evidence(model)
    best = 0.0
    for f in readings(first):
        for s in readings(second):
            for known, n in by_first.get(f, Counter()).items():
                shared = len(_common_prefix(known, s))
                if known == s or (shared >= 3 and shared >= min(len(known), len(s)) - 2):
                    best = max(best, n)
            # a particle written with a hyphen after many different words (`-ақ`); case endings
            # after abbreviations (`ҚР-ның`) are no evidence for a word
            if followers.get(s, 0) >= 3 and len(s) <= 3 and not is_suffix_chain(s):
                best = max(best, followers[s])
    return best


def _common_prefix(a: str, b: str) -> str:
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    return a[:i]


def _join_count(model: WordModel, word: str) -> float:
    """Corpus count of the joined form (or of it with endings: `құмаройын` in `құмаройынға`), or a
    small pseudo-count when only the dictionary or the grammar knows it, or 0."""
    best = 0.0
    for r in readings(word):
        n = model.counts.get(r, 0)
        if n and not model.bare_suffix(r):
            best = max(best, n)
        elif len(r) >= 4:
            inflected = sum(count for form, count in _forms_starting(model, r)
                            if is_suffix_chain(form[len(r):], r))
            if inflected:
                best = max(best, inflected)
            elif model.analysable(r) or model.in_dictionary(r):
                best = max(best, 0.5)
    return best


@functools.lru_cache(maxsize=8)
def _sorted_forms(model: WordModel) -> list[str]:
    return sorted(w for w in model.counts if "-" not in w)


def _forms_starting(model: WordModel, prefix: str) -> list[tuple[str, float]]:
    forms = _sorted_forms(model)
    i = bisect.bisect_left(forms, prefix)
    out = []
    while i < len(forms) and forms[i].startswith(prefix) and len(out) < 50:
        if forms[i] != prefix:
            out.append((forms[i], model.counts[forms[i]]))
        i += 1
    return out


def decide(model: WordModel, left: str, right: str, spaced: bool = False,
           left_context: list[str] | None = None) -> str:
    """'join', 'keep' (a real hyphen) or 'dash' (leave as printed) for ``left-`` + ``right``.

    ``left`` and ``right`` are the letters on each side (a compound's last part on the left);
    ``left_context`` the fragments before ``left`` on its line (for `мем   ле -` / `кеттің`).
    """
    if not left or not right:
        return "dash"
    if left[-1].isdigit() or left[-1] == "%" or right[0].isdigit():
        return "keep"
    if _ABBREVIATION.fullmatch(left) and not right[0].isupper():
        return "keep"
    if right[0].isupper() and not (left.isupper() and right.isupper()) and right[0] not in "HJBA":
        return "keep"
    if not (_WORDISH.fullmatch(left) and _WORDISH.fullmatch(right)):
        return "keep"
    joined = left + right
    if spaced:
        # a hyphen after spaces joins only when a known word comes out of it
        candidates = [joined] + ["".join(left_context[-k:]) + joined for k in range(1, min(3, len(left_context or [])) + 1)]
        return "join" if any(_join_count(model, c) for c in candidates) else "dash"
    compound = _attested_compound(model, left, right)
    together = _join_count(model, joined)
    if compound and compound >= together:
        return "keep"
    if together:
        return "join"
    if _word_on_its_own(model, left) and _word_on_its_own(model, right) and not is_suffix_chain(right.lower()):
        return "keep"
    return "join"


def _word_on_its_own(model: WordModel, part: str) -> bool:
    """A half that is a word by itself (`дау`, `жанжал`, `түйіске`), not a syllable."""
    low = part.lower()
    if len(low) < 3:
        return False
    if model.strong(part):
        return True
    # (the dictionary lists odd three-letter stems, `ске`, `мет`: a short half needs the corpus too)
    return any((model.stem_known(r) and (len(r) >= 4 or model.support.get(r, 0) >= 1))
               or (len(r) >= 5 and model.analysable(r)) for r in readings(part))


def _strip(token: str) -> tuple[int, str]:
    """(offset of the letters in the token, the letters) with punctuation around them removed."""
    lead = len(token) - len(token.lstrip(_LEADING))
    return lead, token[lead:].rstrip(_TRAILING)


_HYPHEN_AT_LINE_END = re.compile(r"-[ \t]*\n")


def _line_end_hyphens(text: str):
    """``LINE_END_HYPHEN.finditer(text)``, without trying the pattern at every character.

    A match starts at most one token and its spaces before a hyphen at a line end (its ``left``
    and ``before`` hold no line break), so the search starts there: at the start of the last
    token before the next such hyphen. (The pattern opens with a lazy ``\\S*?``; tried at every
    position of a long block, it was most of this pass.)"""
    scan = 0
    for hyphen in _HYPHEN_AT_LINE_END.finditer(text):
        at = hyphen.start()
        if at < scan:
            continue        # inside the previous match (its next token)
        start = at
        while start > scan and text[start - 1] in " \t":
            start -= 1
        while start > scan and not text[start - 1].isspace():
            start -= 1
        m = LINE_END_HYPHEN.search(text, start)
        if m is None:
            return
        yield m
        scan = m.end()


def _process(doc: Document, block: Block, model: WordModel) -> None:
    text = block.text
    changes = []
    for m in _line_end_hyphens(text):
        left_token, right_token = m.group("left"), m.group("right")
        lead, left_core = _strip(left_token)
        if left_token[lead + len(left_core):] == "!" and left_core[-1:].isalpha():
            left_core += "!"    # `к!-` / `мектеседі`: a broken-font ө before the hyphen, not an exclamation
        left_last = _PART_BREAK.split(left_core)[-1]    # `ұрпақтан-ұр`, `Ж.Кәкім`: the last part
        _, right_full = _strip(right_token)
        right_core = right_full.split("-", 1)[0]
        if lead + len(left_core) != len(left_token) or right_token[:1] in _LEADING:
            continue    # punctuation at the hyphen: not a cut word
        spaced = bool(m.group("before"))
        if spaced and m.group("after"):
            continue    # spaces on both sides: a dash
        line_start = text.rfind("\n", 0, m.start()) + 1
        context = [t for t in text[line_start:m.start()].split() if _FRAGMENT.fullmatch(t)]
        verdict = decide(model, left_last, right_core, spaced, context)
        hyphen_at = m.start("before") if spaced else m.end("left")
        if verdict == "join":
            start = m.start("left") + lead + len(left_core) - len(left_last)
            end = m.start("right") + len(right_core)
            new = text[start:hyphen_at] + right_core
            changes.append(("edit", start, end, new))
        elif verdict == "keep":
            # the hyphen stays; only the line break (and spaces around it) go
            changes.append(("layout", m.start("after"), m.start("right"), ""))
    for kind, start, end, new in reversed(changes):
        if kind == "edit":
            doc.edit(block, start, end, new, RULE)
        else:
            doc.relayout(block, start, end, new)


def run(doc: Document) -> None:
    model = word_model_for(doc)
    for block in doc.blocks:
        if "\n" in block.text and "-" in block.text:
            _process(doc, block, model)
