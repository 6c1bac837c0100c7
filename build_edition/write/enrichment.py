"""The enrichment layer of the written edition: what each page links and notes, decided once for the edition.

:func:`prepare` runs once per :func:`build_edition.write.writer.render_edition`, after the pages are cut,
and decides for every page

* which mentions become links: the first mention of each entity on a page (not in headings)
  links to the entity's page — readability first, the entity page lists every mention;
* the newspaper's continuation notes (`Жалғасы 2-бетте`, `Басы 1-бетте`) link to each other;
* editorial footnotes: an uncertain reading the restoration left as printed gets a footnote at the
  word; the first citation marker (`[12]`) of a page in a document without a reference list gets
  a footnote saying the list is missing;
* the apparatus: a collapsed "Мәтінге енгізілген түзетулер" section at the end of each page with
  every emendation of the page (seed form → edition form, rule, link to the paragraph) and the
  furniture removed there; identical changes are grouped so the newspaper's pages stay small.

Everything added to a page is a chunk that ends with an attr_list carrying an id (footnote
definitions, the apparatus), the invariant the editors' merge relies on. The writer calls
:func:`inline_markdown` for a block's text (escaped text with the marks applied); the apparatus and
landing-page notes are written by :mod:`build_edition.write.apparatus`, the glossary and index pages by
:mod:`build_edition.write.reference_pages`.
"""
from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field


from build_edition.text import markdown as md
from build_edition.store.datafiles import DATA_DIR, data_file_of
from build_edition.enrich.entities import ENTITIES_FILE, ENTITY_DIR, matcher_for_file
from build_edition.enrich.glossary import (GLOSSARY_FILE, Glossary, abbreviation_uses,
                       build_glossary, known_words, read_curated_file, undefined_abbreviations)
from build_edition.passes import UNCERTAIN_LABELS

CONTEXT_CHARS = 70           # of a mention's snippet on an entity page, each side
SEE_ALSO_MIN_SHARED = 3      # entities two documents must share to be "see also"
SEE_ALSO_MAX = 4
APPARATUS_CLASS = "edition-apparatus"
CITATION = re.compile(r"\[\d{1,4}(?:\s*[,;–-]\s*\d{1,4})*(?:,\s*\d{1,4}(?:\s*[–-]\s*\d{1,4})?\s*б\.?)?\]")
REFERENCE_LIST = re.compile(r"^\s*(?:пайдаланылған\s+)?(?:әдебиеттер(?:\s+тізімі)?|библиография|список литературы"
                            r"|references)\s*:?\s*$", re.IGNORECASE)
ENTITY_TYPE_PAGES = {"person": "persons", "organisation": "organisations", "place": "places"}
NAV_TITLE = "Анықтамалық"
GLOSSARY_TITLE = "Қысқартулар глоссарийі"
INDEX_TITLE = "Атаулар көрсеткіші"


@functools.lru_cache(maxsize=1 << 16)     # the apparatus shows the same forms and labels over and over
def escape_inline(text: str) -> str:
    """Escape a phrase that stands inside a line of Markdown (a label, a name, a seed form)."""
    return md.escape(text)


# Placeholders for markup inside text that is escaped as a whole: characters of the supplementary
# private use plane, which no escape touches and the edition's texts do not contain.
_PLACEHOLDER = 0x100000
_PLACEHOLDER_PLANE = re.compile("[\U00100000-\U0010FFFF]")


def escape_with_markup(text: str, marks: list[tuple[int, str]]) -> str:
    """``md.escape(text)`` with raw markup inserted at the given text positions.

    The text is escaped in one piece (so spaces around the markup and the start of the line are
    treated exactly as without it), with placeholders standing where the markup goes.

    >>> escape_with_markup("Бұл - Тоқаевтың сөзі", [(6, "["), (15, "](x.md)")])
    'Бұл - [Тоқаевтың](x.md) сөзі'
    >>> escape_with_markup("Ура!Тоқаев", [(4, "["), (10, "](x.md)")])
    'Ура\\\\![Тоқаев](x.md)'
    """
    if _PLACEHOLDER_PLANE.search(text):
        return md.escape(text)
    pieces, pos = [], 0
    for k, (at, _) in enumerate(sorted(marks, key=lambda m: m[0])):
        pieces.append(text[pos:at] + chr(_PLACEHOLDER + k))
        pos = at
    pieces.append(text[pos:])
    out = md.escape("".join(pieces))
    for k, (_, markup) in enumerate(sorted(marks, key=lambda m: m[0])):
        placeholder = chr(_PLACEHOLDER + k)
        if markup.startswith("[") and "!" + placeholder in out:
            # "!" of the text right before a link would make it an image: `Ура![Тоқаев](x.md)`
            out = re.sub(r"(?<!\\)((?:\\\\)*)!(?=" + placeholder + ")", r"\1\\!", out)
        out = out.replace(placeholder, markup)
    return out


