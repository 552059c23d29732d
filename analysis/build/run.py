"""Build the dataset package: read inputs lazily, split zones, parse, tabulate, write, report.

The build streams: articles are read lazily and processed in blocks of ``chunk_size``; each
block's rows are appended to the table files (CSV or Parquet, written into the output folder's
staging folder and switched into place whole when the build is done: :mod:`analysis.io.staging`)
and, once all are written, the corpus step (:mod:`analysis.build.corpus`) gives every table one
actor namespace and counts ``actors`` and ``cooccurrence`` from the tables read back in chunks, so
memory is bounded by the block, not the corpus. Blocks run in worker processes (``n_process``)
or on a Dask cluster (``engine="dask"``); rows always come out in input order, so every engine
writes the same bytes. A content-hash cache (``cache_dir``) keeps each article's rows, keyed by
its text and metadata, the pipeline name and version, the table version and the code and
lexicons that made them: a rebuild only processes what changed, and a block whose articles are
all unchanged and in the same places is read back whole (tables, counts and report).

    >>> import tempfile, pathlib
    >>> src = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (src / "a.txt").write_text("Title\\n\\nThe minister said it was over.\\n", encoding="utf-8")
    >>> _ = (src / "b.txt").write_bytes(b"")
    >>> result = build([src], out=tempfile.mkdtemp(), progress=False)
    >>> result.report[["article_id", "status"]].values.tolist()
    [['a', 'ok'], [<NA>, 'error']]
"""

from __future__ import annotations

import shutil
import sys
import warnings
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

import pandas as pd
from tqdm.auto import tqdm

from analysis.build.blocks import _Task
from analysis.build.cache import ArticleCache, article_key, build_fingerprint
from analysis.build.corpus import corpus_step_files, reuse_step_files, reuse_step_frames
from analysis.build.engines import _dask_map, _local_map
from analysis.build.options import BuildOptions
from analysis.build.process import _frozen_start_up, default_processes
from analysis.build.report import BuildStats, _report_frame, _report_row, add_notes
from analysis.build.sinks import FileSink, MemorySink
from analysis.corpus.actors import corpus_actors
from analysis.io.metadata import read_metadata
from analysis.io.package import REPORT_TABLE, TableWriter, load_package, resource_descriptor, write_descriptor
from analysis.io.reading import count_inputs, read_inputs
from analysis.io.records import RawArticle, Skipped
from analysis.io.schema import ARTICLE_TABLES
from analysis.io.staging import open_staging, package_lock, pending_switch, switch
from analysis.lexicons.actors import load_registry
from analysis.nlp.pipeline import pipeline_meta

Block = list[tuple[int, RawArticle, str]]
"""A block of articles as it goes to a worker: (input sequence number, article, cache key)."""


def _blocks(
    inputs: list[str], options: BuildOptions, stats: BuildStats, *, fingerprint: str | None, exclude: list[Path]
) -> Iterator[Block]:
    """Blocks of ``options.chunk_size`` articles with their cache keys (no key without a cache);
    unreadable and skipped inputs go straight to the report."""
    metadata = read_metadata(options.metadata) if options.metadata else None
    items = enumerate(
        read_inputs(inputs, encoding=options.encoding, max_chars=options.max_chars, exclude=exclude, metadata=metadata)
    )
    while True:
        block: Block = []
        for seq, item in items:
            if not isinstance(item, RawArticle):
                status = "skipped" if isinstance(item, Skipped) else "error"
                stats.report.append(_report_row(item, status, seq=seq))
                stats.errors += status == "error"
                continue
            block.append((seq, item, article_key(item, fingerprint) if fingerprint is not None else ""))
            if len(block) >= options.chunk_size:
                break
        if not block:
            return
        yield block


def _engine(
    options: BuildOptions, task: _Task, *, small: bool
) -> tuple[Callable[[Iterator[Block]], Iterator[Any]], Callable[[], None], bool]:
    """(run, close, in this process) of the engine the options ask for; a small input (fewer than
    two blocks) runs in this process on the local engine, whatever ``n_process`` says."""
    workers = options.n_process if options.n_process is not None else default_processes()
    if small and options.engine == "local":
        workers = 1
    if options.engine == "dask":
        run, close = _dask_map(workers, task, options.scheduler)
    else:
        run, close = _local_map(workers, task)
    return run, close, options.engine == "local" and workers <= 1


