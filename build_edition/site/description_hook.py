"""MkDocs hook: each page its own meta description, for search engines and link previews (issue 21).

The front matter's ``description`` where the pipeline wrote one (landing pages, index of names,
glossary; i18n_hook.py puts the catalogue's translation there in the ru/en interfaces), after the
page's title on the index of names and the glossary when it is a short label other pages share
("Орталық Азиядағы мемлекет"); else the page's first paragraph of text (at least 40 characters, not
a notice or a masthead, without footnote numbers or print-page marks; in a ru/en parallel view the
first translated one), cut at a word near 200 characters; else the title and the site's description.

Material prints ``page.meta.description`` as it is (its templates do not escape), so the text set
here is escaped. In Python rather than in the page template: the template engine of Material's
successor (Zensical) has no string methods, and a renderer without this hook keeps the front
matter's description or the site's.
"""
from __future__ import annotations

from markupsafe import Markup, escape

# paragraphs that are not the page's text: labels, notices, parallel-view furniture, mastheads, captions
NOT_TEXT = ("chapter-label", "notice", "parallel-", "translation-", "untranslated", "journal", "udc", "caption",
            "edition-print")
PARAGRAPHS_LOOKED_AT = 40
MIN_LENGTH = 40
LENGTH, LEEWAY, END = 200, 20, "…"
SHORT_LABEL = 100


def _plain(markup: str) -> str:
    return Markup(markup).striptags()


def truncate(text: str) -> str:
    """Cut at a word near 200 characters (as Jinja's ``truncate(200, False, "…", 20)``).

    >>> truncate("сөз " * 60)[-4:], len(truncate("сөз " * 60)), truncate("қысқа")
    ('сөз…', 196, 'қысқа')
    """
    if len(text) <= LENGTH + LEEWAY:
        return text
    return text[:LENGTH - len(END)].rsplit(" ", 1)[0] + END


def _without_marks(body: str) -> str:
    """A paragraph's HTML without footnote numbers (``<sup>``) and print-page milestones."""
    pieces = body.replace('<a class="page-milestone"', "<sup").split("<sup")
    return pieces[0] + "".join(piece.split("</sup>", 1)[-1] if "</sup>" in piece else piece.split("</a>", 1)[-1]
                               for piece in pieces[1:])


def first_paragraph(html: str, translated_only: bool = False) -> str:
    """The text of the page's first paragraph of at least 40 characters that is the page's text.

    >>> first_paragraph('<p class="notice">Бұл беттің аудармасы бар, түпнұсқамен қатар оқуға болады.</p>'
    ...                 '<p id="p3">Қазақстан Республикасы<sup id="fnref:1"><a href="#fn:1">1</a></sup> '
    ...                 '<a class="page-milestone" href="#page-7">[7]</a>тәуелсіздігінің отыз жылы ішінде.</p>')
    'Қазақстан Республикасы тәуелсіздігінің отыз жылы ішінде.'
    >>> first_paragraph('<p>Қысқа.</p>')
    ''
    """
    for chunk in html.split("</p>")[:PARAGRAPHS_LOOKED_AT]:
        parts = chunk.rsplit("<p", 1)
        if len(parts) != 2 or parts[1][:1] not in (" ", ">") or ">" not in parts[1]:
            continue
        opening, body = parts[1].split(">", 1)
        if any(mark in opening for mark in NOT_TEXT) or (translated_only and 'data-translation-of="' not in opening):
            continue
        text = _plain(_without_marks(body))
        if len(text) >= MIN_LENGTH:
            return truncate(text)
    return ""


def page_description(html: str, meta: dict, title: str, is_homepage: bool, language: str,
                     site_description: str) -> str | None:
    """The page's meta description, escaped, or None where the front matter's (or the site's) stands.

    >>> page_description("", {"description": "Орталық Азиядағы мемлекет"}, "Қырғызстан", False, "kk", "Сайт")
    'Қырғызстан — Орталық Азиядағы мемлекет'
    >>> page_description('<p>Парламент &amp; Үкімет "жаңа" заң жобасын талқылады, ол ертең қабылданады.</p>',
    ...                  {}, "Жаңалық", False, "kk", "Сайт")
    'Парламент &amp; Үкімет &#34;жаңа&#34; заң жобасын талқылады, ол ертең қабылданады.'
    >>> page_description("<p>Қысқа.</p>", {}, "Бет", False, "kk", "Сайт"), page_description("", {}, "Бет", True, "kk", "С")
    ('Бет — Сайт', None)
    """
    title = _plain(title) if title else ""
    text = ""
    if meta.get("description"):
        own = _plain(str(meta["description"]))
        if title and not is_homepage and not meta.get("document") and len(own) < SHORT_LABEL and title not in own:
            text = f"{title} — {own}"
    elif html:
        text = first_paragraph(html, translated_only=language != "kk" and 'data-translation-of="' in html)
        if not text and title and not is_homepage:
            text = f"{title} — {site_description}"
    return str(escape(text)) if text else None


def on_page_context(context, page, config, **kwargs):
    text = page_description(page.content or "", page.meta or {}, page.title or "", page.is_homepage,
                            config["theme"]["language"], config.get("site_description") or "")
    if text is not None:
        page.meta["description"] = text
    return context
