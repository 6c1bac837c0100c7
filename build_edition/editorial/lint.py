"""The edition linter: `build-edition lint [paths]` checks content/ the way an editor's pull request needs.

Every finding is ``file:line: level: <Kazakh> — <English> [code]``. Errors (exit status 1) break the
site or the merge: duplicated paragraph ids, broken footnote references, broken cross-links, invalid
front matter or data files, unresolved merge conflicts. Warnings (exit status 0) point at text an
editor should look at: leftover extraction artifacts, unknown abbreviations, suspicious words,
unbalanced « » quotes or brackets, paragraphs without an id, generated paragraphs that were deleted.
Warnings of one kind are capped per file (``--all`` shows every one) so a long page does not drown
its editor; CONTRIBUTING.md explains each code.

The checks against the Kazakh dictionary, corpus and glossary (rare and suspicious words, abbreviations)
read Kazakh text only: not the Russian and English interface pages (``*.ru.md``, ``*.en.md``) nor
blocks marked ``lang="ru"``/``lang="en"`` (abstracts, the publisher's pages) nor Russian passages inside
a Kazakh block (``<span lang="ru">``), which also stay out of the corpus. A translated page repeats the
ids of its Kazakh page, so ids are unique per document and language.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

from build_edition.store.page_format import CHANGES_PAGE
from build_edition.text.markdown import plain_text
from build_edition.core.errors import EditionError
from build_edition.evidence.lexicon import CYRILLIC_WORD, Lexicon
from build_edition.editorial.merge import CONFLICT_CLASS
from build_edition.store.page_format import BASE, STORE, TITLE, front_matter_data, parse_page, read_tree
from build_edition.store.translations import LANGUAGES as TRANSLATION_LANGUAGES
from build_edition.write.scripts import SCRIPTS, script_files
from build_edition.text.alphabet import CYRILLIC_LOWER_KK as LOWER, CYRILLIC_UPPER_KK as UPPER

ERROR, WARNING = "error", "warning"
DEFAULT_CAP = 10

ABBREVIATION = re.compile(rf"(?<![\w-])([{UPPER}][{UPPER}]{{1,5}})(?![{UPPER}{LOWER}A-Za-z])")
ROMAN = re.compile(r"^[IVXІХ]+$")

LINK = re.compile(r"(?<!\\)!?\[((?:\\.|[^\]\\\n])*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HTML_LINK = re.compile(r"""\b(?:href|src)\s*=\s*["']([^"']+)["']""")
FOOTNOTE_REF = re.compile(r"(?<!\\)\[\^([^\]\s]+)\](?!:)")
FOOTNOTE_DEF = re.compile(r"^\[\^([^\]\s]+)\]:", re.M)
ATTR_IDS = re.compile(r"(?<!\\)\{:?[^{}\n]*?#([A-Za-z][\w.:-]*)[^{}\n]*\}")
HTML_IDS = re.compile(r"""\bid\s*=\s*["']([^"']+)["']""")
HTML_TAG = re.compile(r"</?[A-Za-z][^<>\n]*>")         # a landing page's own <dl><dt>…</dt><dd>…</dd> list
# chunks of the enrichment layer that quote damaged seed text (build_edition.write.enrichment)
GENERATED_NOTES = re.compile(r"#(?:apparatus-|note-u-)")
CONFLICT_MARKER = re.compile(r"^(<{7}|={7}|>{7})(?: |$)", re.M)
TRANSLATED_PAGE = re.compile(rf"\.({'|'.join(TRANSLATION_LANGUAGES)})\.md$")    # mkdocs-static-i18n suffix
FOREIGN_BLOCK = re.compile(r'\blang\s*=\s*["\']?(?!kk\b)[A-Za-z]')              # a block in another language
FOREIGN_SPAN = re.compile(r'<span lang="(?!kk")[a-z]{2,3}">.*?</span>', re.S)    # a passage in another language

# Residue of extraction damage: the classes of build_edition.evidence.residue, explained for editors.
RESIDUE_MESSAGES = {
    "replacement": ("ауыстыру белгісі � қалған (әріп танылмаған, көбіне ө не ә)",
                    "a replacement character � is left (an unread letter, usually ө or ә)"),
    "glyph": ("сөз ішінде белгі тұр (бұзылған әріп, мысалы к!рсетуге = көрсетуге)",
              "a sign inside a word (a damaged letter, e.g. к!рсетуге = көрсетуге)"),
    "digit": ("сөзге цифр жабысқан (мысалы 9йткені = Өйткені)", "a digit glued to a word (e.g. 9йткені = Өйткені)"),
    "soft_hyphen": ("сөз ішінде ¬ не жасырын тасымалдау белгісі қалған", "a stray ¬ or soft hyphen inside a word"),
    "mojibake": ("кодировкасы бұзылған әріптер (ÌÅÌËÅÊÅÒ сияқты)", "letters with broken encoding (like ÌÅÌËÅÊÅÒ)"),
    "mixed_script": ("бір сөзде кирилл мен латын әріптері аралас (Kазаk)",
                     "Cyrillic and Latin look-alike letters mixed in one word (Kазаk)"),
    "split": ("бір сөз екіге бөлініп қалған болуы мүмкін (бо ла = бола)",
              "one word may be split in two (бо ла = бола)"),
}
# Residue that must never be published: an unread letter, a sign inside a word, broken encoding.
RESIDUE_ERRORS = frozenset({"replacement", "glyph", "mojibake"})
# Generated sections of a text page (the apparatus, footnotes, uncertain-reading notes): deleting one is an
# error, not an editor's choice; see also build_edition.enrichment_writer
GENERATED_SECTION = re.compile(r"^(?:apparatus-|note-)")
PAIRS = (("«", "»"), ("(", ")"), ("[", "]"))
ENUMERATION_MARKER = re.compile(r"(?:^|[\s;:,])[^\W_]{1,3}\)$")


@dataclass(frozen=True, order=True)
class Finding:
    file: str
    line: int
    level: str
    code: str
    kk: str
    en: str
    anchor: str = ""       # the paragraph id, and the word or sign found: what a baseline entry names
    item: str = ""

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.level}: {self.kk} — {self.en} [{self.code}]"


class Linter:
    def __init__(self, content: Path, cap: int | None = DEFAULT_CAP):
        self.content = content.resolve()
        self.cap = cap
        self.files = read_tree(self.content)
        self.base = read_tree(self.content / BASE, skip_store=False) if (self.content / BASE).is_dir() else {}
        self.pages = {rel: parse_page(text) for rel, text in self.files.items() if rel.endswith(".md")}
        self.findings: list[Finding] = []
        self._corpus: Counter | None = None
        self._lower_forms: set[str] | None = None
        self._defined: set[str] | None = None
        self._anchors: dict[str, set[str]] = {}
        self._generated: dict[str, set[str]] = {}
        self._title_forms: set[str] = set()

    # -- helpers -------------------------------------------------------------------------------
    def add(self, rel: str, line: int, level: str, code: str, kk: str, en: str, anchor: str = "",
            item: str = "") -> None:
        self.findings.append(Finding(self.display(rel), line, level, code, kk, en, anchor, item))

    def display(self, rel: str) -> str:
        path = self.content / rel
        try:
            return path.relative_to(Path.cwd().resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    def text_chunks(self, rel: str, kazakh_only: bool = False):
        """(line, plain text, chunk) of every chunk of a page whose text a reader sees; with ``kazakh_only``,
        of the chunks in Kazakh (not a translated page, not a block marked with another ``lang``)."""
        if kazakh_only and TRANSLATED_PAGE.search(rel):
            return
        generated = self.generated_chunks(rel)
        for chunk in self.pages[rel].chunks:
            if GENERATED_NOTES.search(chunk.attrs) or GENERATED_NOTES.match("#" + chunk.key):
                continue       # the apparatus and uncertain-reading notes quote the damaged seed on purpose
            if chunk.raw in generated:
                continue       # a derived page's own text (snippets, titles, counts): checked where it comes from
            if kazakh_only and not is_kazakh(chunk):
                continue
            raw = FOREIGN_SPAN.sub(" ", chunk.raw) if kazakh_only else chunk.raw
            yield chunk.line, HTML_TAG.sub(" ", plain_text(raw)), chunk

    def generated_chunks(self, rel: str) -> set[str]:
        """The chunks of a derived page (not a text page of a document: landing pages, glossary, index of
        names, changes) as the pipeline generated them: the text checks skip them, not what editors add."""
        page = self.pages[rel]
        if rel in self._generated:
            return self._generated[rel]
        found: set[str] = set()
        if rel in self.base and not is_text_page(page):
            found = {c.raw for c in parse_page(self.base[rel]).chunks}
        self._generated[rel] = found
        return found

    def corpus(self) -> Counter:
        """Lowercased word frequencies over every page of content/ (the editors' corpus)."""
        if self._corpus is None:
            counts: Counter = Counter()
            lower: set[str] = set()
            for rel in self.pages:
                if rel == CHANGES_PAGE:
                    continue
                for _, text, _ in self.text_chunks(rel, kazakh_only=True):
                    words = CYRILLIC_WORD.findall(text)
                    counts.update(w.lower() for w in words)
                    lower.update(w for w in words if w.islower())
                    self._title_forms.update(w for w in words if w[:1].isupper() and w[1:].islower())
            self._corpus, self._lower_forms = counts, lower
        return self._corpus

    # -- the checks ----------------------------------------------------------------------------
    def run(self, targets: list[str]) -> list[Finding]:
        ids_by_doc = self.check_ids()
        for rel in targets:
            if rel.endswith((".yml", ".yaml")):
                self.check_yaml(rel)
            if rel in SCRIPTS:
                self.check_script(rel)
            if rel not in self.pages:
                continue
            self.check_front(rel)
            self.check_conflicts(rel)
            self.check_footnotes(rel)
            self.check_links(rel)
            if rel != CHANGES_PAGE:
                self.check_residue(rel)
                self.check_balance(rel)
                self.check_abbreviations(rel)
                self.check_words(rel)
        wanted = {self.display(t) for t in targets}
        found = [f for f in self.findings + ids_by_doc if f.file in wanted]
        return sorted(set(found))

    def check_yaml(self, rel: str) -> None:
        try:
            yaml.safe_load(self.files[rel])
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            self.add(rel, (mark.line + 1) if mark else 1, ERROR, "yaml",
                     "YAML файлы оқылмайды (тырнақшаларды, шегіністерді тексеріңіз)",
                     "the YAML file cannot be read (check quotes and indentation)")

    def check_script(self, rel: str) -> None:
        """A transliteration script is what the pipeline writes from its data file (write/scripts.py)."""
        if self.files[rel] != script_files()[rel]:
            self.add(rel, 1, ERROR, "script", f"скрипт {SCRIPTS[rel][1].name} кестесінен жазылатындай емес: оны "
                     "қолмен өзгертпеңіз, `build-edition build` қайта жазады",
                     f"the script is not what its table {SCRIPTS[rel][1].name} gives: do not edit it by hand, "
                     "`build-edition build` writes it again")

    def check_front(self, rel: str) -> None:
        page = self.pages[rel]
        if not page.front:
            return
        try:
            data = front_matter_data(page.front)
            ok = isinstance(data, dict) or data is None
        except yaml.YAMLError:
            ok = False
        if not ok:
            self.add(rel, 1, ERROR, "front-matter",
                     "беттің басындағы --- аралығындағы мәліметтер (front matter) бұзылған",
                     "the front matter between the --- lines is not valid YAML")

    def check_conflicts(self, rel: str) -> None:
        text = self.files[rel]
        for m in CONFLICT_MARKER.finditer(text):
            self.add(rel, text.count("\n", 0, m.start()) + 1, ERROR, "conflict",
                     "шешілмеген қақтығыс белгісі (<<<<<<< ======= >>>>>>>): бір нұсқаны қалдырып, белгілерді өшіріңіз",
                     "an unresolved conflict marker: keep one version and delete the markers")
        for chunk in self.pages[rel].chunks:
            if CONFLICT_CLASS in chunk.attrs:
                self.add(rel, chunk.line, ERROR, "conflict",
                         "шешілмеген қақтығыс: алдыңғы абзац пен осы ескертпедегі жаңа нұсқаны салыстырып, "
                         "біреуін қалдырыңыз, ескертпені өшіріңіз",
                         "unresolved conflict: compare the paragraph above with the new output in this note, "
                         "keep one, then delete the note")

    def check_ids(self) -> list[Finding]:
        """Duplicated ids (error), deleted generated sections (error), paragraphs an editor added without
        an id, deleted and moved generated paragraphs (warnings)."""
        found_before = len(self.findings)
        ids_in_doc: dict[tuple[str, str], dict[str, tuple[str, int]]] = defaultdict(dict)
        keys_in_doc: dict[tuple[str, str], dict[str, tuple[str, int]]] = defaultdict(dict)
        for rel in sorted(self.pages):
            page = self.pages[rel]
            doc = id_scope(rel)
            has_ids = any(c.key not in ("", TITLE) for c in page.chunks)
            base_raws = {c.raw for c in parse_page(self.base[rel]).chunks} if rel in self.base else None
            for chunk in page.chunks:
                if chunk.key and chunk.key != TITLE:
                    keys_in_doc[doc].setdefault(chunk.key, (rel, chunk.line))   # footnotes are keyed by label
                for ident in ATTR_IDS.findall(chunk.raw):
                    seen = ids_in_doc[doc].get(ident)
                    if seen:
                        self.add(rel, chunk.line, ERROR, "duplicate-id",
                                 f"#{ident} идентификаторы қайталанады ({self.display(seen[0])}:{seen[1]} жолында да бар): "
                                 "бөлінген не көшірілген абзацқа жаңа id беріңіз (мысалы #{ident}-1)",
                                 f"the id #{ident} is used twice (also at {self.display(seen[0])}:{seen[1]}): give a "
                                 f"split or copied paragraph a new id (e.g. #{ident}-1)", ident, ident)
                    else:
                        ids_in_doc[doc][ident] = (rel, chunk.line)
                # a hint for what an editor added; generated chunks without id (headings of derived pages,
                # landing notes) are the pipeline's and are not reported
                if (has_ids and not chunk.key and rel != CHANGES_PAGE and CONFLICT_CLASS not in chunk.attrs
                        and (base_raws is None or chunk.raw not in base_raws) and is_text_page(page)
                        and not FOOTNOTE_DEF.match(chunk.raw) and not chunk.raw.lstrip().startswith("<!--")):
                    self.add(rel, chunk.line, WARNING, "missing-id",
                             "абзацтың id-і жоқ: оған сілтеме жасауға болмайды, ол алдыңғы абзацпен бірге сақталады "
                             "(соңына {: #p123-1 } сияқты жол қосуға болады)",
                             "this paragraph has no id: it cannot be linked and is kept attached to the paragraph "
                             "before it (you may add a line like {: #p123-1 })")
        for rel, text in sorted(self.base.items()):
            if rel.endswith(".md"):
                self._check_deleted(rel, parse_page(text), keys_in_doc[id_scope(rel)])
        from build_edition.editorial.merge import moved_ids

        base_pages = {rel: parse_page(text) for rel, text in sorted(self.base.items()) if rel.endswith(".md")}
        for doc in sorted(ids_in_doc):
            def in_doc(rel: str, doc: str = doc) -> bool:
                return id_scope(rel) == doc
            base_order = [c.key for r, p in base_pages.items() if in_doc(r) for c in p.chunks
                          if c.key and c.key != TITLE]
            current_order = [c.key for r in sorted(self.pages) if in_doc(r) for c in self.pages[r].chunks
                             if c.key and c.key != TITLE]
            for key in moved_ids(base_order, current_order):
                rel, line = keys_in_doc[doc][key]
                self.add(rel, line, WARNING, "moved-id",
                         f"#{key} абзацы орнынан жылжытылған: басылым бастапқы мәтіннің ретін сақтайды, сондықтан "
                         "келесі құрастыруда ол орнына қайтады (мәтінді жылжытпай, түзетіңіз)",
                         f"paragraph #{key} was moved: the edition keeps the source order, so the next build puts "
                         "it back (correct text in place instead of moving paragraphs)", key, key)
        new = self.findings[found_before:]
        del self.findings[found_before:]
        return new

    def _check_deleted(self, rel: str, base_page, keys: dict[str, tuple[str, int]]) -> None:
        """What an editor deleted from a generated page, reported where it stood (after the nearest chunk
        still there). A deleted paragraph of the text is a warning (editors may drop page furniture); a
        deleted generated section (the apparatus, a footnote, a note, a part of a derived page) is an error."""
        doc = id_scope(rel)
        target = rel if rel in self.pages else next((r for r in sorted(self.pages) if doc[0] and id_scope(r) == doc), None)
        if target is None:
            return
        current = self.pages.get(rel)
        raws = {c.raw: c.line for c in current.chunks} if current else {}
        text_page = is_text_page(base_page)
        line = 1
        for chunk in base_page.chunks:
            if chunk.key == TITLE:
                line = raws.get(chunk.raw, line) if target == rel else line
                continue
            if chunk.key:
                if chunk.key in keys:
                    line = keys[chunk.key][1] if keys[chunk.key][0] == target else line
                    continue
            elif chunk.raw in raws:
                line = raws[chunk.raw] if target == rel else line
                continue
            elif current is None or text_page:
                continue
            label = chunk.key or plain_text(chunk.raw)[:40]
            if not text_page or GENERATED_SECTION.match(chunk.key) or GENERATED_NOTES.search(chunk.attrs):
                self.add(target, line, ERROR, "deleted-generated",
                         f"бағдарлама жасаған бөлім өшірілген ({label}): оны қайтарыңыз (бұл бөлімді бағдарлама "
                         "жасайды, қолмен өшірілмейді)",
                         f"a generated section was deleted ({label}): restore it (the program writes this section, "
                         "it is not deleted by hand)", chunk.key, label)
            else:
                self.add(target, line, WARNING, "deleted-id",
                         f"#{chunk.key} абзацы өшірілген (ол құрастырылған мәтінде бар еді): әдейі болмаса, қайтарыңыз",
                         f"paragraph #{chunk.key} was deleted (the generated text has it): restore it unless "
                         "that was intended", chunk.key, chunk.key)

    def check_footnotes(self, rel: str) -> None:
        text = self.files[rel]
        defined = {m.group(1): m for m in FOOTNOTE_DEF.finditer(text)}
        used = set()
        for m in FOOTNOTE_REF.finditer(text):
            label = m.group(1)
            used.add(label)
            if label not in defined:
                self.add(rel, text.count("\n", 0, m.start()) + 1, ERROR, "footnote",
                         f"[^{label}] ескертпе сілтемесінің мәтіні жоқ: беттің соңына [^{label}]: ... жолын қосыңыз",
                         f"footnote reference [^{label}] has no text: add a line [^{label}]: ... to the page")
        for label, m in defined.items():
            if label not in used:
                self.add(rel, text.count("\n", 0, m.start()) + 1, WARNING, "footnote",
                         f"[^{label}] ескертпесі мәтінде ешжерде аталмайды",
                         f"footnote [^{label}] is never referenced in the text")

    def anchors(self, rel: str) -> set[str]:
        if rel not in self._anchors:
            from pymdownx.slugs import slugify

            text = self.files.get(rel, "")
            found = set(ATTR_IDS.findall(text)) | set(HTML_IDS.findall(text))
            slug = slugify(case="lower")
            for m in re.finditer(r"^#{1,6}[ \t]+(.+?)[ \t]*$", text, re.M):
                heading = m.group(1)
                if not ATTR_IDS.search(heading):
                    found.add(slug(plain_text(heading), "-"))
            found |= {f"fn:{m}" for m in FOOTNOTE_DEF.findall(text)}
            self._anchors[rel] = found
        return self._anchors[rel]

    def check_links(self, rel: str) -> None:
        text = self.files[rel]
        targets = [(m.start(), m.group(2)) for m in LINK.finditer(text)]
        targets += [(m.start(), m.group(1)) for m in HTML_LINK.finditer(text)]
        for start, target in targets:
            problem = self.link_problem(rel, target)
            if problem:
                self.add(rel, text.count("\n", 0, start) + 1, ERROR, "broken-link", *problem)

    def link_problem(self, rel: str, target: str) -> tuple[str, str] | None:
        if re.match(r"^[a-zA-Z][\w+.-]*:", target) or target.startswith("//"):
            return None                       # external (https:, mailto:): not checked offline
        path, _, anchor = target.partition("#")
        base_dir = rel.rsplit("/", 1)[0] if "/" in rel else ""
        if path:
            parts = []
            for part in (base_dir + "/" + path if base_dir else path).split("/"):
                if part in ("", "."):
                    continue
                if part == "..":
                    if not parts:
                        return (f"«{target}» сілтемесі content/ қалтасынан тыс жерге апарады",
                                f"the link {target} points outside content/")
                    parts.pop()
                else:
                    parts.append(part)
            resolved = "/".join(parts)
            if not (self.content / resolved).is_file():
                return (f"«{target}» сілтемесі жоқ файлға апарады", f"the link {target} points to a missing file")
        else:
            resolved = rel
        if anchor and resolved.endswith(".md") and anchor not in self.anchors(resolved):
            return (f"«{target}» сілтемесіндегі #{anchor} белгісі бетте жоқ",
                    f"the anchor #{anchor} of the link {target} does not exist on that page")
        return None

    def check_nav(self) -> None:
        rel = "_nav.yml"
        if rel not in self.files:
            return
        try:
            nav = yaml.safe_load(self.files[rel])
        except yaml.YAMLError:
            return
        lines = self.files[rel].split("\n")

        def walk(node):
            if isinstance(node, str):
                yield node
            elif isinstance(node, list):
                for item in node:
                    yield from walk(item)
            elif isinstance(node, dict):
                for value in node.values():
                    yield from walk(value)

        for target in walk(nav):
            if not (self.content / target).is_file():
                line = next((i for i, text in enumerate(lines, 1) if target in text), 1)
                self.add(rel, line, ERROR, "broken-link",
                         f"мазмұндағы «{target}» беті жоқ", f"the navigation lists {target}, which does not exist")

    def check_residue(self, rel: str) -> None:
        """Leftover extraction artifacts, found by build_edition.evidence.residue on each paragraph's visible text."""
        from build_edition.core.model import Document
        from build_edition.evidence.residue import find_residue

        lexicon = _lexicon(self.corpus())
        for line, text, chunk in self.text_chunks(rel):
            if not text or CONFLICT_CLASS in chunk.attrs:
                continue
            doc = Document(rel, "", rel, text)
            doc.blocks = [doc.make_block("paragraph", 0, len(text))]
            for item in find_residue(doc, lexicon):
                kk, en = RESIDUE_MESSAGES.get(item.kind, (item.kind, item.kind))
                level = ERROR if item.kind in RESIDUE_ERRORS else WARNING
                self.add(rel, line, level, "residue", f"{kk}: «{item.token}»", f"{en}: “{item.token}”",
                         anchor_of(chunk), item.token)

    def check_balance(self, rel: str) -> None:
        for line, text, chunk in self.text_chunks(rel):
            if CONFLICT_CLASS in chunk.attrs:
                continue
            for opening, closing in PAIRS:
                depth, bad = 0, False
                for i, ch in enumerate(text):
                    if ch == opening:
                        depth += 1
                    elif ch == closing:
                        if depth == 0 and closing == ")" and ENUMERATION_MARKER.search(text[:i + 1]):
                            continue              # "а) бірінші; ә) екінші": a list marker, not a bracket
                        depth -= 1
                        if depth < 0:
                            bad = True
                            break
                if bad or depth:
                    self.add(rel, line, WARNING, "unbalanced",
                             f"абзацта {opening} {closing} жұбы теңгерілмеген ({text.count(opening)} ашылады, "
                             f"{text.count(closing)} жабылады)",
                             f"unbalanced {opening} {closing} in this paragraph ({text.count(opening)} opened, "
                             f"{text.count(closing)} closed)", anchor_of(chunk), opening + closing)

    def defined_abbreviations(self) -> set[str]:
        """The glossary sources (build_edition.enrich.glossary): the curated data file, lists of abbreviations and
        definitions in the text, and the glossary of the last build (_abbreviations.yml)."""
        if self._defined is None:
            from build_edition.enrich.glossary import ABBREVIATIONS_FILE, GLOSSARY_FILE, load_curated, terms_defined_in_texts

            defined = terms_defined_in_texts(text for rel in self.pages if rel != CHANGES_PAGE
                                             for _, text, _ in self.text_chunks(rel))
            curated = self.files.get(f"data/{GLOSSARY_FILE}")
            if curated:
                try:
                    defined.update(t.term for t in load_curated(curated, f"data/{GLOSSARY_FILE}"))
                except EditionError:
                    pass               # reported by the data-file check
            try:
                generated = yaml.safe_load(self.files.get(ABBREVIATIONS_FILE, "")) or {}
            except yaml.YAMLError:
                generated = {}
            if isinstance(generated, dict) and isinstance(generated.get("titles"), dict):
                defined.update(generated["titles"])
            self._defined = defined
        return self._defined

    def check_abbreviations(self, rel: str) -> None:
        self.corpus()
        defined = self.defined_abbreviations()
        first: dict[str, tuple[int, str]] = {}
        count: Counter = Counter()
        for line, text, chunk in self.text_chunks(rel, kazakh_only=True):
            letters = [c for c in text if c.isalpha()]
            if letters and sum(c.isupper() for c in letters) / len(letters) > 0.6 and len(letters) > 12:
                continue                       # an all-caps heading or name line, not abbreviations
            for token in ABBREVIATION.findall(text):
                if (token in defined or ROMAN.match(token) or token.lower() in self._lower_forms
                        or token.capitalize() in self._title_forms):     # a name in capitals (ТОҚАЕВ)
                    continue
                first.setdefault(token, (line, anchor_of(chunk)))
                count[token] += 1
        for token, (line, anchor) in first.items():
            times = f" ({count[token]} рет / times)" if count[token] > 1 else ""
            self.add(rel, line, WARNING, "abbreviation",
                     f"«{token}» қысқартуы глоссарийде де, мәтінде де түсіндірілмеген{times}",
                     f"the abbreviation “{token}” is not defined in the glossary or the text", anchor, token)

    def check_words(self, rel: str) -> None:
        """Suspicious words: not in the dictionary and nowhere else in the corpus, shaped like damage."""
        corpus = self.corpus()
        lexicon = _lexicon(corpus)
        prefixes = _prefix_counts(corpus)
        rare: list[tuple[int, str]] = []
        for line, text, chunk in self.text_chunks(rel, kazakh_only=True):
            for m in re.finditer(rf"[{UPPER}{LOWER}]+", text):
                word = m.group(0)
                lower = word.lower()
                if len(lower) < 2:
                    continue
                if corpus[lower] != 1 or len(lower) < 6 or _explained(lower, prefixes):
                    continue
                split = _glued_split(lower, corpus) if len(lower) >= 8 else None
                if split and not lexicon.in_dictionary(lower) and not _compound_tail(split[1]):
                    self.add(rel, line, WARNING, "suspicious-word",
                             f"«{word}» сөздікте де, корпуста да жоқ: «{split[0]}» мен «{split[1]}» арасында "
                             "дефис не бос орын түсіп қалған болуы мүмкін",
                             f"“{word}” is in neither the dictionary nor the corpus: a hyphen or space between "
                             f"“{split[0]}” and “{split[1]}” may be lost", anchor_of(chunk), word)
                elif word.islower() and not lexicon.in_dictionary(lower):
                    rare.append((line, word))
        # rare words are nearly all correct Kazakh: listed on request (--all) only, never as a default warning
        if self.cap is None:
            for line, word in rare:
                self.add(rel, line, WARNING, "rare-word",
                         f"«{word}» сөздікте жоқ және корпуста басқа жерде кездеспейді",
                         f"“{word}” is not in the dictionary and occurs nowhere else in the corpus", "", word)


def anchor_of(chunk) -> str:
    return chunk.key if chunk.key and chunk.key != TITLE else ""


def is_text_page(page) -> bool:
    """A page of a document's text (the writer puts its seed in the front matter); the others are derived."""
    try:
        return "seed" in page.front_data()
    except EditionError:
        return False


def _compound_tail(tail: str) -> bool:
    """Whether ``tail`` (or its stem) ends other solid compounds of the dictionary (халық+аралық,
    келісім+шарт): Kazakh writes such compounds as one word, so the join is no lost hyphen.

    >>> _compound_tail("аралық"), _compound_tail("низация")
    (True, False)
    """
    from build_edition.evidence.lexicon import dictionary_stems

    stems = dictionary_stems()
    for n in range(len(tail), 3, -1):
        part = tail[:n]
        if any(s.endswith(part) and len(s) > n + 2 and s[:-n] in stems for s in stems):
            return True
    return False


def is_kazakh(chunk) -> bool:
    """A chunk not marked with another language (`{: #p34 lang="ru" }`)."""
    return not FOREIGN_BLOCK.search(chunk.attrs)


def id_scope(rel: str) -> tuple[str, str]:
    """Where an id must be unique: the page's document folder and interface language (`translations.ru.md`
    repeats the ids of `translations.md`).

    >>> id_scope("doc/01.md"), id_scope("translations.ru.md")
    (('doc', 'kk'), ('', 'ru'))
    """
    m = TRANSLATED_PAGE.search(rel)
    return (rel.rsplit("/", 1)[0] if "/" in rel else "", m.group(1) if m else "kk")


_LEXICONS: dict[int, Lexicon] = {}


def _lexicon(corpus: Counter) -> Lexicon:
    key = id(corpus)
    if key not in _LEXICONS:
        _LEXICONS.clear()
        _LEXICONS[key] = Lexicon(corpus)
    return _LEXICONS[key]


_PREFIXES: dict[int, Counter] = {}


def _prefix_counts(corpus: Counter) -> Counter:
    key = id(corpus)
    if key not in _PREFIXES:
        counts: Counter = Counter()
        for word in corpus:
            for i in range(4, len(word) + 1):
                counts[word[:i]] += 1
        _PREFIXES.clear()
        _PREFIXES[key] = counts
    return _PREFIXES[key]


def _explained(word: str, prefixes: Counter) -> bool:
    """Another word form of the corpus shares the stem (all but a suffix of up to 4 letters)."""
    stem = word[:max(4, len(word) - 4)]
    return prefixes[stem] > 1


# Kazakh suffix beginnings: a "second word" starting like this is an ending, not a word.
SUFFIX_STARTS = tuple("""лар лер дар дер тар тер мыз міз сын сін ның нің дың дің тың тің лық лік дық дік тық тік
    шы ші ған ген қан кен ды ді ты ті ын ін ғы гі қы кі на не ға ге қа ке да де та те ла ле ма ме ба бе па пе
    сы сі ны ні мен бен пен ым ім ың ің ыз із лы лі ры рі ңы ңі""".split())


def _glued_split(word: str, corpus: Counter) -> tuple[str, str] | None:
    """Two corpus words that make up ``word`` (a lost hyphen or space), the longest first part first.

    >>> _glued_split("ұлттықмәдени", Counter({"ұлттық": 9, "мәдени": 4}))
    ('ұлттық', 'мәдени')
    >>> _glued_split("қатарларының", Counter({"қатар": 5, "ларының": 1})) is None
    True
    """
    for i in range(len(word) - 4, 3, -1):
        head, tail = word[:i], word[i:]
        if corpus[head] < 2 or tail.startswith(SUFFIX_STARTS):
            continue
        if corpus[tail] >= 1 or any(corpus[tail[:j]] >= 2 for j in range(len(tail), 4, -1)):
            return head, tail
    return None


def lint_targets(linter: Linter, paths: list[Path] | None) -> list[str]:
    """The files under content/ named by ``paths`` (files or folders; all of content/ by default)."""
    targets: list[str] = []
    for path in paths or [linter.content]:
        path = path.resolve()
        try:
            rel = path.relative_to(linter.content).as_posix()
        except ValueError:
            raise_outside(path, linter.content)
        if path.is_dir():
            prefix = "" if rel == "." else rel + "/"
            targets += [r for r in linter.files if r.startswith(prefix)]
        elif rel in linter.files:
            targets.append(rel)
    targets = sorted(set(t for t in targets if (t.endswith((".md", ".yml", ".yaml")) or t in SCRIPTS)
                         and not t.startswith(STORE + "/")))
    if "_nav.yml" in targets:
        linter.check_nav()
    return targets


def capped(findings: list[Finding], cap: int | None) -> list[Finding]:
    """At most ``cap`` warnings of one kind per file, the rest summarised in one line."""
    if cap is None:
        return findings
    out, seen = [], Counter()
    hidden: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        key = (f.file, f.code)
        if f.level == WARNING and seen[key] >= cap:
            hidden.setdefault(key, []).append(f)
            continue
        seen[key] += 1
        out.append(f)
    for (file, code), rest in hidden.items():
        out.append(Finding(file, rest[0].line, WARNING, code,
                           f"осы түрдегі тағы {len(rest)} ескерту бар (бәрін көру: --all)",
                           f"{len(rest)} more warnings of this kind in this file (see all with --all)"))
    return sorted(out)


def lint_paths(content: Path, paths: list[Path] | None = None, cap: int | None = DEFAULT_CAP) -> list[Finding]:
    """Every finding (no baseline), at most ``cap`` warnings of a kind per file."""
    linter = Linter(content, cap)
    return capped(linter.run(lint_targets(linter, paths)), cap)


def raise_outside(path: Path, content: Path):
    from build_edition.core.errors import EditionError

    raise EditionError(f"{path} is not inside the content folder {content}",
                       hint="lint files under content/, e.g. build-edition lint content/<document>/")
