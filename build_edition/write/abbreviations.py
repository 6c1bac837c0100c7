"""The abbreviation tooltips of the site: one generated Markdown file that every page gets appended.

Material's way of a site-wide glossary: ``pymdownx.snippets`` appends ``content/_includes/abbreviations.md``
to every page (``auto_append`` in mkdocs.yml; MkDocs does not publish the folder, ``exclude_docs``) and
Python-Markdown's ``abbr`` extension turns each definition (``*[ҚР]: Қазақстан Республикасы``) into an
``<abbr title>`` wherever the word stands on the page, so any renderer that runs the project's
Markdown extensions shows the tooltips. The pages of content/ hold no definitions: editors never see
or merge them.

``abbr`` wraps whole words: ``ҚР`` in ``ҚР-да`` (the hyphen ends the word) takes the definition of
``ҚР``; a form with a glued suffix (``КСРОдағы``) needs a definition of its own. The file defines every
abbreviation of the glossary and every glued form that content/ uses; the merge with editors'
corrections writes it again from the merged pages (:func:`refresh`), so a form an editor writes gets
its tooltip on the next build.

One file serves every page, so a term's tooltip is the same in every document. Where a document
defines a term its own way, the tooltip still shows that document's expansion: after the glossary's
(curated first), the first expansion of each document that has its own is added (:func:`site_titles`).
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from build_edition.enrich.glossary import Glossary, abbreviation_tokens
from build_edition.text.alphabet import LOWER_ANY_SCRIPT as LOWER, UPPER_ANY_SCRIPT as UPPER

PAGE = "_includes/abbreviations.md"       # in content/; mkdocs.yml appends it to every page
LIMIT = 3                                 # expansions of a term a tooltip shows (Term.title)
_TERM = re.compile(r"^[^\]\n]+$")                # what an abbr definition can name (`KazISS` too: a whole word)
_FORM = re.compile(rf"^([{UPPER}]{{2,8}})[{LOWER}]+$")     # a run of capitals with a glued suffix
_DEFINITION = re.compile(r"^\*\[([^\]\n]+)\]: (.*)$", re.M)


def site_titles(glossary: Glossary, documents: Iterable[str]) -> dict[str, str]:
    """{abbreviation: tooltip} for the whole site.

    The glossary's tooltip (:meth:`Term.title`); when a document's own first expansion is not among
    the expansions it shows, that expansion is added, so no document's own reading is hidden.
    """
    documents = list(documents)
    out = {}
    for term in glossary.sorted_terms():
        if not term.definitions or not _TERM.match(term.term):
            continue
        common = term.expansions_for("")
        shown = common[:LIMIT]
        for document in documents:
            own = term.expansions_for(document)[0]
            if own not in shown:
                shown.append(own)
        out[term.term] = "; ".join(shown) + ("; …" if len(common) > len(shown) else "")
    return out


def abbreviations_markdown(titles: dict[str, str], texts: Iterable[str]) -> str:
    """The file's text: a definition of every term of ``titles`` and of every glued form ``texts`` use.

    >>> print(abbreviations_markdown({"ҚР": "Қазақстан Республикасы", "КСРО": "Кеңес Одағы"},
    ...                              ["КСРОдағы және ҚР-да", "КСРО-ның, КСРОны"]), end="")
    <BLANKLINE>
    *[КСРО]: Кеңес Одағы
    <BLANKLINE>
    *[КСРОдағы]: Кеңес Одағы
    <BLANKLINE>
    *[КСРОны]: Кеңес Одағы
    <BLANKLINE>
    *[ҚР]: Қазақстан Республикасы
    """
    needed = {term: title for term, title in titles.items() if _TERM.match(term)}
    for text in texts:
        for m in abbreviation_tokens(text):
            term, tail = m.group(1), m.group(2)
            if term in needed and tail and not tail.startswith("-"):
                needed[term + tail] = needed[term]
    # one block each (Python-Markdown tries every block processor on a block again after each definition
    # it takes out of it: one block of them all cost 3 s of CPU per interface language on the seeds)
    return "".join(f"\n*[{word}]: {' '.join(needed[word].split())}\n" for word in sorted(needed))


def refresh(text: str, pages: Iterable[str]) -> str:
    """The file ``text`` again with the glued forms of ``pages`` (the terms it defines stay as they are).

    >>> refresh(abbreviations_markdown({"ҚР": "Қазақстан Республикасы", "KazISS": "институт"}, ["ҚРдағы"]), ["ҚРда"])
    '\\n*[KazISS]: институт\\n\\n*[ҚР]: Қазақстан Республикасы\\n\\n*[ҚРда]: Қазақстан Республикасы\\n'
    """
    defined = {m.group(1): m.group(2) for m in _DEFINITION.finditer(text)}
    titles = {word: title for word, title in defined.items()
              if not ((form := _FORM.match(word)) and defined.get(form.group(1)) == title)}
    return abbreviations_markdown(titles, pages)
