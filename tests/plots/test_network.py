"""The actor network and the strongest-pairs figures of the seed package (and of a made-up star)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import networkx as nx  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis.corpus.cooccurrence import to_networkx  # noqa: E402
from analysis.io.schema import empty_frame  # noqa: E402
from analysis.plots import figures, palette  # noqa: E402
from analysis.plots import network as network_plots  # noqa: E402
from analysis.views import network as network_views  # noqa: E402
from tests.helpers.layout import LONG_NAMES, assert_tick_labels_apart  # noqa: E402
from tests.helpers.seed import ERDOGAN, SEED_TOP_BODY  # noqa: E402


@pytest.fixture(scope="module")
def sentence(seed) -> pd.DataFrame:
    return network_views.network_table(seed["mentions"])


@pytest.fixture(scope="module")
def graph(seed, sentence) -> nx.Graph:
    return to_networkx(sentence, seed["actors"], window="sentence")


@pytest.fixture(scope="module")
def body_sizes(seed) -> pd.Series:
    return network_views.top_actors(seed["mentions"], n=None).set_index("actor")["n_mentions"]


def _title(ax) -> str:
    return " ".join(ax.get_title(loc=loc) for loc in ("left", "center", "right"))


def _labels(ax) -> list[str]:
    return [t.get_text().replace("\n", " ") for t in ax.texts]


def test_seed_network_nodes(graph, body_sizes):
    assert network_plots.network_nodes(graph, node_size_by=body_sizes, top_n=None) == [name for name, _ in SEED_TOP_BODY]
    assert network_plots.network_nodes(graph, node_size_by=body_sizes, top_n=3) == ["Turkey", "United States", ERDOGAN]
    # by the actors table's own counts (all zones): places and actors without pairs are left out
    by_attribute = network_plots.network_nodes(graph, top_n=None)
    assert by_attribute[:2] == ["Turkey", ERDOGAN] and "Red Square" not in by_attribute and "AFP" not in by_attribute


def test_seed_network_figure(graph, body_sizes):
    figures.set_style()
    ax = network_plots.draw_network(graph, node_size_by=body_sizes, top_n=15, edge_label="shared sentences")
    assert sorted(_labels(ax)) == sorted(name for name, _ in SEED_TOP_BODY)
    assert "13 actors, 39 pairs" in _title(ax) and "line width = shared sentences" in _title(ax)
    assert len(ax.lines) == 39
    widths = {round(line.get_linewidth(), 3) for line in ax.lines}
    assert max(widths) == 7.0  # Turkey - United States, the strongest pair
    nodes = ax.collections[0]
    colors = [matplotlib.colors.to_hex(c) for c in nodes.get_facecolors()]
    assert (
        colors[0] == palette.TYPE_COLORS["country"].lower() and colors[2] == palette.TYPE_COLORS["person"].lower()
    )  # Turkey, Erdogan
    assert sorted(nodes.get_sizes())[-1] == pytest.approx(1800.0)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["country", "person", "organization", "office", "legislature", "media", "military system"]
    plt.close(ax.figure)


def test_network_figure_top_n_and_layouts(graph, body_sizes):
    ax = network_plots.draw_network(graph, node_size_by=body_sizes, top_n=4, layout="kamada_kawai")
    assert sorted(_labels(ax)) == sorted(["Turkey", "United States", ERDOGAN, "S-400"])
    assert "top 4 of 13 actors" in _title(ax) and len(ax.lines) == 6
    plt.close(ax.figure)
    pos = network_plots.network_layout(graph, [name for name, _ in SEED_TOP_BODY])
    assert pos["Turkey"] == (0.0, 1.0)
    assert all(abs(x * x + y * y - 1) < 1e-5 for x, y in pos.values())
    with pytest.raises(ValueError, match="layout"):
        network_plots.network_layout(graph, ["Turkey", "NATO"], layout="spring")


def test_network_figure_of_no_pairs(seed):
    ax = network_plots.draw_network(to_networkx(network_views.network_table(empty_frame("mentions")), seed["actors"]))
    assert _labels(ax) == ["no data"]
    plt.close(ax.figure)


def test_network_figure_is_byte_identical(graph, body_sizes, tmp_path):
    paths = []
    for run in ("a", "b"):
        figures.set_style()
        shuffled = nx.Graph()
        nodes = list(graph.nodes(data=True))
        shuffled.add_nodes_from(nodes if run == "a" else nodes[::-1])  # insertion order does not matter
        shuffled.add_edges_from(graph.edges(data=True) if run == "a" else list(graph.edges(data=True))[::-1])
        ax = network_plots.draw_network(shuffled, node_size_by=body_sizes)
        paths.append(figures.save_figure(ax.figure, "network", folder=tmp_path / run))
    assert paths[0].read_bytes() == paths[1].read_bytes()


def test_seed_pairs_figure(sentence):
    pairs = network_views.strongest_pairs(sentence, min_count=3)
    ax = network_plots.draw_pairs(pairs, measure="npmi")
    assert [t.get_text() for t in ax.get_yticklabels()][:2] == ["S-400 – United States", "Turkey – United States"]
    assert _labels(ax)[:2] == ["0.54  (n=3)", "0.43  (n=5)"] and _labels(ax)[-1] == "-0.03  (n=3)"
    plt.close(ax.figure)
    ax = network_plots.draw_pairs(network_views.strongest_pairs(sentence, measure="n_windows", n=2), measure="n_windows")
    assert _labels(ax) == ["5", "3"]
    plt.close(ax.figure)


def test_network_figure_of_many_actors_turns_labels_outwards():
    star = nx.Graph()
    star.add_nodes_from((f"Actor {i:02d}", {"type": "person", "n_mentions": 40 - i}) for i in range(30))
    star.add_edges_from(("Actor 00", f"Actor {i:02d}", {"weight": 1}) for i in range(1, 30))
    ax = network_plots.draw_network(star, top_n=None)
    rotations = [t.get_rotation() for t in ax.texts]
    assert len(rotations) == 30 and rotations[0] == 90.0 and len(set(rotations)) > 10
    assert "30 actors, 29 pairs" in _title(ax)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["person"]
    plt.close(ax.figure)


@pytest.mark.parametrize("size", [None, (6.0, 2.5)], ids=["own-figure", "small-axes"])
def test_pair_labels_never_overlap(size):
    pairs = pd.DataFrame({"actor_a": LONG_NAMES, "actor_b": LONG_NAMES[::-1], "n_windows": [3] * 30, "npmi": [0.5] * 30})
    figures.set_style()
    ax = network_plots.draw_pairs(pairs, ax=None if size is None else plt.subplots(figsize=size)[1])
    assert_tick_labels_apart(ax)
    plt.close(ax.figure)
