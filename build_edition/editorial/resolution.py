"""Settling a merge conflict (`build-edition resolve`): keep the edit, take the new output, or both.

A conflict is settled by changing the base mirror and/or content/ so that the next build merges
cleanly; nothing is overwritten without the editor's decision (see CONTRIBUTING.md).
"""
from __future__ import annotations

import re

import yaml

from build_edition.core.errors import EditionError
from build_edition.editorial.diff3 import merge_lines
from build_edition.editorial.merge import CONFLICT_CLASS, Conflict, _doc_of
from build_edition.store.page_format import FRONT, TITLE, Chunk, ContentPage, parse_page

MODES = ("keep-edit", "take-new", "both")


def note_chunk(key: str, text: str | None, sep: str = "\n\n") -> Chunk:
    """An editor note holding the other version of a conflicting paragraph, to be settled by hand."""
    if text is None:
        shown = "жаңа нұсқада бұл абзац жоқ / the new pipeline output no longer has this paragraph"
    else:
        shown = re.sub(r"^(#{1,6} |- |> ?|\s+)", "", text.strip())
        shown = " ".join(line.strip().lstrip(">").strip() for line in shown.split("\n") if line.strip())
        shown = re.sub(r"\s*(?<!\\)\{:[^{}]*\}\s*$", "", shown)
    raw = (f"**ШЕШІЛМЕГЕН ҚАҚТЫҒЫС / UNRESOLVED CONFLICT {key}** — жаңа автоматты нұсқа / new pipeline "
           f"output: {shown}\n{{: .{CONFLICT_CLASS} data-conflict=\"{key}\" }}")
    return Chunk(raw, sep, "", 0)


def _find(pages: dict[str, str], doc: str, key: str) -> tuple[str, ContentPage, int] | None:
    for rel in sorted(pages):
        if _doc_of(rel) != doc or not rel.endswith(".md"):
            continue
        page = parse_page(pages[rel])
        for i, chunk in enumerate(page.chunks):
            if chunk.key == key:
                return rel, page, i
    return None


def _set_chunk(pages: dict[str, str], doc: str, key: str, raw: str | None, rel_hint: str | None = None) -> bool:
    """Replace (raw given) or remove (raw None) the chunk ``key`` in the pages of ``doc``."""
    if key == TITLE and rel_hint:
        if rel_hint not in pages:
            return False
        page = parse_page(pages[rel_hint])
        found = next(((rel_hint, page, i) for i, c in enumerate(page.chunks) if c.key == TITLE), None)
    else:
        found = _find(pages, doc, key)
    if found is None:
        return False
    rel, page, i = found
    if raw is None:
        del page.chunks[i]
    else:
        page.chunks[i].raw = raw
    pages[rel] = page.render()
    return True


# What resolving a conflict about one paragraph did, by conflict kind and mode.
_SEGMENT_SETTLED = {
    "changed-both": {
        "take-new": "content/ now has the new pipeline output (the edit was dropped)",
        "keep-edit": "edit kept",
        "both": "edit kept; the new output was put beside it in an editor note to settle by hand"},
    "edited-gone": {
        "take-new": "the edited paragraph was removed, as in the new output",
        "keep-edit": "edit kept as an editor's paragraph (the pipeline no longer produces it)",
        "both": "edit kept as an editor's paragraph; an editor note beside it says the pipeline no longer "
                "produces it"},
    "deleted-changed": {
        "take-new": "the paragraph comes back with the new output",
        "keep-edit": "deletion kept",
        "both": "deletion kept; the new output was put in an editor note where it stood"},
}


