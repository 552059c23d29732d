"""Metadata joined onto articles: a ``--metadata`` file keyed by article id, and sidecars.

A metadata file is CSV (a header row naming ``id``) or JSON Lines (one object with ``id`` per
line); every other column is a field: ``outlet``, ``url``, ``date``, ``title``, ``byline``,
``language`` and ``agency`` fill the ``articles`` columns of those names (``title`` is the headline), any other
column is kept as a user field (a string) in the ``metadata`` table. A sidecar ``<stem>.meta.json``
beside a text or HTML file holds one JSON object of fields for that file's article.

Nothing is dropped or overwritten in silence: a metadata row whose id matches no article, an
article without a row, a field that differs from the article's own (a JSONL field, a sidecar, the
scraper's date header) and every malformed row are listed in the build report. Where two sources
give a field, the metadata file wins over a sidecar, and a sidecar over the article's own record;
the date of a scraper header printed in the text wins over them all (it is part of the text).

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "meta.csv"
    >>> _ = path.write_text("id,outlet,section\\na,Daily Sabah,World\\n,x,y\\n", encoding="utf-8")
    >>> table = read_metadata(path)
    >>> table.rows["a"], [(p.line, p.message) for p in table.problems]
    ({'outlet': 'Daily Sabah', 'section': 'World'}, [(3, 'metadata row without an id')])
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from analysis.io.records import META_FIELDS, RawArticle, ReadError, Skipped, decode_bytes
from analysis.text.dates import normalize_date

__all__ = ["SIDECAR_SUFFIX", "Metadata", "join_metadata", "read_metadata", "read_sidecar", "unmatched"]

SIDECAR_SUFFIX = ".meta.json"
"""A file ``<stem>.meta.json`` beside ``<stem>.txt`` (or ``.html``) holds that article's metadata."""

#: Where a field's value came from, weakest first: a later one wins and the clash is reported.
ORIGINS = ("record", "sidecar", "metadata file")


@dataclass
class Metadata:
    """A metadata file read: article id -> fields (strings), the line of each id, and the problems found."""

    path: str
    rows: dict[str, dict[str, str]] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    problems: list[ReadError] = field(default_factory=list)
    used: set[str] = field(default_factory=set)


def _fields(record: dict, *, source: str, line: int | None) -> tuple[str | None, dict[str, str], ReadError | None]:
    """(id, fields, problem) of one metadata record: names lowercased and stripped, values as strings, empty values dropped."""
    clean = {str(k).strip().lower(): v for k, v in record.items() if k is not None}
    raw_id = clean.pop("id", None)
    if raw_id is None or not str(raw_id).strip():
        return None, {}, ReadError(source, "metadata row without an id", line)
    values = {}
    for name, value in clean.items():
        if value is None or isinstance(value, (dict, list)) or not str(value).strip() or not name:
            continue
        values[name] = " ".join(str(value).split()) if name != "url" else str(value).strip()
    return str(raw_id).strip(), values, None


def read_metadata(path: str | Path) -> Metadata:
    """Read a metadata file (``.csv``, or ``.jsonl``/``.ndjson``/``.json`` lines); problems are
    collected, never raised, so a bad file leaves the articles to build without it.

    Example:
        >>> import tempfile, pathlib
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "meta.jsonl"
        >>> _ = path.write_text('{"id": "a", "date": "2019-07-12"}\\n{"id": "a"}\\nnot json\\n', encoding="utf-8")
        >>> [p.message for p in read_metadata(path).problems]
        ["metadata id 'a' given twice (first on line 1); this row is not used", 'malformed JSON (Expecting value at column 1)']
    """
    path = Path(path)
    source = path.as_posix()
    table = Metadata(source)
    try:
        data = path.read_bytes()
    except OSError as exc:
        table.problems.append(ReadError(source, f"cannot read metadata file ({exc.strerror or exc})"))
        return table
    try:
        text = decode_bytes(data, source=source)
    except ValueError as exc:
        table.problems.append(ReadError(source, str(exc).removeprefix(f"{source}: ")))
        return table
    if not text.strip():
        table.problems.append(ReadError(source, "metadata file is empty"))
        return table
    records = _csv_records(text, table) if path.suffix.lower() == ".csv" else _json_records(text, table)
    for line, record in records:
        article_id, values, problem = _fields(record, source=source, line=line)
        if problem is not None:
            table.problems.append(problem)
        elif article_id in table.rows:
            first = table.lines[article_id]
            table.problems.append(
                ReadError(
                    source,
                    f"metadata id {article_id!r} given twice (first on line {first}); this row is not used",
                    line,
                    article_id,
                )
            )
        else:
            table.rows[article_id], table.lines[article_id] = values, line
    table.problems.sort(key=lambda p: p.line or 0)  # file order
    if not table.rows and not table.problems:
        table.problems.append(ReadError(source, "metadata file holds no rows (only a header or blank lines)"))
    return table


