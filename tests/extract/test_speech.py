"""Who speaks and through which medium: the medium search stays linear on chains of reporting verbs."""

from __future__ import annotations

import pytest

from analysis.extract import speech
from analysis.extract.context import ArticleContext
from analysis.extract.tables import table_rows
from analysis.io.records import RawArticle


def _calls(monkeypatch, text: str) -> tuple[int, dict]:
    calls = [0]
    original = speech._via

    def counted(*args, **kwargs):
        calls[0] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(speech, "_via", counted)
    monkeypatch.setattr("analysis.extract.statements._via", counted)
    rows = table_rows(ArticleContext.of(RawArticle("h", "h.txt", text)))
    return calls[0], rows


@pytest.mark.parametrize("repeats", [14, 600])
def test_a_chain_of_he_said_is_searched_once_per_verb(monkeypatch, repeats):
    """'He said ' thirty times took 12-15 s (the search branched at every verb); 600 hit the recursion limit."""
    calls, rows = _calls(monkeypatch, "Head\n\n" + "He said " * repeats)
    assert calls <= 2 * repeats
    assert rows["quotes"], "the article is tabulated"


def test_quoted_as_saying_by_still_finds_the_medium():
    text = "Head\n\nErdogan was quoted as saying by the official Anadolu news agency that the deal was done."
    rows = table_rows(ArticleContext.of(RawArticle("a", "a.txt", text)))
    assert [(q["speaker_actor"], q["via"]) for q in rows["quotes"]] == [("Recep Tayyip Erdogan", "Anadolu")]
