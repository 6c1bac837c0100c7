"""Kazakh Cyrillic → töte jazu and töte search queries → Cyrillic: Python and JavaScript on one vector file
(sentences quoted from töte pages published by Egemen Qazaqstan, Kazinform, Dala News, Astana Aqshamy)."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from build_edition.core.errors import EditionError
from build_edition.site.search.normaliser import default_rules, normalise_text
from build_edition.write.scripts import SCRIPTS, fill_placeholders
from build_edition.text import tote
from build_edition.text.tote import HAMZA, LETTERS, to_arabic, tote_query_to_cyrillic, word_to_arabic
from build_edition.text.translit import query_to_cyrillic

ROOT = Path(__file__).resolve().parent.parent
VECTORS_PATH = ROOT / "tests/data/tote_vectors.json"
VECTORS = json.loads(VECTORS_PATH.read_text(encoding="utf-8"))
TOTE_SCRIPT = "assets/javascripts/kk-tote.js"
JS_SOURCE = ROOT / "build_edition/data/translit/kk-tote.js"
KAZAKH = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
ARABIC = re.compile("[\u0600-\u06FF]")


@pytest.fixture(scope="module")
def js_module() -> Path:
    """kk-tote.js as the site ships it: written with its tables into content/ by the pipeline (checked
    against the data file by tests/test_translit.py)."""
    return ROOT / "content" / TOTE_SCRIPT


@pytest.mark.parametrize("vector", VECTORS["to_arabic"], ids=lambda v: v["shows"][:40])
def test_published_tote_python(vector):
    assert vector["source"].startswith("https://")
    assert to_arabic(vector["cyrillic"]) == vector["tote"]


@pytest.mark.parametrize("typed,cyrillic", VECTORS["query"])
def test_tote_query_python(typed, cyrillic):
    assert tote_query_to_cyrillic(typed) == cyrillic
    assert query_to_cyrillic(typed) == cyrillic          # what the search box calls


def _run_js(script: str) -> object:
    node = shutil.which("node")
    assert node, "node is needed to test the JavaScript twin (apt-get install nodejs)"
    result = subprocess.run([node, "-e", script], capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


HOSTILE = ["", "   ", "3,5 млн; 10,0", "«ӘОК» — 2021?", "щ ъ ь ё ю я Юрий", "ҚАЗАҚСТАН РЕСПУБЛИКАСЫ",
           "ў ґ ї Ѣ", "a,b", "сөз\u00adдік", "Қ.Тоқаев,", "ия ию Ия", "\U0001F600 мен", "е-е", "1,"]
QUERIES = ["ٴبىلىم ءبىز", "ۋاقىت؟", "أاا", "ەلباسى قىزمەت", "بِلِم", "", "ـــ", "ک ی ه", "ٵ", "Ana tili", "اي يا ايا"]


def test_javascript_twin_gives_the_same_results(js_module):
    """Published vectors and hostile inputs: the browser converts exactly as the build does."""
    words = sorted({w for v in VECTORS["to_arabic"] for w in re.findall("[а-яәғқңөұүһі]+", v["cyrillic"].lower())})
    round_trip = [to_arabic(w) for w in words]
    script = f"""
      const t = require({json.dumps(str(js_module))});
      const v = require({json.dumps(str(VECTORS_PATH))});
      const hostile = {json.dumps(HOSTILE, ensure_ascii=False)};
      const queries = {json.dumps(QUERIES + round_trip, ensure_ascii=False)};
      console.log(JSON.stringify({{
        tote: v.to_arabic.map(p => t.toArabic(p.cyrillic)),
        query: v.query.map(p => t.toteQueryToCyrillic(p[0])),
        hostile: hostile.map(t.toArabic),
        queries: queries.map(t.toteQueryToCyrillic),
        table: t.LETTERS,
      }}));
    """
    out = _run_js(script)
    assert out["tote"] == [v["tote"] for v in VECTORS["to_arabic"]]
    assert out["query"] == [cyr for _, cyr in VECTORS["query"]]
    assert out["hostile"] == [to_arabic(text) for text in HOSTILE]
    assert out["queries"] == [tote_query_to_cyrillic(q) for q in QUERIES + round_trip]
    assert out["table"] == LETTERS


def test_every_kazakh_letter_has_a_tote_form_in_the_arabic_script():
    assert set(LETTERS) == set(KAZAKH)
    for cyrillic, arabic in LETTERS.items():
        assert all(ARABIC.match(ch) for ch in arabic), cyrillic
    assert not ARABIC.search(to_arabic("Қазақстан 2021 «egemen.kz»").replace(HAMZA, "").split()[1])


@pytest.mark.parametrize("word,tote_word", [
    ("бір", "ءبىر"), ("өз", "ءوز"), ("үміт", "ءۇمىت"), ("әр", "ءار"),         # front, no ە ك گ: one hamza
    ("мемлекет", "مەملەكەت"), ("көк", "كوك"), ("бүгін", "بۇگىن"),           # е, к, г already mark it
    ("баспасөзі", "ءباسپاسوزى"),                                           # once, at the start
    ("қазақ", "قازاق"), ("ұлы", "ۇلى"),                                     # back: none
])
def test_the_hamza_is_written_once_at_the_start_of_a_front_word_without_e_k_g(word, tote_word):
    assert word_to_arabic(word) == tote_word
    assert word_to_arabic(word.upper()) == tote_word                        # Arabic has no capitals


def test_punctuation_digits_and_other_scripts():
    assert to_arabic("3,5 млн, 2021 жыл; қалай?") == "3,5 ملن، 2021 جىل؛ قالاي؟"
    assert to_arabic("Ana tili, XXI ғасыр") == "Ana tili، XXI عاسىر"          # Latin letters are kept
    assert to_arabic("") == ""


def test_a_tote_query_finds_the_normalised_cyrillic_word_of_the_real_texts():
    """Each Kazakh word of the edition (content/) written in töte and typed as a query comes back to
    the same search terms as the Cyrillic word in at least 98% of the running words (measured 98.3%;
    the rest are mixed words töte cannot tell apart: қазіргі, қауіпсіздік, диалог)."""
    rules = default_rules()
    counts: dict[str, int] = {}
    for page in sorted((ROOT / "content").rglob("*.md")):
        for word in re.findall("[а-яёәғқңөұүһі]+", page.read_text(encoding="utf-8").lower()):
            counts[word] = counts.get(word, 0) + 1
    total = sum(counts.values())
    same = sum(n for w, n in counts.items()
               if normalise_text(tote_query_to_cyrillic(to_arabic(w)), rules) == normalise_text(w, rules))
    assert total > 100_000
    assert same / total >= 0.98


def test_the_javascript_source_holds_no_copy_of_the_table():
    source = JS_SOURCE.read_text(encoding="utf-8")
    assert "{/* kk-arab.json: letters */}" in source
    assert '"ә": "ا"' not in source
    assert SCRIPTS[TOTE_SCRIPT] == (JS_SOURCE, tote.TABLE_PATH)


def test_a_missing_tote_section_is_a_clear_error():
    with pytest.raises(EditionError, match="no section vowels in kk-arab.json"):
        fill_placeholders("var X = {/* kk-arab.json: vowels */};", tote.TABLE, tote.TABLE_PATH)


def test_the_search_box_reads_a_tote_query_in_the_browser_as_in_python(js_module):
    """kk-translit.js's queryToCyrillic (what kk-search.js calls) hands a töte query to kk-tote.js."""
    translit = ROOT / "content/assets/javascripts/kk-translit.js"
    typed = [q for q, _ in VECTORS["query"]] + ["Ata Zañy", "Токaев Ana tili"]
    script = f"""
      globalThis.kkTote = require({json.dumps(str(js_module))});
      const t = require({json.dumps(str(translit))});
      console.log(JSON.stringify({json.dumps(typed, ensure_ascii=False)}.map(t.queryToCyrillic)));
    """
    assert _run_js(script) == [query_to_cyrillic(q) for q in typed]
