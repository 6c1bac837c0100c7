"""Document structure of the real seeds against outlines written by reading the printed texts.

The expected outlines below were written from the seeds (chapter labels, titles and numbered
section titles as printed; the abstracts' headings; the interview's turns), not produced by the
code under test. Heading texts are compared after collapsing spaces.
"""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from build_edition.core.errors import EditionError
from build_edition.text.line_shapes import paragraphs_of
from build_edition.store.page_format import TITLE, parse_page
from build_edition.core.model import Document
from build_edition.passes.structure import detect_lists
from build_edition.passes.structure import detect_structure
from build_edition.passes.structure import structure_book
from build_edition.passes.structure import structure_newspaper
from build_edition.write.writer import MAX_PAGE_BYTES, render_page, split_pages


def norm(text: str) -> str:
    return " ".join(text.split())


def headings(doc: Document, level: int | None = None) -> list[str]:
    return [norm(b.text) for b in doc.blocks if b.kind == "heading" and (level is None or b.level == level)]


def block_at(doc: Document, line: int):
    found = [b for b in doc.blocks if b.origin and doc.line_of(b.origin[0]) == line]
    assert found, f"no block starts on line {line}"
    return found[0]


# -- book (002) ---------------------------------------------------------------------------------

BOOK_CHAPTERS = [
    "I-тарау. Егемен Қазақстанның саяси ойын қалыптастыру алғышарттары",
    "II-тарау. Қазақстанның тәуелсіздігі таңындағы саяси ойдың қалыптасу ерекшеліктері (1992-1994 жж.)",
    "III-тарау. Этатизмге бет бұру жағдайындағы саяси ой (1995-2000 жж.)",
    "IV-тарау. Саяси «шайқастар» мен реформалар арасында (2001-2007 жж.)",
    "V-тарау. Дағдарыстық процестерден тұрақтандыруға (2008-2014 жж.)",
    "VI-тарау. Жаңғыртудың жаңа векторлары (2015-2021 жж.)",
]

