"""What a reader meets in the interface (issue 21): every navigation tab visible on a desktop screen,
and on /ru/ and /en/ an interface in that language."""
from __future__ import annotations

import pytest

TAB_BOXES = """() => {
  const list = document.querySelector('.md-tabs__list').getBoundingClientRect();
  return [...document.querySelectorAll('.md-tabs__item')].map(item => {
    const r = item.querySelector('.md-tabs__link').getBoundingClientRect();
    return {text: item.innerText.trim(), inside: r.left >= list.left - 1 && r.right <= list.right + 1
            && r.top >= list.top - 1 && r.bottom <= list.bottom + 1 && r.width > 0};
  });
}"""


@pytest.fixture
def page_options() -> dict:
    return {"viewport": {"width": 1366, "height": 900}}


@pytest.mark.parametrize("width", [1220, 1366, 1920])
@pytest.mark.parametrize("language", ["", "ru/", "en/"])
def test_every_navigation_tab_is_visible(page, site_url, language, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_url + language)
    tabs = page.evaluate(TAB_BOXES)
    assert len(tabs) >= 9
    assert [t["text"] for t in tabs if not t["inside"]] == []
