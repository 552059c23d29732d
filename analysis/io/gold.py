"""Gold statements from the JSON of ``../shared/gold/`` and quotes tables from any package, as typed frames."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.io.brat import BRAT_COLUMNS
from analysis.io.schema import is_missing
from analysis.text.spans import Segment

QUOTE_COLUMNS = [
    "article_id",
    "quote_id",
    "start_char",
    "end_char",
    "text",
    "kind",
    "cue",
    "cue_start",
    "cue_end",
    "speaker",
    "speaker_start",
    "speaker_end",
    "speaker_actor",
    "via",
]


_SPAN_COLUMNS = ["start_char", "end_char", "cue_start", "cue_end", "speaker_start", "speaker_end"]


_QUOTE_CHARS = {
    '"': '"“”„‟″«»',
    "“": '"“”„‟″«»',
    "”": '"“”„‟″«»',
    "'": "'‘’‚‛`",
    "‘": "'‘’‚‛`",
    "’": "'‘’‚‛`",
}


def _lenient_pattern(needle: str) -> str:
    """Regex for needle that tolerates whitespace runs and quote-mark variants."""
    parts = []
    for token in needle.split():
        parts.append("".join(f"[{re.escape(_QUOTE_CHARS[ch])}]" if ch in _QUOTE_CHARS else re.escape(ch) for ch in token))
    return r"\s+".join(parts)


def _find_content(text: str, content: str, *, cursor: int) -> Segment | None:
    """Find content at or after cursor (then anywhere), exactly, then leniently."""
    for start_at in (cursor, 0):
        index = text.find(content, start_at)
        if index >= 0:
            return index, index + len(content)
    pattern = re.compile(_lenient_pattern(content))
    for start_at in (cursor, 0):
        match = pattern.search(text, start_at)
        if match:
            return match.span()
    return None


def _gap(span: Segment, anchor: Segment) -> int:
    """Characters between span and anchor; overlapping spans rank last."""
    if span[1] <= anchor[0]:
        return anchor[0] - span[1]
    if span[0] >= anchor[1]:
        return span[0] - anchor[1]
    return sys.maxsize


def _find_nearest(text: str, needles: Sequence[str], anchor: Segment, *, ignore_case: bool = False) -> Segment | None:
    """Locate the occurrence of any needle (whole words) nearest to anchor.

    Ties on distance go to the needle listed first, then to the earlier
    occurrence. Occurrences inside the anchor are used only when there is no
    other.
    """
    best: tuple[int, int, int, Segment] | None = None
    flags = re.IGNORECASE if ignore_case else 0
    for rank, needle in enumerate(needles):
        if is_missing(needle, blank=True):
            continue
        pattern = re.compile(rf"(?<!\w){_lenient_pattern(needle)}(?!\w)", flags)
        for match in pattern.finditer(text):
            key = (_gap(match.span(), anchor), rank, match.start(), match.span())
            if best is None or key < best:
                best = key
    return None if best is None else best[3]


def gold_from_json(path: str | Path, text: str) -> pd.DataFrame:
    """Read the quotes of a gold JSON file as gold attributions with spans.

    Each quote's ``content`` is searched in the text in order of appearance
    (from the previous quote's start; then from the beginning; then with
    lenient whitespace and quote marks). The ``speaker_mentions`` and the
    ``cue`` (case-insensitive) are located at their occurrence nearest to the
    content, preferring occurrences outside it; ties go to the mention
    listed first.

    Args:
        path: Gold JSON file with ``id`` and ``quotes``.
        text: The article text the offsets refer to.

    Returns:
        A frame with the columns of :func:`analysis.io.brat.read_brat` plus
        ``speaker_actor`` (the canonical speaker), ``kind`` and ``via``.
        ``gold_id`` is ``Q1``, ``Q2``, ... in file order; ``annotator`` is
        ``<NA>``; ``type`` is ``Attribution`` or, for a quote without a
        speaker, ``Attribution-no-source``.

    Raises:
        ValueError: When a content string cannot be found in the text.

    Example:
        >>> from analysis.io.brat import read_text
        >>> text = read_text("seed/000_d511d069cc7f123d.txt")  # doctest: +SKIP
        >>> gold = gold_from_json("gold/000_d511d069cc7f123d.json", text)  # doctest: +SKIP
        >>> len(gold)  # doctest: +SKIP
        8
    """
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    article_id = str(data.get("id") or Path(path).stem)
    rows = []
    cursor = 0
    for number, quote in enumerate(data.get("quotes", []), start=1):
        content = _find_content(text, quote["content"], cursor=cursor)
        if content is None:
            raise ValueError(f"{path}: quote {number} content not found in text: {quote['content'][:60]!r}")
        cursor = content[0]
        rows.append(_gold_row(quote, text, content=content, article_id=article_id, gold_id=f"Q{number}"))
    return _typed_gold(pd.DataFrame(rows, columns=[*BRAT_COLUMNS, "speaker_actor", "kind", "via"]))


def _gold_row(quote: dict[str, Any], text: str, *, content: Segment, article_id: str, gold_id: str) -> dict[str, Any]:
    """One gold attribution: the quote's content found at ``content``, its speaker and cue found nearest to it."""
    mentions = list(quote.get("speaker_mentions") or [])
    source = _find_nearest(text, mentions, content)
    cue = _find_nearest(text, [quote.get("cue")], content, ignore_case=True)
    speaker = quote.get("speaker")
    return {
        "article_id": article_id,
        "annotator": pd.NA,
        "gold_id": gold_id,
        "type": "Attribution" if speaker or mentions else "Attribution-no-source",
        "start_char": content[0],
        "end_char": content[1],
        "segments": [content],
        "text": text[content[0] : content[1]],
        "cue": text[cue[0] : cue[1]] if cue else (quote.get("cue") or pd.NA),
        "cue_segments": [cue] if cue else [],
        "source": text[source[0] : source[1]] if source else (mentions[0] if mentions else pd.NA),
        "source_segments": [source] if source else [],
        "speaker_actor": speaker or pd.NA,
        "kind": quote.get("kind") or pd.NA,
        "via": quote.get("via") or pd.NA,
    }


