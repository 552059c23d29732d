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

from pathlib import Path

import pandas as pd

from analysis.corpus.actors import ACTOR_COLUMNS, CorpusActors
from analysis.corpus.cooccurrence import CooccurrenceCounter
from analysis.io.package import TableWriter, read_chunks
from analysis.io.schema import conform, empty_frame, frame_from_rows
from analysis.lexicons.actors import Registry

#: Rows read at a time: a few megabytes of table, whatever the corpus.
CHUNK_ROWS = 50_000


def corpus_step_frames(tables: dict[str, pd.DataFrame], *, registry: Registry) -> dict[str, pd.DataFrame]:
    """The corpus step on tables in memory: the renamed article tables plus ``actors`` and ``cooccurrence``.

    Example:
        >>> from analysis.extract.tables import article_tables
        >>> from analysis.io.records import RawArticle
        >>> from analysis.lexicons.actors import load_registry
        >>> tables = article_tables(RawArticle("a", "a", "T\\n\\nAnna Berg spoke first.\\n\\nBERG said the debate was fair."))
        >>> corpus_step_frames(tables, registry=load_registry())["actors"]["actor"].tolist()
        ['Anna Berg']
    """
    corpus = CorpusActors(registry=registry)
    for name in ACTOR_COLUMNS:
        corpus.observe(name, tables[name])
    corpus.resolve()
    out = dict(tables)
    for name in ACTOR_COLUMNS:
        out[name] = corpus.rename(name, tables[name])
    corpus.count(out["mentions"])
    cooc = CooccurrenceCounter()
    cooc.update(out["mentions"])
    out["actors"] = frame_from_rows(corpus.rows(), "actors")
    out["cooccurrence"] = conform(cooc.table(), "cooccurrence")
    return out


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
        for chunk in read_chunks(folder / f"{name}.{fmt}", name, fmt=fmt, rows=CHUNK_ROWS):
            corpus.observe(name, chunk)
    merges = corpus.resolve()
    cooc = CooccurrenceCounter()
    for name in ACTOR_COLUMNS:
        path = folder / f"{name}.{fmt}"
        writer = TableWriter(path, fmt=fmt) if merges else None
        if writer is not None:
            writer.write(empty_frame(name))  # the header (CSV) or the schema (Parquet), whatever follows
        carry: pd.DataFrame | None = None  # the last article of a mentions chunk waits for the rest of it
        try:
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
                    cooc.update(_typed_mentions(whole[~tail], fmt))
                    carry = whole[tail]
            if carry is not None:
                cooc.update(_typed_mentions(carry, fmt))
        except BaseException:
            if writer is not None:
                writer.abort()
            raise
        if writer is not None:
            writer.close()
    return {"actors": frame_from_rows(corpus.rows(), "actors"), "cooccurrence": conform(cooc.table(), "cooccurrence")}


def _typed_mentions(chunk: pd.DataFrame, fmt: str) -> pd.DataFrame:
    """Mentions rows as the co-occurrence counter reads them (CSV text flags as booleans)."""
    if fmt == "csv" and len(chunk):
        chunk = chunk.assign(is_location=chunk["is_location"].eq("True"))
    return chunk
