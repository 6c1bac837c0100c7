"""The theme's templates compiled once per process, not once per interface language (issue 18).

mkdocs-static-i18n builds the site three times in one process (kk, then ru/ and en/), and MkDocs gives
each build a new Jinja environment, which compiled every template of the theme again: 131 compilations
for some 45 templates, a tenth of the site's rendering time. :class:`SharedBytecodeCache` is a Jinja
bytecode cache held in memory (never on disk, nothing is kept from one run to the next): an
environment finds there the code another environment of the same process compiled from the same
source, under the same template name and file, with the same compiler settings
(:func:`compile_signature`), and Jinja makes its template from that code as it would from its own.
The pages do not change, only the time (``tests/test_template_cache.py``).
"""
from __future__ import annotations

from types import CodeType

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket


def _pass_arg(function) -> str | None:
    """What Jinja passes a filter or test first (context, eval context, environment), decided when the
    template is compiled."""
    kind = getattr(function, "jinja_pass_arg", None)
    return getattr(kind, "name", None) if kind is not None else None


def compile_signature(environment: Environment, name: str | None) -> tuple:
    """Everything of an environment that the code Jinja compiles a template into depends on: the
    syntax, the extensions, the autoescaping of that template, finalize, the filters and tests with what
    each is passed, the sandbox and async modes.

    >>> from jinja2 import Environment
    >>> compile_signature(Environment(), "a.html") == compile_signature(Environment(), "a.html")
    True
    >>> compile_signature(Environment(), "a.html") == compile_signature(Environment(trim_blocks=True), "a.html")
    False
    """
    autoescape = environment.autoescape
    return (
        environment.block_start_string, environment.block_end_string, environment.variable_start_string,
        environment.variable_end_string, environment.comment_start_string, environment.comment_end_string,
        environment.line_statement_prefix, environment.line_comment_prefix, environment.trim_blocks,
        environment.lstrip_blocks, environment.newline_sequence, environment.keep_trailing_newline,
        tuple(sorted(environment.extensions)), getattr(environment, "newstyle_gettext", None),
        environment.optimized, environment.is_async, environment.sandboxed,
        bool(autoescape(name) if callable(autoescape) else autoescape),
        environment.finalize is not None, _pass_arg(environment.finalize),
        tuple(sorted(getattr(environment, "intercepted_binops", ()))),
        tuple(sorted(getattr(environment, "intercepted_unops", ()))),
        tuple(sorted((key, _pass_arg(f)) for key, f in environment.filters.items())),
        tuple(sorted((key, _pass_arg(f)) for key, f in environment.tests.items())),
        environment.code_generator_class, type(environment),
    )


class SharedBytecodeCache(BytecodeCache):
    """Compiled templates kept in memory, shared by every environment that uses this cache."""

    def __init__(self) -> None:
        self._code: dict[tuple, tuple[str, CodeType]] = {}

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
        # the key of a compiled template: Jinja's (its name and file) and the environment's compiler settings
        key = (self.get_cache_key(name, filename), compile_signature(environment, name))
        bucket = Bucket(environment, key, self.get_source_checksum(source))    # type: ignore[arg-type]
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        found = self._code.get(bucket.key)
        if found is not None and found[0] == bucket.checksum:
            bucket.code = found[1]          # a code object: Jinja executes it into the new template

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = (bucket.checksum, bucket.code)

    def clear(self) -> None:
        self._code.clear()

    def __len__(self) -> int:
        return len(self._code)


# the cache of this process: every MkDocs build of it (the three interfaces, each `mkdocs serve` rebuild)
SHARED = SharedBytecodeCache()


def share_compiled_templates(environment: Environment) -> Environment:
    """The environment takes its compiled templates from, and gives them to, the process's cache."""
    if environment.bytecode_cache is None:
        environment.bytecode_cache = SHARED
    return environment
