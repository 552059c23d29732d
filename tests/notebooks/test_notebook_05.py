"""Notebook 05 (outlets and wire copy) run headless on the seed package and, with its metadata, on
the reuse_dev excerpts of many outlets (figures count each republished text once)."""

from __future__ import annotations

import pytest

from analysis import config
from analysis.build.run import build
from analysis.notebooks import execute_notebook
from tests.conftest import shared_corpus
from tests.helpers.notebook_checks import assert_clean_run, assert_figures, cell, digests, images, run_twice

NOTEBOOK_05 = config.NOTEBOOKS_DIR / "05_outlets_and_wire_copy.ipynb"
FIGURES_05 = (
    "05_copies_by_outlet",
    "05_anonymous_by_outlet",
    "05_frames_by_outlet",
    "05_agency_credits",
    "05_republication",
    "05_story_timeline",
)


@pytest.fixture(scope="module")
def run_05(tmp_path_factory):
    return run_twice(tmp_path_factory, NOTEBOOK_05, "figures05")


def test_notebook_05_runs_on_the_seed_and_writes_its_figures(run_05):
    nb, folder = run_05[0]
    assert_clean_run(nb)
    assert_figures(folder, FIGURES_05)
    assert len(images(nb)) == len(FIGURES_05) - 1  # the timeline's placeholder is written, not shown
    (_, first), (_, second) = run_05
    assert digests(first) == digests(second)


def test_notebook_05_on_one_article_has_no_story_group(run_05):
    nb, _ = run_05[0]
    printed = "".join(o.get("text", "") for o in cell(nb, "timeline").outputs if o.output_type == "stream")
    assert "No text is republished in this corpus: no figure." in printed


@pytest.fixture(scope="module")
def reuse_dev_run(tmp_path_factory):
    root = shared_corpus("reuse_dev")
    out = tmp_path_factory.mktemp("reuse-dev-package")
    build([root / "articles"], out=out, metadata=str(root / "meta.csv"), cache_dir=False, progress=False)
    folder = tmp_path_factory.mktemp("figures05-reuse-dev")
    return execute_notebook(NOTEBOOK_05, parameters={"DATA": out, "FIGURES": folder}), folder


def test_notebook_05_on_many_outlets(reuse_dev_run):
    nb, folder = reuse_dev_run
    assert_clean_run(nb)
    assert_figures(folder, FIGURES_05, min_width=400, min_height=200)
    overview = cell(nb, "setup").outputs[-1].data["text/plain"]
    assert "story groups" in overview and " 11" in overview  # 19 excerpts, 6 groups of copies + 5 singletons
    timeline = cell(nb, "timeline").outputs[-1].data["text/plain"]
    assert timeline.count("True") == 6  # one origin per story group
