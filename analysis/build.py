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

import gc
import hashlib
import json
import multiprocessing
import os
import pickle
import sys
import threading
from collections import deque
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import pandas as pd
from tqdm.auto import tqdm

from . import __version__
from .actors import REGISTRY_FILE, load_registry
from .config import DEFAULT_BATCH_CHARS, DEFAULT_MAX_CHARS, DEFAULT_PIPELINE, RESOURCES_DIR, TABLE_VERSION
from .cooccurrence import CooccurrenceCounter
from .linking import ActorCounter
from .nlp import load_pipeline, parse, parse_many, pipeline_meta
from .package import REPORT_TABLE, TableWriter, atomic_write_bytes, load_package, resource_descriptor, write_descriptor
from .reading import RawArticle, ReadError, Skipped, read_inputs
from .schema import TABLES, conform, csv_from_rows, frame_from_rows
from .tables import Row, rows_for
from .zones import split_zones

ARTICLE_TABLES = ("articles", "zones", "captions", "sentences", "entities", "quotes", "sources", "mentions", "frames", "actions", "evaluative")
CORPUS_TABLES = ("actors", "cooccurrence")
REPORT_COLUMNS = ["input", "line", "article_id", "status", "message"]
ENGINES = ("local", "dask")


# ----------------------------------------------------------------------------- processing
@dataclass
class Outcome:
    """What became of one article: its rows, or the error that stopped it."""

    seq: int
    raw: RawArticle
    rows: dict[str, list[Row]] | None = None
    error: str | None = None
    cached: bool = False


def process_articles(
    articles: list[tuple[int, RawArticle]],
    *,
    pipeline: str = DEFAULT_PIPELINE,
    registry: str | None = None,
    batch_size: int = 32,
    batch_chars: int = DEFAULT_BATCH_CHARS,
) -> list[Outcome]:
    """Rows for a block of articles: zones, one spaCy pass each, tables.

    Runs the same in the main process, a worker process or a Dask worker (the pipeline and the
    registry are loaded once per process). spaCy batches hold at most ``batch_size`` articles and
    ``batch_chars`` characters, and once a process has added :data:`PERMANENT_STRINGS` strings to
    the vocabulary, each block runs inside the pipeline's memory zone (strings and lexemes of the
    block are freed afterwards), so memory stays flat over a long corpus. An article that fails is
    returned with its error.

    Example:
        >>> from analysis.reading import RawArticle
        >>> [o.rows["quotes"][0]["kind"] for o in process_articles([(0, RawArticle("a", "a", "T\\n\\n“Yes,” she said."))])]
        ['direct']
    """
    nlp = load_pipeline(pipeline)
    actors = load_registry(registry) if registry else load_registry()
    _warm_up(nlp, actors)
    if getattr(_FREEZE, "pending", False) or (multiprocessing.parent_process() is not None and not gc.get_freeze_count()):
        _FREEZE.pending = False
        gc.freeze()  # see _frozen_start_up; a worker process's start-up objects live as long as it does
    outcomes: list[Outcome] = []
    ready: list[tuple[Outcome, Any]] = []
    for seq, raw in articles:
        outcome = Outcome(seq, raw)
        outcomes.append(outcome)
        try:
            layout = split_zones(raw.text, title=raw.meta.get("title"))
            ready.append((outcome, layout))
        except Exception as exc:  # one bad article never stops the corpus
            outcome.error = f"cannot split zones: {exc}"
    # rows hold plain values only: nothing made in the zone outlives it; one block at a time per
    # process (a Dask worker with several threads would otherwise open zones side by side)
    with _PIPELINE_LOCK, _vocabulary_zone(nlp):
        docs = parse_many(((o.raw.text, layout) for o, layout in ready), nlp=nlp, batch_size=batch_size, batch_chars=batch_chars)
        for (outcome, layout), doc in zip(ready, docs):
            try:
                outcome.rows = rows_for(outcome.raw, layout, doc, registry=actors)
            except Exception as exc:
                outcome.error = f"cannot tabulate: {exc}"
    # the parser keeps each batch's working arrays in reference cycles that only the cyclic
    # collector frees; left to its own schedule they pile up over a long corpus
    gc.collect()
    return outcomes


_FREEZE = threading.local()  # .pending: a build in this thread wants the start-up objects frozen


