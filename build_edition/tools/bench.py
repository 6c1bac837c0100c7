"""`build-edition bench` (`make bench`): time and memory of the pipeline and the site, and how they grow.

Prints one table:

* every pass and every document: wall and CPU seconds and peak resident memory (each document runs
  alone in a fresh process forked from one that holds the shared evidence, so its numbers are its
  own; the peak of a pass is the process's high-water mark during that pass, reset before it);
* the whole pipeline as ``build`` runs it (all documents, the process pool, no cache; each run in a
  fresh process, as a user's build: one that has built before keeps the dictionary cached): best and
  median of ``--repeat`` runs, CPU of all processes, and memory as the peak of the summed PSS of
  the parent and its workers (shared pages counted once);
* the full build (pipeline, render, merge, write) and two rebuilds: nothing changed, and one
  catalogue entry changed (both served by the cache: the table says how many were reprocessed);
* ``mkdocs build`` (wall, CPU of mkdocs and its children, peak memory), total site size and pages per
  interface, the Pagefind index (``site/pagefind``)
  raw and gzip-compressed, and the compressed transfer size of the heaviest page: its HTML plus
  every stylesheet and script it links (fonts excluded; the search index loads only on a search);
* for every ``--scale`` (synthetic corpora, :mod:`build_edition.tools.synthetic`): pipeline time, CPU and
  memory and their growth relative to the seeds, divided by the growth of the input (a ratio
  ≤ 1 is linear or better), and the site build of that corpus with the same ratio for its CPU.

Budgets (2 cores): pipeline ≤ 5 s, mkdocs build ≤ 10 s of CPU (issue 18: 30.6 s before), heaviest page
≤ 150 KB compressed,
pipeline memory ≤ 500 MB. The machine may be shared: CPU seconds are the steadier number, and
the load average is printed with the table. Everything is built in a scratch folder (``--work``,
a temporary folder by default); the project's content/, site/ and .cache/ are never touched.
"""
from __future__ import annotations

import gzip
import os
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from build_edition.core.paths import REPOSITORY

BUDGET_PIPELINE_S = 5.0
BUDGET_MKDOCS_CPU_S = 10.0           # CPU, the steadier number on a shared machine (issue 18)
BUDGET_PAGE_KB = 150.0
BUDGET_MEMORY_MB = 500.0
GZIP_LEVEL = 6                      # what static web servers typically use
# repository entries a scratch site project must not share with the repository (see site_project)
NOT_SHARED = {"content", "site", ".git", "mkdocs.yml", ".cache", "seeds"}


def add_arguments(parser) -> None:
    parser.add_argument("--repeat", type=int, default=3, metavar="N", help="runs of the whole pipeline (default 3)")
    parser.add_argument("--jobs", type=int, metavar="N", help="worker processes (default: one per core)")
    parser.add_argument("--scales", default="10,50", metavar="LIST",
                        help="synthetic corpora, comma-separated multiples of the seeds (default 10,50; 0: none)")
    parser.add_argument("--no-site", action="store_true", help="skip the mkdocs builds")
    parser.add_argument("--no-scale-site", action="store_true", help="skip the mkdocs builds of the synthetic corpora")
    parser.add_argument("--work", type=Path, help="scratch folder, kept with every corpus and site built in it "
                        "(default: a temporary folder, removed afterwards)")
    parser.add_argument("--memory-cap", type=float, default=8000, metavar="MB",
                        help="stop a build or mkdocs run whose processes use more than this together (default 8000)")


# -- measuring ------------------------------------------------------------------------------------

