"""The navigation's top-level items that do not hold the page are rendered once per build and reused
(build_edition/site/theme_hook.py: NavigationCache, overrides/partials/nav.html): every page's HTML is
the same as rendering the whole navigation on every page, and an item is rendered once, not once per page."""
from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.commands.build import get_context
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.nav import get_navigation
from mkdocs.utils.yaml import yaml_load

from build_edition.site import theme_hook

ROOT = Path(__file__).resolve().parent.parent

# a navigation shaped like the edition's (content/_nav.yml): documents with an index page, sections of
# chapters, single pages at the top level, pages at different depths
PAGES = {
    "index.md": "# Басты бет\n",
    "book/index.md": "# Кітап\n",
    "book/01-a.md": "# Бірінші\n\n## Бөлім\n\nМәтін.\n",
    "book/02-b.md": "# Екінші\n",
    "book/03-c.md": "# Үшінші\n",
    "paper/index.md": "# Газет\n",
    "paper/01-x.md": "# Мақала\n",
    "reference/entities.md": "# Есімдер\n",
    "changes.md": "# Түзетулер\n",
}
NAV = [
    {"Басты бет": "index.md"},
    {"Кітап": ["book/index.md", {"I-тарау": [{"Бірінші": "book/01-a.md"}, {"Екінші": "book/02-b.md"}]},
               {"Үшінші": "book/03-c.md"}]},
    {"Газет <2025>": ["paper/index.md", {"Мақала": "paper/01-x.md"}]},
    {"Анықтамалық": [{"Есімдер": "reference/entities.md"}]},
    {"Түзетулер": "changes.md"},
]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    docs = tmp_path_factory.mktemp("nav-docs")
    for name, text in PAGES.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    edition = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config = load_config(config_file=None, site_name="Сынақ", docs_dir=str(docs), site_dir=str(docs.parent / "site"),
                         nav=NAV, theme={"name": "material", "custom_dir": str(ROOT / "overrides"), "language": "kk",
                                         "features": edition["theme"]["features"]})
    files = get_files(config)
    nav = get_navigation(files, config)
    for file in files.documentation_pages():
        file.page.read_source(config)
        file.page.render(config, files)
    return config, files, nav


def render_pages(site, cached: bool) -> tuple[dict[str, str], list]:
    """{page url: its HTML} and the items the navigation macro rendered outside the page being built."""
    config, files, nav = site
    env = config.theme.get_env()
    theme_hook.on_env(env, config, files)
    cache = env.globals["nav_item_html"].__self__
    cache.cached = cached
    rendered, render_item = [], cache.item_html

    def item_html(render, nav_item, path, page, base_url):
        def counted(*args):
            if not nav_item.active:
                rendered.append(nav_item)
            return render(*args)
        return render_item(counted, nav_item, path, page, base_url)
    env.globals["nav_item_html"] = item_html
    template = env.get_template("main.html")
    pages = {}
    for page in nav.pages:
        page.active = True
        pages[page.url] = template.render(get_context(nav, files, config, page))
        page.active = False
    return pages, rendered


def test_pages_are_the_same_as_rendering_the_whole_navigation_on_every_page(site):
    cached, _ = render_pages(site, cached=True)
    every_time, _ = render_pages(site, cached=False)
    assert len(cached) == len(PAGES)
    assert "md-nav__item--active" in cached["book/01-a/"] and 'href="../02-b/"' in cached["book/01-a/"]
    assert 'href="../../paper/01-x/"' in cached["book/01-a/"] and 'href="book/02-b/"' in cached[""]
    for url, html in every_time.items():
        assert cached[url] == html, url


def test_an_item_that_does_not_hold_the_page_is_rendered_once(site):
    _, rendered = render_pages(site, cached=True)
    _, every_time = render_pages(site, cached=False)
    top_level = len(NAV)
    assert len(rendered) == top_level             # each once, on the first page built (no item holds it twice)
    assert len(every_time) == len(PAGES) * top_level - len(PAGES)     # per page: all but the page's own
