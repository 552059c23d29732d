"""Long runs of spaces or punctuation cost time in proportion to their length, not its square."""

from __future__ import annotations

import time

import pytest

from analysis.extract.context import ArticleContext
from analysis.extract.tables import table_rows
from analysis.io.records import RawArticle
from analysis.nlp.pipeline import PUNCTUATION_RUN, masked_text
from analysis.text.zones import split_zones

#: Generous bound on one pathological article: the quadratic paths took 60-100 s at these sizes,
#: the linear ones take well under a second; the bound only catches a return to the old behaviour.
BOUND_SECONDS = 15


@pytest.mark.parametrize(
    "body",
    [
        "Some text." + " " * 200_000 + "end.",  # the caption-credit pattern backtracked over the run (96 s)
        "He said " + '"' * 20_000 + " it was done.",  # spaCy's tokenizer stripped the marks one by one
        "He said " + "(" * 20_000 + " it was done.",
    ],
    ids=["spaces", "quotation marks", "parentheses"],
)
def test_a_long_run_is_tabulated_quickly(body):
    text = "Head\n\n" + body
    start = time.perf_counter()
    rows = table_rows(ArticleContext.of(RawArticle("r", "r.txt", text)))
    assert time.perf_counter() - start < BOUND_SECONDS
    for row in rows["sentences"]:
        assert text[row["start_char"] : row["end_char"]] == row["text"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Head\n\nA " + "*" * PUNCTUATION_RUN + " B.", "Head\n\nA " + " " * PUNCTUATION_RUN + " B."),
        ("Head\n\nA " + "*" * (PUNCTUATION_RUN - 1) + " B.", "Head\n\nA " + "*" * (PUNCTUATION_RUN - 1) + " B."),
        ("Head\n\n“Yes,” she said.", "Head\n\n“Yes,” she said."),
    ],
    ids=["run blanked", "shorter run kept", "prose kept"],
)
def test_masked_text_blanks_only_long_punctuation_runs(text, expected):
    masked = masked_text(text, split_zones(text))
    assert masked == expected and len(masked) == len(text)
