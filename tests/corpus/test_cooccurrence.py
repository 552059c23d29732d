"""Actor co-occurrence: the seed's network (places left out, captions on request), NetworkX and GraphML, the counter."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest

from analysis.corpus.cooccurrence import cooccurrence, to_networkx, write_graphml


@pytest.fixture(scope="module")
def seed(seed_build):
    return seed_build


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
