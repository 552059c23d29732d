"""Notebook 01 (corpus overview) run headless: valid PNGs, byte for byte across runs; its parameters."""

from __future__ import annotations

import nbformat
import pytest
from PIL import Image

from analysis import config
from analysis.notebooks import INJECTED_TAG, clear_outputs, execute_notebook
from tests.helpers.notebook_checks import assert_clean_run, assert_figures, assert_png, cell, digests, images, run_twice

NOTEBOOK_01 = config.NOTEBOOKS_DIR / "01_corpus_overview.ipynb"
FIGURES_01 = ("01_zone_strip", "01_sentences_by_zone", "01_entities_by_label_zone", "01_top_entities")


@pytest.fixture(scope="module")
def run_01(tmp_path_factory):
    """Notebook 01 executed twice, each time writing its figures into a fresh folder."""
    return run_twice(tmp_path_factory, NOTEBOOK_01, "figures")


def test_notebook_01_runs_without_errors(run_01):
    nb, _ = run_01[0]
    assert_clean_run(nb)


@pytest.mark.parametrize("name", FIGURES_01)
def test_notebook_01_writes_valid_png(run_01, name):
    _, folder = run_01[0]
    assert_png(folder / f"{name}.png", min_width=200, min_height=100)


def test_notebook_01_writes_only_its_figures(run_01):
    _, folder = run_01[0]
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{n}.png" for n in FIGURES_01)


def test_notebook_01_displays_figures_inline(run_01):
    nb, _ = run_01[0]
    assert len(images(nb)) >= len(FIGURES_01)


def test_notebook_01_figures_are_byte_identical_across_runs(run_01):
    (_, first), (_, second) = run_01
    assert digests(first) == digests(second)
    assert len(digests(first)) == len(FIGURES_01)


def test_notebook_01_parameters_are_injected(run_01):
    nb, folder = run_01[0]
    tags = [c.metadata.get("tags", []) for c in nb.cells]
    at = next(i for i, t in enumerate(tags) if "parameters" in t)
    assert INJECTED_TAG in tags[at + 1]
    assert repr(folder.as_posix()) in nb.cells[at + 1].source


def test_notebook_01_top_n_parameter(tmp_path):
    nb = execute_notebook(NOTEBOOK_01, parameters={"FIGURES": tmp_path, "TOP_N": 3})
    top = next(c for c in nb.cells if c.get("id") == "top")
    html = top.outputs[0].data["text/html"]
    assert html.split("<tbody>")[1].count("<tr>") == 3


def test_notebook_01_figures_dir_from_environment(tmp_path, monkeypatch):
    """Without the FIGURES parameter the figures go to analysis.config.FIGURES_DIR ($NEWS_FIGURES_DIR)."""
    monkeypatch.setenv("NEWS_FIGURES_DIR", str(tmp_path))
    execute_notebook(NOTEBOOK_01)
    assert sorted(p.stem for p in tmp_path.glob("*.png")) == sorted(FIGURES_01)


def test_notebook_01_is_committed_clean():
    nb = nbformat.read(NOTEBOOK_01, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.kernelspec.name == "python3"
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.outputs == [] and c.execution_count is None for c in code)
    assert all(not c.metadata.get("execution") for c in nb.cells)
    parameters = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(parameters) == 1
    assert [line.split("=")[0].strip() for line in parameters[0].source.splitlines()] == ["DATA", "FIGURES", "TOP_N", "ENTITY_LABELS"]
    assert not any(INJECTED_TAG in c.metadata.get("tags", []) for c in nb.cells)
    assert nb == clear_outputs(nb)


def _top_texts(nb: nbformat.NotebookNode) -> list[str]:
    html = next(c for c in nb.cells if c.get("id") == "top").outputs[0].data["text/html"]
    body = html.split("<tbody>")[1].split("</tbody>")[0]
    return [row.split("<td>")[1].split("</td>")[0] for row in body.split("<tr>")[1:]]


def test_notebook_01_top_entities_are_names(run_01):
    nb, _ = run_01[0]
    texts = _top_texts(nb)
    assert texts[:4] == ["Turkey", "Ankara", "US", "Erdogan"] and len(texts) == 15
    assert "72nd" not in texts  # an ORDINAL


def test_notebook_01_entity_labels_parameter(tmp_path):
    nb = execute_notebook(NOTEBOOK_01, parameters={"FIGURES": tmp_path, "ENTITY_LABELS": ["ORDINAL", "PRODUCT"]})
    assert _top_texts(nb) == ["S-400", "72nd", "F-35"]
