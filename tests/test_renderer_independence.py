"""The reading features live in content/, not in MkDocs hooks (issue 18).

Material for MkDocs reaches its end of life in 2027 and its successor runs no MkDocs hooks or
plugins. So content/ carries what a reader sees in the text as standard Markdown: segment ids
(attr_list), paragraph permalinks (an empty ``<a class="headerlink segment-link">`` on the line
before each segment's attr_list), abbreviation tooltips (``abbr`` definitions in
content/_includes/abbreviations.md, appended to every page by ``pymdownx.snippets``), headings without
gaps, the ``all-caps`` class of headings printed in capitals (attr_list) and the
``<span class="citation">`` of citation markers (inline HTML; build_edition/text/presentation.py).

Here content/ is built a second time with plain Material: a configuration derived from mkdocs.yml
with the same theme and Markdown extensions, and no hooks and no plugins. Its book chapters must
have the ids, the permalinks and the tooltips of the full build.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.site_helpers import ROOT, SiteBuildError, _run

BOOK = "chebotarev-political-thought"
# what the plain configuration keeps of mkdocs.yml (verbatim, tags and all); everything else (hooks,
# plugins, environment-dependent addresses, extra CSS and scripts) is left out
KEPT = ("site_name", "docs_dir", "exclude_docs", "theme", "markdown_extensions")
SEGMENT = re.compile(r"^p\d+(?:-\d+)?$")
MILESTONE = re.compile(r"^page-\d+$")      # a print-page milestone, [69] (build_edition/write/milestones.py)


def plain_config(text: str) -> str:
    """mkdocs.yml reduced to the top-level keys of KEPT, with no plugins (not even MkDocs' default search)."""
    blocks = re.split(r"(?m)^(?=[A-Za-z_]+:)", text)
    kept = [b for b in blocks if b.split(":", 1)[0] in KEPT]
    assert [b.split(":", 1)[0] for b in kept] == [k for k in KEPT if re.search(rf"(?m)^{k}:", text)]
    return "".join(kept).rstrip() + "\nplugins: []\n"


def test_the_plain_configuration_has_no_hooks_or_plugins_and_the_same_extensions():
    import yaml

    class Loader(yaml.SafeLoader):
        pass
    Loader.add_multi_constructor("", lambda loader, suffix, node: None)      # !ENV, !!python/...
    full = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    plain = yaml.load(plain_config((ROOT / "mkdocs.yml").read_text(encoding="utf-8")), Loader=Loader)
    assert full["hooks"] and "hooks" not in plain and plain["plugins"] == []
    assert plain["markdown_extensions"] == full["markdown_extensions"] and plain["theme"] == full["theme"]
    assert any(isinstance(e, dict) and "pymdownx.snippets" in e for e in plain["markdown_extensions"])


@pytest.fixture(scope="module")
def plain_site(built_site) -> Path:
    """The content/ of ``built_site`` built again by plain Material (same project folder, so the theme's
    custom_dir and the snippets' base path resolve the same way)."""
    workdir = built_site.parent
    config = workdir / "mkdocs.plain.yml"
    config.write_text(plain_config((ROOT / "mkdocs.yml").read_text(encoding="utf-8")), encoding="utf-8")
    site = workdir / "plain-site"
    result = _run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)], cwd=workdir)
    if result.returncode != 0:
        raise SiteBuildError(f"plain mkdocs build failed:\n{result.stdout}\n{result.stderr}")
    return site


