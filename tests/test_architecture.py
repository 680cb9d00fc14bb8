"""Data flows one way: ingest → extract → rules → engine → scoring → render. The imports say so.

Every import in the package (function-level and TYPE_CHECKING ones too) is read from the source with
`ast`, relative imports resolved, and checked against the allowed direction.
"""

from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "src" / "disclosure_audit"
STAGES = ("ingest", "extract", "rules", "engine", "scoring", "render")
# what each package may import from the others (top-level modules such as model, templates and expr
# are shared data, importable by all; so is zhtext, the Chinese text helpers, which imports nothing
# of the project but itself)
MAY_NOT = {
    "core": {*STAGES, "cli", "pipeline", "diff", "manifest"},
    "zhtext": {*STAGES, "core", "cli", "pipeline", "diff", "manifest", "model", "templates", "expr", "defaults"},
    "ingest": {"extract", "rules", "engine", "scoring", "render", "core", "cli", "pipeline"},
    "extract": {"rules", "engine", "scoring", "render", "core", "cli", "pipeline"},
    "rules": {"engine", "scoring", "render", "cli", "pipeline"},
    "engine": {"scoring", "render", "cli", "pipeline"},
    "scoring": {"render", "cli", "pipeline"},
}


def _imports(path: Path) -> set[str]:
    module = path.relative_to(PKG.parent).with_suffix("").parts
    package = module[:-1]  # the package a relative import starts from (for __init__.py too)
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                name = ".".join(base + ((node.module,) if node.module else ()))
            else:
                name = node.module or ""
            out.add(name)
            out |= {f"{name}.{a.name}" for a in node.names}
    return {n for n in out if n.startswith("disclosure_audit.")}


def _package_of(name: str) -> str:
    return name.split(".")[1]


def test_no_import_goes_against_the_flow():
    bad = []
    for path in sorted(PKG.rglob("*.py")):
        rel = path.relative_to(PKG).parts
        if len(rel) < 2:
            continue  # top-level modules (model, templates, expr, cli, pipeline…)
        pkg = rel[0]
        for name in _imports(path):
            target = _package_of(name)
            if target in MAY_NOT.get(pkg, set()):
                bad.append(f"{path.relative_to(PKG)} imports {name}")
    assert bad == []


def test_every_package_may_import_zhtext():
    """The text helpers are shared by all stages: no package is forbidden to import them."""
    assert all("zhtext" not in banned for banned in MAY_NOT.values())
    assert (PKG / "zhtext" / "__init__.py").exists()


def test_zhtext_imports_only_itself():
    """Stronger than MAY_NOT: every project import inside zhtext is zhtext's own."""
    outside = [
        f"{path.relative_to(PKG)} imports {name}"
        for path in sorted((PKG / "zhtext").rglob("*.py"))
        for name in _imports(path)
        if _package_of(name) != "zhtext"
    ]
    assert outside == []


def test_the_checker_sees_relative_and_nested_imports(tmp_path):
    """The check must be able to fail: a function-level relative import is resolved."""
    probe = PKG / "core" / "context.py"
    assert any(n.startswith("disclosure_audit.core.frames") for n in _imports(probe))
    assert "disclosure_audit.model" in _imports(probe)
