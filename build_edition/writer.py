"""Write the edition: Document models become Markdown pages in content/.

Layout of content/:
  index.md                      home page listing the documents
  <slug>/index.md               landing page of a document (metadata, contents)
  <slug>/NN-<page-slug>.md      the text, one page per chapter / article / part
  <slug>/emendations.jsonl      every automatic change (rule, before, after, line, block)
  <slug>/removals.jsonl         every piece of seed text left out of the reading text
  _nav.yml                      the site navigation (read by the MkDocs hook)
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import markdown as md
from .catalog import UNKNOWN, Entry
from .changelog import PAGE as CHANGES_PAGE, PAGE_TITLE as CHANGES_TITLE, render_changes_page
from .kazakh import format_date_kk, kind_label, language_label, reading_time_kk
from .model import Block, Document
from .textutil import count_words, url_slug

MAX_PAGE_CHARS = 60_000   # a page longer than this is split at its next section or paragraph


@dataclass
class Page:
    title: str
    blocks: list[Block] = field(default_factory=list)
    file: str = ""

    @property
    def size(self) -> int:
        return sum(len(b.text) for b in self.blocks)


def split_pages(doc: Document) -> list[Page]:
    """Pages start at blocks marked ``page_title`` by the structure passes; long pages split further."""
    pages: list[Page] = []
    for block in doc.blocks:
        title = block.attrs.get("page_title")
        if title or not pages:
            pages.append(Page(title or doc.meta["entry"].title))
        pages[-1].blocks.append(block)
    result: list[Page] = []
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


def _split_long(page: Page) -> list[Page]:
    if page.size <= MAX_PAGE_CHARS:
        return [page]
    parts: list[Page] = [Page(page.title)]
    for block in page.blocks:
        current = parts[-1]
        starts_section = block.kind == "heading" and block.attrs.get("section_title")
        if current.blocks and (current.size > MAX_PAGE_CHARS or (starts_section and current.size > MAX_PAGE_CHARS // 4)):
            title = block.attrs.get("section_title") or f"{page.title} ({len(parts) + 1}-бөлім)"
            parts.append(Page(title))
            current = parts[-1]
        current.blocks.append(block)
    return parts


CLASS_OF_KIND = {
    "byline": "byline", "lead": "lead", "caption": "caption", "question": "question", "answer": "answer",
    "keywords": "keywords", "signature": "signature", "note": "edition-note", "separator": "separator",
}


def render_block(block: Block, doc: Document) -> str:
    first, last = doc.line_span(block)
    extra = {"data-lines": f"{first}-{last}"}
    classes = list(block.attrs.get("classes", []))
    lang = block.lang if block.lang != "kk" else None
    text = md.escape(block.text)
    if block.kind == "heading":
        level = min(max(block.level, 2), 6)
        return f"{'#' * level} {text} " + md.attr_list(block.id, classes, lang)
    if block.kind == "list_item":
        return f"- {text}\n  " + md.attr_list(block.id, classes + ["marked"], lang, extra)
    if block.kind == "quote":
        return f"> {text}\n> " + md.attr_list(block.id, classes, lang, extra)
    if block.kind in CLASS_OF_KIND:
        classes.append(CLASS_OF_KIND[block.kind])
    return f"{text}\n" + md.attr_list(block.id, classes, lang, extra)


def render_page(page: Page, doc: Document, index: int, total: int) -> str:
    entry: Entry = doc.meta["entry"]
    spans = [doc.line_span(b) for b in page.blocks if b.origin]
    first = min(s[0] for s in spans) if spans else 0
    last = max(s[1] for s in spans) if spans else 0
    front = {"title": page.title, "document": entry.slug, "seed": entry.source, "seed_lines": f"{first}-{last}"}
    out = ["---", yaml.safe_dump(front, allow_unicode=True, sort_keys=False).strip(), "---", ""]
    if not (page.blocks and page.blocks[0].kind == "heading" and page.blocks[0].level <= 2):
        out += [f"# {md.escape(page.title)}", ""]
    else:
        out += [f"# {md.escape(entry.title)}", ""] if index == 1 else [f"# {md.escape(page.title)}", ""]
    previous_kind = ""
    for block in page.blocks:
        if block.kind == "heading" and block.level <= 1:
            block.level = 2
        if block.kind == "list_item" and previous_kind == "list_item":
            # keep list items in one list: no blank line between them
            out[-1:] = []
        out.append(render_block(block, doc))
        out.append("")
        previous_kind = block.kind
    return "\n".join(out).rstrip() + "\n"


def render_landing(doc: Document, pages: list[Page]) -> str:
    entry: Entry = doc.meta["entry"]
    words = sum(count_words(b.text) for b in doc.blocks)
    rows = [
        ("Түрі", kind_label(entry.kind)),
        ("Авторы", ", ".join(entry.authors) if entry.authors else UNKNOWN),
        ("Басылым", entry.publication),
        ("Баспагер", entry.publisher),
        ("Күні", format_date_kk(entry.date)),
        ("Тілі", language_label(entry.language)),
        ("Сөз саны", f"{words:,}".replace(",", " ")),
        ("Оқу уақыты", reading_time_kk(words)),
        ("Бастапқы файл", f"`{entry.source}`"),
        ("Автоматты түзетулер", str(len(doc.emendations))),
        ("Алынып тасталған беттік элементтер", str(len(doc.removals))),
    ]
    front = {"title": entry.title, "document": entry.slug}
    out = ["---", yaml.safe_dump(front, allow_unicode=True, sort_keys=False).strip(), "---", "",
           f"# {md.escape(entry.title)}", ""]
    if entry.description:
        out += [md.escape(entry.description), ""]
    out += ["| | |", "|---|---|"]
    for label, value in rows:
        shown = value if value.startswith("`") else md.escape(value if value != UNKNOWN else "белгісіз")
        out.append(f"| {label} | {shown} |")
    out += ["", "## Мазмұны", ""]
    for page in pages:
        out.append(f"1. [{md.escape(page.title)}]({page.file})")
    return "\n".join(out) + "\n"


def render_home(docs: list[Document]) -> str:
    out = ["---", "title: Басты бет", "---", "", "# Қазақ мәтіндерінің цифрлық басылымы", "",
           "Бұл басылым PDF пен веб-беттерден алынған қазақ мәтіндерін қалпына келтіріп, "
           "оқуға, іздеуге және аударуға дайындайды. Әр түзету көрсетіледі және қайтарылады.", "",
           "## Құжаттар", ""]
    for doc in docs:
        entry: Entry = doc.meta["entry"]
        authors = ", ".join(entry.authors) if entry.authors and entry.authors != [UNKNOWN] else "авторы белгісіз"
        out.append(f"- [{md.escape(entry.title)}]({entry.slug}/index.md) — {md.escape(kind_label(entry.kind))}, "
                   f"{md.escape(authors)}, {md.escape(format_date_kk(entry.date))}")
    return "\n".join(out) + "\n"


def build_nav(docs: list[Document], pages_of: dict[str, list[Page]]) -> list:
    nav: list = [{"Басты бет": "index.md"}]
    for doc in docs:
        entry: Entry = doc.meta["entry"]
        children: list = [f"{entry.slug}/index.md"]
        for page in pages_of[entry.slug]:
            children.append({page.title: f"{entry.slug}/{page.file}"})
        nav.append({entry.title: children})
    nav.append({CHANGES_TITLE: CHANGES_PAGE})   # editors' corrections (build_edition.changelog)
    return nav


def write_jsonl(path: Path, rows) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")


def render_edition(docs: list[Document]) -> dict[str, str]:
    """All files of content/ as {relative path: text}."""
    files: dict[str, str] = {}
    pages_of: dict[str, list[Page]] = {}
    for doc in docs:
        pages = split_pages(doc)
        pages_of[doc.slug] = pages
        files[f"{doc.slug}/index.md"] = render_landing(doc, pages)
        for i, page in enumerate(pages, 1):
            files[f"{doc.slug}/{page.file}"] = render_page(page, doc, i, len(pages))
        files[f"{doc.slug}/emendations.jsonl"] = "".join(
            json.dumps(e.as_dict(), ensure_ascii=False, sort_keys=True) + "\n" for e in doc.emendations)
        files[f"{doc.slug}/removals.jsonl"] = "".join(
            json.dumps(r.as_dict(), ensure_ascii=False, sort_keys=True) + "\n" for r in doc.removals)
    files["index.md"] = render_home(docs)
    files[CHANGES_PAGE] = render_changes_page([], {}, None)   # filled in by the merge with content/
    files["_nav.yml"] = yaml.safe_dump(build_nav(docs, pages_of), allow_unicode=True, sort_keys=False)
    return files


def write_tree(files: dict[str, str], target: Path) -> None:
    """Replace ``target`` with exactly ``files``: written to a sibling temp dir first, then swapped in."""
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    try:
        for rel, text in sorted(files.items()):
            path = staging / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
        _keep_unmanaged(target, staging, files)
        old = target.parent / f".{target.name}.old-{os.getpid()}"
        if target.exists():
            os.rename(target, old)
        os.rename(staging, target)
        if old.exists():
            shutil.rmtree(old)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _keep_unmanaged(target: Path, staging: Path, files: dict[str, str]) -> None:
    """Files editors added to content/ that the pipeline does not generate (images, glossary data...) stay."""
    if not target.exists():
        return
    for path in target.rglob("*"):
        rel = path.relative_to(target).as_posix()
        if path.is_file() and rel not in files and not _generated_name(rel):
            dest = staging / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, dest)


def _generated_name(rel: str) -> bool:
    name = rel.rsplit("/", 1)[-1]
    return rel.endswith(".md") and (name == "index.md" or name[:2].isdigit()) or name in (
        "emendations.jsonl", "removals.jsonl", "_nav.yml")
