"""Structure of a book (kind ``book``): front matter, chapters, numbered sections, abbreviations, languages.

* A chapter opens with its label on a line of its own (`I-тарау`) followed by its title (`Егемен
  Қазақстанның саяси ойын қалыптастыру алғышарттары`, with a period in brackets when printed apart:
  `(1992-1994 жж.)`). The label starts a page (``page_title`` = `I-тарау. <title>`); the title is a
  level-2 heading.
* Inside a chapter, numbered section titles (`1. Негізгі тенденциялар мен процестер`, `2.1. Ресми
  тәсіл`) are level-3 and level-4 headings with ``section_title`` (long chapters split there). A
  numbered paragraph is a section title only if it is short, does not end like a sentence and
  continues the numbering of the chapter's sections (1, 2, 3…; 2.1, 2.2…): programme points
  (`1. Бостандық дүниетанымдық құндылықтарды…`) and list items (`1. Тарихи уақыттың үдеуі.`)
  fail these tests and stay paragraphs for the list pass.
* Names of book parts on a line of their own (`Алғысөз`, `Қорытынды`) are level-2 headings that
  start a page (unless they interrupt a sentence: then they are a running head). In the front matter, the short line after such a heading or after a signature is
  the title of a foreword (`Дүние сөзден бастау алды ма?`, level 3); a lone year (`2021 жыл`) and
  the name above it (`Мұрат Лаумулин`) are a signature.
* A run of abbreviation entries (`ҚР – Қазақстан Республикасы`) is the list of abbreviations:
  its blocks carry ``attrs["abbreviation_list"]`` for the glossary.
* `* * *` is a thematic break; a block written in Russian or English gets that ``lang``. A block long
  enough to tell is read from its own letters, but a paragraph that opens in Kazakh stays Kazakh when a
  longer untranslated Russian passage follows inside it. A short block (address, name, handle) shares the
  language of the text before it unless its own letters say otherwise: Kazakh letters make a Kazakh line
  (the colophon `010000, Нұр-Сұлтан қ., Бейбітшілік көш., 4.` after the English publisher's page), and a
  Cyrillic line cannot be English; Latin handles (`KAZ_ISS`) and Kazakh street names inside Russian
  addresses do not change the language.

>>> from build_edition.core.model import Document
>>> from build_edition.text.line_shapes import paragraphs_of
>>> text = ("Алғысөз\\n\\nДүние сөзден бастау алды ма?\\n\\nМәтін.\\n\\nСұлтан Әкімбеков\\n\\n2015 жыл\\n\\n I-тарау\\n\\n"
...         "Егемен Қазақстанның саяси ойын\\nқалыптастыру алғышарттары\\n\\n1. Негізгі тенденциялар\\n\\nМәтін былай:\\n\\n"
...         "1. Бостандық құндылықтарды қамтамасыз етеді.\\n\\n2. Ресми тәсіл\\n\\n2.1. Стратегия\\n\\nМәтін.")
>>> doc = Document("x", "book", "x.txt", text); doc.blocks = paragraphs_of(doc); run(doc)
>>> [(b.kind, b.level) for b in doc.blocks]  # doctest: +NORMALIZE_WHITESPACE
[('heading', 2), ('heading', 3), ('paragraph', 0), ('signature', 0), ('signature', 0), ('paragraph', 0),
 ('heading', 2), ('heading', 3), ('paragraph', 0), ('paragraph', 0), ('heading', 3), ('heading', 4), ('paragraph', 0)]
>>> doc.blocks[5].attrs["page_title"]
'I-тарау. Егемен Қазақстанның саяси ойын\\nқалыптастыру алғышарттары'
"""
from __future__ import annotations

import re

from build_edition.text import line_shapes
from build_edition.core.model import Block, Document
from build_edition.text.words import WORD
from build_edition.text.alphabet import CYRILLIC_KK, KAZAKH_ONLY, LATIN


SECTION = re.compile(r"^\s*(\d{1,2})\.(?:(\d{1,2})\.?)?\s+\S")
SECTION_MAX = 160           # characters: longer numbered paragraphs are list items or prose
LIST_ITEM_LENGTH = 50       # a numbered paragraph this long next to items of a numbered list is one of them
CHAPTER_TITLE_MAX = 200
UNNUMBERED_TITLE_MAX = 100  # characters: an unnumbered chapter title told by layout is one short line
CHAPTER_GAP = 2             # blank lines before a line that opens a chapter
DATE_IN_BRACKETS = re.compile(r"^\s*\(\s*\d{4}\s*[-–]\s*\d{4}\s*жж?\.?\s*\)\s*$")
FOREWORD_TITLE_MAX = 100
SIGNATURE_NAME_WORDS = 4
ABBREVIATION_RUN = 5        # consecutive entries that make a list of abbreviations
SEPARATOR = re.compile(r"^\s*(?:\*\s*){1,3}$")
LANGUAGE_MIN_LETTERS = 60   # shorter blocks (addresses, names) take the language of the text around them
KAZAKH_LETTER = re.compile(f"[{KAZAKH_ONLY}]")   # letters Russian and English do not have
CYRILLIC_LETTER = re.compile(f"[{CYRILLIC_KK}]")
LATIN_LETTER = re.compile(f"[{LATIN}]")
SENTENCE_END = re.compile(r"(?<=[^\W\d_]{2})[.!?…]+[»\"”’)\]]*(?=\s)")   # not after an initial (М.В., г.)


