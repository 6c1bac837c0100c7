"""MkDocs hooks of the edition site.

- The navigation comes from content/_nav.yml, written by the pipeline with the document outline.
- Links in the Markdown are found by scanning to their closing bracket (:mod:`build_edition.site.bracket_scan`:
  the same HTML as Python-Markdown's own method, without its rescans of long paragraphs of links).
- The repository behind "edit this page" and "view source": ``REPO_URL`` (CI sets it), otherwise the
  web address of the checkout's ``origin`` remote (and its default branch), otherwise none: no
  repository link and no edit buttons rather than links to a repository that may not exist.
- Headings are renumbered so that none skips a level (pages cut out of a book at a deep section,
  or headings typed by editors, still give a valid outline).
- Presentation classes that Markdown cannot express: headings printed in capitals get
  ``class="all-caps"`` (styled with letter-spacing; the letters themselves are never changed) and
  bracketed citation markers such as ``[12]`` are wrapped in ``<span class="citation">``.
- Material's templates emit a few attributes the W3C Nu HTML checker rejects; they are repaired
  in the finished page so the built site validates with zero errors.
- The navigation's top-level items that do not hold the page being built are rendered once per build
  and reused on every page with their links made relative to it (:class:`NavigationCache`,
  overrides/partials/nav.html): the same HTML, without rendering every document's outline again on
  every page (issue 18: that made the site build grow with pages × documents).
"""
from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from jinja2 import pass_context
from markupsafe import Markup
from mkdocs.utils import normalize_url
from mkdocs.utils.templates import url_filter

from build_edition.site.bracket_scan import BracketScanExtension


def on_config(config, **kwargs):
    # links found by scanning to their closing bracket: same HTML, without Python-Markdown's rescans of
    # long paragraphs of links (build_edition/site/bracket_scan.py); once, though this runs per language
    if not any(isinstance(e, BracketScanExtension) for e in config["markdown_extensions"]):
        config["markdown_extensions"].append(BracketScanExtension())
    nav_file = Path(config["docs_dir"]) / "_nav.yml"
    if nav_file.exists() and not config.get("nav"):
        config["nav"] = yaml.safe_load(nav_file.read_text(encoding="utf-8"))
    if not config.get("repo_url"):
        link_repository(config, Path(config.config_file_path or ".").resolve().parent)
    return config


# -- repository links -------------------------------------------------------------------------
REPOSITORY_NAMES = {"github.com": "GitHub", "gitlab.com": "GitLab", "bitbucket.org": "Bitbucket"}


def link_repository(config, checkout: Path) -> None:
    """``repo_url`` from the ``origin`` remote of the git checkout at ``checkout``; without one, no
    repository link and no edit links (mkdocs would otherwise make ``edit_uri`` a broken relative link)."""
    url = repository_web_url(_git(checkout, "remote", "get-url", "origin") or "")
    if url is None:
        config["repo_url"] = config["repo_name"] = config["edit_uri"] = None
        return
    config["repo_url"] = url
    if not config.get("repo_name"):
        host = urlsplit(url).hostname or ""
        config["repo_name"] = REPOSITORY_NAMES.get(host, host.split(".")[0].title())
    branch = (_git(checkout, "symbolic-ref", "--short", "refs/remotes/origin/HEAD") or "").partition("/")[2]
    if branch and "EDIT_URI" not in os.environ and config.get("edit_uri"):
        config["edit_uri"] = re.sub(r"^(edit|blob)/[^/]+/", rf"\g<1>/{branch}/", config["edit_uri"])


def repository_web_url(remote: str) -> str | None:
    """The web address of a git remote, never with the user name or token a remote URL may carry;
    None for a local path or a form that has no web address.

    >>> repository_web_url("git@github.com:owner/edition.git")
    'https://github.com/owner/edition'
    >>> repository_web_url("https://user:secret@gitlab.com/owner/edition.git/")
    'https://gitlab.com/owner/edition'
    >>> repository_web_url("ssh://git@example.org:2222/owner/edition")
    'https://example.org/owner/edition'
    >>> [repository_web_url(r) for r in ("/srv/git/edition.git", "file:///srv/edition", "../edition", "")]
    [None, None, None, None]
    """
    remote = remote.strip()
    scp = re.fullmatch(r"(?:[^@/\s]+@)?([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+):(?!//)/?([^\s]+)", remote)
    if scp:
        scheme, netloc, path = "https", scp.group(1).lower(), scp.group(2)
    else:
        parts = urlsplit(remote)
        if parts.scheme not in ("https", "http", "ssh", "git") or not parts.hostname:
            return None
        web_port = parts.scheme in ("https", "http") and parts.port
        scheme = parts.scheme if parts.scheme in ("https", "http") else "https"
        netloc = parts.hostname + (f":{parts.port}" if web_port else "")
        path = parts.path
    path = re.sub(r"\.git$", "", path.strip("/")).strip("/")
    return f"{scheme}://{netloc}/{path}" if path else None


