"""Read attribution annotations in brat standoff format (PolNeAR style).

A PolNeAR ``.ann`` file holds text-bound annotations (``T`` lines) and events
(``E`` lines). Each event is one attribution that links an ``Attribution`` or
``Attribution-no-source`` trigger to its ``Content`` (also ``Content2``, ...),
``Cue`` and ``Source`` spans::

    T1	Source 0 5	Obama
    T2	Cue 6 10	Says
    T3	Content 11 72	African-American ...
    T4	Attribution 6 10	Says
    E1	Attribution:T4 Content:T3 Cue:T2 Source:T1

Quirks of the real files that the reader handles:

- discontinuous spans (``799 803;822 868``), whose annotated string joins the
  segments with one space;
- annotated strings that contain line breaks, which continue on the next
  line(s) of the ``.ann`` file;
- events that refer to text-bound annotations defined further down;
- trailing blanks after an event, empty stub events with no roles, blank
  lines, and ``#`` annotator notes;
- ``Discard`` and ``Discuss`` spans, which belong to no event and are ignored.

Offsets are character offsets into the article text decoded from UTF-8
without newline translation (see :func:`read_text`).
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.text.spans import Segment

__all__ = [
    "BRAT_COLUMNS",
    "annotator_of",
    "article_id_of",
    "read_brat",
    "read_brat_dir",
    "read_text",
    "select_annotation_files",
]


BRAT_COLUMNS = [
    "article_id",
    "annotator",
    "gold_id",
    "type",
    "start_char",
    "end_char",
    "segments",
    "text",
    "cue",
    "cue_segments",
    "source",
    "source_segments",
]


_STRING_COLUMNS = ["article_id", "annotator", "gold_id", "type", "text", "cue", "source"]


_ID_LINE = re.compile(r"^([TEARMN]\d+|#\d*)\t")


_SPANS = re.compile(r"^\d+ \d+(?:;\d+ \d+)*$")


_ANNOTATOR_SUFFIX = re.compile(r"^(?P<article>.+)_(?P<annotator>[0-9a-fA-F]{4})$")


_ROLE_NAMES = {"Content": "content", "Cue": "cue", "Source": "source"}


@dataclass
class _TextBound:
    """A ``T`` line: type, segments, annotated string and its line number."""

    type: str
    segments: list[Segment]
    string: str
    line: int


@dataclass
class _Event:
    """An ``E`` line: type, trigger and role arguments."""

    id: str
    type: str
    trigger: str
    args: list[tuple[str, str]]
    line: int


@dataclass
class _Parsed:
    """Everything read from one ``.ann`` file."""

    textbounds: dict[str, _TextBound] = field(default_factory=dict)
    events: list[_Event] = field(default_factory=list)


def read_text(path: str | Path) -> str:
    """Read an article text exactly as brat counts its characters.

    The file is decoded as UTF-8 without universal-newline translation, so
    ``\\r\\n`` stays two characters, as it does for brat offsets.

    Args:
        path: Path of a ``.txt`` file.

    Returns:
        The decoded text.

    Example:
        >>> text = read_text("dev/text/some-article.txt")  # doctest: +SKIP
    """
    return Path(path).read_bytes().decode("utf-8")


def article_id_of(path: str | Path) -> str:
    """Return the article id of an annotation file: its stem minus ``_<annotator>``.

    Args:
        path: Path or name of an ``.ann`` file.

    Returns:
        The stem without a trailing 4-hex-digit annotator suffix.

    Example:
        >>> article_id_of("nyt_2016-04-18_for-news_4e07.ann")
        'nyt_2016-04-18_for-news'
    """
    stem = Path(path).stem
    match = _ANNOTATOR_SUFFIX.match(stem)
    return match.group("article") if match else stem


def annotator_of(path: str | Path) -> str | None:
    """Return the 4-hex-digit annotator id of an annotation file, if any.

    Args:
        path: Path or name of an ``.ann`` file.

    Returns:
        The annotator id, or ``None`` when the name carries none.

    Example:
        >>> annotator_of("nyt_2016-04-18_for-news_4e07.ann")
        '4e07'
    """
    match = _ANNOTATOR_SUFFIX.match(Path(path).stem)
    return match.group("annotator") if match else None


def _error(path: str | Path, line: int, message: str) -> ValueError:
    """Build a ValueError that names the file and line."""
    return ValueError(f"{path}:{line}: {message}")


def _parse_segments(spec: str, *, path: str | Path, line: int) -> list[Segment]:
    """Parse ``'11 72'`` or ``'799 803;822 868'`` into (start, end) tuples."""
    if not _SPANS.match(spec):
        raise _error(path, line, f"malformed offsets {spec!r}")
    segments = []
    for part in spec.split(";"):
        start, end = (int(x) for x in part.split())
        if start > end:
            raise _error(path, line, f"segment start {start} > end {end}")
        segments.append((start, end))
    return segments


def _expected_length(segments: list[Segment]) -> int:
    """Length of the annotated string brat writes for these segments."""
    return sum(end - start for start, end in segments) + len(segments) - 1


def _parse_textbound(fields: list[str], continuation: list[str], *, path: str | Path, line: int) -> tuple[str, _TextBound]:
    """Turn the fields of a ``T`` line (plus continuation lines) into a record."""
    if len(fields) < 3:
        raise _error(path, line, "text-bound annotation needs 3 tab-separated fields")
    type_, _, spec = fields[1].partition(" ")
    if not type_ or not spec:
        raise _error(path, line, f"missing type or offsets in {fields[1]!r}")
    segments = _parse_segments(spec, path=path, line=line)
    string = "\n".join(["\t".join(fields[2:]), *continuation])
    expected = _expected_length(segments)
    while len(string) > expected and string.endswith(("\n", "\r")):
        string = string[:-1]
    return fields[0], _TextBound(type_, segments, string, line)


def _parse_event(fields: list[str], *, path: str | Path, line: int) -> _Event:
    """Turn the fields of an ``E`` line into a record."""
    if len(fields) < 2 or not fields[1].strip():
        raise _error(path, line, "event needs a trigger")
    pairs = []
    for arg in fields[1].split():
        role, sep, ref = arg.partition(":")
        if not sep or not role or not ref:
            raise _error(path, line, f"malformed event argument {arg!r}")
        pairs.append((role, ref))
    (type_, trigger), args = pairs[0], pairs[1:]
    return _Event(fields[0], type_, trigger, args, line)


def _logical_lines(raw: str) -> Iterable[tuple[int, str, list[str]]]:
    """Group physical lines into annotation lines plus their continuation lines."""
    current: tuple[int, str, list[str]] | None = None
    for number, line in enumerate(raw.split("\n"), start=1):
        line = line.removesuffix("\r")
        if _ID_LINE.match(line):
            if current is not None:
                yield current
            current = (number, line, [])
        elif current is not None and current[1].startswith("T"):
            current[2].append(line)
        elif line.strip():
            yield number, line, []
    if current is not None:
        yield current


def _parse_ann(raw: str, *, path: str | Path) -> _Parsed:
    """Parse the text of an ``.ann`` file."""
    parsed = _Parsed()
    for number, line, continuation in _logical_lines(raw):
        if not _ID_LINE.match(line):
            raise _error(path, number, f"unrecognized line {line[:60]!r}")
        fields = line.split("\t")
        if line.startswith("T"):
            tid, record = _parse_textbound(fields, continuation, path=path, line=number)
            if tid in parsed.textbounds:
                raise _error(path, number, f"duplicate id {tid}")
            parsed.textbounds[tid] = record
        elif line.startswith("E"):
            if any(part.strip() for part in continuation):
                raise _error(path, number, "unexpected continuation line after event")
            parsed.events.append(_parse_event(fields, path=path, line=number))
    return parsed


def _role_of(name: str, *, path: str | Path, line: int) -> str:
    """Map ``Content``, ``Content2``, ``Cue``, ``Source`` ... to a role key."""
    base = name.rstrip("0123456789")
    if base not in _ROLE_NAMES:
        raise _error(path, line, f"unknown event role {name!r}")
    return _ROLE_NAMES[base]


def _segment_text(segments: list[Segment], *, text: str) -> str:
    """Text of the segments joined by one space (brat's convention)."""
    return " ".join(text[start:end] for start, end in segments)


def _normalize(value: str) -> str:
    """Collapse whitespace for lenient string comparison."""
    return " ".join(value.split())


def _check_offsets(record: _TextBound, *, text: str, path: str | Path) -> None:
    """Warn when the annotated string disagrees with the article text."""
    found = _segment_text(record.segments, text=text)
    if record.segments[-1][1] > len(text):
        raise _error(path, record.line, f"offset {record.segments[-1][1]} beyond text end {len(text)}")
    if _normalize(found) != _normalize(record.string):
        warnings.warn(
            f"{path}:{record.line}: annotated {record.string[:40]!r} != text {found[:40]!r}",
            stacklevel=3,
        )


def _event_row(event: _Event, parsed: _Parsed, *, text: str | None, path: str | Path) -> dict[str, object] | None:
    """Build one attribution row, or None when the event has no content."""
    roles: dict[str, list[_TextBound]] = {"content": [], "cue": [], "source": []}
    if event.trigger not in parsed.textbounds:
        raise _error(path, event.line, f"unknown trigger id {event.trigger}")
    for name, ref in event.args:
        if ref not in parsed.textbounds:
            raise _error(path, event.line, f"unknown id {ref} in role {name}")
        roles[_role_of(name, path=path, line=event.line)].append(parsed.textbounds[ref])
    if not roles["content"]:
        return None
    row: dict[str, object] = {"gold_id": event.id, "type": event.type}
    for role, records in roles.items():
        records = sorted(records, key=lambda r: r.segments[0])
        segments = sorted(seg for r in records for seg in r.segments)
        row[f"{role}_segments"] = segments
        if not records:
            row[role] = pd.NA
        elif text is None:
            row[role] = " ".join(r.string for r in records)
        else:
            row[role] = _segment_text(segments, text=text)
    row["segments"] = row.pop("content_segments")
    row["text"] = row.pop("content")
    row["start_char"] = min(start for start, _ in row["segments"])
    row["end_char"] = max(end for _, end in row["segments"])
    return row


def _frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    """Turn attribution rows into a frame with the standard columns and dtypes."""
    frame = pd.DataFrame(rows, columns=BRAT_COLUMNS)
    for column in _STRING_COLUMNS:
        frame[column] = frame[column].astype("string")
    for column in ("start_char", "end_char"):
        frame[column] = frame[column].astype("Int64")
    return frame


def read_brat(path: str | Path, *, text: str | None = None) -> pd.DataFrame:
    """Read one brat ``.ann`` file into one row per attribution.

    Every ``E`` line with at least one content span becomes a row. Events
    without any ``Content`` role (empty stub events, a few cue-only events)
    are dropped. Several content roles (``Content``, ``Content2``) are merged
    into one list of segments; likewise for cues and sources.

    Args:
        path: The ``.ann`` file. Its stem is ``<article_id>_<annotator>``.
        text: The article text. When given, the ``text``, ``cue`` and
            ``source`` columns are cut from it (segments joined by one space,
            in offset order) and every annotated string is checked against
            it (a warning names the file and line of each disagreement).
            Otherwise those columns hold the annotated strings.

    Returns:
        A frame with columns ``article_id``, ``annotator``, ``gold_id``,
        ``type``, ``start_char``, ``end_char`` (min/max over content
        segments), ``segments``, ``text``, ``cue``, ``cue_segments``,
        ``source``, ``source_segments``. Segment columns hold lists of
        ``(start, end)`` tuples; ``source`` is ``<NA>`` and
        ``source_segments`` empty when the attribution has no source.

    Raises:
        ValueError: On a malformed line, naming the file and line number.

    Example:
        >>> gold = read_brat("dev/attributions/some-article_4e07.ann")  # doctest: +SKIP
        >>> gold[["gold_id", "type", "start_char", "end_char", "source"]]  # doctest: +SKIP
    """
    path = Path(path)
    parsed = _parse_ann(path.read_bytes().decode("utf-8"), path=path)
    if text is not None:
        for record in parsed.textbounds.values():
            _check_offsets(record, text=text, path=path)
    rows = []
    for event in parsed.events:
        row = _event_row(event, parsed, text=text, path=path)
        if row is not None:
            row["article_id"] = article_id_of(path)
            row["annotator"] = annotator_of(path) or pd.NA
            rows.append(row)
    return _frame(rows)


def select_annotation_files(ann_dir: str | Path, *, first_annotator_only: bool = True) -> list[Path]:
    """List the ``.ann`` files of a folder, optionally one per article.

    Args:
        ann_dir: Folder holding ``<article_id>_<annotator>.ann`` files.
        first_annotator_only: Keep only the first file of each article, by
            sorted file name, when several annotators labelled it.

    Returns:
        The selected paths, sorted by file name.

    Example:
        >>> files = select_annotation_files("dev/attributions")  # doctest: +SKIP
    """
    files = sorted(Path(ann_dir).glob("*.ann"), key=lambda p: p.name)
    if not first_annotator_only:
        return files
    chosen: dict[str, Path] = {}
    for path in files:
        chosen.setdefault(article_id_of(path), path)
    return sorted(chosen.values(), key=lambda p: p.name)


def read_brat_dir(
    ann_dir: str | Path,
    *,
    first_annotator_only: bool = True,
    text_dir: str | Path | None = None,
) -> pd.DataFrame:
    """Read every ``.ann`` file of a folder into one attribution frame.

    Some PolNeAR articles were labelled by several annotators
    (``<article>_4e07.ann``, ``<article>_5fec.ann``, ...). By default only the
    FIRST file of each article, by sorted file name, is used, so each article
    is scored against a single annotation.

    Args:
        ann_dir: Folder of ``.ann`` files.
        first_annotator_only: Use one annotation file per article (the first
            by sorted file name); ``False`` reads all of them.
        text_dir: Optional folder of ``<article_id>.txt`` files; when given,
            text columns are cut from the texts and offsets are checked.

    Returns:
        The concatenated :func:`read_brat` frames, in file-name order.
        ``frame.attrs["files"]`` lists the file names used and
        ``frame.attrs["articles"]`` their article ids (including articles
        without any attribution).

    Example:
        >>> gold = read_brat_dir("polnear/dev/attributions")  # doctest: +SKIP
        >>> gold["article_id"].nunique()  # doctest: +SKIP
        84
    """
    files = select_annotation_files(ann_dir, first_annotator_only=first_annotator_only)
    frames = []
    for path in files:
        text = None
        if text_dir is not None:
            text = read_text(Path(text_dir) / f"{article_id_of(path)}.txt")
        frames.append(read_brat(path, text=text))
    frame = pd.concat(frames, ignore_index=True) if frames else _frame([])
    frame.attrs["files"] = [path.name for path in files]
    frame.attrs["articles"] = sorted({article_id_of(path) for path in files})
    return frame