def _csv_records(text: str, table: Metadata):
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except (StopIteration, csv.Error) as exc:
        table.problems.append(ReadError(table.path, f"malformed metadata header row ({exc})", 1))
        return
    if "id" not in header:
        table.problems.append(ReadError(table.path, "metadata file has no 'id' column (the article id to join on)", 1))
        return
    line = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            table.problems.append(
                ReadError(table.path, f"malformed metadata row ({exc}); the rest of the file is not read", line)
            )
            return
        start, line = line, reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            table.problems.append(
                ReadError(table.path, f"malformed metadata row: expected {len(header)} fields, found {len(row)}", start)
            )
            continue
        yield start, dict(zip(header, row))


def _json_records(text: str, table: Metadata):
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            data = json.loads(text)
        except (json.JSONDecodeError, RecursionError, ValueError) as exc:
            table.problems.append(ReadError(table.path, f"malformed JSON metadata ({getattr(exc, 'msg', exc)})"))
            return
        lines = list(enumerate(data, start=1))
    else:
        lines = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                lines.append((number, json.loads(line)))
            except json.JSONDecodeError as exc:
                table.problems.append(ReadError(table.path, f"malformed JSON ({exc.msg} at column {exc.colno})", number))
            except (RecursionError, ValueError):
                table.problems.append(ReadError(table.path, "malformed JSON (nested too deeply or a number too long)", number))
    for number, record in lines:
        if not isinstance(record, dict):
            table.problems.append(ReadError(table.path, f"expected a JSON object, found {type(record).__name__}", number))
            continue
        yield number, record


def read_sidecar(path: Path) -> tuple[dict[str, str], str | None]:
    """The fields of the sidecar of an article file, and a note when it cannot be used (``({}, None)`` when there is none).

    Example:
        >>> import tempfile, pathlib
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (folder / "a.meta.json").write_text('{"outlet": "TRT World", "id": "ignored"}', encoding="utf-8")
        >>> read_sidecar(folder / "a.txt")
        ({'outlet': 'TRT World'}, None)
    """
    sidecar = path.with_name(path.stem + SIDECAR_SUFFIX)
    if not sidecar.is_file():
        return {}, None
    try:
        record = json.loads(decode_bytes(sidecar.read_bytes(), source=sidecar.as_posix()))
    except (OSError, ValueError, RecursionError) as exc:
        return {}, f"sidecar {sidecar.name} not used: {getattr(exc, 'msg', None) or exc}"
    if not isinstance(record, dict):
        return {}, f"sidecar {sidecar.name} not used: expected a JSON object, found {type(record).__name__}"
    _, values, _ = _fields({**record, "id": "sidecar"}, source=sidecar.as_posix(), line=None)
    return values, None


def join_metadata(raw: RawArticle, fields: dict[str, str], *, origin: str) -> RawArticle:
    """``raw`` with ``fields`` joined onto its metadata (they win over what it had; each clash,
    and a date that differs from the scraper header printed in the text, is noted for the report).

    Example:
        >>> raw = RawArticle("a", "a.jsonl", "date 2019-07-12 Head\\n\\nBody.", 1, {"outlet": "AFP"})
        >>> joined = join_metadata(raw, {"outlet": "Yahoo News", "date": "July 13, 2019"}, origin="metadata file")
        >>> joined.meta["outlet"], joined.notes
        ('Yahoo News', ("metadata file outlet 'Yahoo News' differs from the record's 'AFP'; the metadata file's is used", "metadata file date '2019-07-13' differs from the date header printed in the text ('2019-07-12'); the text's is used"))
    """
    from analysis.text.zones import header_date

    meta, notes = dict(raw.meta), list(raw.notes)
    for name, value in fields.items():
        before = meta.get(name)
        if before is not None and before != value:
            was = raw.origins.get(name, "record")
            notes.append(f"{origin} {name} {value!r} differs from the {was}'s {before!r}; the {origin}'s is used")
        meta[name] = value
    printed = header_date(raw.text)
    given = normalize_date(fields.get("date"))
    if printed and given and printed != given:
        notes.append(
            f"{origin} date {given!r} differs from the date header printed in the text ({printed!r}); the text's is used"
        )
    origins = {**raw.origins, **{name: origin for name in fields}}
    return RawArticle(raw.article_id, raw.source_path, raw.text, raw.line, meta, tuple(notes), origins)


def unmatched(table: Metadata) -> list[Skipped]:
    """Report rows for the metadata rows no article used (after every input was read).

    Example:
        >>> table = Metadata("meta.csv", rows={"x": {}}, lines={"x": 2})
        >>> [(s.line, s.message) for s in unmatched(table)]
        [(2, "metadata row for 'x' matches no article read")]
    """
    return [
        Skipped(table.path, f"metadata row for {article_id!r} matches no article read", table.lines[article_id], article_id)
        for article_id in table.rows
        if article_id not in table.used
    ]


def user_fields(meta: dict[str, str]) -> dict[str, str]:
    """The fields of an article's metadata that are not ``articles`` columns (kept in the ``metadata`` table).

    Example:
        >>> user_fields({"outlet": "AFP", "section": "World"})
        {'section': 'World'}
    """
    return {k: v for k, v in meta.items() if k not in META_FIELDS}
