"""Mentions of the seed article: every gold alias (pronouns aside) links to its actor."""

from __future__ import annotations

import pytest

PRONOUNS = {"she", "he", "they", "it"}


@pytest.fixture(scope="module")
def seed(seed_build):
    return seed_build


def test_every_gold_alias_links_to_its_actor(seed, gold):
    mentions = seed["mentions"]
    missing = []
    for actor, aliases in gold["actors"].items():
        for alias in aliases:
            if alias.lower() in PRONOUNS:
                continue
            linked = mentions[(mentions["text"] == alias) & (mentions["actor"] == actor)]
            if linked.empty:
                missing.append((alias, actor, mentions.loc[mentions["text"] == alias, "actor"].tolist()))
    assert missing == []
