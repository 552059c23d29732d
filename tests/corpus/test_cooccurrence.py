"""Actors: registry resolution, mention linking on the seed, co-occurrence network, user registries."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest

from analysis.corpus.cooccurrence import cooccurrence, to_networkx, write_graphml
from analysis.lexicons.actors import REGISTRY_FILE, load_registry, name_key
from tests.helpers.spans import assert_span_rule

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


def test_entities_carry_actors(seed):
    e = seed["entities"]
    people = e[e.label == "PERSON"].set_index("text")["actor"].to_dict()
    assert people["Erdogan"] == people["Recep Tayyip Erdogan"] == "Recep Tayyip Erdogan"
    gpe = e[e.label == "GPE"].groupby("text")["actor"].first().to_dict()
    assert gpe["Ankara"] == gpe["Turkey"] == "Turkey"
    assert gpe["US"] == gpe["the United States"] == gpe["Washington"] == "United States"
    assert e.loc[e.label.isin(["PERSON", "ORG", "GPE", "NORP", "PRODUCT"]), "actor"].notna().all()
    assert set(e.loc[e.text.isin(["S-400", "S400"]), "actor"]) == {"S-400"}


def test_locations_stay_out_of_the_body_network(seed):
    m = seed["mentions"]
    assert not m["text"].str.contains("ISTANBUL").any()  # the dateline is not a sentence
    red_square = m[m["text"].str.contains("Red Square")]
    assert red_square["is_location"].all() and set(red_square["zone"]) == {"caption"}
    moscow = m[m["text"] == "Moscow"]
    assert moscow["is_location"].all()
    body_actors = set(seed["cooccurrence"][["actor_a", "actor_b"]].stack())
    assert not body_actors & {"Red Square", "Moscow", "Istanbul", "ISTANBUL", "New York City", "Palace Hotel"}


def test_seed_sentence_network_edges(seed):
    c = seed["cooccurrence"]
    s = c[c.window == "sentence"].set_index(["actor_a", "actor_b"])
    assert s.loc[("Recep Tayyip Erdogan", "Russia"), "n_windows"] == 1
    assert s.loc[("Turkey", "United States"), "n_windows"] == 5
    assert s.loc[("NATO", "Turkey"), "n_windows"] == 3
    assert s.loc[("Kathryn Wheelbarger", "Pentagon"), "n_windows"] == 1
    row = s.loc[("Turkey", "United States")]
    assert (row["n_a"], row["n_b"], row["n_total"]) == (7, 5, 9)
    assert row["jaccard"] == pytest.approx(5 / 7, abs=1e-4)
    assert row["pmi"] == pytest.approx(0.2513, abs=1e-4)
    assert set(c["window"]) == {"sentence", "paragraph", "article"}
    art = c[c.window == "article"]
    assert (art["n_windows"] == 1).all() and (art["n_total"] == 1).all()


def test_networkx_and_graphml(seed, tmp_path):
    graph = to_networkx(seed["cooccurrence"], seed["actors"], window="sentence")
    assert graph["Turkey"]["United States"]["weight"] == 5
    assert graph.nodes["Turkey"]["type"] == "country"
    path = write_graphml(seed["cooccurrence"], tmp_path / "net.graphml", seed["actors"])
    again = nx.read_graphml(path)
    assert again.number_of_edges() == graph.number_of_edges()


def test_captions_can_be_included(seed):
    with_captions = cooccurrence(seed["mentions"], windows=("sentence",), zones=("body", "caption"))
    pairs = set(zip(with_captions.actor_a, with_captions.actor_b))
    assert ("Donald Trump", "Recep Tayyip Erdogan") in pairs
    assert ("Red Square", "Russia") not in pairs


def test_span_rule_for_mentions(seed):
    assert assert_span_rule(seed) > 0


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


def _naive_cooccurrence(rows: list[dict], window: str) -> dict[tuple[str, str], tuple[int, int]]:
    """(n_windows, n_articles) per actor pair, counted the plain way."""
    keys = {"sentence": ("article_id", "sentence_id"), "paragraph": ("article_id", "paragraph_id"), "article": ("article_id",)}[
        window
    ]
    windows: dict[tuple, set[str]] = {}
    for r in rows:
        windows.setdefault(tuple(r[k] for k in keys), set()).add(r["actor"])
    counts: dict[tuple[str, str], list] = {}
    for key, actors in windows.items():
        ordered = sorted(actors)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                entry = counts.setdefault((a, b), [0, set()])
                entry[0] += 1
                entry[1].add(key[0])
    return {pair: (n, len(articles)) for pair, (n, articles) in counts.items()}


def test_cooccurrence_counter_folds_and_merges_exactly():
    """Counts kept in pending dicts, folded into arrays (tiny fold limit) and merged from partial
    counters of other articles all give the plain count."""
    import random

    from analysis.corpus.cooccurrence import CooccurrenceCounter

    rng = random.Random(7)
    actors = [f"Actor {c}" for c in "ABCDEFGHIJKLMN"]
    rows = [
        {
            "article_id": f"a{art:02d}",
            "sentence_id": s,
            "paragraph_id": s // 3,
            "zone": "body",
            "actor": rng.choice(actors),
            "is_location": False,
        }
        for art in range(40)
        for s in range(rng.randint(1, 9))
        for _ in range(rng.randint(0, 4))
    ]
    by_article: dict[str, list[dict]] = {}
    for r in rows:
        by_article.setdefault(r["article_id"], []).append(r)
    whole = CooccurrenceCounter()
    whole.update(rows)
    merged = CooccurrenceCounter()
    merged.PENDING_LIMIT = 3
    for i, article_rows in enumerate(by_article.values()):
        part = CooccurrenceCounter()
        part.PENDING_LIMIT = 2 if i % 2 else 10**6
        part.update(article_rows)
        merged.merge(part)
    expected = whole.table()
    pd.testing.assert_frame_equal(merged.table(), expected)
    for window in ("sentence", "paragraph", "article"):
        got = expected[expected["window"] == window]
        assert {(r.actor_a, r.actor_b): (r.n_windows, r.n_articles) for r in got.itertuples()} == _naive_cooccurrence(
            rows, window
        )
    assert len(merged._keys["sentence"]) > 0  # the arrays were used
