"""The framing tables (frames, actions, evaluative): the span rule over every row, and their table specs."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.extract import actions
from analysis.extract import evaluative as evaluative_extract
from analysis.extract import frames as frame_extract
from analysis.io.schema import Table
from analysis.lexicons import frames as frame_lexicon
from tests.helpers.spans import assert_span_rule

SPAN_PAIRS = [
    ("start_char", "end_char", "text"),
    ("subject_start", "subject_end", "subject"),
    ("object_start", "object_end", "object"),
    ("oblique_start", "oblique_end", "oblique"),
    ("clause_start", "clause_end", "clause"),
]


def test_span_rule_on_seed_framing_tables(seed, derived):
    checked = assert_span_rule({"articles": seed["articles"], "actions": derived["actions"], "evaluative": derived["evaluative"]})
    assert checked >= len(derived["actions"]) + len(derived["evaluative"])
    texts = dict(zip(seed["articles"]["article_id"], seed["articles"]["text"]))
    for start, end, column in SPAN_PAIRS:
        for row in derived["actions"][["article_id", start, end, column]].itertuples(index=False):
            if pd.isna(row[1]):
                assert pd.isna(row[3])
                continue
            assert texts[row[0]][int(row[1]) : int(row[2])] == row[3], (column, row)
    sentences = seed["sentences"].set_index(["article_id", "sentence_id"])
    for row in derived["frames"].itertuples(index=False):
        sentence = sentences.loc[(row.article_id, row.sentence_id)]
        assert sentence["zone"] == row.zone
        for term in row.terms.split("; ") if isinstance(row.terms, str) else []:
            assert term in frame_lexicon.load_lexicon().term_frames


@pytest.mark.parametrize("spec", [frame_extract.FRAMES_TABLE, actions.ACTIONS_TABLE, evaluative_extract.EVALUATIVE_TABLE])
def test_table_specs(spec):
    assert isinstance(spec, Table)
    assert spec.names[0] == "article_id"
    assert set(spec.primary_key) <= set(spec.names)
    assert all(c.dtype in ("string", "Int64", "boolean", "Float64") for c in spec.columns)
    assert len(set(spec.names)) == len(spec.names)


def test_rows_follow_the_specs(seed, nlp):
    from analysis.nlp.pipeline import parse
    from analysis.text.zones import split_zones

    text = seed["articles"].loc[0, "text"]
    doc = parse(text, split_zones(text), nlp=nlp)
    sentences = seed["sentences"].to_dict("records")
    for rows, spec in [
        (frame_extract.frame_rows(doc, sentences), frame_extract.FRAMES_TABLE),
        (actions.action_rows(doc, sentences, date="2019-06-04"), actions.ACTIONS_TABLE),
        (evaluative_extract.evaluative_rows(doc, sentences), evaluative_extract.EVALUATIVE_TABLE),
    ]:
        assert rows and all(list(r) == spec.names for r in rows)
        typed = frame_extract.as_table(rows, spec)
        assert not typed.duplicated(list(spec.primary_key)).any()
