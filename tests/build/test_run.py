"""Streaming build of a small corpus: processes, Dask, chunk and batch sizes, in-memory tables, cache, interruption."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

import analysis.build.blocks as blocks_module
from analysis.build.run import build, build_tables
from analysis.io.package import load_package
from tests.conftest import SEED_PATH, shared_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The seed, a republished copy of it, 23 BBC politics articles and a JSONL file with a bad line."""
    folder = tmp_path_factory.mktemp("corpus")
    shutil.copy(SEED_PATH, folder / SEED_PATH.name)
    bbc = shared_corpus("bbc", "politics")
    for path in sorted(bbc.glob("*.txt"))[:23]:
        shutil.copy(path, folder / f"bbc_{path.name}")
    seed = SEED_PATH.read_text(encoding="utf-8")
    (folder / "seed_copy.txt").write_text(
        "Republished\n\nA new lead paragraph opens this copy.\n\n" + seed.split("\n", 1)[1], encoding="utf-8"
    )
    (folder / "more.jsonl").write_text(
        '{"id": "j1", "text": "Head\\n\\nThe minister said the plan was dead."}\n{"id": \n', encoding="utf-8"
    )
    return folder


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture(scope="module")
def one_process(corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("one")
    result = build([corpus], out=out, n_process=1, chunk_size=5, cache_dir=False, progress=False)
    assert result.n_articles == 26 and result.n_errors == 1
    return out


def test_the_copy_of_the_seed_is_one_story_with_it(one_process):
    """The reuse step ran: the republished seed is a copy, in the seed's story group (the engine
    tests below compare every table, so ``reuse`` too)."""
    tables = load_package(one_process)
    seed_id, copy_id = SEED_PATH.stem, "seed_copy"
    reuse = tables["reuse"].set_index(["article_a", "article_b"])
    pair = tuple(sorted([seed_id, copy_id]))
    assert reuse.loc[pair, "relation"] == "copy"
    stories = tables["articles"].set_index("article_id")
    assert stories.loc[copy_id, "story_id"] == stories.loc[seed_id, "story_id"]
    assert stories.loc[copy_id, "story_size"] == 2


def test_two_processes_write_the_same_bytes(corpus, one_process, tmp_path):
    build([corpus], out=tmp_path, n_process=2, chunk_size=5, cache_dir=False, progress=False)
    assert _files(tmp_path) == _files(one_process)


def test_chunk_size_does_not_change_the_tables(corpus, one_process, tmp_path):
    build([corpus], out=tmp_path, n_process=1, chunk_size=64, cache_dir=False, progress=False)
    assert _files(tmp_path) == _files(one_process)


def test_parquet_bytes_do_not_depend_on_the_chunk_size(corpus, tmp_path):
    """Row groups are of a fixed number of rows, not one per block."""
    for chunk_size in (1, 7, 64):
        build(
            [corpus],
            out=tmp_path / str(chunk_size),
            fmt="parquet",
            n_process=1,
            chunk_size=chunk_size,
            cache_dir=False,
            progress=False,
        )
    assert _files(tmp_path / "1") == _files(tmp_path / "7") == _files(tmp_path / "64")
    assert load_package(tmp_path / "7")["quotes"].equals(load_package(tmp_path / "64")["quotes"])


def test_batch_chars_does_not_change_the_tables(corpus, one_process, tmp_path):
    # every article in a spaCy batch of its own, and one block of all articles
    build([corpus], out=tmp_path, n_process=1, chunk_size=64, batch_chars=1, cache_dir=False, progress=False)
    assert _files(tmp_path) == _files(one_process)


def test_dask_engine_matches_local(corpus, one_process, tmp_path):
    pytest.importorskip("distributed")
    build([corpus], out=tmp_path, engine="dask", n_process=2, chunk_size=5, cache_dir=False, progress=False)
    local, dask = load_package(one_process), load_package(tmp_path)
    for name, frame in local.items():
        pd.testing.assert_frame_equal(frame, dask[name], check_exact=True, obj=name)
    assert _files(tmp_path) == _files(one_process)


def test_in_memory_tables_equal_written_tables(corpus, one_process):
    tables, report, _ = build_tables([corpus], chunk_size=7, progress=False)
    written = load_package(one_process)
    for name, frame in tables.items():
        pd.testing.assert_frame_equal(frame.reset_index(drop=True), written[name], check_exact=True, obj=name)
    pd.testing.assert_frame_equal(report, written["build_report"].astype(report.dtypes.to_dict()), obj="report")


def test_cache_processes_only_what_changed(corpus, one_process, tmp_path):
    work = tmp_path / "in"
    shutil.copytree(corpus, work)
    out = tmp_path / "out"
    cold = build([work], out=out, n_process=1, progress=False)
    assert (cold.processed, cold.cached) == (26, 0)
    warm = build([work], out=out, n_process=1, progress=False)
    assert (warm.processed, warm.cached) == (0, 26)
    (work / "zz_new.txt").write_text("New head\n\nThe president said the vote would happen.", encoding="utf-8")
    grown = build([work], out=out, n_process=1, progress=False)
    assert (grown.processed, grown.cached) == (1, 26)
    edited = work / SEED_PATH.name
    edited.write_text(edited.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    changed = build([work], out=out, n_process=1, progress=False)
    assert (changed.processed, changed.cached) == (1, 26)
    build([work], out=tmp_path / "fresh", n_process=1, cache_dir=False, progress=False)
    assert _files(out) == _files(tmp_path / "fresh")


def test_interrupted_build_leaves_previous_tables(corpus, one_process, tmp_path, monkeypatch):
    out = tmp_path / "out"
    shutil.copytree(one_process, out)
    before = _files(out)
    calls = {"n": 0}
    original = blocks_module.process_articles

    def failing(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt("stopped by the user")
        return original(*args, **kwargs)

    monkeypatch.setattr(blocks_module, "process_articles", failing)
    with pytest.raises(KeyboardInterrupt):
        build([corpus], out=out, n_process=1, chunk_size=5, cache_dir=False, progress=False)
    assert _files(out) == before
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_the_progress_bar_shows_total_rate_and_time_left(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"a{i}.txt").write_text(f"Head {i}\n\nThe minister said it was over.\n", encoding="utf-8")
    (folder / "more.jsonl").write_text('{"id": "j1", "text": "H\\n\\nNATO said no."}\n{"id": \n', encoding="utf-8")
    (folder / "notes.md").write_text("not an article", encoding="utf-8")
    build([folder], out=tmp_path / "out", n_process=1, chunk_size=2, cache_dir=False, progress=True)
    last = capsys.readouterr().err.replace("\r", "\n").strip().splitlines()[-1]
    assert last.startswith("articles: 100%") and "| 6/6 [" in last and "<00:00" in last and "article/s]" in last
