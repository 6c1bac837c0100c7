"""Write the edition: Document models become Markdown pages in content/.

Layout of content/:
  index.md                      home page listing the documents
  <slug>/index.md               landing page of a document (metadata, contents)
  <slug>/NN-<page-slug>.md      the text, one page per chapter / article / part
  <slug>/emendations.jsonl      every automatic change (rule, before, after, line, block)
  <slug>/removals.jsonl         every piece of seed text left out of the reading text
  _nav.yml                      the site navigation (read by the MkDocs hook)
  assets/javascripts/           the browser's transliteration scripts with their tables (write/scripts.py)
"""
from __future__ import annotations

import json
from html import escape as html_escape
from dataclasses import dataclass, field

import yaml

from build_edition.write import abbreviations, enrichment, milestones
from build_edition.write.scripts import script_files
from build_edition.write.apparatus import landing_sections, page_tail
from build_edition.write.reference_pages import enrichment_files, nav_entries
from build_edition.write.book_nav import nav_items
from build_edition.text import markdown as md
from build_edition.read.catalog import UNKNOWN, CatalogueEntry
from build_edition.write.interface_translations import add_interface_files, landing_titles
from build_edition.store.datafiles import DATA_DIR
from build_edition.store.page_format import finish_pages
from build_edition.store.segment_ids import SEGMENT_ID
from build_edition.write.changes_page import PAGE as CHANGES_PAGE, PAGE_TITLE as CHANGES_TITLE, render_changes_page
from build_edition.write.labels import (MILESTONE_LABEL, PERMALINK_LABEL, authors_label, format_date_kk, format_number_kk, kind_label, language_label,
                     pages_label, reading_time_kk, UNKNOWN_LABEL, value_label, words_label)
from build_edition.core.model import Block, Document
from build_edition.text.words import count_words, url_slug

MAX_PAGE_BYTES = 60_000   # UTF-8 bytes of text: a longer page is split at its sections (or questions, paragraphs)


@dataclass
class PageCut:
    title: str
    blocks: list[Block] = field(default_factory=list)
    file: str = ""
    words: int | None = field(default=None, repr=False, compare=False)    # see _page_words

    @property
    def size(self) -> int:
        """Bytes of text (Kazakh letters take two bytes each in UTF-8)."""
        return sum(len(b.text.encode("utf-8")) for b in self.blocks)


