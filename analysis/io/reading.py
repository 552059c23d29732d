"""Read articles from files, folders, JSONL and CSV, lazily, accounting for every input.

Each input yields either a :class:`RawArticle` or a :class:`ReadError`; nothing is dropped
silently. Supported inputs:

* ``.txt`` (and files without a suffix): one article per file, id = file stem;
* ``.jsonl``: one JSON object per line with ``id`` and ``text`` (optional ``title``, ``date``,
  ``outlet``, ``byline``, ``url``);
* ``.csv``: a header row naming at least ``id`` and ``text``; one article per row;
* ``.json``: one object or a list of objects with the JSONL fields;
* ``.html`` / ``.htm``: saved web pages (main text, title, date, author and captions pulled out by
  :mod:`analysis.io.html`);
* folders: every supported file below them, in sorted order.

Line ends are made ``\\n`` as the text is read (Windows ``\\r\\n`` and old Mac ``\\r``), so offsets
count one character per line break and no table cell holds a bare carriage return.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.jsonl").write_text('{"id": "x1", "text": "Hello."}\\nnot json\\n')
    >>> [type(item).__name__ for item in read_inputs([folder])]
    ['RawArticle', 'ReadError']
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from analysis.config import DEFAULT_MAX_CHARS
from analysis.io.metadata import SIDECAR_SUFFIX, Metadata, join_metadata, read_sidecar, unmatched
from analysis.io.records import (
    _ID_OK,
    META_FIELDS,
    Item,
    RawArticle,
    ReadError,
    Skipped,
    check_text,
    decode_bytes,
    lone_surrogate,
    normalize_newlines,
)

TEXT_SUFFIXES = {".txt", ".text", ""}


RECORD_SUFFIXES = {".jsonl", ".ndjson", ".csv", ".json"}


HTML_SUFFIXES = {".html", ".htm"}


SUPPORTED_SUFFIXES = TEXT_SUFFIXES | RECORD_SUFFIXES


csv.field_size_limit(2**31 - 1)


def iter_files(inputs: Iterable[str | Path], *, exclude: Iterable[str | Path] = ()) -> Iterator[Path | ReadError | Skipped]:
    """Expand files and folders into files, sorted. Every entry that is not read is yielded as
    :class:`Skipped` with the reason: a hidden file or folder (not its contents), an empty folder,
    a folder in ``exclude`` (the build's own output folder), a file of another type.

    Example:
        >>> list(iter_files(["does/not/exist.txt"]))[0].message
        'no such file or folder'
    """
    excluded = {Path(p).resolve() for p in exclude}
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            base = path.resolve()
            for child in _entries(path, base, excluded):
                if base.joinpath(child.relative_to(path)) in excluded:
                    yield Skipped(child.as_posix(), OUTPUT_FOLDER_SKIPPED)
                    continue
                if child.name.startswith("."):
                    yield Skipped(child.as_posix(), HIDDEN_SKIPPED)  # its contents are not listed
                    continue
                odd = _odd_entry(child)
                if odd is not None:
                    yield odd
                    continue
                if not child.is_file():
                    problem = _folder_problem(child)
                    if problem is not None:
                        yield problem
                    continue  # a folder: its files come in their turn
                suffix = child.suffix.lower()
                if child.name.lower().endswith(SIDECAR_SUFFIX):
                    yield Skipped(
                        child.as_posix(),
                        f"skipped: metadata sidecar (joined onto article {child.name[: -len(SIDECAR_SUFFIX)]!r})",
                    )
                elif suffix in SUPPORTED_SUFFIXES - {""} or suffix in HTML_SUFFIXES:
                    yield child
                elif suffix == "" or child.name.upper().startswith("README"):
                    yield Skipped(child.as_posix(), "skipped: not an article file (no .txt/.jsonl/.csv/.json/.html suffix)")
                else:
                    yield Skipped(child.as_posix(), f"skipped: unsupported file type '{suffix}'")
        elif path.is_file():
            yield path
        elif path.is_symlink():
            yield ReadError(path.as_posix(), "broken symbolic link (its target is missing, or links loop)")
        elif path.exists():
            yield Skipped(path.as_posix(), "skipped: not a regular file (a pipe, socket or device)")
        else:
            yield ReadError(path.as_posix(), "no such file or folder")


HIDDEN_SKIPPED = "skipped: a hidden file or folder (its name starts with a dot)"


OUTPUT_FOLDER_SKIPPED = "skipped: the build's output folder (its tables are not read back as articles)"


def _folder_problem(folder: Path) -> ReadError | Skipped | None:
    """The report row of a folder whose files will not come: empty, or not listable."""
    try:
        with os.scandir(folder) as entries:
            if next(entries, None) is None:
                return Skipped(folder.as_posix(), "skipped: an empty folder")
    except OSError as exc:
        return ReadError(folder.as_posix(), f"cannot list folder ({exc.strerror or exc})")
    return None


def _entries(folder: Path, resolved: Path, excluded: set[Path]) -> Iterator[Path]:
    """Every entry below ``folder``, in sorted path order (each folder before its contents), not
    going into hidden folders, folders in ``excluded`` (``resolved`` is ``folder`` resolved) or
    linked folders, which :func:`iter_files` reports without listing them; a folder that cannot
    be listed gives nothing (it is reported by :func:`_folder_problem`)."""
    try:
        with os.scandir(folder) as found:
            names = sorted((entry.name, entry.is_dir(follow_symlinks=False)) for entry in found)
    except OSError:
        return
    for name, is_folder in names:
        child = folder / name
        yield child
        if is_folder and not name.startswith(".") and resolved / name not in excluded:
            yield from _entries(child, resolved / name, excluded)


def _odd_entry(child: Path) -> ReadError | Skipped | None:
    """The report row of a folder entry that is neither a regular file nor a folder: a broken or
    looping symbolic link, a linked folder (not followed, so that a link cannot lead outside or loop),
    a pipe, socket or device; ``None`` for regular files and folders.

    Example:
        >>> import os, tempfile, pathlib
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> os.symlink(folder / "missing.txt", folder / "broken.txt")
        >>> _odd_entry(folder / "broken.txt").message
        'broken symbolic link (its target is missing, or links loop)'
    """
    if child.is_symlink():
        if not child.exists():
            return ReadError(child.as_posix(), "broken symbolic link (its target is missing, or links loop)")
        if child.is_dir():
            return Skipped(child.as_posix(), "skipped: a linked folder is not followed (name it as an input to read it)")
        return None
    if child.is_dir() or child.is_file():
        return None
    return Skipped(child.as_posix(), "skipped: not a regular file (a pipe, socket or device)")


#: A JSON Lines record ends at a line feed (or CR LF, CR) only; str.splitlines() also splits at
#: U+2028, U+2029, U+0085 and form feeds, which JSON allows inside strings.
_LINE_BREAK = re.compile(r"\r\n|[\r\n]")

_LONG_NUMBER = "malformed JSON (a number of more digits than can be read)"


def _article_from_record(record: object, *, source: str, line: int, max_chars: int) -> RawArticle | ReadError:
    if not isinstance(record, dict):
        return ReadError(source, f"expected a JSON object, found {type(record).__name__}", line)
    raw_id = record.get("id")
    if raw_id is None or (isinstance(raw_id, str) and not raw_id.strip()):
        return ReadError(source, "missing field 'id'", line)
    if isinstance(raw_id, (dict, list, bool)):
        return ReadError(source, f"field 'id' must be a string or number, found {type(raw_id).__name__}", line)
    if isinstance(raw_id, float) and not math.isfinite(raw_id):
        return ReadError(source, f"field 'id' must be a string or a finite number, found {raw_id}", line)
    try:
        article_id = str(raw_id).strip()
    except ValueError:  # an integer of more digits than Python converts to text
        return ReadError(source, "field 'id' is a number too long to be an id", line)
    if not _ID_OK.match(article_id):
        return ReadError(source, f"article id {article_id!r} may only hold letters, digits, '_', '-' and '.'", line, None)
    if "text" not in record or record["text"] is None:
        return ReadError(source, "missing field 'text'", line, article_id)
    problem = check_text(record["text"], max_chars=max_chars)
    if problem:
        return ReadError(source, problem, line, article_id)
    meta = {k: normalize_newlines(str(record[k])).strip() for k in META_FIELDS if record.get(k) not in (None, "")}
    meta |= {  # any other scalar field is a user field, kept as a string
        str(k).strip().lower(): " ".join(str(v).split())
        for k, v in record.items()
        if k not in META_FIELDS
        and k not in ("id", "text")
        and not isinstance(v, (dict, list))
        and v is not None
        and str(v).strip()
    }
    problem = next((p for k, v in meta.items() if (p := lone_surrogate(v, field=k))), None)
    if problem:
        return ReadError(source, problem, line, article_id)
    return RawArticle(article_id, source, normalize_newlines(record["text"]), line, meta)


def read_jsonl(text: str, *, source: str, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[RawArticle | ReadError]:
    """Articles from JSON Lines text; a malformed line becomes a :class:`ReadError`.

    Example:
        >>> [type(x).__name__ for x in read_jsonl('{"id": 1, "text": "A."}\\n{"id": 2', source="a.jsonl")]
        ['RawArticle', 'ReadError']
    """
    for number, line in enumerate(_LINE_BREAK.split(text), start=1):  # not splitlines(): U+2028 may sit inside a string
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReadError(source, f"malformed JSON ({exc.msg} at column {exc.colno})", number)
            continue
        except RecursionError:
            yield ReadError(source, "malformed JSON (nested too deeply)", number)
            continue
        except ValueError:  # an integer of more digits than Python reads
            yield ReadError(source, _LONG_NUMBER, number)
            continue
        yield _article_from_record(record, source=source, line=number, max_chars=max_chars)


def read_json(text: str, *, source: str, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[RawArticle | ReadError]:
    """Articles from a JSON document holding one object or a list of objects.

    Example:
        >>> [a.article_id for a in read_json('[{"id": "a", "text": "x"}]', source="f.json")]
        ['a']
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield ReadError(source, f"malformed JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})")
        return
    except RecursionError:
        yield ReadError(source, "malformed JSON (nested too deeply)")
        return
    except ValueError:
        yield ReadError(source, _LONG_NUMBER)
        return
    records = data if isinstance(data, list) else [data]
    for number, record in enumerate(records, start=1):
        yield _article_from_record(record, source=source, line=number, max_chars=max_chars)


def read_csv_text(text: str, *, source: str, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[RawArticle | ReadError]:
    """Articles from CSV text with a header row naming at least ``id`` and ``text``.

    Line numbers in errors are the row's first physical line in the file.

    Example:
        >>> rows = list(read_csv_text('id,text\\na,Hello.\\nb,"x",extra\\n', source="f.csv"))
        >>> rows[1].message
        'malformed row: expected 2 fields (id, text), found 3'
    """
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        yield ReadError(source, "file is empty")
        return
    except csv.Error as exc:
        yield ReadError(source, f"malformed header row ({exc})", 1)
        return
    names = [h.strip().lower() for h in header]
    if "id" not in names or "text" not in names:
        shown = ", ".join(repr(h) for h in header[:6])
        yield ReadError(source, f"no header row with 'id' and 'text' columns (first row: {shown})", 1)
        return
    line = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield ReadError(source, f"malformed CSV row ({exc})", line)
            return  # the csv module cannot resynchronise after a broken quote
        start, line = line, reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(names):
            yield ReadError(
                source,
                f"malformed row: expected {len(names)} fields ({', '.join(names)}), found {len(row)}",
                start,
            )
            continue
        yield _article_from_record(dict(zip(names, row)), source=source, line=start, max_chars=max_chars)


def read_file(path: str | Path, *, encoding: str | None = None, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Item]:
    """Read one file into articles and errors (see the module docstring for formats).

    Example:
        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "empty.txt"
        >>> _ = p.write_bytes(b"")
        >>> str(next(read_file(p))).endswith("empty.txt: file is empty")
        True
    """
    path = Path(path)
    source = path.as_posix()
    suffix = path.suffix.lower()
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield ReadError(source, f"cannot read file ({exc.strerror or exc})")
        return
    if not data.strip():
        yield ReadError(source, "file is empty")
        return
    if suffix in HTML_SUFFIXES:
        from analysis.io.html import read_html_page

        yield _with_sidecar(read_html_page(data, source=source, encoding=encoding, max_chars=max_chars), path)
        return
    try:
        text = decode_bytes(data, source=source, encoding=encoding)
    except ValueError as exc:
        yield ReadError(source, str(exc).removeprefix(f"{source}: "))
        return
    if not text.strip():
        yield ReadError(source, "file holds no text (only a byte-order mark or whitespace)")
        return
    if suffix in RECORD_SUFFIXES:
        reader = {".csv": read_csv_text, ".json": read_json}.get(suffix, read_jsonl)
        count = 0
        for item in reader(text, source=source, max_chars=max_chars):
            count += 1
            yield item
        if count == 0:
            yield ReadError(source, "no article rows in file (only a header or blank lines)")
    else:
        article_id = path.stem if suffix in TEXT_SUFFIXES else path.name
        problem = check_text(text, max_chars=max_chars)
        if problem:
            yield ReadError(source, problem, None, article_id)
        else:
            yield _with_sidecar(RawArticle(article_id, source, normalize_newlines(text)), path)


def _with_sidecar(item: Item, path: Path) -> Item:
    """The article of a one-article file with the fields of its sidecar ``<stem>.meta.json`` joined on."""
    if not isinstance(item, RawArticle):
        return item
    fields, note = read_sidecar(path)
    if note:
        return RawArticle(item.article_id, item.source_path, item.text, item.line, item.meta, (*item.notes, note), item.origins)
    return join_metadata(item, fields, origin="sidecar") if fields else item


def count_inputs(inputs: Iterable[str | Path], *, exclude: Iterable[str | Path] = ()) -> int:
    """About how many report rows :func:`read_inputs` gives (the total of a progress bar), from
    the folder walk and a count of line ends, without decoding anything: one per file, per JSON
    Lines line, per CSV line after the header (a CSV cell holding line breaks counts more than once,
    a JSON file holding a list counts once).

    Example:
        >>> import tempfile, pathlib
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (folder / "a.txt").write_text("One.", encoding="utf-8")
        >>> _ = (folder / "b.jsonl").write_text('{"text": "x"}\\n{"text": "y"}\\n', encoding="utf-8")
        >>> count_inputs([folder])
        3
    """
    total = 0
    for entry in iter_files(inputs, exclude=exclude):
        suffix = entry.suffix.lower() if isinstance(entry, Path) else ""
        if suffix not in (".jsonl", ".csv"):
            total += 1
            continue
        lines, last = 0, b"\n"
        try:
            with open(entry, "rb") as fh:
                for block in iter(lambda: fh.read(1 << 20), b""):
                    lines += block.count(b"\n")
                    last = block[-1:]
        except OSError:
            lines = 1
        lines += last != b"\n"
        total += max(1, lines - (suffix == ".csv"))
    return total


def read_inputs(
    inputs: Iterable[str | Path],
    *,
    encoding: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    exclude: Iterable[str | Path] = (),
    metadata: Metadata | None = None,
) -> Iterator[Item]:
    """Read every file and folder in ``inputs`` lazily (folders in ``exclude`` are skipped, see
    :func:`iter_files`); duplicate ids become errors. With ``metadata`` (a metadata file read by
    :func:`analysis.io.metadata.read_metadata`) each article's row is joined on; the file's
    problems come first and its rows that match no article last, as report items.

    Example:
        >>> items = list(read_inputs(["no/such/folder"]))
        >>> str(items[0])
        'no/such/folder: no such file or folder'
    """
    seen: dict[str, str] = {}
    if metadata is not None:
        yield from metadata.problems
    for entry in iter_files(inputs, exclude=exclude):
        if not isinstance(entry, Path):
            yield entry
            continue
        for item in read_file(entry, encoding=encoding, max_chars=max_chars):
            if isinstance(item, RawArticle):
                where = f"{item.source_path}:{item.line}" if item.line else item.source_path
                if item.article_id in seen:
                    yield ReadError(
                        item.source_path,
                        f"duplicate article id {item.article_id!r} (first read from {seen[item.article_id]})",
                        item.line,
                        item.article_id,
                    )
                    continue
                seen[item.article_id] = where
                if metadata is not None:
                    item = _with_metadata(item, metadata)
            yield item
    if metadata is not None:
        yield from unmatched(metadata)


def _with_metadata(raw: RawArticle, metadata: Metadata) -> RawArticle:
    fields = metadata.rows.get(raw.article_id)
    if fields is None:
        note = f"no row for this article in metadata file {metadata.path}"
        return RawArticle(raw.article_id, raw.source_path, raw.text, raw.line, raw.meta, (*raw.notes, note), raw.origins)
    metadata.used.add(raw.article_id)
    return join_metadata(raw, fields, origin="metadata file")
