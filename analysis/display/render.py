"""Markup of one article's text with nested spans."""

from __future__ import annotations

import html
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

_SAFE_NAME = re.compile(r"^[A-Za-z0-9_]+$")


_RANK_PART, _RANK_QUOTE, _RANK_ROLE, _RANK_ENTITY = 0, 1, 2, 3


@dataclass(frozen=True)
class Span:
    """A stretch of article text to wrap in one element.

    ``rank`` orders spans that start and end together (lower ranks go outside); ``prefix`` is
    HTML written once, just inside the element's first opening (a quote's badge).
    """

    start: int
    end: int
    rank: int
    tag: str = "span"
    classes: str = ""
    title: str | None = None
    data: tuple[tuple[str, str], ...] = ()
    prefix: str = ""

    def open_tag(self) -> str:
        """The opening tag, with its classes, title and data attributes escaped."""
        attrs = ""
        if self.classes:
            attrs += f' class="{html.escape(self.classes)}"'
        if self.title:
            attrs += f' title="{html.escape(self.title)}"'
        for name, value in self.data:
            attrs += f' data-{name}="{html.escape(value)}"'
        return f"<{self.tag}{attrs}>"


def render_spans(text: str, start: int, end: int, spans: Iterable[Span]) -> str:
    """HTML of ``text[start:end]`` with ``spans`` as elements, built in one walk over the text.

    Open and close events are taken in offset order; at each offset the spans that end close
    first, then the spans that start open, longer (then lower-ranked) ones outside. Crossing
    spans are split: a span opening inside a higher-ranked one that would cross it closes that
    one and reopens it inside itself, and a span closing while a later-opened one is still
    open closes that one and reopens it after itself, so the markup always nests. Text is
    escaped.

    Example:
        >>> text = "Erdogan said <no> deal"
        >>> quote, person = Span(0, 22, 1, "mark", "q"), Span(0, 7, 3, "span", "e")
        >>> render_spans(text, 0, len(text), [person, quote])
        '<mark class="q"><span class="e">Erdogan</span> said &lt;no&gt; deal</mark>'
        >>> render_spans("abcdef", 0, 6, [Span(0, 4, 1, "b"), Span(2, 6, 3, "i")])
        '<b>ab<i>cd</i></b><i>ef</i>'
        >>> render_spans("abcdef", 0, 6, [Span(2, 6, 1, "b"), Span(0, 4, 3, "i")])
        '<i>ab</i><b><i>cd</i>ef</b>'
    """
    items = []
    for key, span in enumerate(spans):
        s, e = max(span.start, start), min(span.end, end)
        if e > s:
            items.append((s, e, key, span))
    starts: dict[int, list] = defaultdict(list)
    for item in items:
        starts[item[0]].append(item)
    points = sorted({start, end} | {i[0] for i in items} | {i[1] for i in items})
    out: list[str] = []
    stack: list[tuple] = []
    opened: set[int] = set()
    for index, pos in enumerate(points):
        closing = [k for k, item in enumerate(stack) if item[1] == pos]
        reopen: list[tuple] = []
        if closing:
            popped = stack[closing[0] :]
            del stack[closing[0] :]
            out.extend(f"</{item[3].tag}>" for item in reversed(popped))
            reopen = [item for item in popped if item[1] != pos]
        for item in sorted(reopen + starts.get(pos, []), key=lambda i: (-i[1], i[3].rank, i[2])):
            span = item[3]
            # an open span of a higher rank that would cross this one is split here, so that
            # the lower-ranked span (a quote) stays whole and the other (an entity) goes inside
            crossing = [k for k, other in enumerate(stack) if other[1] < item[1] and other[3].rank > span.rank]
            inner = stack[crossing[0] :] if crossing else []
            if inner:
                del stack[crossing[0] :]
                out.extend(f"</{other[3].tag}>" for other in reversed(inner))
            out.append(span.open_tag())
            if span.prefix and item[2] not in opened and span.start >= start:
                out.append(span.prefix)
            opened.add(item[2])
            stack.append(item)
            for other in inner:
                out.append(other[3].open_tag())
                stack.append(other)
        if index + 1 < len(points):
            out.append(html.escape(text[pos : points[index + 1]]))
    return "".join(out)


def _esc(value: object) -> str:
    """A table cell: the escaped value, or a dash for a missing one."""
    text = _value(value)
    return html.escape(text) if text is not None else '<span class="av-none">—</span>'


def _value(value: object) -> str | None:
    """``value`` as a string; ``None`` when missing or empty."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    text = str(value)
    return text if text != "" else None