def _git(checkout: Path, *args: str) -> str | None:
    try:
        run = subprocess.run(["git", "-C", str(checkout), *args], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None                   # no git, or not answering: no repository links
    return run.stdout.strip() if run.returncode == 0 else None


# -- the navigation, rendered once ------------------------------------------------------------
_URL_MARK = re.compile("\x00([^\x00\x01]*)\x01")


class NavigationCache:
    """Renders a top-level navigation item that does not hold the current page once per build.

    Such an item's HTML (Material's ``partials/nav-item.html``) is the same on every page but for its
    links, which the ``url`` filter makes relative to the page. While the item is rendered for the cache
    the filter writes each link as a mark around its target; on each page the marks are replaced by what
    the filter would have written there. The item holding the page (open, with the page's table of
    contents) is rendered as usual. ``cached=False`` (another plugin replaced the ``url`` filter) renders
    every item every time.
    """

    def __init__(self, url=url_filter, cached: bool = True):
        self.original_url, self.cached = url, cached
        self.marking = False
        self.items: dict[str, tuple[object, list[str]]] = {}      # path: (item, text and link targets)

    @pass_context
    def url(self, context, value) -> str:
        if self.marking:
            return f"\x00{value}\x01"
        return self.original_url(context, value)

    def item_html(self, render, nav_item, path: str, page, base_url: str) -> str:
        """``render(nav_item, path, 1)`` (the macro of nav-item.html) as it is on ``page``."""
        if nav_item.active or not self.cached:
            return render(nav_item, path, 1)
        entry = self.items.get(path)
        if entry is None or entry[0] is not nav_item:
            self.marking = True
            try:
                html = str(render(nav_item, path, 1))
            finally:
                self.marking = False
            entry = self.items[path] = (nav_item, _URL_MARK.split(html))
        parts = list(entry[1])
        for i in range(1, len(parts), 2):       # what mkdocs' url filter writes on this page
            parts[i] = normalize_url(parts[i], page=page, base=base_url)
        return Markup("".join(parts))


def on_env(env, config, files):
    # a fresh environment in every (language) build: a fresh cache, as each build has its own navigation
    cache = NavigationCache(env.filters["url"], cached=env.filters["url"] is url_filter)
    env.filters["url"] = cache.url
    env.globals["nav_item_html"] = cache.item_html
    return env


# -- page content ---------------------------------------------------------------------------
_HEADING = re.compile(r"<h([1-6])((?:\s[^>]*)?)>(.*?)</h\1>", re.S)
_TAG = re.compile(r"<[^>]+>")
_CITATION = re.compile(r"\[\d{1,4}(?:\s*[,;–-]\s*\d{1,4})*(?:,\s*(?:\d{1,4}(?:\s*[–-]\s*\d{1,4})?\s*)?б\.?)?\]")
_TEXT_BETWEEN_TAGS = re.compile(r">([^<]+)<")


def is_all_caps(text: str) -> bool:
    """True when a heading is printed in capitals (at least four letters, none lowercase).

    >>> is_all_caps("ТЫНЫШТЫҚ КҮЗЕТШІСІ"), is_all_caps("I-тарау. Саяси ой"), is_all_caps("ҚХА")
    (True, False, False)
    """
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and not any(c.islower() for c in letters)


def mark_all_caps_headings(html: str) -> str:
    """
    >>> mark_all_caps_headings('<h2 id="x">МӘҢГІ СӨЗ<a class="headerlink" href="#x">¶</a></h2>')
    '<h2 id="x" class="all-caps">МӘҢГІ СӨЗ<a class="headerlink" href="#x">¶</a></h2>'
    >>> mark_all_caps_headings('<h3 class="a">ДАМУ</h3><h3>Даму</h3>')
    '<h3 class="a all-caps">ДАМУ</h3><h3>Даму</h3>'
    """
    def mark(m: re.Match) -> str:
        level, attrs, inner = m.groups()
        visible = _TAG.sub("", re.sub(r'<a class="headerlink".*?</a>', "", inner, flags=re.S))
        if not is_all_caps(visible):
            return m.group(0)
        if re.search(r'\sclass="', attrs):
            attrs = re.sub(r'\sclass="([^"]*)"', lambda c: f' class="{c.group(1)} all-caps"', attrs, count=1)
        else:
            attrs += ' class="all-caps"'
        return f"<h{level}{attrs}>{inner}</h{level}>"
    return _HEADING.sub(mark, html)


def mark_citations(html: str) -> str:
    """Wrap citation markers in text (never inside tags or attributes).

    >>> mark_citations('<p data-lines="1-2">шақырды [12]. Қараңыз [5, 34 б.] және [1–3]</p>')
    '<p data-lines="1-2">шақырды <span class="citation">[12]</span>. Қараңыз <span class="citation">[5, 34 б.]</span> және <span class="citation">[1–3]</span></p>'
    >>> mark_citations('<p>[a] [2025 жыл]</p>')
    '<p>[a] [2025 жыл]</p>'
    """
    def in_text(m: re.Match) -> str:
        return ">" + _CITATION.sub(lambda c: f'<span class="citation">{c.group(0)}</span>', m.group(1)) + "<"
    return _TEXT_BETWEEN_TAGS.sub(in_text, html)


def close_heading_gaps(html: str) -> str:
    """Renumber headings so none skips a level below the page's h1 (an HTML outline requirement),
    keeping their relative nesting: a page cut out of a book at a level-4 section starts at h2.

    >>> close_heading_gaps('<h1>К</h1><h4 id="a">A</h4><h5>B</h5><h4>C</h4><h3>D</h3>')
    '<h1>К</h1><h2 id="a">A</h2><h3>B</h3><h2>C</h2><h2>D</h2>'
    >>> close_heading_gaps('<h2>A</h2><h3>B</h3>')
    '<h2>A</h2><h3>B</h3>'
    """
    stack = [(1, 1)]   # (level in the Markdown, level in the page); the page's h1 is the base

    def renumber(m: re.Match) -> str:
        level, attrs, inner = int(m.group(1)), m.group(2), m.group(3)
        if level == 1:
            del stack[1:]
            new = 1
        else:
            while len(stack) > 1 and stack[-1][0] >= level:
                stack.pop()
            new = stack[-1][1] + 1
            stack.append((level, new))
        return f"<h{new}{attrs}>{inner}</h{new}>"
    return _HEADING.sub(renumber, html)


def on_page_content(html, page, config, files, **kwargs):
    return mark_citations(mark_all_caps_headings(close_heading_gaps(html)))


# -- finished page --------------------------------------------------------------------------
def repair_material_markup(html: str) -> str:
    """Fix the markup of Material 9 templates that the Nu HTML checker reports as errors.

    >>> repair_material_markup('<input type="checkbox" id="__drawer" autocomplete="off">')
    '<input type="checkbox" id="__drawer">'
    >>> repair_material_markup('<label class="md-nav__link" for="x" id="x_label" tabindex="">')
    '<label class="md-nav__link" for="x" id="x_label">'
    >>> repair_material_markup('<label class="md-nav__title" for="__toc">Мазмұны</label>')
    '<span class="md-nav__title">Мазмұны</span>'
    >>> repair_material_markup('<input id="__toc"><label class="md-nav__title" for="__toc">М</label>')
    '<input id="__toc"><label class="md-nav__title" for="__toc">М</label>'
    """
    # `autocomplete` is not allowed on checkboxes and radios (Material sets it to stop Firefox
    # restoring the drawer state); an empty `tabindex` is not an integer.
    html = re.sub(r'(<input\b[^>]*\btype="(?:checkbox|radio)"[^>]*?)\s+autocomplete="off"', r"\1", html)
    html = html.replace(' tabindex=""', "")
    # On a section's index page Material renders the table-of-contents title as a label for a
    # `__toc` toggle that does not exist on that page; a label must point at a form control.
    if 'id="__toc"' not in html:
        html = re.sub(r'<label class="md-nav__title" for="__toc">(.*?)</label>',
                      r'<span class="md-nav__title">\1</span>', html, flags=re.S)
    return html


def on_post_page(output, page, config, **kwargs):
    return repair_material_markup(output)


def on_post_template(output_content, template_name, config, **kwargs):
    # static templates such as 404.html share the page chrome
    return repair_material_markup(output_content) if template_name.endswith(".html") else output_content
