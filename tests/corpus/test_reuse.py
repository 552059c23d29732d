"""Reused text between articles: relations of hand-made pairs, passages that obey the span rule on
both sides, and the pairs of ``../shared/corpora/reuse_dev`` against its gold."""

from __future__ import annotations

import itertools
import json

import pytest

from analysis.corpus.reuse import reuse_pairs, story_groups
from tests.conftest import shared_corpus

WIRE = (
    "Turkey will not back down on its purchase of Russian S-400 missile defence systems despite pressure "
    "from Washington, President Recep Tayyip Erdogan said on Tuesday. The United States has warned that the "
    "deal could trigger sanctions and threaten Turkey's role in the F-35 fighter jet programme. Ankara says "
    "the system is needed for its air defence and poses no threat to NATO allies."
)
BACKGROUND = (
    "Turkey signed the deal for the S-400 systems with Russia in 2017 and paid a deposit the same year, "
    "angering its NATO partners who say the system is not compatible with the alliance's defences."
)
STORY_A = (
    "Gas prices rose across Europe on Monday as talks stalled over a new pipeline to the south of the continent. "
    "Traders said the market expected further rises before the winter, when demand for heating peaks. "
    "Several governments have asked the European Commission to consider a cap on wholesale prices. "
    "Industry groups warned that factories in Germany and Italy could cut output if prices stay high. "
    "Analysts at two banks raised their forecasts for the first quarter of next year by a fifth. "
    "The pipeline, planned for more than a decade, would carry gas from the Caspian region to Greece and Italy. "
    "Its backers say construction could begin within two years if financing is agreed by the spring."
)
STORY_B = (
    "Russia and Turkey held talks in Sochi on energy, tourism and trade between the two countries this week. "
    "The leaders also discussed the war in Syria and the refugees on the border at some length. "
    "Both sides said the meeting had gone well and that they would meet again in the spring. "
    "Officials from both countries will prepare a new economic agreement before then, aides said. "
    "Trade between the two countries fell last year after a dispute over farm exports and visas. "
    "Tourism officials hope the number of Russian visitors to Turkish resorts will recover next summer. "
    "A joint commission on nuclear energy is due to report on a second power plant by the end of the year."
)
QUOTE = "“We have made an agreement with Russia and we are determined to go ahead with it,” Erdogan said."


@pytest.mark.parametrize(
    ("a", "b", "relation"),
    [
        (WIRE, WIRE, "copy"),  # republished as it was
        (WIRE, "ANKARA (AFP) - " + WIRE.replace("on Tuesday", "on Tuesday in Ankara"), "copy"),  # edited
        (WIRE, WIRE.split(". ")[0] + ".", "copy"),  # shortened to its lead
        (WIRE, "Markets fell in Istanbul. " + WIRE + " The lira was weaker against the dollar.", "copy"),  # re-led, added to
        (STORY_A + " " + BACKGROUND, STORY_B + " " + BACKGROUND, "shared_passage"),  # only background in common
        ("Speaking in Ankara on Tuesday, " + QUOTE, "In a speech broadcast on state television, " + QUOTE, "shared_quote"),
    ],
)
def test_relation_of_hand_made_pairs(a, b, relation):
    pairs = reuse_pairs({"a": a, "b": b})
    assert pairs["relation"].tolist() == [relation]


def test_unrelated_articles_make_no_pair():
    other = "The central bank kept interest rates unchanged on Thursday, citing slowing inflation and weak demand."
    assert reuse_pairs({"a": WIRE, "b": other}).empty


def test_passages_obey_the_span_rule_on_both_sides():
    texts = {"a": WIRE + " " + BACKGROUND, "b": "By a staff writer\n\n" + WIRE.upper()[:0] + WIRE}
    pairs = reuse_pairs(texts)
    assert len(pairs) == 1 and pairs.loc[0, "passages"]
    for start_a, end_a, start_b, end_b in pairs.loc[0, "passages"]:
        assert texts["a"][start_a:end_a].lower() == texts["b"][start_b:end_b].lower()


def test_story_groups_join_copies_through_a_third():
    pairs = reuse_pairs(
        {"a": WIRE, "b": WIRE + " " + BACKGROUND, "c": BACKGROUND + " More news followed later that day.", "d": "Nothing."}
    )
    assert story_groups(["a", "b", "c", "d"], pairs) == {"a": "a", "b": "a", "c": "a", "d": "d"}


def test_reuse_dev_story_pairs_against_gold():
    """reuse_dev (19 real excerpts): pair F1 of same-story pairs >= 0.95, no shared-quote pair in one story."""
    root = shared_corpus("reuse_dev")
    gold = json.loads((root / "gold.json").read_text(encoding="utf-8"))
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted((root / "articles").glob("*.txt"))}
    groups = story_groups(sorted(texts), reuse_pairs(texts))
    predicted = {(a, b) for a, b in itertools.combinations(sorted(texts), 2) if groups[a] == groups[b]}
    expected = {(a, b) for c in gold["clusters"] for a, b in itertools.combinations(sorted(c["members"]), 2)}
    quotes_only = {tuple(sorted(p)) for p in gold["shared_quote_pairs"]}
    right = len(predicted & expected)
    precision, recall = right / max(len(predicted), 1), right / len(expected)
    assert 2 * precision * recall / (precision + recall) >= 0.95
    assert not predicted & quotes_only


def test_bbc_duplicates_are_found():
    """Every identical or near-identical BBC pair of ``tests/data/bbc_duplicates.csv`` (checked by
    comparing the texts, see ``benchmarks/bbc_duplicates.py``) is still a copy."""
    import csv

    from analysis.config import PROJ_ROOT

    root = shared_corpus("bbc")
    with open(PROJ_ROOT / "tests" / "data" / "bbc_duplicates.csv", encoding="utf-8") as handle:
        listed = [r for r in csv.DictReader(handle) if r["class"] in ("identical", "near")]
    assert len(listed) == 161
    ids = sorted({r[k] for r in listed for k in ("article_a", "article_b")})
    pairs = reuse_pairs({k: (root / f"{k}.txt").read_text(encoding="utf-8", errors="replace") for k in ids})
    found = {(r.article_a, r.article_b) for r in pairs.itertuples() if r.relation == "copy"}
    assert {(r["article_a"], r["article_b"]) for r in listed} <= found