def run(doc: Document) -> None:
    _chapters(doc)
    if not any(b.attrs.get("chapter") for b in doc.blocks):
        _unnumbered_chapters(doc)
    _book_parts(doc)
    _sections(doc)
    _front_matter(doc)
    _abbreviations(doc)
    for block in doc.blocks:
        if block.kind == "paragraph" and SEPARATOR.match(block.text):
            block.kind = "separator"
    _languages(doc)


def _paragraphs(doc: Document) -> list[Block]:
    return [b for b in doc.blocks if b.kind == "paragraph"]


def _chapters(doc: Document) -> None:
    for label in [b for b in _paragraphs(doc) if line_shapes.is_chapter_label(b.text)]:
        i = doc.blocks.index(label)
        title = doc.blocks[i + 1] if i + 1 < len(doc.blocks) else None
        if title is None or title.kind != "paragraph" or len(title.text) > CHAPTER_TITLE_MAX \
                or (line_shapes.ends_sentence(title.text) and not title.text.rstrip().endswith(")")):
            continue
        after = doc.blocks[i + 2] if i + 2 < len(doc.blocks) else None
        if after is not None and after.kind == "paragraph" and DATE_IN_BRACKETS.match(after.text):
            line_shapes.join_blocks(doc, title, after)
        label.attrs.update(role="chapter-label", classes=["chapter-label"], chapter=True,
                           page_title=f"{label.text.strip()}. {title.text.strip()}")
        title.kind, title.level = "heading", 2
        title.attrs["chapter"] = True


def _unnumbered_chapters(doc: Document) -> None:
    """Chapter titles without a number (in a book whose chapters have no `I-тарау` labels), told by layout.

    A title is a paragraph of one short line without closing punctuation that starts with a capital,
    stands where a page or a chapter opens — at the start of the text, first on a page (a page number
    was taken out before it, ``page_break_before``), marked by the furniture pass as the line that
    opens its page (``page_opener``), or after two blank lines — and is followed by a paragraph start
    (a capital, a digit or a dash), the text before it having ended its sentence.

    >>> from build_edition.core.model import Document
    >>> from build_edition.text.line_shapes import paragraphs_of
    >>> text = ("Дала өркениетінің бастаулары\\n\\nҚазақ даласының тарихы сан ғасырларға созылады.\\n\\n"
    ...         "Ежелгі көшпелілер\\n\\nмал шаруашылығымен айналысты.\\n\\n\\n\\nТәуелсіздіктің алғашқы жылдары"
    ...         "\\n\\nТоқсаныншы жылдар ауыр болды.\\n\\nОсы жылдары\\n\\nКонституция қабылданды.")
    >>> doc = Document("x", "book", "x.txt", text); doc.blocks = paragraphs_of(doc); run(doc)
    >>> [(b.kind, b.level, b.text[:20]) for b in doc.blocks]  # doctest: +NORMALIZE_WHITESPACE
    [('heading', 2, 'Дала өркениетінің ба'), ('paragraph', 0, 'Қазақ даласының тари'), ('paragraph', 0, 'Ежелгі көшпелілер'),
     ('paragraph', 0, 'мал шаруашылығымен а'), ('heading', 2, 'Тәуелсіздіктің алғаш'), ('paragraph', 0, 'Тоқсаныншы жылдар ау'),
     ('paragraph', 0, 'Осы жылдары'), ('paragraph', 0, 'Конституция қабылдан')]
    """
    first_text = next((i for i, b in enumerate(doc.blocks) if b.kind == "paragraph"), None)
    for i, block in enumerate(doc.blocks):
        if block.kind != "paragraph" or not _title_shaped(block.text):
            continue
        before = doc.blocks[i - 1] if i else None
        after = doc.blocks[i + 1] if i + 1 < len(doc.blocks) else None
        if after is None or after.kind != "paragraph" or not _opens_paragraph(after.text) or _title_shaped(after.text):
            continue
        if before is not None and before.kind == "paragraph" and (
                not line_shapes.ends_sentence(before.text) or before.text.rstrip().endswith(":")):
            continue    # the sentence before runs on or announces what follows: no title can stand here
        placed = (i == first_text or block.attrs.get("page_opener") or block.attrs.get("page_break_before")
                  or _blank_lines_before(doc, block) >= CHAPTER_GAP)
        if placed:
            block.kind, block.level = "heading", 2
            block.attrs.update(chapter=True, page_title=" ".join(block.text.split()))


