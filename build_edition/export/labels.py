"""Reader-facing labels of the downloads, the citations and the exported files.

The site's part (the "Жүктеп алу" lists, "Дәйексөз", the paragraph cite button, the data archive on
the home page) exists in the three interface languages; the files themselves (EPUB appendix, plain
text title block, the archive's licence) are Kazakh, the archive's licence in all three languages.
Kazakh-only labels of the edition's pages are in ``build_edition/write/labels.py``; these are kept
here because the site hook (``build_edition/site/export_hook.py``) and the exporters share them, and
the hook may import export/ but the writer may not.
"""
from __future__ import annotations

SITE = {
    "kk": {"downloads": "Жүктеп алу", "intro": "Құжаттың басылымдағы мәтіні мен сипаттамасы:",
           "kb": "КБ", "mb": "МБ", "tei": "TEI P5 XML (түзетулер, алынған бет элементтері, атаулар белгіленген)",
           "txt": "Таза мәтін (UTF-8)", "arab": "Таза мәтін төте жазумен (UTF-8, оңнан солға)",
           "epub": "EPUB 3 (электронды кітап)", "latn": "EPUB 3, латын әліпбиімен",
           "arab_epub": "EPUB 3, төте жазумен (оңнан солға)",
           "bib": "BibTeX", "ris": "RIS (Zotero, EndNote, Mendeley)",
           "csl": "CSL-JSON", "cite": "Дәйексөз", "cite_intro": "Құжатқа сілтеме (ГОСТ бойынша):",
           "cite_paragraph": "Жеке абзацқа сілтеме беру үшін абзацтың жанындағы «❝» батырмасын басыңыз: сілтемеге "
                             "абзацтың тұрақты мекенжайы және белгілі болса, баспа беті қосылады.",
           "page": "Б.",
           "button": "Осы абзацтан дәйексөз", "copy": "Көшіру", "copied": "Көшірілді",
           "dump_intro": "Басылымның барлық деректері бір мұрағатта: әр құжаттың TEI P5 файлы мен таза мәтіні "
                         "және JSON түріндегі каталог.",
           "dump": "Басылымның деректері (ZIP)", "licence": "Лицензиясы",
           "licence_text": "Басылымның өз жұмысы (белгіленім, түзетулер, аппарат, метадеректер, жобаның "
                           "аудармалары) CC BY 4.0 лицензиясымен таратылады; бастапқы мәтіндерге құқық "
                           "олардың баспагерлері мен авторларында қалады."},
    "ru": {"downloads": "Скачать", "intro": "Текст документа в издании и его библиографическое описание:",
           "kb": "КБ", "mb": "МБ", "tei": "TEI P5 XML (исправления, удалённые колонтитулы, имена размечены)",
           "txt": "Простой текст (UTF-8)", "arab": "Простой текст казахским арабским письмом, тоте (UTF-8, справа налево)",
           "epub": "EPUB 3 (электронная книга)", "latn": "EPUB 3 латиницей",
           "arab_epub": "EPUB 3 казахским арабским письмом, тоте (справа налево)",
           "bib": "BibTeX", "ris": "RIS (Zotero, EndNote, Mendeley)",
           "csl": "CSL-JSON", "cite": "Как цитировать", "cite_intro": "Ссылка на документ (по ГОСТ Р 7.0.5-2008):",
           "cite_paragraph": "Чтобы сослаться на отдельный абзац, нажмите кнопку «❝» рядом с ним: к ссылке добавятся "
                             "постоянный адрес абзаца и, если известна, страница печатного издания.",
           "page": "С.",
           "button": "Цитировать этот абзац", "copy": "Копировать", "copied": "Скопировано",
           "dump_intro": "Все данные издания в одном архиве: файл TEI P5 и простой текст каждого документа "
                         "и каталог в формате JSON.",
           "dump": "Данные издания (ZIP)", "licence": "Лицензия",
           "licence_text": "Собственная работа издания (разметка, исправления, аппарат, метаданные, переводы "
                           "проекта) распространяется по лицензии CC BY 4.0; права на исходные тексты остаются "
                           "за их издателями и авторами."},
    "en": {"downloads": "Download", "intro": "The document's text in this edition and its citation data:",
           "kb": "KB", "mb": "MB", "tei": "TEI P5 XML (emendations, removed page furniture and names marked up)",
           "txt": "Plain text (UTF-8)", "arab": "Plain text in töte, the Kazakh Arabic script (UTF-8, right to left)",
           "epub": "EPUB 3 (e-book)", "latn": "EPUB 3 in the Latin alphabet",
           "arab_epub": "EPUB 3 in töte, the Kazakh Arabic script (right to left)",
           "bib": "BibTeX", "ris": "RIS (Zotero, EndNote, Mendeley)",
           "csl": "CSL-JSON", "cite": "Cite", "cite_intro": "Reference to the document (APA):",
           "cite_paragraph": "To cite one paragraph, press the “❝” button beside it: the reference gets the "
                             "paragraph's permanent address and, where known, the page of the printed edition.",
           "page": "p.",
           "button": "Cite this paragraph", "copy": "Copy", "copied": "Copied",
           "dump_intro": "All the data of the edition in one archive: the TEI P5 file and the plain text of "
                         "every document and the catalogue as JSON.",
           "dump": "The edition's data (ZIP)", "licence": "Licence",
           "licence_text": "The edition's own work (markup, emendations, apparatus, metadata, the project's "
                           "translations) is licensed under CC BY 4.0; the source texts remain under the rights "
                           "of their publishers and authors."},
}

# the downloads of a landing page, in the order listed: file suffix → key of its label
SUFFIXES = ((".tei.xml", "tei"), (".epub", "epub"), (".latn.epub", "latn"), (".arab.epub", "arab_epub"), (".txt", "txt"),
            (".arab.txt", "arab"), (".bib", "bib"), (".ris", "ris"), (".csl.json", "csl"))

EPUB = {"appendix": "Мәтінге енгізілген түзетулер", "notes": "Ескертпелер", "contents": "Мазмұны",
        "intro": "Қалпына келтіру кезінде бастапқы мәтінге енгізілген әрбір автоматты түзету "
                 "(бастапқы түрі → басылымдағы түрі, ереже, абзац).",
        "source": "Басылымдағы мекенжайы", "font_licence": "Қаріп лицензиясы (Noto Naskh Arabic, SIL OFL 1.1)"}

PLAIN_TEXT = {"source": "Бастапқы файл", "address": "Басылымдағы мекенжайы"}


def site_labels(language: str) -> dict:
    """The site's labels in an interface language (Kazakh for any other).

    >>> site_labels("en")["downloads"], site_labels("de")["downloads"]
    ('Download', 'Жүктеп алу')
    """
    return SITE.get(language, SITE["kk"])
