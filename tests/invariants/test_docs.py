"""The README documents every table column and names the commands CI runs."""

from __future__ import annotations

from analysis.config import PROJ_ROOT
from analysis.io.schema import markdown


def test_readme_tables_section_is_current():
    readme = (PROJ_ROOT / "README.md").read_text(encoding="utf-8")
    assert markdown() in readme, "regenerate the README's Tables section from analysis.io.schema.markdown()"


def test_ci_runs_the_readme_test_command():
    readme = (PROJ_ROOT / "README.md").read_text(encoding="utf-8")
    ci = (PROJ_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in readme and "make test" in ci
    assert "make reproduce" in readme


def test_every_public_function_has_a_doctest_example():
    """Public functions of the library carry a runnable example (checked by the doctest run)."""
    import ast

    missing = []
    for path in sorted((PROJ_ROOT / "analysis").glob("*.py")):
        if path.name.startswith("__"):
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                if ">>>" not in (ast.get_docstring(node) or ""):
                    missing.append(f"{path.name}:{node.name}")
    assert missing == []
