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
    for path in sorted((PROJ_ROOT / "analysis").rglob("*.py")):
        if path.name.startswith("__"):
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                if ">>>" not in (ast.get_docstring(node) or ""):
                    missing.append(f"{path.relative_to(PROJ_ROOT).as_posix()}:{node.name}")
    assert missing == []


def _python_blocks(markdown_text: str) -> list[str]:
    blocks, current = [], None
    for line in markdown_text.splitlines():
        if current is None and line.strip() == "```python":
            current = []
        elif current is not None and line.strip() == "```":
            blocks.append("\n".join(current))
            current = None
        elif current is not None:
            current.append(line)
    return blocks


def test_readme_python_examples_run(tmp_path, monkeypatch):
    """Every ```python block of the README runs, in order, in one namespace, from a folder holding
    the seed package as ``data`` (files the examples write land in a temporary folder)."""
    import os

    blocks = _python_blocks((PROJ_ROOT / "README.md").read_text(encoding="utf-8"))
    assert len(blocks) >= 2
    os.symlink(PROJ_ROOT / "data", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    namespace: dict = {}
    for number, block in enumerate(blocks, 1):
        exec(compile(block, f"README.md python block {number}", "exec"), namespace)
