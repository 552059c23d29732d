"""Tables of the seed article: exact rows, zone rules and the span rule over every row."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.build.run import build_tables
from analysis.extract.tables import article_tables
from analysis.io.records import RawArticle
from analysis.text.dates import normalize_date
from tests.conftest import shared_corpus
from tests.helpers.spans import assert_span_rule


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


def test_span_rule_seed(seed_tables):
    t = seed_tables
    spans = len(t["sentences"]) + len(t["entities"]) + len(t["zones"]) + 2 * len(t["captions"]) + 1  # + dateline
    spans += len(t["sources"]) + 2 * len(t["quotes"]) + t["quotes"]["cue"].notna().sum() + t["quotes"]["via"].notna().sum()
    spans += len(t["mentions"]) + len(t["evaluative"])
    actions = t["actions"]
    spans += len(actions) + sum(actions[c].notna().sum() for c in ("subject", "object", "oblique", "clause"))
    assert assert_span_rule(t) == spans
    assert (len(t["sentences"]), len(t["entities"]), len(t["quotes"]), len(t["sources"])) == (15, 57, 8, 5)


def test_span_rule_on_real_corpora():
    polnear = shared_corpus("polnear", "dev", "text")
    bbc = shared_corpus("bbc", "politics")
    files = sorted(polnear.glob("*.txt"))[:15] + sorted(bbc.glob("*.txt"))[:15]
    tables, report, _ = build_tables(files, progress=False)
    assert (report["status"] == "ok").sum() == 30
    assert assert_span_rule(tables) > 3000
    assert tables["sentences"].groupby("article_id")["zone"].first().eq("headline").all()


def test_article_tables_for_awkward_texts():
    cases = {
        "quotes": 'He said "this is \u201cunbalanced.\n\nAnother paragraph " with stray marks',
        "tabs": "Title\t\n\n\tBody\twith tabs.\r\n\r\nWindows line ends.\r\n",
        "emoji": "🚀 Launch\n\nThe rocket 🚀 flew. Zürich — Ω.",
        "nbsp": "Head\u00a0line\n\nBody\u00a0text\u2029more.",
    }
    for aid, text in cases.items():
        tables = article_tables(RawArticle(aid, f"{aid}.txt", text))
        assert assert_span_rule(tables) > 0
        assert tables["articles"].loc[0, "n_sentences"] == len(tables["sentences"])


def test_normalize_date():
    assert normalize_date("2016-09-25") == "2016-09-25"
    assert normalize_date("25 September 2016") == "2016-09-25"
    assert normalize_date("not a date") is None
