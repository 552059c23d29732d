"""The build's corpus step: one actor namespace over the written tables, then ``actors`` and ``cooccurrence``.

Runs once every block is written (:mod:`analysis.corpus.actors` says what it does). It reads the
tables back in chunks (never the parse), so it costs a few reads and writes of the actor tables
and works the same for one process, several, Dask or a warm cache.

    >>> import tempfile, pathlib
    >>> from analysis.build.run import build_tables
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("Head\\n\\nMichael Howard said the vote was lost.", encoding="utf-8")
    >>> _ = (folder / "b.txt").write_text("Head\\n\\nHoward said the party would win.", encoding="utf-8")
    >>> tables, _, _ = build_tables([folder], progress=False)
    >>> tables["quotes"]["speaker_actor"].tolist(), tables["actors"][["actor", "variants"]].values.tolist()
    (['Michael Howard', 'Michael Howard'], [['Michael Howard', 'Howard']])
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from analysis.corpus.actors import ACTOR_COLUMNS, EVIDENCE_COLUMNS, NOT_AN_ACTOR, CorpusActors
from analysis.corpus.cooccurrence import CooccurrenceCounter
from analysis.io.package import TableWriter, read_chunks
from analysis.io.schema import conform, empty_frame, frame_from_rows
from analysis.lexicons.actors import Registry

#: Rows read at a time: a few megabytes of table, whatever the corpus.
CHUNK_ROWS = 50_000


def corpus_step_files(folder: Path, *, fmt: str, registry: Registry) -> dict[str, pd.DataFrame]:
    """The corpus step on the table files in ``folder``: the actor tables are rewritten in place
    (only when a name was merged) and ``actors`` and ``cooccurrence`` returned.

    Example:
        >>> import tempfile, pathlib
        >>> from analysis.build.run import build
        >>> from analysis.io.package import load_table
        >>> from analysis.lexicons.actors import load_registry
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (folder / "a.txt").write_text("Head\\n\\nAnna Berg said the vote was lost.", encoding="utf-8")
        >>> _ = (folder / "b.txt").write_text("Head\\n\\nBERG said the party would win.", encoding="utf-8")
        >>> out = build([folder], out=folder / "out", progress=False).descriptor.parent  # runs the step
        >>> load_table("actors", path=out)[["actor", "variants"]].values.tolist()
        [['Anna Berg', 'BERG']]
        >>> corpus_step_files(out, fmt="csv", registry=load_registry())["actors"]["actor"].tolist()  # nothing left to merge
        ['Anna Berg']
    """
    corpus = CorpusActors(registry=registry)
    for name in ACTOR_COLUMNS:
        for chunk in read_chunks(folder / f"{name}.{fmt}", name, fmt=fmt, rows=CHUNK_ROWS, columns=EVIDENCE_COLUMNS[name]):
            corpus.observe(name, chunk)
    merges = corpus.resolve()
    cooc = CooccurrenceCounter()
    for name in ACTOR_COLUMNS:
        if not merges and name != "mentions":
            continue  # nothing to rename: only the mentions are read again, to count
        path = folder / f"{name}.{fmt}"
        if fmt == "csv":
            _rewrite_csv(path, name, corpus, cooc, rewrite=bool(merges))
        else:
            _rewrite_frames(path, name, corpus, cooc, fmt=fmt, rewrite=bool(merges))
    return {"actors": frame_from_rows(corpus.rows(), "actors"), "cooccurrence": conform(cooc.table(), "cooccurrence")}


#: Characters of CSV text gathered before they are appended to the table file.
WRITE_CHARS = 1 << 22


def _rewrite_csv(path: Path, name: str, corpus: CorpusActors, cooc: CooccurrenceCounter, *, rewrite: bool) -> None:
    """Rename the actor cells of a CSV table row by row (the other cells are written back as they
    were read, so the bytes of an unchanged row stay the same); the mentions are counted on the way."""
    mapping = corpus.mapping
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        targets = [
            (header.index(column), header.index(column.replace("_actor", "_kind")) if name == "actions" else None)
            for column in ACTOR_COLUMNS[name]
        ]
        counted = _MentionBatch(header, corpus, cooc) if name == "mentions" else None
        with _rewriting(path, name, fmt="csv", rewrite=rewrite) as writer:
            buffer = io.StringIO()
            out = csv.writer(buffer, lineterminator="\n")
            for row in reader:
                for column, kind in targets:
                    value = row[column]
                    if value in mapping and (kind is None or row[kind] != NOT_AN_ACTOR):
                        row[column] = mapping[value]
                if writer is not None:
                    out.writerow(row)
                    if buffer.tell() >= WRITE_CHARS:
                        writer.write(buffer.getvalue())
                        buffer.seek(0)
                        buffer.truncate()
                if counted is not None:
                    counted.add(row)
            if counted is not None:
                counted.flush()
            if writer is not None:
                writer.write(buffer.getvalue())


class _MentionBatch:
    """Renamed mentions rows (CSV cells) gathered whole article by whole article, then counted."""

    COLUMNS = ("article_id", "sentence_id", "paragraph_id", "zone", "actor", "is_location")

    def __init__(self, header: list[str], corpus: CorpusActors, cooc: CooccurrenceCounter) -> None:
        self.index = [header.index(column) for column in self.COLUMNS]
        self.corpus, self.cooc = corpus, cooc
        self.rows: list[dict] = []

    def add(self, row: list[str]) -> None:
        values = [row[i] or None for i in self.index]
        if len(self.rows) >= CHUNK_ROWS and values[0] != self.rows[-1]["article_id"]:
            self.flush()
        record = dict(zip(self.COLUMNS, values))
        record["is_location"] = record["is_location"] == "True"
        self.rows.append(record)

    def flush(self) -> None:
        if self.rows:
            self.corpus.count({column: [r[column] for r in self.rows] for column in ("article_id", "actor", "is_location")})
            self.cooc.update(self.rows)
            self.rows = []


def _rewrite_frames(path: Path, name: str, corpus: CorpusActors, cooc: CooccurrenceCounter, *, fmt: str, rewrite: bool) -> None:
    """Rename the actor columns of a (Parquet) table chunk by chunk; the mentions are counted on the way."""
    carry: pd.DataFrame | None = None  # the last article of a mentions chunk waits for the rest of it
    with _rewriting(path, name, fmt=fmt, rewrite=rewrite) as writer:
        for chunk in read_chunks(path, name, fmt=fmt, rows=CHUNK_ROWS):
            chunk = corpus.rename(name, chunk)
            if writer is not None:
                writer.write(chunk)
            if name == "mentions":
                corpus.count(chunk)
                whole = chunk if carry is None else pd.concat([carry, chunk], ignore_index=True)
                if not len(whole):
                    continue
                last = whole["article_id"].iloc[-1]
                tail = (whole["article_id"] == last).to_numpy()
                cooc.update(whole[~tail])
                carry = whole[tail]
        if carry is not None:
            cooc.update(carry)


@contextmanager
def _rewriting(path: Path, name: str, *, fmt: str, rewrite: bool) -> Iterator[TableWriter | None]:
    """A writer for the new version of a table file (its header or schema written first), moved into
    place when the block ends and dropped if it fails; ``None`` when the table is only read."""
    if not rewrite:
        yield None
        return
    writer = TableWriter(path, fmt=fmt)
    try:
        writer.write(empty_frame(name))  # the header (CSV) or the schema (Parquet), whatever follows
        yield writer
    except BaseException:
        writer.abort()
        raise
    writer.close()
