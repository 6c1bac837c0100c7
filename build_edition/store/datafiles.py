"""Editor-curated data files of the edition (``content/data/*.yml``): where they are and how they are read.

The glossary (:mod:`build_edition.enrich.glossary`) and the index of names (:mod:`build_edition.enrich.entities`)
are curated by editors in ``content/data/``, like the text itself. A build reads them from the
content folder it writes; a scratch build into an empty folder (``--content /tmp/x``) reads the
repository's ``content/data/`` instead and copies the files along, so the scratch edition is
complete. Every record is read with its line (:mod:`build_edition.store.yamlfiles`), so a mistake is
reported as ``file:line``.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from build_edition.core.paths import REPOSITORY
from build_edition.core.errors import EditionError
from build_edition.store import yamlfiles

DATA_DIR = "data"
REPOSITORY_CONTENT = REPOSITORY / "content"


def data_file(name: str, content: Path | None = None, root: Path | None = None) -> Path | None:
    """The file ``data/<name>`` of ``content``, else of ``<root>/content``, else of the repository; or None."""
    candidates = []
    if content is not None:
        candidates.append(Path(content) / DATA_DIR / name)
    if root is not None:
        candidates.append(Path(root) / "content" / DATA_DIR / name)
    candidates.append(REPOSITORY_CONTENT / DATA_DIR / name)
    return next((p for p in candidates if p.is_file()), None)


def read_records(text: str, file: str, list_key: str, fields: dict[str, type], required: tuple[str, ...]
                 ) -> list[dict]:
    """The records of ``list_key`` in a YAML text, each with ``__line__``; EditionError on any mistake.

    ``fields`` maps every allowed key to its type (``str`` or ``list``); a value of another type,
    an unknown key or a missing required key is an error naming the record's line.

    >>> read_records("terms:\\n  - term: ҚР\\n    expansion: Қазақстан Республикасы\\n", "g.yml", "terms",
    ...              {"term": str, "expansion": str}, ("term", "expansion"))
    [{'term': 'ҚР', 'expansion': 'Қазақстан Республикасы', '__line__': 2}]
    >>> read_records("terms:\\n  - term: ҚР\\n", "g.yml", "terms", {"term": str, "expansion": str}, ("term", "expansion"))
    Traceback (most recent call last):
    ...
    build_edition.core.errors.EditionError: g.yml:2: the record has no 'expansion'
      how to fix: every record needs: term, expansion
    """
    try:
        data = yamlfiles.load(text, lines=True) if text.strip() else {}
    except yamlfiles.AliasError as exc:
        raise EditionError("YAML aliases (*name) are not allowed", file=file, line=exc.problem_mark.line + 1,
                           hint="write every record out in full") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        raise EditionError(f"the file is not valid YAML: {getattr(exc, 'problem', None) or exc}", file=file,
                           line=mark.line + 1 if mark else None,
                           hint="check the indentation and quote values that contain ':' or start with '«' or '*'") from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise EditionError(f"the file must be a mapping with the key '{list_key}'", file=file, line=1,
                           hint=f"start the file with '{list_key}:' and list the records under it")
    records = data.get(list_key) or []
    if not isinstance(records, list):
        raise EditionError(f"'{list_key}' must be a list of records", file=file, line=data.get("__line__"),
                           hint="write each record as a '- key: value' item")
    out = []
    for record in records:
        if not isinstance(record, dict):
            raise EditionError(f"every item of '{list_key}' must be a record (key: value lines)", file=file,
                               hint="write each record as a '- key: value' item")
        record.pop("__lines__", None)
        line = record.get("__line__")
        for key, value in record.items():
            if key == "__line__":
                continue
            if key not in fields:
                raise EditionError(f"unknown key '{key}'", file=file, line=line,
                                   hint="allowed keys: " + ", ".join(fields))
            expected = fields[key]
            if expected is str and isinstance(value, (int, float)) and not isinstance(value, bool):
                record[key] = value = str(value)
            if expected is list and isinstance(value, str):
                record[key] = value = [value]
            if not isinstance(value, expected) or (expected is list and not all(isinstance(v, str) for v in value)):
                raise EditionError(f"'{key}' must be {'text' if expected is str else 'a list of texts'}",
                                   file=file, line=line, hint="quote the value")
        for key in required:
            if not str(record.get(key) or "").strip():
                raise EditionError(f"the record has no '{key}'", file=file, line=line,
                                   hint="every record needs: " + ", ".join(required))
        out.append(record)
    return out


def attach_data_files(docs, content: Path | None = None, root: Path | None = None) -> None:
    """Tell every document which curated data files its build uses (``doc.meta["data_files"]``)."""
    files = {name: data_file(name, content, root) for name in ("glossary.yml", "entities.yml")}
    for doc in docs:
        doc.meta["data_files"] = files


def data_file_of(doc, name: str) -> Path | None:
    """The data file a document's build uses: attached by the pipeline, else the repository's."""
    files = doc.meta.get("data_files")
    if files is not None and name in files:
        return files[name]
    return data_file(name)