def split_pages(doc: Document) -> list[PageCut]:
    """Pages start at blocks marked ``page_title`` by the structure passes; long pages split further.

    A page longer than ``MAX_PAGE_BYTES`` is cut at its section headings (``section_title``), or, in
    an interview, before a question; only a page with neither is cut at a paragraph.
    """
    entry = doc.meta["entry"]
    pages: list[PageCut] = []
    for block in doc.blocks:
        title = block.attrs.get("page_title")
        if title or not pages:
            pages.append(PageCut(_one_line(title) if title else getattr(entry, "short_title", "") or entry.title))
        pages[-1].blocks.append(block)
    result: list[PageCut] = []
    for page in pages:
        result.extend(_split_long(page))
    used: set[str] = set()
    for n, page in enumerate(result, 1):
        stem = f"{n:02d}-{url_slug(page.title, 40)}"
        while stem in used:
            stem += "-x"
        used.add(stem)
        page.file = stem + ".md"
    return result


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _split_long(page: PageCut) -> list[PageCut]:
    """Cut a long page at section headings (or questions) so that no part is much over the limit."""
    size = page.size
    if size <= MAX_PAGE_BYTES:
        return [page]
    target = size / -(-size // MAX_PAGE_BYTES)     # equal parts, as few as the limit allows
    parts: list[PageCut] = [PageCut(page.title)]
    current_size = 0          # parts[-1].size, kept as blocks are added (summing it again each time is quadratic)
    for block in page.blocks:
        current = parts[-1]
        section = block.kind == "heading" and block.attrs.get("section_title")
        turn = block.kind == "question"
        good_cut = section and current_size > MAX_PAGE_BYTES // 4 or turn and current_size >= target * 0.9
        if current.blocks and (good_cut or current_size + len(block.text) > MAX_PAGE_BYTES):
            title = _one_line(section) if section else f"{page.title} ({len(parts) + 1}-бөлім)"
            parts.append(PageCut(title))
            current, current_size = parts[-1], 0
        current.blocks.append(block)
        current_size += len(block.text.encode("utf-8"))
    return parts


CLASS_OF_KIND = {
    "byline": "byline", "lead": "lead", "caption": "caption", "question": "question", "answer": "answer",
    "keywords": "keywords", "signature": "signature", "note": "edition-note", "separator": "separator",
    "quote": "quote",
}


def render_block(block: Block, doc: Document, heading_level: int | None = None,
                 line_span: tuple[int, int] | None = None) -> str:
    """One block as one Markdown chunk ending with an attr_list that carries ``#<id>``.

    ``heading_level`` overrides the level of a heading (the page's title heading is rendered as h1);
    ``line_span`` is ``doc.line_span(block)`` when the caller has it already.
    """
    first, last = line_span or doc.line_span(block)
    extra = {"data-lines": f"{first}-{last}"}
    classes = list(block.attrs.get("classes", []))
    lang = block.lang if block.lang != "kk" else None
    text = enrichment.inline_markdown(block)   # escaped, with entity links and note references
    print_page = doc.meta.get("print_pages", {}).get(block.id)
    if print_page:                             # where a printed page begins: its milestone, [69] (issue 17)
        extra["data-print-page"] = print_page
        start = print_page.split("–")[-1]
        text = f"{md.milestone(start, MILESTONE_LABEL.format(n=start), 'kk' if lang else None)} {text}"
    if block.kind == "heading":                # Material's toc gives a heading its own ¶
        level = heading_level or min(max(block.level, 2), 6)
        return f"{'#' * level} {text} " + md.attr_list(block.id, classes, lang, extra)
    # the segment's ¶ (md.permalink), on the line before its attr_list; a Kazakh label, marked so in another language
    link = md.permalink(block.id, PERMALINK_LABEL, "kk" if lang else None) if SEGMENT_ID.match(block.id) else ""
    if block.kind == "list_item":
        return f"- {text}\n  " + (f"{link}\n  " if link else "") + md.attr_list(block.id, classes + ["marked"], lang, extra)
    if block.kind == "quote":
        return f"> {text}\n> " + (f"{link}\n> " if link else "") + md.attr_list(block.id, classes, lang, extra)
    if block.kind in CLASS_OF_KIND:
        classes.append(CLASS_OF_KIND[block.kind])
    if block.attrs.get("turn"):
        classes.append("turn-start")
    return f"{text}\n" + (f"{link}\n" if link else "") + md.attr_list(block.id, classes, lang, extra)


def document_print_pages(doc: Document, pages: list[PageCut]) -> dict[str, str]:
    """block id → print page of the paragraphs of ``doc`` where a printed page begins (milestones.py)."""
    def blocks():
        for page in pages:
            previous = ""
            for block in page.blocks:
                first, last = doc.line_span(block)
                # the items of one list, and quotes one after the other, are one element of the page
                yield block.id, first, last, block.kind in ("list_item", "quote") and block.kind == previous
                previous = block.kind
    return milestones.print_pages(blocks(), [r.as_dict() for r in doc.removals])


def _title_heading(page: PageCut) -> Block | None:
    """The heading that names the page: its first block (the second after a chapter label), or the
    document's own title heading (level 1) wherever it stands (after a journal's masthead and authors)."""
    for block in page.blocks[:2]:
        if block.kind == "heading":
            return block
        if block.attrs.get("role") != "chapter-label":
            break
    return next((b for b in page.blocks if b.kind == "heading" and b.level <= 1), None)


def render_page(page: PageCut, doc: Document, index: int, total: int) -> str:
    entry: CatalogueEntry = doc.meta["entry"]
    span_of = [doc.line_span(b) for b in page.blocks]        # each block's origins scanned once
    spans = [span for b, span in zip(page.blocks, span_of) if b.origin]
    first = min(s[0] for s in spans) if spans else 0
    last = max(s[1] for s in spans) if spans else 0
    front = {"title": page.title, "document": entry.slug, "seed": entry.source, "seed_lines": f"{first}-{last}"}
    out = ["---", yaml.safe_dump(front, allow_unicode=True, sort_keys=False).strip(), "---", ""]
    title_heading = _title_heading(page)
    if title_heading is None:
        out += [f"# {md.escape(page.title)}", ""]
    # headings keep their ranks but start right under the page title (h1), so no level is skipped
    levels = [b.level for b in page.blocks if b.kind == "heading" and b is not title_heading]
    shift = (title_heading.level - 1) if title_heading is not None else (min(levels, default=2) - 2)
    previous_kind = ""
    for block, span in zip(page.blocks, span_of):
        if block.kind == "list_item" and previous_kind == "list_item":
            # keep list items in one list: no blank line between them
            out[-1:] = []
        level = 1 if block is title_heading else min(max(block.level - shift, 2), 6)
        out.append(render_block(block, doc, level if block.kind == "heading" else None, span))
        out.append("")
        previous_kind = block.kind
    return "\n".join(out).rstrip() + "\n"


def _front_matter(fields: dict) -> list[str]:
    return ["---", yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=10_000).strip(), "---", ""]


