"""Streaming build: processes, Dask, cache, chunked writes, interrupted builds."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

import pandas as pd
import pytest

import analysis.build.blocks as blocks_module
import analysis.build.process as process_module
from analysis.build.run import build, build_tables
from analysis.io.package import load_package
from tests.conftest import SEED_PATH, shared_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The seed, 23 BBC politics articles and a JSONL file with a bad line."""
    folder = tmp_path_factory.mktemp("corpus")
    shutil.copy(SEED_PATH, folder / SEED_PATH.name)
    bbc = shared_corpus("bbc", "politics")
    for path in sorted(bbc.glob("*.txt"))[:23]:
        shutil.copy(path, folder / f"bbc_{path.name}")
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
    assert result.n_articles == 25 and result.n_errors == 1
    return out


def test_two_processes_write_the_same_bytes(corpus, one_process, tmp_path):
    build([corpus], out=tmp_path, n_process=2, chunk_size=5, cache_dir=False, progress=False)
    assert _files(tmp_path) == _files(one_process)


def test_chunk_size_does_not_change_the_tables(corpus, one_process, tmp_path):
    build([corpus], out=tmp_path, n_process=1, chunk_size=64, cache_dir=False, progress=False)
    assert _files(tmp_path) == _files(one_process)


def test_batch_chars_does_not_change_the_tables(corpus, one_process, tmp_path):
    # every article in a spaCy batch of its own, and one block of all articles
    build([corpus], out=tmp_path, n_process=1, chunk_size=64, batch_chars=1, cache_dir=False, progress=False)
    assert _files(tmp_path) == _files(one_process)


def _made_up(n: int, tag: str) -> str:
    return " ".join(f"Zorblax{tag}{i} met Quintrell{tag}{i} in Vexmoor{tag}{i}." for i in range(n))


def test_in_process_build_freezes_start_up_objects_only_while_it_runs(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"a{i}.txt").write_text(f"Head {i}\n\nTurkey said NATO was wrong {i}.", encoding="utf-8")
    counts = []
    original = blocks_module.process_articles

    def watched(*args, **kwargs):
        outcomes = original(*args, **kwargs)
        counts.append(gc.get_freeze_count())
        return outcomes

    monkeypatch.setattr(blocks_module, "process_articles", watched)
    assert gc.get_freeze_count() == 0
    result = build([folder], out=tmp_path / "out", n_process=1, chunk_size=1, cache_dir=False, progress=False)
    assert result.n_articles == 3 and len(counts) == 3
    assert all(n > 10_000 for n in counts)  # the pipeline and the libraries, left out of the passes
    assert gc.get_freeze_count() == 0  # and handed back afterwards
    build([folder], out=tmp_path / "out", n_process=1, chunk_size=1, progress=False)  # fills the cache
    cached = build([folder], out=tmp_path / "out", n_process=1, chunk_size=1, progress=False)
    assert cached.cached == 3 and len(counts) == 6 and gc.get_freeze_count() == 0  # read back: nothing parsed, nothing frozen
    gc.freeze()  # frozen by someone else before: left frozen
    try:
        frozen = gc.get_freeze_count()
        build([folder], out=tmp_path / "out2", n_process=1, cache_dir=False, progress=False)
        assert gc.get_freeze_count() >= frozen
    finally:
        gc.unfreeze()


def test_a_block_past_the_budget_leaves_no_strings_in_the_vocabulary(monkeypatch):
    from analysis.build.blocks import process_articles
    from analysis.io.records import RawArticle
    from analysis.nlp.pipeline import load_pipeline

    monkeypatch.setattr(process_module, "PERMANENT_STRINGS", 0)  # every block in a memory zone
    nlp = load_pipeline()
    process_articles([(0, RawArticle("w", "w", "Warm\n\nTurkey said so."))])  # warm-up done, caches made
    before = len(nlp.vocab.strings)
    words = _made_up(50, "")
    outcomes = process_articles([(1, RawArticle("n", "n", f"Head\n\n{words} “Fine,” said Zorblax1."))])
    assert outcomes[0].rows["quotes"][0]["speaker"] == "Zorblax1"
    assert any("Quintrell" in r["text"] for r in outcomes[0].rows["entities"])
    assert len(nlp.vocab.strings) == before  # the block's new words were freed with its memory zone
    again = process_articles([(1, RawArticle("n", "n", f"Head\n\n{words} “Fine,” said Zorblax1."))])
    assert again[0].rows == outcomes[0].rows


def test_vocabulary_keeps_new_strings_up_to_the_budget(monkeypatch):
    from analysis.build.blocks import process_articles
    from analysis.build.process import _BASE_STRINGS
    from analysis.io.records import RawArticle
    from analysis.nlp.pipeline import load_pipeline

    nlp = load_pipeline()
    process_articles([(0, RawArticle("w", "w", "Warm\n\nTurkey said so."))])
    grown = len(nlp.vocab.strings) - _BASE_STRINGS[id(nlp)]
    monkeypatch.setattr(process_module, "PERMANENT_STRINGS", grown + 10)
    first = process_articles([(1, RawArticle("a", "a", f"Head\n\n{_made_up(20, 'A')}"))])
    after_first = len(nlp.vocab.strings)
    assert after_first - _BASE_STRINGS[id(nlp)] > grown + 10  # under the budget: kept (and past it now)
    second = process_articles([(2, RawArticle("b", "b", f"Head\n\n{_made_up(20, 'B')}"))])
    assert len(nlp.vocab.strings) == after_first  # past the budget: freed with the block's zone
    for outcome, tag in ((first, "A"), (second, "B")):  # the made-up names are found either way
        assert sum(tag in r["text"] for r in outcome[0].rows["entities"]) >= 10


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
    assert (cold.processed, cold.cached) == (25, 0)
    warm = build([work], out=out, n_process=1, progress=False)
    assert (warm.processed, warm.cached) == (0, 25)
    (work / "zz_new.txt").write_text("New head\n\nThe president said the vote would happen.", encoding="utf-8")
    grown = build([work], out=out, n_process=1, progress=False)
    assert (grown.processed, grown.cached) == (1, 25)
    edited = work / SEED_PATH.name
    edited.write_text(edited.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    changed = build([work], out=out, n_process=1, progress=False)
    assert (changed.processed, changed.cached) == (1, 25)
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
