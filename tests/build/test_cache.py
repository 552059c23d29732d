"""A damaged article cache is recomputed and counted, never trusted, executed or fatal.

Every case damages the cache of a finished build, builds again and checks that the build
succeeds, writes the same bytes as a build without a cache and counts the unusable entries.
"""

from __future__ import annotations

import gzip
import json
import math
import os
import pickle
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

import analysis.build.cache as cache_module
from analysis.build.run import build, build_tables
from analysis.cli import main
from tests.conftest import SEED_PATH

BUILD = {"n_process": 1, "chunk_size": 2, "progress": False}
"""Two blocks of two articles, built in this process: every case has block and article entries."""


ARTICLES = {
    "a1.txt": "Turkey and NATO\n\nTurkey said NATO was wrong about the deal. Russia said the talks would go on.\n",
    "a2.txt": "Vote delayed\n\n“We will not wait,” the minister said. The president told Reuters the vote would happen.\n",
    "a3.txt": "Talks\n\nRussia and Turkey met in Ankara, according to Anadolu. NATO said the meeting was useful.\n",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The seed and three short articles naming the same actors."""
    folder = tmp_path_factory.mktemp("corpus")
    shutil.copy(SEED_PATH, folder / SEED_PATH.name)
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> dict[str, bytes]:
    """The package files of a build without a cache."""
    out = tmp_path_factory.mktemp("reference")
    build([corpus], out=out, cache_dir=False, **BUILD)
    return _files(out)


@pytest.fixture(scope="module")
def warm(corpus, tmp_path_factory) -> Path:
    """A package with a full cache (two block entries, four article entries)."""
    out = tmp_path_factory.mktemp("warm")
    first = build([corpus], out=out, **BUILD)
    assert (first.processed, first.cached) == (4, 0)
    assert len(_articles(out)) == 4 and len(_blocks(out)) == 2
    return out


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def _articles(out: Path) -> list[Path]:
    """The article entries of a package's cache, whatever their file name."""
    return sorted(p for p in (out / ".cache").glob("??/*") if p.is_file())


def _blocks(out: Path) -> list[Path]:
    return sorted(p for p in (out / ".cache" / "blocks").iterdir() if p.is_file())


def _plant_pickle(path: Path, marker: Path) -> None:
    """A pickle whose unpickling would create ``marker``."""

    class Trap:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    path.write_bytes(pickle.dumps(Trap()))


def _lines(path: Path) -> tuple[dict, bytes]:
    head, payload = gzip.decompress(path.read_bytes()).split(b"\n", 1)
    return json.loads(head), payload


def _wrong_shape(path: Path, marker: Path) -> None:
    """A valid entry (right key, right checksum) whose payload is not what the entry holds."""
    head, _ = _lines(path)
    path.write_bytes(cache_module.encode_entry(head["key"], {"articles": 5}, kind=head["kind"]))


def _truncated(path: Path, marker: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _bad_checksum(path: Path, marker: Path) -> None:
    """The payload edited (an article's text changed), the checksum left as it was."""
    head, payload = _lines(path)
    edited = payload.replace(b"the", b"THE", 1)
    assert edited != payload
    path.write_bytes(gzip.compress(json.dumps(head).encode() + b"\n" + edited))


def _directory(path: Path, marker: Path) -> None:
    path.unlink()
    path.mkdir()
    (path / "inside").write_text("x", encoding="utf-8")


def _fifo(path: Path, marker: Path) -> None:
    path.unlink()
    os.mkfifo(path)


def _unreadable(path: Path, marker: Path) -> None:
    path.chmod(0)


def _no_blocks(out: Path) -> None:
    shutil.rmtree(out / ".cache" / "blocks")


ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
Damage = Callable[[Path, Path], None]

CASES: list[tuple[str, str, Damage, int]] = [
    # (name, which entry, damage, unusable entries)
    ("pickle-article", "article", _plant_pickle, 1),
    ("pickle-block", "block", _plant_pickle, 1),
    ("wrong-shape-article", "article", _wrong_shape, 1),
    ("wrong-shape-block", "block", _wrong_shape, 1),
    ("truncated-article", "article", _truncated, 1),
    ("truncated-block", "block", _truncated, 1),
    ("checksum-article", "article", _bad_checksum, 1),
    ("checksum-block", "block", _bad_checksum, 1),
    ("directory-article", "article", _directory, 1),
    ("directory-block", "block", _directory, 1),
    ("fifo-article", "article", _fifo, 1),
]
if not ROOT:  # root reads a file whatever its mode
    CASES.append(("unreadable-article", "article", _unreadable, 1))


@pytest.mark.parametrize(("which", "damage", "unusable"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_damaged_entry_is_recomputed_and_counted(corpus, reference, warm, tmp_path, which, damage, unusable):
    out = tmp_path / "out"
    shutil.copytree(warm, out)
    if which == "article":
        _no_blocks(out)  # else the whole blocks are read back and no article entry is looked at
    marker = tmp_path / "executed"
    target = (_articles(out) if which == "article" else _blocks(out))[0]
    damage(target, marker)
    again = build([corpus], out=out, **BUILD)
    assert not marker.exists(), "a cache entry was unpickled"
    assert _files(out) == reference
    assert again.cache_rejected == unusable
    assert again.processed == (1 if which == "article" else 0)
    assert again.processed + again.cached == 4
    assert again.cache_problem is None


@pytest.mark.parametrize("which", ["article", "block"])
def test_swapped_entries_are_rejected(corpus, reference, warm, tmp_path, which):
    # each entry is copied under the other's name: both are valid files of the wrong article or block
    out = tmp_path / "out"
    shutil.copytree(warm, out)
    if which == "article":
        _no_blocks(out)
    first, second = (_articles(out) if which == "article" else _blocks(out))[:2]
    a, b = first.read_bytes(), second.read_bytes()
    first.write_bytes(b)
    second.write_bytes(a)
    again = build([corpus], out=out, **BUILD)
    assert _files(out) == reference
    assert again.cache_rejected == 2


def test_a_pickle_under_the_old_entry_name_is_not_read(corpus, reference, warm, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(warm, out)
    _no_blocks(out)
    marker = tmp_path / "executed"
    for entry in _articles(out):
        _plant_pickle(entry.parent / f"{entry.name.split('.')[0]}.pickle", marker)
    again = build([corpus], out=out, **BUILD)
    assert not marker.exists()
    assert _files(out) == reference
    assert (again.processed, again.cached, again.cache_rejected) == (0, 4, 0)


def test_damaged_entries_are_written_again(corpus, reference, warm, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(warm, out)
    for entry in _blocks(out):
        _truncated(entry, tmp_path)
    assert build([corpus], out=out, **BUILD).cache_rejected == 2
    healed = build([corpus], out=out, **BUILD)
    assert (healed.processed, healed.cached, healed.cache_rejected) == (0, 4, 0)
    assert _files(out) == reference


def test_a_cache_that_is_a_file_turns_the_cache_off(corpus, reference, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / ".cache").write_text("not a folder", encoding="utf-8")
    result = build([corpus], out=out, **BUILD)
    assert _files(out) == reference | {".cache": b"not a folder"}
    assert (result.processed, result.cached, result.cache_rejected) == (4, 0, 0)
    assert ".cache" in result.cache_problem and "not a folder" in result.cache_problem


@pytest.mark.skipif(ROOT, reason="root writes into a read-only folder")
def test_a_read_only_cache_turns_the_cache_off(corpus, reference, warm, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(warm, out)
    cache = out / ".cache"
    for folder in [cache, *[p for p in cache.rglob("*") if p.is_dir()]]:
        folder.chmod(0o555)
    try:
        result = build([corpus], out=out, **BUILD)
    finally:
        for folder in [cache, *[p for p in cache.rglob("*") if p.is_dir()]]:
            folder.chmod(0o755)
    assert _files(out) == reference
    assert result.processed == 4 and "not writable" in result.cache_problem


def test_a_cache_that_cannot_be_written_turns_the_cache_off(corpus, reference, tmp_path, monkeypatch):
    # the same as a read-only folder, for root too: the cache's write probe fails
    def refuse(folder):
        raise PermissionError(13, "Permission denied", str(folder))

    monkeypatch.setattr(cache_module, "_probe", refuse)
    out = tmp_path / "out"
    result = build([corpus], out=out, **BUILD)
    assert _files(out) == reference
    assert result.processed == 4 and "not writable" in result.cache_problem


def test_entries_that_cannot_be_written_do_not_stop_the_build(corpus, reference, tmp_path, monkeypatch):
    # the disk fills up after the cache folder was checked
    def full(path, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cache_module, "atomic_write_bytes", full)
    out = tmp_path / "out"
    result = build([corpus], out=out, **BUILD)
    assert _files(out) == reference
    assert (result.processed, result.cache_unsaved, result.cache_problem) == (4, 6, None)


def test_in_memory_tables_survive_a_damaged_cache(corpus, warm, tmp_path):
    cache = tmp_path / "cache"
    shutil.copytree(warm / ".cache", cache)
    for entry in sorted(p for p in cache.glob("??/*") if p.is_file())[:2]:
        _truncated(entry, tmp_path)
    fresh, _, _ = build_tables([corpus], chunk_size=2, progress=False)
    again, _, _ = build_tables([corpus], cache_dir=cache, chunk_size=2, progress=False)
    for name, frame in fresh.items():
        assert frame.equals(again[name]), name
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.warns(UserWarning, match="without"):
        build_tables([corpus], cache_dir=tmp_path / "file", chunk_size=2, progress=False)


def test_rebuild_with_other_blocks_and_processes_is_byte_identical(corpus, reference, warm, tmp_path):
    # other block boundaries: no block entry fits, every article entry is read in a worker process
    out = tmp_path / "out"
    shutil.copytree(warm, out)
    again = build([corpus], out=out, n_process=2, chunk_size=1, progress=False)
    assert (again.processed, again.cached, again.cache_rejected) == (0, 4, 0)
    assert _files(out) == reference


def test_parquet_rebuild_from_cache_is_byte_identical(corpus, tmp_path):
    plain = tmp_path / "plain"
    build([corpus], out=plain, fmt="parquet", cache_dir=False, **BUILD)
    out = tmp_path / "out"
    build([corpus], out=out, fmt="parquet", **BUILD)
    again = build([corpus], out=out, fmt="parquet", **BUILD)
    assert (again.processed, again.cached, again.cache_rejected) == (0, 4, 0)
    assert _files(out) == _files(plain)


def test_the_summary_line_counts_unusable_entries_and_names_a_cache_problem(corpus, warm, tmp_path, capsys):
    out = tmp_path / "out"
    shutil.copytree(warm, out)
    for entry in _blocks(out):
        _truncated(entry, tmp_path)
    assert main(["build", str(corpus), "--out", str(out), "--no-progress", "--n-process", "1", "--chunk-size", "2"]) == 0
    printed = capsys.readouterr()
    assert "0 processed, 4 from cache, 2 cache entries unusable (recomputed);" in printed.out
    assert "Traceback" not in printed.err
    (tmp_path / "file").write_text("x", encoding="utf-8")
    args = ["build", str(corpus), "--out", str(tmp_path / "other"), "--cache", str(tmp_path / "file"), "--no-progress"]
    assert main([*args, "--n-process", "1"]) == 0
    printed = capsys.readouterr()
    assert printed.err.count("warning: cache") == 1 and "building without a cache" in printed.err
    assert "4 processed, 0 from cache;" in printed.out


# ----------------------------------------------------------------------------- the entry format
ODD_ROWS = {
    "frames": [
        {"article_id": "é\U0001f600\x00\u2028", "sentence_id": 2**70, "zone": None, "frame": "", "score": -0.0},
        {"article_id": "b", "sentence_id": -1, "zone": "body", "frame": "f", "score": float("nan"), "n_terms": 0},
        {"article_id": "c", "sentence_id": 0, "zone": "body", "frame": "f", "score": 5e-324, "n_terms": None},
        {"article_id": "d", "sentence_id": 0, "zone": "body", "frame": "f", "score": float("inf"), "terms": "a; b"},
    ],
    "actions": [{"article_id": "a", "action_id": 0, "negated": True}, {"article_id": "a", "action_id": 1, "negated": False}],
}


def _same(a, b) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return (math.isnan(a) and math.isnan(b)) or (a == b and math.copysign(1, a) == math.copysign(1, b))
    return type(a) is type(b) and a == b


def test_rows_round_trip_exactly(tmp_path):
    from analysis.io.schema import ARTICLE_TABLES, TABLES

    rows = {name: ODD_ROWS.get(name, []) for name in ARTICLE_TABLES}
    cache = cache_module.ArticleCache(tmp_path)
    cache.put("k" * 64, rows)
    back = cache.get("k" * 64)
    assert back is not None and cache.rejected == 0
    for name, table_rows in rows.items():
        assert len(back[name]) == len(table_rows)
        for mine, theirs in zip(table_rows, back[name]):
            assert set(theirs) == set(TABLES[name].names)
            for column in TABLES[name].names:
                assert _same(mine.get(column), theirs[column]), (name, column)


@pytest.mark.parametrize(
    "bad",
    [
        {"frames": [{"article_id": "a", "sentence_id": True}]},  # a bool is no integer
        {"frames": [{"article_id": "a", "sentence_id": 1.5}]},
        {"frames": [{"article_id": 1}]},
        {"actions": [{"negated": 1}]},
        {"frames": [{"nope": 1}]},  # a column the table does not have would be lost
    ],
)
def test_rows_a_table_cannot_hold_are_not_cached(tmp_path, bad):
    from analysis.io.schema import ARTICLE_TABLES

    cache = cache_module.ArticleCache(tmp_path)
    cache.put("k" * 64, {name: bad.get(name, []) for name in ARTICLE_TABLES})
    assert cache.get("k" * 64) is None and cache.unsaved == 1


def test_the_fingerprint_covers_resource_files_in_subfolders_and_skips_training_labels():
    files = cache_module._resource_files()
    relative = [path.relative_to(cache_module.RESOURCES_DIR).as_posix() for path in files]
    assert all(path.is_file() for path in files)
    assert "frames.yml" in relative and "actors.yml" in relative
    assert not [name for name in relative if name.startswith("labels/")]
    assert files == sorted(files)
