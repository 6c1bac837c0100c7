"""MkDocs hook of the multilingual edition: the parallel view, the coverage table.

The site is built once per interface language by mkdocs-static-i18n (kk at the root, ``ru/`` and
``en/``); a page without a ``.ru.md``/``.en.md`` version is the Kazakh page with the other interface.
(Paragraph permalinks are in the Markdown of content/: :func:`build_edition.store.page_format.permalink`.)
This hook, on every page:

* in the ru/en builds, marks the page's own text ``lang="kk"`` (the ``<html>`` says ru/en) and, when
  the document has a translation into that language (``content/<doc>/translations/<lang>.yml``,
  :mod:`build_edition.store.translations`) covering a segment of the page, shows the page as a parallel
  view: one row per block, the original on the left, the translation on the right, aligned by
  segment id; a segment without a translation shows the Kazakh original marked as untranslated.
  A block that is itself the source of a translation into that language (an article's Russian
  abstract, ``from:``) moves into the translation column of its Kazakh segment, with its id, links,
  tooltips and footnote references (cut between sentences where the translation of two Kazakh
  paragraphs is one printed paragraph), so every id of the page keeps exactly one anchor. Blocks in
  another language (the English abstract in the Russian view) stay in place across both columns;
* in the kk build, says on a translated page that the parallel view exists, with links to it;
* fills the translation coverage table into ``translations.md`` (see
  :mod:`build_edition.write.translation_files`), from the translation files content/ holds now.
"""
from __future__ import annotations

import copy
import os
import re
from functools import lru_cache
from pathlib import Path, PurePosixPath

from bs4 import BeautifulSoup, NavigableString, Tag
from mkdocs.utils import get_relative_url

from build_edition.text import markdown as md
from build_edition.core.errors import EditionError
from build_edition.write.translation_files import COVERAGE_MARKER, COVERAGE_PAGE
from build_edition.store.page_format import front_matter_data, split_front
from build_edition.store.translations import (LANGUAGES, SOURCE_LANGUAGE, coverage, parse_translation,
                                        translation_path)

SEGMENT = r"p\d+(?:-\d+)?"
_SEGMENT_ID = re.compile(rf"^{SEGMENT}$")

LABELS = {
    "kk": {"original": "Түпнұсқа (қазақша)", "untranslated": "аударылмаған",
           "notice": "Бұл беттің аудармасы бар, түпнұсқамен қатар оқуға болады:",
           "document": "Құжат", "language": "Тіл", "translated": "Аударылған сегменттер", "share": "Үлесі",
           "none": "Аудармалар әлі жоқ."},
    "ru": {"original": "Оригинал (казахский)", "untranslated": "не переведено",
           "translation": "Перевод (русский)", "parallel": "Оригинал и перевод", "only": "Только перевод",
           "missing": "Эта страница пока не переведена на русский язык: ниже казахский оригинал.",
           "partial": "На русский язык переведено {done} из {total}: перевод стоит справа от оригинала, "
                      "остальное пока есть только на казахском.",
           "passages": ("фрагмента", "фрагментов"),
           "document": "Документ", "language": "Язык", "translated": "Переведённые сегменты", "share": "Доля",
           "none": "Переводов пока нет."},
    "en": {"original": "Original (Kazakh)", "untranslated": "not translated",
           "translation": "Translation (English)", "parallel": "Original and translation", "only": "Translation only",
           "missing": "This page has not been translated into English yet: the Kazakh original follows.",
           "partial": "{done} of {total} of this page are translated into English: each translation is beside "
                      "its original; the rest is in Kazakh only for now.",
           "passages": ("passage", "passages"),
           "document": "Document", "language": "Language", "translated": "Translated segments", "share": "Share",
           "none": "No translations yet."},
}
LANGUAGE_NAMES = {"kk": {"ru": "орысша", "en": "ағылшынша"}, "ru": {"ru": "русский", "en": "английский"},
                  "en": {"ru": "Russian", "en": "English"}}
