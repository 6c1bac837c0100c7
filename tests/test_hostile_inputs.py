"""Hostile or broken seeds and catalogues, run through the CLI on a copy of the project.

Each input gives either a correct edition (the same text as from a clean UTF-8 seed, with the encoding
reported in the build output and the landing page metadata) or a clear error: exit status 2, the file
and (where there is one) the line, a "how to fix" hint, no traceback, and content/ byte-for-byte as it was.
"""
from __future__ import annotations

import codecs
import os
import random
import re
import shutil
from pathlib import Path

import pytest

from build_edition.read.seed_reader import MAX_SEED_BYTES, decode_seed
from build_edition.core.errors import EditionError

from .project_copy import make_project, reading_chunks, run_build, seed_path, snapshot

SEED = "004_f20501a1731f393f.txt"
SEED_TEXT = (Path(__file__).resolve().parent.parent / "seeds" / SEED).read_text(encoding="utf-8")
RUSSIAN = ("Конституционная комиссия опубликовала проект нового Основного закона.\n"
           "Обсуждение продлится до конца февраля; предложения принимаются на сайте.\n\n"
           "Председатель комиссии сообщил, что поступило более тысячи писем от граждан.\n")


@pytest.fixture(scope="module")
def good(tmp_path_factory):
    """A built one-document project: its content/ holds a previous edition plus a file an editor added."""
    project = make_project(tmp_path_factory.mktemp("good") / "project")
    run = run_build(project)
    assert run.returncode == 0, run.stderr
    (project / "content" / "constitution-draft-news" / "editor-notes.txt").write_text("қолмен жазылған\n",
                                                                                      encoding="utf-8")
    return project, snapshot(project / "content"), run


