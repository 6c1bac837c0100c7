"""Generated reference pages: the glossary, the index of names (one page per entity and per type), the
abbreviation tooltips file, and their place in the navigation.
"""
from __future__ import annotations

import yaml

from build_edition.text import markdown as md
from build_edition.enrich.entities import ENTITY_DIR, TYPE_LABELS, TYPE_LABELS_ONE, TYPES
from build_edition.enrich.glossary import ABBREVIATIONS_FILE, GLOSSARY_PAGE, SOURCE_LABELS
from build_edition.write.labels import format_number_kk
from build_edition.text.words import url_slug
from build_edition.text.alphabet import KAZAKH_ALPHABET, initial_letter, kazakh_sort_key
from build_edition.write.enrichment import (ENTITY_TYPE_PAGES, Enrichment, GLOSSARY_TITLE, INDEX_TITLE, NAV_TITLE, escape_inline)


def _front(title: str, description: str = "") -> list[str]:
    front = {"title": title}
    if description:
        front["description"] = description
    return ["---", yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=10_000).strip(), "---", ""]


def _page_label(info: Enrichment, doc: str, file: str) -> str:
    page = info.pages[(doc, file)]
    return f"{info.titles[doc]}: {page.title}"


def _term_anchor(term: str, used: dict[str, str]) -> str:
    base = "term-" + url_slug(term, 40)
    anchor, n = base, 2
    while anchor in used.values() and used.get(term) != anchor:
        anchor, n = f"{base}-{n}", n + 1
    used[term] = anchor
    return anchor


LATIN_SECTION_TITLE = "Латын әрпімен жазылған қысқартулар"
USAGE_OPEN_LIMIT = 1        # a term used on more pages has its list of places collapsed


def _heading_anchor(heading: str) -> str:
    """The id MkDocs gives a heading (the toc slugify of mkdocs.yml: Cyrillic kept, lower case): `ә`."""
    from pymdownx.slugs import slugify

    return slugify(case="lower")(heading, "-")


def _glossary_sections(info: Enrichment) -> list[tuple[str, str, list]]:
    """The defined terms filed under their letters in Kazakh alphabetical order, then the terms in
    Latin letters in a section of their own: [(heading, anchor, terms)]."""
    terms = sorted((t for t in info.glossary.sorted_terms() if t.definitions), key=lambda t: kazakh_sort_key(t.term))
    by_letter: dict[str, list] = {}
    latin = []
    for term in terms:
        letter = initial_letter(term.term)
        if letter in KAZAKH_ALPHABET:
            by_letter.setdefault(letter, []).append(term)
        else:
            latin.append(term)
    sections = [(letter, _heading_anchor(letter), by_letter[letter]) for letter in KAZAKH_ALPHABET if letter in by_letter]
    if latin:
        sections.append((LATIN_SECTION_TITLE, _heading_anchor(LATIN_SECTION_TITLE), latin))
    return sections


def _letter_bar(sections: list[tuple[str, str, list]]) -> list[str]:
    """Plain links to the letters' headings; they wrap on a narrow screen."""
    links = " ".join(f"[{'A–Z' if heading == LATIN_SECTION_TITLE else escape_inline(heading)}](#{anchor})"
                     for heading, anchor, _ in sections)
    return ['<nav class="glossary-letters" aria-label="Әріптер бойынша" markdown>', "", links, "", "</nav>", ""]