# Numbered section titles of each chapter, as printed (002 lines 891-19060).
BOOK_SECTIONS = {
    "I": ["1. Негізгі тенденциялар мен процестер", "2. Ресми тәсіл", "3. Әртүрлі әлеуметтік-саяси балама",
          "4. Кейбір нәтижелер"],
    "II": ["1. Негізгі тенденциялар мен процестер", "2. Мемлекеттік құрылыс", "2.1. Даму стратегиясы",
           "2.2. Конституциялық реформа", "2.3. Идеологиялық қамтамасыз ету", "2.4. Қателер бойынша жұмыс",
           "2.5. Еуразиялық интеграцияға", "3. Қазақстанның баламалы даму жобалары",
           "3.1. Либералды-демократиялық тәсіл", "3.2. Социал-демократиялық нұсқалар",
           "3.3. «Ұлттық мәселе» призмасы арқылы", "4. Жеке тұлғалардың бағалары мен идеялары"],
    "III": ["1. Негізгі тенденциялар мен процестер", "2. Мемлекеттілікті ілгерілету", "2.1. Конституциялық реформа",
            "2.2. «Бейімделген жаңғырту» тұжырымдамасы", "2.3. «Казахстан-2030» стратегиясы",
            "2.4. Идеологиялық жұмыс", "3. Конституциялық балама", "4. Идеологиялық және саяси жағдай",
            "4.1. Центристердің көзқарастары мен идеялары", "4.2. Либералдық жобалар",
            "4.3. «Азамат» қозғалысының позициялары", "4.4. Әкежан Қажыгелдин факторы", "4.5. Коммунистер идеясы",
            "5. Жеке саясаткерлердің бағалауы мен идеялары", "6. Қазақстанды қалыптасқан мемлекет ретінде талқылау",
            "7. Ұлттық диалог өткізу бастамасы: pro & contra"],
    "IV": ["1. Негізгі тенденциялар мен процестер", "2. Саяси реформалар туралы пікірталас", "2.1. Ресми тәсіл",
           "2.2. Бағынышты партиялардың ұсыныстары", "2.3. «Ақ жол» ҚДП жобалары", "2.4. ҚДТ позициясы",
           "2.5. Біріккен оппозицияның Конституциялық баламасы", "2.6. Реформаның орнына монархияны енгізу",
           "2.7. «Конституционалистердің» көзқарасы", "3. Оппозициялық либералды-демократиялық ой",
           "4. «Ұлттық мәселе» туралы көзқарастардың ерекшеліктері", "4.1. Ұлттық-патриоттық күштердің ұстанымдары",
           "4.2. Қазақ мемлекеттілігінің шекаралары туралы дау", "4.3. «Қазақ миссиясы» тұжырымдамасы",
           "4.4. «Орыс мәселесі» туралы",
           "5. Қазақстанның ұлттық қауіпсіздігін қамтамасыз ету мәселелеріндегі ресми ұсыныстар"],
    "V": ["1. Негізгі тенденциялар мен процестер", "2. Ресми тәсіл", "2.1. Стратегиялық көзқарас",
          "2.2. Ұлттық көшбасшылық тұжырымдамасы", "2.3. Ұлттық бірлік идеологиясы",
          "2.4. Әлеуметтік жаңғырту тұжырымдамасы", "2.5. Идеологиялық жұмыс", "2.6. Қазақстан-ЕҚЫҰ",
          "2.7. Еуразиялық интеграция процесінде", "3. Қазақстанның баламалы даму жобалары",
          "3.1. «Ак жол» ҚДП: ырықтандыру мен этноцентризм арасында",
          "3.2. «Біздің әділдікке апаратын жолымыз» Әділет ДП", "3.3. «Руханият» партиясының «Жасыл» баламасы",
          "3.4. ЖСДП бастамалары", "3.5. Ұлттық-патриоттық тренд",
          "4. Интеграциялық саясатқа және Украинадағы оқиғалар факторына қарсы тұру"],
    "VI": ["1. Негізгі тенденциялар мен процестер", "2. Ресми тәсіл", "2.1. Жаңа реформалар және үшінші жаңғыру",
           "2.2. Қоғамдық сананы жаңғырту",
           "2.3. ҚР Президенті Қасым-Жомарт Тоқаевтың саяси бағытының тұжырымдамалық негіздері",
           "2.4. Сыртқы саяси күн тәртібі", "3. Қазақстанның баламалы даму жобалары"],
}


@pytest.fixture(scope="module")
def book(docs_by_seed):
    return docs_by_seed["002"]


def test_book_chapters_start_pages_in_order(book):
    labels = [b for b in book.blocks if b.attrs.get("role") == "chapter-label"]
    assert [norm(b.attrs["page_title"]) for b in labels] == BOOK_CHAPTERS
    for label in labels:
        title = book.blocks[book.blocks.index(label) + 1]
        assert title.kind == "heading" and title.level == 2


def test_book_sections_per_chapter(book):
    found: dict[str, list[str]] = {}
    chapter = None
    for block in book.blocks:
        if block.attrs.get("role") == "chapter-label":
            chapter = norm(block.text).split("-")[0]
            found[chapter] = []
        elif chapter and block.kind == "heading" and block.level in (3, 4):
            found[chapter].append(norm(block.text))
        elif block.attrs.get("page_title") and not block.attrs.get("chapter"):
            chapter = None   # the conclusion and the back matter are no chapter
    assert found == BOOK_SECTIONS


def test_book_sections_have_levels_and_split_long_chapters(book):
    for block in book.blocks:
        if block.kind == "heading" and block.level in (3, 4):
            assert block.attrs["section_title"]
            assert block.level == (4 if norm(block.text).split()[0].count(".") == 2 else 3)
    pages = split_pages(book)
    titles = [p.title for p in pages]
    assert "2.1. Ресми тәсіл" in titles or any(t.startswith("IV-тарау") for t in titles)
    assert all(p.size <= MAX_PAGE_BYTES * 1.2 for p in pages), [(p.title, p.size) for p in pages if p.size > MAX_PAGE_BYTES]


