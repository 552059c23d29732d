"""Character spans of the article text: stripping, finding, and the sentence index."""

from __future__ import annotations

Segment = tuple[int, int]
"""A character range ``(start, end)`` of the article text."""


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
