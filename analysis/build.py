"""Build the dataset package: read inputs, split zones, parse, tabulate, write, report.

    >>> import tempfile, pathlib
    >>> src = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (src / "a.txt").write_text("Title\\n\\nThe minister said it was over.\\n", encoding="utf-8")
    >>> _ = (src / "b.txt").write_bytes(b"")
    >>> result = build([src], out=src / "out", progress=False)
    >>> result.report[["article_id", "status"]].values.tolist()
    [['a', 'ok'], [<NA>, 'error']]
"""
from __future__ import annotations

import os
import sys
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

import pandas as pd
from tqdm.auto import tqdm

from .config import DEFAULT_MAX_CHARS, DEFAULT_PIPELINE
from .actors import load_registry
from .nlp import load_pipeline, parse_many, pipeline_info
from .package import REPORT_TABLE, write_package
from .reading import RawArticle, ReadError, Skipped, read_inputs
from .schema import TABLES, conform
from .tables import Row, corpus_tables, rows_for
from .zones import Layout, split_zones

CORE_TABLES = ("articles", "zones", "captions", "sentences", "entities", "quotes", "sources", "mentions")
REPORT_COLUMNS = ["input", "line", "article_id", "status", "message"]


@dataclass
class BuildResult:
    """Tables, build report and descriptor path of a finished build."""

    tables: dict[str, pd.DataFrame]
    report: pd.DataFrame
    descriptor: Path | None

    @property
    def n_errors(self) -> int:
        return int((self.report["status"] == "error").sum())

    @property
    def n_articles(self) -> int:
        return int((self.report["status"] == "ok").sum())


def _report_row(item: RawArticle | ReadError | Skipped, status: str, message: str | None = None, *, seq: int = 0) -> dict:
    return {
        "seq": seq,
        "input": item.source_path,
        "line": item.line,
        "article_id": item.article_id,
        "status": status,
        "message": message if message is not None else getattr(item, "message", None),
    }


def build_tables(
    inputs: Iterable[str | Path],
    *,
    pipeline: str = DEFAULT_PIPELINE,
    batch_size: int = 32,
    n_process: int = 1,
    encoding: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    progress: bool | None = None,
    registry: str | Path | None = None,
) -> tuple[dict[str, pd.DataFrame], pd.DataFrame, dict[str, str]]:
    """Build all tables in memory; return (tables, report, pipeline info).

    Every input file and row appears in the report with ``status`` ``ok``, ``error`` or
    ``skipped``; an article that fails at any step is reported and the rest go on.
    """
    nlp = load_pipeline(pipeline)
    actors = load_registry(registry) if registry else load_registry()
    report: list[dict] = []
    rows: dict[str, list[Row]] = {name: [] for name in CORE_TABLES}
    pending: deque[tuple[int, RawArticle, Layout]] = deque()

    def articles() -> Iterator[tuple[str, Layout]]:
        for seq, item in enumerate(read_inputs(inputs, encoding=encoding, max_chars=max_chars)):
            if isinstance(item, RawArticle):
                try:
                    layout = split_zones(item.text, title=item.meta.get("title"))
                except Exception as exc:  # one bad article never stops the corpus
                    report.append(_report_row(item, "error", f"cannot split zones: {exc}", seq=seq))
                    continue
                pending.append((seq, item, layout))
                yield item.text, layout
            else:
                report.append(_report_row(item, "skipped" if isinstance(item, Skipped) else "error", seq=seq))

    bar = tqdm(desc="articles", unit="article", disable=None if progress is None else not progress, file=sys.stderr)
    for doc in parse_many(articles(), nlp=nlp, batch_size=batch_size, n_process=n_process):
        seq, raw, layout = pending.popleft()
        try:
            for name, new in rows_for(raw, layout, doc, registry=actors).items():
                rows[name].extend(new)
            report.append(_report_row(raw, "ok", "", seq=seq))
        except Exception as exc:
            report.append(_report_row(raw, "error", f"cannot tabulate: {exc}", seq=seq))
        bar.update(1)
    bar.close()
    tables = corpus_tables(rows, registry=actors)
    report.sort(key=lambda r: r["seq"])  # input order, whatever order the parser finished in
    report_frame = pd.DataFrame(report, columns=REPORT_COLUMNS)
    report_frame = report_frame.astype({"input": "string", "line": "Int64", "article_id": "string", "status": "string", "message": "string"})
    report_frame["message"] = report_frame["message"].replace("", pd.NA)
    return tables, report_frame, pipeline_info(nlp)


def build(
    inputs: Iterable[str | Path],
    *,
    out: str | Path,
    fmt: str = "csv",
    pipeline: str = DEFAULT_PIPELINE,
    batch_size: int = 32,
    n_process: int = 1,
    encoding: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    progress: bool | None = None,
    name: str = "news-coverage",
    registry: str | Path | None = None,
) -> BuildResult:
    """Build the tables from ``inputs`` and write them as a data package into ``out``.

    Example: see the module docstring.
    """
    inputs = [Path(p).as_posix() for p in inputs]
    tables, report, info = build_tables(
        inputs,
        pipeline=pipeline,
        batch_size=batch_size,
        n_process=n_process,
        encoding=encoding,
        max_chars=max_chars,
        progress=progress,
        registry=registry,
    )
    descriptor = write_package({**tables, REPORT_TABLE: report}, out, pipeline=info, fmt=fmt, name=name, inputs=inputs)
    return BuildResult(tables, report, descriptor)


def default_processes() -> int:
    """Number of usable cores."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1
