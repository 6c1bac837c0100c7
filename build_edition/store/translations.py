"""Translations of the edition, keyed by segment id: one file per document and language.

``content/<document>/translations/<lang>.yml`` (``lang`` = ``ru`` or ``en``) belongs to the
translators. It lists the Kazakh segments of the document by id (the ``#p123`` ids of its pages,
stable across rebuilds: see :mod:`build_edition.store.segment_ids`)::

    # (a comment saying what the file is)
    document: interethnic-harmony-article
    language: ru
    segments:
      p24:
        source: Аңдатпа            # the Kazakh text the translation was made from
        text: Аннотация            # the translation; '' = not translated yet
        from: [p33]                # only in translations the build found in the document itself

Only Kazakh segments are translated: blocks already in Russian or English (an article's own
abstracts) are shown as they are. A segment without a translation falls back to the Kazakh original,
marked as untranslated (:mod:`build_edition.site.translation_hook`).

``build-edition translate-template <document> <lang>`` writes or updates the file: every Kazakh
segment of the document's pages gets an entry, in reading order; existing translations are never
changed or dropped (entries whose segment is gone stay at the end, and the command lists them), and
a translated entry whose Kazakh text has changed since keeps its old ``source`` so the translator
can compare (the command lists those too).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from build_edition.text.markdown import plain_text
from build_edition.core.errors import EditionError
from build_edition.store.page_format import STORE, parse_page
from build_edition.store.segment_ids import SEGMENT_ID
from build_edition.store import yamlfiles

SOURCE_LANGUAGE = "kk"
LANGUAGES = ("ru", "en")                      # translation languages (the interface also has kk)
LANGUAGE_NAMES = {"kk": "қазақ", "ru": "орыс", "en": "ағылшын"}
FOLDER = "translations"
_LANG_ATTR = re.compile(r'\blang="([A-Za-z-]+)"')
_PAGE_NAME = re.compile(r"^\d\d.*\.md$")

HEADER = """\
# {language_label} тіліндегі аударма: {document}. Әр сегмент өз id-і бойынша: `source` – аударма жасалған
# қазақша мәтін, `text` – аударма ('' – әлі аударылмаған). Жаңа сегменттерді қосу үшін:
#   build-edition translate-template {document} {language}
# Translation into {language}: one entry per Kazakh segment of the document, keyed by its id. Fill in
# `text`; `source` is the Kazakh text the translation was made from. The command above adds new
# segments and never changes a translation (comments in this file are not kept).
"""


@dataclass
class Segment:
    """A block of a document as content/ has it: id, visible text, language and page file."""
    id: str
    text: str
    lang: str
    file: str


@dataclass
class TranslationEntry:
    source: str = ""
    text: str = ""
    origin: list[str] = field(default_factory=list)     # `from`: blocks of the document it was taken from

    @property
    def translated(self) -> bool:
        return bool(self.text.strip())

    def as_dict(self) -> dict:
        out: dict = {"source": self.source, "text": self.text}
        if self.origin:
            out["from"] = list(self.origin)
        return out


@dataclass
class TranslationFile:
    document: str
    language: str
    entries: dict[str, TranslationEntry] = field(default_factory=dict)

    def render(self) -> str:
        data = {"document": self.document, "language": self.language,
                "segments": {key: entry.as_dict() for key, entry in self.entries.items()}}
        body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1_000_000)
        return HEADER.format(language_label=LANGUAGE_NAMES.get(self.language, self.language).capitalize(),
                             document=self.document, language=self.language) + body

    def translated_ids(self) -> set[str]:
        return {key for key, entry in self.entries.items() if entry.translated}


def translation_path(document: str, language: str) -> str:
    """Where a document's translation into ``language`` lives inside content/."""
    return f"{document}/{FOLDER}/{language}.yml"


def check_language(language: str) -> str:
    if language not in LANGUAGES:
        raise EditionError(f"{language!r} is not a translation language of the edition",
                           hint=f"use one of: {', '.join(LANGUAGES)}")
    return language


