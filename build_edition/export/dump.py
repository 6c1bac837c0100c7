"""The data dump: the whole edition in one archive, with its licence.

``edition-data.zip`` holds, under one folder ``edition-data/``:

- ``LICENCE.txt`` — what may be done with what (Kazakh, Russian, English): the edition's own work is
  CC BY 4.0, the source texts stay under their publishers' and authors' rights, listed per document
  from the catalogue's own fields (publication, publisher, authors, source file; ``unknown`` where
  the catalogue says so, never a guessed name) and the seed file it was restored from;
- ``catalogue.json`` — the catalogue (seeds/catalog.yml) without the pipeline's processing
  instructions (``overrides``), each document with its address in the edition and its files here;
- ``tei/<slug>.tei.xml`` and ``text/<slug>.txt`` — the same bytes as the downloads of each landing page.

Deterministic: entries sorted by name, every timestamp 1980-01-01 00:00, fixed permissions, the
same compression, so the same edition gives the same archive byte for byte.
"""
from __future__ import annotations

import io
import json
import zipfile

from ..read.catalog import CatalogueEntry

NAME = "edition-data"
ARCHIVE = f"{NAME}.zip"
LICENCE = f"{NAME}-licence.txt"          # the licence again beside the archive, readable before downloading
CC_BY = "https://creativecommons.org/licenses/by/4.0/"
CATALOGUE_FIELDS = ("slug", "title", "short_title", "authors", "publication", "publisher", "place", "date",
                    "kind", "language", "description", "notes", "translations", "source")
FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def files_of(slug: str) -> dict[str, str]:
    """Which download goes where in the archive: archive path → file name of the download."""
    return {f"tei/{slug}.tei.xml": f"{slug}.tei.xml", f"text/{slug}.txt": f"{slug}.txt"}


def catalogue_json(entries: list[CatalogueEntry], site_url: str) -> str:
    documents = []
    for entry in entries:
        record = {name: getattr(entry, name) for name in CATALOGUE_FIELDS}
        record["url"] = f"{site_url}{entry.slug}/"
        record["files"] = sorted(files_of(entry.slug))
        documents.append(record)
    data = {"edition": "Қазақ мәтіндерінің цифрлық басылымы", "licence": CC_BY,
            "note": "`unknown` marks a value the source does not tell; `authors: [various]` a collection by "
                    "many authors (see LICENCE.txt)",
            "documents": documents}
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _value(value: str, unknown: str) -> str:
    return unknown if value in ("", "unknown") else value


