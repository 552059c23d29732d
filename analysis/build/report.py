"""The build report: one row per input file or row."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from analysis.io.records import RawArticle, ReadError, Skipped

REPORT_COLUMNS = ["input", "line", "article_id", "status", "message"]


@dataclass
class BuildStats:
    """Counts of a running build and its report rows (in the order the work finished), and what
    became of its cache: entries found unusable and recomputed, entries that could not be
    written, and why the cache was not used at all (``cache_problem``)."""

    processed: int = 0
    cached: int = 0
    errors: int = 0
    report: list[dict] = field(default_factory=list)
    cache_rejected: int = 0
    cache_unsaved: int = 0
    cache_problem: str | None = None

    def add(self, block: Any) -> None:
        """Add a finished block's report rows and counts (a :class:`analysis.build.blocks.BlockResult`)."""
        self.report.extend(block.report)
        self.processed += block.processed
        self.cached += block.cached
        self.errors += block.errors
        self.cache_rejected += block.cache_rejected
        self.cache_unsaved += block.cache_unsaved


def _report_row(item: RawArticle | ReadError | Skipped, status: str, message: str | None = None, *, seq: int = 0) -> dict:
    return {
        "seq": seq,
        "input": item.source_path,
        "line": item.line,
        "article_id": item.article_id,
        "status": status,
        "message": _message(item, message),
    }


def _message(item: RawArticle | ReadError | Skipped, message: str | None) -> str | None:
    """A report row's message: the one given, else the item's own; an article's notes come after it."""
    text = message if message is not None else getattr(item, "message", None)
    notes = getattr(item, "notes", ())
    return "; ".join([text, *notes] if text else notes) if notes else text


def _report_frame(report: list[dict]) -> pd.DataFrame:
    report = sorted(report, key=lambda r: r["seq"])  # input order, whatever order the work finished in
    frame = pd.DataFrame(report, columns=REPORT_COLUMNS)
    frame = frame.astype({"input": "string", "line": "Int64", "article_id": "string", "status": "string", "message": "string"})
    frame["message"] = frame["message"].replace("", pd.NA)
    return frame


def add_notes(report: list[dict], notes: dict[str, str]) -> None:
    """Add corpus-step notes (article id -> message) to the messages of those articles' rows.

    Example:
        >>> rows = [{"article_id": "a", "status": "ok", "message": None}]
        >>> add_notes(rows, {"a": "too short to compare"}); rows[0]["message"]
        'too short to compare'
    """
    if not notes:
        return
    for row in report:
        note = notes.get(row.get("article_id")) if row.get("status") == "ok" else None
        if note:
            row["message"] = f"{row['message']}; {note}" if row.get("message") else note