def _article(path: Path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find("article")


def _chapters(site: Path) -> list[Path]:
    return sorted(p for p in (site / BOOK).glob("*/index.html") if p.parent.name[:2].isdigit())


def test_book_chapters_keep_ids_permalinks_and_tooltips_without_hooks(built_site, plain_site):
    chapters = _chapters(built_site)
    assert len(chapters) > 50 and [p.relative_to(built_site) for p in chapters] == \
        [p.relative_to(plain_site) for p in _chapters(plain_site)]
    counts = {"abbr": [0, 0], "permalink": [0, 0], "segment": [0, 0], "milestone": [0, 0]}
    for full_page in chapters:
        full = _article(full_page)
        plain = _article(plain_site / full_page.relative_to(built_site))
        full_ids = {e["id"] for e in full.find_all(id=True)}
        plain_ids = {e["id"] for e in plain.find_all(id=True)}
        assert plain_ids == full_ids, f"{full_page}: {sorted(full_ids ^ plain_ids)[:10]}"
        for n, article in enumerate((full, plain)):
            segments = [e for e in article.find_all(["p", "li"], id=SEGMENT)]
            for element in segments:        # every paragraph and list item: its own ¶, with a name
                links = element.find_all("a", class_="segment-link", recursive=False)
                assert [a["href"] for a in links] == [f"#{element['id']}"], element["id"]
                assert links[0]["aria-label"] and not links[0].get_text(strip=True)
            counts["segment"][n] += len(segments)
            counts["permalink"][n] += len(article.select("a.segment-link"))
            counts["abbr"][n] += len(article.find_all("abbr", title=True))
            for mark in article.find_all("a", class_="page-milestone"):    # "[69]" opening its paragraph
                assert MILESTONE.match(mark["id"]) and mark.get_text() == f"[{mark['id'][5:]}]"
                assert mark.parent["data-print-page"].split("–")[-1] == mark["id"][5:]
                counts["milestone"][n] += 1
    print(f"\n{BOOK}, {len(chapters)} chapters, full build / plain Material: "
          + ", ".join(f"{k} {v[0]} / {v[1]}" for k, v in counts.items()))
    assert counts["segment"][0] == counts["segment"][1] == counts["permalink"][1] > 2000
    assert counts["abbr"][0] > 1000 and counts["abbr"][1] >= 0.9 * counts["abbr"][0]
    assert counts["milestone"][0] == counts["milestone"][1] >= 15


def test_a_tooltip_says_the_same_without_hooks(built_site, plain_site):
    """The same words carry the same expansions in both builds (not only as many)."""
    page = _chapters(built_site)[4].relative_to(built_site)
    tooltips = [[(a.get_text(), a["title"]) for a in _article(site / page).find_all("abbr")]
                for site in (built_site, plain_site)]
    assert tooltips[0] and tooltips[0] == tooltips[1]
    assert ("КСРО", "Кеңестік Социалистік Республикалар Одағы") in tooltips[1]


def _pages(site: Path) -> list[Path]:
    """The Kazakh pages of a site (not the ru/ and en/ interfaces the plain build does not make)."""
    return sorted(p for p in site.rglob("index.html") if p.relative_to(site).parts[0] not in ("ru", "en", "assets"))


def test_every_page_keeps_its_all_caps_headings_citations_and_heading_levels_without_hooks(built_site, plain_site):
    pages = [p for p in _pages(built_site) if (plain_site / p.relative_to(built_site)).is_file()]
    assert len(pages) > 100
    counts = {"all-caps": [0, 0], "citation": [0, 0]}
    for full_page in pages:
        seen = []
        for n, article in enumerate((_article(full_page), _article(plain_site / full_page.relative_to(built_site)))):
            caps = [(h.name, h.get("id"), h.get_text()) for h in article.select(".all-caps")]
            citations = [s.get_text() for s in article.select("span.citation")]
            levels = [int(h.name[1]) for h in article.find_all(re.compile(r"^h[1-6]$"))]
            assert all(b <= a + 1 for a, b in zip([1] + levels, levels)), f"{full_page}: a heading skips a level"
            assert all(name[0] == "h" and text.upper() == text for name, _, text in caps)
            assert all(re.fullmatch(r"\[\d.*\]", text) for text in citations)
            counts["all-caps"][n] += len(caps)
            counts["citation"][n] += len(citations)
            seen.append((caps, citations))      # (the hooks add sections to a landing page: its levels may differ)
        assert seen[0] == seen[1], full_page
    print(f"\n{len(pages)} pages, full build / plain Material: "
          + ", ".join(f"{k} {v[0]} / {v[1]}" for k, v in counts.items()))
    assert counts["all-caps"][1] >= 30 and counts["citation"][1] > 700


def test_the_transliteration_scripts_come_with_their_tables_without_hooks(built_site, plain_site):
    """The Latin and töte scripts are in content/ with their tables (build_edition/write/scripts.py): a
    renderer copies them as they are, no hook fills them."""
    for name in ("kk-translit.js", "kk-tote.js"):
        full, plain = (site / "assets" / "javascripts" / name for site in (built_site, plain_site))
        assert plain.read_bytes() == full.read_bytes() == (built_site.parent / "content/assets/javascripts" / name).read_bytes()
        assert ".json: " not in full.read_text(encoding="utf-8")      # no placeholder left
    assert '"ә": "ä"' in (plain_site / "assets/javascripts/kk-translit.js").read_text(encoding="utf-8")


# Python's string methods, which Jinja2 allows in a template and Zensical's engine (minijinja) does not:
# `zensical build` stopped on main.html's `page.content.split(...)` ("string has no method named split")
STRING_METHOD = re.compile(r"\.(?:split|rsplit|strip|lstrip|rstrip|replace|startswith|endswith|lower|upper|"
                           r"format|join|find|index|count|title|capitalize)\(")
JINJA_CODE = re.compile(r"\{[{%](.*?)[%}]\}", re.S)


def test_the_theme_templates_use_no_python_string_methods():
    """What a template would compute with string methods is made in Python (a hook or the pipeline),
    so the overrides render in Material's successor too; filters (`| replace`, `| trim`) are fine."""
    found = [(path.relative_to(ROOT).as_posix(), method.group(0))
             for path in sorted((ROOT / "overrides").rglob("*.html"))
             for code in JINJA_CODE.findall(path.read_text(encoding="utf-8"))
             for method in STRING_METHOD.finditer(code)]
    assert len(list((ROOT / "overrides").rglob("*.html"))) >= 5
    assert not found, found
