"""Search benchmark: recall@5, latency after the last keystroke, bytes a first query transfers.

    .venv/bin/python bench/search_bench.py [--site site] [--queries FILE ...] [--throttle 4]

Serves the built site on 127.0.0.1 (gzip, as any static host would), and for every query opens a
fresh browser context (cold cache: every query is a visitor's first), loads a document page,
focuses the search box and types the query like a reader (80 ms between keys), with the CPU
throttled 4× through the DevTools protocol. A query counts as found when its ``expect`` regex
occurs in one of the top five results (the result's paragraph, page title or document title), or
in the first when the query says ``"top": 1``. Results are what the reader sees: the entries of the
index of names first, then one result per page (its best paragraph).
Latency is measured in the page: from the last input event to the results being rendered.
Bytes are the compressed bytes the server sent from focusing the box to the results.
"""
from __future__ import annotations

import argparse
import gzip
import os
import json
import re
import statistics
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_QUERIES = [ROOT.parent / "shared" / "gold" / "search-dev.jsonl", ROOT / "bench" / "search-queries.jsonl"]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
COMPRESSIBLE = (".html", ".js", ".css", ".json", ".svg", ".xml", ".txt")
KEY_DELAY_MS = 80
TIMEOUT_MS = 30_000


class GzipHandler(SimpleHTTPRequestHandler):
    """Static files; text types gzip-compressed on request (Pagefind's own files are already).

    Counts the bytes it sends (headers and bodies): Pagefind fetches from a web worker, which the
    page's DevTools session does not see, so the server is where every byte is counted.
    """

    sent = 0
    sent_lock = threading.Lock()

    @classmethod
    def count(cls, n: int) -> None:
        with cls.sent_lock:
            cls.sent += n

    def end_headers(self):
        self.count(sum(len(chunk) for chunk in getattr(self, "_headers_buffer", [])))
        super().end_headers()

    def log_message(self, *args):  # quiet
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (path.suffix in COMPRESSIBLE and path.is_file()
                and "gzip" in self.headers.get("Accept-Encoding", "")):
            body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self._gzip_body = body
            return None
        self._gzip_body = None
        return super().send_head()

    def do_GET(self):
        f = self.send_head()
        if self._gzip_body is not None:
            self.wfile.write(self._gzip_body)
            self.count(len(self._gzip_body))
        elif f:
            try:
                self.count(os.fstat(f.fileno()).st_size)
                self.copyfile(f, self.wfile)
            finally:
                f.close()


def serve(site: Path) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(GzipHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def load_queries(files: list[Path]) -> list[dict]:
    queries = []
    for file in files:
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                entry = json.loads(line)
                if "q" not in entry or "expect" not in entry:
                    sys.exit(f"{file}:{number}: a query needs 'q' and 'expect'")
                entry["source"] = file.name
                queries.append(entry)
    return queries


def start_page(site: Path) -> str:
    """A real reading page (the first text page of the first document), not the home page."""
    pages = sorted(p.relative_to(site).parent.as_posix() for p in site.glob("*/*/index.html"))
    return pages[0] + "/" if pages else ""


def run_query(browser, base_url: str, page_path: str, query: str, throttle: float) -> dict:
    context = browser.new_context()
    # the benchmark talks to its own server only (the theme would ask a code host for repository stats)
    context.route(lambda url: not url.startswith(base_url), lambda route: route.abort())
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    page.goto(base_url + page_path, wait_until="load")
    if throttle > 1:
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": throttle})
    page.evaluate("""() => {
        window.__lastInput = 0;
        document.querySelector('[data-kk-search-input]').addEventListener('input',
            () => { window.__lastInput = performance.now(); }, true);
    }""")
    page.wait_for_timeout(300)  # the page's own late requests (icons) are not the search's
    sent_before = GzipHandler.sent
    # the header's search button on narrow screens, the search box itself on wide ones
    button = page.locator("label.md-header__button[for=__search]")
    (button if button.is_visible() else page.locator("[data-kk-search-input]")).click()
    page.keyboard.type(query, delay=KEY_DELAY_MS)
    page.wait_for_function(
        "q => document.querySelector('[data-kk-search]').getAttribute('data-kk-search-done') === q",
        arg=query.strip(), timeout=TIMEOUT_MS)
    page.wait_for_timeout(50)  # let the last fragment responses be counted
    last = page.evaluate("() => ({last: window.__kkSearchLast, input: window.__lastInput})")
    sent = GzipHandler.sent - sent_before
    context.close()
    return {"latency_ms": last["last"]["renderedAt"] - last["input"], "bytes": sent,
            "results": last["last"].get("results", [])}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--queries", type=Path, nargs="+", default=DEFAULT_QUERIES)
    parser.add_argument("--throttle", type=float, default=4.0)
    parser.add_argument("--verbose", action="store_true", help="print every query's top results")
    args = parser.parse_args(argv)
    if not (args.site / "pagefind" / "pagefind.js").exists():
        sys.exit(f"{args.site}: no search index (pagefind/). Build the site first: make site")
    from playwright.sync_api import sync_playwright

    queries = load_queries(args.queries)
    server, base_url = serve(args.site)
    page_path = start_page(args.site)
    rows = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for entry in queries:
                outcome = run_query(browser, base_url, page_path, entry["q"], args.throttle)
                pattern = re.compile(entry["expect"])
                # "top": 1 asks for the expected result first (a name's entry), else the top five
                top = outcome["results"][:entry.get("top", 5)]
                found = any(pattern.search(" ".join((r.get("text", ""), r.get("title", ""), r.get("document", ""))))
                            for r in top)
                rows.append({**entry, **outcome, "found": found})
                mark = "ok  " if found else "MISS"
                print(f"{mark} {outcome['latency_ms']:6.0f} ms {outcome['bytes'] / 1024:7.1f} KB  "
                      f"{entry['q']!r} → /{entry['expect']}/", flush=True)
                if args.verbose or not found:
                    for r in top:
                        print(f"        {r.get('url', '')}: {r.get('text', '')[:110]}")
            browser.close()
    finally:
        server.shutdown()
    latencies = [r["latency_ms"] for r in rows]
    sizes = [r["bytes"] for r in rows]
    recall = sum(r["found"] for r in rows) / len(rows)
    for source in dict.fromkeys(r["source"] for r in rows):
        part = [r for r in rows if r["source"] == source]
        print(f"{source}: recall {sum(r['found'] for r in part) / len(part):.1%} of {len(part)}, "
              f"latency median {statistics.median(r['latency_ms'] for r in part):.0f} ms")
    print(f"\nqueries: {len(rows)}   recall@5: {recall:.1%}   "
          f"latency median {statistics.median(latencies):.0f} ms, max {max(latencies):.0f} ms "
          f"(CPU ×{args.throttle:g})   first-query transfer median {statistics.median(sizes) / 1024:.0f} KB, "
          f"max {max(sizes) / 1024:.0f} KB (compressed)")
    # latency is CPU time in a throttled browser: on a shared, busy machine it grows with the load
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end of the run")
    index_dir = args.site / "pagefind"
    index_bytes = sum(p.stat().st_size for p in (index_dir / "index").glob("*"))
    fragment_files = list((index_dir / "fragment").glob("*"))
    print(f"index: {index_bytes / 1024:.0f} KB in {len(list((index_dir / 'index').glob('*')))} chunks, "
          f"{len(fragment_files)} fragments ({sum(p.stat().st_size for p in fragment_files) / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
