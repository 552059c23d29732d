"""Who speaks: names apart from titles, unnamed sources kept unnamed, credits never speakers (table-driven)."""

from __future__ import annotations

import pytest

from analysis.extract.tables import article_tables
from analysis.io.records import RawArticle


def _speakers(text: str) -> list[tuple]:
    quotes = article_tables(RawArticle("a", "a.txt", text), keep_low_confidence=True)["quotes"]
    quotes = quotes[quotes["method"] != "verb"]  # the rules' statements, whatever the quote model's confidence
    quotes = quotes.astype(object).where(quotes.notna(), None)
    return [tuple(row) for row in quotes[["speaker", "speaker_actor", "speaker_title", "speaker_kind"]].values.tolist()]


CASES = [
    (  # the title is kept apart from the name
        "Head\n\nMassachusetts Sen. Elizabeth Warren said the bill was unfair.",
        [("Massachusetts Sen. Elizabeth Warren", "Elizabeth Warren", "Massachusetts Sen.", "person")],
    ),
    (  # a leader's spokesman is the spokesman, not the leader
        "Head\n\nErdogan spokesman Ibrahim Kalin said the deal was final.",
        [("Erdogan spokesman Ibrahim Kalin", "Ibrahim Kalin", "Erdogan spokesman", "person")],
    ),
    (  # an unnamed official named before a senator stays unnamed
        "Head\n\nA senior State Department official said the talks had stalled.\n\nSen. John Doe said the talks would go on.",
        [
            ("A senior State Department official", "senior State Department official", None, "anonymous"),
            ("Sen. John Doe", "John Doe", "Sen.", "person"),
        ],
    ),
    (  # the prime minister's spokesman is not the man named before
        "Head\n\nMichael Howard said the plan had failed.\n\nThe prime minister's official spokesman said the plan was working.",
        [
            ("Michael Howard", "Michael Howard", None, "person"),
            ("The prime minister's official spokesman", "prime minister's official spokesman", None, "anonymous"),
        ],
    ),
    (  # a role whose office is not the named person's title stays a role
        "Head\n\nNATO Secretary General Jens Stoltenberg said allies were united.\n\nThe Pentagon chief said the sale was a mistake.",
        [
            ("NATO Secretary General Jens Stoltenberg", "Jens Stoltenberg", "NATO Secretary General", "person"),
            ("The Pentagon chief", "Pentagon chief", None, "anonymous"),
        ],
    ),
    (  # plural unnamed sources are never a person
        "Head\n\nPresident Joe Biden spoke on Monday.\n\nMilitary officials said the drill went ahead.",
        [("Military officials", "Military officials", None, "anonymous")],
    ),
    (  # a role tied by apposition is the person named in it
        "Head\n\nHer campaign manager, Robby Mook, said the race was close.",
        [("Her campaign manager", "Robby Mook", "Her campaign manager", "person")],
    ),
    (  # a definite role takes the previous speaker whose title holds it
        "Head\n\nWhite House spokesman Josh Earnest said the talks went well.\n\nThe spokesman said more talks would follow.",
        [
            ("White House spokesman Josh Earnest", "Josh Earnest", "White House spokesman", "person"),
            ("The spokesman", "Josh Earnest", None, "person"),
        ],
    ),
    (  # she is never a man named before
        "Head\n\nDonald Trump spoke first.\n\nShe said the race was close.",
        [("She", None, None, "unresolved")],
    ),
    (  # he agrees with the man, not the woman named after him
        "Head\n\nJohn Smith met Anna Berg.\n\nHe said the race was close.",
        [("He", "John Smith", None, "person")],
    ),
    (  # a country's ministry is an actor of its own
        "Head\n\nTurkey's defense ministry said the system had arrived.",
        [("Turkey's defense ministry", "Turkey Defense Ministry", None, "government")],
    ),
    (  # the capital that speaks for its government resolves to the country
        "Head\n\nAnkara said the purchase was a done deal.",
        [("Ankara", "Turkey", None, "country")],
    ),
    (  # the White House is an office, not the country
        "Head\n\nThe White House said the sanctions would follow.",
        [("The White House", "White House", None, "government")],
    ),
    (  # a document speaks
        "Head\n\nThe report said the economy had grown.",
        [("The report", "report", None, "document")],
    ),
    (  # a dateline is not part of the speaker
        "Head\n\nDec 29 (Reuters) - U.S. Democratic presidential candidate Hillary Clinton said the plan would work.",
        [
            (
                "U.S. Democratic presidential candidate Hillary Clinton",
                "Hillary Clinton",
                "U.S. Democratic presidential candidate",
                "person",
            )
        ],
    ),
    (  # a surname the recogniser labels as an organisation is still the article's person
        "Head\n\nLongtime Democratic pollster Pat Caddell spoke on Thursday.\n\nCaddell said voters were worried.",
        [("Caddell", "Pat Caddell", None, "person")],
    ),
    (  # a registry person's surname does not take over another person of that surname
        "Head\n\nFormer President Bill Clinton spoke in Ohio.\n\nClinton said the law was crazy.",
        [("Clinton", "Bill Clinton", None, "person")],
    ),
    (  # a campaign named after a person is an organisation of its own; a bare "the campaign" repeats it
        "Head\n\nHillary Clinton spoke in Ohio. Clinton's campaign said she was fine. The campaign said more was coming.",
        [
            ("Clinton's campaign", "Hillary Clinton campaign", None, "organization"),
            ("The campaign", "Hillary Clinton campaign", None, "organization"),
        ],
    ),
    (  # a definite organisation noun is the organisation named before whose name it heads
        "Head\n\nThe International Monetary Fund cut its forecast. The fund said growth would slow. The state said it would appeal.",
        [("The fund", "International Monetary Fund", None, "organization"), ("The state", "state", None, "anonymous")],
    ),
    (  # who was told is not who spoke
        "Head\n\nThe meeting was on Sunday, the BBC News Website was told.",
        [("the BBC News Website", None, None, "unresolved")],
    ),
    (  # a hyphenated role is whole
        "Head\n\nThe Tory co-chairman attacked the pledges and said voters would take revenge.",
        [("The Tory co-chairman", "Tory co-chairman", None, "anonymous")] * 2,
    ),
    (  # a bare definite role repeats the fuller unnamed role before it
        'Head\n\nLater the prime minister\'s spokesman was asked about it. The spokesman said: "He no longer works in government."',
        [("The spokesman", "prime minister's spokesman", None, "anonymous")],
    ),
    (  # he is the man named since the last speaker, outside quotations, not that speaker
        "Head\n\nJohn Smith said the plan would work.\n\nPeter Jones is drawing criticism. He said the plan would fail.",
        [("John Smith", "John Smith", None, "person"), ("He", "Peter Jones", None, "person")],
    ),
    (  # a man quoted inside a statement is not who "he" is
        "Head\n\n“Peter Jones is wrong,” John Smith said.\n\nHe said the plan would work.",
        [("John Smith", "John Smith", None, "person"), ("He", "John Smith", None, "person")],
    ),
    (  # parties are actors of the registry, the UK's as well as the US's
        "Head\n\nThe Tories said the plan would fail. The Lib Dems said it was unfair.",
        [("The Tories", "Conservative Party", None, "organization"), ("The Lib Dems", "Liberal Democrats", None, "organization")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_speakers(text, expected):
    assert _speakers(text) == expected


@pytest.mark.parametrize(
    "credit",
    ["Brendan Smialowski/AFP/Getty Images", "Brussels, July 12, 2019 (AFP", "- The Herald - Tuesday, July 16, 2019"],
)
def test_credits_bylines_and_datelines_are_never_speakers(credit):
    from analysis.extract.speakers import CREDIT

    assert CREDIT.search(credit)


def test_a_dateline_left_in_a_speaker_mention_is_dropped():
    from analysis.extract.speakers import DATELINE_PREFIX

    assert DATELINE_PREFIX.sub("", "Dec 29 (Reuters) - U.S. candidate Hillary Clinton") == "U.S. candidate Hillary Clinton"
    assert DATELINE_PREFIX.sub("", "Hillary Clinton") == "Hillary Clinton"


def test_bbc_hand_check():
    """40 random BBC politics statements labelled from the text alone: a floor of the current build
    (25 of 40 named exactly as the coder did; the target, 36, is not met) and no anonymous source
    given to a named person."""
    import re
    import subprocess
    import sys

    from analysis.config import PROJ_ROOT
    from tests.conftest import shared_corpus

    shared_corpus("bbc", "politics")
    out = subprocess.run(
        [sys.executable, str(PROJ_ROOT / "benchmarks" / "speaker_check.py"), "score"], capture_output=True, text=True, check=True
    ).stdout
    right, anonymous_named = map(int, re.search(r"(\d+) of 40 right speakers; (\d+) anonymous", out).groups())
    assert right >= 24 and anonymous_named == 0, out.splitlines()[-1]
