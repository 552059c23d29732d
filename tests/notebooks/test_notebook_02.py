"""Notebook 02 (framing) run headless: its figures, byte for byte across runs; committed clean."""

from __future__ import annotations

import nbformat
import pytest
from PIL import Image

from analysis import config
from analysis.notebooks import INJECTED_TAG, clear_outputs
from tests.helpers.notebook_checks import assert_clean_run, assert_figures, digests, images, run_twice

NOTEBOOK_02 = config.NOTEBOOKS_DIR / "02_framing.ipynb"
FIGURES_02 = (
    "02_frame_profile",
    "02_frames_along_article",
    "02_actor_actions",
    "02_reporting_styles",
    "02_frames_by_side",
    "02_frame_reliability",
)


@pytest.fixture(scope="module")
def run_02(tmp_path_factory):
    """Notebook 02 executed twice, each time writing its figures into a fresh folder."""
    return run_twice(tmp_path_factory, NOTEBOOK_02, "figures-02")


def test_notebook_02_writes_its_figures(run_02):
    nb, folder = run_02[0]
    assert_clean_run(nb)
    assert_figures(folder, FIGURES_02, min_width=200, min_height=100)
    assert len(images(nb)) >= len(FIGURES_02)


def test_notebook_02_figures_are_byte_identical_across_runs(run_02):
    (_, first), (_, second) = run_02
    assert digests(first) == digests(second)
    assert len(digests(first)) == len(FIGURES_02)


def test_notebook_02_is_committed_clean():
    nb = nbformat.read(NOTEBOOK_02, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.kernelspec.name == "python3"
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# 02")
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.outputs == [] and c.execution_count is None for c in code)
    assert all(c.get("id") and not c.id.startswith(("cell-", "id-")) for c in nb.cells)
    parameters = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(parameters) == 1
    names = [line.split("=")[0].strip() for line in parameters[0].source.splitlines() if "=" in line and not line.startswith(" ")]
    assert names[:3] == ["DATA", "FIGURES", "TOP_N"]
    assert {"SIDES", "N_SIDES", "HEADLINE_WEIGHT", "LEAD_WEIGHT", "LEAD_SENTENCES", "POSITION_BINS", "TOP_VERBS"} <= set(names)
    assert not any(INJECTED_TAG in c.metadata.get("tags", []) for c in nb.cells)
    assert nb == clear_outputs(nb)
    source = "\n".join(c.source for c in code)
    assert "/work" not in source and ".png" not in source and "data/" not in source