NATIVE_NAMES = {"ru": "Русский", "en": "English"}


def build_language(page, config) -> str:
    """The interface language this page is being built for (mkdocs-static-i18n marks every file)."""
    return getattr(page.file, "locale_alternate_of", None) or _default_language(config)


def _default_language(config) -> str:
    plugin = config.plugins.get("i18n") if hasattr(config, "plugins") else None
    for language in getattr(getattr(plugin, "config", None), "languages", None) or []:
        if language.default:
            return language.locale
    return SOURCE_LANGUAGE


def _built_languages(config) -> list[str]:
    plugin = config.plugins.get("i18n")
    languages = getattr(getattr(plugin, "config", None), "languages", None) or []
    return [lang.locale for lang in languages if lang.build and lang.locale in LANGUAGES]


def _document_of(page) -> str | None:
    """The document folder of a text page (``<doc>/NN-….md``), else None."""
    parts = PurePosixPath(page.file.src_uri).parts
    if len(parts) == 2 and parts[1][:2].isdigit():
        return parts[0]
    return None


# -- translations, read once per build and file version ---------------------------------------------

@lru_cache(maxsize=64)
def _translation(path: str, mtime_ns: int):
    text = Path(path).read_text(encoding="utf-8")
    return parse_translation(text, path)


def load(docs_dir: str, document: str, language: str):
    path = Path(docs_dir) / translation_path(document, language)
    try:
        return _translation(str(path), path.stat().st_mtime_ns)
    except FileNotFoundError:
        return None


def translation_origins(docs_dir: str, document: str, language: str) -> dict[str, list[str]]:
    """{Kazakh segment id: ids of the document's own blocks its translation was taken from} (``from:``)."""
    translation = load(docs_dir, document, language)
    if not translation:
        return {}
    return {key: list(entry.origin) for key, entry in translation.entries.items()
            if entry.translated and entry.origin}


# -- the parallel view ------------------------------------------------------------------------------

def _segment_elements(node: Tag) -> list[Tag]:
    found = [node] if _SEGMENT_ID.match(node.get("id", "")) else []
    return found + [t for t in node.find_all(id=_SEGMENT_ID)]


def _language_of(element: Tag) -> str:
    while isinstance(element, Tag):
        if element.get("lang"):
            return element["lang"]
        element = element.parent
    return SOURCE_LANGUAGE


def _is_marker(node: Tag) -> bool:
    """A permalink, a print-page milestone or a footnote reference: not part of the text a translation
    file holds."""
    classes = node.get("class") or []
    return ("headerlink" in classes or "page-milestone" in classes or "footnote-ref" in classes
            or (node.name == "sup" and node.get("id", "").startswith("fnref")))


def _reading_text(nodes) -> str:
    """The text of ``nodes`` as a translation file has it (markers left out, whitespace not normalised)."""
    parts = []
    for node in nodes:
        if isinstance(node, NavigableString):
            parts.append(str(node))
        elif not _is_marker(node):
            parts.append(_reading_text(node.contents))
    return "".join(parts)


def _normal(text: str) -> str:
    return " ".join(text.split())


