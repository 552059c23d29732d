"""One rule per phrase: pronouns, "the country" and role descriptions resolve the same way in
every table (``analysis.extract.resolve``)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from analysis.config import SHARED_DIR
from analysis.extract.context import ArticleContext
from analysis.extract.resolve import is_role_description
from analysis.extract.tables import table_rows
from analysis.io.reading import read_file
from analysis.io.records import RawArticle

LABELS = Path(__file__).resolve().parents[1] / "data" / "country_references.csv"
CORPORA = SHARED_DIR / "corpora"


def _tables(text: str) -> dict[str, list[dict]]:
    return table_rows(ArticleContext.of(RawArticle("a", "a.txt", text)))


def _reference(tables: dict[str, list[dict]], text: str, phrase: str) -> str | None:
    start = text.index(phrase)
    return next((m["actor"] for m in tables["mentions"] if m["source"] == "reference" and m["start_char"] == start), None)


COUNTRY_CASES = [
    # text, the phrase, the actor it stands for (None: no country named before it)
    (
        "Turkey defies US over missiles\n\nTurkey bought the S-400 from Russia. The country defied Washington.",
        "The country",
        "Turkey",
    ),
    (
        "Talks in Ankara\n\nThe two sides met on Monday. Turkey said this country would not back down to Iran.",
        "this country",
        "Turkey",
    ),
    ("Turkey defies NATO\n\nThe country will buy the missiles.", "The country", "Turkey"),
    ("Head\n\nTrump mocked the Iraq war and said the country was not safe.", "the country", None),
    ("Head\n\nTalks were held. The country was calm.", "The country", None),
]


@pytest.mark.parametrize(("text", "phrase", "expected"), COUNTRY_CASES, ids=[c[1] + "->" + str(c[2]) for c in COUNTRY_CASES])
def test_the_country(text, phrase, expected):
    assert _reference(_tables(text), text, phrase) == expected


def test_the_country_is_one_actor_in_mentions_and_actions():
    text = (
        "Head\n\nKathryn Wheelbarger said Ankara’s planned purchase of the S-400 would force Washington "
        "to hit the country with sanctions."
    )
    tables = _tables(text)
    start = text.index("the country")
    action = next(r for r in tables["actions"] if r["object_start"] == start)
    assert (action["object_actor"], action["object_kind"]) == ("Turkey", "anaphor")  # not the doer, Washington
    assert _reference(tables, text, "the country") == "Turkey"


PRONOUN_CASES = [
    # text, verb lemma, role, expected actor
    (
        "NATO meets in Brussels\n\nAnna Berg met NATO officials in Brussels. She criticised the alliance.",
        "criticise",
        "subject",
        "Anna Berg",
    ),
    ("Head\n\nNATO warned Turkey. It said the deal would hurt the alliance.", "say", "subject", "Turkey"),
    ("Head\n\nDavid Blunkett resigned on Tuesday. Blunkett said he regretted nothing.", "say", "subject", "David Blunkett"),
]


@pytest.mark.parametrize(("text", "verb", "role", "expected"), PRONOUN_CASES, ids=[c[3] for c in PRONOUN_CASES])
def test_actions_resolve_pronouns_and_short_names(text, verb, role, expected):
    rows = [r for r in _tables(text)["actions"] if r["verb"] == verb]
    assert rows and rows[-1][f"{role}_actor"] == expected


def test_a_caption_is_no_antecedent_for_the_body():
    text = "Head\n\nTurkish soldiers in Syria (AFP Photo/Jane Doe)\n\nOfficials met. The country was calm."
    assert _reference(_tables(text), text, "The country") is None


def test_generic_you_is_no_speaker():
    text = "Head\n\n“It is a sad day,” Anna Berg said.\n\nYou could say the talks had failed."
    quotes = _tables(text)["quotes"]
    you = [q for q in quotes if q["speaker"] == "You"]
    assert you and all(q["speaker_actor"] is None for q in you)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("a senior U.S. official", True),
        ("the spokesman", True),
        ("two diplomats", True),
        ("Secretary Pompeo", False),
        ("Erdogan", False),
        ("the Pentagon", False),
    ],
)
def test_role_descriptions(phrase, expected):
    assert is_role_description(phrase) is expected


@pytest.mark.corpus
def test_the_country_against_labelled_uses():
    """45 uses labelled in PolNeAR train and BBC (tuning data): corpus file, offsets, the country meant."""
    if not CORPORA.is_dir():
        pytest.skip(f"shared corpora not found at {CORPORA} (set NEWS_SHARED_DIR)")
    rows = list(csv.DictReader(LABELS.open(encoding="utf-8")))
    right = wrong = 0
    for row in rows:
        raw = next(iter(read_file(CORPORA / row["corpus_file"])))
        start = int(row["start_char"])
        assert raw.text[start : int(row["end_char"])].lower().split()[-1] in ("country", "nation")
        tables = table_rows(ArticleContext.of(raw))
        found = next((m["actor"] for m in tables["mentions"] if m["source"] == "reference" and m["start_char"] == start), None)
        if found is not None:
            right += found == (row["actor"] or None)
            wrong += found != (row["actor"] or None)
    assert len(rows) == 45
    assert right >= 26 and wrong <= 4, (right, wrong)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # no earlier speaker: the closest earlier person, as the entity is linked (title dropped)
        ("Film news\n\nActor Bruce Willis visited troops in Iraq.\n\nHe said they were heroes.", [("He", "Bruce Willis")]),
        # an earlier speaker comes first
        (
            "Talks\n\n“We agree,” Anna Berg said. Ivan Petrov nodded.\n\nShe said the talks went well.",
            [(None, "Anna Berg"), ("She", "Anna Berg")],
        ),
    ],
)
def test_speaker_pronouns(text, expected):
    quotes = _tables(text)["quotes"]
    assert [(q["speaker"] if q["speaker"] in ("He", "She") else None, q["speaker_actor"]) for q in quotes] == expected
