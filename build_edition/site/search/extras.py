"""What the search knows besides the paragraphs: names, synonyms in other languages, the vocabulary.

Three small files next to the rules file, written at build time from the curated data and the
records, read by ``kk-search.js``:

* ``kk-search-names.json`` (fetched with the rules, a few KB):
  ``synonyms``: ``[alias tokens, term as printed, term tokens]`` from ``content/data/glossary.yml``
  (a term's ``aliases``, ``ru`` and ``en``: `ОБСЕ`, `OSCE`, `Организация Объединённых Наций`),
  and from the entities' ``aliases``; the browser searches for the term as well and says
  "ОБСЕ → ЕҚЫҰ". ``names``: ``[variant tokens, name, kind, description, url]`` of the index of
  names: a query that is a name shows its entry first (`Абай` → Абай Құнанбайұлы — тұлға).
  ``documents``: ``{slug: [short title, kind]}`` from the catalogue (``documents_ru``,
  ``documents_en``: in the other interfaces), and ``pages``: the document of
  every Pagefind page (:func:`page_groups`), for the counts per document and the filters by
  document and kind; ``titles``: the page and document titles of every page with records
  (:func:`page_titles`).
* ``words/<first letter>.json`` (fetched for a query's words of 5+ letters): ``{token: [count,
  word]}`` for every search token of 5+ letters starting with that letter, with its written form,
  for the one-edit typo tolerance of a word the index lacks (`Тоқайев` → Тоқаев).

The tokens are the normaliser's (:mod:`build_edition.site.search.normaliser`), so the browser
compares them with the query's own tokens.
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

import yaml

from build_edition.site.search.normaliser import fold, normalise_text, tokenize

NAMES_URL = "assets/search/kk-search-names.json"
WORDS_DIR = "assets/search/words"   # <hex code of the token's first letter>.json
MIN_TYPO_WORD = 5
KIND_LABELS = {"person": "тұлға", "organisation": "ұйым", "place": "жер атауы"}
DOCUMENT_KINDS = {"book": "кітап", "newspaper": "газет", "interview": "сұхбат", "article": "мақала",
                  "web page": "веб-бет"}
# the kinds in the Russian and English interfaces (the catalogue's translations give the titles)
DOCUMENT_KINDS_IN = {
    "ru": {"book": "книга", "newspaper": "газета", "interview": "интервью", "article": "статья",
           "web page": "веб-страница"},
    "en": {"book": "book", "newspaper": "newspaper", "interview": "interview", "article": "article",
           "web page": "web page"},
}


def _load(path: Path, key: str) -> list[dict]:
    if not path.is_file():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [r for r in data.get(key) or [] if isinstance(r, dict)]


def _aliases(record: dict) -> list[str]:
    aliases = record.get("aliases") or []
    return [str(a) for a in (aliases if isinstance(aliases, list) else [aliases])]


def synonyms(content: Path) -> list[list]:
    """``[alias tokens, term, term tokens]`` for the glossary's and the index of names' aliases."""
    out, seen = [], set()

    def add(alias: str, term: str) -> None:
        alias_tokens, term_tokens = normalise_text(alias), normalise_text(term)
        key = tuple(alias_tokens)
        if alias_tokens and term_tokens and alias_tokens != term_tokens and key not in seen:
            seen.add(key)
            out.append([alias_tokens, term, term_tokens])

    for record in _load(content / "data" / "glossary.yml", "terms"):
        term = str(record.get("term", "")).strip()
        for alias in _aliases(record) + [str(record.get(k) or "") for k in ("ru", "en")]:
            if alias.strip() and term:
                add(alias.strip(), term)
    for record in _load(content / "data" / "entities.yml", "entities"):
        for alias in _aliases(record):
            add(alias.strip(), str(record.get("name", "")).strip())
    return out


def names(content: Path, built: set[str]) -> list[list]:
    """``[variant tokens, name, kind, description, url]`` for every entity with a page (``built``: the
    addresses of the site's pages)."""
    out = []
    for record in _load(content / "data" / "entities.yml", "entities"):
        ident, name = str(record.get("id", "")), " ".join(str(record.get("name", "")).split())
        if f"entities/{ident}/" not in built:
            continue
        kind = KIND_LABELS.get(str(record.get("type", "")), "")
        description = " ".join(str(record.get("description") or "").split())
        for variant in [name] + [str(v) for v in record.get("variants") or []]:
            tokens = normalise_text(variant)
            if tokens:
                out.append([tokens, name, kind, description, f"entities/{ident}/"])
    return out


def documents(catalog: Path, language: str | None = None) -> dict[str, list[str]]:
    """``{slug: [short title, kind]}`` of the catalogue: the search's filters by document and kind,
    in Kazakh or, with ``language``, in that interface's language (the catalogue's translations;
    a title without one stays Kazakh)."""
    kinds = DOCUMENT_KINDS_IN.get(language or "", DOCUMENT_KINDS)
    out = {}
    for r in _load(catalog, "documents"):
        if not r.get("slug"):
            continue
        translated = ((r.get("translations") or {}).get(language) or {}) if language else {}
        title = translated.get("short_title") or translated.get("title") or r.get("short_title") or r.get("title")
        out[str(r["slug"])] = [str(title or r["slug"]), kinds.get(str(r.get("kind", "")), str(r.get("kind", "")))]
    return out


def vocabulary(texts: list[str]) -> dict[str, list]:
    """``{token: [count, written form]}`` for the tokens of 5+ letters of ``texts``; the written
    form is the most frequent uninflected one (whose search form is itself folded), else the most
    frequent.

    >>> vocabulary(["Тоқаев пен Тоқаевтың, Тоқаевқа", "ел"])
    {'токаев': [3, 'Тоқаев']}
    """
    counts: Counter = Counter()
    forms: dict[str, Counter] = defaultdict(Counter)
    for text in texts:
        for word, token in zip(tokenize(text), normalise_text(text)):
            if len(token) >= MIN_TYPO_WORD and not token.isdigit():
                counts[token] += 1
                forms[token][word] += 1
    return {token: [counts[token], max(forms[token].items(),
                                       key=lambda kv: (fold(kv[0]) == token, kv[1], kv[0]))[0]]
            for token in sorted(counts)}


def shards(words: dict[str, list]) -> dict[str, dict[str, list]]:
    """The vocabulary split by the first letter of the token: a query fetches only its words' shards
    (so a typo in the first letter is not tolerated)."""
    out: dict[str, dict[str, list]] = defaultdict(dict)
    for token, entry in words.items():
        out[token[0]][token] = entry
    return dict(out)


def page_groups(pages: dict[str, str]) -> dict:
    """Which document each Pagefind page (one paragraph) belongs to, small: the page ids of every
    document but the one with the most pages, which is ``default``.

    >>> page_groups({"kk_b": "book", "kk_a": "book", "kk_c": "news"})
    {'default': 'book', 'others': {'news': 'kk_c'}}
    """
    by_document: dict[str, list[str]] = defaultdict(list)
    for page, slug in sorted(pages.items()):
        by_document[slug].append(page)
    if not by_document:
        return {"default": "", "others": {}}
    default = max(sorted(by_document), key=lambda slug: len(by_document[slug]))
    return {"default": default, "others": {slug: " ".join(ids) for slug, ids in sorted(by_document.items())
                                           if slug != default}}


def page_titles(titles: dict[str, list[str]]) -> dict:
    """``{"pages": {page: [title, document number]}, "documents": [document title…]}``: the titles a
    result shows, by page (the search records do not carry them, see index._record_html).

    >>> page_titles({"a/1/": ["Bir", "A"], "a/2/": ["Eki", "A"], "b/": ["B", "B"]})
    {'pages': {'a/1/': ['Bir', 0], 'a/2/': ['Eki', 0], 'b/': ['B', 1]}, 'documents': ['A', 'B']}
    """
    documents_seen: dict[str, int] = {}
    pages = {}
    for page, (title, document) in titles.items():
        pages[page] = [title, documents_seen.setdefault(document, len(documents_seen))]
    return {"pages": pages, "documents": list(documents_seen)}


def extras_files(content: Path | None, texts: list[str], built: set[str], pages: dict[str, str] | None = None,
                 titles: dict[str, list[str]] | None = None) -> dict[str, bytes]:
    """The names file and the vocabulary shards, ``{path from the site root: bytes}``. ``built``: the
    addresses of the site's pages; ``pages``: ``{Pagefind page id: document slug}``
    (:func:`index.page_documents`); ``titles``: ``{page address: [page title, document title]}``."""
    data = {"synonyms": synonyms(content) if content else [], "names": names(content, built) if content else [],
            "documents": documents(content.parent / "seeds" / "catalog.yml") if content else {},
            **{f"documents_{language}": documents(content.parent / "seeds" / "catalog.yml", language) if content else {}
               for language in DOCUMENT_KINDS_IN},
            "pages": page_groups(pages or {}), "titles": page_titles(titles or {})}
    files = {NAMES_URL: data}
    for letter, part in shards(vocabulary(texts)).items():
        files[f"{WORDS_DIR}/{ord(letter):x}.json"] = part
    return {url: json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            for url, payload in files.items()}
