"""No markup injection: whatever text a block holds, the reader sees exactly that text, in exactly the
element the writer intends.

Each block goes through ``markdown.escape`` and the writer's ``render_block``, then through
Python-Markdown with the extensions and settings MkDocs uses for this site (read from mkdocs.yml, so the
tests follow any change there). The visible text of the block's element (BeautifulSoup ``get_text``,
with whitespace collapsed the way HTML collapses it) must equal the block's text, and the HTML must hold
no element besides the intended one.
"""
from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config

from build_edition.text import markdown as md
from build_edition.core.model import Block, Document
from build_edition.write.writer import render_block

ROOT = Path(__file__).resolve().parent.parent

# The elements each block kind may produce: a heading gets the toc permalink anchor, the others the
# writer's own permalink (md.permalink), the last element of the block.
STRUCTURE = {
    "paragraph": ["p", "a"],
    "lead": ["p", "a"],
    "heading": ["h2", "a"],
    "list_item": ["ul", "li", "a"],
    "quote": ["blockquote", "p", "a"],
}
TARGET = {"paragraph": "p", "lead": "p", "heading": "h2", "list_item": "li", "quote": "p"}
# What HTML collapses (not NBSP, not other Unicode spaces), and the vertical tab some extraction tools
# emit, which the edition shows as the space it stands for.
HTML_SPACE = re.compile(r"[ \t\n\f\r\v]+")


@pytest.fixture(scope="module")
def to_html(tmp_path_factory):
    """Markdown → HTML exactly as MkDocs is configured to convert pages of this site."""
    scratch = tmp_path_factory.mktemp("mkdocs")
    (scratch / "docs").mkdir()
    config = load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(scratch / "docs"), site_dir=str(scratch / "site"))
    assert "attr_list" in config.markdown_extensions     # the writer's `{: #id }` depends on it

    # without the site's glossary appended to every page (its tooltips are no markup of the text's own)
    configs = {**config.mdx_configs, "pymdownx.snippets": {**config.mdx_configs.get("pymdownx.snippets", {}),
                                                          "auto_append": []}}

    def convert(source: str) -> str:
        return markdown.Markdown(extensions=config.markdown_extensions, extension_configs=configs).convert(source)
    return convert


def collapse(text: str) -> str:
    return HTML_SPACE.sub(" ", text).strip(" \t\n\f\r\v")


def render(text: str, kind: str) -> str:
    doc = Document("x", "article", "x.txt", text)
    block = Block(kind, text, list(range(len(text))), level=2, id="p7")
    doc.blocks = [block]
    return render_block(block, doc)


def check_block(to_html, text: str, kind: str) -> None:
    source = render(text, kind)
    html = to_html(source)
    soup = BeautifulSoup(html, "html.parser")
    tags = [t.name for t in soup.find_all(True)]
    assert tags == STRUCTURE[kind], f"elements {tags} from {source!r}:\n{html}"
    element = soup.find(id="p7")
    assert element is not None and element.name == TARGET[kind], html
    permalinks = element.find_all("a", class_="headerlink")
    assert [a["href"] for a in permalinks] == ["#p7"] and permalinks[0] is element.contents[-1], html
    for permalink in permalinks:
        permalink.extract()
    assert collapse(element.get_text()) == collapse(text), f"{source!r} → {html!r}"


# The syntax of every extension in mkdocs.yml and of Markdown itself, as a text may contain it.
HOSTILE = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))",
    "![x](javascript:alert(1))", "<a href='javascript:alert(1)'>x</a>", "<http://example.org>",
    "<svg/onload=alert(1)>", "<!-- comment -->", "<div markdown=\"1\">*x*</div>", "</p><p>",
    "Мәтін {#id} мен {: .class } және {: onclick=\"x\" }", "соңы {: #p1 }", "{#x}",
    "{{ config.site_name }} {% include 'x.html' %} {# comment #}",
    "# тақырып", "## тақырып ##", "C#", "> дәйексөз", "- тізім", "+ тізім", "* тізім", "1. нөмір", "2026. жыл",
    "1) нөмір", "| a | b |", "a | b", "---", "***", "___", "- - -", "===", "[^1]: сілтеме", "мәтін[^1]",
    "*көлбеу*", "**жуан**", "_астын_", "__астын__", "сөз_сөз_", "`код`", "``", "```python", "~~~",
    "&amp; &lt; &#x41; &#65; &nbsp;", "AT&T", "*[ҚР]: Қазақстан Республикасы", "ҚР",
    "[сілтеме][1]", "[1]: http://example.org", "[[вики]]", "\\* \\\\", "мәтін\\", "    код",
    "\tтаб", "мәтін  ", "  алдында", "a\u00a0b", "\u00a0басы", "соңы\u00a0", "\u2003em\u2003",
    "жол\nжол", "жол\r\nжол", "жол\u2028жол", "жол\u0085жол", "жол\fжол", "жол\vжол", ": анықтама",
    "!!! note", "??? note", "=== \"Tab\"", "::: block", "++ctrl++", "==белгі==", "^^асты^^", "~~сызу~~",
    "H~2~O", "x^2^", ":smile:", "{++ қосу ++}", "<br>", "<kbd>", "&", "<", ">", "\"", "'", "\\",
    '--8<-- "abbreviations.md"', "--8<--", ';--8<-- "abbreviations.md"', "-8<-",
]