@dataclass
class Mark:
    start: int
    end: int
    before: str          # markup before the span (a link opener)
    after: str           # markup after it (link target, footnote reference)


@dataclass
class PageInfo:
    doc: str
    file: str
    title: str
    first_id: str
    lines: tuple[int, int]
    notes: list[tuple[str, str, str]] = field(default_factory=list)   # (label, text, id)
    emendations: list = field(default_factory=list, repr=False)        # of the page's blocks, in log order


@dataclass
class Enrichment:
    glossary: Glossary
    entities: dict
    pages: dict[tuple[str, str], PageInfo]                      # (doc, file) -> info
    page_of_block: dict[tuple[str, str], str]                   # (doc, block id) -> page file
    mentions: dict[str, list[tuple[str, str, str, str]]]        # entity -> [(doc, file, block, snippet md)]
    term_usage: dict[str, Counter]                              # term -> Counter((doc, file))
    undefined: list
    see_also: dict[str, list[tuple[str, list[str]]]]            # doc -> [(other doc, shared entity ids)]
    titles: dict[str, str]                                      # doc slug -> short title
    data_texts: dict[str, str]                                  # data/<name> -> text (copied along)


# -- preparing ------------------------------------------------------------------------------------

def prepare(docs, pages_of) -> Enrichment:
    """Decide the links, notes and indexes of the edition; marks go into ``block.attrs["inline_marks"]``."""
    glossary_path = data_file_of(docs[0], GLOSSARY_FILE) if docs else None
    entities_path = data_file_of(docs[0], ENTITIES_FILE) if docs else None
    glossary = build_glossary(docs, read_curated_file(glossary_path))
    matcher = matcher_for_file(entities_path)
    data_texts = {f"{DATA_DIR}/{p.name}": p.read_text(encoding="utf-8") for p in (glossary_path, entities_path)
                  if p is not None and p.is_file()}
    info = Enrichment(glossary, matcher.entities, {}, {}, defaultdict(list), defaultdict(Counter), [], {},
                      {d.slug: getattr(d.meta["entry"], "short_title", "") or d.meta["entry"].title for d in docs},
                      data_texts)
    for doc in docs:
        for page in pages_of[doc.slug]:
            spans = [doc.line_span(b) for b in page.blocks if b.origin]
            info.pages[(doc.slug, page.file)] = PageInfo(
                doc.slug, page.file, page.title, page.blocks[0].id if page.blocks else "",
                (min(s[0] for s in spans), max(s[1] for s in spans)) if spans else (0, 0))
            for block in page.blocks:
                info.page_of_block[(doc.slug, block.id)] = page.file
        # each page's share of the log, in log order, found in one pass (not one pass per page)
        files_of_block: dict[str, dict[str, None]] = defaultdict(dict)
        for page in pages_of[doc.slug]:
            for block in page.blocks:
                files_of_block[block.id][page.file] = None
        for emendation in doc.emendations:
            for file in files_of_block.get(emendation.block_id, ()):
                info.pages[(doc.slug, file)].emendations.append(emendation)
    # each block's abbreviation tokens are found once (its page's term usage and the undefined ones);
    # keyed by text, as equal texts have equal tokens
    uses_of: dict[str, list] = {}

    def uses(text: str) -> list:
        found = uses_of.get(text)
        if found is None:
            found = uses_of[text] = abbreviation_uses(text)
        return found

    for doc in docs:
        missing_references = _cites_without_list(doc)
        for page in pages_of[doc.slug]:
            _prepare_page(info, doc, page, missing_references, uses)
    words = known_words(b.text for doc in docs for b in doc.blocks)
    info.undefined = undefined_abbreviations(
        ((d.slug, b.id, b.text) for d in docs for b in d.blocks if b.kind != "byline"), set(glossary.terms), words,
        uses)
    info.see_also = _see_also(docs)
    return info