def _meta_list(rows: list[tuple[str, str]], css_class: str) -> list[str]:
    """A raw-HTML definition list: values are HTML-escaped here, so Markdown never reads them as markup."""
    out = [f'<dl class="{css_class}">']
    for label, value in rows:
        out.append(f"<dt>{html_escape(label)}</dt><dd>{value}</dd>")
    return out + ["</dl>", ""]


def _page_words(page: PageCut) -> int:
    if page.words is None:         # counted once: the landing page and the home page both need it
        page.words = sum(count_words(b.text) for b in page.blocks)
    return page.words


def render_landing(doc: Document, pages: list[PageCut]) -> str:
    """The landing page of a document: curated metadata, size, reading time and the list of its pages."""
    entry: CatalogueEntry = doc.meta["entry"]
    words = sum(_page_words(p) for p in pages)
    text = html_escape
    rows = [
        ("Түрі", text(kind_label(entry.kind))),
        ("Авторы" if len([a for a in entry.authors if a != UNKNOWN]) <= 1 else "Авторлары",
         text(authors_label(entry.authors))),
        ("Басылым", text(value_label(entry.publication))),
        ("Баспагер", text(value_label(entry.publisher))),
    ]
    if entry.place != UNKNOWN:
        rows.append(("Шыққан жері", text(entry.place)))
    rows += [
        ("Шыққан күні", text(format_date_kk(entry.date))),
        ("Тілі", text(language_label(entry.language))),
        ("Көлемі", text(f"{words_label(words)}, {pages_label(len(pages))}")),
        ("Оқу уақыты", text(reading_time_kk(words))),
        ("Бастапқы файл", f"<code>{text(entry.source)}</code>"),
        ("Автоматты түзетулер", text(format_number_kk(len(doc.emendations)))),
        ("Алынған бет элементтері", text(format_number_kk(len(doc.removals)))),
    ]
    front = {"title": entry.title, "document": entry.slug, "seed_encoding": doc.meta.get("encoding", "utf-8")}
    if entry.description:
        front["description"] = entry.description
    front.update(landing_titles(entry))     # the title in the ru/en interfaces (site/i18n_hook.py)
    out = _front_matter(front) + [f"# {md.escape(entry.title)}", ""]
    if entry.description:
        out += [md.escape(entry.description), md.attr_list("", ["lead"]), ""]
    out += _meta_list(rows, "edition-meta")
    if entry.notes:
        out += [f"**Ескертпе.** {md.escape(entry.notes)}", md.attr_list("", ["edition-note"]), ""]
    out += landing_sections(doc, doc.meta.get("enrichment"))   # editor's note, see also
    out += ["## Мазмұны", "", '<div class="edition-contents" markdown>', ""]
    for page in pages:
        out.append(f"1. [{md.escape(page.title)}]({page.file}) — {words_label(_page_words(page))}")
    out += ["", "</div>"]
    return "\n".join(out) + "\n"


