"""Build the whole edition: catalogue → seeds → passes → content/.

Documents are processed in parallel (a pool of forked worker processes, one document at a time each,
largest first; a worker that dies is an error, not a hang); results are collected in catalogue order,
so the output does not depend on which worker finishes first. A document whose inputs have not
changed since the last build is taken from the cache (:mod:`build_edition.build.cache`); the corpus
evidence its repairs use is pinned (:mod:`build_edition.evidence.pinned`), so changing or adding one
document reprocesses only that one.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import gc
import multiprocessing
import os
import resource
import signal
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from build_edition.build.cache import DocumentCache, Inputs, pack, registry_digest, unpack
from build_edition.read.catalog import CatalogueEntry, load_catalog
from build_edition.core.conservation import account, check_conservation
from build_edition.store.datafiles import attach_data_files
from build_edition.core.errors import EditionError
from build_edition.evidence.pinned import PinnedEvidence, choose_evidence, evidence_files
from build_edition.evidence.lexicon import Lexicon
from build_edition.core.model import Document
from build_edition.passes import run_pipeline
from build_edition.store.output import check_writable, taking_turns, write_tree
from build_edition.read.seed_reader import read_seed
from build_edition.store.segment_ids import attach_registries, registry_files
from build_edition.write.writer import edition_paths, render_edition


@dataclass
class Project:
    root: Path
    content_dir: Path | None = None   # default: <root>/content
    jobs: int | None = None           # worker processes (default: the cores this process may use)
    use_cache: bool = True            # reuse documents whose inputs did not change (<root>/.cache/edition)
    refresh_evidence: bool = False    # pin every catalogued seed as corpus evidence again

    @property
    def seeds(self) -> Path:
        return self.root / "seeds"

    @property
    def catalog(self) -> Path:
        return self.seeds / "catalog.yml"

    @property
    def content(self) -> Path:
        return self.content_dir or self.root / "content"


@dataclass
class DocumentStats:
    """How processing one document went (for the build report and `build-edition bench`)."""
    wall: float = 0.0                 # seconds
    cpu: float = 0.0                  # user + system seconds of the process that ran it
    peak_rss_mb: float = 0.0          # peak resident memory of that process so far
    passes: dict[str, float] = field(default_factory=dict)   # wall seconds per pass
    cached: bool = False
    why: list[str] = field(default_factory=list)             # inputs that changed (empty when cached)


@dataclass
class BuildResult:
    docs: list[Document]
    timings: dict[str, float] = field(default_factory=dict)
    stats: dict[str, DocumentStats] = field(default_factory=dict)     # by slug
    evidence: PinnedEvidence | None = None
    notes: list[str] = field(default_factory=list)
    jobs: int = 1
    wall: float = 0.0                 # seconds of build_documents
    cpu: float = 0.0                  # CPU seconds of build_documents, its workers included

    @property
    def processed(self) -> list[str]:
        return [slug for slug, s in self.stats.items() if not s.cached]

    @property
    def cached(self) -> list[str]:
        return [slug for slug, s in self.stats.items() if s.cached]


def read_documents(entries: list[CatalogueEntry], seeds_dir: Path) -> list[Document]:
    """Read every seed and attach the corpus lexicon (word evidence from all these seeds) to each document."""
    docs = [read_seed(entry, seeds_dir) for entry in entries]
    lexicon = Lexicon.from_texts(doc.source for doc in docs)
    for doc in docs:
        doc.meta["lexicon"] = lexicon
    return docs


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:          # not Linux
        return max(1, os.cpu_count() or 1)


def build_documents(project: Project, only: list[str] | None = None, progress: bool = True) -> BuildResult:
    """Every catalogued document, processed (or taken from the cache), in catalogue order."""
    wall, cpu = time.perf_counter(), _cpu_seconds(resource.RUSAGE_SELF) + _cpu_seconds(resource.RUSAGE_CHILDREN)
    entries = load_catalog(project.catalog, project.seeds, reserved=edition_paths())
    # the text alone: a worker reads the lines of the documents it processes (see _run_one)
    docs = [read_seed(entry, project.seeds, lines=False) for entry in entries]
    evidence = choose_evidence(docs, project.content, refresh=project.refresh_evidence)
    attach_registries(docs, project.content)     # issued segment ids (build_edition.store.segment_ids)
    attach_data_files(docs, project.content, project.root)   # curated glossary and index of names
    if only:
        docs = [d for d in docs if d.slug in only]
    cache = DocumentCache(project.root, enabled=project.use_cache)
    result = BuildResult([], evidence=evidence, notes=list(evidence.notes))
    done: list[Document | None] = [None] * len(docs)
    pending: list[tuple[int, Inputs]] = []
    for i, doc in enumerate(docs):
        inputs = Inputs.of(doc, evidence.digest)
        # --refresh-evidence reprocesses every document, as its help says, even when the refreshed evidence
        # happens to equal the pinned one (the cache key would match)
        cached, why = cache.load(inputs)
        if cached is not None and project.refresh_evidence:
            cached, why = None, ["refresh"]
        if cached is not None:
            # what the key leaves out on purpose: the entry's line in catalog.yml and the data files' paths
            cached.meta["entry"], cached.meta["data_files"] = doc.meta.get("entry"), doc.meta.get("data_files")
            done[i] = cached
            result.stats[doc.slug] = DocumentStats(cached=True)
        else:
            pending.append((i, inputs))
            result.stats[doc.slug] = DocumentStats(why=why)
    for i, doc in enumerate(docs):
        if done[i] is None:
            doc.meta["lexicon"] = evidence.lexicon_for_document(doc.seed_name, doc.source)
    result.jobs = min(project.jobs or default_jobs(), max(1, len(pending)))
    inputs_of = dict(pending)
    for i, payload, stats in _process(docs, project.seeds, list(inputs_of), result.jobs, progress):
        doc = done[i] = unpack(payload)
        cache.store(payload, inputs_of[i], registry_digest(doc.meta.get("segment_registry")))
        result.stats[doc.slug] = DocumentStats(stats.wall, stats.cpu, stats.peak_rss_mb, stats.passes,
                                               why=result.stats[doc.slug].why)
        for name, seconds in stats.passes.items():
            result.timings[name] = result.timings.get(name, 0.0) + seconds
    result.notes.extend(cache.problems)
    result.docs = [d for d in done if d is not None]
    result.stats = {d.slug: result.stats[d.slug] for d in result.docs}     # catalogue order
    result.wall = time.perf_counter() - wall
    result.cpu = _cpu_seconds(resource.RUSAGE_SELF) + _cpu_seconds(resource.RUSAGE_CHILDREN) - cpu
    return result


# -- parallel processing ---------------------------------------------------------------------------

# The documents of the running build, as (read document, seeds folder): forked workers inherit them
# (and the evidence already built in the parent: corpus lexicon, word model, dictionary), so only an
# index goes to a worker and only the processed document comes back.
_WORK: list[tuple[Document, Path]] = []


def _cpu_seconds(who: int = resource.RUSAGE_SELF) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024     # KB on Linux


def _run_one(index: int) -> tuple[int, bytes, DocumentStats]:
    """Process ``_WORK[index]``; the result comes back packed (build_edition.build.cache.pack), ready for the cache.

    The seed is read again here: the parent keeps only the text and metadata of what it read (see
    build_documents), not the one block per line that processing starts from."""
    shell, seeds_dir = _WORK[index]
    doc = read_seed(shell.meta["entry"], seeds_dir)
    if doc.source != shell.source:
        raise EditionError("the seed changed while the edition was being built", file=str(seeds_dir / doc.seed_name),
                           hint="run the build again once the file is saved")
    doc.meta = shell.meta        # entry, decoding, segment registry, data files, lexicon
    passes: dict[str, float] = {}
    wall, cpu = time.perf_counter(), _cpu_seconds()
    run_pipeline(doc, passes)
    doc.meta["conservation"] = account(doc)    # here, in parallel; the cache keeps it (see check_conservation)
    payload = pack(doc)
    stats = DocumentStats(time.perf_counter() - wall, _cpu_seconds() - cpu, _peak_rss_mb(), passes)
    return index, payload, stats


def _ignore_interrupts() -> None:
    # Ctrl-C and SIGTERM reach the whole process group: the parent alone stops the pool and cleans up
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


_PR_SET_PDEATHSIG = 1      # prctl option (linux/prctl.h)


def _start_worker(parent: int) -> None:
    """Initialise a worker process: it ignores Ctrl-C and dies with the build.

    A parent killed outright (SIGKILL, out of memory) cannot clean up, so each worker asks the kernel
    for SIGKILL when its parent dies (Linux: prctl PR_SET_PDEATHSIG) or, elsewhere, watches the
    parent's pid from a thread; a parent already gone before that ends the worker at once."""
    _ignore_interrupts()
    if not _die_with_parent():
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="parent-watchdog").start()
    if os.getppid() != parent:
        os._exit(1)