def _stream(
    inputs: list[str],
    sink: MemorySink | FileSink,
    *,
    options: BuildOptions,
    cache: ArticleCache | None,
    exclude: list[Path] | None = None,
) -> BuildStats:
    """Read, process and write every block into ``sink``; return the stats."""
    stats = BuildStats()
    if cache is not None and (problem := cache.problem()):
        stats.cache_problem, cache = problem, None  # the build goes on without it
    fingerprint = (
        build_fingerprint(
            pipeline=options.pipeline,
            registry=options.registry,
            min_quote_confidence=options.min_quote_confidence,
            keep_low_confidence=options.keep_low_confidence,
        )
        if cache is not None
        else None
    )
    pending = _blocks(inputs, options, stats, fingerprint=fingerprint, exclude=exclude or [])
    first = list(islice(pending, 2))  # peek: is the input small?
    task = _Task(options=options, cache_dir=str(cache.folder) if cache is not None else None, fmt=sink.fmt)
    run, close, in_process = _engine(options, task, small=len(first) < 2)
    shown = options.progress if options.progress is not None else sys.stderr.isatty()
    total = count_inputs(inputs, exclude=exclude or []) if shown else None
    bar = tqdm(desc="articles", unit="article", total=total, disable=not shown, file=sys.stderr, smoothing=0.1)
    try:
        with _frozen_start_up() if in_process else nullcontext():
            for result in run(_chain(first, pending)):
                for name in ARTICLE_TABLES:
                    sink.write(name, result.tables[name])
                stats.add(result)
                done = len(stats.report)  # articles, and the read errors and skipped inputs before them
                if bar.total is not None and done > bar.total:
                    bar.total = done  # the count was an estimate (see count_inputs)
                bar.update(done - bar.n)
        bar.total = len(stats.report)  # a finished bar reads 100%, whatever the estimate was
        bar.update(bar.total - bar.n)
    finally:
        bar.close()
        close()
    return stats


def _chain(first: list[Block], pending: Iterator[Block]) -> Iterator[Block]:
    """The peeked blocks, then the rest as they are read."""
    yield from first
    yield from pending


def build_tables(
    inputs: Iterable[str | Path],
    *,
    options: BuildOptions | None = None,
    cache_dir: str | Path | None = None,
    **settings: Any,
) -> tuple[dict[str, pd.DataFrame], pd.DataFrame, dict[str, str]]:
    """Build all tables in memory; return (tables, report, pipeline info).

    ``options`` (default: one process) and keyword ``settings`` (any :class:`BuildOptions` field,
    e.g. ``chunk_size=8``) say how the build runs; ``cache_dir`` keeps an article cache there.
    Every input file and row appears in the report with ``status`` ``ok``, ``error`` or
    ``skipped``; an article that fails at any step is reported and the rest go on.

    Example:
        >>> import tempfile, pathlib
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (folder / "a.txt").write_text("Head\\n\\nTurkey said NATO was wrong.", encoding="utf-8")
        >>> tables, report, info = build_tables([folder], progress=False)
        >>> len(tables["sentences"]), report["status"].tolist(), info["version"]
        (2, ['ok'], '3.8.0')
    """
    options = (options or BuildOptions(n_process=1)).replace(**settings)
    sink = MemorySink()
    cache = ArticleCache(cache_dir) if cache_dir else None
    stats = _stream([Path(p).as_posix() for p in inputs], sink, options=options, cache=cache)
    if stats.cache_problem:
        warnings.warn(f"cache {stats.cache_problem}: building without a cache", stacklevel=2)
    tables = corpus_actors(sink.tables(), registry=_registry(options))
    reused, notes = reuse_step_frames(tables["articles"], copy_containment=options.copy_containment)
    tables.update(reused)
    add_notes(stats.report, notes)
    return tables, _report_frame(stats.report), pipeline_meta(options.pipeline)


def _registry(options: BuildOptions):
    """The actor registry the options name (the built-in one by default)."""
    return load_registry(options.registry) if options.registry else load_registry()


