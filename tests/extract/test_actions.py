"""Actors in action: the seed's actions rows (subjects, objects, voice, negation, pronouns) and the rules."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.extract import actions
from tests.helpers.seed import ERDOGAN, WHEELBARGER


@pytest.fixture(scope="module")
def seed_actions(derived) -> pd.DataFrame:
    return derived["actions"]


def _triples(frame: pd.DataFrame) -> set[tuple]:
    return set(
        frame[["subject_actor", "verb", "object_lemma"]]
        .astype(object)
        .where(frame[["subject_actor", "verb", "object_lemma"]].notna(), None)
        .itertuples(index=False, name=None)
    )


def test_seed_actions_defy_and_threaten(seed_actions):
    triples = _triples(seed_actions)
    assert ("Turkey", "defy", "pressure") in triples
    assert ("United States", "threaten", "sanction") in triples
    threat = seed_actions[seed_actions["verb"] == "threaten"].iloc[0]
    assert (threat["subject"], threat["subject_rule"], threat["object"]) == ("the United States", "relcl", "sanctions")


def test_seed_actions_force_washington_to_hit(seed_actions):
    force = seed_actions[(seed_actions["verb"] == "force") & (seed_actions["voice"] == "active")].iloc[0]
    assert (force["object"], force["object_actor"]) == ("Washington", "United States")
    assert force["subject_actor"] == "Turkey" and force["subject_kind"] == "possessor"  # Ankara's planned purchase
    hit = seed_actions[seed_actions["verb"] == "hit"].iloc[0]
    assert (hit["subject_actor"], hit["subject_rule"]) == ("United States", "control")
    assert (hit["object"], hit["object_actor"], hit["object_kind"]) == ("the country", "Turkey", "anaphor")
    assert (hit["oblique_prep"], hit["oblique"]) == ("with", "sanctions")


def test_seed_actions_passive_negation_and_pronouns(seed_actions):
    by_verb = {verb: group for verb, group in seed_actions.groupby("verb")}
    congress = by_verb["force"][by_verb["force"]["voice"] == "passive"].iloc[0]
    assert (congress["subject"], congress["subject_rule"]) == ("a Congress", "agent")
    withdraw = by_verb["withdraw"].iloc[0]
    assert bool(withdraw["negated"]) and withdraw["subject_actor"] == "Turkey" and withdraw["object_prep"] == "from"
    quoted = by_verb["quote"].iloc[0]
    assert quoted["object_actor"] == ERDOGAN and quoted["voice"] == "passive"
    assert (quoted["subject"], quoted["subject_rule"]) == ("the official Anadolu news agency", "agent")
    determined = by_verb["determine"].iloc[0]
    assert pd.isna(determined["subject"]) and determined["subject_rule"] == "passive" and determined["object"] == "We"
    she = seed_actions[seed_actions["subject"] == "She"].iloc[0]
    assert (she["subject_actor"], she["subject_kind"]) == (WHEELBARGER, "pronoun")
    it = seed_actions[(seed_actions["subject"] == "it") & (seed_actions["verb"] == "punish")].iloc[0]
    assert it["subject_actor"] == "United States" and it["object_actor"] == "Turkey"
    we = seed_actions[seed_actions["subject"] == "We"].iloc[0]
    assert pd.isna(we["subject_actor"]) and we["subject_kind"] == "pronoun"


def test_seed_actions_table(seed_actions):
    assert list(seed_actions.columns) == actions.ACTIONS_TABLE.names
    assert seed_actions["action_id"].tolist() == list(range(len(seed_actions)))
    assert seed_actions["negated"].dtype == "boolean"
    assert set(seed_actions["subject_rule"]) <= set(actions.ACTIONS_TABLE.column("subject_rule").enum)
    said = seed_actions[seed_actions["verb"] == "say"]
    assert set(said["verb_class"]) == {"neutral"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Turkey was hit with sanctions by the United States.", ("United States", "hit", "Turkey", "agent")),
        ("Ankara did not buy the missiles.", ("Turkey", "buy", "missile", "nsubj")),
        ("Washington, which opposes the deal, warned Ankara.", ("United States", "oppose", "deal", "relcl")),
        ("Erdogan wants to visit Moscow.", ("Recep Tayyip Erdogan", "visit", "Russia", "control")),
        ("Erdogan met Trump and praised him.", ("Recep Tayyip Erdogan", "praise", "Donald Trump", "conj")),
    ],
)
def test_action_rules(nlp, text, expected):
    doc = nlp(text)
    sents = [{"article_id": "a", "sentence_id": 0, "zone": "body", "start_char": 0, "end_char": len(text), "text": text}]
    rows = actions.action_rows(doc, sents, date="2019-06-04")
    subject, verb, obj, rule = expected
    hits = [r for r in rows if r["verb"] == verb]
    assert hits, rows
    row = hits[0]
    assert (row["subject_actor"], row["subject_rule"]) == (subject, rule)
    assert obj in (row["object_lemma"], row["object_actor"])
    if "not" in text:
        assert row["negated"] is True