def _prepare_page(info: Enrichment, doc, page, missing_references: bool, uses=abbreviation_uses) -> None:
    page_info = info.pages[(doc.slug, page.file)]
    linked: set[str] = set()
    cited = False
    for block in page.blocks:
        marks: list[Mark] = []
        for start, end, entity in block.attrs.get("mentions", []):
            info.mentions[entity].append((doc.slug, page.file, block.id,
                                          _snippet(block.text, start, end, block.attrs.get(LANGUAGE_SPANS, ()))))
            if block.kind != "heading" and entity not in linked and entity in info.entities:
                linked.add(entity)
                marks.append(Mark(start, end, "[", f"](../{ENTITY_DIR}/{entity}.md)"))
        for m in uses(block.text):
            if m.group(1) in info.glossary:
                info.term_usage[m.group(1)][(doc.slug, page.file)] += 1
        target = block.attrs.get("continued_at") or block.attrs.get("continued_from")
        if target and (doc.slug, target) in info.page_of_block and block.text.strip():
            marks = [Mark(0, len(block.text), "[", f"]({_link(info, doc.slug, page.file, target)})")]
        for n, (start, end, kind) in enumerate(block.attrs.get("uncertain", []), 1):
            label = f"u-{block.id}-{n}"
            line = doc.line_of(block.origin[start]) if block.origin else 0
            text = (f"Күмәнді оқылым: «{block.text[start:end]}» бастапқы мәтінде осылай тұр ({line}-жол): "
                    f"{UNCERTAIN_LABELS.get(kind, kind)}. Басылым оны өзгертпей берді.")
            page_info.notes.append((label, text, f"note-{label}"))
            marks.append(Mark(end, end, "", f"[^{label}]"))
        if missing_references and not cited and block.kind != "heading":
            m = CITATION.search(block.text)
            if m:
                cited = True
                label = f"refs-{page_info.first_id}"
                page_info.notes.append((label, "Мәтіндегі төртбұрышты жақшадағы сан — автордың дереккөзге сілтемесі. "
                                        "Бастапқы файлда әдебиеттер тізімі жоқ, сондықтан бұл сілтемелерді "
                                        "ашып көрсету мүмкін емес.", f"note-{label}"))
                marks.append(Mark(m.end(), m.end(), "", f"[^{label}]"))
        if marks:
            block.attrs["inline_marks"] = _without_overlaps(marks)
        else:
            block.attrs.pop("inline_marks", None)


def _link(info: Enrichment, doc: str, from_file: str, block_id: str) -> str:
    target = info.page_of_block[(doc, block_id)]
    return f"#{block_id}" if target == from_file else f"{target}#{block_id}"


def _without_overlaps(marks: list[Mark]) -> list[Mark]:
    out: list[Mark] = []
    for mark in sorted(marks, key=lambda m: (m.start, -(m.end - m.start))):
        if out and mark.start < out[-1].end and mark.end > mark.start:
            continue          # a link inside a link
        out.append(mark)
    return sorted(out, key=lambda m: (m.start, m.end))


def _snippet(text: str, start: int, end: int, languages=()) -> str:
    """The mention in bold with some words of context, as Markdown (passages in another language in
    their ``<span lang>``, cut at the bold mention so the markup nests).

    >>> _snippet("Ол «Время сделать выбор» мақаласында Павлодар туралы жазды", 37, 45, [(3, 24, "ru")])
    'Ол <span lang="ru">«Время сделать выбор»</span> мақаласында **Павлодар** туралы жазды'
    """
    text = " ".join(text.split("\n"))
    left = max(0, start - CONTEXT_CHARS)
    right = min(len(text), end + CONTEXT_CHARS)
    if left > 0:
        cut = text.find(" ", left, start)
        left = cut + 1 if cut >= 0 else left
    if right < len(text):
        cut = text.rfind(" ", end, right)
        right = cut if cut >= 0 else right
    inserts = [(start - left, "**"), (end - left, "**")]
    for span_start, span_end, lang in languages:
        if not _LANG_TAG.match(lang) or span_end <= left or span_start >= right:
            continue
        cuts = sorted({max(span_start, left), min(span_end, right)} | {p for p in (start, end) if span_start < p < span_end})
        for a, b in zip(cuts, cuts[1:]):
            if a < b and text[a:b].strip():
                inserts += [(a - left, f'<span lang="{lang}">'), (b - left, "</span>")]
    # at one position: a span closes, then the bold mark, then a span opens
    inserts.sort(key=lambda insert: (insert[0], {"</span>": 0, "**": 1}.get(insert[1], 2)))
    snippet = escape_with_markup(text[left:right], inserts)
    return ("… " if left > 0 else "") + snippet + (" …" if right < len(text) else "")