def licence_text(entries: list[CatalogueEntry]) -> str:
    """The licence of the archive: the edition's work under CC BY 4.0, each source text under its own
    publisher's and authors' rights, as the catalogue names them."""
    out = [
        "Қазақ мәтіндерінің цифрлық басылымы — деректер мұрағаты",
        "Цифровое издание казахских текстов — архив данных",
        "Digital edition of Kazakh texts — data archive",
        "",
        "ҚАЗАҚША",
        "",
        "Мұрағатта: tei/ — әр құжаттың TEI P5 файлы; text/ — әр құжаттың таза мәтіні (UTF-8); "
        "catalogue.json — басылымның каталогы.",
        "",
        "1. Басылымның өз жұмысы — TEI белгіленімі, мәтінге енгізілген түзетулер мен аппарат (түзетулердің "
        "тізімі, ережелері мен ескертпелері), каталогтың метадеректері және жоба жасаған аудармалар "
        "(catalogue.json ішіндегі атаулар мен сипаттамалардың орысша және ағылшынша аудармалары) — "
        f"Creative Commons Attribution 4.0 International (CC BY 4.0) лицензиясымен таратылады: {CC_BY}. "
        "Пайдаланғанда «Қазақ мәтіндерінің цифрлық басылымы» деп көрсетіңіз.",
        "",
        "2. Бастапқы мәтіндер басылымға тиесілі емес: оларға құқық баспагерлері мен авторларында қалады, "
        "CC BY 4.0 лицензиясы оларға қолданылмайды. Бастапқы басылымда жарияланған аудармалар (мысалы, "
        "аңдатпалар) да бастапқы мәтіннің бөлігі. Әр құжаттың басылымы мен баспагері төменде каталог "
        "бойынша берілген («белгісіз» — каталогта көрсетілмеген).",
        "",
        "РУССКИЙ",
        "",
        "В архиве: tei/ — файл TEI P5 каждого документа; text/ — простой текст каждого документа (UTF-8); "
        "catalogue.json — каталог издания.",
        "",
        "1. Собственная работа издания — разметка TEI, исправления и аппарат (список исправлений, их правила "
        "и примечания), метаданные каталога и переводы, выполненные проектом (русские и английские переводы "
        "названий и описаний в catalogue.json), — распространяется по лицензии Creative Commons Attribution "
        f"4.0 International (CC BY 4.0): {CC_BY}. При использовании указывайте: «Цифровое издание казахских "
        "текстов».",
        "",
        "2. Исходные тексты изданию не принадлежат: права на них остаются за их издателями и авторами, "
        "лицензия CC BY 4.0 на них не распространяется. Переводы, опубликованные в исходном издании "
        "(например, аннотации), — часть исходного текста. Издание и издатель каждого документа указаны ниже "
        "по каталогу («белгісіз» — не указан в каталоге).",
        "",
        "ENGLISH",
        "",
        "In this archive: tei/ — the TEI P5 file of every document; text/ — the plain text of every document "
        "(UTF-8); catalogue.json — the edition's catalogue.",
        "",
        "1. The edition's own work — the TEI markup, the emendations and the apparatus (the list of "
        "emendations, their rules and notes), the metadata of the catalogue and the translations made by the "
        "project (the Russian and English translations of titles and descriptions in catalogue.json) — is "
        f"licensed under the Creative Commons Attribution 4.0 International licence (CC BY 4.0): {CC_BY}. "
        "Attribute it to «Қазақ мәтіндерінің цифрлық басылымы» (Digital edition of Kazakh texts).",
        "",
        "2. The source texts are not the edition's: they remain under the rights of their publishers and "
        "authors, and CC BY 4.0 does not apply to them. Translations published in the original (abstracts, "
        "for example) are part of the source text. The publication and publisher of each document are given "
        "below as the catalogue names them («белгісіз»: not named in the catalogue).",
        "",
        "ҚҰЖАТТАР / ДОКУМЕНТЫ / DOCUMENTS",
    ]
    unknown = "белгісіз"
    for entry in entries:
        authors = [a for a in entry.authors if a not in ("unknown", "various")]
        author_text = ", ".join(authors) if authors else ("түрлі авторлар" if "various" in entry.authors else unknown)
        out += ["", f"- {entry.title}",
                f"  Басылым / Издание / Publication: {_value(entry.publication, unknown)}",
                f"  Баспагер / Издатель / Publisher: {_value(entry.publisher, unknown)}",
                f"  Авторлар / Авторы / Authors: {author_text}",
                f"  Күні / Дата / Date: {_value(entry.date, unknown)}",
                f"  Бастапқы файл / Исходный файл / Source file: {entry.source}",
                f"  Файлдар / Файлы / Files: {', '.join(sorted(files_of(entry.slug)))}"]
    return "\n".join(out) + "\n"


def archive_bytes(entries: list[CatalogueEntry], downloads: dict[str, dict[str, bytes]], site_url: str) -> bytes:
    """The archive of the edition; ``downloads`` is slug → {file name: bytes} of every document's
    downloads (:func:`build_edition.export.export_document`). Documents without downloads are left out."""
    present = [e for e in entries if e.slug in downloads]
    members = {"LICENCE.txt": licence_text(present).encode("utf-8"),
               "catalogue.json": catalogue_json(present, site_url).encode("utf-8")}
    for entry in present:
        for path, name in files_of(entry.slug).items():
            members[path] = downloads[entry.slug][name]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for path in sorted(members):
            info = zipfile.ZipInfo(f"{NAME}/{path}", date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            archive.writestr(info, members[path], compresslevel=9)
    return out.getvalue()
