"""Notebook 03 (source attribution) run headless on the seed package and on packages with empty tables."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pandas as pd
import pytest
from PIL import Image

from analysis import config
from analysis.io.package import read_descriptor, write_package
from analysis.io.schema import empty_frame
from analysis.notebooks import INJECTED_TAG, clear_outputs, execute_notebook
from tests.helpers.notebook_checks import assert_clean_run, assert_figures, assert_png, cell, digests, images, run_twice

NOTEBOOK_03 = config.NOTEBOOKS_DIR / "03_source_attribution.ipynb"
FIGURES_03 = (
    "03_voices",
    "03_quoted_words_by_side",
    "03_kind_shares",
    "03_chain_of_custody",
    "03_sources_by_kind",
    "03_quote_confidence",
)


@pytest.fixture(scope="module")
def run_03(tmp_path_factory):
    """Notebook 03 executed twice on the seed package, each time writing into a fresh folder."""
    return run_twice(tmp_path_factory, NOTEBOOK_03, "figures03")


def test_notebook_03_runs_without_errors(run_03):
    nb, _ = run_03[0]
    assert_clean_run(nb)


def test_notebook_03_writes_its_six_figures(run_03):
    _, folder = run_03[0]
    assert_figures(folder, FIGURES_03, min_width=200, min_height=100)


def test_notebook_03_figures_are_byte_identical_across_runs(run_03):
    (_, first), (_, second) = run_03
    assert digests(first) == digests(second)
    assert len(digests(first)) == len(FIGURES_03)


def test_notebook_03_displays_figures_inline(run_03):
    nb, _ = run_03[0]
    assert len(images(nb)) == len(FIGURES_03)


def test_notebook_03_lists_written_figures(run_03):
    nb, _ = run_03[0]
    listed = cell(nb, "written").outputs[0].data["text/plain"]
    for name in FIGURES_03:
        assert f"'{name}.png'" in listed


def test_notebook_03_top_n_parameter(tmp_path):
    nb = execute_notebook(NOTEBOOK_03, parameters={"FIGURES": tmp_path, "TOP_N": 2})
    html = cell(nb, "voices").outputs[-1].data["text/html"]
    assert html.split("<tbody>")[1].count("<tr>") == 2
    top = cell(nb, "custody-top").outputs[-1].data["text/html"]
    assert top.split("<tbody>")[1].count("<tr>") == 2


def _package_without(seed: dict[str, pd.DataFrame], folder: Path, emptied: tuple[str, ...]) -> Path:
    tables = {name: (empty_frame(name) if name in emptied else frame) for name, frame in seed.items()}
    write_package(tables, folder, pipeline=read_descriptor()["pipeline"])
    return folder


@pytest.mark.parametrize("emptied", [("quotes",), ("sources",), ("quotes", "sources")])
def test_notebook_03_runs_on_empty_tables(seed, tmp_path, emptied):
    package = _package_without(seed, tmp_path / "package", emptied)
    figures_dir = tmp_path / "figures"
    nb = execute_notebook(NOTEBOOK_03, parameters={"DATA": package, "FIGURES": figures_dir})
    assert_clean_run(nb)
    assert sorted(p.stem for p in figures_dir.glob("*.png")) == sorted(FIGURES_03)
    shown = images(nb)
    if "quotes" in emptied:
        fig_cell = cell(nb, "custody-fig")
        assert [o.output_type for o in fig_cell.outputs] == ["stream"] and "No statements" in fig_cell.outputs[0].text
    if "sources" in emptied:
        assert "No photo credits" in cell(nb, "photos").outputs[0].text
    expected_images = len(FIGURES_03) - 4 * ("quotes" in emptied) - ("sources" in emptied)
    assert len(shown) == expected_images


def test_notebook_03_is_committed_clean():
    nb = nbformat.read(NOTEBOOK_03, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.kernelspec.name == "python3"
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.outputs == [] and c.execution_count is None for c in code)
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].id == "intro"
    parameters = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(parameters) == 1 and parameters[0].id == "parameters"
    names = [line.split("=")[0].strip() for line in parameters[0].source.splitlines() if line and not line.startswith((" ", "}"))]
    assert names == ["DATA", "FIGURES", "TOP_N", "SIDES", "N_SIDES", "ROLL_UP"]
    assert not any(INJECTED_TAG in c.metadata.get("tags", []) for c in nb.cells)
    assert nb == clear_outputs(nb)
    source = "\n".join(c.source for c in code)
    for name in FIGURES_03:
        assert f'"{name}", folder=FIGURES, show=' in source
    assert "/work" not in source and "data/" not in source


def _side_rows(nb: nbformat.NotebookNode) -> list[str]:
    """The side labels of the words-per-side table, in its order."""
    html = cell(nb, "words").outputs[-1].data["text/html"]
    body = html.split("<tbody>")[1].split("</tbody>")[0]
    return [row.split("<td>")[1].split("</td>")[0] for row in body.split("<tr>")[1:]]


def test_notebook_03_reads_the_sides_off_the_data(run_03):
    nb, _ = run_03[0]
    assert _side_rows(nb) == ["Turkey", "United States"]


def test_notebook_03_sides_parameter_wins_over_the_data(tmp_path):
    nb = execute_notebook(NOTEBOOK_03, parameters={"FIGURES": tmp_path, "SIDES": {"Kathryn Wheelbarger": "Pentagon"}})
    assert _side_rows(nb) == ["other", "Pentagon"]


def test_notebook_03_sides_of_another_story(seed, tmp_path):
    tables = dict(seed)
    actors = tables["actors"].copy()
    actors.loc[actors["actor"] == "Kathryn Wheelbarger", "country"] = "GR"
    tables["actors"] = actors
    write_package(tables, tmp_path / "package", pipeline=read_descriptor()["pipeline"])
    nb = execute_notebook(NOTEBOOK_03, parameters={"DATA": tmp_path / "package", "FIGURES": tmp_path / "figures", "N_SIDES": 1})
    assert _side_rows(nb) == ["Turkey", "other"]
    nb = execute_notebook(NOTEBOOK_03, parameters={"DATA": tmp_path / "package", "FIGURES": tmp_path / "figures"})
    assert _side_rows(nb) == ["Turkey", "Greece"]
