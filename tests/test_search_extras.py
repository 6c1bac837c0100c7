"""Search v2 (issue 22) without a browser: the synonyms and names the build writes from the curated
data, the typo vocabulary, and the browser's kk-search-extras.js run by node on the same data (the
query side normalises with the same rules file as the build, so a query meets the build's tokens)."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from build_edition.site.search.extras import names, page_groups, page_titles, shards, synonyms, vocabulary
from build_edition.site.search.index import record_url, stand_in_path
from build_edition.site.search.normaliser import RULES_PATH

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
JS_NORMALISER = ROOT / "overrides" / "assets" / "javascripts" / "kk-search-normaliser.js"
JS_EXTRAS = ROOT / "overrides" / "assets" / "javascripts" / "kk-search-extras.js"


def run_node(script: str) -> object:
    node = shutil.which("node")
    assert node, "node is needed to test the browser search (apt-get install nodejs)"
    prelude = f"""
      const N = require({json.dumps(str(JS_NORMALISER))});
      const X = require({json.dumps(str(JS_EXTRAS))});
      const rules = N.compile(require({json.dumps(str(RULES_PATH))}));
      const q = s => N.normaliseText(s, rules);
    """
    out = subprocess.run([node, "-e", prelude + script], capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def test_glossary_aliases_become_synonyms_of_the_kazakh_term():
    found = {tuple(alias): term for alias, term, _ in synonyms(CONTENT)}
    assert found[("обсе",)] == "ЕҚЫҰ" and found[("osce",)] == "ЕҚЫҰ"
    assert found[("оон",)] == "БҰҰ" and found[("шос",)] == "ШЫҰ"
    # the Russian and English full names too
    assert "БҰҰ" in {term for alias, term, _ in synonyms(CONTENT) if "обединен" in " ".join(alias)}   # (ъ is ignorable)


def test_names_cover_the_built_entity_pages_only():
    entries = names(CONTENT, {"", "glossary/", "entities/abai/"})
    assert entries and {e[4] for e in entries} == {"entities/abai/"}
    assert ["абаи"] in [e[0] for e in entries] and entries[0][2] == "тұлға"


def test_vocabulary_keeps_words_of_five_letters_with_an_uninflected_form():
    words = vocabulary(["Назарбаевтың сөзі. Назарбаев айтты. Назарбаевқа ел", "Лаумулин"])
    assert words["назарбаев"] == [3, "Назарбаев"]
    assert "ел" not in words and "созі" not in words           # shorter than five letters
    assert set(shards(words)) == {"н", "л"}


def test_browser_reads_synonyms_names_and_typos_as_the_build_wrote_them(tmp_path):
    data = {"synonyms": synonyms(CONTENT), "names": names(CONTENT, {"entities/abai/"})}
    texts = [line for page in (CONTENT / "tokayev-ana-tili-interview").glob("0*.md")
             for line in page.read_text(encoding="utf-8").splitlines()]
    (tmp_path / "names.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "words.json").write_text(json.dumps(vocabulary(texts), ensure_ascii=False), encoding="utf-8")
    result = run_node(f"""
      const names = require({json.dumps(str(tmp_path / "names.json"))});
      const words = require({json.dumps(str(tmp_path / "words.json"))});
      const f = w => N.fold(w, rules);
      console.log(JSON.stringify({{
        obse: X.synonymSearches(q("ОБСЕ"), names),
        un: X.synonymSearches(q("ООН туралы"), names),
        none: X.synonymSearches(q("Тоқаев"), names),
        abai: X.nameEntries(q("Абай"), names).map(e => e.text),
        abaiRegion: X.nameEntries(q("Абай облысы"), names),
        typo: X.correctTypos(q("Тоқайев"), words, false, f),
        exact: X.correctTypos(q("Тоқаев"), words, false, f),
        typing: X.correctTypos(q("Тоқа"), words, true, f),
        prefix: X.correctTypos(q("Назарба"), words, true, f),
      }}));
    """)
    assert result["obse"] == [{"terms": ["екыу"], "note": "ЕҚЫҰ"}]
    assert result["un"][0]["terms"][0] == "буу" and result["un"][0]["note"] == "БҰҰ"
    assert result["none"] == []
    assert result["abai"] and result["abai"][0].startswith("Абай Құнанбайұлы — тұлға")
    assert result["abaiRegion"] == []                          # the name plus a word is no name query
    assert result["typo"] == {"terms": ["токаев"], "note": "Тоқаев"}
    assert result["exact"] is None and result["typing"] is None and result["prefix"] is None


@pytest.mark.parametrize("a, b, one", [
    ("токаиев", "токаев", True), ("горбачов", "горбачев", True), ("лаумулен", "лаумулин", True),
    ("абвгд", "бавгд", True), ("токаев", "токаев", False), ("токаев", "назарбаев", False), ("абвгд", "абвгдеж", False),
])
def test_one_edit_is_one_insertion_deletion_substitution_or_transposition(a, b, one):
    assert run_node(f"console.log(JSON.stringify(X.oneEdit({json.dumps(a)}, {json.dumps(b)})))") is one


def test_results_group_by_page_best_paragraph_first():
    groups = run_node("""
      const item = u => ({ data: { meta: { url: u } } });
      const g = X.groupByPage([item("a/#p1"), item("b/#p9"), item("a/#p5"), item("c/#p2"), item("b/#p3")]);
      console.log(JSON.stringify(g.map(x => [x.page, x.items.map(i => i.data.meta.url)])));
    """)
    assert groups == [["a/", ["a/#p1", "a/#p5"]], ["b/", ["b/#p9", "b/#p3"]], ["c/", ["c/#p2"]]]


def test_browser_counts_and_filters_results_by_the_documents_the_build_wrote():
    groups = page_groups({"kk_a1": "book", "kk_b2": "book", "kk_c3": "news", "kk_d4": "news", "kk_e5": "book", "kk_f6": "web"})
    assert groups == {"default": "book", "others": {"news": "kk_c3 kk_d4", "web": "kk_f6"}}
    result = run_node(f"""
      const docOf = X.documentOf({json.dumps(groups)});
      const catalogue = {{ book: ["Кітап", "кітап"], news: ["Газет", "газет"], web: ["Бет", "газет"] }};
      // two searches (the query and its synonym) share a paragraph: counted once
      const responses = [{{ results: [{{ id: "kk_a1" }}, {{ id: "kk_c3" }}] }}, {{ results: [{{ id: "kk_c3" }}, {{ id: "kk_f6" }}, {{ id: "kk_b2" }}] }}];
      console.log(JSON.stringify({{
        ids: ["kk_a1", "kk_c3", "kk_f6", "kk_zz"].map(docOf),
        all: X.countResults(responses, docOf, null, catalogue),
        news: X.countResults(responses, docOf, "news", catalogue),
        kind: X.countResults(responses, docOf, "kind:газет", catalogue),
        text: X.countText(4, 3),
      }}));
    """)
    assert result["ids"] == ["book", "news", "web", "book"]
    assert result["all"] == {"perDocument": {"book": 2, "news": 1, "web": 1}, "total": 4, "documents": 3}
    assert result["news"] == {"perDocument": {"book": 2, "news": 1, "web": 1}, "total": 1, "documents": 1}
    assert result["kind"]["total"] == 2 and result["kind"]["documents"] == 2
    assert result["text"] == "4 абзац, 3 құжатта"


@pytest.mark.parametrize("url", ["doc/01-page/#p12", "#p3", "doc/#p7-2", "a/b/c/#p1"])
def test_browser_reads_a_record_s_address_as_the_build_wrote_it(url):
    pagefind_url = "/" + stand_in_path(url)
    assert record_url(pagefind_url) == url
    names = {"titles": page_titles({url.split("#")[0]: ["Бет", "Құжат"]})}
    meta = run_node(f"console.log(JSON.stringify(X.recordMeta({{ url: {json.dumps(pagefind_url)}, meta: {{ text: 'Мәтін' }} }}, "
                    f"{json.dumps(names)})))")
    assert meta == {"url": url, "title": "Бет", "document": "Құжат", "text": "Мәтін", "lang": "kk", "interfaces": ""}
    # a page ru/ and en/ also build (issue 18) says so, and a result opens there in those interfaces
    meta = run_node(f"console.log(JSON.stringify(X.recordMeta({{ url: {json.dumps(pagefind_url)}, "
                    f"meta: {{ text: 'Мәтін', interfaces: 'ru en' }} }}, {json.dumps(names)})))")
    assert meta["interfaces"] == "ru en"


def test_latin_words_as_written_are_searched_only_when_the_texts_have_them():
    words = vocabulary(["The main task of the KazISS is forecasting", "Global Go To Think Tank"])
    result = run_node(f"""
      const words = {json.dumps(words)};
      console.log(JSON.stringify([X.allKnown(["kaziss"], words, false), X.allKnown(["toqaev"], words, false),
                                  X.allKnown(["ana", "tili"], words, false), X.allKnown(["forec"], words, true),
                                  X.allKnown(["forec"], words, false), X.allKnown(["toqaev"], null, false)]));
    """)
    assert result == [True, False, True, True, False, True]
