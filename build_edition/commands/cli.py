"""Command line: `build-edition [build|eval|residue|lint|resolve|changelog|translate-template] ...` (also `python -m build_edition`)."""
from __future__ import annotations

import argparse
import signal
import sys
import threading
from pathlib import Path

from build_edition.core.errors import EditionError
from build_edition.build.pipeline import Project, build


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="build-edition", description="Build the Kazakh digital edition.")
    parser.add_argument("--root", type=Path, default=Path("."), help="project root (default: current directory)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    sub = parser.add_subparsers(dest="command")
    bp = sub.add_parser("build", help="restore the seeds and write content/ (default)")
    bp.add_argument("--content", type=Path, help="write the edition here instead of <root>/content")
    bp.add_argument("--jobs", type=int, metavar="N", help="worker processes (default: one per core)")
    bp.add_argument("--no-cache", action="store_true", help="process every document again (ignore .cache/edition)")
    bp.add_argument("--refresh-evidence", action="store_true",
                    help="pin every catalogued seed as corpus evidence again (reprocesses every document)")
    bench = sub.add_parser("bench", help="time and memory of the pipeline and the site, and how they grow")
    from build_edition.tools.bench import add_arguments as add_bench_arguments
    add_bench_arguments(bench)
    ev = sub.add_parser("eval", help="character error rate per seed against gold passages")
    ev.add_argument("--gold", type=Path, default=Path("../shared/gold/dev.jsonl"))
    ev.add_argument("--show", type=int, default=0, metavar="N", help="print the diff of the N worst passages")
    ev.add_argument("--unseen", action="store_true",
                    help="instead: CER on documents the engine has never seen (clean texts damaged like the "
                         "seeds) and of each gold seed restored with the other seeds as evidence")
    sub.add_parser("residue", help="leftover extraction artifacts per document")
    for name, help_text in (("glossary", "abbreviations the texts use but no glossary source defines"),
                            ("entities", "candidates for the index of names (content/data/entities.yml)")):
        gp = sub.add_parser(name, help=help_text)
        gp.add_argument("--content", type=Path, help="the content folder (default: <root>/content)")
    _add_editing_commands(sub)
    tp = sub.add_parser("translate-template", help="create or update a document's translation file "
                        "(content/<document>/translations/<lang>.yml) without changing existing translations")
    tp.add_argument("document", help="the document's folder name in content/, e.g. interethnic-harmony-article")
    tp.add_argument("lang", help="the translation language: ru or en")
    tp.add_argument("--content", type=Path, help="the content folder (default: <root>/content)")
    args = parser.parse_args(argv)
    project = Project(args.root.resolve())
    _stop_cleanly_on_sigterm()
    try:
        if args.command in (None, "build"):
            if getattr(args, "content", None):
                project.content_dir = args.content.resolve()
            project.jobs = getattr(args, "jobs", None)
            project.use_cache = not getattr(args, "no_cache", False)
            project.refresh_evidence = getattr(args, "refresh_evidence", False)
            result = build(project, progress=not args.quiet)
            total_e = sum(len(d.emendations) for d in result.docs)
            total_r = sum(len(d.removals) for d in result.docs)
            print(f"wrote {project.content} — {len(result.docs)} documents, {total_e} emendations, "
                  f"{total_r} removals")
            _report_documents(result.docs)
            _report_incremental(result)
            _report_merge(getattr(result, "merge", None))
            return 0
        if args.command == "bench":
            from build_edition.tools.bench import main as bench_main
            return bench_main(project, args)
        if args.command == "eval" and args.unseen:
            from build_edition.tools.unseen import main as unseen_main
            return unseen_main(project, args.gold)
        if args.command == "eval":
            from build_edition.tools.evaluate import main as eval_main
            return eval_main(project, args.gold, args.show)
        if args.command == "residue":
            from build_edition.commands.reports import residue_report
            return residue_report(project)
        if args.command in ("glossary", "entities"):       # enrichment reports for editors
            from build_edition.commands.reports import entities_report, glossary_report
            content = args.content.resolve() if args.content else project.content
            print((glossary_report if args.command == "glossary" else entities_report)(content), end="")
            return 0
        if args.command in ("lint", "resolve", "changelog"):
            return _run_editing_command(args, project)
        if args.command == "translate-template":
            from build_edition.store.translations import write_template
            print(write_template(args.content.resolve() if args.content else project.content, args.document, args.lang)
                  .describe())
            return 0
    except EditionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:       # unreadable seed folder, full disk, read-only content/...
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"error: {where}{exc.strerror or exc}\n  how to fix: check that the path exists, is readable "
              f"and writable, and that the disk has space", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted: content/ holds a complete edition (the previous one unless writing had finished)",
              file=sys.stderr)
        return 130
    parser.print_help()
    return 1


# -- editors' workflow (build_edition.editorial.merge, .lint, .changelog) -------------------------------------