def _split_element(element: Tag, pieces: list[str], soup) -> list[Tag] | None:
    """``element`` cut into one element per piece of its text, at the whitespace between pieces.

    The first part is ``element`` itself (its id, permalink and attributes); the others are new
    elements of the same kind without id. None when the pieces are not the element's text or a cut
    would fall inside a link, a tooltip or other markup.

    >>> soup = BeautifulSoup('<p id="p1" class="x">Бір. <abbr title="т">ҚР</abbr> екі. Үш.</p>', "html.parser")
    >>> [str(e) for e in _split_element(soup.p, ["Бір. ҚР екі.", "Үш."], soup)]
    ['<p class="x" id="p1">Бір. <abbr title="т">ҚР</abbr> екі.</p>', '<p class="x">Үш.</p>']
    >>> _split_element(soup.p, ["Бір.", "Басқа мәтін."], soup) is None
    True
    """
    # the permalink (content/ puts it at the element's end) stays with the first part, which keeps the id
    links = [kid for kid in element.contents if isinstance(kid, Tag) and "segment-link" in (kid.get("class") or [])]
    kids = [kid for kid in element.contents if not any(kid is link for link in links)]
    if _normal(_reading_text(kids)) != _normal(" ".join(pieces)):
        return None
    targets = [_normal(" ".join(pieces[:n])) for n in range(1, len(pieces))]
    cuts: dict[int, list[tuple[int, int]]] = {}
    found = 0
    for index, kid in enumerate(kids):
        if found == len(targets):
            break
        if not isinstance(kid, NavigableString):
            continue
        before = _reading_text(kids[:index])
        for space in re.finditer(r"\s+", str(kid)):
            if found < len(targets) and _normal(before + str(kid)[:space.start()]) == targets[found]:
                cuts.setdefault(index, []).append(space.span())
                found += 1
    if found < len(targets):
        return None
    groups: list[list] = [[]]
    for index, kid in enumerate(kids):
        kid.extract()
        if index not in cuts:
            groups[-1].append(kid)
            continue
        text, position = str(kid), 0
        for start, end in cuts[index]:
            if start > position:
                groups[-1].append(NavigableString(text[position:start]))
            groups.append([])
            position = end
        if position < len(text):
            groups[-1].append(NavigableString(text[position:]))
    element.extend(groups[0] + [link.extract() for link in links])
    parts = [element]
    for group in groups[1:]:
        attrs = {k: (list(v) if isinstance(v, list) else v) for k, v in element.attrs.items()
                 if k not in ("id", "data-lines")}
        part = soup.new_tag(element.name, attrs=attrs)
        part.extend(group)
        parts.append(part)
    return parts


def _printed_translations(soup, texts: dict[str, str], origins: dict[str, list[str]],
                          language: str) -> dict[str, list[Tag]]:
    """{Kazakh segment id: the page's own blocks that are its translation}, taken out of the page.

    A Kazakh paragraph whose translation is one printed block (or several, joined) gets those blocks;
    Kazakh paragraphs that share one printed block (its translation was cut between sentences) get
    one part each. Only when the translation file still has the printed text: a translation the
    translator has changed is shown from the file, and the printed block stays where it is.
    """
    elements = {node["id"]: node for node in soup.contents
                if isinstance(node, Tag) and _SEGMENT_ID.match(node.get("id", ""))
                and not node.find(id=_SEGMENT_ID)}
    position = {key: n for n, key in enumerate(elements)}
    keys = sorted((k for k in origins if k in elements and k in texts), key=position.__getitem__)
    users: dict[str, list[str]] = {}
    for key in keys:
        for source in origins[key]:
            users.setdefault(source, []).append(key)
    out: dict[str, list[Tag]] = {}
    for key in keys:
        if key in out:
            continue
        sources = origins[key]
        if not all(s in elements and _language_of(elements[s]) == language for s in sources):
            continue
        if len(sources) == 1 and len(users[sources[0]]) > 1:
            sharing = users[sources[0]]
            if any(origins[k] != sources for k in sharing):
                continue
            parts = _split_element(elements[sources[0]], [texts[k] for k in sharing], soup)
            if parts is None:
                continue
            placed = dict(zip(sharing, ([part] for part in parts)))
        else:
            if any(users[s] != [key] for s in sources) or \
                    _normal(" ".join(_reading_text(elements[s].contents) for s in sources)) != _normal(texts[key]):
                continue
            placed = {key: [elements[s] for s in sources]}
        for translated, parts in placed.items():
            for part in parts:
                part.extract()
                part["data-translation-of"] = translated
                part["lang"] = language
                if part.name == "h1":                  # one page title
                    part.name = "p"
                    part["class"] = part.get("class", []) + ["parallel-title"]
            out[translated] = parts
    return out