def test_book_front_and_back_matter(book):
    pages = [norm(b.attrs["page_title"]) for b in book.blocks if b.attrs.get("page_title")]
    assert pages[:4] == ["Автор туралы", "Алғысөз", "Алғысөз", "Қысқартулар мен аббревиатуралар"]
    assert pages[-3:] == ["Қорытынды", "Баспагер туралы", "Шығу деректері"]
    assert headings(book, 3)[:2] == ["Дүние сөзден бастау алды ма?", "Көп нүкте дейміз бе, әлде жалғасы ма?"]
    signatures = [norm(b.text) for b in book.blocks if b.kind == "signature"]
    assert signatures == ["Сұлтан Әкімбеков", "2015 жыл", "Мұрат Лаумулин", "2021 жыл"]


def test_book_abbreviation_list(book):
    entries = [b for b in book.blocks if b.attrs.get("abbreviation_list")]
    firsts = [norm(b.text).split(" – ")[0] for b in entries]
    assert firsts[0] == "ЕАИО" and "ҚР" in firsts and firsts[-1] == "HAQ"
    assert len(entries) == 104     # 103 lines open an entry, and «Әл-Фараби атындағы ҚазҰУ – …»
    assert all(book.line_span(b)[1] < 876 for b in entries)   # the list ends where chapter I begins
    assert not any(b.attrs.get("abbreviation_list") for b in book.blocks if "Қазақстан Республикасы" in b.text
                   and book.line_span(b)[0] > 876)


def test_book_publisher_pages_carry_their_languages(book):
    publisher = [b for b in book.blocks if b.attrs.get("role") == "publisher"]
    langs = [b.lang for b in publisher if len(b.text) > 80]
    assert langs[0] == "kk" and "ru" in langs and langs[-1] == "en"
    assert langs == sorted(langs, key=["kk", "ru", "en"].index)     # kk block, then ru, then en
    russian = next(b for b in publisher if b.text.startswith("Казахстанский институт стратегических"))
    english = next(b for b in publisher if b.text.startswith("The Kazakhstan Institute"))
    assert (russian.lang, english.lang) == ("ru", "en")
    assert any("баспаханасында басылды" in b.text for b in book.blocks if b.attrs.get("role") == "colophon")


def test_numbered_list_items_are_not_promoted_to_headings(book):
    programme = block_at(book, 1561)   # "1. Бостандық дүниетанымдық құндылықтарды…" (ҚСДП programme)
    assert programme.kind == "list_item" and programme.attrs["marker"] == "1."
    challenges = block_at(book, 14524)  # "1. Тарихи уақыттың үдеуі." (the ten global challenges)
    assert challenges.kind == "list_item"
    civil = block_at(book, 15778)       # "4. Мемлекет азаматтардың…" item 4 of a list, no full stop, after 3.1.
    assert civil.kind == "list_item", civil.text[:60]
    assert block_at(book, 9435).kind == "heading"     # "2.1. Ресми тәсіл" right after the list is a section


def test_citation_markers_stay_in_the_text(book):
    assert "[19]" in block_at(book, 14533).text


def test_numbered_paragraph_next_to_a_list_is_not_a_section():
    doc = Document("x", "book", "x.txt", " I-тарау\n\nТақырып\n\n1. Кіріспе\n\nМәтін былай:\n\n"
                   "1. Бірінші бағыт мемлекеттің қызметін айқындайды және кеңейтеді, сонымен бірге оны жүзеге асырады.\n\n"
                   "2. Екінші бағыт қоғамның барлық мүшелерінің азаматтықтағы бірлігін білдіреді және қолдайды оны\n\n"
                   "3. Үшінші бағыт мемлекеттің бірлігін нығайту мен оның институттарын дамыту")
    doc.blocks = paragraphs_of(doc)
    structure_book.run(doc)
    detect_lists.run(doc)
    assert headings(doc, 3) == ["1. Кіріспе"]
    assert [b.kind for b in doc.blocks[-3:]] == ["list_item", "list_item", "list_item"]


def test_running_head_inside_a_sentence_is_not_a_book_part():
    doc = Document("x", "book", "x.txt", "соның ішінде оппозициялық\n\nҚорытынды\n\nкөзқарастар мен сенімдердің.\n\n"
                   "Мәтін бітті.\n\nҚорытынды\n\nСонымен, осы монографияда.")
    doc.blocks = paragraphs_of(doc)
    structure_book.run(doc)
    assert [b.kind for b in doc.blocks] == ["paragraph", "paragraph", "paragraph", "paragraph", "heading", "paragraph"]