def _typed_gold(frame: pd.DataFrame) -> pd.DataFrame:
    """Give a gold frame nullable dtypes."""
    for column in frame.columns:
        if column in ("start_char", "end_char"):
            frame[column] = frame[column].astype("Int64")
        elif not column.endswith("segments"):
            frame[column] = frame[column].astype("string")
    return frame


def as_quotes(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of a quotes frame with all contract columns and nullable dtypes.

    Missing columns are added as ``<NA>``; span columns become ``Int64``.

    Args:
        frame: A predicted quotes frame.

    Returns:
        The normalized copy (extra columns are kept).

    Example:
        >>> as_quotes(pd.DataFrame({"article_id": ["a"], "start_char": [0], "end_char": [3]}))["cue_start"].dtype
        Int64Dtype()
    """
    frame = frame.copy()
    for column in QUOTE_COLUMNS:
        if column not in frame.columns:
            frame[column] = pd.NA
    for column in _SPAN_COLUMNS:
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("Int64")
    for column in ("article_id", "text", "kind", "cue", "speaker", "speaker_actor", "via"):
        frame[column] = frame[column].astype("string")
    return frame


def load_quotes(path: str | Path) -> pd.DataFrame:
    """Load a quotes table from ``quotes.parquet``/``quotes.csv`` or a build folder.

    Args:
        path: A quotes file, or a build folder containing ``quotes.parquet`` or
            ``quotes.csv``.

    Returns:
        The quotes frame, normalized by :func:`as_quotes`.

    Raises:
        FileNotFoundError: When no quotes file is found.

    Example:
        >>> quotes = load_quotes("build/")  # doctest: +SKIP
    """
    path = Path(path)
    if path.is_dir():
        candidates = [path / "quotes.parquet", path / "quotes.csv"]
        found = [candidate for candidate in candidates if candidate.is_file()]
        if not found:
            raise FileNotFoundError(f"no quotes.parquet or quotes.csv in {path}")
        path = found[0]
    if path.suffix == ".parquet":
        frame = pd.read_parquet(path)
    elif path.suffix == ".csv":
        frame = pd.read_csv(path, dtype={"article_id": "string", "quote_id": "string"})
    else:
        raise ValueError(f"{path}: expected a .parquet or .csv quotes file")
    return as_quotes(frame)
