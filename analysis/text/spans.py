"""Character spans of the article text: stripping, finding, and the sentence index.

Every table row that stands for text carries ``start_char``/``end_char`` into the article text
(the span rule); these are the few operations on such spans that the extractors share.

    >>> strip_span("  Turkey  ", 0, 10)
    (2, 8)
    >>> index = SentenceIndex([{"sentence_id": 0, "start_char": 0, "end_char": 4, "text": "One."},
    ...                        {"sentence_id": 1, "start_char": 5, "end_char": 9, "text": "Two."}])
    >>> index.containing(6)["sentence_id"], index.nearest(4), index.text(5, 8)
    (1, 0, 'Two')
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

Segment = tuple[int, int]
"""A character range ``(start, end)`` of the article text."""


def strip_span(text: str, start: int, end: int) -> Segment:
    """``[start, end)`` narrowed past whitespace at both ends (empty when only whitespace).

    Example:
        >>> strip_span(" a b ", 0, 5), strip_span("   ", 0, 3)
        ((1, 4), (3, 3))
    """
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def find_span(text: str, needle: str, start: int, end: int) -> Segment | None:
    """Where ``needle`` is first written inside ``text[start:end]``, or ``None``.

    Example:
        >>> find_span("By Jane Doe, AFP", "AFP", 0, 16), find_span("By AFP", "Reuters", 0, 6)
        ((13, 16), None)
    """
    at = text.find(needle, start, end)
    return (at, at + len(needle)) if at >= 0 else None


class SentenceIndex:
    """An article's sentence rows in text order, found by character offset (one lookup for every table).

    Args:
        sentences: ``sentences`` rows of one article (dicts or a DataFrame), in any order.
    """

    def __init__(self, sentences: Sequence[Mapping[str, Any]] | pd.DataFrame) -> None:
        rows = sentences.to_dict("records") if isinstance(sentences, pd.DataFrame) else list(sentences)
        self.rows: list[Mapping[str, Any]] = sorted(rows, key=lambda r: int(r["start_char"]))
        self.starts: list[int] = [int(r["start_char"]) for r in self.rows]

    @classmethod
    def of(cls, sentences: SentenceIndex | Sequence[Mapping[str, Any]] | pd.DataFrame) -> SentenceIndex:
        """``sentences`` itself when it is an index already, else an index of the rows.

        Example:
            >>> index = SentenceIndex([])
            >>> SentenceIndex.of(index) is index
            True
        """
        return sentences if isinstance(sentences, SentenceIndex) else cls(sentences)

    def __len__(self) -> int:
        return len(self.rows)

    def nearest(self, char: int) -> int:
        """Position of the last sentence that starts at or before ``char`` (0 before the first one).

        Example:
            >>> SentenceIndex([{"start_char": 3, "end_char": 5}, {"start_char": 9, "end_char": 12}]).nearest(20)
            1
        """
        return max(bisect_right(self.starts, char) - 1, 0)

    def containing(self, start: int, end: int | None = None) -> Mapping[str, Any] | None:
        """The sentence row that holds ``[start, end)`` (``end`` default: the one character at
        ``start``), or ``None`` when the range is outside every sentence or crosses a boundary.

        Example:
            >>> index = SentenceIndex([{"start_char": 3, "end_char": 5}])
            >>> index.containing(4), index.containing(5), index.containing(3, 6)
            ({'start_char': 3, 'end_char': 5}, None, None)
        """
        index = bisect_right(self.starts, start) - 1
        if index < 0:
            return None
        row = self.rows[index]
        last = start + 1 if end is None else end
        return row if last <= int(row["end_char"]) else None

    def text(self, start: int, end: int) -> str | None:
        """Article text ``[start, end)`` from the sentence row that holds it, or ``None``.

        Example:
            >>> SentenceIndex([{"start_char": 3, "end_char": 7, "text": "Yes."}]).text(3, 6)
            'Yes'
        """
        row = self.containing(start, end)
        if row is None:
            return None
        offset = int(row["start_char"])
        return str(row["text"])[start - offset : end - offset]
