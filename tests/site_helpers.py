"""Build, serve and open in Chromium the edition site for tests, without touching the repository's content/ or site/.

The site is built the way `make site` builds it (the real pipeline, then `mkdocs build --strict`),
but into a temporary project directory that holds copies of mkdocs.yml, overrides/ and the MkDocs
hooks, so tests can run while a developer rebuilds content/ in the working tree.
"""
from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
VIEWPORT = {"width": 1280, "height": 900}

# Repository entries a temporary site project must not share: the build outputs and git.
NOT_SHARED = {"content", "site", ".git", "mkdocs.yml"}


class SiteBuildError(AssertionError):
    pass


def _run(cmd: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED="0")
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def copy_site_config(workdir: Path) -> None:
    """Make ``workdir`` a site project of its own: a copy of mkdocs.yml (MkDocs resolves docs_dir,
    site_dir, custom_dir and hooks relative to it) and links to everything else in the repository
    (overrides/, build_edition/ with its hooks...), but its own content/ and site/."""
    workdir.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "mkdocs.yml", workdir / "mkdocs.yml")
    for entry in sorted(ROOT.iterdir()):
        link = workdir / entry.name
        if entry.name not in NOT_SHARED and not link.exists():
            link.symlink_to(entry, target_is_directory=entry.is_dir())


def run_pipeline(content: Path) -> None:
    """The real pipeline on the real seeds, writing the edition into ``content``."""
    result = _run([sys.executable, "-m", "build_edition", "--root", str(ROOT), "--quiet", "build",
                   "--content", str(content)], cwd=ROOT)
    if result.returncode != 0:
        raise SiteBuildError(f"the pipeline failed:\n{result.stdout}\n{result.stderr}")


def mkdocs_build(workdir: Path) -> Path:
    """`mkdocs build --strict` of ``workdir/content`` into ``workdir/site``.

    Raises SiteBuildError with MkDocs' output when the build fails or logs any warning.
    """
    site = workdir / "site"
    result = _run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(workdir / "mkdocs.yml"),
                   "-d", str(site)], cwd=workdir)
    log = result.stdout + result.stderr
    if result.returncode != 0 or "WARNING" in log:
        raise SiteBuildError(f"mkdocs build --strict failed (exit {result.returncode}):\n{log}")
    return site


def build_site(workdir: Path) -> Path:
    """Pipeline into ``workdir/content``, then a strict build into ``workdir/site``; returns the site dir."""
    copy_site_config(workdir)
    run_pipeline(workdir / "content")
    return mkdocs_build(workdir)


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files, plus the response headers and extra in-memory pages of the server it belongs to."""
    headers_to_send: dict[str, str] = {}
    extra_pages: dict[str, bytes] = {}
    not_found_page: bytes | None = None

    def send_error(self, code, message=None, explain=None):
        if code != 404 or self.not_found_page is None:
            super().send_error(code, message, explain)
            return
        self.send_response(404)             # as static hosts do: the site's own 404.html
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(self.not_found_page)))
        self.end_headers()
        self.wfile.write(self.not_found_page)

    def end_headers(self):
        for name, value in self.headers_to_send.items():
            self.send_header(name, value)
        super().end_headers()

    def do_GET(self):
        body = self.extra_pages.get(self.path.split("?", 1)[0])
        if body is None:
            super().do_GET()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@contextlib.contextmanager
def serve(directory: Path, headers: dict[str, str] | None = None, extra_pages: dict[str, str] | None = None):
    """Serve ``directory`` on 127.0.0.1 on a free port; yields the base URL (ending in "/").

    ``headers`` are sent with every response (e.g. the site's Content-Security-Policy);
    ``extra_pages`` maps absolute paths ("/probe.html") to HTML served instead of a file.
    A missing address gets the site's 404.html (status 404), as on GitHub Pages.
    """
    not_found = Path(directory) / "404.html"
    handler_class = type("Handler", (_Handler,), {
        "headers_to_send": dict(headers or {}),
        "extra_pages": {path: html.encode("utf-8") for path, html in (extra_pages or {}).items()},
        "not_found_page": not_found.read_bytes() if not_found.is_file() else None})
    handler = functools.partial(handler_class, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@contextlib.contextmanager
def launch_chromium():
    """Debian's Chromium, headless, driven by Playwright's Python API (no Playwright browser download).
    The browser tests share one per session (the ``browser`` fixture in tests/conftest.py)."""
    assert CHROMIUM.exists(), (f"{CHROMIUM} not found: run `python -m tests.setup_browsers` as root, "
                               "or `sudo apt-get install chromium`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextlib.contextmanager
def open_page(browser, site_url: str | None = None, *, init_script: str | None = None, **context_options):
    """A page in a fresh browser context, so nothing a test stores (the Latin view, the parallel mode)
    reaches the next test. Requests outside ``site_url`` are aborted: the tests never use the network.
    ``init_script`` runs in every document before the page's own scripts; ``context_options`` go to
    ``browser.new_context`` (viewport 1280x900 unless given).

    Uncaught JavaScript errors are collected in ``page.js_errors``; when the block ends without an
    exception of its own, any such error fails the test.
    """
    context = browser.new_context(**{"viewport": dict(VIEWPORT), **context_options})
    try:
        if site_url:
            context.route(lambda url: not url.startswith(site_url), lambda route: route.abort())
        if init_script:
            context.add_init_script(init_script)
        page = context.new_page()
        page.js_errors = []
        page.on("pageerror", lambda exc: page.js_errors.append(str(exc)))
        yield page
        errors = list(page.js_errors)
    finally:
        context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def html_pages(site: Path) -> list[Path]:
    """Every HTML page of the built site except the 404 pages (one per interface language), in a stable order."""
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")
