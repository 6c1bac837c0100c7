"""MkDocs hook: the site works wherever it is served, in each interface language (issue 21).

- **No made-up address.** ``site_url`` comes only from CI (the GitHub Pages address). Without it there
  is no sitemap (its entries must be absolute addresses) and no canonical link (MkDocs writes none), and
  every link in a page is relative, so ``make serve``, a file server or a sub-folder all work.
- **Language links.** mkdocs.yml lists the interfaces' home pages relative to the site root; the i18n
  plugin replaces them on each page with that page's translation. Material also prints them as
  ``<link rel="alternate" hreflang>`` in the head, and its script then fetches ``sitemap.xml`` beside
  each of them (``…/ru/book/chapter/sitemap.xml``: one failed request per language on every page) to
  remap the switcher's links, which the i18n plugin has already pointed at the right page. Those head
  links are removed; the language alternates of every page are in the sitemap instead (the i18n
  plugin's sitemap, written when the address is known), which search engines read the same way.
- **The 404 page** is written per interface: the Kazakh one at the site root (the page static hosts
  serve for every missing address), the Russian and English ones in ``ru/404.html`` and ``en/404.html``
  (the i18n plugin would write each over the root one). A 404 page is served at any address, so its
  links are absolute: from the site's address when known, else from the root of the host; its language
  links lead to the interfaces' home pages (not to whatever page was rendered last).
- **Russian and English interfaces.** The writer's ``content/_nav_translations.yml`` (navigation labels,
  document tabs from the catalogue's translations: :mod:`build_edition.write.interface_translations`)
  becomes the i18n plugin's ``nav_translations``; a landing page shows its translated title
  (``title_ru``/``title_en`` in its front matter) above the Kazakh one; heading links are titled in
  the interface language.
- **What the Russian and English interfaces build** (issue 18). Each interface builds its own pages
  (``index.ru.md``...), the reference pages (glossary, the lists of the index of names, changes), every
  document's landing page and the reading pages that hold a segment translated into that language (the
  parallel view). Text without a translation is read in Kazakh only: its pages, and the index of names'
  page of each name, are not copied into ``ru/`` and ``en/`` (such copies were two fifths of the site
  and of the build time); a ru/en landing page says so in one sentence and links to the Kazakh pages,
  the navigation lists such a document by its landing page, every link to a page the interface does not
  build leads to the Kazakh page, and the language switcher of a Kazakh page that has no ru/en version
  leads to the ru/en landing page of its document (or of the index of names).
- **One compilation of the theme.** The three builds of one run share the templates Jinja compiled
  (:mod:`build_edition.site.template_cache`, in memory): each build used to compile them all again.
"""
from __future__ import annotations

import copy
import html
import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from markupsafe import escape
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

from build_edition.site.search.pages import page_url
from build_edition.site.template_cache import share_compiled_templates
from build_edition.store.translations import load_translation
from build_edition.write.labels import MILESTONE_LABEL, PERMALINK_LABEL

_HREFLANG_LINK = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')


NAV_TRANSLATIONS = "_nav_translations.yml"
SOURCE_LANGUAGE = "kk"
HEADING_LINK_TITLE = {"kk": "Осы бөлімге сілтеме", "ru": "Ссылка на этот раздел", "en": "Link to this section"}
# the ¶ of a paragraph and the tooltip of a print-page milestone, written in Kazakh into content/
# (build_edition/write/labels.py), in the interface's language
PARAGRAPH_LINK_TITLE = {"ru": "Ссылка на этот абзац", "en": "Link to this paragraph"}
MILESTONE_TITLE = {"ru": "Здесь начинается страница {n} печатного издания", "en": "Page {n} of the printed edition begins here"}
_HEADERLINK = re.compile(r'<a\b[^>]*\bclass="headerlink[ "][^>]*>')
_LANG = re.compile(r'\slang="[^"]*"')
_MILESTONE_TITLE = re.compile('title="' + re.escape(MILESTONE_LABEL).replace(re.escape("{n}"), r"(\d+)") + '"')
ORIGINAL_TITLE = {"ru": "Оригинальное название", "en": "Original title"}