@dataclass
class BuildResult:
    """Build report, counts and descriptor path of a finished build; ``tables`` loads the package."""

    report: pd.DataFrame
    descriptor: Path
    processed: int = 0
    cached: int = 0
    cache_rejected: int = 0
    cache_unsaved: int = 0
    cache_problem: str | None = None

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        return load_package(self.descriptor.parent)

    @property
    def n_errors(self) -> int:
        return int((self.report["status"] == "error").sum())

    @property
    def n_articles(self) -> int:
        return int((self.report["status"] == "ok").sum())


def build(
    inputs: Iterable[str | Path],
    *,
    out: str | Path,
    fmt: str = "csv",
    name: str = "news-coverage",
    cache_dir: str | Path | None | bool = True,
    options: BuildOptions | None = None,
    **settings: Any,
) -> BuildResult:
    """Build the tables from ``inputs`` and write them as a data package into ``out``.

    ``fmt`` is ``csv`` or ``parquet``; ``name`` the package's name. ``options`` and keyword
    ``settings`` (any :class:`BuildOptions` field) say how the build runs: ``n_process=None`` uses
    every core (small inputs run in this process); ``engine="dask"`` runs the blocks on a Dask
    cluster (``scheduler`` address, or a local cluster of ``n_process`` workers).
    ``cache_dir=True`` keeps the article cache in ``out/.cache``; ``False`` or ``None`` turns it off.
    Unusable cache entries are recomputed (counted in ``cache_rejected``, entries not written in
    ``cache_unsaved``); a cache folder that cannot be used is named in ``cache_problem`` and the
    build goes on without it.

    Example:
        >>> import tempfile, pathlib
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (folder / "a.txt").write_text("Head\\n\\nTurkey said NATO was wrong.", encoding="utf-8")
        >>> first = build([folder], out=folder / "out", progress=False)
        >>> again = build([folder], out=folder / "out", progress=False)
        >>> (first.processed, first.cached), (again.processed, again.cached)
        ((1, 0), (0, 1))
    """
    options = (options or BuildOptions()).replace(**settings)
    out = Path(out)
    inputs = [Path(p).as_posix() for p in inputs]
    cache = None
    if cache_dir:
        cache = ArticleCache(out / ".cache" if cache_dir is True else cache_dir)
    with package_lock(out):
        staging = open_staging(out)
        try:
            report, stats, files = _write_staged(inputs, staging, out=out, fmt=fmt, name=name, options=options, cache=cache)
            if not (report["status"] == "ok").any():
                raise BuildFailed(report, out)
            switch(out, files)
        finally:
            if not pending_switch(out):
                shutil.rmtree(staging, ignore_errors=True)
    cache_counts = (stats.cache_rejected, stats.cache_unsaved, stats.cache_problem)
    return BuildResult(report, out / "datapackage.json", stats.processed, stats.cached, *cache_counts)


class BuildFailed(RuntimeError):
    """No article could be read: the package in ``out`` is left as it was; ``report`` says why for each input."""

    def __init__(self, report: pd.DataFrame, out: Path) -> None:
        super().__init__(f"no article could be read; the package in {out.as_posix()} is left as it was")
        self.report = report


def _write_staged(
    inputs: list[str], staging: Path, *, out: Path, fmt: str, name: str, options: BuildOptions, cache: ArticleCache | None
) -> tuple[pd.DataFrame, BuildStats, list[str]]:
    """Write the whole package into ``staging``; return the report, the counts and the files to
    move into place (``datapackage.json`` last)."""
    sink = FileSink(staging, fmt)
    try:
        stats = _stream(inputs, sink, options=options, cache=cache, exclude=[out])
    except BaseException:
        sink.abort()
        raise
    sink.close()
    corpus = corpus_step_files(staging, fmt=fmt, registry=_registry(options))
    reused, notes = reuse_step_files(staging, fmt=fmt, copy_containment=options.copy_containment)
    corpus.update(reused)
    add_notes(stats.report, notes)
    report = _report_frame(stats.report)
    resources = [resource_descriptor(table, fmt=fmt) for table in ARTICLE_TABLES]
    for table, frame in {**corpus, REPORT_TABLE: report}.items():
        writer = TableWriter(staging / f"{table}.{fmt}", fmt=fmt)
        writer.write(frame)
        writer.close()
        resources.append(resource_descriptor(table, fmt=fmt, columns=frame.columns))
    write_descriptor(staging, resources, pipeline=pipeline_meta(options.pipeline), name=name, inputs=inputs)
    return report, stats, [r["path"] for r in resources] + ["datapackage.json"]