def resolve_conflict(conflict: Conflict, mode: str, base: dict[str, str], current: dict[str, str],
                     new: dict[str, str]) -> str:
    """Settle one conflict by changing the base mirror and/or content/ so the next build merges cleanly.

    Returns a sentence saying what was done. ``base``/``current`` are changed in place.
    * keep-edit: the base takes the new output, so the edit is "the only change" and is kept;
    * take-new: content/ takes the new output (the edit is dropped, as decided);
    * both: keep-edit, plus an editor note with the new output right after the paragraph in
      content/; the linter reports the note as an error until an editor settles it by hand.
    """
    if mode not in MODES:
        raise EditionError(f"unknown resolve mode {mode!r}", hint="use --keep-edit, --take-new or --both")
    doc = _doc_of(conflict.file)
    key, kind = conflict.key, conflict.kind
    n_raw = None
    if key and not key.startswith(FRONT):
        found = _find(new, doc, key) if key != TITLE else None
        if found:
            n_raw = found[1].chunks[found[2]].raw
    if kind in _SEGMENT_SETTLED:
        if mode == "take-new":
            if kind == "deleted-changed":
                _set_chunk(base, doc, key, None)       # the base forgets it too: the new output adds it back
            else:
                _set_chunk(current, doc, key, n_raw)   # (None when the new output has no such paragraph)
        else:
            _set_chunk(base, doc, key, n_raw)          # the base takes the new output: the editor's side stands
            if mode == "both":
                _put_note(current, new, doc, key, note_chunk(key, conflict.new))
        return f"{key}: {_SEGMENT_SETTLED[kind][mode]}"
    if kind == "id-collision":
        if mode == "take-new":
            _set_chunk(current, doc, key, n_raw)
            return f"{key}: content/ now has the new pipeline output for this id"
        fresh = _free_id(current, doc, key)
        found = _find(current, doc, key)
        rel, page, i = found
        chunk = page.chunks[i]
        chunk.raw = (chunk.body + chunk.permalink.replace(f'href="#{key}"', f'href="#{fresh}"', 1)
                     + re.sub(r"#" + re.escape(key) + r"(?=[\s}])", "#" + fresh, chunk.attrs))
        current[rel] = page.render()
        return f"{key}: the editor's paragraph was renamed #{fresh}; the pipeline's #{key} will be added beside it"
    if kind == "title":
        n_title = next((c.raw for c in parse_page(new[conflict.file]).chunks if c.key == TITLE), None) \
            if conflict.file in new else conflict.new
        if mode == "take-new":
            _set_chunk(current, doc, TITLE, n_title, conflict.file)
            return "title: content/ now has the new title"
        if conflict.file in base:
            _set_chunk(base, doc, TITLE, n_title, conflict.file)
        else:
            base[conflict.file] = new.get(conflict.file, current[conflict.file])
        if mode == "both":
            _insert_after(current, doc, TITLE, note_chunk(TITLE, conflict.new), conflict.file)
        return "title: edit kept"
    if kind == "front":
        field_name = key.split(":", 1)[1]
        n_value = ContentPage(_front_of(new.get(conflict.file, ""))).front_data().get(field_name)
        target = current if mode == "take-new" else base
        if conflict.file in target:
            page = parse_page(target[conflict.file])
            data = page.front_data(conflict.file)
            data[field_name] = n_value
            page.front = "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n"
            target[conflict.file] = page.render()
        return f"{field_name}: " + ("new value taken" if mode == "take-new" else "edited value kept")
    if kind == "file":
        merged, _ = merge_lines(base.get(conflict.file, ""), current[conflict.file], new[conflict.file], prefer=mode)
        current[conflict.file] = merged
        base[conflict.file] = new[conflict.file]
        return {"keep-edit": "every conflicting region keeps the edit",
                "take-new": "every conflicting region takes the new output",
                "both": "conflict markers (<<<<<<< ======= >>>>>>>) put in the file: settle them by hand"}[mode]
    if kind == "file-deleted-changed":
        if mode == "take-new":
            base.pop(conflict.file, None)
            return "the file comes back with the new output"
        base[conflict.file] = new[conflict.file]
        return "the deletion is kept"
    if kind in ("file-edited-gone", "page-gone"):
        if mode == "take-new":
            if kind == "page-gone" and conflict.file in base and conflict.file in current:
                if key == TITLE:
                    current[conflict.file] = _with_head_of(current[conflict.file], base[conflict.file])
                else:
                    _set_chunk_in_file(current, conflict.file, conflict.line, None)
                return "the edit in a page the build no longer generates was dropped"
            current.pop(conflict.file, None)
            return "the file was removed, as in the new output"
        if kind == "page-gone":
            raise EditionError("this edit belongs to a page the new build no longer generates, so it cannot be "
                               "kept automatically", file=conflict.file, line=conflict.line,
                               hint="copy the edited text into the page that now holds those paragraphs, "
                                    "then run resolve again with --take-new")
        base.pop(conflict.file, None)
        return "the file is kept as an editor's file (the build will no longer touch it)"
    raise EditionError(f"do not know how to resolve a {kind} conflict")