def _cpu(who=resource.RUSAGE_SELF) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _status_kb(field_name: str, pid: str = "self") -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field_name + ":"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _reset_peak() -> bool:
    """Reset this process's resident high-water mark (Linux), so the next peak belongs to what follows."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _children(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid:
                out.append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue
    return out


class MemoryCapExceeded(Exception):
    pass


class MemorySampler:
    """Peak of the summed PSS of a process (default: this one) and its descendants (the workers,
    Pagefind), sampled every 50 ms. Past ``cap_mb`` it calls ``on_cap`` once (to stop the measured
    work before the machine runs out of memory)."""

    def __init__(self, pid: int | None = None, cap_mb: float | None = None, on_cap=None, interval: float = 0.05):
        self.pid, self.cap_mb, self.on_cap = pid, cap_mb, on_cap
        self.interval, self.peak_kb, self.capped = interval, 0, False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _tree(self, pid: int) -> list[int]:
        out, todo = [], [pid]
        while todo:
            current = todo.pop()
            out.append(current)
            todo.extend(_children(current))
        return out

    def _run(self) -> None:
        root = self.pid or os.getpid()
        while not self._stop.is_set():
            total = sum(_pss_kb(p) for p in self._tree(root))
            self.peak_kb = max(self.peak_kb, total)
            if self.cap_mb and total / 1024 > self.cap_mb and not self.capped:
                self.capped = True
                if self.on_cap:
                    self.on_cap()
            self._stop.wait(self.interval)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    @property
    def peak_mb(self) -> float:
        return self.peak_kb / 1024


@dataclass
class Timing:
    wall: float
    cpu: float
    memory_mb: float = 0.0


# -- the passes, document by document ---------------------------------------------------------------

_DOCS: list = []


def _measure_one(index: int) -> tuple[str, dict[str, Timing]]:
    """In a fresh forked process: run every pass on one document, timing each and taking its peak RSS."""
    from build_edition.passes import passes_for

    doc = _DOCS[index]
    passes: dict[str, Timing] = {}
    for module in passes_for(doc):
        _reset_peak()
        wall, cpu = time.perf_counter(), _cpu()
        module.run(doc)
        passes[module.__name__.rsplit(".", 1)[-1]] = Timing(time.perf_counter() - wall, _cpu() - cpu,
                                                           _status_kb("VmHWM") / 1024)
    return doc.slug, passes


def measure_passes(root: Path) -> tuple[dict[str, dict[str, Timing]], float]:
    """{slug: {pass: Timing}} for every document of the project at ``root``, and the RSS (MB) of the
    process holding the shared evidence that each document's process starts from."""
    import multiprocessing

    from build_edition.read.catalog import load_catalog
    from build_edition.store.datafiles import attach_data_files
    from build_edition.evidence.pinned import choose_evidence
    from build_edition.build.pipeline import Project, _ignore_interrupts, _schedule, _warm_up
    from build_edition.read.seed_reader import read_seed

    project = Project(root)
    docs = [read_seed(entry, project.seeds) for entry in load_catalog(project.catalog, project.seeds)]
    evidence = choose_evidence(docs, project.content, refresh=True)
    attach_data_files(docs, None, root)
    for doc in docs:
        doc.meta["lexicon"] = evidence.lexicon_for_document(doc.seed_name, doc.source)
    # the evidence a build shares, built as the build builds it (in its processing order: the word model
    # of the document processed first is shared, a damaged document's own one is built in its process)
    _warm_up([docs[i] for i in _schedule(docs, list(range(len(docs))))])
    baseline = _status_kb("VmRSS") / 1024
    _DOCS[:] = docs
    try:
        context = multiprocessing.get_context("fork")
        with context.Pool(1, maxtasksperchild=1, initializer=_ignore_interrupts) as pool:
            results = dict(pool.imap(_measure_one, range(len(docs)), chunksize=1))
            pool.close()
            pool.join()
    finally:
        _DOCS.clear()
    return {doc.slug: results[doc.slug] for doc in docs}, baseline


# -- the pipeline and the build as users run them -----------------------------------------------------

