"""Citation data of a document from its catalogue entry: CSL-JSON (the item every other form is made
from), BibTeX (written by pybtex), RIS (written by rispy) and formatted references (citeproc-py).

Names: a catalogue author is a Kazakh/Russian name as printed. ``Андрей Чеботарёв`` is given name +
family name; ``Жексембаева В. А.`` is family name + initials; ``various`` (a newspaper issue) and
``unknown`` give no author at all, never a made-up one.

>>> split_name("Андрей Чеботарёв"), split_name("Жексембаева В. А."), split_name("Қасым-Жомарт Тоқаев")
({'family': 'Чеботарёв', 'given': 'Андрей'}, {'family': 'Жексембаева', 'given': 'В. А.'}, {'family': 'Тоқаев', 'given': 'Қасым-Жомарт'})
>>> csl_date("2025-01-05"), csl_date("2026-02"), csl_date("unknown")
({'date-parts': [[2025, 1, 5]]}, {'date-parts': [[2026, 2]]}, None)
"""
from __future__ import annotations

import json
import re
import warnings
from functools import lru_cache
from pathlib import Path

from ..read.catalog import CatalogueEntry

CSL_TYPES = {"book": "book", "newspaper": "article-newspaper", "interview": "interview",
             "article": "article-journal", "web page": "webpage"}
BIBTEX_TYPES = {"book": "book", "article": "article", "newspaper": "article", "interview": "article",
                "web page": "online"}
RIS_TYPES = {"book": "BOOK", "article": "JOUR", "newspaper": "NEWS", "interview": "NEWS", "web page": "ELEC"}
NO_AUTHOR = ("unknown", "various")
UNKNOWN = "unknown"


def split_name(name: str) -> dict:
    words = name.split()
    if len(words) < 2:
        return {"literal": name}
    if all(re.fullmatch(r"(\w\.)+", w) for w in words[1:]):
        return {"family": words[0], "given": " ".join(words[1:])}
    return {"family": words[-1], "given": " ".join(words[:-1])}


def csl_date(value: str) -> dict | None:
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value or ""):
        return None
    return {"date-parts": [[int(part) for part in value.split("-")]]}


def permalink(site_url: str, slug: str) -> str:
    return f"{site_url}{slug}/"


def csl_item(entry: CatalogueEntry, site_url: str) -> dict:
    item = {"id": entry.slug, "type": CSL_TYPES.get(entry.kind, "document"), "title": entry.title,
            "language": (re.split(r"[,\s]+", entry.language or "kk")[0] or "kk"),
            "URL": permalink(site_url, entry.slug), "source": entry.source}
    authors = [split_name(a) for a in entry.authors if a not in NO_AUTHOR]
    if authors:
        item["author"] = authors
    if entry.publication != UNKNOWN:
        if entry.kind == "book":
            item["collection-title"] = entry.publication
        else:
            item["container-title"] = entry.publication
    if entry.publisher != UNKNOWN:
        item["publisher"] = entry.publisher
    if entry.place != UNKNOWN:
        item["publisher-place"] = entry.place
    issued = csl_date(entry.date)
    if issued:
        item["issued"] = issued
    if entry.description:
        item["abstract"] = entry.description
    return item