def _classed(name: str | None, *selectors: str):
    """A find_all filter for CSS selectors of classes (``"a.headerlink"``, ``".parallel-row.translated"``):
    the elements one of ``selectors`` matches, without soupsieve, which took half the time of the
    parallel view.

    >>> soup = BeautifulSoup('<a class="headerlink x">1</a><b class="headerlink">2</b><a class="page-milestone">3</a>'
    ...                      '<div class="parallel-row untranslated">4</div><div class="parallel-row">5</div>', "html.parser")
    >>> [t.text for t in soup.find_all(_classed("a", ".headerlink"))], [t.text for t in soup.find_all(_classed("a", ".headerlink", ".page-milestone"))]
    (['1'], ['1', '3'])
    >>> [t.text for t in soup.find_all(_classed(None, ".parallel-row.translated", ".parallel-row.untranslated"))]
    ['4']
    """
    wanted = [frozenset(selector.split(".")[1:]) for selector in selectors]

    def matches(tag: Tag) -> bool:
        if name is not None and tag.name != name:
            return False
        classes = tag.get("class") or ()
        return any(all(c in classes for c in required) for required in wanted)
    return matches


def _translated_clone(node: Tag, texts: dict[str, str], language: str, labels: dict, soup) -> Tag:
    clone = copy.copy(node)
    for element in _segment_elements(clone):
        key = element["id"]
        for attr in ("id", "data-lines", "data-print-page"):
            element.attrs.pop(attr, None)
        element["data-translation-of"] = key
        if key in texts:
            element.clear()
            element.append(texts[key])
            element["lang"] = language
        else:
            for link in element.find_all(_classed("a", ".headerlink", ".page-milestone")):
                link.decompose()
            kept = soup.new_tag("span", attrs={"class": "untranslated-text", "lang": SOURCE_LANGUAGE})
            kept.extend(list(element.contents))
            badge = soup.new_tag("span", attrs={"class": "untranslated-label"})
            badge.string = labels["untranslated"]
            element.clear()
            element.extend([badge, kept])
            element["class"] = element.get("class", []) + ["untranslated"]
    for link in clone.find_all(_classed("a", ".headerlink")):
        link.decompose()
    for element in clone.find_all(id=True):        # ids stay unique: only the original column has them
        del element["id"]
    if clone.name == "h1":                         # one page title
        clone.name = "p"
        clone["class"] = clone.get("class", []) + ["parallel-title"]
    return clone


def translation_summary(done: int, total: int, language: str) -> str:
    """The one sentence above a partly translated page.

    >>> translation_summary(3, 41, "ru")
    'На русский язык переведено 3 из 41 фрагмента: перевод стоит справа от оригинала, остальное пока есть только на казахском.'
    >>> translation_summary(3, 40, "en")
    '3 of 40 passages of this page are translated into English: each translation is beside its original; the rest is in Kazakh only for now.'
    """
    labels = LABELS[language]
    one, many = labels["passages"]
    if language == "ru":
        noun = one if total % 10 == 1 and total % 100 != 11 else many
        return labels["partial"].format(done=done, total=f"{total} {noun}")
    return labels["partial"].format(done=done, total=f"{total} {one if total == 1 else many}")


