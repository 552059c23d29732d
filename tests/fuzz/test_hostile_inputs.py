"""A build over 2,000 seeded hostile inputs: no traceback, every input accounted for, the span rule
on every row, a valid package. The seed changes with ``HOSTILE_SEED`` (default 2026) to try others."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from frictionless import validate

from analysis.io.package import load_package
from tests.conftest import PROJ_ROOT
from tests.helpers.hostile import make_corpus
from tests.helpers.spans import assert_span_rule

N_INPUTS = 2_000
"""Inputs per run: every kind of the generator many times over, in about a minute of build."""

SEED = int(os.environ.get("HOSTILE_SEED", "2026"))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> tuple[object, Path, subprocess.CompletedProcess]:
    root = tmp_path_factory.mktemp("hostile")
    made = make_corpus(root / "in", n=N_INPUTS, seed=SEED)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "analysis",
            "build",
            str(root / "in"),
            "--out",
            str(root / "out"),
            "--no-progress",
            "--n-process",
            "2",
        ],
        cwd=PROJ_ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    return made, root / "out", done


def test_no_traceback_and_a_summary(hostile):
    _, _, done = hostile
    assert "Traceback" not in done.stderr and "Traceback" not in done.stdout, done.stderr[-3000:]
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.startswith("built ")


def test_every_input_is_in_the_report(hostile):
    made, out, _ = hostile
    report = load_package(out)["build_report"]
    seen = set(report["input"])
    missing = [p.as_posix() for p in made.entries if p.as_posix() not in seen]
    assert missing == []
    assert report["status"].isin(["ok", "error", "skipped"]).all()
    assert report.loc[report["status"] != "ok", "message"].notna().all()
    for path, records in made.records.items():
        rows = report[report["input"] == path.as_posix()]
        if path.suffix == ".jsonl":  # one line per record: a row for each (an article or the line's error)
            assert rows["line"].astype(int).tolist() == list(range(1, records + 1)), path.name
        else:  # CSV: an unterminated quoted cell may run on over the rows after it
            assert 1 <= len(rows) <= records, path.name
    n_rows = len(report)
    assert n_rows >= len(made.entries)


def test_no_article_over_its_budget(hostile):
    _, out, _ = hostile
    report = load_package(out)["build_report"]
    assert not report["message"].fillna("").str.contains("time budget").any()


def test_span_rule_on_every_row(hostile):
    _, out, _ = hostile
    tables = load_package(out)
    assert (tables["build_report"]["status"] == "ok").sum() > N_INPUTS // 3  # the rest are broken on purpose
    assert assert_span_rule(tables) > 10_000


def test_the_package_is_valid(hostile):
    _, out, _ = hostile
    report = validate(out / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    articles = load_package(out)["articles"]
    assert articles["article_id"].is_unique and not articles["article_id"].map(lambda v: pd.isna(v) or "/" in v).any()
