"""build_edition/site/template_cache.py: environments of one process share the templates Jinja compiled,
and only when the compiled code would be the same."""
from __future__ import annotations

from pathlib import Path

from jinja2 import DictLoader, Environment, pass_context
from mkdocs.config import load_config

from build_edition.site.template_cache import SharedBytecodeCache

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = {"page.html": "{% extends 'base.html' %}{% block body %}{{ title | upper }}{% endblock %}",
             "base.html": "<h1>{% block body %}{% endblock %}</h1>\n  {% if x %}x{% endif %}\n"}


class Counting(Environment):
    """An environment that notes the name of every template it compiles."""

    def compile(self, source, name=None, filename=None, raw=False, defer_init=False):
        self.compiled.append(name)
        return super().compile(source, name, filename, raw, defer_init)


def _environment(cache, templates=TEMPLATES, **options) -> tuple[Environment, list[str]]:
    environment = Counting(loader=DictLoader(dict(templates)), bytecode_cache=cache, **options)
    environment.compiled = []
    return environment, environment.compiled


def test_a_second_environment_compiles_nothing_and_renders_the_same():
    cache = SharedBytecodeCache()
    first, compiled_first = _environment(cache)
    second, compiled_second = _environment(cache)
    out = [env.get_template("page.html").render(title="атауы", x=True) for env in (first, second)]
    assert sorted(compiled_first) == ["base.html", "page.html"] and compiled_second == []
    assert out[0] == out[1] == "<h1>АТАУЫ</h1>\n  x" and len(cache) == 2


def test_other_compiler_settings_a_changed_template_or_filter_compile_again():
    cache = SharedBytecodeCache()
    _environment(cache)[0].get_template("page.html").render(title="a")
    trimmed, compiled = _environment(cache, trim_blocks=True, lstrip_blocks=True)
    assert trimmed.get_template("page.html").render(title="a", x=True) == "<h1>A</h1>\nx" and len(compiled) == 2
    changed, compiled = _environment(cache, {**TEMPLATES, "page.html": TEMPLATES["page.html"].replace("upper", "lower")})
    assert changed.get_template("page.html").render(title="A") == "<h1>a</h1>\n  " and compiled == ["page.html"]
    # a filter that wants the context is called with it: the compiled call differs
    with_context, compiled = _environment(cache)
    with_context.filters["upper"] = pass_context(lambda context, value: f"{value}!{context['title']}")
    assert with_context.get_template("page.html").render(title="a") == "<h1>a!a</h1>\n  " and "page.html" in compiled


def test_the_sites_three_builds_compile_the_theme_once():
    """The site's theme, as mkdocs-static-i18n's three builds get it: one new environment each."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    cache = SharedBytecodeCache()
    counts = []
    for _ in range(3):
        environment = config.theme.get_env()
        environment.bytecode_cache = cache
        compiled = []
        original = environment.compile

        def counting(source, name=None, filename=None, raw=False, defer_init=False, original=original, compiled=compiled):
            compiled.append(name)
            return original(source, name, filename, raw, defer_init)
        environment.compile = counting
        for name in ("main.html", "404.html", "sitemap.xml"):
            environment.get_template(name)
        counts.append(len(compiled))
    assert counts == [3, 0, 0]
