"""The index of names: persons, organisations and places, found in the text with their Kazakh endings.

Editors curate the list in ``content/data/entities.yml`` (id, name, type, real name variants,
a short description). Only spellings of the name are variants (`Тоқаев`, `Қасым-Жомарт Тоқаев`,
`Қ.К. Тоқаев`); a title such as `Мемлекет басшысы` is not, because it names an office.

A variant matches in the text in any case form of its last word: Kazakh adds the ending to the
last word of a name only (`Қасым-Жомарт Тоқаевтың`, `Ассамблеясының`); the forms are those of
:func:`build_edition.text.names.name_forms`.

>>> matcher = EntityMatcher([Entity("toqaev", "Қасым-Жомарт Тоқаев", "person", ["Қасым-Жомарт Тоқаев", "Тоқаев"]),
...                          Entity("astana", "Астана", "place", ["Астана"])])
>>> text = "Қасым-Жомарт Тоқаевтың сөзі. Тоқаевқа хат келді, елдің астанасы – Астанада."
>>> [(text[m.start:m.end], m.entity) for m in matcher.find(text)]
[('Қасым-Жомарт Тоқаевтың', 'toqaev'), ('Тоқаевқа', 'toqaev'), ('Астанада', 'astana')]
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Iterable

from build_edition.store.datafiles import read_records
from build_edition.text.names import name_forms
from build_edition.core.errors import EditionError
from build_edition.text.alphabet import CYRILLIC_LOWER_KK, CYRILLIC_UPPER_KK, LETTERS_ANY_SCRIPT, UPPER_ANY_SCRIPT

ENTITIES_FILE = "entities.yml"
ENTITY_DIR = "entities"            # content/entities/<id>.md, content/entities/<type>.md
TYPES = ("person", "organisation", "place")
TYPE_LABELS = {"person": "Тұлғалар", "organisation": "Ұйымдар", "place": "Жер атаулары"}
TYPE_LABELS_ONE = {"person": "тұлға", "organisation": "ұйым", "place": "жер атауы"}
# aliases: the name in other languages or scripts (Токаев, Tokayev), search synonyms only (build_edition/site/search)
FIELDS = {"id": str, "name": str, "type": str, "variants": list, "description": str, "aliases": list}
ID = re.compile(r"^[a-z][a-z0-9-]{0,60}$")
RESERVED_IDS = {"index", "persons", "organisations", "places"}    # the index pages in content/entities/

LETTERS = LETTERS_ANY_SCRIPT

# A person's name before one of these head nouns names a place or an institution after the person
# (`Абай облысы`, `Әл-Фараби атындағы Қазақ ұлттық университеті`, `Алтынбек Сәрсенбайұлы қорының`,
# `Абай көшесі`, `Абай атындағы сыйлық`): the head noun in its possessive form, any ending after it.
_HEAD_STEMS = ("облыс|аудан|даңғыл|ауыл|университет|институт|стадион|орталығ|театр|алаң|мұражай|музей|"
               "медал|мектеб|сыйлығ|бульвар|көше|академия|кітапхана|қала")
_HEAD_NOUN = (rf"(?:(?:{_HEAD_STEMS})(?:ы|і|сы|сі)|ордені|атында|қоры(?:ның|на|нда|нан|н)?(?![{LETTERS}]))")
_HEAD_NOUN_PLURAL = rf"(?:{_HEAD_STEMS})(?:тар|тер|дар|дер|лар|лер)"
_CAPITALISED = rf"[{UPPER_ANY_SCRIPT}][{LETTERS}]*(?:-[{LETTERS}]+)*"
_AND = r"(?:,\s*|\s+(?:және|мен|бен|пен|я|немесе)\s+)"
_QUOTE_OR_SPACE = r"[\s«»\"“”]+"
# ... also where the name stands in a list of such names before a plural head (`Абай, Жетісу және
# Ұлытау облыстары`; not `Әлихан Бәйменов, Павлодар облысының әкімі`), or in a list after its head
# noun (`үш облыста – Абай, Жетісу және Ұлытауда`)
_NAMED_AFTER = re.compile(rf"{_QUOTE_OR_SPACE}{_HEAD_NOUN}|(?:{_AND}{_CAPITALISED})+{_QUOTE_OR_SPACE}{_HEAD_NOUN_PLURAL}")
_LIST_AFTER_HEAD = re.compile(rf"(?:(?:облыс|аудан|өңір)[{LETTERS}]*|қала(?:лар|ларда|да|сында)?)\s*[–—:]\s*(?:{_CAPITALISED}{_AND})*$")
# a word that may end a name: letters, with inner hyphens (`Қасым-Жомарт`)
_WORD = re.compile(rf"(?<![{LETTERS}\d])[{LETTERS}]+(?:-[{LETTERS}]+)*(?![{LETTERS}\d])")


@dataclass
class Entity:
    id: str
    name: str
    type: str
    variants: list[str] = field(default_factory=list)
    description: str = ""
    line: int = 0

    def all_variants(self) -> list[str]:
        seen, out = set(), []
        for v in [self.name] + list(self.variants):
            v = " ".join(v.split())
            if v and v not in seen:
                seen.add(v)
                out.append(v)
        return out


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    entity: str
    variant: str




def load_entities(text: str, file: str = "content/data/entities.yml") -> list[Entity]:
    """The curated entities of a data file (EditionError with the line on a mistake)."""
    entities, seen = [], {}
    for record in read_records(text, file, "entities", FIELDS, ("id", "name", "type")):
        line = record["__line__"]
        ident, kind = record["id"].strip(), record["type"].strip()
        if not ID.match(ident):
            raise EditionError(f"the id '{ident}' is not a plain lowercase Latin name", file=file, line=line,
                               hint="use lowercase Latin letters, digits and '-', e.g. 'toqaev' (it becomes the URL)")
        if ident in RESERVED_IDS:
            raise EditionError(f"the id '{ident}' is the name of an index page", file=file, line=line,
                               hint="choose another id (" + ", ".join(sorted(RESERVED_IDS)) + " are taken)")
        if ident in seen:
            raise EditionError(f"the id '{ident}' is used twice (also on line {seen[ident]})", file=file, line=line,
                               hint="give every entity its own id")
        if kind not in TYPES:
            raise EditionError(f"unknown type '{kind}'", file=file, line=line, hint="type is one of: " + ", ".join(TYPES))
        seen[ident] = line
        for variant in [record["name"]] + list(record.get("variants", [])):
            if variant.strip() and not variant.strip()[0].isupper():
                raise EditionError(f"the variant '{variant}' does not start with a capital letter", file=file,
                                   line=line, hint="names are matched as written: write the name with its capital")
        entities.append(Entity(ident, " ".join(record["name"].split()), kind,
                               [" ".join(v.split()) for v in record.get("variants", []) if v.strip()],
                               record.get("description", "").strip(), line))
    owner: dict[str, str] = {}
    for entity in entities:
        for variant in entity.all_variants():
            if variant in owner and owner[variant] != entity.id:
                raise EditionError(f"the variant '{variant}' belongs to two entities ({owner[variant]}, {entity.id})",
                                   file=file, line=entity.line, hint="a spelling may name one entity only")
            owner[variant] = entity.id
    return entities


def read_entities_file(path: Path | None) -> list[Entity]:
    if path is None or not path.is_file():
        return []
    return load_entities(path.read_text(encoding="utf-8"), str(path))


class EntityMatcher:
    """Finds mentions of the entities in text: a variant with any accepted ending on its last word.

    Only capitalised words are looked up: a one-word variant by its forms, a variant of several
    words by its first word (the rest must follow, the last word in any accepted form), and a
    variant with initials (`Қ.К. Тоқаев`) by the forms of its surname, the initials before it.
    Where variants overlap, the longest wins (`Қасым-Жомарт Тоқаевтың`, not `Тоқаевтың`).
    """

    def __init__(self, entities: Iterable[Entity]):
        self.entities = {e.id: e for e in entities}
        self.by_form: dict[str, list[tuple[str, str]]] = {}            # one word: form -> (entity, variant)
        self.by_first: dict[str, list[tuple[re.Pattern, str, str, str]]] = {}   # first word -> (rest, last, ...)
        self.by_surname: dict[str, list[tuple[re.Pattern, str, str]]] = {}      # surname form -> (initials, ...)
        for entity in self.entities.values():
            for variant in entity.all_variants():
                words = variant.split()
                if len(words) == 1:
                    for form in name_forms(words[0]):
                        self.by_form.setdefault(form, []).append((entity.id, variant))
                elif words[0].endswith("."):
                    initials = r"\s*".join(re.escape(w) for w in words[:-1])
                    pattern = re.compile(rf"(?<![{LETTERS}.]){initials}\s*$")
                    for form in name_forms(words[-1]):
                        self.by_surname.setdefault(form, []).append((pattern, entity.id, variant))
                else:
                    rest = "".join(r"\s+" + re.escape(w) for w in words[1:-1])
                    pattern = re.compile(rf"{rest}\s+([{LETTERS}]+(?:-[{LETTERS}]+)*)(?![{LETTERS}\d])")
                    self.by_first.setdefault(words[0], []).append((pattern, words[-1], entity.id, variant))
        for table in (self.by_first,):
            for candidates in table.values():
                candidates.sort(key=lambda c: (-len(c[3]), c[2], c[3]))
        keys = set(self.by_form) | set(self.by_first) | set(self.by_surname)
        initials = "".join(sorted({re.escape(k[0]) for k in keys}))
        self._word = re.compile(rf"(?<![{LETTERS}\d])[{initials}][{LETTERS}]*(?:-[{LETTERS}]+)*(?![{LETTERS}\d])"
                                if initials else r"(?!x)x")

    def _at(self, text: str, m: re.Match) -> Mention | None:
        """The longest mention that starts at (or, with initials, ends in) the word ``m``."""
        word = m.group(0)
        for pattern, last, entity, variant in self.by_first.get(word, ()):
            f = pattern.match(text, m.end())
            if f and f.group(1) in name_forms(last):
                return Mention(m.start(), f.end(), entity, variant)
        for pattern, entity, variant in self.by_surname.get(word, ()):
            p = pattern.search(text, max(0, m.start() - 20), m.start())
            if p:
                return Mention(p.start(), m.end(), entity, variant)
        for entity, variant in self.by_form.get(word, ())[:1]:
            return Mention(m.start(), m.end(), entity, variant)
        return None

    def find(self, text: str) -> list[Mention]:
        mentions: list[Mention] = []
        for m in self._word.finditer(text):
            if mentions and m.start() < mentions[-1].end:
                continue                      # inside a longer mention (`Қасым-Жомарт Тоқаев`)
            mention = self._at(text, m)
            if mention is None:
                continue
            while mentions and mention.start < mentions[-1].end:
                mentions.pop()                # initials before a surname cover an earlier match
            mentions.append(mention)
        return [m for m in mentions if not self.named_after(text, m)]

    def named_after(self, text: str, mention: Mention) -> bool:
        """Whether a person's name names something else here: a region, a street, a prize, an
        institution named after the person (`Абай облысында`, `Әл-Фараби атындағы`). Such a mention
        is left out; where the index has the place or institution itself (`Абай облысы`), its longer
        variant has already won.

        >>> matcher = EntityMatcher([Entity("abai", "Абай Құнанбайұлы", "person", ["Абай"])])
        >>> [text for text in ("Абай облысы ауыл шаруашылығы мен пайдалы қазбалар арқылы дамиды.",
        ...                    "үш облыста – Абай, Жетісу және Ұлытауда – біртіндеп оң өзгерістер бар",
        ...                    "Шоқан мен Абайды қорлады", "Бұл театр – Абай, Қозы Көрпеш, Еңлік-Кебек сахналанған")
        ...  if matcher.find(text)]
        ['Шоқан мен Абайды қорлады', 'Бұл театр – Абай, Қозы Көрпеш, Еңлік-Кебек сахналанған']
        """
        if self.entities[mention.entity].type != "person":
            return False
        return bool(_NAMED_AFTER.match(text, mention.end) or _LIST_AFTER_HEAD.search(text, 0, mention.start))


# -- seeding the list from the corpus -------------------------------------------------------------

def candidate_names(texts: Iterable[str], min_count: int = 3) -> list[tuple[str, int]]:
    """Capitalised words that are not sentence starts, grouped by name (case endings stripped), with counts.

    A word counts only inside a sentence (after a lowercase word or a comma), where a capital
    means a name; the form is reduced to the shortest capitalised stem whose accepted forms
    include it and that the corpus also writes alone (`Назарбаевтың` → `Назарбаев`).
    """
    counts: Counter = Counter()
    capitalised = re.compile(rf"(?<=[{LETTERS},;]\s)([{CYRILLIC_UPPER_KK}][{CYRILLIC_LOWER_KK}]+(?:-[{CYRILLIC_UPPER_KK}][{CYRILLIC_LOWER_KK}]+)?)"
                             rf"(?![{LETTERS}])")
    for text in texts:
        counts.update(m.group(1) for m in capitalised.finditer(text))
    stems: Counter = Counter()
    for word, n in counts.items():
        stem = word
        for k in range(3, len(word)):
            if counts.get(word[:k]) and word in name_forms(word[:k]):
                stem = word[:k]
                break
        stems[stem] += n
    return sorted(((s, n) for s, n in stems.items() if n >= min_count), key=lambda x: (-x[1], x[0]))


def person_candidates(texts: Iterable[str], min_count: int = 2) -> list[tuple[str, int]]:
    """Names of persons that ``airlock-pii`` finds (a given name with a surname), with counts.

    Its spans keep Kazakh endings on the last word (`Петр Своиктің`); they are stripped here with
    the accepted forms. Its false hits on party names (`«Азат»`) are left to the curator.
    """
    from airlock_pii import detect

    counts: Counter = Counter()
    for text in texts:
        for entity in detect(text, types=["PERSON"]):
            span = " ".join(text[entity.start:entity.end].split())
            if " " not in span:
                continue
            head, _, last = span.rpartition(" ")
            for k in range(3, len(last) + 1):
                if last.endswith(("ұлы", "қызы", "улы", "кызы")):
                    break                  # a patronymic, not a possessive ending
                if last in name_forms(last[:k]):
                    last = last[:k]
                    break
            counts[f"{head} {last}"] += 1
    return sorted(((s, n) for s, n in counts.items() if n >= min_count), key=lambda x: (-x[1], x[0]))


_MATCHERS: dict[tuple[str, float], EntityMatcher] = {}


def matcher_for_file(path: Path | None) -> EntityMatcher:
    """The matcher of an entities file, built once per file version (every document shares it)."""
    key = (str(path), path.stat().st_mtime if path is not None and path.is_file() else 0.0)
    if key not in _MATCHERS:
        _MATCHERS.clear()
        _MATCHERS[key] = EntityMatcher(read_entities_file(path))
    return _MATCHERS[key]