def _glossary_entry(info: Enrichment, term, anchors: dict[str, str]) -> list[str]:
    expansions = term.expansions_for()
    line = f"**{escape_inline(term.term)}** — {escape_inline(expansions[0])}"
    glosses = [g for g in (f"орыс. {term.ru}" if term.ru else "", f"ағылш. {term.en}" if term.en else "") if g]
    if glosses:
        line += " (" + "; ".join(escape_inline(g) for g in glosses) + ")"
    details = []
    if len(expansions) > 1:
        details.append("Басқа мағыналары не жазылуы: " + "; ".join(escape_inline(x) for x in expansions[1:]) + ".")
    if term.explanation:
        details.append(escape_inline(term.explanation))
    sources = []
    for d in term.definitions:
        label = SOURCE_LABELS[d.source]
        if d.document and (d.document, d.block) in info.page_of_block:
            file = info.page_of_block[(d.document, d.block)]
            link = f"[{label}]({d.document}/{file}#{d.block})"
        else:
            link = label
        if link not in sources:
            sources.append(link)
    details.append("Дереккөзі: " + ", ".join(sources) + ".")
    usage = info.term_usage.get(term.term)
    collapsed = []
    if usage:
        total = sum(usage.values())
        places = ", ".join(f"[{escape_inline(_page_label(info, doc, file))}]({doc}/{file}) ({n})"
                           for (doc, file), n in sorted(usage.items(), key=lambda x: _page_order(info, x[0])))
        if len(usage) > USAGE_OPEN_LIMIT:
            details.append(f"Қолданылуы: {format_number_kk(total)} рет, {format_number_kk(len(usage))} бетте.")
            collapsed = [f'??? glossary-usage "Қай беттерде қолданылады ({format_number_kk(len(usage))})"',
                         f"    {places}.", ""]
        else:
            details.append(f"Қолданылуы ({format_number_kk(total)}): {places}.")
    else:
        details.append("Мәтіндерде қолданылмайды.")
    return [line + "  ", " ".join(details), md.attr_list(_term_anchor(term.term, anchors), ["glossary-term"]), ""] + collapsed


def render_glossary(info: Enrichment) -> str:
    out = _front(GLOSSARY_TITLE, "Басылым мәтіндеріндегі қысқартулар мен олардың толық атаулары")
    out += [f"# {GLOSSARY_TITLE}", "",
            "Қысқартудың толық атауы мәтінде тінтуірді оның үстіне апарғанда (немесе түрткенде) көрінеді. "
            "Мұнда әр қысқартудың толық атауы, дереккөзі және қай құжатта неше рет қолданылғаны берілген. "
            "Қысқартулар қазақ әліпбиінің ретімен орналасқан, латын әрпімен жазылғандары соңында. "
            "Глоссарийді редакторлар content/data/glossary.yml файлында толықтырады.", ""]
    sections = _glossary_sections(info)
    out += _letter_bar(sections)
    anchors: dict[str, str] = {}
    for term in info.glossary.sorted_terms():      # ids as they were given before the alphabetical order
        if term.definitions:
            _term_anchor(term.term, anchors)
    for heading, _anchor, terms in sections:
        out += [f"## {escape_inline(heading)}", ""]
        for term in terms:
            out += _glossary_entry(info, term, anchors)
    out += ["## Түсіндірілмеген қысқартулар", ""]
    if info.undefined:
        out += ["Бұл қысқартулар мәтінде қолданылады, бірақ ешбір дереккөзде түсіндірілмеген. Редакторлар оларды "
                "content/data/glossary.yml файлына қоса алады.", "",
                f'??? glossary-usage "Қысқартулар ({format_number_kk(len(info.undefined))})"']
        for u in info.undefined:
            places = ", ".join(f"[{escape_inline(info.titles[d])}]({d}/{info.page_of_block[(d, b)]}#{b})"
                               for d, b in u.places if (d, b) in info.page_of_block)
            out.append(f"    - **{escape_inline(u.token)}** ({format_number_kk(u.count)}): {places}")
        out.append("")
    else:
        out += ["Мәтіндегі барлық қысқартулар түсіндірілген.", ""]
    return "\n".join(out).rstrip() + "\n"


def _page_order(info: Enrichment, key: tuple[str, str]) -> tuple:
    doc, file = key
    return (list(info.titles).index(doc) if doc in info.titles else 99, file)


