"""`build-edition resolve` and the corrections preview: the editors' commands that run the pipeline."""
from __future__ import annotations

from pathlib import Path

from build_edition.core.errors import EditionError
from build_edition.editorial.merge import MergeResult, content_label, merge_edition, with_store
from build_edition.editorial.resolution import find_conflict, resolve_conflict
from build_edition.store.page_format import STORE, read_base, read_tree


def content_path(arg: str, content: Path, root: Path) -> str:
    """A file named on the command line as a path inside content/ (``content/a/01.md``, ``a/01.md``...)."""
    path = Path(arg)
    candidates = [path] if path.is_absolute() else [Path.cwd() / path, root / path, content / path]
    for candidate in candidates:
        try:
            rel = candidate.resolve().relative_to(content.resolve()).as_posix()
        except ValueError:
            continue
        if (content / rel).exists() or candidate is candidates[-1]:
            return rel
    raise EditionError(f"{arg} is not inside the content folder {content}",
                       hint="name the file as shown in the conflict message, e.g. content/<document>/01-….md")


def _merge_for(project, progress: bool):
    """Run the pipeline and merge in memory (nothing written): (result, base, current, dates)."""
    from build_edition.write import changes_page
    from build_edition.build.pipeline import build_documents
    from build_edition.write.writer import render_edition

    content = project.content
    new = render_edition(build_documents(project, progress=progress).docs)
    current = read_tree(content)
    base = read_base(content)
    dates = changes_page.GitDates(content) if content.is_dir() else changes_page.NoDates()

    def late(partial: MergeResult) -> dict[str, str]:
        return {changes_page.PAGE: changes_page.render_changes_page(partial.records, changes_page.document_titles(new),
                                                              dates)}

    return merge_edition(base, current, new, late=late), base, current, dates


def resolve(project, file_arg: str, key: str | None, mode: str, progress: bool = False) -> str:
    """``build-edition resolve``: settle one conflict in content/ and its base, atomically."""
    from build_edition.store.output import write_tree

    content = project.content
    rel = content_path(file_arg, content, project.root)
    result, base, current, _ = _merge_for(project, progress)
    if base is None:
        raise EditionError("content/ has no merge base yet, so it cannot have conflicts", file=rel,
                           hint="run build-edition build")
    current = {k: v.replace("\r\n", "\n") for k, v in current.items()}
    conflict = find_conflict(result.conflicts, rel, key)
    message = resolve_conflict(conflict, mode, base, current, result.generated)
    store = read_tree(content / STORE, skip_store=False)
    files = with_store(current, base, store.get("corrections.jsonl", ""))
    write_tree(files, content)
    left = len(result.conflicts) - 1
    return (f"{content_label(content)}/{conflict.file}: {message}. "
            + (f"{left} conflict(s) left; " if left else "") + "run `build-edition build` next.")


def preview_corrections(content: Path):
    """The corrections content/ holds relative to its base (what the last build kept), without the pipeline."""
    base = read_base(content)
    current = read_tree(content)
    if base is None:
        return []
    return merge_edition(base, current, base).records
