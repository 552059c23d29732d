"""The build report of a messy corpus: every input accounted for, errors named; --strict as exit status."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from frictionless import validate

from analysis.config import PROJ_ROOT
from analysis.io.package import load_package


def run_cli(*args: str, cwd: Path = PROJ_ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", *args], cwd=cwd, capture_output=True, text=True, timeout=600)


@pytest.fixture()
def messy_corpus(tmp_path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    (src / "000_seed.txt").write_bytes((PROJ_ROOT / "data/raw/000_d511d069cc7f123d.txt").read_bytes())
    (src / "empty.txt").write_bytes(b"")
    (src / "latin.txt").write_bytes("Un caf\xe9".encode("latin-1"))
    (src / "rows.jsonl").write_text('{"id": "j1", "text": "Title\\n\\nHe said it."}\n{"id": "j2", "text": \n', encoding="utf-8")
    (src / "nohead.csv").write_text("a1,Some text\n", encoding="utf-8")
    (src / "big.txt").write_text("word " * 1_100_000, encoding="utf-8")
    (src / "image.png").write_bytes(b"\x89PNG")
    return src


def test_messy_corpus_builds_and_reports_every_input(messy_corpus, tmp_path):
    out = tmp_path / "out"
    done = run_cli("build", str(messy_corpus), "--out", str(out), "--no-progress")
    assert done.returncode == 0, done.stderr
    assert "built 2 article(s)" in done.stdout and "5 error(s), 1 skipped" in done.stdout
    tables = load_package(out)
    report = tables["build_report"]
    got = {(Path(r.input).name, None if pd.isna(r.line) else int(r.line), r.status) for r in report.itertuples()}
    assert got == {
        ("000_seed.txt", None, "ok"),
        ("big.txt", None, "error"),
        ("empty.txt", None, "error"),
        ("image.png", None, "skipped"),
        ("latin.txt", None, "error"),
        ("nohead.csv", 1, "error"),
        ("rows.jsonl", 1, "ok"),
        ("rows.jsonl", 2, "error"),
    }
    for message in ("file is empty", "not valid UTF-8", "no header row", "malformed JSON", "above the limit"):
        assert message in done.stderr
        assert report["message"].str.contains(message, regex=False).any()
    assert sorted(tables["articles"]["article_id"]) == ["000_seed", "j1"]
    assert validate(out / "datapackage.json").valid


def test_strict_turns_errors_into_exit_status(messy_corpus, tmp_path):
    done = run_cli("build", str(messy_corpus), "--out", str(tmp_path / "o"), "--strict", "--no-progress")
    assert done.returncode == 1