# -- journal article (003) ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def article(docs_by_seed):
    return docs_by_seed["003"]


def test_article_front_matter(article):
    kinds = [(b.kind, b.attrs.get("role", "")) for b in article.blocks[:6]]
    assert kinds == [("paragraph", "journal"), ("paragraph", "journal"), ("paragraph", "udc"), ("byline", ""),
                     ("byline", ""), ("heading", "")]
    assert norm(article.blocks[2].text) == "ӘОК 323"
    assert article.blocks[3].text.startswith("Жексембаева В. А.,")
    assert article.blocks[4].text.startswith("Досмағамбетова Г. И.,")
    assert norm(article.blocks[5].text) == "ЭТНОСАРАЛЫҚ КЕЛІСІМ МЕН ТӨЗІМДІЛІКТІҢ ҚАЗАҚСТАНДЫҚ ҮЛГІСІНІҢ КЕЛЕШЕГІ"


def test_article_masthead_has_its_kazakh_and_russian_halves_apart(article):
    """Issue 21: seed line 2 is `МЕМЛЕКЕТТІК государственное`, lines 3-5 the rest of the Russian title;
    the Kazakh capitals and the Russian lower case are two blocks, the Russian one marked ru."""
    kazakh, russian = article.blocks[:2]
    assert (kazakh.text, kazakh.lang) == ("МЕМЛЕКЕТТІК", "kk")
    assert (norm(russian.text), russian.lang) == ("государственное управление и государственная служба", "ru")
    assert article.line_span(kazakh) == (2, 2) and article.line_span(russian) == (2, 5)


def test_article_abstracts_with_languages(article):
    outline = [(b.kind, b.lang, norm(b.text).split(":")[0]) for b in article.blocks
               if b.kind in ("heading", "keywords") and b.level != 1]
    assert outline == [("heading", "kk", "Аңдатпа"), ("keywords", "kk", "Тірек сөздер"),
                       ("heading", "ru", "Аннотация"), ("keywords", "ru", "Ключевые слова"),
                       ("heading", "en", "Abstract"), ("keywords", "en", "Key words")]
    abstracts = [b for b in article.blocks if b.kind == "paragraph" and b.lang != "kk" and "role" not in b.attrs]
    assert [b.lang for b in abstracts] == ["ru", "en"]
    assert abstracts[0].text.startswith("В данной статье") and abstracts[1].text.startswith("In this article")
    body = block_at(article, 50)
    assert body.kind == "paragraph" and body.lang == "kk" and body.text.startswith("Елбасымыз")


def test_article_lists_keep_their_markers(article):
    items = [b for b in article.blocks if b.kind == "list_item"]
    markers = [b.attrs["marker"] for b in items]
    assert markers[:3] == ["а)", "ә)", "б)"]
    assert markers[3:8] == ["1)", "2)", "3)", "4)", "5)"]
    assert markers[8:] == [f"{n})" for n in range(1, 14)]
    assert all(b.text.startswith(b.attrs["marker"]) for b in items)
    assert items[-1].text.endswith("[6]")


# -- interview (001) ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def interview(docs_by_seed):
    return docs_by_seed["001"]


def test_interview_title_lead_and_turns(interview):
    title, lead = interview.blocks[0], interview.blocks[1]
    assert (title.kind, norm(title.text)) == ("heading", "Қасым-Жомарт Тоқаев: «Мақсатым – экономиканы және егемендікті нығайту»")
    assert (lead.kind, norm(lead.text)) == ("lead", "Мемлекет басшысының «Ana tili» газетіне берген сұхбаты")
    turns = [b for b in interview.blocks if b.attrs.get("turn")]
    kinds = [b.kind for b in turns]
    # 33 questions, each answered (counted by reading the seed: a dash opens every turn)
    assert kinds == ["question", "answer"] * 33
    questions = [norm(b.text) for b in turns if b.kind == "question"]
    assert questions[0].startswith("– Құрметті Қасым-Жомарт Кемелұлы")
    assert questions[-1].startswith("– Сұхбат бергеніңіз үшін ризашылық білдіремін")
    assert sum("?" not in q for q in questions) == 1      # "…пікіріңізді білгісі келеді." asks without "?"
    # every paragraph after the lead belongs to a turn
    assert {b.kind for b in interview.blocks[2:]} == {"question", "answer"}