# One pipeline run in a fresh interpreter: a process that has built before keeps the Hunspell dictionary
# and the corpus counts in its caches, so a second run in it skips most of the evidence set-up and
# reports less than a user's build (imports are done before the clock starts, as in a build).
_PIPELINE_RUN = """
import json, resource, sys, time
from pathlib import Path
from build_edition.build.pipeline import Project, build_documents

def cpu():
    return sum(u.ru_utime + u.ru_stime for u in map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)))

root, content, jobs = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]) or None
started, used = time.perf_counter(), cpu()
build_documents(Project(root, content_dir=content, jobs=jobs, use_cache=False), progress=False)
print(json.dumps({"wall": time.perf_counter() - started, "cpu": cpu() - used}))
"""


def measure_pipeline(root: Path, content: Path, jobs: int | None, repeat: int) -> list[Timing]:
    """``build_documents`` (no cache) ``repeat`` times, each in a fresh process: wall, CPU of all
    processes, peak summed PSS of the process and its workers."""
    import json

    runs = []
    for _ in range(max(1, repeat)):
        process = subprocess.Popen([sys.executable, "-c", _PIPELINE_RUN, str(root), str(content), str(jobs or 0)],
                                   cwd=REPOSITORY, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        with MemorySampler(process.pid) as memory:
            output, errors = process.communicate()
        if process.returncode != 0:
            raise RuntimeError(f"pipeline run failed: {' '.join(errors.strip().splitlines()[-1:])}")
        numbers = json.loads(output.strip().splitlines()[-1])
        runs.append(Timing(numbers["wall"], numbers["cpu"], memory.peak_mb))
    return runs


@dataclass
class BuildTiming:
    build: Timing                     # the whole build: pipeline, render, merge, write
    pipeline: Timing                  # its build_documents part (memory: peak summed PSS until then)
    result: object
    processed: list[str] = field(default_factory=list)
    documents: int = 0

    def forget(self) -> BuildTiming:
        """Keep the numbers, drop the documents (so the next measurement does not carry their memory)."""
        self.processed, self.documents, self.result = list(self.result.processed), len(self.result.docs), None
        _release_memory()
        return self


def _release_memory() -> None:
    import gc

    from build_edition.build.pipeline import _return_free_memory

    gc.collect()
    _return_free_memory()


def timed_build(root: Path, content: Path, jobs: int | None, use_cache: bool = True,
                cap_mb: float | None = None) -> BuildTiming:
    """``build`` into ``content``, timed as a whole and in its pipeline part; MemoryCapExceeded when its
    processes together use more than ``cap_mb``."""
    import _thread

    from build_edition.build import pipeline

    _release_memory()
    project = pipeline.Project(root, content_dir=content, jobs=jobs, use_cache=use_cache)
    original, marks = pipeline.build_documents, {}

    def build_documents(*args, **kwargs):           # notes the memory peak when the pipeline part ends
        out = original(*args, **kwargs)
        marks["memory"] = memory.peak_mb
        return out

    cpu = _cpu() + _cpu(resource.RUSAGE_CHILDREN)
    pipeline.build_documents = build_documents
    try:
        with MemorySampler(cap_mb=cap_mb, on_cap=_thread.interrupt_main) as memory:
            wall = time.perf_counter()
            result = pipeline.build(project, progress=False)
            wall = time.perf_counter() - wall
    except KeyboardInterrupt:
        if memory.capped:
            raise MemoryCapExceeded(f"stopped: over the {cap_mb:.0f} MB memory cap") from None
        raise
    finally:
        pipeline.build_documents = original
    return BuildTiming(Timing(wall, _cpu() + _cpu(resource.RUSAGE_CHILDREN) - cpu, memory.peak_mb),
                       Timing(result.wall, result.cpu, marks.get("memory", 0.0)), result)


def copy_project(source: Path, dest: Path) -> Path:
    """A scratch project with copies of ``source``'s seeds and catalogue (so its cache is its own)."""
    (dest / "seeds").mkdir(parents=True, exist_ok=True)
    for path in (source / "seeds").iterdir():
        if path.is_file():
            shutil.copyfile(path, dest / "seeds" / path.name)
    return dest


def change_one_entry(root: Path) -> str:
    """Edit the title of the catalogue's last document (a change that reprocesses that document only)."""
    import yaml

    from build_edition.store.yamlfiles import NoAliasDumper

    catalog_file = root / "seeds" / "catalog.yml"
    catalog = yaml.safe_load(catalog_file.read_text(encoding="utf-8"))
    entry = catalog["documents"][-1]
    entry["title"] = f"{entry['title']} (өзгертілген)"
    catalog_file.write_text(yaml.dump(catalog, Dumper=NoAliasDumper, allow_unicode=True, sort_keys=False),
                            encoding="utf-8")
    return entry["slug"]


# -- the site ---------------------------------------------------------------------------------------

def site_project(workdir: Path, seeds: Path) -> Path:
    """A site project at ``workdir``: a copy of mkdocs.yml (hooks, docs_dir and theme resolve relative to
    it), a link to the corpus's ``seeds`` (the downloads are exported with its catalogue) and links to the
    repository's other entries, with its own content/ and site/."""
    workdir.mkdir(parents=True, exist_ok=True)
    shutil.copy2(REPOSITORY / "mkdocs.yml", workdir / "mkdocs.yml")
    if not (workdir / "seeds").exists():
        (workdir / "seeds").symlink_to(seeds.resolve(), target_is_directory=True)
    for entry in sorted(REPOSITORY.iterdir()):
        link = workdir / entry.name
        if entry.name not in NOT_SHARED and not entry.name.startswith(".") and not link.exists():
            link.symlink_to(entry, target_is_directory=entry.is_dir())
    return workdir


def mkdocs_build(workdir: Path, cap_mb: float | None = None) -> tuple[Timing, str]:
    """``mkdocs build --strict`` of ``workdir/content`` into ``workdir/site``: (Timing, error or "").

    Memory is the peak summed PSS of mkdocs and its children (Pagefind); past ``cap_mb`` the build
    is stopped and reported as such."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED="0")
    site = workdir / "site"
    shutil.rmtree(site, ignore_errors=True)
    cpu = _cpu(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f",
                                str(workdir / "mkdocs.yml"), "-d", str(site)], cwd=workdir, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    with MemorySampler(process.pid, cap_mb, on_cap=lambda: os.killpg(process.pid, signal.SIGKILL)) as memory:
        output, _ = process.communicate()
    wall = time.perf_counter() - wall
    timing = Timing(wall, _cpu(resource.RUSAGE_CHILDREN) - cpu, memory.peak_mb)
    if memory.capped:
        return timing, f"stopped: over the {cap_mb:.0f} MB memory cap"
    last_line = " ".join(output.strip().splitlines()[-1:])
    error = "" if process.returncode == 0 else last_line or f"exit {process.returncode}"
    return timing, error


def _gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


def folder_size(folder: Path) -> tuple[int, int]:
    """(raw bytes, gzip bytes) of every file under ``folder``."""
    raw = packed = 0
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            raw += len(data)
            packed += _gzip_size(data)
    return raw, packed


@dataclass
class PageWeight:
    page: str
    html: int
    css: int
    js: int
    assets: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.html + self.css + self.js


_FONT = re.compile(r"\.(woff2?|ttf|otf|eot)(\?|$)", re.I)
_LINK_TAG = re.compile(r"<link\b[^>]*>", re.I)
_SCRIPT_SRC = re.compile(r"<script\b[^>]*?\bsrc=[\"']?([^\"' >]+)", re.I)
_HREF = re.compile(r"\bhref=[\"']?([^\"' >]+)", re.I)
_STYLESHEET = re.compile(r"\brel=[\"']?[^\"'>]*\bstylesheet\b", re.I)


def page_assets(html: str) -> tuple[list[str], list[str]]:
    """The local stylesheets and scripts a page links (no fonts, nothing from other hosts).

    >>> page_assets('<link rel="stylesheet" href="../a.css"><link rel="icon" href="f.png">'
    ...             '<script src="x.js"></script><script src="https://cdn.org/y.js"></script>')
    (['../a.css'], ['x.js'])
    """
    def local(url: str) -> bool:
        return not re.match(r"^[a-z][a-z0-9+.-]*:|^//", url, re.I) and not _FONT.search(url)

    css = [m.group(1) for tag in _LINK_TAG.findall(html) if _STYLESHEET.search(tag) for m in [_HREF.search(tag)] if m]
    js = _SCRIPT_SRC.findall(html)
    return [u for u in css if local(u)], [u for u in js if local(u)]


def heaviest_page(site: Path) -> PageWeight | None:
    """The page whose HTML plus linked stylesheets and scripts weigh most, gzip-compressed."""
    sizes: dict[Path, int] = {}

    def size(path: Path) -> int:
        if path not in sizes:
            sizes[path] = _gzip_size(path.read_bytes()) if path.is_file() else 0
        return sizes[path]

    heaviest = None
    for page in site.rglob("*.html"):
        if "pagefind" in page.relative_to(site).parts:
            continue
        html = page.read_bytes()
        css_urls, js_urls = page_assets(html.decode("utf-8", "replace"))

        def weight(urls: list[str], page: Path = page) -> int:
            return sum(size((page.parent / url.split("#")[0].split("?")[0]).resolve()) for url in urls)

        page_weight = PageWeight(page.relative_to(site).as_posix(), _gzip_size(html), weight(css_urls),
                                 weight(js_urls), css_urls + js_urls)
        if heaviest is None or page_weight.total > heaviest.total:
            heaviest = page_weight
    return heaviest


# -- the table --------------------------------------------------------------------------------------

class Table:
    COLUMNS = ("", "wall s", "CPU s", "memory MB", "budget", "", "")

    def __init__(self):
        self.rows: list[tuple[str, ...]] = []

    def section(self, title: str) -> None:
        self.rows.append((f"[{title}]",))

    def row(self, name: str, timing: Timing | None = None, note: str = "", budget: str = "", ok: bool | None = None,
            memory: bool = True) -> None:
        verdict = "" if ok is None else ("ok" if ok else "OVER")
        numbers = ("", "", "") if timing is None else (
            f"{timing.wall:.2f}", f"{timing.cpu:.2f}", f"{timing.memory_mb:.0f}" if memory and timing.memory_mb else "")
        self.rows.append((name, *numbers, budget, verdict, note))

    def render(self) -> str:
        widths = [max(len(r[i]) for r in self.rows + [self.COLUMNS] if len(r) > 1) for i in range(len(self.COLUMNS))]
        lines = []
        for r in [self.COLUMNS] + self.rows:
            if len(r) == 1:
                lines.append(r[0])
                continue
            cells = [r[0].ljust(widths[0])] + [r[i].rjust(widths[i]) for i in (1, 2, 3)] \
                + [r[4].ljust(widths[4]), r[5].ljust(widths[5]), r[6]]
            lines.append("  ".join(cells).rstrip())
        return "\n".join(lines)


def _mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


def _seed_bytes(root: Path) -> int:
    return sum(p.stat().st_size for p in (root / "seeds").glob("*.txt"))


def _site_rows(table: Table, workdir: Path, cap_mb: float | None = None, budget: bool = True) -> tuple[Timing, str]:
    """The site's rows; ``budget``: the CPU budget applies (the seeds' site, not a synthetic corpus)."""
    timing, error = mkdocs_build(workdir, cap_mb)
    table.row("mkdocs build --strict", timing, "FAILED: " + error if error else "",
              f"≤ {BUDGET_MKDOCS_CPU_S:.0f} s CPU" if budget else "",
              not error and timing.cpu <= BUDGET_MKDOCS_CPU_S if budget else (False if error else None))
    site = workdir / "site"
    if error or not site.is_dir():
        return timing, error
    raw, packed = folder_size(site)
    languages = [d.name for d in sorted(site.iterdir()) if d.is_dir() and (d / "index.html").is_file()
                 and len(d.name) == 2 and d.name.isalpha()]       # the other interfaces (ru/, en/)
    pages = {name: sum(1 for _ in (site / name).rglob("*.html")) for name in languages}
    own = sum(1 for _ in site.rglob("*.html")) - sum(pages.values())
    table.row("site size", note=f"{_mb(raw)} ({_mb(packed)} gzip), {own} pages"
              + "".join(f", {name}/ {count}" for name, count in pages.items()))
    index = site / "pagefind"
    if index.is_dir():
        raw, packed = folder_size(index)
        table.row("search index (site/pagefind)", note=f"{_mb(raw)} raw, {_mb(packed)} gzip")
    else:
        table.row("search index (site/pagefind)", note="missing")
    page = heaviest_page(site)
    if page is not None:
        table.row("heaviest page, gzip", note=f"{page.total / 1024:.0f} KB: {page.page} (HTML {page.html / 1024:.0f} "
                  f"+ CSS {page.css / 1024:.0f} + JS {page.js / 1024:.0f} KB)", budget=f"≤ {BUDGET_PAGE_KB:.0f} KB",
                  ok=page.total / 1024 <= BUDGET_PAGE_KB)
    return timing, error


def _build_rows(table: Table, root: Path, site: Path, jobs: int, cap_mb: float | None = None) -> Timing:
    """A first build (every document processed, the cache filled), a rebuild with nothing changed and
    one after a catalogue entry changed; returns the first build's pipeline timing."""
    first = timed_build(root, site / "content", jobs, cap_mb=cap_mb).forget()
    table.row("pipeline in a first build", first.pipeline, "filling the cache; memory: peak PSS, all processes")
    table.row("build (pipeline, render, merge, write, downloads, search index)", first.build)
    again = timed_build(root, site / "content", jobs, cap_mb=cap_mb).forget()
    table.row("rebuild, nothing changed", again.build, f"{len(again.processed)} of {again.documents} reprocessed")
    change_one_entry(root)
    one = timed_build(root, site / "content", jobs, cap_mb=cap_mb).forget()
    table.row("rebuild, one catalogue entry changed", one.build,
              f"{len(one.processed)} of {one.documents} reprocessed: {', '.join(one.processed)}")
    return first.pipeline