SITE_TITLE = "Қазақ мәтіндерінің цифрлық басылымы"


def render_home(docs: list[Document], pages_of: dict[str, list[PageCut]] | None = None) -> str:
    """The home page: what the edition is, then every document as a card with its metadata.

    ``pages_of`` ({slug: pages}, which hold every block of their document) saves counting the words again."""
    def words_of(doc: Document) -> int:
        if pages_of is not None:
            return sum(_page_words(p) for p in pages_of[doc.slug])
        return sum(count_words(b.text) for b in doc.blocks)

    total_words = sum(map(words_of, docs))
    out = _front_matter({"title": "Басты бет",
                         "description": "Қалпына келтірілген қазақ мәтіндерінің цифрлық басылымы"})
    out += [f"# {SITE_TITLE}", "",
            "Бұл басылымда PDF құжаттарынан және веб-беттерден алынған қазақ мәтіндері жинақталған. "
            "Мәтінді файлдан шығарып алғанда бұзылған әріптер, бөлініп кеткен сөздер, жол аралығындағы "
            "тасымалдар мен беттің қосалқы элементтері (колонтитулдар, бет нөмірлері) түзетілді; "
            "автордың өз тілі мен емлесі өзгертілмеді.", "",
            "Әрбір автоматты түзету және мәтіннен алынған әрбір үзінді бастапқы файлдағы орнымен "
            "бірге тіркеледі, сондықтан кез келген өзгерісті тексеруге және қайтаруға болады.", "",
            f"## Құжаттар ({format_number_kk(len(docs))}, барлығы {words_label(total_words)})", "",
            '<div class="grid cards edition-documents" markdown>', ""]
    for doc in docs:
        entry: CatalogueEntry = doc.meta["entry"]
        words = words_of(doc)
        authors, date = authors_label(entry.authors), format_date_kk(entry.date)
        facts = " · ".join([kind_label(entry.kind),
                            "авторы белгісіз" if authors == UNKNOWN_LABEL else authors,
                            "шыққан күні белгісіз" if date == UNKNOWN_LABEL else date])
        out += [f"-   ### [{md.escape(entry.title)}]({entry.slug}/index.md)", "",
                f"    {md.escape(facts)}", "    " + md.attr_list("", ["edition-card-facts"]), ""]
        if entry.description:
            out += [f"    {md.escape(entry.description)}", ""]
        out += [f"    {md.escape(words_label(words))} · оқуға {md.escape(reading_time_kk(words))}",
                "    " + md.attr_list("", ["edition-card-size"]), ""]
    out += ["</div>"]
    return "\n".join(out) + "\n"


def _nav_label(page: PageCut, entry: CatalogueEntry, index: int, total: int) -> str:
    """Pages inside a document's section need not repeat the document title."""
    title = page.title
    for name in filter(None, (entry.title, entry.short_title)):
        if title == name:
            return "Мәтін" if total == 1 else f"{index}-бөлім"
        if title.startswith(name + " (") and title.endswith(")"):
            return title[len(name) + 2:-1]
    return title


def build_nav(docs: list[Document], pages_of: dict[str, list[PageCut]]) -> list:
    """One navigation tab per document (its short title), the landing page first, then its pages."""
    nav: list = [{"Басты бет": "index.md"}]
    for doc in docs:
        entry: CatalogueEntry = doc.meta["entry"]
        pages = pages_of[entry.slug]
        children: list = [f"{entry.slug}/index.md"]    # its parts, a long part's pages nested (book_nav)
        children += nav_items(pages, entry.slug, lambda page, i, total, entry=entry: _nav_label(page, entry, i, total))
        nav.append({entry.short_title or entry.title: children})
    nav.append({CHANGES_TITLE: CHANGES_PAGE})   # editors' corrections (build_edition.write.changes_page)
    return nav