def test_interview_turn_opening_split_by_a_column_break_is_one_question(interview):
    question = next(b for b in interview.blocks if b.text.startswith("– Қытай Халық"))
    assert question.kind == "question" and "Республикасының Төрағасы Си" in question.text


# -- web page (004) -----------------------------------------------------------------------------

def test_web_page_items(docs_by_seed):
    doc = docs_by_seed["004"]
    starts = [b for b in doc.blocks if b.attrs.get("page_title")]
    assert len(starts) == 2
    assert starts[0].kind == "heading" and norm(starts[0].text).startswith("Конституциялық реформалар жөніндегі комиссия")
    assert doc.blocks[1].kind == "lead" and doc.blocks[1].text.startswith("Бұл құжат азаматтардан")
    assert starts[1].kind == "lead" and starts[1].text.startswith("Премьер-министр Олжас Бектенов")
    assert [b.text for b in doc.blocks if b.kind == "separator"] == ["*"]
    assert len(split_pages(doc)) == 2


# -- overrides and writer ----------------------------------------------------------------------

def test_override_naming_a_line_inside_a_paragraph_is_a_clear_error():
    doc = Document("x", "book", "x.txt", "Бір екі\nүш.\n\nТөрт.")
    doc.blocks = paragraphs_of(doc)
    doc.meta["entry"] = SimpleNamespace(overrides={"pages": [{"line": 2, "title": "Т"}]}, line=12)
    with pytest.raises(EditionError) as err:
        detect_structure.run(doc)
    assert err.value.line == 12 and "line 2" in err.value.message and "paragraph_starts" in err.value.hint


def test_unknown_override_is_rejected():
    doc = Document("x", "book", "x.txt", "Бір.")
    doc.blocks = paragraphs_of(doc)
    doc.meta["entry"] = SimpleNamespace(overrides={"heading": [{"line": 1}]}, line=3)
    with pytest.raises(EditionError, match="unknown override"):
        detect_structure.run(doc)


def test_every_block_renders_as_one_chunk_with_its_id(corpus_docs):
    for doc in corpus_docs.values():
        for n, page in enumerate(split_pages(doc), 1):
            parsed = parse_page(render_page(page, doc, n, 0))
            keys = [c.key for c in parsed.chunks]
            assert keys == ([TITLE] if keys and keys[0] == TITLE else []) + [b.id for b in page.blocks], page.title


def test_page_title_heading_is_h1_and_levels_are_not_skipped(docs_by_seed):
    book = docs_by_seed["002"]
    for n, page in enumerate(split_pages(book), 1):
        lines = [ln for ln in render_page(page, book, n, 0).splitlines() if ln.startswith("#")]
        assert lines[0].startswith("# ") and sum(ln.startswith("# ") for ln in lines) == 1, page.title
        levels = [len(ln) - len(ln.lstrip("#")) for ln in lines]
        assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), (page.title, levels)


# -- newspaper (000) ----------------------------------------------------------------------------