def parallel_view(html: str, texts: dict[str, str], language: str,
                  origins: dict[str, list[str]] | None = None) -> str:
    """The page's blocks as rows: original | translation (see the module docstring).

    ``texts``: {Kazakh segment id: its translation}; ``origins``: {Kazakh segment id: ids of the
    page's blocks its translation was taken from}.

    >>> out = parallel_view('<p data-lines="1-1" id="p1">Сәлем</p><p id="p2">Әлем</p><hr>',
    ...                     {"p1": "Привет"}, "ru")
    >>> "Привет" in out and 'data-translation-of="p1" lang="ru"' in out and 'class="untranslated"' in out
    True

    The printed translation moves beside its original, keeping its id:

    >>> out = parallel_view('<p id="p1">Сәлем</p><p id="p2" lang="ru">Привет</p><p id="p3" lang="en">Hello</p>',
    ...                     {"p1": "Привет"}, "ru", {"p1": ["p2"]})
    >>> [(row["class"][-1], [e["id"] for e in row.find_all(id=True)]) for row in
    ...  BeautifulSoup(out, "html.parser").select(".parallel-row")]
    [('translated', ['p1', 'p2']), ('parallel-wide', ['p3'])]
    """
    labels = LABELS[language]
    soup = BeautifulSoup(html, "html.parser")
    printed = _printed_translations(soup, texts, origins or {}, language)
    view = soup.new_tag("div", attrs={"class": "parallel", "data-parallel-lang": language})
    head = soup.new_tag("div", attrs={"class": "parallel-head", "lang": language})
    for text in (labels["original"], labels["translation"]):
        cell = soup.new_tag("div")
        cell.string = text
        head.append(cell)
    toggle = soup.new_tag("button", attrs={"type": "button", "class": "md-button parallel-toggle", "lang": language,
                                           "data-parallel-toggle": "", "hidden": "",
                                           "data-label-parallel": labels["parallel"],
                                           "data-label-only": labels["only"]})
    toggle.string = labels["only"]
    view.append(toggle)
    view.append(head)
    for node in list(soup.contents):
        if isinstance(node, NavigableString):
            if node.strip():
                row = soup.new_tag("div", attrs={"class": "parallel-row parallel-wide"})
                row.append(node.extract())
                view.append(row)
            else:
                node.extract()
            continue
        node = node.extract()
        elements = _segment_elements(node)
        segments = [e["id"] for e in elements]
        # a block that is not Kazakh (an abstract in the other language) is shown as it is
        if not segments or all(_language_of(e) != SOURCE_LANGUAGE for e in elements):
            row = soup.new_tag("div", attrs={"class": "parallel-row parallel-wide"})
            row.append(node)
            view.append(row)
            continue
        done = any(s in texts for s in segments)
        row = soup.new_tag("div", attrs={"class": f"parallel-row {'translated' if done else 'untranslated'}",
                                         "data-segment": segments[0]})
        original = soup.new_tag("div", attrs={"class": "parallel-original", "lang": SOURCE_LANGUAGE})
        original.append(node)
        translation = soup.new_tag("div", attrs={"class": "parallel-translation", "lang": language})
        if segments[0] in printed and len(segments) == 1:
            translation.extend(printed[segments[0]])
        else:
            translation.append(_translated_clone(node, texts, language, labels, soup))
        row.extend([original, translation])
        view.append(row)
    rows = view.find_all(_classed(None, ".parallel-row.translated", ".parallel-row.untranslated"))
    done = len(view.find_all(_classed(None, ".parallel-row.translated")))
    if done < len(rows):
        summary = soup.new_tag("p", attrs={"class": "parallel-summary", "lang": language})
        summary.string = translation_summary(done, len(rows), language)
        toggle.insert_before(summary)
    return str(view)


def _translation_notice(page, config, languages: list[str]) -> str:
    labels = LABELS["kk"]
    links = []
    for language in languages:
        href = get_relative_url(f"{language}/{page.url}" if page.url else f"{language}/", page.url or ".")
        links.append(f'<a href="{href}" hreflang="{language}" lang="{language}">{NATIVE_NAMES[language]}</a>')
    return f'<p class="translation-notice">{labels["notice"]} {", ".join(links)}.</p>\n'


# -- the coverage table ------------------------------------------------------------------------------

def _format_share(share: float, language: str) -> str:
    text = f"{share * 100:.1f}"
    return (text if language == "en" else text.replace(".", ",")) + "\u00a0%"


def _document_titles(docs_dir: Path) -> dict[str, str]:
    import yaml

    titles = {}
    for index in sorted(docs_dir.glob("*/index.md")):
        text = index.read_text(encoding="utf-8")
        try:
            front = front_matter_data(split_front(text))
        except yaml.YAMLError:
            front = None
        if isinstance(front, dict) and front.get("title"):
            titles[index.parent.name] = str(front["title"])
    return titles