def _copy(good, tmp_path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(good[0], project, symlinks=True)
    return project


_ENCODING_NAME = re.compile(rb"\b(?:utf-8-sig|utf-8|utf-16-le|utf-16-be|utf-16|utf-32|kz1048|cp1251)\b")


def _without_encoding(files: dict[str, bytes]) -> dict[str, bytes]:
    """The edition with the name of the seed's encoding (front matter, landing page note) blanked out."""
    return {k: _ENCODING_NAME.sub(b"ENCODING", v) for k, v in files.items()}


# -- inputs that must build into the same edition as the clean UTF-8 seed ---------------------------------

def _lines(ends: str) -> str:
    return SEED_TEXT.replace("\n", ends)


SAME_EDITION = {
    # name: (seed bytes, encoding reported, line ends reported)
    "kz1048": (SEED_TEXT.encode("kz1048"), "kz1048", "LF"),
    "utf-8 with BOM": (codecs.BOM_UTF8 + SEED_TEXT.encode(), "utf-8-sig", "LF"),
    "utf-16 LE with BOM": (SEED_TEXT.encode("utf-16"), "utf-16", "LF"),
    "utf-16 BE with BOM": (codecs.BOM_UTF16_BE + SEED_TEXT.encode("utf-16-be"), "utf-16", "LF"),
    "utf-16 LE without BOM": (SEED_TEXT.encode("utf-16-le"), "utf-16-le", "LF"),
    "utf-16 BE without BOM": (SEED_TEXT.encode("utf-16-be"), "utf-16-be", "LF"),
    "utf-32": (SEED_TEXT.encode("utf-32"), "utf-32", "LF"),
    "CRLF": (_lines("\r\n").encode(), "utf-8", "CRLF"),
    "CR (old Mac)": (_lines("\r").encode(), "utf-8", "CR"),
    "Notepad: BOM + CRLF": (codecs.BOM_UTF8 + _lines("\r\n").encode(), "utf-8-sig", "CRLF"),
    "UTF-16 + CRLF": (_lines("\r\n").encode("utf-16"), "utf-16", "CRLF"),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", SAME_EDITION)
def test_encodings_and_line_ends_give_the_same_edition(good, tmp_path, case):
    data, encoding, ends = SAME_EDITION[case]
    project = _copy(good, tmp_path)
    seed_path(project).write_bytes(data)
    run = run_build(project)
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    assert f"{SEED} read as {encoding}, {ends} line ends" in run.stdout
    assert "100.00% of" in run.stdout
    files = snapshot(project / "content")
    assert f"\nseed_encoding: {encoding}\n" in files["constitution-draft-news/index.md"].decode()
    assert _without_encoding(files) == _without_encoding(good[1])


@pytest.mark.slow
def test_catalogue_with_bom_and_crlf_builds_the_same_edition(good, tmp_path):
    project = _copy(good, tmp_path)
    catalog = project / "seeds" / "catalog.yml"
    catalog.write_bytes(codecs.BOM_UTF8 + catalog.read_bytes().replace(b"\n", b"\r\n"))
    run = run_build(project)
    assert run.returncode == 0, run.stderr
    assert snapshot(project / "content") == good[1]


@pytest.mark.slow
def test_stray_control_characters_are_removed_and_logged(good, tmp_path):
    project = _copy(good, tmp_path)
    lines = SEED_TEXT.split("\n")
    lines[2] = lines[2][:5] + "\x00" + lines[2][5:]
    lines[9] = "\x1b" + lines[9] + "\x07"
    seed_path(project).write_text("\n".join(lines), encoding="utf-8")
    run = run_build(project)
    assert run.returncode == 0, run.stderr
    assert "100.00% of" in run.stdout
    # the downloads were made too: the TEI shows each removed character by its control picture (␀, ␛, ␇)
    assert "downloads were not made" not in run.stderr, run.stderr
    tei = (project / ".cache/export/constitution-draft-news/constitution-draft-news.tei.xml").read_text(encoding="utf-8")
    assert "␀" in tei and "␛" in tei and "␇" in tei and not re.search("[\x00\x07\x1b]", tei)
    files = snapshot(project / "content")
    pages = {k: v for k, v in files.items() if re.fullmatch(r"[\w-]+/\d\d-[^/]*\.md", k)}
    assert pages and reading_chunks(pages) == reading_chunks(good[1])
    assert not re.search(rb"[\x00\x07\x1b]", b"".join(pages.values()))
    removals = files["constitution-draft-news/removals.jsonl"].decode()
    assert removals.count('"rule": "seed_reader:control_character"') == 3
    assert '"line": 3' in removals and '"line": 10' in removals



@pytest.mark.slow
def test_cp1251_russian_seed_is_decoded_and_reported(good, tmp_path):
    project = _copy(good, tmp_path)
    seed_path(project).write_bytes(RUSSIAN.encode("cp1251"))
    run = run_build(project)
    assert run.returncode == 0, run.stderr
    assert f"{SEED} read as cp1251, LF line ends" in run.stdout
    text = b"".join(v for k, v in snapshot(project / "content").items() if k.endswith(".md")).decode()
    assert "Председатель комиссии сообщил, что поступило более тысячи писем от граждан." in text
    assert "seed_encoding: cp1251" in text


# -- inputs that must be refused with a clear error -----------------------------------------------------

def _write(data: bytes):
    return lambda project: seed_path(project).write_bytes(data)


def _sparse_100mb(project: Path) -> None:
    with seed_path(project).open("r+b") as fh:
        fh.truncate(100 * 1024 * 1024)


def _just_over_limit(project: Path) -> None:
    data = SEED_TEXT.encode()
    seed_path(project).write_bytes((data * (MAX_SEED_BYTES // len(data) + 1))[:MAX_SEED_BYTES + 1])


def _mixed_line_7(project: Path) -> None:
    lines = SEED_TEXT.split("\n")
    assert re.search("[а-я]", lines[6])
    seed_path(project).write_bytes("\n".join(lines[:6]).encode() + b"\n" + lines[6].encode("kz1048") + b"\n"
                                   + "\n".join(lines[7:]).encode())


def _truncated_utf8(project: Path) -> None:
    """The file ends in the middle of its last two-byte letter, as a cut-off download does."""
    data = SEED_TEXT.encode()
    seed_path(project).write_bytes(data[:_LAST_LEAD_BYTE + 1])


_LAST_LEAD_BYTE = max(i for i, b in enumerate(SEED_TEXT.encode()) if b >= 0xC0)


def _replace_with(kind: str):
    def mutate(project: Path) -> None:
        path = seed_path(project)
        path.unlink()
        if kind == "directory":
            path.mkdir()
        elif kind == "fifo":
            os.mkfifo(path)
        else:
            path.symlink_to("/dev/zero")
    return mutate


_rng = random.Random(6)
SEED_ERRORS = {
    # name: (how to break the seed, fragments of the message, line or None)
    "empty": (_write(b""), ["empty"], None),
    "only blank lines": (_write(b"\n  \n\t\r\n\n"), ["empty"], None),
    "binary with NUL bytes": (_write(bytes(range(256)) * 64), ["binary"], None),
    "random bytes": (_write(bytes(_rng.randrange(1, 256) for _ in range(50_000))), ["not UTF-8"], 1),
    "PDF": (_write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"), ["PDF", "pdftotext"], None),
    "Word .docx": (_write(b"PK\x03\x04\x14\x00\x06\x00" + bytes(200)), ["Word"], None),
    "100 MB": (_sparse_100mb, ["100 MB, over the 8 MB limit", "split"], None),
    "one byte over the limit": (_just_over_limit, ["over the 8 MB limit"], None),
    "one 5 MB line": (_write((SEED_TEXT.replace("\n", " ") * 240)[:5_000_000].encode()), ["line breaks were lost"], 1),
    "a 30 000-character line at line 5": (_write("\n".join(SEED_TEXT.split("\n")[:4] + ["сөз " * 7500]
                                                            + SEED_TEXT.split("\n")[4:]).encode()),
                                          ["line 5 has 30000 characters"], 5),
    "Latin-1 French": (_write("Déjà vu à la française, très célèbre.\n".encode("latin-1") * 20), ["not UTF-8"], 1),
    "UTF-8 with a kz1048 line": (_mixed_line_7, ["is UTF-8 but not everywhere", "line 7, column 6 (byte 0xE6)", "those places"], 7),
    "UTF-8 cut in a letter": (_truncated_utf8, ["is UTF-8 but not everywhere"],
                              SEED_TEXT.encode()[:_LAST_LEAD_BYTE].count(b"\n") + 1),
    "UTF-16 of odd length": (_write(SEED_TEXT.encode("utf-16-le") + b"x"), ["binary"], None),
    "broken UTF-16 after BOM": (_write(codecs.BOM_UTF16_LE + "Қазақ".encode("utf-16-le") + b"\x00\xd8"),
                                ["not valid utf-16"], 1),
    "control characters everywhere": (_write(("Қазақ\x01тілі\x02" * 500).encode()), ["binary"], None),
    "a directory": (_replace_with("directory"), ["not a regular file"], None),
    "a FIFO": (_replace_with("fifo"), ["not a regular file"], None),
    "symlink to /dev/zero": (_replace_with("symlink"), ["not a regular file"], None),
}


def _assert_clear_error(run, good, project, file_pattern: str, fragments: list[str], line: int | None):
    assert run.returncode == 2, (run.stdout, run.stderr)
    assert "Traceback" not in run.stderr
    assert run.stderr.startswith("error: "), run.stderr
    location = file_pattern + (f":{line}: " if line else r": ")
    assert re.search(location, run.stderr), run.stderr
    assert "how to fix:" in run.stderr
    for fragment in fragments:
        assert fragment in run.stderr
    assert snapshot(project / "content") == good[1], "content/ must be left as it was"
    assert not [p for p in project.iterdir() if p.name.startswith(".content.")]


@pytest.mark.slow
@pytest.mark.parametrize("case", SEED_ERRORS)
def test_broken_seed_is_refused_clearly(good, tmp_path, case):
    mutate, fragments, line = SEED_ERRORS[case]
    project = _copy(good, tmp_path)
    mutate(project)
    _assert_clear_error(run_build(project), good, project, re.escape(f"seeds/{SEED}"), fragments, line)


# -- catalogue errors: a one-entry catalogue written here, so the expected lines are known -----------------

CATALOG = f"""\
documents:
  - slug: constitution-draft-news
    source: {SEED}
    title: "Жаңа Конституция жобасы"
    authors: [unknown]
    publication: unknown
    date: "2026-02"
    kind: web page
    language: kk
"""


def _catalog_edit(old: str, new: str):
    assert old in CATALOG
    return CATALOG.replace(old, new)


BILLION_LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)) + CATALOG

CATALOG_ERRORS = {
    # name: (catalogue text or bytes or None to delete it, fragments, line)
    "entry whose seed is missing": (_catalog_edit(SEED, "004_missing.txt"), ["does not exist", "004_missing.txt"], 3),
    "unclosed quote": (_catalog_edit('"Жаңа Конституция жобасы"', '"Жаңа Конституция'), ["invalid YAML", "at line 2"], 7),
    "bad indentation": (_catalog_edit("    authors:", "      authors:"), ["invalid YAML"], 5),
    "tab indentation": (_catalog_edit("    kind:", "\tkind:"), ["invalid YAML"], 8),
    "value with a colon": (_catalog_edit("publication: unknown", "publication: Ana tili: газет"),
                           ["invalid YAML", "quotes"], 6),
    "title is a list": (_catalog_edit('title: "Жаңа Конституция жобасы"', "title: [a, b]"), ["`title` must be text"], 4),
    "title is yes/no": (_catalog_edit('title: "Жаңа Конституция жобасы"', "title: yes"), ["yes/no", "quotes"], 4),
    "authors is a mapping": (_catalog_edit("authors: [unknown]", "authors: {name: x}"), ["`authors` must be"], 5),
    "date in another format": (_catalog_edit('date: "2026-02"', 'date: "13/05/2020"'), ["is not a date"], 7),
    "impossible date": (_catalog_edit('date: "2026-02"', "date: 2025-13-01"), ["is not a date"], 7),
    "impossible quoted date": (_catalog_edit('date: "2026-02"', 'date: "2025-02-30"'), ["is not a date"], 7),
    "unknown kind": (_catalog_edit("kind: web page", "kind: novel"), ["unknown kind"], 8),
    "slug climbing out": (_catalog_edit("slug: constitution-draft-news", "slug: ../../etc"), ["slug"], 2),
    "slug with spaces": (_catalog_edit("slug: constitution-draft-news", 'slug: "My Doc"'), ["slug"], 2),
    "slug of a site folder": (_catalog_edit("slug: constitution-draft-news", "slug: assets"), ["slug"], 2),
    "slug is a number": (_catalog_edit("slug: constitution-draft-news", "slug: 2026"), ["`slug` must be text"], 2),
    "source climbing out": (_catalog_edit(f"source: {SEED}", "source: ../../../etc/passwd"), ["outside"], 3),
    "absolute source": (_catalog_edit(f"source: {SEED}", "source: /etc/passwd"), ["outside"], 3),
    "duplicate slug": (CATALOG + CATALOG.split("\n", 1)[1], ["duplicate slug"], 10),
    "duplicate field": (_catalog_edit("    language: kk\n", "    language: kk\n    title: again\n"),
                        ["appears twice"], 10),
    "misspelt field": (_catalog_edit("    language: kk\n", "    language: kk\n    publsher: x\n"),
                       ["did you mean `publisher`"], 10),
    "missing field": (_catalog_edit('    title: "Жаңа Конституция жобасы"\n', ""), ["lacks title"], 2),
    "overrides not a mapping": (_catalog_edit("    language: kk\n", "    language: kk\n    overrides: x\n"),
                                ["`overrides` must be a mapping"], 10),
    "translation into an unknown language": (_catalog_edit("    language: kk\n", "    language: kk\n    translations: {de: {title: x}}\n"),
                                             ["unknown language 'de'", "ru, en"], 10),
    "unknown translated field": (_catalog_edit("    language: kk\n", "    language: kk\n    translations: {ru: {titel: x}}\n"),
                                 ["unknown field 'titel'"], 10),
    "translations not a mapping": (_catalog_edit("    language: kk\n", "    language: kk\n    translations: Новости\n"),
                                   ["`translations` must be a mapping"], 10),
    "translated title not text": (_catalog_edit("    language: kk\n", "    language: kk\n    translations: {en: {title: [a]}}\n"),
                                  ["`translations.en.title` must be text"], 10),
    "field name not text": (_catalog_edit("    language: kk\n", "    language: kk\n    1: x\n"),
                            ["field names must be text"], 10),
    "documents not a list": ("documents: hello\n", ["`documents:` list"], 1),
    "no documents": ("documents: []\n", ["no documents"], 1),
    "a list at the top": ("- slug: x\n", ["`documents:` list"], 1),
    "entry not a mapping": ("documents:\n  - just text\n", ["must be a mapping"], 1),
    "alias bomb": (BILLION_LAUGHS, ["aliases"], 2),
    "nesting 10 000 deep": ("documents: " + "[" * 10_000 + "]" * 10_000 + "\n", ["nested too deeply"], None),
    "UTF-16 catalogue": (CATALOG.encode("utf-16"), ["not UTF-8"], 1),
    "cp1251 catalogue": ("# Каталог\n".encode("cp1251") + CATALOG.encode("kz1048", errors="replace"), ["not UTF-8"], 1),
    "over 1 MB": (CATALOG + "# " + "x" * (1024 * 1024) + "\n", ["over 1024 KB"], None),
    "no catalogue": (None, ["catalogue not found"], None),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", CATALOG_ERRORS)
def test_broken_catalogue_is_refused_clearly(good, tmp_path, case):
    text, fragments, line = CATALOG_ERRORS[case]
    project = _copy(good, tmp_path)
    catalog = project / "seeds" / "catalog.yml"
    if text is None:
        catalog.unlink()
    else:
        catalog.write_bytes(text if isinstance(text, bytes) else text.encode())
    _assert_clear_error(run_build(project), good, project, r"seeds/catalog\.yml", fragments, line)


@pytest.mark.slow
def test_the_catalogue_template_itself_builds(good, tmp_path):
    """The error cases above differ from a valid catalogue only by the edit they name."""
    project = _copy(good, tmp_path)
    (project / "seeds" / "catalog.yml").write_text(CATALOG, encoding="utf-8")
    run = run_build(project)
    assert run.returncode == 0, run.stderr


@pytest.mark.slow
def test_unwritable_output_is_a_clear_error(good, tmp_path):
    project = _copy(good, tmp_path)
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    run = run_build(project, "--content", str(blocker / "content"))
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert "a-file" in run.stderr and "how to fix:" in run.stderr


# -- the decoder on its own: code pages it must tell apart, and what it must refuse ----------------------

@pytest.mark.parametrize("encoding", ["kz1048", "cp1251", "koi8_r", "cp866"])
def test_legacy_code_pages_are_told_apart(encoding):
    text = SEED_TEXT if encoding == "kz1048" else RUSSIAN
    assert decode_seed(text.encode(encoding), "x") == (text, encoding)


def test_kazakh_in_cp1251_positions_reads_as_kz1048():
    """kz1048 is cp1251 with the Kazakh letters in place of Serbian/Macedonian ones: Kazakh text decides."""
    assert decode_seed("Қазақстан – біртұтас мемлекет".encode("kz1048"), "x")[1] == "kz1048"
    assert decode_seed("Ќазаќстан".encode("cp1251"), "x") == ("Қазақстан", "kz1048")


@pytest.mark.parametrize("data", [b"\xff\xfe", codecs.BOM_UTF8 + b"\n\n", b"\x00" * 100, "т\x00".encode() * 50])
def test_decoder_refuses_empty_and_binary(data):
    with pytest.raises(EditionError):
        decode_seed(data, "x")