# The articles of the issue in reading order, headlines as printed (read from the seed: two-column
# headlines put back together, overprinted lines read once).
NEWSPAPER_HEADLINES = [
    "РЕФОРМАЛАРДЫҢ МӘНІ – 3: ХХІ ҒАСЫРДАҒЫ ҰЛТТЫҢ ЖАҢА САПАСЫ",
    "«ДӘРІГЕР TALKS» – МЕДИЦИНАДАҒЫ ДИАЛОГ АЛАҢЫ",
    "ЭЛЕКТРОНДЫҚ САУДАҒА ҚАТЫСТЫ ЗАҢ ЖОБАСЫН ҚАРАЙДЫ",
    "ҰЛАСБЕК СӘДІБЕКОВ, МӘЖІЛІС ДЕПУТАТЫ, «AMANAT» ПАРТИЯСЫ ФРАКЦИЯСЫНЫҢ МҮШЕСІ: "
    "ҚАРАЖАТТЫҢ КӨБІ КҮНДЕЛІКТІ ШЫҒЫСТАРДЫ ЖАБУҒА ЖҰМСАЛЫП ЖАТЫР",
    "ӨРКЕНДЕГЕН ӨҢІР – ЕЛ ТІРЕГІ",
    "АЛЫП КЕМЕ ӘЗІРЛЕНІП ЖАТЫР",
    "ҚАУІПСІЗДІКТІҢ БАСТЫ ШАРТЫ – ҚАТАҢ ТӘРТІП",
    "ТЫНЫШТЫҚ КҮЗЕТШІСІ",
    "ОҚУШЫЛАР КӘСІП ТАҢДАУДА ҚИНАЛАДЫ",
    "ҚОРШАҒАН ОРТАНЫ ҚОРҒАУДЫ ДАҒДЫҒА АЙНАЛДЫРУ КЕРЕК",
    "ӨНДІРІСТІҢ ЖАҢА ӨЗЕГІ – AQMOLA",
    "ЖАНДЫ ЖҰТТЫ, ЗАҢДЫ ҚҰРТТЫ",
    "БӘС ТІГІЛГЕН БОЛАШАҚ",
    "ҰЛТ ТЕАТРЫНЫҢ АНАЛАРЫ",
    "МӘҢГІ СӨЗ АРХИВКЕ КӨШКЕН",
]


@pytest.fixture(scope="module")
def paper(docs_by_seed):
    return docs_by_seed["000"]


def test_newspaper_articles_one_page_each(paper):
    starts = [b for b in paper.blocks if b.attrs.get("page_title")]
    assert [norm(b.text) for b in starts] == NEWSPAPER_HEADLINES
    assert all(b.kind == "heading" and b.level == 2 for b in starts)
    titles = [p.title for p in split_pages(paper)]
    # a long headline is shortened for the navigation: "…" ends its page title
    named = [next((h for h in NEWSPAPER_HEADLINES if h.startswith(t.rstrip("…"))), None) for t in titles]
    assert [h for h in named if h] == NEWSPAPER_HEADLINES
    # only the long lead article takes several pages, cut at its subheadings
    extra = [t for t, h in zip(titles, named) if h is None]
    assert named.index(NEWSPAPER_HEADLINES[1]) == len(extra) + 1
    assert set(extra) <= {norm(b.text) for b in paper.blocks if b.kind == "heading" and b.level == 3} | {
        f"{NEWSPAPER_HEADLINES[0]} ({n}-бөлім)" for n in range(2, 9)}


def test_newspaper_lead_article_front_page(paper):
    # gold 000 lines 1-46: headline (lines 1 and 29), lead, byline, subheading, epigraph, its source
    first = paper.blocks[:6]
    assert [b.kind for b in first] == ["heading", "paragraph", "byline", "heading", "quote", "paragraph"]
    assert norm(first[2].text) == "Мәулен ӘШІМБАЕВ, ҚР Парламенті Сенатының Төрағасы"
    assert norm(first[3].text) == "ТАРИХТАН ТАРТЫЛҒАН КӨПІР" and first[3].level == 3
    assert norm(first[5].text) == "«Сұлтан Бейбарыс» фильмі (1989)"
    subheadings = [norm(b.text) for b in paper.blocks[:200] if b.kind == "heading" and b.level == 3]
    assert subheadings[:3] == ["ТАРИХТАН ТАРТЫЛҒАН КӨПІР", "ТАРИХ ТАСҚЫНЫНДА ЖОҒАЛМАУ", "ҚАТАР ЖОЛДАР ТОҒЫСПАЙДЫ"]


def test_newspaper_front_page_columns_read_in_order(paper):
    # page 1 columns came out of order: "дү-" (line 49) continues with "ние" (line 91)
    assert "өткеннің қойнауында қалған дүние секілді қабылдаймыз" in norm(block_at(paper, 48).text)
    assert "Бейбарыс салдырған мешіттің ашылу салтанатына қатысу еді" in norm(block_at(paper, 106).text)