def _scale_rows(table: Table, args, root: Path, site: Path, jobs: int, size1: int, base: Timing,
                site_base: Timing | None) -> None:
    size = _seed_bytes(root)
    count = len(list((root / "seeds").glob("*.txt")))
    growth = size / size1
    table.section(f"scale {root.name[1:]}×: {count} documents, {size / 1e6:.1f} MB ({growth:.1f}× the seeds)")
    try:
        run = _build_rows(table, root, site, jobs, args.memory_cap)
    except MemoryCapExceeded as stopped:
        table.row("build", note=str(stopped))
        return
    table.row("  growth of pipeline ÷ growth of input", note=(
        f"wall {run.wall / base.wall / growth:.2f}, CPU {run.cpu / base.cpu / growth:.2f}, "
        f"memory {run.memory_mb / base.memory_mb / growth:.2f} (vs the seeds' first build; ≤ 1: linear or better)"))
    if not args.no_site and not args.no_scale_site:
        _progress(f"mkdocs build of the {root.name[1:]}× corpus")
        timing, error = _site_rows(table, site, args.memory_cap, budget=False)
        if site_base is not None and not error:
            ratio = timing.cpu / site_base.cpu / growth
            table.row("  growth of site build ÷ growth of input", note=(
                f"CPU {ratio:.2f}, wall {timing.wall / site_base.wall / growth:.2f} (vs the seeds' site; "
                "≤ 1: linear or better)"), budget="≤ 1", ok=ratio <= 1)