def _add_editing_commands(sub) -> None:
    lp = sub.add_parser("lint", help="check content/ for problems editors should fix (exit 1 on errors)")
    lp.add_argument("paths", nargs="*", type=Path, help="files or folders under content/ (default: all of it)")
    lp.add_argument("--content", type=Path, help="the content folder (default: <root>/content)")
    lp.add_argument("--all", action="store_true", help="show every warning, rare words too (default: at most 10 "
                    "of a kind per file)")
    lp.add_argument("--baseline", type=Path, help="the reviewed findings accepted as they are (default: "
                    "<root>/lint-baseline.yml)")
    lp.add_argument("--no-baseline", action="store_true", help="report accepted findings too")
    lp.add_argument("--write-baseline", action="store_true",
                    help="record the current text findings in the baseline (keeps the reasons written there)")
    lp.add_argument("--github", action="store_true", help="also print GitHub annotations (::error file=…,line=…::); "
                    "on by itself when GITHUB_ACTIONS=true")
    rp = sub.add_parser("resolve", help="settle a conflict between an editor's correction and the new output")
    rp.add_argument("file", help="the file named in the conflict message, e.g. content/<document>/01-….md")
    rp.add_argument("id", nargs="?", help="the paragraph id named in the conflict message (e.g. p123, @title)")
    mode = rp.add_mutually_exclusive_group(required=True)
    mode.add_argument("--keep-edit", dest="mode", action="store_const", const="keep-edit",
                      help="keep the editor's version")
    mode.add_argument("--take-new", dest="mode", action="store_const", const="take-new",
                      help="take the new pipeline output (the edit is dropped)")
    mode.add_argument("--both", dest="mode", action="store_const", const="both",
                      help="keep the edit and put the new output beside it in an editor note, to settle by hand")
    rp.add_argument("--content", type=Path, help="the content folder (default: <root>/content)")
    cp = sub.add_parser("changelog", help="list the editorial corrections content/ holds (see changes.md)")
    cp.add_argument("--content", type=Path, help="the content folder (default: <root>/content)")
    cp.add_argument("--json", action="store_true", help="one JSON object per correction")


def _run_editing_command(args, project) -> int:
    if args.content:
        project.content_dir = args.content.resolve()
    if args.command == "lint":
        from build_edition.editorial.lint_report import BASELINE_FILE, main as lint_main
        paths = [p if p.is_absolute() else Path.cwd() / p for p in args.paths]
        baseline = None if args.no_baseline else (args.baseline or project.root / BASELINE_FILE).resolve()
        return lint_main(project.content, paths, cap=None if args.all else 10, baseline=baseline,
                         github=True if args.github else None, write_baseline=args.write_baseline)
    if args.command == "resolve":
        from build_edition.commands.resolve import resolve
        print(resolve(project, args.file, args.id, args.mode, progress=not args.quiet))
        return 0
    from build_edition.write import changes_page
    from build_edition.commands.resolve import preview_corrections
    records = preview_corrections(project.content)
    dates = changes_page.GitDates(project.content)
    print(changes_page.corrections_jsonl(records, dates) if args.json else changes_page.render_changes_text(records, dates),
          end="")
    return 0


def _report_merge(merge) -> None:
    if merge is None:
        return
    if merge.bootstrap:
        print("note: content/ had no merge base (content/.edition/base); it was taken as the last generated "
              "text, so this build replaced it wholesale. From now on editors' corrections are merged.",
              file=sys.stderr)
    for file, key in merge.moved:
        print(f"note: {file}: #{key} was moved by an editor; the edition keeps the source order, so it went "
              "back to its place (move text by editing it, not by moving paragraphs)", file=sys.stderr)
    kinds = {k: sum(r.kind == k for r in merge.records) for k in ("edit", "addition", "deletion")}
    if any(kinds.values()) or merge.kept_files:
        print(f"kept editors' work: {kinds['edit']} edited, {kinds['addition']} added, {kinds['deletion']} deleted "
              f"paragraph(s), {len(merge.kept_files)} added file(s) (see changes.md)")


# -- build report and interruption -----------------------------------------------------------------

def _report_documents(docs) -> None:
    """One line per document: how its seed was decoded and how much of it is accounted for."""
    for doc in docs:
        conservation = doc.meta.get("conservation")
        decoded = f"{doc.meta.get('encoding', 'utf-8')}, {doc.meta.get('line_ends', 'LF')} line ends"
        print(f"  {doc.slug}: {doc.seed_name} read as {decoded}"
              + (f"; {conservation.summary()}" if conservation else ""))


def _report_incremental(result) -> None:
    """Which documents were processed, why, and which came unchanged from the cache (build_edition.build.cache)."""
    from build_edition.build.cache import describe_reasons

    processed, cached = result.processed, result.cached
    workers = f"{result.jobs} worker process{'es' if result.jobs > 1 else ''}"
    reasons = describe_reasons({slug: result.stats[slug].why for slug in processed})
    if processed:
        print(f"processed {len(processed)} of {len(result.docs)} documents ({workers}): {reasons}")
    if cached:
        print(f"{len(cached)} of {len(result.docs)} documents unchanged, taken from .cache/edition")
    for note in result.notes:
        print(f"note: {note}", file=sys.stderr)


def _stop_cleanly_on_sigterm() -> None:
    """SIGTERM (a CI timeout, `kill`) unwinds like Ctrl-C, so the build removes its staging folder."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, signal.default_int_handler)
