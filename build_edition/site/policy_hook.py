"""MkDocs hook: the site's security and reproducibility policy.

- **Dates.** MkDocs stamps every page with the build date (the sitemap's ``<lastmod>``, the gzip
  header of sitemap.xml.gz) unless ``SOURCE_DATE_EPOCH`` is set. The edition never takes that date
  from the clock: when the variable is not set, it is the commit date of the last git commit that
  touched the docs folder (content/), else of HEAD, and outside git the newest date in the catalogue.
- **Titles are text.** Material's templates print page and navigation titles and page metadata
  (``title``, ``description``...) without escaping: MkDocs treats them as HTML. Ours come from the
  catalogue and from seed headings, so they are escaped here (as ``markupsafe.Markup``, which the
  templates' own ``| e`` filters leave alone), after every other hook has read them as plain text.
- **No script in markup.** A page with an inline event handler (``onclick=``...) or a ``javascript:``
  URL fails the build. External links get ``rel="noopener"``.
- **Content-Security-Policy.** After the build, the policy the site works under is written to
  ``site/_headers`` (the headers file of Netlify and Cloudflare Pages; elsewhere copy the header into
  the server configuration): scripts and styles from the site itself, plus the hashes of the theme's
  few inline scripts and style attributes, WebAssembly for the Pagefind search, nothing else.
"""
from __future__ import annotations

import base64
import hashlib
import html
import os
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from markupsafe import Markup, escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Link, Section
from mkdocs.structure.pages import Page

from build_edition.read.edition_date import edition_timestamp


def on_config(config, **kwargs):
    if "SOURCE_DATE_EPOCH" not in os.environ:
        project = Path(config.config_file_path).resolve().parent
        os.environ["SOURCE_DATE_EPOCH"] = str(edition_timestamp(Path(config.docs_dir), project))
    return config


# -- titles and metadata are text -----------------------------------------------------------------

# Page metadata the theme (and overrides/) prints into HTML.
ESCAPED_META = ("title", "description", "subtitle", "author", "seed")


def on_nav(nav, config, files):
    for item in _walk(nav.items):
        if isinstance(item, (Section, Link)) and isinstance(item.title, str):
            item.title = escape(item.title)
        elif isinstance(item, Page) and isinstance(item.__dict__.get("title"), str):   # set by the nav
            item.title = escape(item.__dict__["title"])
    return nav


def _walk(items):
    for item in items:
        yield item
        yield from _walk(getattr(item, "children", None) or [])


@event_priority(-100)       # after the other hooks' on_env: they have used the titles as plain text
def on_env(env, config, files):
    for file in files.documentation_pages():
        page = file.page
        if page is None:
            continue
        for key in ESCAPED_META:
            if isinstance(page.meta.get(key), str):
                page.meta[key] = escape(page.meta[key])
        if "title" not in page.meta and not page.is_homepage and page.title is not None:
            # Material prints `page.title | striptags` here, which un-escapes "&lt;/title&gt;": give it
            # the escaped title instead (MkDocs' title from the first heading is HTML already).
            title = page.title
            if not isinstance(title, Markup):
                from_heading = title == getattr(page, "_title_from_render", None)
                title = Markup(title) if from_heading else escape(title)
            page.meta["title"] = title
    return env


# -- no script in markup; external links -----------------------------------------------------------

_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcset", "ping"}
_SCRIPT_URL = re.compile(r"^\s*(javascript|vbscript|data\s*:\s*text/html)", re.I)
_A_TAG = re.compile(r"""<a(?=[\s>])(?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*>""")
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")