def render_edition(docs: list[Document]) -> dict[str, str]:
    """All files of content/ as {relative path: text}."""
    files: dict[str, str] = {}
    pages_of: dict[str, list[PageCut]] = {doc.slug: split_pages(doc) for doc in docs}
    info = enrichment.prepare(docs, pages_of)     # links, notes, apparatus, glossary and index pages
    for doc in docs:
        doc.meta["enrichment"] = info
        pages = pages_of[doc.slug]
        doc.meta["print_pages"] = document_print_pages(doc, pages)
        files[f"{doc.slug}/index.md"] = render_landing(doc, pages)
        for i, page in enumerate(pages, 1):
            files[f"{doc.slug}/{page.file}"] = render_page(page, doc, i, len(pages)) + page_tail(page, doc, info)
        files[f"{doc.slug}/emendations.jsonl"] = "".join(
            json.dumps(e.as_dict(), ensure_ascii=False, sort_keys=True) + "\n" for e in doc.emendations)
        files[f"{doc.slug}/removals.jsonl"] = "".join(
            json.dumps(r.as_dict(), ensure_ascii=False, sort_keys=True) + "\n" for r in doc.removals)
    files["index.md"] = render_home(docs, pages_of)
    files[CHANGES_PAGE] = render_changes_page([], {}, None)   # filled in by the merge with content/
    files.update(enrichment_files(info, docs))
    files["_nav.yml"] = yaml.safe_dump(nav_entries(build_nav(docs, pages_of), info), allow_unicode=True,
                                       sort_keys=False)
    from build_edition.write.translation_files import add_translation_files
    add_translation_files(files, docs)    # translations found in the documents, coverage page, its nav entry
    add_interface_files(files, [doc.meta["entry"] for doc in docs])   # ru/en home pages and navigation labels
    files.update(script_files())     # the browser's Latin and töte scripts with their tables (write/scripts.py)
    # what a reader sees of the text beyond the words, in the Markdown for any renderer: headings without
    # gaps, the class of headings in capitals, citation markers in spans (build_edition.text.presentation)
    files = finish_pages(files)
    files[abbreviations.PAGE] = abbreviations.abbreviations_markdown(   # appended to every page (mkdocs.yml)
        abbreviations.site_titles(info.glossary, [doc.slug for doc in docs]),
        [text for rel, text in sorted(files.items()) if rel.endswith(".md")])
    return files


def edition_paths() -> dict[str, str]:
    """The top-level names of content/ that belong to the edition itself, each with a file written there:
    whatever :func:`render_edition` writes beside the documents (rendered here for an edition without
    documents, so a new page is covered as soon as the writer makes it) and the editors' data folder.
    A document's slug may not take one of them (see :func:`build_edition.read.catalog.load_catalog`).

    A page in another interface language (``translations.ru.md``) is published under that language's
    folder (``site/ru/``), so the language is taken too.

    >>> paths = edition_paths()
    >>> paths["glossary"], paths["entities"], paths["ru"]
    ('content/glossary.md', 'content/entities/index.md', 'the ru interface of the site (content/index.ru.md)')
    >>> paths["data"]
    'content/data/ (the editors’ glossary and names)'
    """
    names: dict[str, str] = {}
    for rel in sorted(render_edition([])):
        top = rel.split("/")[0]
        names.setdefault(top.split(".")[0], f"content/{rel}")
        if top.count(".") == 2:             # <page>.<language>.md
            language = top.split(".")[1]
            names.setdefault(language, f"the {language} interface of the site (content/{rel})")
    names.setdefault(DATA_DIR, f"content/{DATA_DIR}/ (the editors’ glossary and names)")
    return names
