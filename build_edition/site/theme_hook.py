"""MkDocs hooks of the edition site.

- The navigation comes from content/_nav.yml, written by the pipeline with the document outline.
- Links in the Markdown are found by scanning to their closing bracket (:mod:`build_edition.site.bracket_scan`:
  the same HTML as Python-Markdown's own method, without its rescans of long paragraphs of links).
- The repository behind "edit this page" and "view source": ``REPO_URL`` (CI sets it), otherwise the
  web address of the checkout's ``origin`` remote (and its default branch), otherwise none: no
  repository link and no edit buttons rather than links to a repository that may not exist.
- What a reader sees in the text is in the Markdown (issue 18): headings without gaps, the class of
  headings printed in capitals and the spans of citation markers are written by the pipeline
  (:mod:`build_edition.text.presentation`), not added here.
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


def source_link(meta: dict, repo_url: str | None, edit_uri: str | None) -> tuple[str, str] | None:
    """(address, label) of the seed lines a page was restored from (front matter ``seed`` and
    ``seed_lines``, written by build_edition/write/writer.py) in the repository, on the branch of the
    edit links; None without a seed or a repository. (In Python, not in actions.html: the template
    engine of Material's successor has no string methods.)

    >>> source_link({"seed": "002.txt", "seed_lines": "425-725"}, "https://github.com/o/e/", "edit/dev/content/")
    ('https://github.com/o/e/blob/dev/seeds/002.txt#L425-L725', 'Бастапқы мәтін: 002.txt, 425-725 жолдар')
    >>> source_link({"seed": "002.txt", "seed_lines": 0}, "https://github.com/o/e", None)
    ('https://github.com/o/e/blob/main/seeds/002.txt', 'Бастапқы мәтін: 002.txt')
    >>> source_link({"seed": "002.txt"}, "", None), source_link({}, "https://github.com/o/e", None)
    (None, None)
    """
    repo = (repo_url or "").strip()
    if not meta.get("seed") or not repo:
        return None
    parts = (edit_uri or "edit/main/").strip("/").split("/")
    branch = parts[1] if len(parts) > 1 and parts[0] in ("edit", "blob") else "main"
    span = str(meta.get("seed_lines") or "")
    first, last = span.split("-")[0], span.split("-")[-1]
    anchor = f"#L{first}-L{last}" if first and first != "0" else ""
    label = f"Бастапқы мәтін: {meta['seed']}" + (f", {span} жолдар" if anchor else "")
    return f"{repo.rstrip('/')}/blob/{branch}/seeds/{meta['seed']}{anchor}", label


def on_page_context(context, page, config, **kwargs):
    link = source_link(page.meta or {}, config.get("repo_url"), config.get("edit_uri"))
    if link:
        page.meta["source_link"] = link
    return context


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