class _ScriptInMarkup(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...> (line {self.getpos()[0]})")
            elif name in _URL_ATTRIBUTES and value and _SCRIPT_URL.match(value.replace("\x00", "")):
                self.found.append(f"<{tag} {name}=\"{value[:40]}\"> (line {self.getpos()[0]})")

    handle_startendtag = handle_starttag


# What any finding of the parser needs in the raw page (a superset, so a page with neither is clean and
# is not parsed: parsing every page was a tenth of the build): an attribute name starting with "on" (the
# parser's attribute names follow a quote, a space or "/"), or a URL attribute whose value starts with a
# letter of javascript:/vbscript:/data: or with a character reference (values are unescaped).
# (`[\s'"/]on` case-insensitively, written so that the search looks for the letters first: 3x faster)
_ON_ATTRIBUTE = re.compile(r"""[oO][nN](?<=[\s'"/][oO][nN])""")
_VALUE_START = re.compile(r"""=+\s*["']?[\s\x00]*[&jvdJVD]""")
_URL_NAMES = tuple(name.split(":")[-1] for name in _URL_ATTRIBUTES)


def may_hold_script(page_html: str) -> bool:
    """False when the page cannot hold what :func:`script_in_markup` looks for.

    >>> may_hold_script('<p class="x">Мәтін</p><a href="../doc/">d</a>'), may_hold_script('<a HREF = "&#106;s:">')
    (False, True)
    >>> may_hold_script('<img src=x/OnError="f()">'), may_hold_script('<p>Done in time</p>')
    (True, False)
    """
    if _ON_ATTRIBUTE.search(page_html):
        return True
    for m in _VALUE_START.finditer(page_html):
        end = m.start()
        while end > 0 and page_html[end - 1].isspace():
            end -= 1
        if page_html[max(0, end - 10):end].lower().endswith(_URL_NAMES):
            return True
    return False


def script_in_markup(page_html: str) -> list[str]:
    """Inline event handlers and script URLs in a page (none may exist).

    >>> script_in_markup('<p>onclick=x javascript:y</p><a href="/x" title="javascript:">')
    []
    >>> script_in_markup('<img src=x onerror="alert(1)"><a href=" JavaScript:alert(1)">')
    ['<img onerror=...> (line 1)', '<a href=" JavaScript:alert(1)"> (line 1)']
    >>> script_in_markup('<a href="&#x6A;avascript:alert(1)">'), script_in_markup('<p>Done</p>')
    (['<a href="javascript:alert(1)"> (line 1)'], [])
    """
    if not may_hold_script(page_html):
        return []
    parser = _ScriptInMarkup()
    parser.feed(page_html)
    parser.close()
    return parser.found


def add_noopener(page_html: str, site_url: str | None) -> str:
    """``rel="noopener"`` on every link that leaves the site.

    >>> add_noopener('<a href="https://github.com/x" rel="edit">e</a> <a href="/y">y</a>', "https://e.org/")
    '<a href="https://github.com/x" rel="edit noopener">e</a> <a href="/y">y</a>'
    >>> add_noopener('<a class="c" href="//cdn.org/"><a href="https://e.org/p/">', "https://e.org/")
    '<a class="c" href="//cdn.org/" rel="noopener"><a href="https://e.org/p/">'
    >>> add_noopener('<a href="https:&#47;&#47;cdn.org/">', None), add_noopener('<a href="../x/">', None)
    ('<a href="https:&#47;&#47;cdn.org/" rel="noopener">', '<a href="../x/">')
    """
    own_host = urlsplit(site_url or "").netloc

    def fix(m: re.Match) -> str:
        tag = m.group(0)
        if "//" not in tag and "&" not in tag:
            return tag          # no URL with a host, even after unescaping (most links: the site's own)
        attrs = {a.group(1).lower(): a for a in _ATTRIBUTE.finditer(tag, 2)}
        href = attrs.get("href")
        if not href or not href.group(2):
            return tag
        url = html.unescape(href.group(2).strip("\"'"))
        host = urlsplit(url).netloc if re.match(r"^\s*(https?:)?//", url, re.I) else ""
        if not host or host == own_host:
            return tag
        rel = attrs.get("rel")
        if rel is None:
            return tag[:-1].rstrip() + ' rel="noopener">'
        values = (rel.group(2) or "").strip("\"'").split()
        if "noopener" in values:
            return tag
        return tag[:rel.start()] + f'rel="{" ".join(values + ["noopener"])}"' + tag[rel.end():]
    return _A_TAG.sub(fix, page_html)


def on_post_page(output, page, config, **kwargs):
    return _checked_page(output, page.file.src_uri, config)


def on_post_template(output_content, template_name, config, **kwargs):
    """Pages the theme makes without a Markdown source (404.html)."""
    if not template_name.endswith(".html"):
        return output_content
    return _checked_page(output_content, template_name, config)


def _checked_page(output: str, name: str, config) -> str:
    found = script_in_markup(output)
    if found:
        raise PluginError(f"{name}: script in the page's markup: {'; '.join(found[:5])} — "
                          "seed and catalogue text must reach pages only through markdown.escape")
    return add_noopener(output, config.site_url)


# -- Content-Security-Policy -------------------------------------------------------------------------

_INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\ssrc=)([^>]*)>(.*?)</script>", re.S | re.I)
_SCRIPT_TYPE = re.compile(r"""\stype\s*=\s*["']?([^"'\s>]+)""", re.I)
_JS_TYPES = {"", "text/javascript", "module", "application/javascript"}
_STYLE_ELEMENT = re.compile(r"<style\b[^>]*>(.*?)</style>", re.S | re.I)
_STYLE_ATTRIBUTE = re.compile(r"""<[a-zA-Z][^>]*?\sstyle\s*=\s*("[^"]*"|'[^']*')""")


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def content_security_policy(site_dir: Path, repo_url: str | None = None) -> str:
    """The policy the built site works under: its own files, plus the hashes of the inline scripts,
    style elements and style attributes its pages carry, and the GitHub API, from which the theme
    reads the repository's facts for the header when the repository is on GitHub."""
    scripts, styles, style_attributes = set(), set(), set()
    for page in sorted(site_dir.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        for attrs, body in _INLINE_SCRIPT.findall(text):
            kind = _SCRIPT_TYPE.search(attrs)
            if (kind.group(1).lower() if kind else "") in _JS_TYPES:
                scripts.add(_hash(body))
        styles.update(_hash(body) for body in _STYLE_ELEMENT.findall(text))
        style_attributes.update(_hash(html.unescape(v[1:-1])) for v in _STYLE_ATTRIBUTE.findall(text))
    style_src = ["'self'"] + sorted(styles) + (["'unsafe-hashes'"] + sorted(style_attributes) if style_attributes else [])
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'wasm-unsafe-eval'"] + sorted(scripts),     # Pagefind's search is WebAssembly
        "style-src": style_src,
        "img-src": ["'self'", "data:"],          # the theme's icons are data: SVGs in its stylesheet
        "font-src": ["'self'"],
        "connect-src": ["'self'"] + (["https://api.github.com"] if _on_github(repo_url) else []),
        "worker-src": ["'self'"],
        "manifest-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def _on_github(repo_url: str | None) -> bool:
    return urlsplit(repo_url or "").netloc.lower() in ("github.com", "www.github.com")


HEADERS_FILE = "_headers"


@event_priority(-200)       # after mkdocs-static-i18n has built the other interface languages
def on_post_build(config, **kwargs):
    if getattr(config.plugins.get("i18n"), "building", False):
        return      # one language of several: the default build's last call reads the finished site
    site_dir = Path(config.site_dir)
    headers = {
        "Content-Security-Policy": content_security_policy(site_dir, config.repo_url),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
    }
    (site_dir / HEADERS_FILE).write_text("/*\n" + "".join(f"  {k}: {v}\n" for k, v in headers.items()),
                                         encoding="utf-8")


def read_headers(site_dir: Path) -> dict[str, str]:
    """The headers ``_headers`` sets for every path (``/*``), as a server would send them."""
    headers, current = {}, None
    for line in (site_dir / HEADERS_FILE).read_text(encoding="utf-8").splitlines():
        if line and not line[0].isspace():
            current = line.strip()
        elif current == "/*" and ":" in line:
            name, value = line.strip().split(":", 1)
            headers[name.strip()] = value.strip()
    return headers