@contextmanager
def _frozen_start_up() -> Iterator[None]:
    """While a build runs in this process: once the pipeline is loaded and warmed up (in the first
    :func:`process_articles` call, so a build read wholly from the cache loads nothing), keep the
    objects alive at that point (the pipeline, the registry, the libraries) out of the cyclic
    collector's passes (``gc.freeze``), so the collection after each block walks only what the
    build made since (about 2% of the build's time otherwise). On leaving they are handed back
    (``gc.unfreeze``), unless objects had been frozen before. Worker processes freeze theirs for
    good after their warm-up.
    """
    frozen_before = gc.get_freeze_count()
    _FREEZE.pending = not frozen_before
    try:
        yield
    finally:
        _FREEZE.pending = False
        if not frozen_before:
            gc.unfreeze()


PERMANENT_STRINGS = 100_000
"""How many strings a process's blocks may add to the pipeline's vocabulary for good (about 30 MiB)."""


def _vocabulary_zone(nlp: Any) -> Any:
    """The context a block runs in: none while the vocabulary has grown by fewer than
    :data:`PERMANENT_STRINGS` strings since the warm-up, then the pipeline's memory zone.

    Words seen outside a zone stay in the vocabulary and in the tokenizer's cache, which spaCy
    does not extend inside a zone; a corpus's frequent words come early, so the first blocks
    make them fast for the rest of the build (in a zone every block would tokenize and make
    lexemes afresh, about 8% slower). Past the budget, each block's new strings are freed at its
    end, so the vocabulary stops growing however long the corpus.
    """
    grown = len(nlp.vocab.strings) - _BASE_STRINGS.get(id(nlp), 0)
    return nlp.memory_zone() if grown >= PERMANENT_STRINGS else nullcontext()


_WARM_UP_TEXT = (
    "Turkey will not back down, Erdogan says\n\nBy AFP\n\n"
    "ANKARA: Turkish President Recep Tayyip Erdogan said on Tuesday that \"we will not step back\" "
    "from the deal, according to Anadolu. NATO officials warned of sanctions, a spokesman told reporters.\n"
)
_WARMED: set[tuple[int, int]] = set()
_BASE_STRINGS: dict[int, int] = {}
_PIPELINE_LOCK = threading.RLock()


def _warm_up(nlp: Any, actors: Any) -> None:
    """Tabulate one small article outside any memory zone, once per pipeline and registry, so the
    matchers and lexicon caches the tables need are made with strings that stay in the vocabulary."""
    key = (id(nlp), id(actors))
    if key in _WARMED:
        return
    with _PIPELINE_LOCK:
        raw = RawArticle("warm-up", "warm-up", _WARM_UP_TEXT)
        layout = split_zones(raw.text)
        rows_for(raw, layout, parse(raw.text, layout, nlp=nlp), registry=actors)
        _WARMED.add(key)
        _BASE_STRINGS.setdefault(id(nlp), len(nlp.vocab.strings))


