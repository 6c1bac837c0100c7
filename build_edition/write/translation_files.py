"""The writer's part of the translation layer (called at the end of :func:`build_edition.write.writer.render_edition`).

* ``<document>/translations/<lang>.yml`` for every translation the document contains itself (the
  journal article's Russian and English abstracts, the book's publisher page in three languages),
  found by :mod:`build_edition.enrich.alignment`. These files are generated, so the editors' merge keeps
  what translators add to them (line-level three-way merge); translation files of other documents
  are the translators' own (``build-edition translate-template``) and the build never touches them.
* ``translations.md`` (with ``.ru.md`` and ``.en.md`` for the Russian and English interface): the
  translation coverage page. The table is filled in when the site is built
  (:mod:`build_edition.site.translation_hook`), from the translation files content/ holds then.
* a navigation entry for that page.
"""
from __future__ import annotations

import yaml

from build_edition.text import markdown as md
from build_edition.enrich.alignment import translations_in
from build_edition.store.page_format import CHANGES_PAGE
from build_edition.text.markdown import plain_text
from build_edition.core.model import Document
from build_edition.store.translations import TranslationEntry, TranslationFile, translation_path

COVERAGE_PAGE = "translations.md"
COVERAGE_MARKER = "<!-- translation-coverage -->"
COVERAGE_TITLE = {"kk": "Аудармалар", "ru": "Переводы", "en": "Translations"}
COVERAGE_INTRO = {
    "kk": ["Басылымның қазақша мәтіндерінің орыс және ағылшын тілдеріндегі аудармалары сегменттер "
           "(абзацтар, тақырыптар, тізім тармақтары) бойынша сақталады. Кестеде әр құжаттың қанша "
           "сегменті аударылғаны көрсетілген; аударылмаған сегменттер қазақша түпнұсқасымен беріледі.",
           "Аударылған бетті тілді ауыстырғыш арқылы ашсаңыз, түпнұсқа мен аударма қатар көрсетіледі."],
    "ru": ["Переводы казахских текстов издания на русский и английский языки хранятся по сегментам "
           "(абзацам, заголовкам, пунктам списков). В таблице показано, какая доля сегментов каждого "
           "документа переведена; непереведённые сегменты показываются в казахском оригинале.",
           "Страница с переводом в русском интерфейсе показывает оригинал и перевод рядом."],
    "en": ["Translations of the edition's Kazakh texts into Russian and English are stored segment by "
           "segment (paragraphs, headings, list items). The table shows the share of each document's "
           "segments that is translated; untranslated segments are shown in the Kazakh original.",
           "A translated page in the English interface shows the original and the translation side by side."],
}


def coverage_page(language: str) -> str:
    """The coverage page in one interface language (the table replaces the marker at site build)."""
    title = COVERAGE_TITLE[language]
    front = yaml.safe_dump({"title": title}, allow_unicode=True, sort_keys=False).strip()
    paragraphs = [md.escape(p) for p in COVERAGE_INTRO[language]]
    return "\n".join(["---", front, "---", "", f"# {md.escape(title)}", "", *sum(([p, ""] for p in paragraphs), []),
                      COVERAGE_MARKER, ""])


def found_translations(doc: Document) -> dict[str, str]:
    """The translation files of the translations a document contains, {path in content/: text}."""
    files = {}
    for language, pairs in sorted(translations_in(doc).items()):
        translation = TranslationFile(doc.slug, language)
        for pair in pairs:
            # `source` exactly as the page shows it, so the template command sees it unchanged
            translation.entries[pair.source.id] = TranslationEntry(plain_text(md.escape(pair.source.text)),
                                                        " ".join(pair.text.split()), pair.origin)
        files[translation_path(doc.slug, language)] = translation.render()
    return files


def add_translation_files(files: dict[str, str], docs: list[Document]) -> None:
    """Add the translation layer's generated files to the edition ``files`` (see the module docstring)."""
    for doc in docs:
        files.update(found_translations(doc))
    files[COVERAGE_PAGE] = coverage_page("kk")
    for language in ("ru", "en"):
        files[COVERAGE_PAGE.replace(".md", f".{language}.md")] = coverage_page(language)
    nav = yaml.safe_load(files.get("_nav.yml", "[]")) or []
    entry = {COVERAGE_TITLE["kk"]: COVERAGE_PAGE}
    if entry not in nav:
        changes = next((i for i, item in enumerate(nav) if isinstance(item, dict) and CHANGES_PAGE in item.values()),
                       len(nav))
        nav.insert(changes, entry)
    files["_nav.yml"] = yaml.safe_dump(nav, allow_unicode=True, sort_keys=False)
