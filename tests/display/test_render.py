"""Spans rendered as nested markup: crossing spans split, still well formed; a badge written once."""

from __future__ import annotations

import pytest

from analysis.display.render import Span, render_spans
from tests.helpers.markup import assert_balanced


@pytest.mark.parametrize(
    ("spans", "expected"),
    [
        ([], "abcdef"),
        ([Span(0, 6, 1, "mark"), Span(1, 3, 3, "i")], "<mark>a<i>bc</i>def</mark>"),
        ([Span(1, 3, 3, "i"), Span(0, 6, 1, "mark")], "<mark>a<i>bc</i>def</mark>"),
        ([Span(0, 6, 3, "i"), Span(0, 6, 1, "mark")], "<mark><i>abcdef</i></mark>"),  # same span: quote outside
        ([Span(0, 4, 1, "b"), Span(2, 6, 3, "i")], "<b>ab<i>cd</i></b><i>ef</i>"),  # crossing: split, still nested
        ([Span(2, 6, 1, "b"), Span(0, 4, 3, "i")], "<i>ab</i><b><i>cd</i>ef</b>"),
        ([Span(0, 3, 1, "b", prefix="[Q]"), Span(1, 5, 1, "i")], "<b>[Q]a<i>bc</i></b><i>de</i>f"),
        ([Span(0, 2, 3, "i"), Span(1, 5, 3, "u"), Span(0, 6, 1, "b")], "<b><i>a<u>b</u></i><u>cde</u>f</b>"),
        ([Span(4, 9, 3, "i")], "abcd<i>ef</i>"),  # clipped to the block
    ],
)
def test_render_spans_nests(spans, expected):
    assert render_spans("abcdef", 0, 6, spans) == expected
    assert_balanced(expected)


def test_badge_is_written_once_when_a_quote_is_split():
    out = render_spans("abcdef", 0, 6, [Span(1, 5, 3, "i"), Span(0, 3, 1, "mark", prefix="<b>Q</b>")])
    assert out.count("<b>Q</b>") == 1
    assert_balanced(out)
