"""One block of articles: cached rows read, the rest parsed and tabulated, counts made."""

from __future__ import annotations

import gc
import hashlib
import json
import multiprocessing
from dataclasses import dataclass
from typing import Any

import pandas as pd

from analysis.build.budget import OverBudget, article_budget, time_limit
from analysis.build.cache import ArticleCache, CacheEntryError
from analysis.build.options import BuildOptions
from analysis.build.process import _FREEZE, _PIPELINE_LOCK, _vocabulary_zone, _warm_up
from analysis.build.report import _report_row
from analysis.build.sinks import _frame
from analysis.extract.tables import rows_for
from analysis.io.records import RawArticle
from analysis.io.schema import ARTICLE_TABLES, Row, csv_from_rows
from analysis.lexicons.actors import load_registry
from analysis.nlp.pipeline import bounded_batches, load_pipeline, make_doc
from analysis.text.zones import split_zones


# ----------------------------------------------------------------------------- processing
@dataclass
class Outcome:
    """What became of one article: its rows, or the error that stopped it."""

    seq: int
    raw: RawArticle
    rows: dict[str, list[Row]] | None = None
    error: str | None = None
    cached: bool = False


def process_articles(articles: list[tuple[int, RawArticle]], *, options: BuildOptions | None = None) -> list[Outcome]:
    """Rows for a block of articles: zones, one spaCy pass each, tables.

    Runs the same in the main process, a worker process or a Dask worker (the pipeline and the
    registry of ``options`` are loaded once per process). spaCy batches hold at most
    ``options.batch_size`` articles and ``options.batch_chars`` characters, and once a process has added :data:`PERMANENT_STRINGS` strings to
    the vocabulary, each block runs inside the pipeline's memory zone (strings and lexemes of the
    block are freed afterwards), so memory stays flat over a long corpus. An article that fails is
    returned with its error.

    Example:
        >>> from analysis.io.records import RawArticle
        >>> [o.rows["quotes"][0]["kind"] for o in process_articles([(0, RawArticle("a", "a", "T\\n\\n“Yes,” she said."))])]
        ['direct']
    """
    options = options or BuildOptions()
    nlp = load_pipeline(options.pipeline)
    nlp.max_length = max(nlp.max_length, options.max_chars + 1)  # --max-chars raised: let spaCy take it too
    actors = load_registry(options.registry) if options.registry else load_registry()
    _warm_up(nlp, actors)
    if getattr(_FREEZE, "pending", False) or (multiprocessing.parent_process() is not None and not gc.get_freeze_count()):
        _FREEZE.pending = False
        gc.freeze()  # see _frozen_start_up; a worker process's start-up objects live as long as it does
    outcomes: list[Outcome] = []
    jobs: list[_Job] = []
    for seq, raw in articles:
        outcome = Outcome(seq, raw)
        outcomes.append(outcome)
        budget = article_budget(len(raw.text), seconds=options.time_budget) if options.time_budget else None
        try:
            with time_limit(budget, stage="zones"):
                jobs.append(_Job(outcome, split_zones(raw.text, title=raw.meta.get("title")), budget))
        except OverBudget as exc:
            outcome.error = _over_budget(exc, raw)
        except Exception as exc:  # one bad article never stops the corpus
            outcome.error = f"cannot split zones: {exc}"
    # rows hold plain values only: nothing made in the zone outlives it; one block at a time per
    # process (a Dask worker with several threads would otherwise open zones side by side)
    with _PIPELINE_LOCK, _vocabulary_zone(nlp):
        tokenized = _tokenize(jobs, nlp=nlp)
        pending = iter(tokenized)
        for batch in bounded_batches(
            (job.doc for job in tokenized), batch_size=options.batch_size, batch_chars=options.batch_chars
        ):
            for job in _parse([next(pending) for _ in batch], nlp=nlp):
                try:
                    with time_limit(job.budget, stage="tabulate"):
                        job.outcome.rows = rows_for(
                            job.outcome.raw,
                            job.layout,
                            job.doc,
                            registry=actors,
                            min_quote_confidence=options.min_quote_confidence,
                            keep_low_confidence=options.keep_low_confidence,
                        )
                except OverBudget as exc:
                    job.outcome.error = _over_budget(exc, job.outcome.raw)
                except Exception as exc:
                    job.outcome.error = f"cannot tabulate: {exc}"
    # the parser keeps each batch's working arrays in reference cycles that only the cyclic
    # collector frees; left to its own schedule they pile up over a long corpus
    gc.collect()
    return outcomes


@dataclass
class _Job:
    """One article on its way through a block: its outcome, layout, time budget and Doc."""

    outcome: Outcome
    layout: Any
    budget: float | None
    doc: Any = None

    def fail(self, exc: OverBudget) -> None:
        self.outcome.error = _over_budget(exc, self.outcome.raw)


def _over_budget(exc: OverBudget, raw: RawArticle) -> str:
    return f"{exc} (article of {len(raw.text):,} characters); raise --time-budget to give it longer"


def _tokenize(jobs: list[_Job], *, nlp: Any) -> list[_Job]:
    """The jobs whose article tokenizes within its budget, with their Doc; the others get their error."""
    tokenized = []
    for job in jobs:
        try:
            with time_limit(job.budget, stage="tokenize"):
                job.doc = make_doc(job.outcome.raw.text, job.layout, nlp=nlp)
            tokenized.append(job)
        except OverBudget as exc:
            job.fail(exc)
        except Exception as exc:
            job.outcome.error = f"cannot tokenize: {exc}"
    return tokenized