# ----------------------------------------------------------------------------- cache
@lru_cache(maxsize=8)
def _code_fingerprint() -> str:
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in sorted(package.glob("*.py")) + sorted(RESOURCES_DIR.glob("*")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def build_fingerprint(*, pipeline: str = DEFAULT_PIPELINE, registry: str | Path | None = None) -> str:
    """Everything besides the article that decides its rows: pipeline name and version, table
    version, toolkit version, the toolkit's code and lexicons, and the actor registry file.

    Example:
        >>> len(build_fingerprint())
        64
    """
    meta = pipeline_meta(pipeline)
    registry_bytes = Path(registry or REGISTRY_FILE).read_bytes()
    parts = [meta["name"], meta["version"], TABLE_VERSION, __version__, _code_fingerprint(), hashlib.sha256(registry_bytes).hexdigest()]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def article_key(raw: RawArticle, fingerprint: str) -> str:
    """Content hash of one article under a build fingerprint.

    Example:
        >>> from analysis.reading import RawArticle
        >>> article_key(RawArticle("a", "a.txt", "Text."), "f") == article_key(RawArticle("a", "a.txt", "Text!"), "f")
        False
    """
    payload = json.dumps([fingerprint, raw.article_id, raw.source_path, raw.line, raw.text, sorted(raw.meta.items())], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class ArticleCache:
    """Rows of processed articles on disk, one file per content hash."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, key: str) -> dict[str, list[Row]] | None:
        path = self._path(key)
        if not path.exists():
            return None
        try:
            return pickle.loads(path.read_bytes())
        except Exception:  # a damaged entry is recomputed
            return None

    def put(self, key: str, rows: dict[str, list[Row]]) -> None:
        atomic_write_bytes(self._path(key), pickle.dumps(rows, protocol=pickle.HIGHEST_PROTOCOL))


# ----------------------------------------------------------------------------- engines
def _local_map(n_process: int, task: Callable[[list], list]) -> tuple[Callable[[Iterator[list]], Iterator[list]], Callable[[], None]]:
    if n_process <= 1:
        return (lambda blocks: map(task, blocks)), (lambda: None)
    import multiprocessing as mp

    method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
    pool = mp.get_context(method).Pool(n_process)

    def run(blocks: Iterator[list]) -> Iterator[list]:
        window: deque = deque()
        for block in blocks:  # at most two blocks per worker in flight: input is read as it is needed
            window.append(pool.apply_async(task, (block,)))
            if len(window) >= 2 * n_process:
                yield window.popleft().get()
        while window:
            yield window.popleft().get()

    def close() -> None:
        pool.close()
        pool.join()

    return run, close


def _dask_map(n_process: int, task: Callable[[list], list], scheduler: str | None):
    from distributed import Client, LocalCluster

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=max(n_process, 1), threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    in_flight = max(2 * len(client.scheduler_info().get("workers", {}) or [1]), 2)

    def run(blocks: Iterator[list]) -> Iterator[list]:
        window: deque = deque()
        for block in blocks:  # a sliding window of submitted blocks keeps memory bounded
            window.append(client.submit(task, block, pure=False))
            if len(window) >= in_flight:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()

    def close() -> None:
        client.close()
        if cluster is not None:
            cluster.close()

    return run, close


@dataclass
class BlockResult:
    """A block's output: its tables (CSV text without header, or typed frames), partial actor and
    co-occurrence counts, and its report rows."""

    tables: dict[str, str | pd.DataFrame]
    cooc: CooccurrenceCounter
    actors: ActorCounter
    report: list[dict]
    processed: int = 0
    cached: int = 0
    errors: int = 0


def run_block(
    block: list[tuple[int, RawArticle, str]],
    *,
    pipeline: str = DEFAULT_PIPELINE,
    registry: str | None = None,
    batch_size: int = 32,
    batch_chars: int = DEFAULT_BATCH_CHARS,
    cache_dir: str | None = None,
    fmt: str = "csv",
) -> BlockResult:
    """Everything for one block of (seq, article, cache key): cached rows are read, the rest is
    processed (:func:`process_articles`) and cached, then the block's rows are typed and, for CSV,
    formatted, and its actors and co-occurrences counted. Runs in whichever process holds the block,
    so the main process only appends text and adds up counts.

    Example:
        >>> from analysis.reading import RawArticle
        >>> result = run_block([(0, RawArticle("a", "a", "T\\n\\nTurkey said NATO was wrong."), "")])
        >>> result.tables["sentences"].splitlines()[1]
        'a,1,1,body,3,30,5,Turkey said NATO was wrong.'
    """
    cache = ArticleCache(cache_dir) if cache_dir else None
    block_path = None
    if cache is not None and all(key for _, _, key in block):
        # a whole unchanged block (same articles, same places in the input) is read back as it was
        # written: no typing, formatting or counting again
        block_key = hashlib.sha256(json.dumps([fmt, [(seq, key) for seq, _, key in block]]).encode()).hexdigest()
        block_path = cache.folder / "blocks" / f"{block_key}.pickle"
        if block_path.exists():
            try:
                result = pickle.loads(block_path.read_bytes())
                result.cached, result.processed = result.cached + result.processed, 0
                return result
            except Exception:  # a damaged entry is recomputed
                pass
    outcomes: list[Outcome] = []
    todo: list[tuple[int, RawArticle]] = []
    keys: dict[int, str] = {}
    for seq, raw, key in block:
        rows = cache.get(key) if cache is not None else None
        if rows is not None:
            outcomes.append(Outcome(seq, raw, rows, cached=True))
        else:
            todo.append((seq, raw))
            keys[seq] = key
    if todo:
        processed = process_articles(todo, pipeline=pipeline, registry=registry, batch_size=batch_size, batch_chars=batch_chars)
        for outcome in processed:
            if outcome.rows is not None and cache is not None:
                cache.put(keys[outcome.seq], outcome.rows)
        outcomes.extend(processed)
    outcomes.sort(key=lambda o: o.seq)
    chunk: dict[str, list[Row]] = {name: [] for name in ARTICLE_TABLES}
    result = BlockResult({}, CooccurrenceCounter(), ActorCounter(), [])
    for outcome in outcomes:
        if outcome.rows is None:
            result.report.append(_report_row(outcome.raw, "error", outcome.error, seq=outcome.seq))
            result.errors += 1
            continue
        for name in ARTICLE_TABLES:
            chunk[name].extend(outcome.rows[name])
        result.report.append(_report_row(outcome.raw, "ok", "", seq=outcome.seq))
        result.cached += outcome.cached
        result.processed += not outcome.cached
    for name in ARTICLE_TABLES:
        result.tables[name] = csv_from_rows(chunk[name], name) if fmt == "csv" else _frame(name, chunk[name])
    result.cooc.update(chunk["mentions"])
    result.actors.update(chunk["mentions"])
    if block_path is not None and not result.errors:
        atomic_write_bytes(block_path, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    return result


class _Task:
    """Picklable block task for worker processes and Dask workers."""

    def __init__(self, **options: Any) -> None:
        self.options = options

    def __call__(self, block: list[tuple[int, RawArticle, str]]) -> BlockResult:
        return run_block(block, **self.options)


# ----------------------------------------------------------------------------- sinks
class MemorySink:
    """Collects chunks in memory (for :func:`build_tables`)."""

    fmt = "frame"

    def __init__(self) -> None:
        self.chunks: dict[str, list[pd.DataFrame]] = {name: [] for name in ARTICLE_TABLES}

    def write(self, name: str, frame: pd.DataFrame) -> None:
        self.chunks[name].append(frame)

    def tables(self) -> dict[str, pd.DataFrame]:
        return {name: _concat(name, frames) for name, frames in self.chunks.items()}


class FileSink:
    """Appends chunks to the table files of a package folder."""

    def __init__(self, out: Path, fmt: str) -> None:
        self.fmt = fmt
        self.writers = {name: TableWriter(out / f"{name}.{fmt}", fmt=fmt) for name in ARTICLE_TABLES}
        if fmt == "csv":
            for name, writer in self.writers.items():
                writer.write(_frame(name, []))  # the header

    def write(self, name: str, chunk: str | pd.DataFrame) -> None:
        self.writers[name].write(chunk)

    def close(self) -> None:
        for writer in self.writers.values():
            writer.close()

    def abort(self) -> None:
        for writer in self.writers.values():
            writer.abort()


def _concat(name: str, frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [f for f in frames if len(f)]
    if not frames:
        return conform(pd.DataFrame(columns=TABLES[name].names), name)
    return pd.concat(frames, ignore_index=True)


def _frame(name: str, rows: list[Row]) -> pd.DataFrame:
    return frame_from_rows(rows, name)


# ----------------------------------------------------------------------------- the build
@dataclass
class BuildStats:
    processed: int = 0
    cached: int = 0
    errors: int = 0
    report: list[dict] = field(default_factory=list)


def _report_row(item: RawArticle | ReadError | Skipped, status: str, message: str | None = None, *, seq: int = 0) -> dict:
    return {
        "seq": seq,
        "input": item.source_path,
        "line": item.line,
        "article_id": item.article_id,
        "status": status,
        "message": message if message is not None else getattr(item, "message", None),
    }


def default_processes() -> int:
    """Number of usable cores.

    Example:
        >>> default_processes() >= 1
        True
    """
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


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
        pipeline=pipeline, registry=registry, batch_size=batch_size, batch_chars=batch_chars,
        cache_dir=str(cache.folder) if cache is not None else None, fmt=sink.fmt,
    )
    if engine == "dask":
        run, close = _dask_map(workers, task, scheduler)
    else:
        run, close = _local_map(workers, task)

    def all_blocks() -> Iterator[list[tuple[int, RawArticle, str]]]:
        yield from first
        yield from pending

    bar = tqdm(desc="articles", unit="article", disable=None if progress is None else not progress, file=sys.stderr, smoothing=0.1)
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


def _report_frame(report: list[dict]) -> pd.DataFrame:
    report = sorted(report, key=lambda r: r["seq"])  # input order, whatever order the work finished in
    frame = pd.DataFrame(report, columns=REPORT_COLUMNS)
    frame = frame.astype({"input": "string", "line": "Int64", "article_id": "string", "status": "string", "message": "string"})
    frame["message"] = frame["message"].replace("", pd.NA)
    return frame


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
        [Path(p).as_posix() for p in inputs], sink, pipeline=pipeline, registry=str(registry) if registry else None,
        batch_size=batch_size, batch_chars=batch_chars, n_process=n_process, engine=engine, scheduler=scheduler, chunk_size=chunk_size,
        cache=ArticleCache(cache_dir) if cache_dir else None, encoding=encoding, max_chars=max_chars, progress=progress,
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
            inputs, sink, pipeline=pipeline, registry=str(registry) if registry else None, batch_size=batch_size,
            batch_chars=batch_chars, n_process=n_process, engine=engine, scheduler=scheduler, chunk_size=chunk_size, cache=cache,
            encoding=encoding, max_chars=max_chars, progress=progress,
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
