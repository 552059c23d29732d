"""One person, one actor across the corpus: folding, merge rules, one namespace, the same answer however built."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.build.run import build, build_tables
from analysis.corpus.actors import ACTOR_COLUMNS, NOT_AN_ACTOR
from analysis.corpus.identity import ActorEvidence, Merge, actor_type, fold_name, resolve_identities
from analysis.io.package import load_package


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Çavuşoğlu", "Cavusoglu", True),
        ("Mevlüt Çavuşoğlu", "Mevlut Cavusoglu", True),
        ("Zelensky", "Zelenskyy", True),
        ("Zelenskiy", "Zelensky", True),
        ("PENCE", "Pence", True),
        ("The New York Times", "New York Times", True),
        ("Erdogan's", "Erdogan", True),
        ("Pence", "Pena", False),
        ("Bill Clinton", "Hillary Clinton", False),
    ],
)
def test_fold_name(a, b, same):
    assert (fold_name(a) == fold_name(b)) is same


def _org(n: int = 1) -> ActorEvidence:
    return ActorEvidence(n=n, labels={"ORG": n})


def _person(n: int = 1, **kinds: int) -> ActorEvidence:
    return ActorEvidence(n=n, labels={"PERSON": n}, kinds=dict(kinds))


@pytest.mark.parametrize(
    ("evidence", "expected"),
    [
        (  # surname, case, title, initials
            {
                "Michael Howard": _person(5),
                "Howard": _person(2),
                "HOWARD": ActorEvidence(statements=1, kinds={"person": 1}),
                "Tory leader Michael Howard": ActorEvidence(statements=1, kinds={"person": 1}),
                "Michael J. Howard": _person(1),
            },
            {
                "Howard": Merge("Michael Howard", "surname"),
                "HOWARD": Merge("Michael Howard", "spelling; surname"),
                "Tory leader Michael Howard": Merge("Michael Howard", "title"),
                "Michael J. Howard": Merge("Michael Howard", "initials"),
            },
        ),
        (  # two people of one surname: the surname stays apart
            {"Bill Clinton": _person(4), "Hillary Clinton": _person(9), "Clinton": _person(6)},
            {},
        ),
        (  # unless one holds nearly all their mentions
            {"Tony Blair": _person(200), "Cherie Blair": _person(3), "Blair": _person(20)},
            {"Blair": Merge("Tony Blair", "dominant surname")},
        ),
        (  # diacritics and transliterations: the registry's spelling wins
            {"Mevlut Cavusoglu": _person(2), "Mevlüt Çavuşoğlu": _person(5), "Çavuşoğlu": _person(1)},
            {"Mevlüt Çavuşoğlu": Merge("Mevlut Cavusoglu", "spelling"), "Çavuşoğlu": Merge("Mevlut Cavusoglu", "surname")},
        ),
        (  # a surname that is a country, or one the registry types otherwise, never joins a person
            {"Kenya": _person(3), "Tom Kenya": _person(2), "NATO": _person(1), "Tom Nato": _person(1)},
            {},
        ),
        (  # a word never taken for a person does not join one
            {"Law": ActorEvidence(n=4, labels={"ORG": 4}), "Jack Law": _person(2)},
            {},
        ),
        (  # an initialism joins the one organisation name of the corpus it abbreviates
            {"IMF": _org(4), "International Monetary Fund": _org(2), "AROS": _org(1), "Alliance to Reclaim Our Schools": _org(1)},
            {"IMF": Merge("International Monetary Fund", "acronym"), "AROS": Merge("Alliance to Reclaim Our Schools", "acronym")},
        ),
        (  # two names it may abbreviate: it stays apart
            {"NRA": _org(3), "National Rifle Association": _org(2), "National Recovery Administration": _org(1)},
            {},
        ),
        (  # two adjacent letters swapped in a given name of one surname; other names stay apart
            {"Kirsty Williams": _person(3), "Kisrty Williams": _person(1), "Mary Smith": _person(2), "Myra Smith": _person(1)},
            {"Kisrty Williams": Merge("Kirsty Williams", "typo")},
        ),
    ],
)
def test_resolve_identities(evidence, expected):
    assert resolve_identities(evidence) == expected


@pytest.mark.parametrize(
    ("evidence", "expected"),
    [
        (ActorEvidence(labels={"GPE": 3}, kinds={"person": 2}), "person"),  # the subject of "said" is never a place
        (ActorEvidence(labels={"GPE": 3}), "place"),
        (ActorEvidence(kinds={"anonymous": 2}), "role"),
        (ActorEvidence(kinds={"document": 1}), "document"),
        (ActorEvidence(labels={"ORG": 2, "PERSON": 1}), "organization"),
    ],
)
def test_actor_type_by_evidence(evidence, expected):
    assert actor_type(evidence) == expected


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("identity")
    texts = {
        "a.txt": "Head\n\nTory leader Michael Howard said the plan had failed. Mr Howard said taxes would rise.",
        "b.txt": "Head\n\nHoward said the party would win.\n\nA senior official said the vote was close.",
        "c.txt": "Head\n\nHOWARD said the debate was fair.\n\nThe White House said sanctions would follow.",
        "d.txt": "Head\n\nMevlüt Çavuşoğlu said Turkey would not back down.",
        "e.txt": "Head\n\nForeign Minister Mevlut Cavusoglu said the deal was done.\n\nTurkey's defense ministry said the system had arrived.",
    }
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_one_person_one_actor(corpus):
    tables, _, _ = build_tables([corpus], progress=False)
    speakers = tables["quotes"].set_index("speaker")["speaker_actor"].to_dict()
    assert {speakers[s] for s in ("Tory leader Michael Howard", "Mr Howard", "Howard", "HOWARD")} == {"Michael Howard"}
    assert speakers["Mevlüt Çavuşoğlu"] == speakers["Foreign Minister Mevlut Cavusoglu"]
    assert speakers["A senior official"] == "senior official"
    actors = tables["actors"].set_index("actor")
    assert actors.loc["Michael Howard", "type"] == "person" and "HOWARD" in actors.loc["Michael Howard", "variants"]
    assert actors.loc["senior official", "type"] == "role"
    assert actors.loc["White House", "parent"] == "United States"
    assert actors.loc["Turkey Defense Ministry", "parent"] == "Turkey"


def _actor_keys(tables: dict[str, pd.DataFrame]) -> set[str]:
    keys = set()
    for table, columns in ACTOR_COLUMNS.items():
        frame = tables[table]
        for column in columns:
            values = frame[column]
            if table == "actions":
                values = values[frame[column.replace("_actor", "_kind")].astype("string").ne(NOT_AN_ACTOR).fillna(True)]
            keys |= set(values.dropna())
    return keys | set(tables["cooccurrence"]["actor_a"]) | set(tables["cooccurrence"]["actor_b"])


def test_every_actor_key_is_a_row_of_actors(corpus, seed_build, seed_package):
    for tables in (build_tables([corpus], progress=False)[0], seed_build, seed_package):
        assert _actor_keys(tables) <= set(tables["actors"]["actor"])


def test_the_same_tables_however_built(corpus, tmp_path):
    memory, _, _ = build_tables([corpus], progress=False)
    one = load_package(build([corpus], out=tmp_path / "one", n_process=1, chunk_size=1, progress=False).descriptor.parent)
    two = load_package(build([corpus], out=tmp_path / "two", n_process=2, chunk_size=2, progress=False).descriptor.parent)
    warm = load_package(build([corpus], out=tmp_path / "two", n_process=2, chunk_size=2, progress=False).descriptor.parent)
    pq = load_package(build([corpus], out=tmp_path / "pq", fmt="parquet", chunk_size=1, progress=False).descriptor.parent)
    for name in ("quotes", "mentions", "entities", "actions", "sources", "actors", "cooccurrence"):
        for other in (one, two, warm, pq):
            pd.testing.assert_frame_equal(
                memory[name].reset_index(drop=True), other[name].reset_index(drop=True), check_dtype=False
            )
    files = lambda out: {p.name: p.read_bytes() for p in out.glob("*.csv")}  # noqa: E731
    assert files(tmp_path / "one") == files(tmp_path / "two")
