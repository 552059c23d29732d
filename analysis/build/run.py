"""Build the dataset package: read inputs lazily, split zones, parse, tabulate, write, report.

The build streams: articles are read lazily and processed in blocks of ``chunk_size``; each
block's rows are appended to the table files (CSV or Parquet, written to temporary files and
renamed at the end) and folded into the corpus-level ``actors`` and ``cooccurrence`` counts, so
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
    >>> result = build([src], out=src / "out", progress=False)
    >>> result.report[["article_id", "status"]].values.tolist()
    [['a', 'ok'], [<NA>, 'error']]
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import pandas as pd
from tqdm.auto import tqdm

from analysis.build.blocks import _Task
from analysis.build.cache import ArticleCache, article_key, build_fingerprint
from analysis.build.engines import ENGINES, _dask_map, _local_map
from analysis.build.process import _frozen_start_up, default_processes
from analysis.build.report import BuildStats, _report_frame, _report_row
from analysis.build.sinks import FileSink, MemorySink, _frame
from analysis.config import DEFAULT_BATCH_CHARS, DEFAULT_MAX_CHARS, DEFAULT_PIPELINE
from analysis.corpus.actors import ActorCounter
from analysis.corpus.cooccurrence import CooccurrenceCounter
from analysis.io.package import REPORT_TABLE, TableWriter, load_package, resource_descriptor, write_descriptor
from analysis.io.reading import read_inputs
from analysis.io.records import RawArticle, Skipped
from analysis.io.schema import ARTICLE_TABLES, conform
from analysis.lexicons.actors import load_registry
from analysis.nlp.pipeline import pipeline_meta


def _stream(
    inputs: list[str],
    sink: MemorySink | FileSink,
    *,
    pipeline: str,
    registry: str | None,
    batch_size: int,
    batch_chars: int,
    n_process: int | None,
    engine: str,
    scheduler: str | None,
    chunk_size: int,
    cache: ArticleCache | None,
    encoding: str | None,
    max_chars: int,
    progress: bool | None,
) -> tuple[BuildStats, dict[str, pd.DataFrame]]:
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    stats = BuildStats()
    fingerprint = build_fingerprint(pipeline=pipeline, registry=registry) if cache is not None else ""
    cooc = CooccurrenceCounter()
    actor_counter = ActorCounter(registry=load_registry(registry) if registry else load_registry())

    def blocks() -> Iterator[list[tuple[int, RawArticle, str]]]:
        """Blocks of (seq, article, cache key); unreadable inputs go straight to the report."""
        items = enumerate(read_inputs(inputs, encoding=encoding, max_chars=max_chars))
        while True:
            block: list[tuple[int, RawArticle, str]] = []
            for seq, item in items:
                if not isinstance(item, RawArticle):
                    status = "skipped" if isinstance(item, Skipped) else "error"
                    stats.report.append(_report_row(item, status, seq=seq))
                    stats.errors += status == "error"
                    continue
                block.append((seq, item, article_key(item, fingerprint) if cache is not None else ""))
                if len(block) >= chunk_size:
                    break
            if not block:
                return
            yield block

    # peek: a small input runs in this process, whatever n_process says
    pending = blocks()
    first = list(islice(pending, 2))
    workers = n_process if n_process is not None else default_processes()
    if len(first) < 2 and engine == "local":
        workers = 1
    task = _Task(
        pipeline=pipeline,
        registry=registry,
        batch_size=batch_size,
        batch_chars=batch_chars,
        cache_dir=str(cache.folder) if cache is not None else None,
        fmt=sink.fmt,
    )
    if engine == "dask":
        run, close = _dask_map(workers, task, scheduler)
    else:
        run, close = _local_map(workers, task)

    def all_blocks() -> Iterator[list[tuple[int, RawArticle, str]]]:
        yield from first
        yield from pending

    bar = tqdm(
        desc="articles", unit="article", disable=None if progress is None else not progress, file=sys.stderr, smoothing=0.1
    )
    in_process = engine == "local" and workers <= 1
    try:
        with _frozen_start_up() if in_process else nullcontext():
            for result in run(all_blocks()):
                for name in ARTICLE_TABLES:
                    sink.write(name, result.tables[name])
                cooc.merge(result.cooc)
                actor_counter.merge(result.actors)
                stats.report.extend(result.report)
                stats.processed += result.processed
                stats.cached += result.cached
                stats.errors += result.errors
                bar.update(len(result.report))
    finally:
        bar.close()
        close()
    corpus = {
        "actors": _frame("actors", actor_counter.rows()),
        "cooccurrence": conform(cooc.table(), "cooccurrence"),
    }
    return stats, corpus


def build_tables(
    inputs: Iterable[str | Path],
    *,
    pipeline: str = DEFAULT_PIPELINE,
    batch_size: int = 32,
    batch_chars: int = DEFAULT_BATCH_CHARS,
    n_process: int | None = 1,
    encoding: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    progress: bool | None = None,
    registry: str | Path | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    chunk_size: int = 64,
    cache_dir: str | Path | None = None,
) -> tuple[dict[str, pd.DataFrame], pd.DataFrame, dict[str, str]]:
    """Build all tables in memory; return (tables, report, pipeline info).

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
    sink = MemorySink()
    stats, corpus = _stream(
        [Path(p).as_posix() for p in inputs],
        sink,
        pipeline=pipeline,
        registry=str(registry) if registry else None,
        batch_size=batch_size,
        batch_chars=batch_chars,
        n_process=n_process,
        engine=engine,
        scheduler=scheduler,
        chunk_size=chunk_size,
        cache=ArticleCache(cache_dir) if cache_dir else None,
        encoding=encoding,
        max_chars=max_chars,
        progress=progress,
    )
    return {**sink.tables(), **corpus}, _report_frame(stats.report), pipeline_meta(pipeline)


