"""Kazakh Cyrillic → Latin (2021) and Latin-query → Cyrillic: Python and JavaScript on one vector file."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from build_edition.core.errors import EditionError
from build_edition.write.scripts import SCRIPTS, fill_placeholders, script_files
from build_edition.text.translit import CYRILLIC_TO_LATIN, is_latin_query, query_to_cyrillic, to_cyrillic_query, to_latin
from build_edition.text.words import url_slug

ROOT = Path(__file__).resolve().parent.parent
VECTORS = json.loads((ROOT / "tests/data/translit_vectors.json").read_text(encoding="utf-8"))
SCRIPT = "assets/javascripts/kk-translit.js"
JS_SOURCE = ROOT / "build_edition/data/translit/kk-translit.js"


@pytest.fixture(scope="module")
def js_module() -> Path:
    """kk-translit.js as the site ships it: written with its table into content/ by the pipeline."""
    return ROOT / "content" / SCRIPT


@pytest.mark.parametrize("cyrillic,latin", VECTORS["to_latin"])
def test_to_latin_python(cyrillic, latin):
    assert to_latin(cyrillic) == latin


@pytest.mark.parametrize("latin,cyrillic", VECTORS["to_cyrillic_query"])
def test_to_cyrillic_query_python(latin, cyrillic):
    assert to_cyrillic_query(latin) == cyrillic


@pytest.mark.parametrize("typed,cyrillic", VECTORS["query_to_cyrillic"])
def test_query_to_cyrillic_python(typed, cyrillic):
    assert query_to_cyrillic(typed) == cyrillic


def _node() -> str:
    node = shutil.which("node")
    assert node, "node is needed to test the JavaScript twin (apt-get install nodejs)"
    return node


def _run_js(script: str) -> object:
    result = subprocess.run([_node(), "-e", script], capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def test_javascript_twin_gives_the_same_results_on_the_shared_vectors(js_module):
    script = f"""
      const t = require({json.dumps(str(js_module))});
      const v = require({json.dumps(str(ROOT / "tests/data/translit_vectors.json"))});
      console.log(JSON.stringify({{
        latin: v.to_latin.map(p => t.toLatin(p[0])),
        cyrillic: v.to_cyrillic_query.map(p => t.toCyrillicQuery(p[0])),
        query: v.query_to_cyrillic.map(p => t.queryToCyrillic(p[0])),
        table: t.CYRILLIC_TO_LATIN,
      }}));
    """
    out = _run_js(script)
    assert out["latin"] == [latin for _, latin in VECTORS["to_latin"]]
    assert out["cyrillic"] == [cyr for _, cyr in VECTORS["to_cyrillic_query"]]
    assert out["query"] == [cyr for _, cyr in VECTORS["query_to_cyrillic"]]
    assert out["table"] == CYRILLIC_TO_LATIN


def test_every_kazakh_letter_has_a_latin_form_and_only_2021_letters_are_used():
    kazakh = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
    assert set(kazakh) == set(CYRILLIC_TO_LATIN)
    alphabet_2021 = set("aäbdefgğhıijklmnñoöpqrsştuūüvyz" + "c")  # c only in the documented ts/ch choice
    used = set("".join(CYRILLIC_TO_LATIN.values()))
    assert used <= alphabet_2021


def test_real_seed_line_becomes_all_latin():
    seed = next((ROOT / "seeds").glob("001_*.txt")).read_text(encoding="utf-8")
    lines = [line for line in seed.splitlines() if "Тоқаев" in line]
    assert lines, "the interview names Тоқаев"
    latin = to_latin(lines[0])
    assert "Toqaev" in latin
    assert not any("\u0400" <= ch <= "\u04FF" for ch in latin)


def test_query_script_detection():
    assert is_latin_query("Toqaev")
    assert is_latin_query("ata zan 2021")
    assert not is_latin_query("Тоқаев")
    assert not is_latin_query("Ana tili газеті")
    assert not is_latin_query("2021")


def test_the_javascript_source_holds_no_copy_of_the_table():
    source = JS_SOURCE.read_text(encoding="utf-8")
    assert "{/* kk-latin.json: alphabet_2021, not_in_2021 */}" in source
    assert '"ә": "ä"' not in source and '"ı": "I"' not in source


def test_a_missing_placeholder_or_section_is_a_clear_error():
    with pytest.raises(EditionError, match="placeholder"):
        fill_placeholders("var CYRILLIC_TO_LATIN = {};")
    with pytest.raises(EditionError, match="no section latin_lower"):
        fill_placeholders("var X = {/* kk-latin.json: latin_lower */};")


# The ASCII spelling of every letter in page addresses, as the pages were first published: derived from
# the 2021 table, it must not drift, or existing links break.
SLUG_LETTERS = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "i", "к": "k", "қ": "q", "л": "l", "м": "m", "н": "n", "ң": "n", "о": "o",
    "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "u", "ү": "u", "ф": "f", "х": "h",
    "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sh", "ъ": "", "ы": "y", "і": "i", "ь": "", "э": "e",
    "ю": "iu", "я": "ia",
}


@pytest.mark.parametrize("letter,ascii", SLUG_LETTERS.items())
def test_slug_spelling_of_every_letter(letter, ascii):
    assert url_slug(f"x{letter}x") == f"x{ascii}x"
    assert url_slug(f"x{letter.upper()}x") == f"x{ascii}x"


def test_slug_of_a_real_heading():
    assert url_slug("4.4. Әкежан Қажыгелдин факторы") == "4-4-akezhan-qazhygeldin-faktory"


def test_the_scripts_in_content_are_what_their_tables_give():
    """The pipeline writes the filled scripts into content/ (any renderer copies them into the site, no
    hook fills them): the committed ones are what the sources and the data files give now."""
    assert set(SCRIPTS) == {SCRIPT, "assets/javascripts/kk-tote.js"}
    for rel, text in script_files().items():
        shipped = (ROOT / "content" / rel).read_text(encoding="utf-8")
        assert shipped == text, f"content/{rel} is out of date: run build-edition build"
        assert "kk-latin.json:" not in shipped and "kk-arab.json:" not in shipped
    shipped = (ROOT / "content" / SCRIPT).read_text(encoding="utf-8")
    assert '"ә": "ä", "б": "b"' in shipped
    assert shipped == fill_placeholders(JS_SOURCE.read_text(encoding="utf-8"))
    assert not (ROOT / "overrides" / SCRIPT).exists()       # no theme copy beside it


def test_lint_reports_a_script_edited_by_hand(tmp_path):
    from build_edition.editorial.lint import lint_paths

    content = tmp_path / "content"
    for rel, text in script_files().items():
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        (content / rel).write_text(text, encoding="utf-8")
    assert lint_paths(content) == []
    edited = content / SCRIPT
    edited.write_text(edited.read_text(encoding="utf-8").replace('"ә": "ä"', '"ә": "a"'), encoding="utf-8")
    assert [(f.code, f.level, f.file.endswith(SCRIPT)) for f in lint_paths(content)] == [("script", "error", True)]
