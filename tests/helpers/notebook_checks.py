"""Helpers shared by the notebook tests: run a notebook twice, read its outputs, hash its PNGs."""

from __future__ import annotations

import hashlib
from pathlib import Path

import nbformat

from analysis.notebooks import execute_notebook

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def digests(folder: Path) -> dict[str, str]:
    """sha256 of every PNG in a folder, by file name."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.png"))}


def outputs(nb: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    """Every output of every code cell."""
    return [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]


def images(nb: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    """The PNG display outputs."""
    return [o for o in outputs(nb) if o.output_type == "display_data" and "image/png" in o.data]


def cell(nb: nbformat.NotebookNode, cell_id: str) -> nbformat.NotebookNode:
    """The cell with this id."""
    return next(c for c in nb.cells if c.get("id") == cell_id)


def assert_png(path: Path, *, min_width: int = 200, min_height: int = 100) -> None:
    """A whole PNG file (signature, structure) larger than the given size, without a Software stamp."""
    from PIL import Image

    assert path.is_file(), path
    assert path.read_bytes().startswith(PNG_SIGNATURE), path
    with Image.open(path) as image:
        image.verify()
    with Image.open(path) as image:
        assert image.format == "PNG"
        assert image.size[0] > min_width and image.size[1] > min_height, (path.name, image.size)
        assert "Software" not in image.info


def assert_figures(folder: Path, names: list[str], *, min_width: int = 200, min_height: int = 100) -> None:
    """``folder`` holds exactly the PNGs ``names`` (no extension), each passing :func:`assert_png`."""
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{n}.png" for n in names)
    for name in names:
        assert_png(folder / f"{name}.png", min_width=min_width, min_height=min_height)


def assert_clean_run(nb: nbformat.NotebookNode) -> None:
    """No error output and no traceback on stderr."""
    assert [o for o in outputs(nb) if o.output_type == "error"] == []
    stderr = "".join(o.get("text", "") for o in outputs(nb) if o.output_type == "stream" and o.name == "stderr")
    assert "Traceback" not in stderr


def run_twice(tmp_path_factory, notebook: Path, label: str) -> list[tuple[nbformat.NotebookNode, Path]]:
    """The notebook executed twice, each time writing its figures into a fresh folder."""
    runs = []
    for i in range(2):
        folder = tmp_path_factory.mktemp(f"{label}-run{i}")
        runs.append((execute_notebook(notebook, parameters={"FIGURES": folder}), folder))
    return runs
