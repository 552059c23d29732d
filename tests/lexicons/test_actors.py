"""The actor registry: mentions resolved (by date for roles), name keys, a user's own registry file."""

from __future__ import annotations

import pytest

from analysis.lexicons.actors import REGISTRY_FILE, load_registry, name_key


@pytest.mark.parametrize(
    ("mention", "date", "actor"),
    [
        ("Erdogan", None, "Recep Tayyip Erdogan"),
        ("Turkey’s President Recep Tayyip Erdogan", None, "Recep Tayyip Erdogan"),
        ("the Turkish leader", "2019-06-04", "Recep Tayyip Erdogan"),
        ("the Turkish leader", "2010-01-01", None),  # prime minister then: no "leader" role holder of that title
        ("US President", "2019-06-04", "Donald Trump"),
        ("US President", "2022-03-01", "Joe Biden"),
        ("Washington", None, "United States"),
        ("U.S.", None, "United States"),
        ("the US administration", None, "United States"),
        ("Ankara", None, "Turkey"),
        ("Brussels", None, "European Union"),
        ("Russian", None, "Russia"),
        ("S400", None, "S-400"),
        ("the Western alliance", None, "NATO"),
        ("Narnia", None, None),
        ("NATO Secretary General Jens Stoltenberg", None, "Jens Stoltenberg"),  # titles and a known actor dropped
        ("Bill Clinton", None, None),  # a given name is never dropped: not the registry's Hillary Clinton
        ("Former President Bill Clinton", None, None),
        ("Ivanka Trump", None, None),
        ("Mrs. Clinton", None, "Hillary Clinton"),
        ("Mr. Clinton", None, None),  # the honorific disagrees with the registry person
        ("The Republican National Committee", None, "Republican National Committee"),
        ("Tories", None, "Conservative Party"),
        ("Lib Dems", None, "Liberal Democrats"),
        ("Liberal Democrats", None, "Liberal Democrats"),  # not the US Democratic Party
    ],
)
def test_registry_resolution(mention, date, actor):
    assert load_registry().resolve(mention, date=date) == actor


def test_name_key():
    assert name_key("the Pentagon’s") == "pentagon"


def test_user_registry_file_links_new_actor(tmp_path):
    own = tmp_path / "actors.yml"
    base = REGISTRY_FILE.read_text(encoding="utf-8")
    own.write_text(
        base + "\n- name: Hakan Fidan\n  type: person\n  country: TR\n  aliases: [Fidan]\n"
        "  roles:\n    - {title: Foreign Minister of Turkey, from: 2023, to: null, aliases: [Turkish foreign minister]}\n",
        encoding="utf-8",
    )
    from analysis.extract.tables import article_tables
    from analysis.io.records import RawArticle

    raw = RawArticle(
        "f", "f.txt", "Head\n\nThe Turkish foreign minister met NATO officials on Monday.", meta={"date": "2024-05-01"}
    )
    default = article_tables(raw)["mentions"]
    assert "Hakan Fidan" not in set(default["actor"])
    tables = article_tables(raw, registry=load_registry(own))
    mentions = tables["mentions"]
    assert mentions.loc[mentions.text == "The Turkish foreign minister", "actor"].tolist() == ["Hakan Fidan"]


@pytest.mark.parametrize(
    ("written", "fuller", "actor"),
    [
        ("Clinton", "Bill Clinton", None),
        ("Clinton", "Hillary Clinton", "Hillary Clinton"),
        ("Erdogan", "Tayyip Erdogan", "Recep Tayyip Erdogan"),
        ("Erdogan", "Erdogan", "Recep Tayyip Erdogan"),
        ("Trump", "Ivanka Trump", None),
    ],
)
def test_a_short_name_takes_the_registry_actor_only_when_the_article_s_fuller_name_is_a_form_of_it(written, fuller, actor):
    assert load_registry().resolve_name(written, fuller) == actor
