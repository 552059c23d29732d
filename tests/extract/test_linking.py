"""Entities of the seed article linked to canonical actors."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def seed(seed_build):
    return seed_build


def test_entities_carry_actors(seed):
    e = seed["entities"]
    people = e[e.label == "PERSON"].set_index("text")["actor"].to_dict()
    assert people["Erdogan"] == people["Recep Tayyip Erdogan"] == "Recep Tayyip Erdogan"
    gpe = e[e.label == "GPE"].groupby("text")["actor"].first().to_dict()
    assert gpe["Ankara"] == gpe["Turkey"] == "Turkey"
    assert gpe["US"] == gpe["the United States"] == gpe["Washington"] == "United States"
    assert e.loc[e.label.isin(["PERSON", "ORG", "GPE", "NORP", "PRODUCT"]), "actor"].notna().all()
    assert set(e.loc[e.text.isin(["S-400", "S400"]), "actor"]) == {"S-400"}