def parse_translation(text: str, name: str = "", document: str = "", language: str = "") -> TranslationFile:
    """Read a translation file; a clear error names the file and line of any problem."""
    try:
        data = yamlfiles.load(text) if text.strip() else {}
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", 0) + 1
        raise EditionError("the translation file is not valid YAML", file=name, line=line,
                           hint="compare the entry with the ones around it; quote a text that starts with "
                                "a special character (- : # { [ ' \") with double quotes") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise EditionError("a translation file must be a mapping with `segments:`", file=name, line=1,
                           hint="regenerate it with build-edition translate-template <document> <lang>")
    segments = data.get("segments") or {}
    if not isinstance(segments, dict):
        raise EditionError("`segments:` must map segment ids to entries", file=name,
                           hint="each entry is `p123:` followed by indented `source:` and `text:` lines")
    result = TranslationFile(str(data.get("document") or document), str(data.get("language") or language))
    for key, value in segments.items():
        if value is None:
            value = {}
        if isinstance(value, str):               # `p123: перевод` is accepted as a shorthand
            value = {"text": value}
        if not isinstance(value, dict):
            raise EditionError(f"the entry of segment {key} must have `source:` and `text:` lines", file=name,
                               hint="indent `text:` under the segment id")
        origin = value.get("from") or []
        if isinstance(origin, str):
            origin = [origin]
        result.entries[str(key)] = TranslationEntry(_as_text(value.get("source")), _as_text(value.get("text")),
                                         [str(o) for o in origin])
    return result


def _as_text(value) -> str:
    return "" if value is None else str(value)


def load_translation(content: Path, document: str, language: str) -> TranslationFile | None:
    path = Path(content) / translation_path(document, language)
    if not path.is_file():
        return None
    return parse_translation(path.read_text(encoding="utf-8"), str(path), document, language)


# -- the segments of a document as content/ has them -------------------------------------------------

def page_segments(rel: str, markdown: str) -> list[Segment]:
    """The segments of one page (chunks with a segment id), in reading order.

    >>> [(s.id, s.text, s.lang) for s in page_segments("a/01.md", '# Т\\n\\nМәтін \\\\*.\\n{: #p3 }\\n\\n## Abstract {: #p5 lang="en" }\\n')]
    [('p3', 'Мәтін *.', 'kk'), ('p5', 'Abstract', 'en')]
    """
    return [Segment(chunk.key, plain_text(chunk.raw), lang, rel) for chunk, lang in _segment_chunks(markdown)]


def _segment_chunks(markdown: str):
    """(chunk, its language) of the chunks of one page that are segments, in reading order."""
    for chunk in parse_page(markdown).chunks:
        if not SEGMENT_ID.match(chunk.key):      # the page title, footnotes, notes, editors' chunks without id
            continue
        lang = _LANG_ATTR.search(chunk.attrs)
        yield chunk, lang.group(1) if lang else SOURCE_LANGUAGE


def document_segments(content: Path, document: str) -> list[Segment]:
    """Every segment of a document's text pages under content/, in reading order."""
    folder = Path(content) / document
    if not folder.is_dir() or document.startswith(".") or "/" in document:
        known = sorted(p.name for p in Path(content).iterdir() if p.is_dir() and not p.name.startswith(".")) \
            if Path(content).is_dir() else []
        raise EditionError(f"content/ has no document {document!r}", file=str(folder),
                           hint=f"the documents are: {', '.join(known) or '(none: run build-edition build)'}")
    segments = []
    for rel, text in _document_pages(folder, document):
        segments.extend(page_segments(rel, text))
    return segments


def _document_pages(folder: Path, document: str):
    """(``document/NN-….md``, its Markdown) of the document's text pages, in reading order."""
    for path in sorted(folder.iterdir()):
        if path.is_file() and _PAGE_NAME.match(path.name) and path.name.count(".") == 1:
            yield f"{document}/{path.name}", path.read_text(encoding="utf-8")


def translatable_ids(content: Path, document: str) -> set[str]:
    """The ids of :func:`translatable` (``document_segments``) without working out their text, which
    was two thirds of the time of the site's coverage table."""
    return {chunk.key for _, text in _document_pages(Path(content) / document, document)
            for chunk, lang in _segment_chunks(text) if lang == SOURCE_LANGUAGE}