def test_newspaper_front_page_teasers_repeated_inside_are_removed_and_logged(paper):
    removed = {r.line: norm(r.text) for r in paper.removals if r.rule == "structure_newspaper:front_page_teaser"}
    assert removed.get(31) == "ТЫНЫШТЫҚ КҮЗЕТШІСІ" and 32 in removed and 121 in removed and 133 in removed
    # the article keeps its own headline and standfirst, at its start
    police = next(b for b in paper.blocks if norm(b.text) == "ТЫНЫШТЫҚ КҮЗЕТШІСІ")
    standfirst = paper.blocks[paper.blocks.index(police) + 1]
    assert standfirst.kind == "lead" and standfirst.text.startswith("Кешкі сағат жеті.")
    assert paper.blocks[paper.blocks.index(police) + 2].text.startswith("Астана қаласындағы полиция")


def test_newspaper_body_cut_by_its_headline_is_rejoined(paper):
    # gold 000 lines 3097-3176: "орталы-ТЫНЫШТЫҚ" … "ғы на" → "орталығына", the standfirst out of the paragraph
    body = block_with_text(paper, "отбасын қолдау орталығына жүгінуге кеңес берді")
    assert "Кешкі сағат жеті" not in body.text and "ТЫНЫШТЫҚ" not in body.text


def test_newspaper_running_titles_and_pull_quotes(paper):
    titles = [r.line for r in paper.removals if r.rule == "structure_newspaper:running_title"]
    assert sorted(titles) == [441, 809, 1155, 1504]
    pull = block_at(paper, 444)      # "Осыдан келіп шығатын қорытынды…" repeats lines 334-342
    assert pull.kind == "quote" and pull.attrs.get("pull_quote")
    assert not pull.text.rstrip().endswith("сипаты.")    # the body text glued after it is cut off
    assert block_at(paper, 334).kind == "paragraph"


def test_newspaper_bylines(paper):
    bylines = [norm(b.text) for b in paper.blocks if b.kind == "byline"]
    for expected in ("Жанат ҚАЙЫРҒОЖИНА, Батыс Қазақстан облысы", "Н.ОРАЗҒАЛИЕВ", "Сұхбаттасқан Нұрлан ҚОСАЙ",
                     "Абзал АЛПЫСБАЙҰЛЫ, Ақмола облысы", "Асыл ЖИЕНБАЙ, ЕҰУ студенті"):
        assert expected in bylines
    assert not any(b.startswith("Кейбір ЖОО") for b in bylines)


def test_overprinted_lines_are_read_once_and_logged(paper):
    changes = [(e.line, e.after) for e in paper.emendations if e.rule == "undouble_overprinted_lines"]
    assert (1688, "ЭЛЕКТРОНДЫҚ") in changes and (3329, "Динара ОСПАНОВА,") in changes
    assert len(changes) == 13


def test_newspaper_rules_without_a_catalogue_list():
    text = ("ЖАҢА ЖОЛ АШЫЛДЫ\n\nМәтін басталады.\n\nАсыл ЖИЕНБАЙ,\nстудент\n\nЕКІНШІ МАҚАЛА\n\nОның мәтіні.\n\n"
            "ІШКІ ТАҚЫРЫП\n\nТағы мәтін.")
    doc = Document("x", "newspaper", "x.txt", text)
    doc.blocks = paragraphs_of(doc)
    structure_newspaper.run(doc)
    assert [b.attrs.get("page_title") for b in doc.blocks if b.attrs.get("page_title")] == ["ЖАҢА ЖОЛ АШЫЛДЫ", "ЕКІНШІ МАҚАЛА"]
    assert [(b.kind, b.level) for b in doc.blocks if b.kind == "heading"] == [("heading", 2), ("heading", 2), ("heading", 3)]


def test_article_override_naming_a_missing_line_is_a_clear_error():
    doc = Document("x", "newspaper", "x.txt", "ТАҚЫРЫП\n\nМәтін.")
    doc.blocks = paragraphs_of(doc)
    doc.meta["entry"] = SimpleNamespace(overrides={"articles": [{"headline": [1], "parts": [5]}]}, line=9)
    with pytest.raises(EditionError) as err:
        structure_newspaper.run(doc)
    assert "line 5" in err.value.message and err.value.line == 9


def block_with_text(doc: Document, needle: str):
    found = [b for b in doc.blocks if needle in norm(b.text)]
    assert found, needle
    return found[0]
