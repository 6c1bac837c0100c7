"""Command line: `build-edition [build|eval|residue] ...` (also `python -m build_edition`)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import EditionError
from .pipeline import Project, build


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="build-edition", description="Build the Kazakh digital edition.")
    parser.add_argument("--root", type=Path, default=Path("."), help="project root (default: current directory)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    sub = parser.add_subparsers(dest="command")
    bp = sub.add_parser("build", help="restore the seeds and write content/ (default)")
    bp.add_argument("--content", type=Path, help="write the edition here instead of <root>/content")
    ev = sub.add_parser("eval", help="character error rate per seed against gold passages")
    ev.add_argument("--gold", type=Path, default=Path("../shared/gold/dev.jsonl"))
    ev.add_argument("--show", type=int, default=0, metavar="N", help="print the diff of the N worst passages")
    sub.add_parser("residue", help="leftover extraction artifacts per document")
    args = parser.parse_args(argv)
    project = Project(args.root.resolve())
    try:
        if args.command in (None, "build"):
            if getattr(args, "content", None):
                project.content_dir = args.content.resolve()
            result = build(project, progress=not args.quiet)
            total_e = sum(len(d.emendations) for d in result.docs)
            total_r = sum(len(d.removals) for d in result.docs)
            print(f"wrote {project.content} — {len(result.docs)} documents, {total_e} emendations, "
                  f"{total_r} removals")
            return 0
        if args.command == "eval":
            from .evaluate import main as eval_main
            return eval_main(project, args.gold, args.show)
        if args.command == "residue":
            from .residue import main as residue_main
            return residue_main(project)
    except EditionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted: content/ was left as it was", file=sys.stderr)
        return 130
    parser.print_help()
    return 1
