"""Where a block's tables go: memory or the package's table files."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.io.package import TableWriter
from analysis.io.schema import ARTICLE_TABLES, TABLES, Row, conform, frame_from_rows


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
