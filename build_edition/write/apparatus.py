"""The apparatus readers see: what the restoration changed on a page and in a document.

:func:`page_tail` ends each page with a collapsed "Мәтінге енгізілген түзетулер" section listing every
emendation of the page (seed form → edition form, rule, link to the paragraph) and the furniture removed
there, identical changes grouped; :func:`landing_sections` gives a document's landing page its note on
the source, the repairs and the removals, and its "see also" list. Labels of rules come from the passes.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter, defaultdict


from build_edition.text import markdown as md
from build_edition.enrich.entities import ENTITY_DIR
from build_edition.passes import EMENDATION_LABELS, REMOVAL_LABELS
from build_edition.write.labels import format_number_kk
from build_edition.write.enrichment import (APPARATUS_CLASS, CITATION, Enrichment, PageInfo, _cites_without_list, escape_inline)


def rule_label(rule: str) -> str:
    return EMENDATION_LABELS.get(rule, rule.replace("_", " "))


def removal_label(rule: str) -> str:
    return REMOVAL_LABELS.get(rule.rsplit(":", 1)[-1], rule.rsplit(":", 1)[-1].replace("_", " "))


def page_tail(page, doc, info: Enrichment | None) -> str:
    """Footnote definitions and the apparatus of a page, as chunks to append to the page text."""
    if info is None:
        return ""
    page_info = info.pages.get((doc.slug, page.file))
    if page_info is None:
        return ""
    # no attr_list on footnotes: Python-Markdown puts the back-reference after it and it would show;
    # the merge keys a footnote chunk by its label (`note-<label>`)
    chunks = [f"[^{label}]: {escape_inline(text)}" for label, text, _ident in page_info.notes]
    apparatus = _apparatus(page, doc, page_info)
    if apparatus:
        chunks.append(apparatus)
    return "".join("\n" + c + "\n" for c in chunks)


def _display(seed_text: str) -> str:
    """A seed form as shown in the apparatus: line ends as "/", invisible characters as "·"."""
    out = []
    for ch in seed_text:
        if ch == "\n":
            out.append("/")
        elif ch == "\u00ad":
            out.append("¬")
        elif unicodedata.category(ch) in ("Cf", "Cc"):
            out.append("·")
        else:
            out.append(ch)
    return re.sub(r"/\s+", "/", "".join(out))


def _word_at(block, index: int, changed: range = range(0)) -> tuple[int, int]:
    """The word of ``block.text`` around ``index``, without the punctuation at its edges that comes from
    outside ``changed`` (the seed offsets the emendation replaced).

    A comma after a rejoined word (`Осы-/лайша,`) is not part of the repair: shown with the word, it
    stood before the list's own separator (`[Осы-/лайша, → Осылайша,], …`, read as "Осылайша,,").
    A comma the repair moved (`сөз ,` → `сөз,`) is shown.
    """
    text = block.text
    start = end = min(max(index, 0), len(text))
    while start > 0 and not text[start - 1].isspace() and index - start < 40:
        start -= 1
    while end < len(text) and not text[end].isspace() and end - index < 40:
        end += 1

    def outside(i: int) -> bool:
        return (unicodedata.category(text[i]).startswith("P") and i < len(block.origin)
                and block.origin[i] not in changed)

    while end - 1 > start and outside(end - 1):
        end -= 1
    while start < end - 1 and outside(start):
        start += 1
    return start, end


def _apparatus(page, doc, page_info: PageInfo) -> str:
    blocks = {b.id: b for b in page.blocks}
    groups: dict[tuple[str, str, str], list] = {}
    for e in page_info.emendations:
        block = blocks.get(e.block_id)
        if block is None or not block.origin:
            continue
        i = bisect.bisect_left(block.origin, e.offset)
        start, end = _word_at(block, i, range(e.offset, e.offset + len(e.before)))
        edition = block.text[start:end] or e.after
        span = block.origin[start:end]
        seed = doc.source[min(span):max(span) + 1] if span else e.before
        if (e.before.strip() and e.before not in seed) or len(seed) > 3 * len(edition) + 10:
            seed, edition = e.before, e.after or edition       # the word's origins do not tell: show the change itself
        key = (e.rule, _display(seed), edition)
        groups.setdefault(key, [0, block.id])[0] += 1
    first, last = page_info.lines
    removals = [r for r in doc.removals if first <= r.line <= last]
    if not groups and not removals:
        return ""
    by_rule: dict[str, list] = defaultdict(list)
    for (rule, seed, edition), (count, block_id) in groups.items():
        by_rule[rule].append((seed, edition, count, block_id))
    total = sum(c for c, _ in groups.values())
    items = []
    for rule in sorted(by_rule, key=lambda r: (-sum(x[2] for x in by_rule[r]), r)):
        entries = by_rule[rule]
        # inline HTML anchors, not Markdown links: a rule's few hundred links share one line, and
        # Python-Markdown's link pattern scans the whole remaining line once per link (quadratic: 0.7 s
        # for one newspaper page, every build); the text inside stays escaped Markdown, the HTML is the same
        shown = "; ".join(f'<a href="#{block_id}">{escape_inline(seed)} → {escape_inline(edition)}</a>'
                          + (f" ×{count}" if count > 1 else "") for seed, edition, count, block_id in entries)
        count = sum(x[2] for x in entries)
        items.append(f"- **{escape_inline(rule_label(rule).capitalize())}** ({format_number_kk(count)}): {shown}")
    if removals:
        shown = "; ".join(f"«{escape_inline(_short(r.text))}» — {removal_label(r.rule)}, {r.line}-жол" for r in removals)
        items.append(f"- **Мәтіннен алынған бет элементтері** ({format_number_kk(len(removals))}): {shown}")
    title = f"Мәтінге енгізілген түзетулер ({format_number_kk(total)})" if total else "Мәтіннен алынған бет элементтері"
    body = "\n".join("    " + item for item in items)
    return (f'??? note {APPARATUS_CLASS} "{title}"\n{body}\n'
            f"      {md.attr_list('apparatus-' + page_info.first_id)}")


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def landing_sections(doc, info: Enrichment | None) -> list[str]:
    """The editor's note (with footnotes) and "see also" for a document's landing page."""
    if info is None:
        return []
    entry = doc.meta["entry"]
    rules = Counter(e.rule for e in doc.emendations)
    removed = Counter(r.rule for r in doc.removals)
    uncertain = sum(len(b.attrs.get("uncertain", [])) for b in doc.blocks)
    encoding = doc.meta.get("encoding", "utf-8")
    out = ["## Басылым туралы ескертпе", ""]
    sentences = [f"Мәтін «{escape_inline(entry.source)}» бастапқы файлынан алынды.[^source]"]
    notes = [("source", f"Бастапқы файл {encoding} кодировкасында оқылды. Ол өзгертілмей сақталады; әр абзацтың "
                        "бастапқы файлдағы жолдары беттің «бастапқы мәтін» сілтемесінде көрсетілген.")]
    if doc.emendations:
        sentences.append(f"Мәтінді файлдан шығарғанда бұзылған жерлерге {format_number_kk(len(doc.emendations))} "
                         "автоматты түзету енгізілді.[^repairs]")
        notes.append(("repairs", "Түзетулер: " + "; ".join(
            f"{rule_label(rule)} — {format_number_kk(n)}" for rule, n in sorted(rules.items(), key=lambda x: (-x[1], x[0])))
            + ". Әр беттің соңындағы «Мәтінге енгізілген түзетулер» бөлімінде бәрі көрсетілген."))
    else:
        sentences.append("Мәтінге автоматты түзету енгізілмеді.")
    if doc.removals:
        sentences.append(f"Беттің {format_number_kk(len(doc.removals))} қосалқы элементі мәтіннен алынды.[^furniture]")
        notes.append(("furniture", "Алынғандар: " + "; ".join(
            f"{removal_label(rule)} — {format_number_kk(n)}" for rule, n in sorted(removed.items(), key=lambda x: (-x[1], x[0])))
            + ". Автордың сөзі алынбайды."))
    if uncertain:
        sentences.append(f"{format_number_kk(uncertain)} күмәнді оқылым өзгертілмей қалдырылып, ескертпемен белгіленді.[^uncertain]")
        notes.append(("uncertain", "Бұзылғаны анық, бірақ дұрыс оқылымы сенімді анықталмаған сөздер бастапқы "
                                   "мәтіндегідей берілді; олардың әрқайсысында ескертпе бар."))
    if _cites_without_list(doc):
        count = sum(len(CITATION.findall(b.text)) for b in doc.blocks)
        sentences.append(f"Мәтінде {format_number_kk(count)} сілтеме белгісі бар, бірақ әдебиеттер тізімі жоқ.[^missing]")
        notes.append(("missing", "[1], [12] сияқты белгілер дереккөзге сілтейді, алайда бастапқы файлда "
                                 "пайдаланылған әдебиеттер тізімі берілмеген; басылым оны қалпына келтіре алмайды."))
    out += [" ".join(sentences), ""]
    out += [f"[^{label}]: {escape_inline(text)}" for label, text in notes] + [""]
    related = info.see_also.get(doc.slug, [])
    if related:
        out += ["## Ұқсас құжаттар", ""]
        for other, shared in related:
            names = ", ".join(f"[{escape_inline(info.entities[e].name)}](../{ENTITY_DIR}/{e}.md)" for e in shared[:6])
            more = f" және тағы {len(shared) - 6}" if len(shared) > 6 else ""
            out.append(f"- [{escape_inline(info.titles[other])}](../{other}/index.md) — ортақ атаулар: {names}{more}")
        out.append("")
    return out
