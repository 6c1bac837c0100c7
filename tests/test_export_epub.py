"""EPUB 3 exports (issue 17): every document, in Cyrillic and in the Latin alphabet, passes the
W3C/DAISY epubcheck with no error and no warning, and keeps the edition's structure and logs."""
from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from build_edition.export import load_document, read_catalog
from build_edition.export.epub import epub_bytes

ROOT = Path(__file__).resolve().parent.parent
SITE_URL = "https://example.org/kazakh-edition/"
EPOCH = 1767225600          # 2026-01-01
ENTRIES = {e.slug: e for e in read_catalog(ROOT)}
XHTML = "{http://www.w3.org/1999/xhtml}"


def epubcheck_command() -> list[str]:
    found = shutil.which("epubcheck")
    assert found, "epubcheck is needed: run `python -m tests.setup_browsers` (Debian package epubcheck)"
    target = Path(found).resolve()
    # Debian installs it as a link to the jar, runnable only where binfmt runs jars
    return ["java", "-jar", str(target)] if target.suffix == ".jar" else [found]


@pytest.fixture(scope="module")
def sources():
    return {slug: load_document(ROOT / "content", entry, ROOT) for slug, entry in ENTRIES.items()}


@pytest.mark.parametrize("script", ["cyrl", "latn", "arab"])
@pytest.mark.parametrize("slug", sorted(ENTRIES))
def test_epub_passes_epubcheck(slug, script, sources, tmp_path):
    data = epub_bytes(sources[slug], SITE_URL, EPOCH, {}, latin=script == "latn", arabic=script == "arab")
    path = tmp_path / f"{slug}.epub"
    path.write_bytes(data)
    result = subprocess.run([*epubcheck_command(), str(path)], capture_output=True, text=True, timeout=600)
    report = result.stdout + result.stderr
    assert result.returncode == 0, report[-3000:]
    assert "Messages: 0 fatals / 0 errors / 0 warnings" in report, report[-3000:]


def test_epubcheck_rejects_a_broken_epub(sources, tmp_path):
    data = epub_bytes(sources["constitution-draft-news"], SITE_URL, EPOCH)
    broken = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as good, zipfile.ZipFile(broken, "w") as bad:
        for info in good.infolist():
            content = good.read(info.filename)
            if info.filename.endswith("c001.xhtml"):
                content = content.replace(b"</body>", b"<p><div>not allowed</div></p></body>")
            bad.writestr(info, content)
    path = tmp_path / "broken.epub"
    path.write_bytes(broken.getvalue())
    result = subprocess.run([*epubcheck_command(), str(path)], capture_output=True, text=True, timeout=600)
    assert result.returncode != 0


def chapters(data: bytes) -> dict[str, etree._Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: etree.fromstring(archive.read(name)) for name in archive.namelist() if name.endswith(".xhtml")}


def test_epub_keeps_ids_notes_milestones_and_the_apparatus(sources):
    source = sources["chebotarev-political-thought"]
    data = epub_bytes(source, SITE_URL, EPOCH, {"p2822": "68–69"})
    assert data == epub_bytes(source, SITE_URL, EPOCH, {"p2822": "68–69"})      # byte-identical
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist()[0] == "mimetype" and archive.read("mimetype") == b"application/epub+zip"
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        opf = archive.read("EPUB/content.opf").decode("utf-8")
    assert "<dc:language>kk</dc:language>" in opf and "Андрей Чеботарёв" in opf
    assert "2026-01-01T00:00:00Z" in opf
    pages = chapters(data)
    ids = {el.get("id") for tree in pages.values() for el in tree.iter() if el.get("id")}
    site_ids = set()
    for path in (ROOT / "content" / "chebotarev-political-thought").glob("[0-9]*.md"):
        site_ids |= set(re.findall(r"\{:[^}]*#(p\d[\w-]*)", path.read_text(encoding="utf-8")))
    assert site_ids <= ids
    assert "page-69" in ids
    noterefs = [a for tree in pages.values() for a in tree.iter(f"{XHTML}a")
                if a.get("{http://www.idpf.org/2007/ops}type") == "noteref"]
    notes = {a.get("id") for tree in pages.values() for a in tree.iter(f"{XHTML}aside")
             if a.get("{http://www.idpf.org/2007/ops}type") == "footnote"}
    assert noterefs and {a.get("href").lstrip("#") for a in noterefs} <= notes
    apparatus = pages["EPUB/apparatus.xhtml"]
    assert len(list(apparatus.iter(f"{XHTML}li"))) == sum(len(rows) for rows in source.emendations.values())
    nav = pages["EPUB/nav.xhtml"]
    toc = next(n for n in nav.iter(f"{XHTML}nav") if n.get("{http://www.idpf.org/2007/ops}type") == "toc")
    titles = [a.text for a in toc.iter(f"{XHTML}a")]
    assert titles[0] == "Автор туралы" and titles[-1] == "Мәтінге енгізілген түзетулер"


def toc_tree(data: bytes) -> list:
    """The nav document's table of contents as nested [title, href, children]."""
    nav = chapters(data)["EPUB/nav.xhtml"]
    toc = next(n for n in nav.iter(f"{XHTML}nav") if n.get("{http://www.idpf.org/2007/ops}type") == "toc")

    def items(ol) -> list:
        out = []
        for li in ol.findall(f"{XHTML}li"):
            a = li.find(f"{XHTML}a")
            sub = li.find(f"{XHTML}ol")
            out.append([a.text, a.get("href"), items(sub) if sub is not None else []])
        return out
    return items(toc.find(f"{XHTML}ol"))