def _title_shaped(text: str) -> bool:
    """One short line, capitalised, without closing punctuation: what a title looks like."""
    t = text.strip()
    if "\n" in t or not 3 <= len(t) <= UNNUMBERED_TITLE_MAX or len(line_shapes.letters(t)) < 3:
        return False
    if line_shapes.ends_sentence(t) or t[-1] in ",-–—" or line_shapes.list_marker(t) or line_shapes.is_date_line(t):
        return False
    return line_shapes.first_letter(t).isupper() and not line_shapes.starts_with_dash(t)


def _opens_paragraph(text: str) -> bool:
    t = text.lstrip(" «\"„“(")
    return bool(t) and (t[0].isupper() or t[0].isdigit() or t[0] in line_shapes.DASHES)


def _blank_lines_before(doc: Document, block: Block) -> int:
    """Blank source lines right before the block (the page or chapter gap of the extraction)."""
    if not block.origin:
        return 0
    start = doc.source.rfind("\n", 0, block.origin[0])
    count = 0
    while start > 0:
        previous = doc.source.rfind("\n", 0, start)
        if doc.source[previous + 1:start].strip():
            break
        count += 1
        start = previous
    return count


def _book_parts(doc: Document) -> None:
    # by position, not doc.blocks.index(block): that compares blocks field by field, O(n²) on the book
    for i, block in enumerate(doc.blocks):
        if block.kind != "paragraph":
            continue
        before = doc.blocks[i - 1] if i else None
        after = doc.blocks[i + 1] if i + 1 < len(doc.blocks) else None
        interrupts = (before is not None and before.kind == "paragraph" and not line_shapes.ends_sentence(before.text)
                      and after is not None and line_shapes.starts_lowercase(after.text))
        if line_shapes.is_book_part(block.text) and not interrupts:   # a running head left inside a sentence is not one
            block.kind, block.level = "heading", 2
            block.attrs["page_title"] = block.text.strip()


def _sections(doc: Document) -> None:
    """Numbered section titles that continue the numbering of the current chapter."""
    top = sub = 0
    in_chapter = False
    for block in list(doc.blocks):
        if block.attrs.get("chapter"):
            top = sub = 0
            in_chapter = True
            continue
        if block.kind == "heading" and block.level <= 2:
            in_chapter = False   # a book part (Қорытынды) ends the numbered sections
        if not in_chapter or block.kind != "paragraph":
            continue
        m = SECTION.match(block.text)
        if not m or len(block.text) > SECTION_MAX or line_shapes.ends_sentence(block.text) or block.text.rstrip().endswith(","):
            continue
        major, minor = int(m.group(1)), int(m.group(2)) if m.group(2) else 0
        if not minor and len(block.text) > LIST_ITEM_LENGTH and _in_numbered_list(doc, block, major):
            continue
        if not minor and top < major <= top + 2:
            top, sub, level = major, 0, 3
        elif minor and (major == top and sub < minor <= sub + 2 or major == top + 1 and minor == 1):
            top, sub, level = major, minor, 4
        else:
            continue
        block.kind, block.level = "heading", level
        block.attrs["section_title"] = block.text.strip()


def _in_numbered_list(doc: Document, block: Block, number: int) -> bool:
    """Item ``number`` of a list: the paragraph before is item ``number - 1`` or the one after is ``number + 1``."""
    i = doc.blocks.index(block)
    for j, expected in ((i - 1, number - 1), (i + 1, number + 1)):
        if 0 <= j < len(doc.blocks) and doc.blocks[j].kind == "paragraph":
            m = SECTION.match(doc.blocks[j].text)
            if m and not m.group(2) and int(m.group(1)) == expected:
                return True
    return False


def _front_matter(doc: Document) -> None:
    """Signatures and foreword titles before the first chapter."""
    previous: Block | None = None
    for block in list(doc.blocks):
        if block.attrs.get("chapter"):
            return
        if block.kind == "paragraph" and line_shapes.is_date_line(block.text):
            block.kind = "signature"
            if previous is not None and previous.kind == "paragraph" and _looks_like_name(previous.text):
                previous.kind = "signature"
        elif (block.kind == "paragraph" and previous is not None and previous.kind in ("heading", "signature")
              and len(block.text) <= FOREWORD_TITLE_MAX and "\n" not in block.text.strip()
              and (block.text.rstrip().endswith("?") or not line_shapes.ends_sentence(block.text))):
            block.kind, block.level = "heading", 3
            block.attrs["section_title"] = block.text.strip()
        previous = block


