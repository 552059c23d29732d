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

from bisect import bisect_left, bisect_right
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


class RangeIndex:
    """Character ranges with a value each, to ask which of them contain a span: a binary search
    over the starts, bounded by the longest range, instead of a look at every range.

    Example:
        >>> index = RangeIndex([(0, 10, "a"), (4, 8, "b"), (20, 30, "c")])
        >>> index.containing(5, 7), index.containing(0, 10), index.containing(12, 14)
        (['a', 'b'], ['a'], [])
        >>> index.add(5, 6, "d"); index.containing(5, 6)
        ['a', 'b', 'd']
    """

    def __init__(self, ranges: Sequence[tuple[int, int, Any]] = ()) -> None:
        self._starts: list[int] = []
        self._items: list[tuple[int, int, int, Any]] = []  # (start, end, order added, value), by start
        self._longest = 0
        for start, end, value in ranges:
            self.add(start, end, value)

    def __len__(self) -> int:
        return len(self._items)

    def add(self, start: int, end: int, value: Any = None) -> None:
        """Add the range ``[start, end)`` holding ``value``."""
        at = bisect_right(self._starts, start)
        self._starts.insert(at, start)
        self._items.insert(at, (start, end, len(self._items), value))
        self._longest = max(self._longest, end - start)

    def containing(self, start: int, end: int) -> list[Any]:
        """The values of the ranges with ``range.start <= start`` and ``end <= range.end``, in the order added."""
        lo = bisect_left(self._starts, end - self._longest)
        hi = bisect_right(self._starts, start)
        hits = [item for item in self._items[lo:hi] if item[1] >= end]
        return [item[3] for item in sorted(hits, key=lambda item: item[2])]