# {docs folder: (document titles, coverage rows)}: the same for the three interface languages of a
# build, so worked out once per `mkdocs build` (emptied by on_pre_build of the default language)
_coverage_of_build: dict[str, tuple[dict[str, str], list]] = {}


def coverage_table(docs_dir: Path, language: str) -> str:
    """The coverage of every document and translation language as a Markdown table."""
    labels = LABELS[language]
    names = LANGUAGE_NAMES[language]
    key = os.fspath(docs_dir)
    if key not in _coverage_of_build:
        _coverage_of_build[key] = (_document_titles(docs_dir), coverage(docs_dir))
    titles, rows = _coverage_of_build[key]
    if not rows:
        return labels["none"]
    out = [f"| {labels['document']} | {labels['language']} | {labels['translated']} | {labels['share']} |",
           "| --- | --- | ---: | ---: |"]
    for row in rows:
        title = md.escape(titles.get(row.document, row.document)).replace("|", "\\|")     # a table cell
        out.append(f'| [{title}]({row.document}/index.md){{: lang="{SOURCE_LANGUAGE}" }} | {names[row.language]} | '
                   f"{row.translated} / {row.total} | {_format_share(row.share, language)} |")
    return "\n".join(out)


# -- MkDocs events ----------------------------------------------------------------------------------

def on_page_markdown(markdown, page, config, files, **kwargs):
    language = build_language(page, config)
    if PurePosixPath(page.file.src_uri).name.split(".")[0] == COVERAGE_PAGE.split(".")[0] \
            and COVERAGE_MARKER in markdown:
        return markdown.replace(COVERAGE_MARKER, coverage_table(Path(config["docs_dir"]), language))
    document = _document_of(page)
    if document and language in LANGUAGES:
        translation = load(config["docs_dir"], document, language)
        if translation and translation.translated_ids():
            page.meta.setdefault("hide", ["toc"])       # both columns need the width of the table of contents
    return markdown


def on_page_content(html, page, config, files, **kwargs):
    language = build_language(page, config)
    document = _document_of(page)
    if language != SOURCE_LANGUAGE:
        if document and language in LANGUAGES:
            translation = load(config["docs_dir"], document, language)
            texts = {k: e.text.strip() for k, e in translation.entries.items() if e.translated} if translation else {}
            if texts and any(f'id="{key}"' in html for key in texts):
                html = parallel_view(html, texts, language, translation_origins(config["docs_dir"], document, language))
        if getattr(page.file, "locale", SOURCE_LANGUAGE) == SOURCE_LANGUAGE:    # the Kazakh page, not a .ru.md
            if document and language in LANGUAGES and 'class="parallel"' not in html:
                # one sentence, under the page's title, instead of a Kazakh page with no word of explanation
                missing = f'<p class="translation-missing" lang="{language}">{LABELS[language]["missing"]}</p>\n'
                title_end = html.find("</h1>")
                at = title_end + len("</h1>") if title_end >= 0 else 0
                html = html[:at] + "\n" + missing + html[at:]
            html = f'<div class="edition-text" lang="{SOURCE_LANGUAGE}">\n{html}\n</div>'
        return html
    if document:
        translated = []
        for other in _built_languages(config):
            translation = load(config["docs_dir"], document, other)
            if translation and any(f'id="{key}"' in html for key in translation.translated_ids()):
                translated.append(other)
        if translated:
            html = _translation_notice(page, config, translated) + html
    return html


def on_pre_build(config, **kwargs):
    if getattr(config.plugins.get("i18n"), "building", False):
        return          # the ru/en builds of the same run: content/ was read and checked for the default one
    _coverage_of_build.clear()
    # a translation file an editor broke stops the build with its file and line, not a traceback later
    docs_dir = Path(config["docs_dir"])
    for path in sorted(docs_dir.glob(f"*/{translation_path('*', '*').split('/', 1)[1]}")):
        try:
            parse_translation(path.read_text(encoding="utf-8"), os.fspath(path))
        except EditionError as exc:
            from mkdocs.exceptions import PluginError
            raise PluginError(str(exc)) from None