def on_config(config, **kwargs):
    """The writer's navigation labels join the i18n plugin's ``nav_translations`` of each language."""
    plugin = _i18n(config)
    path = Path(config.docs_dir) / NAV_TRANSLATIONS
    if plugin is None or not path.is_file():
        return config
    table = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    for language in plugin.config.languages:
        labels = table.get(language.locale) or {}
        # keys as the navigation holds them by then (escaped: build_edition/site/policy_hook.py), values text
        language["nav_translations"] = {**(language.nav_translations or {}),
                                        **{str(escape(k)): escape(v) for k, v in labels.items()}}
    return config


def _language(config) -> str:
    plugin = _i18n(config)
    return getattr(plugin, "current_language", None) or SOURCE_LANGUAGE


def on_page_markdown(markdown, page, config, **kwargs):
    language = _language(config)
    title = page.meta.get(f"title_{language}")
    if isinstance(title, str) and title.strip():
        page.meta["original_title"] = page.meta.get("title")
        page.meta["title"] = page.title = title
    description = page.meta.get(f"description_{language}")
    if isinstance(description, str) and description.strip():
        page.meta["description"] = description          # the page's meta description in that interface
    plugin = _i18n(config)
    if plugin is not None and language != plugin.default_language:
        markdown = redirect_links(markdown, _norm(page.file), page.url,
                                  lambda src: _built_in(src, language, plugin))
    return markdown


def translated_heading(page_html: str, title: str, original: str, language: str, description: str = "") -> str:
    """The page's first heading in the interface language, the Kazakh title under it (then the
    translated description, if any).

    >>> translated_heading('<div lang="kk"><h1 id="a">Атауы</h1><p>Мәтін</p></div>', "Название", "Атауы", "ru")
    '<div lang="kk"><h1 id="a" lang="ru">Название</h1><p class="edition-original-title" lang="ru">Оригинальное название: <span lang="kk">Атауы</span></p><p>Мәтін</p></div>'
    """
    def replace(m: re.Match) -> str:
        return (f'<h1{m.group(1)} lang="{language}">{html.escape(title, quote=False)}</h1>'
                f'<p class="edition-original-title" lang="{language}">{ORIGINAL_TITLE[language]}: '
                f'<span lang="{SOURCE_LANGUAGE}">{html.escape(original, quote=False)}</span></p>'
                + (f'<p class="lead" lang="{language}">{html.escape(description, quote=False)}</p>' if description else ""))
    return re.sub(r"<h1((?:\s[^>]*)?)>.*?</h1>", replace, page_html, count=1, flags=re.S)


def on_page_content(page_html, page, config, **kwargs):
    language = _language(config)
    if language == SOURCE_LANGUAGE or language not in HEADING_LINK_TITLE:
        return page_html
    page_html = interface_labels(page_html, language)
    original = page.meta.get("original_title")
    if isinstance(original, str) and language in ORIGINAL_TITLE:
        description = page.meta.get(f"description_{language}")
        page_html = translated_heading(page_html, str(page.meta["title"]), original, language,
                                       description if isinstance(description, str) else "")
    document = page.meta.get("document")
    if isinstance(document, str) and _norm(page.file) == f"{document}/index.md" and language in NOT_TRANSLATED:
        plugin = _i18n(config)
        pages = [p.name for p in sorted((Path(config.docs_dir) / document).glob("[0-9][0-9]*.md"))
                 if p.name.count(".") == 1]
        built = sum(_built_in(f"{document}/{name}", language, plugin) for name in pages)
        if built < len(pages):
            href = html.escape(get_relative_url(kazakh_url(f"{document}/index.md"), page.url))
            sentence = (PARTLY_TRANSLATED if built else NOT_TRANSLATED)[language].format(href=href)
            page_html = after_title(page_html, f'<p class="translation-missing" lang="{language}">{sentence}</p>')
    return page_html


