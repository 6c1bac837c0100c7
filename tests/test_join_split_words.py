"""join_split_words: justification spaces inside words are closed (newspaper 000), real word
boundaries stay (particles, short words), and clean seeds are left alone."""
from __future__ import annotations

import re

import pytest

from build_edition.evidence.word_model import word_model_for
from build_edition.core.model import Document
from build_edition.passes.words import join_split_words
from build_edition.passes.words.join_split_words import rejoin
from build_edition.build.pipeline import read_documents

RULE = "join_split_words"
# free words that no word of the seeds begins with
SHORT_WORDS = {"бұл", "және", "деп", "мен"}


@pytest.fixture(scope="module")
def raw_docs(entries, project):
    return {d.seed_name[:3]: d for d in read_documents(entries, project.seeds)}


@pytest.fixture(scope="module")
def newspaper_model(raw_docs):
    return word_model_for(raw_docs["000"])


@pytest.fixture(scope="module")
def book_model(raw_docs):
    return word_model_for(raw_docs["002"])


# -- lines of the newspaper, with the newspaper's evidence (damaged document, learnt prior) -------

@pytest.mark.parametrize("line, expected", [
    ("бо ла  шаққа салынған", "болашаққа салынған"),
    ("Пре зидентіміз Қасым-Жомарт", "Президентіміз Қасым-Жомарт"),
    ("сыр дың бір лескен жо басы, ХІІІ", "сырдың бірлескен жобасы, ХІІІ"),
    ("да Бейбарыс салдырған ме   шіттің", "да Бейбарыс салдырған мешіттің"),
    ("ұлас тырған жүйке та мыр   дың бүлкілдеп", "ұластырған жүйке тамырдың бүлкілдеп"),
    ("ашы лу сал танатына қатысу еді", "ашылу салтанатына қатысу еді"),
    ("айт қан едік. Оның басты белгісі", "айтқан едік. Оның басты белгісі"),
    ("жыл    дығына орай Каирге бардық", "жылдығына орай Каирге бардық"),
])
def test_newspaper_fragments_join(newspaper_model, line, expected):
    assert rejoin(line, newspaper_model, inside_word=0.25) == expected


@pytest.mark.xfail(strict=True, reason="known limitation: a particle after a word that the corpus also "
                   "writes joined with that ending (экономикада, еркімен) is joined; syntax would be needed")
@pytest.mark.parametrize("line", [
    "Бұл дегеніңіз, экономика да, саяси",
    "жаны, мәні, еркі мен рухы.",
])
def test_particle_against_frequent_joined_form(newspaper_model, line):
    assert rejoin(line, newspaper_model, inside_word=0.25) == line


# Lines of the newspaper (seed 000) where the particle is written apart by the author: a
# conjunction (мен/бен/пен), an emphatic particle (да/де/та/те) or a question particle before "?".
@pytest.mark.parametrize("line, expected", [
    ("кеше мен бүгінді жал ғайтын", "кеше мен бүгінді жалғайтын"),            # line 100
    ("Туға, Aнұран мен Елтаңбаға, ата-", "Туға, Aнұран мен Елтаңбаға, ата-"),  # 1326
    ("Сонымен қатар Қостанай мен", "Сонымен қатар Қостанай мен"),              # 2151
    ("Қазыбек Құрайыш, Мирас пен", "Қазыбек Құрайыш, Мирас пен"),              # 742
    ("халықты найза мен қы лыш арқылы", "халықты найза мен қылыш арқылы"),    # 967
    # the plural joins, the conjunction stays (`географтармен` was one word before)
    ("дың, геог раф тар мен саяхатшылар-", "дың, географтар мен саяхатшылар-"),  # 890
    ("тылған әдет-ғұрып  тар мен салт-", "тылған әдет-ғұрыптар мен салт-"),    # 1318
    ("жолға қойылған ба?", "жолға қойылған ба?"),                              # 3351
    ("«Менің қолымнан келе ме?»", "«Менің қолымнан келе ме?»"),                # 3519
    ("супер-бірегейлік бізге тән бе?", "супер-бірегейлік бізге тән бе?"),      # 277
    ("ол біртұтас па, әлде к�пмәдениетті ме?", "ол біртұтас па, әлде к�пмәдениетті ме?"),  # 273
    ("шетелде жүріп те, бір-бірімізді", "шетелде жүріп те, бір-бірімізді"),    # 461
    ("Бұл ретте қазақы бірегейлік те", "Бұл ретте қазақы бірегейлік те"),      # 610
    ("– Жай тұрған к�лік те қауіп", "– Жай тұрған к�лік те қауіп"),            # 3197
    ("деп те айту", "деп те айту"),                                            # 3884
])
def test_newspaper_particles_stay_apart(newspaper_model, line, expected):
    assert rejoin(line, newspaper_model, inside_word=0.25) == expected


def test_particle_is_not_glued_to_either_neighbour(newspaper_model):
    # line 3126: `сабырлыдаусымен` was made of it; line 3629: blocking `мектепте` must not give `тежеткілікті`
    assert rejoin("нің сабырлы даусы мен байыпты", newspaper_model, inside_word=0.25).endswith(" мен байыпты")
    assert "тежеткілікті" not in rejoin("мек теп те жеткілікті емес", newspaper_model, inside_word=0.25)