def _looks_like_name(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= SIGNATURE_NAME_WORDS and all(w[:1].isupper() for w in words) and not line_shapes.ends_sentence(text)


def _abbreviations(doc: Document) -> None:
    run_: list[Block] = []
    for block in doc.blocks + [None]:
        if block is not None and block.kind == "paragraph" and line_shapes.is_abbreviation_entry(block.text):
            run_.append(block)
            continue
        if len(run_) >= ABBREVIATION_RUN:
            for entry in run_:
                entry.attrs.update(abbreviation_list=True, classes=["abbreviation"])
        run_ = []


def _languages(doc: Document) -> None:
    """Blocks long enough to tell get their own language; a shorter block shares the language of the
    text it follows (`Адрес и контактные телефоны КИСИ:` after the Russian description) unless its own
    letters contradict it.

    >>> from build_edition.text.line_shapes import paragraphs_of
    >>> doc = Document("x", "book", "x.txt", "Address and contact phone numbers of the Institute for Strategic Studies.\\n\\n"
    ...     "KAZ_ISS\\n\\n010000, Нұр-Сұлтан қ., Бейбітшілік көш., 4.\\n\\nАндрей Чеботарёв")
    >>> doc.blocks = paragraphs_of(doc); _languages(doc); [b.lang for b in doc.blocks]
    ['en', 'en', 'kk', 'kk']
    """
    lang = "kk"
    for block in doc.blocks:
        if len(line_shapes.letters(block.text)) >= LANGUAGE_MIN_LETTERS:
            lang = _language_of_long_block(block.text)
        else:
            lang = _language_of_short_block(block.text, lang)
        block.lang = lang


def _language_of_long_block(text: str) -> str:
    """The language of the whole block, unless the block opens in Kazakh: the Kazakh book's own sentence
    then frames the foreign passage after it (an untranslated Russian source left inside the paragraph).

    >>> _language_of_long_block("Еуразиялық интеграцияға қатысты ресми саясатқа оппонент болудың келесі кезеңі "
    ...     "референдум өткізуге бастамашылық жасау жөніндегі науқан болды. С данной инициативой в сентябре 2012 года "
    ...     "выступили представители Общенациональной социал-демократической партии и общественных объединений.")
    'kk'
    >>> _language_of_long_block("За 28 лет деятельности Институтом было издано более 300 книг по международным "
    ...     "отношениям. В КИСИ издаются три журнала: «Қоғам және Дәуір», «Казахстан Спектр».")
    'ru'
    """
    lang = line_shapes.guess_language(text)
    if lang != "kk" and line_shapes.guess_language(_opening(text)) == "kk":
        return "kk"
    return lang


def _opening(text: str) -> str:
    """The first sentences of ``text`` up to ``LANGUAGE_MIN_LETTERS`` letters (all of it if it is no longer).

    A period after a single letter (initials `М.В. Ломоносов`, `г. Нур-Султан`) does not end a sentence.

    >>> _opening("Назарбаев М.В. Ломоносов атындағы Мәскеу мемлекеттік университетінде болып, сөз сөйледі. Одан кейін ол кетті.")
    'Назарбаев М.В. Ломоносов атындағы Мәскеу мемлекеттік университетінде болып, сөз сөйледі.'
    """
    for end in SENTENCE_END.finditer(text):
        if len(line_shapes.letters(text[:end.end()])) >= LANGUAGE_MIN_LETTERS:
            return text[:end.end()]
    return text


def _language_of_short_block(text: str, preceding: str) -> str:
    """A short block says little by itself, so the preceding language holds unless the block's own letters
    contradict it. Inside Kazakh text nothing does (Kazakh words need not have Kazakh letters:
    `баспаханасында басылды`), nor do Latin handles and numbers. After Russian or English, Cyrillic with
    Kazakh letters in two words or more is Kazakh (one such word may be a name in a Russian line:
    `ул. Бейбітшілік`), and other Cyrillic is Russian: it cannot be English.

    >>> _language_of_short_block("010000, Нұр-Сұлтан қ., Бейбітшілік көш., 4.", "en")
    'kk'
    >>> _language_of_short_block("Республика Казахстан, 010000 г. Нур-Султан, ул. Бейбітшілік, 4", "ru")
    'ru'
    >>> _language_of_short_block("Андрей Чеботарёв", "en"), _language_of_short_block("Андрей Чеботарёв", "kk")
    ('ru', 'kk')
    >>> _language_of_short_block("KAZ_ISS", "ru"), _language_of_short_block("4.", "en")
    ('ru', 'en')
    """
    if preceding == "kk" or len(CYRILLIC_LETTER.findall(text)) <= len(LATIN_LETTER.findall(text)):
        return preceding
    if sum(1 for word in WORD.findall(text) if KAZAKH_LETTER.search(word)) >= 2:
        return "kk"
    return "ru"
