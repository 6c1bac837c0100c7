"""Lighthouse mobile performance of the longest book chapter, served with gzip as a static host serves it.

Not a test (the score depends on the machine): a measurement, like `make bench-search`. Needs the built
site (`make site`), Debian's chromium and the Lighthouse CLI pinned in bench/lighthouse/package.json
(`make bench-lighthouse` installs it with `npm ci`). Prints the performance score and the metrics behind it.

    python bench/lighthouse_bench.py --site site [--page chebotarev-political-thought/07-.../]
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "bench" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
COMPRESSED = {"text/html", "text/css", "application/javascript", "text/javascript", "application/json",
              "image/svg+xml", "text/plain", "application/xml"}
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift",
           "speed-index")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, text types gzip-compressed when the client accepts it (as GitHub Pages does)."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        ctype = self.guess_type(str(path)).split(";")[0]
        if (not path.is_file() or ctype not in COMPRESSED
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", ctype + ("; charset=utf-8" if ctype.startswith("text/") else ""))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return _Body(body)

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


class _Body:
    def __init__(self, data: bytes):
        self.data = data

    def read(self, *_):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


def longest_chapter(site: Path) -> str:
    """The book page with the most HTML (the heaviest a reader opens)."""
    book = next(p for p in sorted(site.iterdir()) if p.is_dir() and p.name.startswith("chebotarev"))
    page = max((p for p in book.glob("*/index.html")), key=lambda p: p.stat().st_size)
    return page.parent.relative_to(site).as_posix() + "/"


def run(site: Path, page: str, runs: int) -> list[dict]:
    handler = functools.partial(GzipHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/{page}"
    results = []
    try:
        for _ in range(runs):
            with tempfile.TemporaryDirectory() as tmp:
                report = Path(tmp) / "report.json"
                subprocess.run([str(LIGHTHOUSE), url, "--only-categories=performance", "--output=json",
                                f"--output-path={report}", "--quiet",
                                "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
                               check=True, env=dict(os.environ, CHROME_PATH=CHROMIUM), timeout=600)
                data = json.loads(report.read_text(encoding="utf-8"))
            results.append({"score": round(data["categories"]["performance"]["score"] * 100),
                            **{m: data["audits"][m]["displayValue"] for m in METRICS},
                            "transfer": data["audits"]["total-byte-weight"]["displayValue"]})
    finally:
        server.shutdown()
        server.server_close()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--page", help="path of the page under the site (default: the longest book chapter)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        print(f"{LIGHTHOUSE} missing: run `npm ci --prefix bench/lighthouse` (make bench-lighthouse does)",
              file=sys.stderr)
        return 1
    if not (args.site / "index.html").is_file():
        print(f"no built site in {args.site}: run `make site`", file=sys.stderr)
        return 1
    page = args.page or longest_chapter(args.site)
    html = args.site / page / "index.html"
    print(f"Lighthouse {json.loads((LIGHTHOUSE.parent.parent / 'lighthouse' / 'package.json').read_text())['version']}"
          f", mobile (simulated throttling), {page} ({html.stat().st_size // 1024} KiB of HTML, gzip)")
    results = run(args.site, page, args.runs)
    for i, r in enumerate(results, 1):
        print(f"  run {i}: performance {r['score']}  " + "  ".join(f"{k} {r[k]}" for k in (*METRICS, "transfer")))
    scores = sorted(r["score"] for r in results)
    print(f"median performance score: {scores[len(scores) // 2]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