def _die_with_parent() -> bool:
    """Ask the kernel to SIGKILL this process when the thread that forked it ends; False where it cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return False
    return prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0


def _watch_parent(parent: int, interval: float = 1.0) -> None:
    while os.getppid() == parent:
        time.sleep(interval)
    os._exit(1)


def _return_free_memory() -> None:
    """Hand memory freed while the evidence was built back to the system (glibc's malloc keeps it), so
    the parent and the workers it forks do not carry it; elsewhere nothing happens."""
    try:
        ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim(0)
    except (OSError, AttributeError, TypeError):
        pass


def _warm_up(docs: list[Document]) -> None:
    """Build the evidence every worker needs once, in the parent, before forking (shared copy-on-write):
    the Hunspell dictionary and the corpus word model of each distinct lexicon."""
    from build_edition.evidence.word_model import word_model_for

    seen: set[int] = set()
    for doc in docs:
        lexicon = doc.meta["lexicon"]
        if id(lexicon) not in seen:
            seen.add(id(lexicon))
            lexicon.in_dictionary("қазақ")
            word_model_for(doc)


def _schedule(docs: list[Document], indexes: list[int]) -> list[int]:
    """Largest first: the longest document should not start last (the build waits for the slowest worker)."""
    return sorted(indexes, key=lambda i: -len(docs[i].source))


def _process(docs: list[Document], seeds_dir: Path, indexes: list[int], jobs: int, progress: bool):
    """Yield (index, packed processed document, stats) for ``docs[i]``, i in ``indexes``, in any order."""
    indexes = _schedule(docs, indexes)
    work = [(doc, seeds_dir) for doc in docs]
    bar = tqdm(total=len(indexes), desc="documents", unit="doc", disable=not progress or not indexes,
               file=sys.stderr)
    with bar:
        fork = "fork" in multiprocessing.get_all_start_methods()
        if jobs <= 1 or len(indexes) <= 1 or not fork:
            for i in indexes:
                _WORK[:] = work
                try:
                    yield _run_one(i)
                finally:
                    _WORK.clear()
                bar.update()
            return
        _warm_up([docs[i] for i in indexes])
        _WORK[:] = work
        # Forked workers share the parent's memory until either side writes to it; the cyclic garbage
        # collector would write to every object it scans, so the evidence is frozen out of its reach.
        gc.collect()
        gc.freeze()
        _return_free_memory()
        pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"), initializer=_start_worker,
                                   initargs=(os.getpid(),))
        try:
            futures = {pool.submit(_run_one, i): i for i in indexes}      # queued in this order
            for future in as_completed(futures):
                try:
                    item = future.result()
                except BrokenProcessPool:
                    raise EditionError("a worker process ended before its document was processed (killed, or out "
                                       "of memory)", hint="run the build again; with little memory free, use fewer "
                                       "worker processes (build --jobs 1)") from None
                yield item
                bar.update()
            pool.shutdown()
        except BaseException:
            # an error, Ctrl-C or SIGTERM: stop the documents still being processed instead of waiting for them
            # (the executor has no public way to; shutdown forgets its processes, so they are taken first)
            workers = list((getattr(pool, "_processes", None) or {}).values())
            for process in workers:
                process.terminate()
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        finally:
            _WORK.clear()
            gc.unfreeze()


def build(project: Project, progress: bool = True) -> BuildResult:
    """Process every document, merge with editors' corrections in content/, then write content/ in one step.

    Nothing is written if any document fails or if an edit conflicts with the new output
    (:class:`build_edition.editorial.merge.MergeConflictError` names each conflict).
    """
    check_writable(project.content)      # before any work: a read-only content/ is refused, not replaced
    result = build_documents(project, progress=progress)
    check_conservation(result.docs)      # no seed text lost silently, or nothing is written
    # from reading content/ (the merge) to the downloads and index made of what was written: one build at a time
    with taking_turns(project.content):
        _merge_write_and_derive(result, project, progress)
    return result


def _merge_write_and_derive(result: BuildResult, project: Project, progress: bool) -> None:
    from build_edition.editorial.merge import merge_into_content
    result.merge = merge_into_content(render_edition(result.docs), project.content)
    result.merge.files.update(registry_files(result.docs))
    result.merge.files.update(evidence_files(result.evidence))     # the pinned corpus evidence (build_edition.evidence.pinned)
    write_tree(result.merge.files, project.content)
    # the downloads (TEI, EPUB, plain text, citations) of the merged edition, made now for the site
    # build to find (build_edition/export/cache.py): they depend on content/, not on the renderer
    from build_edition.export.cache import make_all
    from build_edition.read.edition_date import edition_timestamp
    if progress:
        print("making the downloads (TEI, EPUB, plain text, citations) of changed documents", file=sys.stderr)
    try:
        make_all(project.content, project.root, edition_date=edition_timestamp(project.content, project.root))
    except Exception as exc:        # content/ is written and sound: the site build makes them again and reports
        print(f"note: the downloads were not made now ({type(exc).__name__}: {exc}); `mkdocs build` makes them "
              "or names what is wrong", file=sys.stderr)
    make_search_index(project, progress)


def make_search_index(project: Project, progress: bool = False) -> None:
    """The search index of the Kazakh pages of content/ (build_edition/site/search/index.py), made now
    and kept in .cache/search/ for the site build to copy: it depends on content/, not on the renderer."""
    from build_edition.site.search.index import cached_search_files
    # the site's configuration: beside content/ (its docs_dir), else the project's
    config_file = next((path for path in (project.content.resolve().parent / "mkdocs.yml", project.root / "mkdocs.yml")
                        if path.is_file()), None)
    if config_file is None:
        return
    if progress:
        print("making the search index of changed content", file=sys.stderr)
    try:
        cached_search_files(project.content, config_file)
    except Exception as exc:        # as for the downloads: the site build makes it again and reports
        print(f"note: the search index was not made now ({type(exc).__name__}: {exc}); `mkdocs build` makes it "
              "or names what is wrong", file=sys.stderr)
