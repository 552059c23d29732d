"""The package switch: a kill at any point leaves one whole package; one build per folder; stale files go."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.build.run import BuildFailed, build
from analysis.io.package import MixedPackage, load_package, load_table
from analysis.io.staging import (
    LOCK_FILE,
    STAGING_DIR,
    SWITCH_FILE,
    PackageBusy,
    open_staging,
    package_lock,
    pending_switch,
    recover,
)
from tests.conftest import PROJ_ROOT

TEXTS = {
    "old": {"a.txt": "Old one\n\nThe minister said it was over.\n", "b.txt": "Old two\n\nNATO said no.\n"},
    "new": {
        "c.txt": "New one\n\nTurkey said NATO was wrong.\n",
        "d.txt": "New two\n\nThe spokesman said talks went on.\n",
        "e.txt": "New three\n\n“We will not back down,” Erdogan said.\n",
    },
}


def _folder(root: Path, name: str) -> Path:
    folder = root / name
    folder.mkdir()
    for file, text in TEXTS[name].items():
        (folder / file).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def packages(tmp_path_factory) -> dict[str, Path]:
    """An old package (2 articles) and a new one (3 articles), built once."""
    root = tmp_path_factory.mktemp("packages")
    built = {}
    for name in TEXTS:
        built[name] = root / f"{name}-out"
        built[f"{name}-input"] = _folder(root, name)
        build([built[f"{name}-input"]], out=built[name], n_process=1, cache_dir=False, progress=False)
    return built


def _package_files(folder: Path) -> list[str]:
    return [p.name for p in sorted(folder.iterdir()) if p.is_file() and not p.name.startswith(".")]


# A kill in the middle of the switch: a child process stages the new package's files and switches
# them in, killing itself (SIGKILL) after the given number of moves into the output folder.
SWITCH_AND_DIE = """
import os, shutil, signal, sys
from pathlib import Path
from analysis.io import staging
new, out, after = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
real, moves = os.replace, [0]
def replace(src, dst):
    if Path(dst).parent == out:
        if moves[0] == after:
            os.kill(os.getpid(), signal.SIGKILL)
        moves[0] += 1
    real(src, dst)
os.replace = replace
files = [p.name for p in sorted(new.iterdir()) if p.is_file() and p.name != "datapackage.json"] + ["datapackage.json"]
with staging.package_lock(out):
    folder = staging.open_staging(out)
    for name in files:
        shutil.copy(new / name, folder / name)
    staging.switch(out, files)