def interface_labels(page_html: str, language: str) -> str:
    """The labels content/ writes in Kazakh on links that carry no text (a heading's and a paragraph's
    ¶, a print page's [69]), in the interface's language.

    >>> interface_labels('<a class="headerlink segment-link" aria-label="Осы абзацқа сілтеме" '
    ...                  'title="Осы абзацқа сілтеме"></a><a class="page-milestone" '
    ...                  'title="Баспа нұсқасының 25-беті осы жерден басталады">[25]</a>', "en")
    '<a class="headerlink segment-link" aria-label="Link to this paragraph" title="Link to this paragraph" lang="en"></a><a class="page-milestone" title="Page 25 of the printed edition begins here">[25]</a>'
    >>> interface_labels('<h2 lang="kk">Кіріспе<a class="headerlink" href="#x" title="Осы бөлімге сілтеме" lang="kk">¶</a></h2>', "ru")
    '<h2 lang="kk">Кіріспе<a class="headerlink" href="#x" title="Ссылка на этот раздел" lang="ru">¶</a></h2>'
    """
    page_html = page_html.replace(f'title="{HEADING_LINK_TITLE[SOURCE_LANGUAGE]}"', f'title="{HEADING_LINK_TITLE[language]}"')
    for attribute in ("aria-label", "title"):
        page_html = page_html.replace(f'{attribute}="{PERMALINK_LABEL}"', f'{attribute}="{PARAGRAPH_LINK_TITLE[language]}"')
    page_html = _MILESTONE_TITLE.sub(lambda m: 'title="' + MILESTONE_TITLE[language].format(n=m.group(1)) + '"', page_html)
    # a ¶ has no text, only its label: the label's language, not that of the (Kazakh) block it stands in
    return _HEADERLINK.sub(lambda m: _LANG.sub("", m.group(0))[:-1] + f' lang="{language}">', page_html)


def after_title(page_html: str, block: str) -> str:
    """``block`` after the page's title and what stands under it (original title, lead paragraph).

    >>> after_title('<h1>T</h1><p class="edition-original-title">O</p><p class="lead">L</p><p>x</p>', '<p>N</p>')
    '<h1>T</h1><p class="edition-original-title">O</p><p class="lead">L</p>\\n<p>N</p>\\n<p>x</p>'
    """
    end = page_html.find("</h1>")
    at = end + len("</h1>") if end >= 0 else 0
    for pattern in (r'\s*<p class="edition-original-title"[^>]*>.*?</p>', r'\s*<p class="lead"[^>]*>.*?</p>'):
        m = re.compile(pattern, re.S).match(page_html, at)
        if m:
            at = m.end()
    return page_html[:at] + "\n" + block + "\n" + page_html[at:]


def drop_hreflang_links(html: str) -> str:
    """Remove Material's language alternates from the head (feeds and other alternates stay).

    >>> drop_hreflang_links('<head>\\n  <link rel="alternate" href="../ru/x/" hreflang="ru">\\n'
    ...                     '  <link rel="alternate" type="application/rss+xml" href="f.xml">\\n</head>')
    '<head>\\n  <link rel="alternate" type="application/rss+xml" href="f.xml">\\n</head>'
    """
    head, sep, body = html.partition("</head>")
    return _HREFLANG_LINK.sub("", head) + sep + body


def on_post_page(output, page, config, **kwargs):
    return drop_hreflang_links(output)


def _i18n(config):
    return config.plugins.get("i18n")


def site_root_path(site_url: str | None) -> str:
    """The absolute path of the site's root on its host, for pages served at any address (the 404 page).

    >>> site_root_path("https://owner.github.io/edition/"), site_root_path("https://example.net"), site_root_path(None)
    ('/edition/', '/', '/')
    """
    path = urlsplit(site_url or "/").path or "/"
    return path if path.endswith("/") else path + "/"


def language_home_links(alternates: list[dict], root: str) -> list[dict]:
    """The switcher's entries with absolute links to each interface's home page.

    >>> language_home_links([{"name": "Қазақша", "link": "./", "lang": "kk"},
    ...                      {"name": "Русский", "link": "ru/", "lang": "ru"}], "/edition/")
    [{'name': 'Қазақша', 'link': '/edition/', 'lang': 'kk'}, {'name': 'Русский', 'link': '/edition/ru/', 'lang': 'ru'}]
    """
    links = []
    for alternate in alternates:
        link = alternate["link"]
        if not re.match(r"^([a-z][a-z0-9+.-]*:|/)", link, re.I):
            link = root + re.sub(r"^(\./)+", "", link)
        links.append({**alternate, "link": link})
    return links


def on_env(env, config, files, **kwargs):
    return share_compiled_templates(env)


