"""The seed article's articles, sentences and entities rows: exact values and zone rules."""

from __future__ import annotations

import pandas as pd
import pytest


@pytest.fixture(scope="module")
def seed_tables(seed_build):
    return seed_build


def test_seed_article_row(seed_tables, gold):
    row = seed_tables["articles"].iloc[0]
    art = gold["article"]
    assert row["article_id"] == gold["id"]
    assert (row["date"], row["headline"], row["dek"], row["byline"], row["agency"], row["dateline"]) == (
        art["date"],
        art["title"],
        art["dek"],
        art["byline"],
        art["agency"],
        art["dateline"],
    )
    assert row["byline_time"] == "Today, 9:54 am"
    assert (row["n_paragraphs"], row["n_captions"], row["n_sentences"]) == (8, 2, 15)
    assert pd.isna(row["outlet"]) and pd.isna(row["authors"])


def test_seed_sentences_exact(seed_tables):
    s = seed_tables["sentences"]
    assert s["zone"].tolist() == ["headline", "dek", "byline", "caption"] + ["body"] * 7 + ["caption"] + ["body"] * 3
    assert s["paragraph_id"].tolist() == [0, 1, 2, 3, 4, 5, 5, 5, 6, 7, 8, 9, 10, 11, 12]
    assert s["text"].iloc[0] == "Turkey’s Erdogan says no backtracking on S-400 deal with Russia"
    assert s["text"].iloc[2] == "By AFP"
    assert s["text"].iloc[4].startswith("President Recep Tayyip Erdogan said Tuesday")
    assert s["text"].iloc[5] == "“We have made an agreement (with Russia)."
    assert s["text"].iloc[3].endswith("Red Square,May 9, 2017.")
    # the header line's date, the credits, the byline time and the dateline never land in a sentence
    joined = " ".join(s["text"])
    for outside in ("2019-06-04", "date ", "Natalia Kolesnikova", "Smialowski", "9:54", "ISTANBUL"):
        assert outside not in joined


def test_no_sentence_spans_two_zones(seed_tables):
    zones = seed_tables["zones"]
    for row in seed_tables["sentences"].itertuples():
        inside = zones[(zones.start_char <= row.start_char) & (zones.end_char >= row.end_char)]
        assert len(inside) == 1 and inside.iloc[0]["zone"] == row.zone


def test_seed_entities_by_zone(seed_tables):
    e = seed_tables["entities"]
    assert e.loc[e.label.isin(["DATE", "ORDINAL"]), "actor"].isna().all()
    caption = set(e.loc[e.zone == "caption", "text"])
    assert {"Moscow", "Red Square", "Donald Trump"} <= caption
    body_people = e[(e.zone == "body") & (e.label == "PERSON")]["text"].tolist()
    assert body_people == ["Recep Tayyip Erdogan", "Erdogan", "Kathryn Wheelbarger", "Erdogan", "Donald Trump"]
    assert "ISTANBUL" not in set(e["text"])
