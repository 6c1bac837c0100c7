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
"""
from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from markupsafe import escape

_HREFLANG_LINK = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')


NAV_TRANSLATIONS = "_nav_translations.yml"
SOURCE_LANGUAGE = "kk"
HEADING_LINK_TITLE = {"kk": "Осы бөлімге сілтеме", "ru": "Ссылка на этот раздел", "en": "Link to this section"}
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
    page_html = page_html.replace(f'title="{HEADING_LINK_TITLE[SOURCE_LANGUAGE]}"',
                                  f'title="{HEADING_LINK_TITLE[language]}"')
    original = page.meta.get("original_title")
    if isinstance(original, str) and language in ORIGINAL_TITLE:
        description = page.meta.get(f"description_{language}")
        page_html = translated_heading(page_html, str(page.meta["title"]), original, language,
                                       description if isinstance(description, str) else "")
    return page_html


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
