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
from analysis.corpus.reuse import COPY_CONTAINMENT, ReuseIndex
from analysis.corpus.stories import ORIGIN_EVIDENCE, STORY_COLUMNS, reuse_tables, story_rows
from analysis.io.package import TableWriter, read_chunks
from analysis.io.schema import TABLES, _csv_column, conform, empty_frame, frame_from_rows
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


def reuse_step_files(
    folder: Path, *, fmt: str, copy_containment: float = COPY_CONTAINMENT
) -> tuple[dict[str, pd.DataFrame], dict[str, str]]:
    """The reuse step on the ``articles`` file in ``folder``: its story columns are filled in place
    and the ``reuse`` and ``reuse_passages`` tables returned, with a note for every article that
    could not be compared (article id -> why); ``copy_containment`` is the copy threshold.

    Example:
        >>> import tempfile, pathlib
        >>> from analysis.build.run import build
        >>> from analysis.io.package import load_table
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> wire = "Head\\n\\nTurkey will buy the missiles, the minister told reporters in Ankara on Tuesday after talks."
        >>> _ = (folder / "a.txt").write_text(wire, encoding="utf-8")
        >>> _ = (folder / "b.txt").write_text(wire + " More followed.", encoding="utf-8")
        >>> out = build([folder], out=folder / "out", progress=False).descriptor.parent  # runs the step
        >>> load_table("articles", path=out)[["article_id", "story_id", "story_size"]].values.tolist()
        [['a', 'b', 2], ['b', 'b', 2]]
        >>> load_table("reuse", path=out)[["article_a", "article_b", "relation"]].values.tolist()
        [['a', 'b', 'copy']]
    """
    path = folder / f"articles.{fmt}"
    index = ReuseIndex(copy_containment=copy_containment)
    notes: dict[str, str] = {}
    meta = []
    for chunk in read_chunks(path, "articles", fmt=fmt, rows=CHUNK_ROWS, columns=[*ORIGIN_EVIDENCE, "text"]):
        for record in chunk.to_dict("records"):
            text = record.pop("text")
            problem = index.add(str(record["article_id"]), "" if not isinstance(text, str) else text)
            if problem:
                notes[str(record["article_id"])] = problem
            meta.append(record)
    frame = conform(pd.DataFrame(meta, columns=list(ORIGIN_EVIDENCE)), "articles")[list(ORIGIN_EVIDENCE)]
    pairs = index.pairs()
    stories = story_rows(frame, pairs, index)
    _fill_story_columns(path, stories, fmt=fmt)
    reuse, passages = reuse_tables(pairs)
    return {"reuse": reuse, "reuse_passages": passages}, notes


def reuse_step_frames(
    articles: pd.DataFrame, *, copy_containment: float = COPY_CONTAINMENT
) -> tuple[dict[str, pd.DataFrame], dict[str, str]]:
    """The reuse step on an ``articles`` table held in memory: the table with its story columns
    filled, ``reuse`` and ``reuse_passages``, and the notes of articles that could not be compared.

    Example:
        >>> text = "Turkey will buy the missiles, the minister told reporters in Ankara on Tuesday after talks."
        >>> articles = conform(pd.DataFrame({"article_id": ["a", "b"], "text": [text, text], "n_words": [16, 16]}), "articles")
        >>> tables, notes = reuse_step_frames(articles)
        >>> tables["articles"]["story_id"].tolist(), tables["reuse"]["relation"].tolist(), notes
        (['a', 'a'], ['copy'], {})
    """
    index = ReuseIndex(copy_containment=copy_containment)
    notes: dict[str, str] = {}
    for article_id, text in zip(articles["article_id"].astype(str), articles["text"]):
        problem = index.add(article_id, text if isinstance(text, str) else "")
        if problem:
            notes[article_id] = problem
    pairs = index.pairs()
    stories = story_rows(articles[list(ORIGIN_EVIDENCE)], pairs, index)
    filled = articles.copy()
    for column in STORY_COLUMNS:
        filled[column] = stories[column].to_numpy()
    reuse, passages = reuse_tables(pairs)
    return {"articles": conform(filled, "articles"), "reuse": reuse, "reuse_passages": passages}, notes


def _fill_story_columns(path: Path, stories: pd.DataFrame, *, fmt: str) -> None:
    """Write the story columns into the ``articles`` file (rows in the same order as ``stories``)."""
    writer = TableWriter(path, fmt=fmt)
    try:
        if fmt == "csv":
            cells = {c: _csv_column(stories[c].tolist(), TABLES["articles"].column(c).dtype) for c in STORY_COLUMNS}
            with open(path, encoding="utf-8", newline="") as handle:
                reader = csv.reader(handle)
                header = next(reader)
                at = {c: header.index(c) for c in STORY_COLUMNS}
                buffer = io.StringIO()
                out = csv.writer(buffer, lineterminator="\n")
                writer.write(empty_frame("articles"))  # the header
                for number, row in enumerate(reader):
                    for column, i in at.items():
                        row[i] = cells[column][number]
                    out.writerow(row)
                    if buffer.tell() >= WRITE_CHARS:
                        writer.write(buffer.getvalue())
                        buffer.seek(0)
                        buffer.truncate()
                writer.write(buffer.getvalue())
        else:
            done = 0
            for chunk in read_chunks(path, "articles", fmt=fmt, rows=CHUNK_ROWS):
                part = stories.iloc[done : done + len(chunk)]
                for column in STORY_COLUMNS:
                    chunk[column] = part[column].to_numpy()
                writer.write(conform(chunk, "articles"))
                done += len(chunk)
    except BaseException:
        writer.abort()
        raise
    writer.close()