# Lines of the newspaper where the same letters are a word's ending or last syllable: they join.
@pytest.mark.parametrize("line, expected", [
    ("ішін де қару сақтайтын орын, асха-", "ішінде қару сақтайтын орын, асха-"),  # 2731
    ("к� пір пай да бол ған дай, дәуір ді дәуірге", "к�пір пайда болғандай, дәуірді дәуірге"),  # 101
    ("Одан бай-қуат ты Батыс Еуро па", "Одан бай-қуатты Батыс Еуропа"),        # 291
    ("ке ме құрастырушы зауыт бо лып", "кеме құрастырушы зауыт болып"),        # 2813
    ("ал ды мен аумақты шолып шық-", "алдымен аумақты шолып шық-"),            # 3187
    ("елор да маңындағы аумақтың да", "елорда маңындағы аумақтың да"),          # 4093
    ("Бірақ /бішті ренжіт пе,", "Бірақ /бішті ренжітпе,"),                      # 4698: negative imperative
    ("шама мен, «ағылшындық», бри-", "шамамен, «ағылшындық», бри-"),           # 607
    ("Алай  да ол полиция қызметкері-", "Алайда ол полиция қызметкері-"),      # 3125
    ("та рих та мозаикалық тұтастық", "тарихта мозаикалық тұтастық"),          # 1032
    ("мұны кем де ген де 13 ғасыр бұрын", "мұны кем дегенде 13 ғасыр бұрын"),  # 401
    ("Бір ақ мұндай хабарламаның еш-", "Бірақ мұндай хабарламаның еш-"),      # 3194
    ("кері сін ше бірік-", "керісінше бірік-"),                                # 582
    ("сақтай отырып, бәрі мен достық", "сақтай отырып, бәрімен достық"),       # 1180
])
def test_newspaper_endings_that_look_like_particles_join(newspaper_model, line, expected):
    assert rejoin(line, newspaper_model, inside_word=0.25) == expected


def test_plural_ending_is_not_a_free_word(newspaper_model):
    # `тар` ("narrow") is a frequent word, but after a stem it is the plural ending
    assert newspaper_model.analysis("географтар") == ("географ", "тар")
    assert newspaper_model.analysis("ғұрыптар") == ("ғұрып", "тар")


@pytest.mark.parametrize("line", [
    "Қазақстан мен Мысыр",                        # conjunction between names
    "технологиялар мен к�не негіздің",            # conjunction
    "Сол кезде біз бен сіз",
    "ол да бұл да емес",                          # short words stay apart
    "әрі ашық әңгіме өрбітеміз деп ойлаймын",
    "ДНК код",                                    # lowercase never continues an acronym
])
def test_newspaper_real_boundaries_stay(newspaper_model, line):
    assert rejoin(line, newspaper_model, inside_word=0.25) == line


def test_particle_after_clean_word_stays_in_a_clean_book(book_model):
    for line in ["қоғамның әлеуметтік тұрақтылығы мен экономикалық", "құндылықтар мен бостандықтары"]:
        assert rejoin(line, book_model, inside_word=0.001) == line


# -- the whole corpus through the pipeline --------------------------------------------------------

def texts(doc: Document) -> str:
    return "\n".join(b.text for b in doc.blocks)


def test_newspaper_words_restored(docs_by_seed):
    text = texts(docs_by_seed["000"])
    for word in ["болашаққа", "Президентіміз", "жобасы", "мешіттің", "тамырдың", "бәрімен", "2023 жылмен"]:
        assert word in text, word
    for broken in ["бо ла", "Пре зидентіміз", "жо басы", "ме шіттің", "ме   шіттің"]:
        assert broken not in text, broken


def test_many_joins_in_the_newspaper_and_almost_none_in_clean_seeds(docs_by_seed):
    counts = {seed: sum(1 for e in doc.emendations if e.rule == RULE) for seed, doc in docs_by_seed.items()}
    assert counts["000"] > 1000
    # clean seeds: a join needs the corpus to write the joined form, against a tiny prior
    assert counts["002"] <= 5 and counts["003"] == 0 and counts["004"] == 0
    assert counts["001"] <= 5


def test_free_short_words_are_never_glued(docs_by_seed):
    for seed, doc in docs_by_seed.items():
        for e in doc.emendations:
            if e.rule == RULE:
                first = e.before.split()[0].lower()
                assert first not in SHORT_WORDS, (seed, e.before, e.after)


def test_emendations_only_remove_spaces(docs_by_seed):
    for seed, doc in docs_by_seed.items():
        for e in doc.emendations:
            if e.rule == RULE:
                assert re.sub(r"\s+", "", e.before) == e.after, (seed, e)
                assert " " not in e.after


def test_clean_seed_lines_unchanged(raw_docs):
    """The pass alone on the clean book (002) changes almost nothing of its 119 000 words."""
    doc = raw_docs["002"]
    part = Document(doc.slug, doc.kind, doc.seed_name, doc.source, meta=dict(doc.meta))
    part.blocks = [part.make_block("paragraph", 0, len(doc.source))]
    join_split_words.run(part)
    assert len(part.emendations) <= 5


# -- hostile input ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["", " ", "а", "а б в г д", "$ # ! 9", "— – -", "\n\n", "сөз" * 300, "«» () []"])
def test_hostile_text_does_not_crash(raw_docs, text):
    doc = Document("x", "newspaper", "x.txt", text, meta={"lexicon": raw_docs["000"].meta["lexicon"]})
    doc.blocks = [doc.make_block("paragraph", 0, len(text))] if text else []
    join_split_words.run(doc)
    assert not text or re.sub(r"\s+", "", doc.blocks[0].text) == re.sub(r"\s+", "", text)
