"""Pair quotation marks within paragraphs, tolerating unbalanced marks.

Curly (“ ”), straight (") and doubled-apostrophe ('') double quotes and guillemets are paired;
a mark that finds no partner is skipped. A quotation left open at the end of a paragraph continues
when the next paragraph opens with a quotation mark (the multi-paragraph convention).

    >>> [(q.inner_text) for q in quotation_spans('He said “yes” and "no".')]
    ['yes', 'no']
    >>> [q.inner_text for q in quotation_spans('An “unbalanced mark and a "pair".')]
    ['pair']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

OPENERS = {"“": "”", "«": "»", "„": "“"}


CLOSERS = {"”", "»"}


_FIRST_MARK = re.compile(r"''|``|[“«„\"]")


@dataclass(frozen=True)
class QuoteSpan:
    """One paired quotation: ``start``/``end`` include the marks, ``inner_*`` exclude them."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    inner_text: str
    continued: bool = False  # open at paragraph end, continued in the next paragraph
    continues: bool = False  # opens a paragraph that continues the previous paragraph's quotation


def _opens(text: str, pos: int, mark: str) -> bool:
    """Whether a straight mark at ``pos`` opens (after space or punctuation, before a non-space)."""
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + len(mark)] if pos + len(mark) < len(text) else " "
    return (before.isspace() or before in "([{—–-/:;,") and not after.isspace()


_MARKS = re.compile(r"''|``|[“”«»„\"]")


def _pair(text: str, start: int, end: int) -> tuple[list[tuple[int, int, int, int]], int | None]:
    """Pair marks left to right; return the pairs and the position of an opener left open.

    Curly marks say which side they are; a straight mark opens after a space or punctuation and
    before a non-space, and closes otherwise (typography is often mixed in scraped text). An
    opener met while a quotation is open means the earlier opener was never closed.
    """
    spans: list[tuple[int, int, int, int]] = []
    open_at: int | None = None
    open_len = 0
    for match in _MARKS.finditer(text, start, end):
        mark, pos = match.group(), match.start()
        if mark in ("“", "«", "„", "``"):
            opener = not (mark == "“" and open_at is not None and text[open_at] == "„")
        elif mark in ("”", "»"):
            opener = False
        else:
            opener = _opens(text, pos, mark)
        if opener:
            open_at, open_len = pos, len(mark)
        elif open_at is not None:
            if pos > open_at + open_len:
                spans.append((open_at, pos + len(mark), open_at + open_len, pos))
            open_at = None
    return spans, open_at


def quotation_spans(text: str, paragraphs: Sequence[tuple[int, int]] | None = None) -> list[QuoteSpan]:
    """Paired quotations in ``text``, paragraph by paragraph (``paragraphs`` as (start, end)).

    Example:
        >>> t = "“First part.\\n\\n“Second part,” she said."
        >>> [(q.inner_text, q.continued, q.continues) for q in quotation_spans(t, [(0, 12), (14, len(t))])]
        [('First part.', True, False), ('Second part,', False, True)]
    """
    paragraphs = list(paragraphs) if paragraphs is not None else [(0, len(text))]
    out: list[QuoteSpan] = []
    carried = False
    for index, (p_start, p_end) in enumerate(paragraphs):
        spans, open_inner = _pair(text, p_start, p_end)
        for n, (s, e, i_s, i_e) in enumerate(spans):
            continues = carried and n == 0 and s == p_start
            out.append(QuoteSpan(s, e, i_s, i_e, text[i_s:i_e], False, continues))
        carried = False
        if open_inner is not None:
            nxt = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
            if nxt is not None and _FIRST_MARK.match(text, nxt[0]):
                inner = open_inner + (2 if text.startswith(("''", "``"), open_inner) else 1)
                out.append(QuoteSpan(open_inner, p_end, inner, p_end, text[inner:p_end], True, False))
                carried = True
    return out


def covering(spans: Iterable[QuoteSpan], start: int, end: int) -> QuoteSpan | None:
    """The quotation whose marks enclose ``[start, end)``, if any.

    Example:
        >>> spans = quotation_spans('He said “yes”.')
        >>> covering(spans, 9, 12).inner_text
        'yes'
    """
    for span in spans:
        if span.start <= start and end <= span.end:
            return span
    return None
