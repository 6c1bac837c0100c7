"""The Russian and English interfaces' share of content/ (issue 21).

* ``_nav_translations.yml``: {language: {Kazakh navigation label: label in that language}}, read by
  :mod:`build_edition.site.i18n_hook` into mkdocs-static-i18n's ``nav_translations``: the writer's own
  labels (home, parts, the reference tab...) and each document's tab, from the editors' translations in
  the catalogue (``translations:`` in seeds/catalog.yml; a document without one keeps its Kazakh label).
* ``index.ru.md`` and ``index.en.md``: the home page of each interface, the documents under their
  translated titles with the Kazakh original beside them.
* the translated title and description of each landing page (``title_ru``, ``description_ru``... in its
  front matter), which the hook shows in that interface, the Kazakh title under the translated one.
"""
from __future__ import annotations

import html
import re

import yaml

from build_edition.read.catalog import INTERFACE_LANGUAGES, CatalogueEntry
from build_edition.text import markdown as md

# The writer's own navigation labels (build_edition.write.writer, .enrichment, .reference_pages,
# .translation_files, .changes_page) in the interface languages.
LABELS = {
    "ru": {"Басты бет": "Главная", "Мәтін": "Текст", "Анықтамалық": "Справочник",
           "Қысқартулар глоссарийі": "Глоссарий сокращений", "Атаулар көрсеткіші": "Указатель имён",
           "Тұлғалар": "Лица", "Ұйымдар": "Организации", "Жер атаулары": "Географические названия",
           "Аудармалар": "Переводы", "Редакциялық түзетулер": "Редакторские исправления"},
    "en": {"Басты бет": "Home", "Мәтін": "Text", "Анықтамалық": "Reference",
           "Қысқартулар глоссарийі": "Glossary of abbreviations", "Атаулар көрсеткіші": "Index of names",
           "Тұлғалар": "People", "Ұйымдар": "Organisations", "Жер атаулары": "Place names",
           "Аудармалар": "Translations", "Редакциялық түзетулер": "Editorial corrections"},
}
PART = {"ru": "Часть {}", "en": "Part {}"}
_PART_LABEL = re.compile(r"^(\d+)-бөлім$")

HOME = {
    "ru": {"title": "Главная", "site": "Цифровое издание казахских текстов",
           "description": "Восстановленные казахские тексты с поиском, переводами и латиницей",
           "intro": ["В издании собраны казахские тексты, извлечённые из PDF-документов и веб-страниц. "
                     "Буквы, испорченные при извлечении текста, разорванные слова, переносы и служебные элементы "
                     "страниц (колонтитулы, номера страниц) исправлены; язык и орфография автора не изменялись.",
                     "Тексты публикуются на казахском языке. Интерфейс, названия и описания документов "
                     "переведены на русский; там, где есть перевод самого текста, он показан рядом с оригиналом "
                     "(см. «Переводы»)."],
           "documents": "Документы", "original": "Оригинальное название"},
    "en": {"title": "Home", "site": "Digital edition of Kazakh texts",
           "description": "Restored Kazakh texts with search, translations and a Latin-script view",
           "intro": ["This edition brings together Kazakh texts extracted from PDF documents and web pages. "
                     "Letters damaged in extraction, broken words, line-end hyphens and page furniture "
                     "(running heads, page numbers) have been corrected; the author's language and spelling "
                     "are left as they are.",
                     "The texts are published in Kazakh. The interface and the documents' titles and "
                     "descriptions are translated into English; where a text itself has a translation, it is "
                     "shown beside the original (see “Translations”)."],
           "documents": "Documents", "original": "Original title"},
}


def translated(entry: CatalogueEntry, language: str, key: str) -> str:
    """An entry's field in an interface language; the Kazakh one when the editors have not translated it."""
    fields = entry.translations.get(language, {})
    if key == "short_title":
        return fields.get("short_title") or fields.get("title") or entry.short_title or entry.title
    return fields.get(key) or getattr(entry, key)


def _labels(nav) -> list[str]:
    for item in nav if isinstance(nav, list) else []:
        if isinstance(item, dict):
            for label, children in item.items():
                yield label
                yield from _labels(children)


def nav_translations(nav: list, entries: list[CatalogueEntry]) -> dict[str, dict[str, str]]:
    """{language: {Kazakh label: translated label}} for every label of ``nav`` that has a translation.

    >>> entry = CatalogueEntry("a", "a.txt", "Ұзақ атауы", [], "", "2025", "article", "kk", short_title="Атауы",
    ...               translations={"ru": {"title": "Длинное название"}})
    >>> nav_translations([{"Басты бет": "index.md"}, {"Атауы": ["a/index.md", {"2-бөлім": "a/2.md"}]}], [entry])["ru"]
    {'Басты бет': 'Главная', 'Атауы': 'Длинное название', '2-бөлім': 'Часть 2'}
    """
    documents = {entry.short_title or entry.title: entry for entry in entries}
    result = {}
    for language in INTERFACE_LANGUAGES:
        mapping = {}
        for label in _labels(nav):
            if label in LABELS[language]:
                mapping[label] = LABELS[language][label]
            elif part := _PART_LABEL.match(label):
                mapping[label] = PART[language].format(part.group(1))
            elif label in documents and translated(documents[label], language, "short_title") != label:
                mapping[label] = translated(documents[label], language, "short_title")
        result[language] = mapping
    return result


def render_home(entries: list[CatalogueEntry], language: str) -> str:
    """The home page of the Russian or English interface."""
    text = HOME[language]
    front = yaml.safe_dump({"title": text["title"], "description": text["description"]}, allow_unicode=True,
                           sort_keys=False, width=1000).strip()
    out = ["---", front, "---", "", f"# {md.escape(text['site'])}", ""]
    for paragraph in text["intro"]:
        out += [md.escape(paragraph), ""]
    out += [f"## {md.escape(text['documents'])}", "", '<div class="grid cards edition-documents" markdown>', ""]
    for entry in entries:
        title = translated(entry, language, "title")
        out += [f"-   ### [{md.escape(title)}]({entry.slug}/index.md)", ""]
        if title != entry.title:
            out += [f"    {md.escape(text['original'])}: <span lang=\"kk\">{html.escape(entry.title, quote=False)}</span>",
                    "    " + md.attr_list("", ["edition-original-title"]), ""]
        description = translated(entry, language, "description")
        if description:
            out += [f"    {md.escape(description)}", ""]
    out += ["</div>"]
    return "\n".join(out) + "\n"


def landing_titles(entry: CatalogueEntry) -> dict[str, str]:
    """Front matter of a landing page: its title and description in each interface language that translates them."""
    front = {}
    for language, fields in sorted(entry.translations.items()):
        for key in ("title", "description"):
            if fields.get(key):
                front[f"{key}_{language}"] = fields[key]
    return front


def add_interface_files(files: dict[str, str], entries: list[CatalogueEntry]) -> None:
    """Add the interfaces' home pages and navigation labels to the edition ``files``."""
    nav = yaml.safe_load(files.get("_nav.yml", "[]")) or []
    files["_nav_translations.yml"] = yaml.safe_dump(nav_translations(nav, entries), allow_unicode=True,
                                                    sort_keys=False, width=1000)
    for language in INTERFACE_LANGUAGES:
        files[f"index.{language}.md"] = render_home(entries, language)
