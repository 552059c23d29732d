"""Layers: views and the article display without matplotlib or spaCy, figures without spaCy."""

from __future__ import annotations

import pytest

from analysis import config


def _imported(module: str) -> set[str]:
    """Top-level packages that importing ``module`` pulls in through module-level imports (``analysis`` itself not run)."""
    import ast

    seen, todo, outside = set(), [module], set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        path = config.PROJ_ROOT / (name.replace(".", "/") + ".py")
        path = path if path.exists() else path.with_suffix("") / "__init__.py"
        if not path.exists():
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            for imported in names:
                parts = imported.split(".")
                if parts[0] == "analysis":
                    todo += [".".join(parts[:i]) for i in range(2, len(parts) + 1)]
                else:
                    outside.add(parts[0])
    return outside


@pytest.mark.parametrize(
    ("package", "banned"), [("views", {"matplotlib", "spacy"}), ("plots", {"spacy"}), ("display", {"matplotlib", "spacy"})]
)
def test_layers_do_not_import_heavy_libraries(package, banned):
    for path in sorted((config.PROJ_ROOT / "analysis" / package).glob("*.py")):
        assert not _imported(f"analysis.{package}.{path.stem}") & banned, path.name
