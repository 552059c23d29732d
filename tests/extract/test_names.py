"""A person's name apart from its title, and short names within one article."""

from __future__ import annotations

import pytest

from analysis.extract.names import looks_like_name, person_names, split_name


@pytest.mark.parametrize(
    ("mention", "name", "title"),
    [
        ("Massachusetts Sen. Elizabeth Warren", "Elizabeth Warren", "Massachusetts Sen."),
        ("Homeland Security Secretary Jeh Johnson", "Jeh Johnson", "Homeland Security Secretary"),
        ("MSNBC host Chris Matthews", "Chris Matthews", "MSNBC host"),
        ("Lt. Gen. Michael Flynn", "Michael Flynn", "Lt. Gen."),
        ("Acting Defense Secretary Patrick Shanahan", "Patrick Shanahan", "Acting Defense Secretary"),
        ("Gazprom chief executive Alexei Miller", "Alexei Miller", "Gazprom chief executive"),
        ("Tory leader Michael Howard", "Michael Howard", "Tory leader"),
        ("Erdogan spokesman Ibrahim Kalin", "Ibrahim Kalin", "Erdogan spokesman"),
        ("Secretary of State John Kerry", "John Kerry", "Secretary of State"),
        ("Minister of Foreign Affairs Mevlut Cavusoglu", "Mevlut Cavusoglu", "Minister of Foreign Affairs"),
        ("Turkey’s President Recep Tayyip Erdogan", "Recep Tayyip Erdogan", "Turkey’s President"),
        ("President-elect Donald Trump", "Donald Trump", "President-elect"),
        ("Mr. Trump", "Trump", "Mr."),
        (
            "Kathryn Wheelbarger, Acting Assistant Secretary of Defense",
            "Kathryn Wheelbarger",
            "Acting Assistant Secretary of Defense",
        ),
        ("the White House spokesman, Josh Earnest,", "Josh Earnest", "White House spokesman"),
        ("Mr. Grassley and Mr. Leahy", "Grassley", "Mr."),
        ("Ursula von der Leyen", "Ursula von der Leyen", None),
        ("Donald J. Trump", "Donald J. Trump", None),
        ("PENCE", "PENCE", None),
        # no name in it: roles, possessed roles, organisations
        ("Erdogan spokesman", None, "Erdogan spokesman"),
        ("a senior U.S. official", None, "a senior U.S. official"),
        ("The prime minister's official spokesman", None, "prime minister's official spokesman"),
        ("the State Department", None, "State Department"),
        ("Bank of England", None, "Bank of England"),
    ],
)
def test_split_name(mention, name, title):
    assert split_name(mention) == (name, title)


def test_short_names_join_the_one_full_name_of_the_article():
    names = person_names(
        ["Bill Clinton", "Hillary Clinton", "Clinton", "Mrs. Clinton", "Mr. Clinton", "Kathryn Wheelbarger", "Wheelbarger"]
    )
    assert names["Wheelbarger"] == "Kathryn Wheelbarger"
    assert names["Clinton"] == "Clinton"  # two people of one surname: it stays apart
    assert (names["Mrs. Clinton"], names["Mr. Clinton"]) == ("Hillary Clinton", "Bill Clinton")  # the honorific decides


@pytest.mark.parametrize(
    ("mention", "expected"),
    [("Sen. Elizabeth Warren", True), ("Warren", False), ("the Turkish leader's", False), ("a senior official", False)],
)
def test_looks_like_name(mention, expected):
    assert looks_like_name(mention) is expected