def on_template_context(context, template_name, config, **kwargs):
    plugin = _i18n(config)
    if template_name == "404.html" and plugin is not None and getattr(plugin, "extra_alternate", None):
        # an attribute, as the i18n plugin sets it on each page (it hides the mapping's item of that name)
        config.extra.alternate = language_home_links(plugin.extra_alternate, site_root_path(config.site_url))
    return context


def on_post_template(output_content, template_name, config, **kwargs):
    if template_name == "sitemap.xml" and not config.site_url:
        return ""       # MkDocs writes no sitemap.xml (nor .gz) for an empty template
    if template_name != "404.html":
        return output_content
    output_content = drop_hreflang_links(output_content)
    plugin = _i18n(config)
    if plugin is None:
        return output_content
    language = plugin.current_language
    if language == plugin.default_language:
        return output_content
    target = Path(config.site_dir) / language / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output_content, encoding="utf-8")
    return ""           # written nothing at the root, which keeps the Kazakh page


# -- what the Russian and English interfaces build -----------------------------------------------------

# Pages read in Kazakh only unless translated: a document's reading pages, and the index of names' page of
# each name (its lists stay: the reference tab of every interface); the others are built in every interface.
_READING_PAGE = re.compile(r"^[^/]+/\d\d[^/]*\.md$|^entities/(?!(?:index|persons|organisations|places)\.md$)[^/]+\.md$")
NOT_TRANSLATED = {
    "ru": 'Этот текст не переведён на русский язык, поэтому его страницы есть только в '
          '<a href="{href}" hreflang="kk">казахской версии издания</a>; оглавление ниже ведёт туда же.',
    "en": 'This text has not been translated into English, so its pages are only in the '
          '<a href="{href}" hreflang="kk">Kazakh edition</a>; the contents below lead there too.',
}
PARTLY_TRANSLATED = {
    "ru": 'На русский язык переведена только часть этого текста: страницы с переводом открываются здесь, '
          'остальные — в <a href="{href}" hreflang="kk">казахской версии издания</a>.',
    "en": 'Only part of this text has been translated into English: the pages with a translation open here, '
          'the others in the <a href="{href}" hreflang="kk">Kazakh edition</a>.',
}


_SEGMENT_ID = re.compile(r"\{:?[^}\n]*#(p\d+(?:-\d+)?)\b")


def translated_pages(docs_dir: Path, language: str) -> set[str]:
    """The reading pages (``doc/NN-….md``) that an interface builds: those holding a segment translated
    into ``language`` (every page of a translated document instead cost as much as copying all pages, as
    the book is one: measured in the commit that chose this, 4a830f2)."""
    found = set()
    for path in sorted(docs_dir.glob(f"*/translations/{language}.yml")):
        document = path.parent.parent.name
        translation = load_translation(docs_dir, document, language)
        ids = translation.translated_ids() if translation is not None else set()
        if not ids:
            continue
        for page in sorted((docs_dir / document).glob("[0-9][0-9]*.md")):
            if page.name.count(".") > 1:
                continue                                    # a page's own translation (NN-….ru.md)
            if ids & set(_SEGMENT_ID.findall(page.read_text(encoding="utf-8"))):
                found.add(f"{document}/{page.name}")
    return found


def is_built(src_uri: str, translated: set[str]) -> bool:
    """Whether the interface whose translated reading pages are ``translated`` builds the Kazakh page
    ``src_uri`` (as a fallback: its own ``.ru.md`` pages are always built).

    >>> [is_built(p, {"book/02-b.md"}) for p in ("index.md", "glossary.md", "entities/persons.md", "news/index.md",
    ...                                          "entities/abai.md", "news/01-text.md", "book/01-a.md", "book/02-b.md")]
    [True, True, True, True, False, False, False, True]
    """
    return not _READING_PAGE.match(src_uri) or src_uri in translated


def kazakh_url(src_uri: str) -> str:
    """The address of a Kazakh page relative to the site root (directory URLs).

    >>> kazakh_url("index.md"), kazakh_url("news/index.md"), kazakh_url("news/01-text.md")
    ('./', 'news/', 'news/01-text/')
    """
    return page_url(src_uri) or "./"