def main(project, args) -> int:
    from build_edition.build.pipeline import default_jobs
    from build_edition.tools.synthetic import make_corpus

    scales = sorted({int(s) for s in str(args.scales).replace(" ", "").split(",") if s and int(s) > 1})
    jobs = args.jobs or default_jobs()
    work = args.work or Path(tempfile.mkdtemp(prefix="edition-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    table = Table()
    started = time.perf_counter()
    try:
        seeds_root = copy_project(project.root, work / "x1")
        size1 = _seed_bytes(seeds_root)
        n_docs = len(list((seeds_root / "seeds").glob("*.txt")))
        _progress(f"passes, document by document ({n_docs} seeds)")
        per_doc, baseline = measure_passes(seeds_root)
        table.section(f"passes: all documents, each in its own process (shared evidence: {baseline:.0f} MB)")
        # in pass order; a document runs only the structure pass of its kind (issue 19)
        names = list(dict.fromkeys(name for passes in per_doc.values() for name in passes))
        for name in names:
            times = [d[name] for d in per_doc.values() if name in d]
            table.row(name, Timing(sum(t.wall for t in times), sum(t.cpu for t in times),
                                   max(t.memory_mb for t in times)))
        table.section("documents: all passes")
        for slug, passes in per_doc.items():
            slowest = max(passes, key=lambda n: passes[n].cpu)
            table.row(slug, Timing(sum(t.wall for t in passes.values()), sum(t.cpu for t in passes.values()),
                                   max(t.memory_mb for t in passes.values())), f"slowest: {slowest}")

        _progress(f"whole pipeline × {args.repeat} ({jobs} jobs)")
        runs = measure_pipeline(seeds_root, work / "x1-scratch", jobs, args.repeat)
        best = min(runs, key=lambda t: t.wall)
        memory = max(t.memory_mb for t in runs)
        table.section(f"pipeline: {n_docs} seeds, {size1 / 1e6:.1f} MB, {jobs} worker processes, no cache")
        table.row(f"best of {len(runs)}", Timing(best.wall, best.cpu, memory), "memory: peak PSS, all processes",
                  f"≤ {BUDGET_PIPELINE_S:.0f} s, ≤ {BUDGET_MEMORY_MB:.0f} MB",
                  best.wall <= BUDGET_PIPELINE_S and memory <= BUDGET_MEMORY_MB)
        table.row("median", Timing(statistics.median(t.wall for t in runs), statistics.median(t.cpu for t in runs)),
                  memory=False)

        _progress("build and rebuilds")
        table.section("build (pipeline, render, merge, write) and rebuilds, with the cache")
        site1 = site_project(work / "x1-site", seeds_root / "seeds")
        base = _build_rows(table, seeds_root, site1, jobs, args.memory_cap)
        site_base = None
        if not args.no_site:
            _progress("mkdocs build")
            table.section("site")
            site_base, error = _site_rows(table, site1, args.memory_cap)
            site_base = None if error else site_base

        for scale in scales:
            _progress(f"synthetic corpus {scale}×")
            root = make_corpus(work / f"x{scale}", scale)
            site = site_project(work / f"x{scale}-site", root / "seeds")
            try:
                _scale_rows(table, args, root, site, jobs, size1, base, site_base)
            finally:
                if args.work is None:       # --work keeps them, to run mkdocs or a profiler there by hand
                    shutil.rmtree(site, ignore_errors=True)
                    shutil.rmtree(root, ignore_errors=True)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
        load = os.getloadavg()       # the table so far, even when a stage failed
        print(f"build-edition bench — {os.cpu_count()} cores, load average {load[0]:.1f} {load[1]:.1f} "
              f"{load[2]:.1f}, {time.perf_counter() - started:.0f} s")
        print(table.render(), flush=True)
    return 0


def _progress(what: str) -> None:
    print(f"bench: {what}…", file=sys.stderr, flush=True)