def render_entity(info: Enrichment, entity) -> str:
    mentions = info.mentions.get(entity.id, [])
    docs = sorted({m[0] for m in mentions}, key=lambda d: list(info.titles).index(d))
    out = _front(entity.name, entity.description)
    out += [f"# {escape_inline(entity.name)}", ""]
    facts = [TYPE_LABELS_ONE[entity.type].capitalize()]
    if entity.description:
        facts.append(escape_inline(entity.description))
    out += [" · ".join(facts), md.attr_list("", ["lead"]), ""]
    variants = [v for v in entity.all_variants() if v != entity.name]
    if variants:
        out += ["Мәтінде былай да жазылады: " + ", ".join(escape_inline(v) for v in variants) + ".", ""]
    if not mentions:
        out += ["Басылым мәтіндерінде кездеспейді.", ""]
        return "\n".join(out).rstrip() + "\n"
    out += [f"Барлығы {format_number_kk(len(mentions))} рет, {format_number_kk(len(docs))} құжатта аталады.", ""]
    for doc in docs:
        out += [f"## {escape_inline(info.titles[doc])}", ""]
        for d, file, block, snippet in mentions:
            if d != doc:
                continue
            page = info.pages[(d, file)].title
            out.append(f"- [{escape_inline(page)}](../{d}/{file}#{block}): {snippet}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def render_entity_index(info: Enrichment, kind: str | None = None) -> str:
    title = TYPE_LABELS[kind] if kind else INDEX_TITLE
    out = _front(title, "Басылым мәтіндерінде аталатын тұлғалар, ұйымдар мен жер атаулары")
    out += [f"# {title}", ""]
    if kind is None:
        out += ["Мәтіндерде аталатын тұлғалардың, ұйымдардың және жерлердің тізімі. Әр атаудың бетінде "
                "оның мәтіндегі барлық аталуы үзіндісімен және абзацқа сілтемемен берілген. Тізімді "
                "редакторлар content/data/entities.yml файлында толықтырады.", ""]
    for t in ([kind] if kind else TYPES):
        entities = sorted((e for e in info.entities.values() if e.type == t), key=lambda e: (kazakh_sort_key(e.name), e.id))
        if kind is None:
            out += [f"## [{TYPE_LABELS[t]}]({ENTITY_TYPE_PAGES[t]}.md)", ""]
        for e in entities:
            n = len(info.mentions.get(e.id, []))
            docs = len({m[0] for m in info.mentions.get(e.id, [])})
            count = f"{format_number_kk(n)} рет, {format_number_kk(docs)} құжатта" if n else "мәтінде кездеспейді"
            description = f" — {escape_inline(e.description)}" if e.description else ""
            out.append(f"- [{escape_inline(e.name)}]({e.id}.md){description} ({count})")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def abbreviation_titles(info: Enrichment, docs) -> str:
    """The generated tooltips file read by the MkDocs hook: all titles and per-document overrides."""
    common = info.glossary.titles("")
    per_doc = {}
    for doc in docs:
        own = info.glossary.titles(doc.slug)
        diff = {t: v for t, v in own.items() if common.get(t) != v}
        if diff:
            per_doc[doc.slug] = diff
    return yaml.safe_dump({"titles": common, "documents": per_doc}, allow_unicode=True, sort_keys=True, width=10_000)


def enrichment_files(info: Enrichment | None, docs) -> dict[str, str]:
    """The generated pages and data of the enrichment layer ({content-relative path: text})."""
    if info is None:
        return {}
    files = {GLOSSARY_PAGE: render_glossary(info), ABBREVIATIONS_FILE: abbreviation_titles(info, docs),
             f"{ENTITY_DIR}/index.md": render_entity_index(info)}
    for kind in TYPES:
        files[f"{ENTITY_DIR}/{ENTITY_TYPE_PAGES[kind]}.md"] = render_entity_index(info, kind)
    for entity in info.entities.values():
        files[f"{ENTITY_DIR}/{entity.id}.md"] = render_entity(info, entity)
    files.update(info.data_texts)
    return files


def nav_entries(nav: list, info: Enrichment | None) -> list:
    """The navigation with the reference tab (glossary, index of names) before the changes page."""
    if info is None:
        return nav
    section = {NAV_TITLE: [{GLOSSARY_TITLE: GLOSSARY_PAGE}, {INDEX_TITLE: f"{ENTITY_DIR}/index.md"}]
               + [{TYPE_LABELS[t]: f"{ENTITY_DIR}/{ENTITY_TYPE_PAGES[t]}.md"} for t in TYPES]}
    return nav[:-1] + [section] + nav[-1:] if nav else [section]