@pytest.mark.parametrize("kind", STRUCTURE)
@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_renders_literally(to_html, text, kind):
    check_block(to_html, text, kind)


@pytest.mark.parametrize("kind", STRUCTURE)
def test_html_entities_show_as_typed(to_html, kind):
    """`&amp;` in the text must show as the five characters "&amp;", not as "&"."""
    html = to_html(render("Б&amp;Д &lt;b&gt;", kind))
    assert BeautifulSoup(html, "html.parser").find(id="p7").get_text().startswith("Б&amp;Д &lt;b&gt;")


# Text as blocks hold it: anything but control characters (the reader cuts C0 controls out, logged,
# before any pass runs; Python-Markdown drops STX/ETX, its own placeholder marks, which is what keeps
# them from forging a placeholder). Whitespace-only text never makes a block.
BLOCK_TEXT = st.text(st.characters(exclude_categories=["Cc", "Cs"]) | st.sampled_from("\t\n\r\f\v*_[]`#<>&{}|\\-:!.1 "),
                     min_size=1, max_size=60).filter(lambda t: t.strip())


# Fragments of syntax, glued together and with arbitrary text, reach the corners plain text rarely does.
SYNTAX = ["<", ">", "</", "<script>", "<div markdown=\"1\">", "<!--", "-->", "<?", "<![CDATA[", "&", "&amp;", "&#",
          "&#x", ";", "*", "**", "_", "__", "`", "```", "~~~", "~", "^", "=", "+", "-", "- ", "1. ", "> ", "#", "## ",
          "[", "]", "](", ")", "[^", "]:", "*[", "![", "{", "}", "{:", "{#", "{.", "{{", "}}", "{%", "%}", "|", "||",
          "---", "***", ":", "::", "!!!", "???", "\\", "\\\\", "  ", "    ", "\t", "\n", "\r\n", "\xa0", "\u2003",
          "\u2028", "\ufeff", "\u200b", "http://x.y", "javascript:", "onerror=", "\"", "'", "ә", "Қазақ", " "]
MARKUP_TEXT = st.lists(st.sampled_from(SYNTAX) | st.text(st.characters(exclude_categories=["Cc", "Cs"]), max_size=4),
                       min_size=1, max_size=25).map("".join).filter(lambda t: t.strip())


@given(text=MARKUP_TEXT, kind=st.sampled_from(list(STRUCTURE)))
@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_mix_of_syntax_renders_literally(to_html, text, kind):
    check_block(to_html, text, kind)


@given(text=BLOCK_TEXT, kind=st.sampled_from(list(STRUCTURE)))
@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@example(text="*[ҚР]: ҚР", kind="paragraph")
def test_any_text_renders_literally(to_html, text, kind):
    check_block(to_html, text, kind)


@given(text=BLOCK_TEXT)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_escaped_text_stays_on_one_line(text):
    """A block is one Markdown line, so nothing in it can start a new block."""
    assert "\n" not in md.escape(text) and "\r" not in md.escape(text)


def test_kazakh_prose_is_left_readable():
    """Editors read and correct the Markdown source: ordinary prose passes through unchanged."""
    prose = ("Қазақстан – біртұтас, унитарлы мемлекет. «Ана тілі» газетіне 2025 жылы (қаңтарда) берген "
             "сұхбатында: «Мақсатым – экономиканы нығайту», – деді. Сондай-ақ 64,8%-ға өсті; т.б. № 1 \"x\" 'y'!?")
    assert md.escape(prose) == prose


@given(text=MARKUP_TEXT | BLOCK_TEXT)
@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_link_text_renders_literally(to_html, text):
    """The writer also escapes titles inside link text (`1. [title](01-page.md)` in contents lists)."""
    html = to_html(f"1. [{md.escape(text)}](01-page.md)")
    soup = BeautifulSoup(html, "html.parser")
    assert [t.name for t in soup.find_all(True)] == ["ol", "li", "a"], html
    assert soup.a["href"] == "01-page.md"
    assert collapse(soup.a.get_text()) == collapse(text)


@pytest.mark.parametrize("kind", STRUCTURE)
def test_control_characters_show_as_their_symbols(to_html, kind):
    """The log of removed control characters is shown to readers: as symbols, never as raw codes."""
    html = to_html(render("ESC \x1b, NUL \x00, BEL \x07, DEL \x7f", kind))
    assert not re.search(r"[\x00-\x08\x0b\x0e-\x1f\x7f]", html)
    text = BeautifulSoup(html, "html.parser").find(id="p7").get_text()
    assert text.startswith("ESC ␛, NUL ␀, BEL ␇, DEL ␡")