def _parse(batch: list[_Job], *, nlp: Any) -> list[_Job]:
    """The jobs of one batch, parsed within the batch's budget (the sum of its articles'); a batch
    over budget is parsed again article by article, each within its own, so only the article that
    is too slow is lost."""
    budgets = [job.budget for job in batch]
    total = sum(budgets) if all(budgets) else None
    try:
        with time_limit(total, stage="parse"):
            docs = list(nlp.pipe([job.doc for job in batch], batch_size=len(batch)))
    except OverBudget as exc:
        if len(batch) == 1:
            batch[0].fail(exc)
            return []
    else:
        for job, doc in zip(batch, docs):
            job.doc = doc
        return batch
    parsed = []
    for job in batch:
        try:
            with time_limit(job.budget, stage="parse"):
                job.doc = next(iter(nlp.pipe([make_doc(job.outcome.raw.text, job.layout, nlp=nlp)], batch_size=1)))
            parsed.append(job)
        except OverBudget as exc:
            job.fail(exc)
    return parsed


@dataclass
class BlockResult:
    """A block's output: its tables (CSV text without header, or typed frames), its report rows,
    and counts of its articles and cache entries
    (``cache_rejected``: unusable entries, recomputed; ``cache_unsaved``: entries not written)."""

    tables: dict[str, str | pd.DataFrame]
    report: list[dict]
    processed: int = 0
    cached: int = 0
    errors: int = 0
    cache_rejected: int = 0
    cache_unsaved: int = 0


BLOCK_FORMATS = ("csv",)
"""Formats whose whole blocks are cached: CSV text is kept as written; typed frames (Parquet, in
memory) are made again from the article entries, which costs little next to writing them."""


def _block_payload(result: BlockResult) -> dict[str, Any]:
    """A finished CSV block as a cache entry's payload: its CSV text (the report rows and article
    counts follow from the block itself)."""
    return {"tables": result.tables}


def _block_from_payload(payload: Any, block: list[tuple[int, RawArticle, str]]) -> BlockResult:
    """The result :func:`_block_payload` stored for ``block``; ``CacheEntryError`` unless the
    payload has exactly that shape (every table's CSV text).

    Example:
        >>> result = BlockResult({name: "" for name in ARTICLE_TABLES}, [])
        >>> _block_from_payload(_block_payload(result), []).cached
        0
        >>> _block_from_payload({**_block_payload(result), "tables": {}}, [])
        Traceback (most recent call last):
        ...
        analysis.build.cache.CacheEntryError: tables are not the CSV text of each article table
    """
    if type(payload) is not dict or set(payload) != {"tables"}:
        raise CacheEntryError("payload is not a block's tables")
    tables = payload["tables"]
    if (
        type(tables) is not dict
        or set(tables) != set(ARTICLE_TABLES)
        or not all(type(text) is str and (not text or text.endswith("\n")) for text in tables.values())
    ):
        raise CacheEntryError("tables are not the CSV text of each article table")
    report = [_report_row(raw, "ok", "", seq=seq) for seq, raw, _ in block]
    return BlockResult({name: tables[name] for name in ARTICLE_TABLES}, report, cached=len(block))


def run_block(
    block: list[tuple[int, RawArticle, str]],
    *,
    options: BuildOptions | None = None,
    cache_dir: str | None = None,
    fmt: str = "csv",
) -> BlockResult:
    """Everything for one block of (seq, article, cache key): cached rows are read, the rest is
    processed (:func:`process_articles`) and cached, then the block's rows are typed and, for CSV,
    formatted. Runs in whichever process holds the block, so the main process only appends text.

    Example:
        >>> from analysis.io.records import RawArticle
        >>> result = run_block([(0, RawArticle("a", "a", "T\\n\\nTurkey said NATO was wrong."), "")])
        >>> result.tables["sentences"].splitlines()[1]
        'a,1,1,body,3,30,5,Turkey said NATO was wrong.'
    """
    cache = ArticleCache(cache_dir) if cache_dir else None
    block_key = None
    if cache is not None and fmt in BLOCK_FORMATS and all(key for _, _, key in block):
        # a whole unchanged block (same articles, same places in the input) is read back as it was
        # written: no typing or formatting again
        block_key = hashlib.sha256(json.dumps([fmt, [(seq, key) for seq, _, key in block]]).encode()).hexdigest()
        payload = cache.load(block_key, kind="block")
        if payload is not None:
            try:
                return _block_from_payload(payload, block)
            except CacheEntryError:
                cache.rejected += 1
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
        processed = process_articles(todo, options=options)
        for outcome in processed:
            if outcome.rows is not None and cache is not None:
                cache.put(keys[outcome.seq], outcome.rows)
        outcomes.extend(processed)
    outcomes.sort(key=lambda o: o.seq)
    chunk: dict[str, list[Row]] = {name: [] for name in ARTICLE_TABLES}
    result = BlockResult({}, [])
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
    if cache is not None:
        if block_key is not None and not result.errors:
            cache.save(block_key, _block_payload(result), kind="block")
        result.cache_rejected, result.cache_unsaved = cache.rejected, cache.unsaved
    return result


class _Task:
    """Picklable block task for worker processes and Dask workers."""

    def __init__(self, *, options: BuildOptions, cache_dir: str | None, fmt: str) -> None:
        self.options, self.cache_dir, self.fmt = options, cache_dir, fmt

    def __call__(self, block: list[tuple[int, RawArticle, str]]) -> BlockResult:
        return run_block(block, options=self.options, cache_dir=self.cache_dir, fmt=self.fmt)
