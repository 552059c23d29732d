"""Network views of the seed package (exact values): pair tables, top actors, strongest pairs, matrices."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.corpus.cooccurrence import COLUMNS
from analysis.io.schema import empty_frame
from analysis.views import network as network_views
from tests.helpers.seed import ERDOGAN, OFFICE, SEED_TOP_BODY, WHEELBARGER


@pytest.fixture(scope="module")
def sentence(seed) -> pd.DataFrame:
    return network_views.network_table(seed["mentions"])


def _pair(cooc: pd.DataFrame, a: str, b: str) -> pd.Series:
    a, b = sorted((a, b))
    rows = cooc[(cooc["actor_a"] == a) & (cooc["actor_b"] == b)]
    assert len(rows) == 1, (a, b)
    return rows.iloc[0]


def test_seed_network_table_is_the_stored_sentence_table(seed, sentence):
    stored = seed["cooccurrence"]
    stored = stored[stored["window"] == "sentence"].reset_index(drop=True)
    pd.testing.assert_frame_equal(sentence, stored)
    assert list(sentence.columns) == COLUMNS


def test_seed_turkey_united_states_share_five_sentences(sentence):
    row = _pair(sentence, "Turkey", "United States")
    assert (row["n_windows"], row["n_a"], row["n_b"], row["n_total"]) == (5, 7, 5, 9)
    assert row["npmi"] == pytest.approx(0.4276)
    assert sentence.iloc[0][["actor_a", "actor_b"]].tolist() == ["Turkey", "United States"]  # the most frequent pair


def test_seed_paragraph_window_with_captions(seed):
    body = network_views.network_table(seed["mentions"], window="paragraph")
    both = network_views.network_table(seed["mentions"], window="paragraph", zones=["body", "caption"])
    assert set(both["window"]) == {"paragraph"}
    assert (_pair(both, "Turkey", "United States")["n_windows"], _pair(both, "Turkey", "United States")["n_total"]) == (6, 10)
    assert _pair(both, "Donald Trump", ERDOGAN)["n_windows"] == 2  # a caption and a body paragraph
    assert _pair(body, "Donald Trump", ERDOGAN)["n_windows"] == 1
    assert "United Nations" in set(both["actor_b"]) and "United Nations" not in set(body["actor_a"]) | set(body["actor_b"])
    assert len(both) == 44


def test_network_table_options(seed):
    mentions = seed["mentions"]
    pd.testing.assert_frame_equal(network_views.network_table(mentions, zones="body"), network_views.network_table(mentions))
    assert network_views.network_table(mentions, min_count=3)["n_windows"].min() == 3
    assert len(network_views.network_table(mentions, min_count=6)) == 0
    with pytest.raises(ValueError, match="window must be one of sentence, paragraph, article"):
        network_views.network_table(mentions, window="page")


def test_seed_top_actors(seed):
    top = network_views.top_actors(seed["mentions"], n=None)
    assert list(zip(top["actor"], top["n_mentions"])) == SEED_TOP_BODY
    assert network_views.top_actors(seed["mentions"], n=5)["actor"].tolist() == [
        "Turkey",
        "United States",
        ERDOGAN,
        "S-400",
        WHEELBARGER,
    ]
    assert {"Turkey", "United States", "Russia", "NATO", ERDOGAN} <= set(network_views.top_actors(seed["mentions"])["actor"])
    assert top.loc[0, "n_sentences"] == 7 and top.loc[0, "n_articles"] == 1
    assert [str(t) for t in top.dtypes] == ["string", "Int64", "Int64", "Int64"]


def test_seed_top_actors_leave_places_out_and_add_types(seed):
    top = network_views.top_actors(seed["mentions"], zones=("body", "caption"), n=None, actors=seed["actors"])
    assert "Red Square" not in set(top["actor"]) and "New York City" not in set(top["actor"])  # only locations
    assert top["actor"].tolist()[:3] == ["Turkey", ERDOGAN, "United States"]  # 14, 7, 7: ties by name
    assert top.set_index("actor").loc["United Nations", "type"] == "organization"
    assert top.set_index("actor").loc["Turkey", "country"] == "TR"
    assert pd.isna(top.set_index("actor").loc["NATO", "country"])


def test_seed_strongest_pairs(sentence):
    by_npmi = network_views.strongest_pairs(sentence, n=None)
    assert network_views.MIN_PAIR_COUNT == 3
    assert by_npmi["n_windows"].min() >= network_views.MIN_PAIR_COUNT  # no chance pair ranked first
    assert by_npmi[["actor_a", "actor_b"]].values.tolist() == [
        ["S-400", "United States"],
        ["Turkey", "United States"],
        [WHEELBARGER, "Turkey"],
        ["NATO", "Turkey"],
        ["S-400", "Turkey"],
        ["Russia", "Turkey"],
    ]
    every = network_views.strongest_pairs(sentence, min_count=1)
    assert len(every) == 15
    assert every[["actor_a", "actor_b", "n_windows", "npmi"]].head(2).values.tolist() == [
        ["Donald Trump", OFFICE, 1, 1.0],
        ["F-35", "Pentagon", 1, 1.0],
    ]
    by_count = network_views.strongest_pairs(sentence, measure="n_windows", n=3)
    assert by_count[["actor_a", "actor_b", "n_windows"]].values.tolist() == [
        ["Turkey", "United States", 5],
        [WHEELBARGER, "Turkey", 3],
        ["NATO", "Turkey", 3],
    ]
    with pytest.raises(ValueError, match="measure"):
        network_views.strongest_pairs(sentence, measure="lift")


def test_strongest_pairs_puts_missing_values_last():
    cooc = pd.DataFrame(
        {"actor_a": ["A", "B"], "actor_b": ["C", "C"], "n_windows": [5, 1], "npmi": pd.array([None, -0.5], dtype="Float64")}
    )
    assert network_views.strongest_pairs(cooc, min_count=1)["actor_a"].tolist() == ["B", "A"]


def test_seed_cooccurrence_matrix(sentence):
    order = [name for name, _ in SEED_TOP_BODY[:7]]
    matrix = network_views.cooccurrence_matrix(sentence, order)
    assert list(matrix.index) == order and list(matrix.columns) == order
    assert all(str(dtype) == "Int64" for dtype in matrix.dtypes)
    assert matrix.loc["Turkey", "United States"] == matrix.loc["United States", "Turkey"] == 5
    assert matrix.loc[ERDOGAN, WHEELBARGER] == 0  # never in the same sentence
    values = matrix.astype("float").to_numpy()
    assert pd.DataFrame(values).equals(pd.DataFrame(values.T))
    assert matrix.isna().to_numpy().diagonal().all() and int(matrix.isna().sum().sum()) == len(order)
    inside = sentence[sentence["actor_a"].isin(order) & sentence["actor_b"].isin(order)]
    assert int(matrix.sum().sum()) == 2 * int(inside["n_windows"].sum())


def test_seed_cooccurrence_matrix_values_and_diagonal(sentence):
    own = network_views.cooccurrence_matrix(sentence, ["Turkey", "United States", "Anadolu"], self_counts=True)
    assert own.values.tolist() == [[7, 5, 0], [5, 5, 0], [0, 0, 1]]
    npmi = network_views.cooccurrence_matrix(sentence, ["Turkey", "United States", "Anadolu"], value="npmi")
    assert str(npmi.dtypes.iloc[0]) == "Float64"
    assert npmi.loc["Turkey", "United States"] == pytest.approx(0.4276)
    assert pd.isna(npmi.loc["Turkey", "Anadolu"]) and pd.isna(npmi.loc["Turkey", "Turkey"])
    jaccard = network_views.cooccurrence_matrix(sentence, ["Turkey", "Anadolu"], value="jaccard")
    assert jaccard.loc["Turkey", "Anadolu"] == 0


def test_cooccurrence_matrix_rejects(seed, sentence):
    with pytest.raises(ValueError, match="several window types"):
        network_views.cooccurrence_matrix(seed["cooccurrence"], ["Turkey", "NATO"])
    with pytest.raises(ValueError, match="repeat"):
        network_views.cooccurrence_matrix(sentence, ["Turkey", "Turkey"])
    with pytest.raises(ValueError, match="value"):
        network_views.cooccurrence_matrix(sentence, ["Turkey"], value="weight")


def test_views_of_empty_tables():
    mentions = empty_frame("mentions")
    cooc = network_views.network_table(mentions)
    assert cooc.empty and list(cooc.columns) == COLUMNS
    top = network_views.top_actors(mentions, actors=empty_frame("actors"))
    assert top.empty and list(top.columns) == ["actor", "n_mentions", "n_sentences", "n_articles", "type", "country"]
    assert network_views.strongest_pairs(cooc).empty
    assert network_views.cooccurrence_matrix(cooc, []).empty
    assert network_views.cooccurrence_matrix(cooc, ["Turkey"]).isna().all().all()
