"""Editorial notes and the apparatus: footnotes, the per-page list of emendations and removals, the
landing pages' editor's note and "see also", continuation links, and the merge invariant."""
from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

from bs4 import BeautifulSoup

from build_edition.editorial.merge import merge_edition
from build_edition.store.page_format import TITLE, parse_page
from build_edition.write.writer import render_edition

PAGE_BUDGET = 150_000     # bytes of a gzip-compressed page


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_every_emendation_is_in_the_apparatus_of_its_page(built_site):
    content = built_site.parent / "content"
    for doc in ("egemen-qazaqstan-2025-issue", "chebotarev-political-thought", "interethnic-harmony-article"):
        logged = [json.loads(line) for line in (content / doc / "emendations.jsonl").read_text().splitlines()]
        listed = 0
        for path in sorted((built_site / doc).glob("*/index.html")):
            page = soup(path)
            details = page.select("details.edition-apparatus")
            if not details:
                continue
            assert len(details) == 1 and not details[0].has_attr("open")         # collapsed
            for li in details[0].select("li"):
                m = re.search(r"\((\d[\d\s\u00a0]*)\)", li.find("strong").next_sibling or "")
                if m and "бет элементтері" not in li.find("strong").text:
                    listed += int(re.sub(r"\D", "", m.group(1)))
                for a in li.find_all("a"):
                    assert page.find(id=a["href"].lstrip("#")) is not None, (path, a["href"])
        assert listed == sum(1 for e in logged if e["block"]), doc


def test_removed_furniture_is_listed_and_pages_stay_small(built_site):
    pages = sorted((built_site / "egemen-qazaqstan-2025-issue").glob("*/index.html"))
    text = " ".join(p.select_one("details.edition-apparatus").text for p in map(soup, pages)
                    if p.select_one("details.edition-apparatus"))
    assert "«САЯСАТ» — газет айдары" in text
    for path in pages:
        assert len(gzip.compress(path.read_bytes())) <= PAGE_BUDGET, path
    # identical changes are grouped: fewer entries than emendations
    entries = sum(len(p.select("details.edition-apparatus a")) for p in map(soup, pages))
    logged = len((built_site.parent / "content" / "egemen-qazaqstan-2025-issue" / "emendations.jsonl")
                 .read_text().splitlines())
    assert entries < logged


def test_uncertain_readings_and_missing_references_are_footnotes(built_site):
    news = [soup(p) for p in (built_site / "egemen-qazaqstan-2025-issue").glob("*/index.html")]
    notes = [li for page in news for li in page.select(".footnote li")]
    assert any("«;лназарова»" in li.text and "Күмәнді оқылым" in li.text for li in notes)
    ref = next(page.find("a", href=re.compile(r"#fn:u-")) for page in news if page.find("a", href=re.compile(r"#fn:u-")))
    assert ref.find_parent("sup") is not None
    book = [soup(p) for p in (built_site / "chebotarev-political-thought").glob("*/index.html")]
    assert sum(1 for page in book if page.find(id=re.compile(r"^fn:refs-"))) >= 10     # one per page with markers
    # the article has its references in brackets too, but the author's list is not in the seed either
    landing = soup(built_site / "chebotarev-political-thought" / "index.html")
    assert any("Басылым туралы ескертпе" in h.text for h in landing.select("article h2"))
    assert "әдебиеттер тізімі жоқ" in landing.text
    assert landing.select(".footnote li") and "жол соңындағы тасымал біріктірілді" in landing.text


def test_see_also_and_continuation_links(built_site):
    landing = soup(built_site / "egemen-qazaqstan-2025-issue" / "index.html")
    see_also = next(h for h in landing.select("article h2") if "Ұқсас құжаттар" in h.text)
    assert see_also.find_next("ul").find("a", href=re.compile("entities/"))
    first = soup(next((built_site / "egemen-qazaqstan-2025-issue").glob("01-*/index.html")))
    link = next(a for a in first.select("article a") if "Жалғасы" in a.text)
    target = first.find(id=link["href"].split("#")[1]) if link["href"].startswith("#") else None
    assert target is not None and "Басы" in target.text
    back = next(a for a in first.select("article a") if "Басы" in a.text)
    assert first.find(id=back["href"].lstrip("#")) is not None and "Жалғасы" in first.find(id=back["href"].lstrip("#")).text


def test_generated_chunks_keep_the_merge_invariant(corpus_docs):
    files = render_edition(list(corpus_docs.values()))
    page_files = {rel: text for rel, text in files.items() if rel.count("/") == 1 and re.search(r"/\d\d-", rel)}
    for rel, text in page_files.items():
        for chunk in parse_page(text).chunks:
            assert chunk.key, (rel, chunk.raw[:80])       # footnotes and the apparatus carry ids too
    # an editor corrects a word on a page with footnotes and an apparatus: a rebuild keeps the edit, once
    rel = next(r for r, t in page_files.items() if "[^u-" in t and "??? note" in t)
    edited = dict(files)
    page = parse_page(files[rel])
    target = next(c for c in page.chunks if c.key and c.key.startswith("p") and c.key != TITLE)
    edited[rel] = files[rel].replace(target.raw, target.raw.replace(target.body, target.body.rstrip("\n") + " [түзету]\n", 1), 1)
    result = merge_edition(files, edited, files)
    assert not result.conflicts
    merged = result.files[rel]
    assert "[түзету]" in merged
    assert merged.count("??? note") == 1 and merged.count("[^u-") == files[rel].count("[^u-")


def test_every_rule_of_the_edition_has_a_kazakh_label_for_readers():
    """Landing pages and the apparatus name each change; no rule may reach readers as its English name."""
    import json

    from build_edition.passes import EMENDATION_LABELS, REMOVAL_LABELS
    from build_edition.write.apparatus import removal_label, rule_label

    content = Path(__file__).resolve().parent.parent / "content"
    rules = {json.loads(line)["rule"] for log in ("emendations", "removals")
             for path in content.glob(f"*/{log}.jsonl") for line in path.read_text(encoding="utf-8").splitlines()}
    assert len(rules) >= 10
    for rule in rules:
        label = rule_label(rule) if rule in EMENDATION_LABELS else removal_label(rule)
        assert rule in EMENDATION_LABELS or rule.rsplit(":", 1)[-1] in REMOVAL_LABELS, rule
        assert re.search("[а-яәғқңөұүһі]", label) and not re.search("[a-z]", label), (rule, label)


APPARATUS_LINK = re.compile(r'<a href="#[\w-]+">(.*?) → (.*?)</a>')


def test_apparatus_words_leave_out_punctuation_the_repair_did_not_touch(corpus_docs):
    """Issue 21: "Осы-/лайша," was shown with its comma, before the list's own ", " ("Осылайша,,")."""
    files = render_edition(list(corpus_docs.values()))
    pairs = [m.groups() for rel, text in files.items() if re.search(r"/\d\d-", rel)
             for line in text.splitlines() if line.startswith("    - **") for m in APPARATUS_LINK.finditer(line)]
    assert ("Осы-/лайша", "Осылайша") in pairs and ("Осылай-/ша", "Осылайша") in pairs
    assert not [p for p in pairs if "/" in p[0] and p[1][-1] in ",.;:"], "punctuation outside the change"
    lines = [line for rel, text in files.items() for line in text.splitlines() if line.startswith("    - **")]
    assert not [line for line in lines if re.search(r"([,;])</a>(?: ×\d+)?\1", line)]
    # punctuation the repair moved is shown with it
    assert any(seed.endswith(" ,") and edition.endswith(",") for seed, edition in pairs)
