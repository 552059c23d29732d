"""Notebook 04 (actor co-occurrence) run headless on the seed package, with options and on empty mentions."""

from __future__ import annotations

import nbformat
import networkx as nx
import pytest
from PIL import Image

from analysis import config
from analysis.io.package import read_descriptor, write_package
from analysis.io.schema import empty_frame
from analysis.notebooks import INJECTED_TAG, clear_outputs, execute_notebook
from analysis.plots.figures import empty_figure, save_figure, set_style
from tests.helpers.notebook_checks import assert_clean_run, assert_figures, assert_png, cell, digests, images, run_twice
from tests.helpers.seed import SEED_TOP_BODY

NOTEBOOK_04 = config.NOTEBOOKS_DIR / "04_actor_cooccurrence.ipynb"
FIGURES_04 = ("04_actor_network", "04_cooccurrence_heatmap", "04_strongest_pairs")


def _html_rows(cell: nbformat.NotebookNode) -> int:
    html = cell.outputs[-1].data["text/html"]
    return html.split("<tbody>")[1].count("<tr>")


def _text(cell: nbformat.NotebookNode) -> str:
    return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")


@pytest.fixture(scope="module")
def run_04(tmp_path_factory):
    """Notebook 04 executed twice on the seed package, each time writing into a fresh folder."""
    return run_twice(tmp_path_factory, NOTEBOOK_04, "figures04")


def test_notebook_04_runs_without_errors(run_04):
    nb, _ = run_04[0]
    assert_clean_run(nb)


def test_notebook_04_writes_its_three_figures(run_04):
    _, folder = run_04[0]
    assert_figures(folder, FIGURES_04, min_width=400, min_height=300)


def test_notebook_04_figures_are_byte_identical_across_runs(run_04):
    (_, first), (_, second) = run_04
    assert digests(first) == digests(second)
    assert len(digests(first)) == len(FIGURES_04)


def test_notebook_04_displays_figures_inline(run_04):
    nb, _ = run_04[0]
    assert len(images(nb)) == len(FIGURES_04)


def test_notebook_04_tables(run_04):
    nb, _ = run_04[0]
    assert _html_rows(cell(nb, "actors")) == len(SEED_TOP_BODY)  # fewer than TOP_N
    assert _html_rows(cell(nb, "heatmap")) == len(SEED_TOP_BODY)
    assert _html_rows(cell(nb, "pairs")) == 6  # the pairs sharing 3 sentences or more
    setup = cell(nb, "setup").outputs[-1].data["text/plain"]
    assert "pairs (sentence window, body)" in setup and "39" in setup
    assert "GraphML not written" in _text(cell(nb, "graphml"))
    listed = cell(nb, "written").outputs[0].data["text/plain"]
    for name in FIGURES_04:
        assert f"'{name}.png'" in listed


def test_notebook_04_paragraph_window_with_captions(tmp_path):
    folder = tmp_path / "figures"
    nb = execute_notebook(
        NOTEBOOK_04,
        parameters={"FIGURES": folder, "WINDOW": "paragraph", "ZONES": ["body", "caption"], "TOP_N": 3, "EXPORT_GRAPHML": True},
    )
    assert_clean_run(nb)
    assert sorted(p.name for p in folder.iterdir()) == sorted([f"{n}.png" for n in FIGURES_04] + ["04_actor_network.graphml"])
    assert len(images(nb)) == len(FIGURES_04)
    assert "pairs (paragraph window, body + caption)" in cell(nb, "setup").outputs[-1].data["text/plain"]
    assert _html_rows(cell(nb, "actors")) == 3 and _html_rows(cell(nb, "pairs")) == 3
    exported = nx.read_graphml(folder / "04_actor_network.graphml")
    assert exported["Turkey"]["United States"]["n_windows"] == 6
    assert exported["Donald Trump"]["United Nations"]["n_windows"] == 1  # only together in a caption
    assert exported.nodes["Turkey"]["type"] == "country"
    assert "wrote 04_actor_network.graphml" in _text(cell(nb, "graphml"))



def test_notebook_04_strongest_pairs_need_min_pair_count(tmp_path):
    nb = execute_notebook(NOTEBOOK_04, parameters={"FIGURES": tmp_path / "one", "MIN_PAIR_COUNT": 1})
    assert _html_rows(cell(nb, "pairs")) == 15
    nb = execute_notebook(NOTEBOOK_04, parameters={"FIGURES": tmp_path / "six", "MIN_PAIR_COUNT": 6})
    assert_clean_run(nb)
    assert "No pair of actors with at least 6 shared sentences." in _text(cell(nb, "pairs"))
    assert "No pairs: no figure." in _text(cell(nb, "pairs-fig"))
    assert len(images(nb)) == len(FIGURES_04) - 1
    set_style()
    expected = empty_figure("Strongest pairs (sentence window, body)", message="no pair of actors with at least 6 shared sentences")
    placeholder = save_figure(expected, "expected", folder=tmp_path)
    assert (tmp_path / "six" / "04_strongest_pairs.png").read_bytes() == placeholder.read_bytes()

def test_notebook_04_runs_on_empty_mentions(seed, tmp_path):
    tables = {name: (empty_frame(name) if name in ("mentions", "cooccurrence") else frame) for name, frame in seed.items()}
    write_package(tables, tmp_path / "package", pipeline=read_descriptor()["pipeline"])
    folder = tmp_path / "figures"
    nb = execute_notebook(NOTEBOOK_04, parameters={"DATA": tmp_path / "package", "FIGURES": folder})
    assert_clean_run(nb)
    assert sorted(p.stem for p in folder.glob("*.png")) == sorted(FIGURES_04)
    assert images(nb) == []
    assert "No actor is mentioned" in _text(cell(nb, "actors"))
    assert "No two actors share a sentence" in _text(cell(nb, "network-fig"))
    assert "No actors: no figure." in _text(cell(nb, "heatmap-fig"))
    assert "No pairs: no figure." in _text(cell(nb, "pairs-fig"))


def test_notebook_04_is_committed_clean():
    nb = nbformat.read(NOTEBOOK_04, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.kernelspec.name == "python3"
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.outputs == [] and c.execution_count is None for c in code)
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].id == "intro"
    parameters = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(parameters) == 1 and parameters[0].id == "parameters"
    names = [line.split("=")[0].strip() for line in parameters[0].source.splitlines() if line]
    assert names == ["DATA", "FIGURES", "TOP_N", "WINDOW", "ZONES", "MIN_COUNT", "MIN_PAIR_COUNT", "MEASURE", "EXPORT_GRAPHML"]
    assert "EXPORT_GRAPHML = False" in parameters[0].source and 'MEASURE = "npmi"' in parameters[0].source
    assert not any(INJECTED_TAG in c.metadata.get("tags", []) for c in nb.cells)
    assert nb == clear_outputs(nb)
    assert len({c.id for c in nb.cells}) == len(nb.cells)
    source = "\n".join(c.source for c in code)
    for name in FIGURES_04:
        assert f'"{name}", folder=FIGURES, show=' in source
    assert "/work" not in source and "data/" not in source and "figures/" not in source