def test_book_contents_nest_chapters_sections_and_subsections(sources):
    """The navigation follows the book's structure, not the site's pages: chapter (I-тарау …) →
    section (2.) → subsection (2.1.), across the pages a long chapter is cut into; the site's titles of
    such later pages ("… (4-бөлім)") are not entries; every link leads to its heading."""
    data = epub_bytes(sources["chebotarev-political-thought"], SITE_URL, EPOCH)
    tree = toc_tree(data)
    top = [title for title, _, _ in tree]
    assert top[:4] == ["Автор туралы", "Алғысөз", "Алғысөз", "Қысқартулар мен аббревиатуралар"]
    chapters_ = [t for t in top if "-тарау. " in t]
    assert [t.split("-")[0] for t in chapters_] == ["I", "II", "III", "IV", "V", "VI"]
    assert top[-4:] == ["Қорытынды", "Баспагер туралы", "Шығу деректері", "Мәтінге енгізілген түзетулер"]
    assert not any("-бөлім)" in t for t in top)
    second = next(node for node in tree if node[0].startswith("II-тарау. Қазақстанның тәуелсіздігі"))
    sections = [title for title, _, _ in second[2]]
    assert sections == ["1. Негізгі тенденциялар мен процестер", "2. Мемлекеттік құрылыс",
                        "3. Қазақстанның баламалы даму жобалары", "4. Жеке тұлғалардың бағалары мен идеялары"]
    state = second[2][1]
    assert [t for t, _, _ in state[2]] == ["2.1. Даму стратегиясы", "2.2. Конституциялық реформа",
                                           "2.3. Идеологиялық қамтамасыз ету", "2.4. Қателер бойынша жұмыс",
                                           "2.5. Еуразиялық интеграцияға"]
    assert state[2][1][1] == "c011.xhtml#p2541"          # 2.2 opens the page the site cut there
    # the foreword's questions under the foreword
    assert [t for t, _, _ in tree[1][2]] == ["Дүние сөзден бастау алды ма?", "Көп нүкте дейміз бе, әлде жалғасы ма?"]
    # every link resolves to an element of its chapter
    pages = chapters(data)

    def links(nodes):
        for _title, href, children in nodes:
            yield href
            yield from links(children)
    for href in links(tree):
        name, _, fragment = href.partition("#")
        assert f"EPUB/{name}" in pages
        if fragment:
            assert pages[f"EPUB/{name}"].find(f".//*[@id='{fragment}']") is not None, href


def test_newspaper_contents_are_articles_and_their_subheads(sources):
    tree = toc_tree(epub_bytes(sources["egemen-qazaqstan-2025-issue"], SITE_URL, EPOCH, latin=True))
    first = tree[0]
    # in the Latin EPUB the contents are in the Latin alphabet too (the 2021 alphabet: ң → ñ, ғ → ğ)
    assert first[0].startswith("REFORMALARDYÑ MÄNI") and [t for t, _, _ in first[2]] == \
        ["TARİHTAN TARTYLĞAN KÖPIR", "TARİH TASQYNYNDA JOĞALMAU"]
    assert len(tree) == 18 + 1


def test_latin_epub_transliterates_kazakh_only(sources):
    data = epub_bytes(sources["interethnic-harmony-article"], SITE_URL, EPOCH, latin=True)
    text = " ".join(etree.tostring(t, method="text", encoding="unicode") for t in chapters(data).values())
    assert "Etnosaralyq" in text or "ETNOSARALYQ" in text
    assert "государственное управление" in text          # a Russian passage stays in Cyrillic


def test_tote_epub_is_right_to_left_kazakh_arabic_with_its_font(sources):
    """The töte EPUB (issue 20): kk-Arab, right to left, the site's Noto Naskh Arabic with its OFL, the
    Kazakh text as tote.py writes it, whole words across the markup, Russian passages left to right."""
    from build_edition.text.tote import to_arabic
    data = epub_bytes(sources["egemen-qazaqstan-2025-issue"], SITE_URL, EPOCH, arabic=True)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        opf = archive.read("EPUB/content.opf").decode("utf-8")
        font = archive.read("EPUB/fonts/noto-naskh-arabic-400.woff2")
        css = archive.read("EPUB/style.css").decode("utf-8")
    assert '<spine toc="ncx" page-progression-direction="rtl">' in opf
    assert "<dc:language>kk-Arab</dc:language>" in opf and 'media-type="font/woff2"' in opf
    assert font == (ROOT / "overrides/assets/fonts/noto-naskh-arabic/noto-naskh-arabic-arabic-400-normal.woff2").read_bytes()
    assert "Noto Naskh Arabic Edition" in css
    pages = chapters(data)
    first = pages["EPUB/c001.xhtml"]
    assert first.get("lang") == "kk-Arab" and first.get("dir") == "rtl"
    # a subhead a repair cut into pieces (К + Ө + ПІР): one word, no hamza (it has к)
    heading = first.find(f".//{XHTML}h2[@id='p40']")
    assert "".join(heading.itertext()) == to_arabic("ТАРИХТАН ТАРТЫЛҒАН КӨПІР") == "تاريحتان تارتىلعان كوپىر"
    assert "OFL" in etree.tostring(pages["EPUB/font-licence.xhtml"], encoding="unicode")
    assert pages["EPUB/apparatus.xhtml"].get("lang") == "kk"          # the logged forms stay Cyrillic
    article = sources["interethnic-harmony-article"]
    text = chapters(epub_bytes(article, SITE_URL, EPOCH, arabic=True))["EPUB/c001.xhtml"]
    russian = text.find(f".//{XHTML}h2[@id='p33']")
    assert russian.text == "Аннотация" and russian.get("dir") == "ltr" and russian.get("lang") == "ru"
    assert "".join(text.find(f".//{XHTML}h2[@id='p24']").itertext()) == to_arabic("Аңдатпа")