def _cites_without_list(doc) -> bool:
    """Whether a document has citation markers but no reference list to resolve them."""
    has_markers = any(CITATION.search(b.text) for b in doc.blocks if b.kind != "heading")
    has_list = any(REFERENCE_LIST.match(b.text) for b in doc.blocks if len(b.text) < 60)
    return has_markers and not has_list


def _see_also(docs) -> dict[str, list[tuple[str, list[str]]]]:
    entities_of = {d.slug: {e for b in d.blocks for _, _, e in b.attrs.get("mentions", [])} for d in docs}
    out = {}
    for doc in docs:
        related = []
        for other in docs:
            if other is doc:
                continue
            shared = sorted(entities_of[doc.slug] & entities_of[other.slug])
            if len(shared) >= SEE_ALSO_MIN_SHARED:
                related.append((other.slug, shared))
        related.sort(key=lambda r: (-len(r[1]), r[0]))
        out[doc.slug] = related[:SEE_ALSO_MAX]
    return out


# -- inline markup and page additions --------------------------------------------------------------

# Passages in another language inside a block (passes.mark_foreign_passages): (start, end, lang)
LANGUAGE_SPANS = "language_spans"
_LANG_TAG = re.compile(r"^[a-z]{2,3}$")


def inline_markdown(block) -> str:
    """The block's text escaped for Markdown, with its entity links, note references and the
    ``<span lang="ru">`` of passages in another language.

    Markup is nested properly: a language span that a link starts or ends inside is cut there, its
    part within the link becomes a span inside the link text.

    >>> from build_edition.core.model import Block
    >>> text = "Бұл «Казахстанская правда» газеті"
    >>> block = Block("paragraph", text, list(range(len(text))), attrs={
    ...     LANGUAGE_SPANS: [(4, 26, "ru")], "inline_marks": [Mark(5, 33, "[", "](../names/kp.md)")]})
    >>> inline_markdown(block)
    'Бұл <span lang="ru">«</span>[<span lang="ru">Казахстанская правда»</span> газеті](../names/kp.md)'
    """
    marks = block.attrs.get("inline_marks") or []
    languages = [(s, e, lang) for s, e, lang in block.attrs.get(LANGUAGE_SPANS) or []
                 if 0 <= s < e <= len(block.text) and _LANG_TAG.match(lang)]
    if not marks and not languages:
        return md.escape(block.text)
    # (position, order, markup): at one position closers first (the inner one first), then note
    # references, then openers (the outer one first); a link is outside a language span of its extent
    inserts: list[tuple[int, tuple, str]] = []
    links = [(m.start, m.end) for m in marks if m.before and m.start < m.end]
    for mark in marks:
        if mark.before and mark.start < mark.end:
            inserts.append((mark.start, (2, -mark.end, 0), mark.before))
            inserts.append((mark.end, (0, -mark.start, 1), mark.after))
        else:
            inserts.append((mark.end, (1,), mark.after))
    for start, end, lang in languages:
        cuts = sorted({start, end} | {p for link in links for p in link if start < p < end})
        for a, b in zip(cuts, cuts[1:]):
            if block.text[a:b].strip():
                inserts.append((a, (2, -b, 1), f'<span lang="{lang}">'))
                inserts.append((b, (0, -a, 0), "</span>"))
    inserts.sort(key=lambda insert: (insert[0], insert[1]))
    return escape_with_markup(block.text, [(at, markup) for at, _, markup in inserts])
