"""The keys stages pass on blocks and documents are the ones core/attrs.py documents, no more, no fewer."""
import ast
from pathlib import Path

from build_edition.core.attrs import BlockAttrs, DocumentMeta
from build_edition.write.enrichment import LANGUAGE_SPANS

PACKAGE = Path(__file__).resolve().parent.parent / "build_edition"
CONSTANTS = {"LANGUAGE_SPANS": LANGUAGE_SPANS}


def _key(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name) and node.id in CONSTANTS:
        return CONSTANTS[node.id]
    return None


def keys_used(attribute: str) -> dict[str, str]:
    """{key: "file:line"} of every ``x.<attribute>["key"]`` and ``x.<attribute>.get/pop/setdefault("key")``."""
    found: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        # site/ and export/ work on rendered pages (MkDocs' page.meta, TEI spans' attrs), not on Documents
        if path.name == "attrs.py" or path.relative_to(PACKAGE).parts[0] in ("site", "export"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            target = key = None
            if isinstance(node, ast.Subscript):
                target, key = node.value, _key(node.slice)
            elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                  and node.func.attr in ("get", "pop", "setdefault") and node.args):
                target, key = node.func.value, _key(node.args[0])
            if key and isinstance(target, ast.Attribute) and target.attr == attribute:
                found.setdefault(key, f"{path.relative_to(PACKAGE)}:{node.lineno}")
    return found


def test_every_block_attribute_used_is_documented_and_every_documented_one_is_used():
    used = keys_used("attrs")
    undocumented = {k: where for k, where in used.items() if k not in BlockAttrs.__annotations__}
    assert not undocumented, f"Block.attrs keys missing from core/attrs.py BlockAttrs: {undocumented}"
    assert set(BlockAttrs.__annotations__) - set(used) == set()


def test_every_document_meta_key_used_is_documented_and_every_documented_one_is_used():
    used = keys_used("meta")
    undocumented = {k: where for k, where in used.items() if k not in DocumentMeta.__annotations__}
    assert not undocumented, f"Document.meta keys missing from core/attrs.py DocumentMeta: {undocumented}"
    assert set(DocumentMeta.__annotations__) - set(used) == set()