def translatable(segments: list[Segment]) -> list[Segment]:
    """The segments a translation covers: the Kazakh ones."""
    return [s for s in segments if s.lang == SOURCE_LANGUAGE]


# -- the template command ---------------------------------------------------------------------------

@dataclass
class TemplateReport:
    path: str
    segments: int = 0
    translated: int = 0
    added: int = 0
    changed_source: list[str] = field(default_factory=list)
    orphaned: list[str] = field(default_factory=list)

    def describe(self) -> str:
        lines = [f"{self.path}: {self.segments} Kazakh segment(s), {self.translated} translated, "
                 f"{self.segments - self.translated} to translate ({self.added} new entr{'y' if self.added == 1 else 'ies'})"]
        if self.changed_source:
            lines.append("  the Kazakh text changed since these were translated (compare `source` with the page): "
                         + ", ".join(self.changed_source))
        if self.orphaned:
            lines.append("  no longer in the document, kept at the end of the file: " + ", ".join(self.orphaned))
        return "\n".join(lines)


def update_template(existing: TranslationFile | None, document: str, language: str,
                    segments: list[Segment]) -> tuple[TranslationFile, TemplateReport]:
    """The template for ``segments``, keeping every entry of ``existing`` (pure function).

    >>> old = TranslationFile("d", "ru", {"p1": TranslationEntry("Бір", "Один"), "p9": TranslationEntry("Тоғыз", "Девять")})
    >>> new, report = update_template(old, "d", "ru", [Segment("p1", "Бір", "kk", "d/01.md"),
    ...                                                Segment("p2", "Екі", "kk", "d/01.md")])
    >>> [(k, e.text) for k, e in new.entries.items()], report.orphaned
    ([('p1', 'Один'), ('p2', ''), ('p9', 'Девять')], ['p9'])
    """
    check_language(language)
    old = existing.entries if existing else {}
    out = TranslationFile(document, language)
    report = TemplateReport(translation_path(document, language))
    for segment in translatable(segments):
        entry = old.get(segment.id)
        if entry is None:
            entry = TranslationEntry(segment.text, "")
            report.added += 1
        elif not entry.translated:
            entry = TranslationEntry(segment.text, entry.text, entry.origin)
        elif entry.source != segment.text:
            report.changed_source.append(segment.id)
        out.entries[segment.id] = entry
        report.segments += 1
        report.translated += entry.translated
    for key, entry in old.items():
        if key not in out.entries:
            out.entries[key] = entry
            report.orphaned.append(key)
    return out, report


def write_template(content: Path, document: str, language: str) -> TemplateReport:
    """``build-edition translate-template``: create or update content/<document>/translations/<lang>.yml."""
    check_language(language)
    segments = document_segments(content, document)
    existing = load_translation(content, document, language)
    updated, report = update_template(existing, document, language, segments)
    path = Path(content) / translation_path(document, language)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = updated.render()
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8", newline="\n")
    tmp.replace(path)                      # never a half-written translation file
    report.path = f"{Path(content).name}/{translation_path(document, language)}"
    return report


# -- coverage ------------------------------------------------------------------------------------

@dataclass
class Coverage:
    document: str
    language: str
    translated: int
    total: int

    @property
    def share(self) -> float:
        return self.translated / self.total if self.total else 0.0


def documents_in(content: Path) -> list[str]:
    """Document folders of content/ (those with text pages), sorted."""
    content = Path(content)
    if not content.is_dir():
        return []
    return sorted(p.name for p in content.iterdir()
                  if p.is_dir() and not p.name.startswith(".") and p.name != STORE
                  and any(_PAGE_NAME.match(f.name) for f in p.iterdir()))


def coverage(content: Path) -> list[Coverage]:
    """Per document and translation language: Kazakh segments with a translation / all Kazakh segments.

    A translation of an id that is not (or no longer) a Kazakh segment of the document does not count.
    """
    rows = []
    for document in documents_in(content):
        ids = translatable_ids(content, document)
        for language in LANGUAGES:
            translation = load_translation(content, document, language)
            done = len(translation.translated_ids() & ids) if translation else 0
            rows.append(Coverage(document, language, done, len(ids)))
    return rows