def csl_json(item: dict) -> str:
    return json.dumps([item], ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _year(item: dict) -> str:
    parts = (item.get("issued") or {}).get("date-parts") or [[]]
    return str(parts[0][0]) if parts[0] else ""


def bibtex(item: dict) -> str:
    from pybtex.database import BibliographyData, Entry as BibEntry, Person
    fields = [("title", item["title"])]
    if item.get("container-title"):
        fields.append(("journal" if item["type"] != "webpage" else "organization", item["container-title"]))
    if item.get("collection-title"):
        fields.append(("series", item["collection-title"]))
    for key, name in (("publisher", "publisher"), ("publisher-place", "address"), ("URL", "url"),
                      ("language", "langid"), ("abstract", "abstract")):
        if item.get(key):
            fields.append((name, item[key]))
    parts = (item.get("issued") or {}).get("date-parts") or [[]]
    if parts[0]:
        fields.append(("date", "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts[0]))))
        fields.append(("year", _year(item)))
    persons = {"author": [Person(" ".join(filter(None, [a.get("given"), a.get("family")])) if "family" in a
                                 else a["literal"]) for a in item.get("author", [])]} if item.get("author") else {}
    entry = BibEntry(BIBTEX_TYPES.get(_kind(item), "misc"), fields=fields, persons=persons)
    return BibliographyData({item["id"]: entry}).to_string("bibtex")


def _kind(item: dict) -> str:
    return {v: k for k, v in CSL_TYPES.items()}.get(item["type"], "")


def ris(item: dict) -> str:
    import rispy
    ref = {"type_of_reference": RIS_TYPES.get(_kind(item), "GEN"), "title": item["title"],
           "language": item.get("language", ""), "urls": [item["URL"]], "id": item["id"]}
    if item.get("author"):
        ref["authors"] = [", ".join(filter(None, [a.get("family"), a.get("given")])) if "family" in a
                          else a["literal"] for a in item["author"]]
    if item.get("container-title"):
        ref["secondary_title"] = item["container-title"]
    if item.get("collection-title"):
        ref["tertiary_title"] = item["collection-title"]
    if item.get("publisher"):
        ref["publisher"] = item["publisher"]
    if item.get("publisher-place"):
        ref["place_published"] = item["publisher-place"]
    if _year(item):
        ref["year"] = _year(item)
        parts = item["issued"]["date-parts"][0]
        ref["date"] = "/".join([str(parts[0])] + [f"{p:02d}" for p in parts[1:]])
    if item.get("abstract"):
        ref["abstract"] = item["abstract"]
    return rispy.dumps([ref], implementation=_ris_writer_class())


def _ris_writer_class():
    import rispy

    class Writer(rispy.RisWriter):
        def set_header(self, count: int) -> str:
            return ""                      # no "1." line before the record: plain RIS as Zotero writes it
    return Writer


# -- formatted references (citeproc-py) -----------------------------------------------------------

STYLE_DIR = Path(__file__).resolve().parent.parent / "data" / "csl"
# interface language → (CSL style file, CSL locale): Kazakhstan's GOST with Kazakh labels, Russian
# GOST, APA (see data/csl/README.md for their licence)
STYLES = {"kk": ("gost-r-7-0-5-2008-kk.csl", "ru-RU"), "ru": ("gost-r-7-0-5-2008.csl", "ru-RU"),
          "en": ("apa.csl", "en-US")}
URL_LABELS = {"kk": "URL", "ru": "URL", "en": "URL"}
PAGE_LABELS = {"kk": "Б.", "ru": "С.", "en": "p."}


def _suppress_substituted_variables() -> None:
    """CSL 1.0.2, ``cs:substitute``: "Substituted variables are suppressed in the rest of the output to
    prevent duplication." citeproc-py 0.11 suppresses a substitute only when it is a ``text variable``
    written directly inside ``cs:substitute``; APA's substitute for a missing author is a macro
    (``author-title-substitute`` → ``title``), so a document without an author got its title twice
    ("Title. (2025). Title. Newspaper."). This makes citeproc-py follow the rule through macros: the
    variables a successful substitute actually rendered (not those only tested in conditions) are
    suppressed for the rest of that entry. Applied once; other styles only gain the rule they declare."""
    from citeproc import model
    if getattr(model.Substitute, "_edition_follows_csl", False):
        return
    variable, render = model.Text._variable, model.Substitute.render

    def recorded_variable(self, item, context):
        text = variable(self, item, context)
        record = getattr(context.get_layout(), "_edition_substituted", None)
        if text and record is not None:
            record.append((self.tag, self.get("variable")))
        return text

    def suppressing_render(self, item, context=None, **kwargs):
        layout = context.get_layout()
        outer = getattr(layout, "_edition_substituted", None)
        layout._edition_substituted = record = []
        try:
            text = render(self, item, context=context, **kwargs)
        finally:
            layout._edition_substituted = outer
        if text:
            for tag, name in record:
                layout.repressed.setdefault(tag, []).append(name)
            if outer is not None:
                outer.extend(record)
        return text

    model.Text._variable = recorded_variable
    model.Substitute.render = suppressing_render
    model.Substitute._edition_follows_csl = True


@lru_cache(maxsize=8)
def _style(language: str):
    from citeproc import CitationStylesStyle
    _suppress_substituted_variables()
    name, locale = STYLES.get(language, STYLES["kk"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")          # citeproc-py warns about CSL features it ignores
        return CitationStylesStyle(str(STYLE_DIR / name), locale=locale, validate=False)


def reference(item: dict, language: str = "kk") -> str:
    """The bibliography entry of a document in the style of the interface language (plain text).

    >>> item = {"id": "x", "type": "book", "title": "Саяси ойтаным", "language": "kk", "author": [split_name("Андрей Чеботарёв")],
    ...         "publisher": "ҚСЗИ", "publisher-place": "Нұр-Сұлтан", "issued": csl_date("2021"), "URL": "https://e.org/x/"}
    >>> reference(item, "kk")
    'Чеботарёв А. Саяси ойтаным. Нұр-Сұлтан: ҚСЗИ, 2021.'
    >>> reference(item, "en")
    'Чеботарёв, А. (2021). Саяси ойтаным. ҚСЗИ. https://e.org/x/'

    Without an author APA puts the title first, once (CSL's substitution rule, see above):

    >>> reference({"id": "n", "type": "article-newspaper", "title": "Жаңа жоба", "container-title": "Газет",
    ...            "issued": csl_date("2026-02"), "URL": "https://e.org/n/"}, "en")
    'Жаңа жоба. (2026, February). Газет. https://e.org/n/'
    """
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        bibliography = CitationStylesBibliography(_style(language), CiteProcJSON([dict(item)]), formatter.plain)
        bibliography.register(Citation([CitationItem(item["id"])]))
        text = str(bibliography.bibliography()[0])
    text = re.sub(r"^1\.\s*", "", " ".join(text.split()))       # GOST numbers its list
    return re.sub(r"\.(\s+[.,])+", ".", text)           # the punctuation of fields left empty


def cite_paragraph(item: dict, language: str, permalink: str, page: str | None) -> str:
    """A paragraph's reference: the document's, its print page where known, its permalink.

    >>> item = {"id": "x", "type": "book", "title": "Саяси ойтаным", "issued": csl_date("2021")}
    >>> cite_paragraph(item, "kk", "https://e.org/x/02/#p1056", "29")
    'Саяси ойтаным. 2021. Б. 29. URL: https://e.org/x/02/#p1056'
    """
    text = reference({k: v for k, v in item.items() if k != "URL"}, language)
    if page:
        text += f" {PAGE_LABELS.get(language, 'Б.')} {page}."
    return f"{text} {URL_LABELS.get(language, 'URL')}: {permalink}"