"""


@pytest.mark.parametrize("after", [0, 1, 5, 8, 15, 16])
def test_a_kill_between_any_two_moves_leaves_one_whole_package(packages, tmp_path, after):
    out = tmp_path / "out"
    shutil.copytree(packages["old"], out)
    done = subprocess.run(
        [sys.executable, "-c", SWITCH_AND_DIE, str(packages["new"]), str(out), str(after)], cwd=PROJ_ROOT, timeout=120
    )
    if after < 16:  # 16 files: the last kill point is after every move, before the staging folder goes
        assert done.returncode == -9
    assert pending_switch(out) == (done.returncode == -9)
    tables = load_package(out)  # the reader finishes the decided switch
    assert tables["articles"]["article_id"].tolist() == ["c", "d", "e"]
    assert not (out / STAGING_DIR).exists()
    for name in _package_files(packages["new"]):
        assert (out / name).read_bytes() == (packages["new"] / name).read_bytes(), name


def test_a_kill_before_the_switch_keeps_the_old_package(packages, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(packages["old"], out)
    staging = out / STAGING_DIR
    staging.mkdir()
    shutil.copy(packages["new"] / "articles.csv", staging / "articles.csv")  # half a package, no SWITCH
    (out / ".quotes.csv.abcd1234.tmp").write_text("half", encoding="utf-8")
    assert load_package(out)["articles"]["article_id"].tolist() == ["a", "b"]
    with package_lock(out):
        assert recover(out) == "discarded"
    assert not staging.exists() and not (out / ".quotes.csv.abcd1234.tmp").exists()


def test_a_table_of_another_build_is_refused(packages, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(packages["old"], out)
    shutil.copy(packages["new"] / "sentences.csv", out / "sentences.csv")
    with pytest.raises(MixedPackage, match="sentences.csv is not the table"):
        load_package(out)
    assert load_table("articles", path=out)["article_id"].tolist() == ["a", "b"]


def test_a_second_build_into_the_same_folder_stops_with_a_message(packages, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(packages["old"], out)
    with package_lock(out):
        with pytest.raises(PackageBusy, match=rf"{out.as_posix()}: another build \(process {os.getpid()}\) is writing"):
            build([packages["new-input"]], out=out, n_process=1, cache_dir=False, progress=False)
    assert (out / LOCK_FILE).read_bytes() == b""  # released and emptied


def test_cli_second_build_is_one_line_exit_2(packages, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(packages["old"], out)
    with package_lock(out):
        done = subprocess.run(
            [sys.executable, "-m", "analysis", "build", str(packages["new-input"]), "--out", str(out), "--no-progress"],
            cwd=PROJ_ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"error: {out.as_posix()}: another build (process {os.getpid()}) is writing this package; "
        "wait for it to finish or choose another --out"
    ]


def test_a_failed_build_leaves_the_previous_package(packages, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(packages["old"], out)
    before = {name: (out / name).read_bytes() for name in _package_files(out)}
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "x.txt").write_bytes(b"")
    with pytest.raises(BuildFailed, match="no article could be read") as caught:
        build([empty], out=out, n_process=1, cache_dir=False, progress=False)
    assert caught.value.report["status"].tolist() == ["error"]
    assert {name: (out / name).read_bytes() for name in _package_files(out)} == before
    assert not (out / STAGING_DIR).exists()


def test_a_failed_first_build_writes_no_package(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "x.txt").write_bytes(b"")
    with pytest.raises(BuildFailed):
        build([tmp_path / "in"], out=tmp_path / "out", n_process=1, cache_dir=False, progress=False)
    assert _package_files(tmp_path / "out") == []


def test_the_output_folder_inside_the_input_is_not_read_back(tmp_path):
    corpus = _folder(tmp_path, "old")
    first = build([corpus], out=corpus / "tables", n_process=1, cache_dir=False, progress=False)
    again = build([corpus], out=corpus / "tables", n_process=1, cache_dir=False, progress=False)
    rows = again.report[["input", "status", "message"]].astype(object).values.tolist()
    assert rows == [
        [(corpus / "a.txt").as_posix(), "ok", pd_na()],
        [(corpus / "b.txt").as_posix(), "ok", pd_na()],
        [
            (corpus / "tables").as_posix(),
            "skipped",
            "skipped: the build's output folder (its tables are not read back as articles)",
        ],
    ]
    assert first.n_articles == again.n_articles == 2


def pd_na():
    import pandas as pd

    return pd.NA


def test_the_switch_drops_files_of_the_old_package_only(packages, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(packages["old"], out)
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    build([packages["new-input"]], out=out, fmt="parquet", n_process=1, cache_dir=False, progress=False)
    names = _package_files(out)
    assert "notes.txt" in names and "articles.parquet" in names and "articles.csv" not in names
    described = [r["path"] for r in json.loads((out / "datapackage.json").read_text())["resources"]]
    assert sorted(described + ["datapackage.json", "notes.txt"]) == names


def test_staging_starts_empty(tmp_path):
    with package_lock(tmp_path):
        (tmp_path / STAGING_DIR).mkdir()
        (tmp_path / STAGING_DIR / "left.csv").write_text("x", encoding="utf-8")
        staging = open_staging(tmp_path)
        assert list(staging.iterdir()) == [] and not (staging / SWITCH_FILE).exists()
