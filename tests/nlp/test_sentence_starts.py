"""Zone parts start sentences, and the parser does not end one right after that start."""

from __future__ import annotations

import pytest

from analysis.extract.context import ArticleContext
from analysis.io.records import RawArticle


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Head\n\nTurkey said no.", ["Head", "Turkey said no."]),
        (
            "Head\n\nAnna Berg met NATO officials in Brussels. She left.",
            ["Head", "Anna Berg met NATO officials in Brussels.", "She left."],
        ),
        (
            "Talks in Ankara\n\nIran and Turkey met. Turkey said no.",
            ["Talks in Ankara", "Iran and Turkey met.", "Turkey said no."],
        ),
        ("Yes\n\nNo. Maybe.", ["Yes", "No.", "Maybe."]),
        ("Head\n\nOne.\n\nTwo.", ["Head", "One.", "Two."]),
    ],
)
def test_sentences(text, sentences):
    assert [s["text"] for s in ArticleContext.of(RawArticle("a", "a.txt", text)).sentences] == sentences


def test_a_name_after_the_headline_is_one_entity():
    ctx = ArticleContext.of(RawArticle("a", "a.txt", "Head\n\nAnna Berg met NATO officials in Brussels."))
    assert [(e["text"], e["label"]) for e in ctx.entities][:1] == [("Anna Berg", "PERSON")]
