"""The print-page milestones of a document (issue 17): where a page of the printed edition began.

The removal log holds the page numbers the pipeline took out of the text (a page number at the top of
its page, a page footer at the foot of the page before). A paragraph whose print page is known carries
it as ``data-print-page`` (its attr_list: the "cite this paragraph" text gives the page), and the
paragraph where a printed page begins opens with the page's milestone, ``[69]``, linkable as
``#page-69`` (:func:`build_edition.text.markdown.milestone`). The TEI export reads the same log the
same way (:mod:`build_edition.export.tei`, ``<pb n="69"/>``), so the site and the downloads agree.
"""
from __future__ import annotations

import re
from collections.abc import Iterable


def page_number(row: dict) -> str | None:
    """The number of the printed page a removal opens: a page number stands at the top of its page
    (``29``), a page footer at the foot of the page before (``5 қаңтар 2025 ж3 бет`` ends page 3).

    >>> page_number({"rule": "remove_furniture:page_number", "text": "29"})
    '29'
    >>> page_number({"rule": "remove_furniture:page_footer", "text": "  5 қаңтар 2025 ж3 бет"})
    '4'
    >>> page_number({"rule": "remove_furniture:running_head", "text": "12"}) is None
    True
    """
    text = " ".join(str(row.get("text", "")).split())
    rule = str(row.get("rule", ""))
    if rule.endswith(":page_number") and text.isdigit():
        return text
    footer = re.search(r"(\d{1,3})\s*-?\s*бет$", text)
    if rule.endswith(":page_footer") and footer:
        return str(int(footer.group(1)) + 1)
    return None


def page_span(number: str, inside: bool) -> str:
    """The print page of a paragraph in which page ``number`` starts: inside it, the paragraph runs
    over from the page before.

    >>> page_span("69", True), page_span("69", False), page_span("1", True)
    ('68–69', '69', '1')
    """
    return f"{int(number) - 1}–{number}" if inside and int(number) >= 2 else number


def print_pages(blocks: Iterable[tuple[str, int, int, bool]], removals: list[dict]) -> dict[str, str]:
    """block id → print page ("29", "28–29") of the paragraphs where a printed page begins.

    ``blocks``: (id, first seed line, last seed line, continues a list) in reading order; ``removals``:
    the removal log (dicts with ``line``, ``rule``, ``text``). A page number standing before a
    paragraph opens that paragraph's page; one standing inside it starts the page there. Removals
    between two items of one list wait for what follows the list, as the TEI export reads them.

    >>> rows = [{"rule": "r:page_number", "text": "2", "line": 5}, {"rule": "r:page_number", "text": "3", "line": 12}]
    >>> print_pages([("p1", 1, 4, False), ("p6", 6, 9, False), ("p10", 10, 14, False)], rows)
    {'p6': '2', 'p10': '2–3'}
    """
    pending = sorted(removals, key=lambda r: (int(r.get("line", 0)), int(r.get("end_line", 0))))
    at = 0
    pages: dict[str, str] = {}
    next_page: str | None = None
    for block_id, first, last, in_list in blocks:
        if not in_list:
            while at < len(pending) and int(pending[at].get("line", 0)) < first:
                next_page = page_number(pending[at]) or next_page
                at += 1
        while at < len(pending) and first <= int(pending[at].get("line", 0)) <= last:
            number = page_number(pending[at])
            at += 1
            if number:
                pages[block_id] = page_span(number, True)
        if next_page and block_id not in pages:
            pages[block_id] = next_page
        next_page = None
    return pages