def _front_of(text: str) -> str:
    return parse_page(text).front


def _with_head_of(text: str, base_text: str) -> str:
    page, base_page = parse_page(text), parse_page(base_text)
    page.front = base_page.front
    if page.title and base_page.title:
        page.title.raw = base_page.title.raw
    return page.render()


def _set_chunk_in_file(pages: dict[str, str], rel: str, line: int, raw: str | None) -> None:
    page = parse_page(pages[rel])
    for i, chunk in enumerate(page.chunks):
        if chunk.line == line:
            if raw is None:
                del page.chunks[i]
            else:
                chunk.raw = raw
            break
    pages[rel] = page.render()


def _insert_after(pages: dict[str, str], doc: str, key: str, note: Chunk, rel_hint: str | None = None) -> None:
    if key == TITLE and rel_hint:
        page = parse_page(pages[rel_hint])
        index = next((i for i, c in enumerate(page.chunks) if c.key == TITLE), -1)
        rel = rel_hint
    else:
        found = _find(pages, doc, key)
        if found is None:
            raise EditionError(f"#{key} is not in content/", hint="build again to see the current conflicts")
        rel, page, index = found
    page.chunks.insert(index + 1, note)
    pages[rel] = page.render()


def _put_note(current: dict[str, str], new: dict[str, str], doc: str, key: str, note: Chunk) -> None:
    """An editor note right after paragraph ``key`` in content/, or where it stood if the editor deleted it."""
    if _find(current, doc, key) is not None:
        _insert_after(current, doc, key, note)
    else:
        _insert_note_near(current, new, doc, key, note)


def _insert_note_near(current: dict[str, str], new: dict[str, str], doc: str, key: str, note: Chunk) -> None:
    """Put a note where a deleted paragraph stood: after the nearest earlier paragraph still in content/."""
    found = _find(new, doc, key)
    if found is not None:
        rel, page, index = found
        for chunk in reversed(page.chunks[:index]):
            if chunk.key and chunk.key != TITLE and _find(current, doc, chunk.key):
                _insert_after(current, doc, chunk.key, note)
                return
        if rel in current:
            _insert_after(current, doc, TITLE, note, rel)
            return
    first = min(r for r in current if _doc_of(r) == doc and r.endswith(".md"))
    _insert_after(current, doc, TITLE, note, first)


def _free_id(pages: dict[str, str], doc: str, key: str) -> str:
    n = 1
    while _find(pages, doc, f"{key}-{n}"):
        n += 1
    return f"{key}-{n}"


def find_conflict(conflicts: list[Conflict], rel: str, key: str | None) -> Conflict:
    matches = [c for c in conflicts if c.file == rel and (key is None or c.key == key
                                                          or (key == "@front" and c.key.startswith(FRONT)))]
    if not matches and key:
        matches = [c for c in conflicts if c.key == key and _doc_of(c.file) == _doc_of(rel)]
    if not matches:
        listed = "\n".join(f"  {c.file} {c.key}".rstrip() for c in conflicts) or "  (none)"
        raise EditionError(f"no conflict at {rel} {key or ''}".rstrip(), file=rel,
                           hint=f"the current conflicts are:\n{listed}")
    if len(matches) > 1 and key is None and matches[0].kind != "file":
        ids = ", ".join(sorted({c.key for c in matches}))
        raise EditionError(f"several conflicts in this file ({ids})", file=rel,
                           hint="name the paragraph id: build-edition resolve <file> <id> --keep-edit")
    return matches[0]
