"""The seed article's quotes and sources rows: against the gold annotation, and exactly."""

from __future__ import annotations

import pandas as pd
import pytest


@pytest.fixture(scope="module")
def seed(seed_build):
    return seed_build


def test_seed_quotes_match_gold(seed, gold):
    quotes = seed["quotes"]
    assert len(quotes) == len(gold["quotes"]) == 8
    for row, want in zip(quotes.itertuples(), gold["quotes"]):
        assert row.text == want["content"].rstrip(",") or row.text == want["content"], (row.text, want["content"])
        assert row.kind == want["kind"], row.text
        assert row.zone == want["zone"]
        assert row.speaker_actor == want["speaker"], row.text
        assert row.speaker in want["speaker_mentions"] or any(m in row.speaker for m in want["speaker_mentions"]), row.speaker
        assert row.cue == want["cue"]
        assert (row.via if not pd.isna(row.via) else None) == want["via"]


def test_seed_quote_rows_exact(seed):
    q = seed["quotes"]
    got = q[["sentence_id", "kind", "start_char", "end_char", "cue_start", "speaker_start", "speaker_end", "method"]]
    assert got.astype(str).values.tolist() == [
        ["0", "indirect", "39", "80", "34", "17", "33", "cue"],
        ["4", "indirect", "431", "564", "418", "387", "417", "cue"],
        ["5", "direct", "568", "673", "683", "675", "682", "cue"],
        ["9", "mixed", "950", "1138", "945", "921", "944", "cue"],
        ["10", "indirect", "1241", "1399", "1236", "1141", "1160", "cue"],
        ["12", "indirect", "1694", "1839", "1684", "1680", "1683", "cue"],
        ["13", "mixed", "1891", "1922", "1886", "1842", "1848", "cue"],
        ["14", "mixed", "2038", "2130", "1996", "2009", "2036", "according_to"],
    ]
    assert q.loc[2, "via_text"] == "the official Anadolu news agency"
    assert q["cue_class"].tolist() == ["neutral"] * 7 + ["attribution"]


def test_seed_sources_match_gold(seed, gold):
    s = seed["sources"]
    got = sorted((r.kind, r.actor if r.kind == "according_to" else r.name) for r in s.itertuples())
    want = sorted((g["kind"], g["name"]) for g in gold["sources"])
    assert got == want
    relayed = s[s.kind == "relayed_agency"].iloc[0]
    assert relayed["relays"] == "Recep Tayyip Erdogan" and relayed["quote_id"] == 2
    credits = s[s.kind == "photo_credit"][["photographer", "agency"]].values.tolist()
    assert credits == [["Natalia Kolesnikova", "AFP"], ["Brendan Smialowski", "AFP"]]