def prune_nav(nav, keep):
    """The navigation without the pages ``keep`` refuses; a section left empty goes too.

    >>> prune_nav([{"Home": "index.md"}, {"News": ["news/index.md", {"One": "news/01-a.md"}]},
    ...            {"Gone": ["x/01-a.md"]}], lambda src: not src.endswith("01-a.md"))
    [{'Home': 'index.md'}, {'News': ['news/index.md']}]
    """
    if isinstance(nav, str):
        return nav if keep(nav) else None
    if isinstance(nav, dict):
        out = {}
        for title, value in nav.items():
            kept = prune_nav(value, keep)
            if kept not in (None, []):
                out[title] = kept
        return out or None
    if isinstance(nav, list):
        return [item for item in (prune_nav(i, keep) for i in nav) if item not in (None, [], {})]
    return nav


_MD_LINK = re.compile(r"(\]\()([^()\s<>]+?\.md)(#[^()\s]*)?(\))")


def redirect_links(markdown: str, src_uri: str, page_url: str, built) -> str:
    """Links to Kazakh pages this interface does not build lead to the Kazakh page itself.

    >>> redirect_links("[a](../news/01-a.md#p3) [b](01-b.md) [c](../index.md)", "book/index.md", "ru/book/",
    ...                lambda src: src != "news/01-a.md")
    '[a](../../news/01-a/#p3) [b](01-b.md) [c](../index.md)'
    """
    base = posixpath.dirname(src_uri)

    def fix(m: re.Match) -> str:
        target = m.group(2)
        if "://" in target or target.startswith("/"):
            return m.group(0)
        resolved = posixpath.normpath(posixpath.join(base, target))
        if resolved.startswith("../") or built(resolved):
            return m.group(0)
        return f"{m.group(1)}{get_relative_url(kazakh_url(resolved), page_url)}{m.group(3) or ''}{m.group(4)}"
    return _MD_LINK.sub(fix, markdown)


# {language: the reading pages translated into it}, worked out by the default build's on_files for all interfaces
_translated: dict[str, set[str]] = {}
# {id(config): the navigation of the Kazakh interface}: each interface's navigation is cut from it
_full_nav: dict[int, object] = {}


def _norm(file) -> str:
    return getattr(file, "norm_src_uri", None) or file.src_uri


def _built_in(src_uri: str, language: str, plugin) -> bool:
    return language == plugin.default_language or language not in _translated or \
        is_built(src_uri, _translated[language])


@event_priority(-110)       # after mkdocs-static-i18n (-100) has chosen each page's language version
def on_files(files, config, **kwargs):
    plugin = _i18n(config)
    if plugin is None:
        return files
    docs_dir = Path(config.docs_dir)
    if not getattr(plugin, "building", False) or not _translated:
        # worked out in the default language's build; the ru/en builds of the same run read the same content/
        _translated.clear()
        for language in plugin.build_languages:
            if language != plugin.default_language:
                _translated[language] = translated_pages(docs_dir, language)
    full_nav = _full_nav.setdefault(id(config), copy.deepcopy(config["nav"]))
    language = plugin.current_language
    for file in files.documentation_pages():
        for other, alternate in list(getattr(file, "alternates", {}).items()):
            if getattr(alternate, "locale", other) != other and not _built_in(_norm(file), other, plugin):
                del file.alternates[other]      # the switcher then leads to the document's landing page
    if language == plugin.default_language:
        config["nav"] = full_nav
        return files
    config["nav"] = prune_nav(full_nav, lambda src: _built_in(src, language, plugin)) if full_nav else full_nav
    for file in list(files.documentation_pages()):
        if getattr(file, "locale", language) != language and not _built_in(_norm(file), language, plugin):
            files.remove(file)
    return files


def on_page_context(context, page, config, nav, **kwargs):
    """The language switcher of a page that another interface does not build: that interface's landing
    page of the page's document (after mkdocs-static-i18n has set the links, priority 50)."""
    plugin = _i18n(config)
    # an attribute: the i18n plugin sets it so on each page (it hides the mapping's item of that name)
    alternates = getattr(config.extra, "alternate", None) if plugin is not None else None
    if not alternates:
        return context
    src = _norm(page.file)
    for alternate in alternates:
        other = alternate.get("lang")
        if other and other != plugin.default_language and not _built_in(src, other, plugin):
            landing = src.split("/", 1)[0] + "/index.md"
            alternate["link"] = f"{other}/" + (kazakh_url(landing) if _built_in(landing, other, plugin) else "")
    return context