@dataclass
class BuildResult:
    """Build report, counts and descriptor path of a finished build; ``tables`` loads the package."""

    report: pd.DataFrame
    descriptor: Path
    processed: int = 0
    cached: int = 0

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
    pipeline: str = DEFAULT_PIPELINE,
    batch_size: int = 32,
    batch_chars: int = DEFAULT_BATCH_CHARS,
    n_process: int | None = None,
    encoding: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    progress: bool | None = None,
    name: str = "news-coverage",
    registry: str | Path | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    chunk_size: int = 64,
    cache_dir: str | Path | None | bool = True,
) -> BuildResult:
    """Build the tables from ``inputs`` and write them as a data package into ``out``.

    ``n_process=None`` uses every core (small inputs run in this process); ``engine="dask"``
    runs the blocks on a Dask cluster (``scheduler`` address, or a local cluster of
    ``n_process`` workers). ``cache_dir=True`` keeps the article cache in ``out/.cache``;
    ``False`` or ``None`` turns it off. Example: see the module docstring.

    Example:
        >>> import tempfile, pathlib
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (folder / "a.txt").write_text("Head\\n\\nTurkey said NATO was wrong.", encoding="utf-8")
        >>> first = build([folder], out=folder / "out", progress=False)
        >>> again = build([folder], out=folder / "out", progress=False)
        >>> (first.processed, first.cached), (again.processed, again.cached)
        ((1, 0), (0, 1))
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    inputs = [Path(p).as_posix() for p in inputs]
    cache = None
    if cache_dir:
        cache = ArticleCache(out / ".cache" if cache_dir is True else cache_dir)
    sink = FileSink(out, fmt)
    try:
        stats, corpus = _stream(
            inputs,
            sink,
            pipeline=pipeline,
            registry=str(registry) if registry else None,
            batch_size=batch_size,
            batch_chars=batch_chars,
            n_process=n_process,
            engine=engine,
            scheduler=scheduler,
            chunk_size=chunk_size,
            cache=cache,
            encoding=encoding,
            max_chars=max_chars,
            progress=progress,
        )
    except BaseException:
        sink.abort()
        raise
    sink.close()
    report = _report_frame(stats.report)
    resources = []
    for table in ARTICLE_TABLES:
        resources.append(resource_descriptor(table, fmt=fmt))
    for table, frame in {**corpus, REPORT_TABLE: report}.items():
        writer = TableWriter(out / f"{table}.{fmt}", fmt=fmt)
        writer.write(frame)
        writer.close()
        resources.append(resource_descriptor(table, fmt=fmt, columns=frame.columns))
    descriptor = write_descriptor(out, resources, pipeline=pipeline_meta(pipeline), name=name, inputs=inputs)
    return BuildResult(report, descriptor, stats.processed, stats.cached)
