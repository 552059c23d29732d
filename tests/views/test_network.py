"""Network views of the seed package (exact values) and notebook 04 run headless."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import nbformat  # noqa: E402
import networkx as nx  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from PIL import Image  # noqa: E402

from analysis import config  # noqa: E402
from analysis.corpus.cooccurrence import COLUMNS, to_networkx  # noqa: E402
from analysis.io.package import read_descriptor, write_package  # noqa: E402
from analysis.io.schema import empty_frame  # noqa: E402
from analysis.notebooks import INJECTED_TAG, clear_outputs, execute_notebook  # noqa: E402
from analysis.plots import (
    figures,  # noqa: E402
    palette,  # noqa: E402
)
from analysis.plots import network as network_plots  # noqa: E402
from analysis.views import network as network_views  # noqa: E402
from tests.helpers.notebook_checks import PNG_SIGNATURE, assert_clean_run, digests, images, run_twice

NOTEBOOK_04 = config.NOTEBOOKS_DIR / "04_actor_cooccurrence.ipynb"
FIGURES_04 = ("04_actor_network", "04_cooccurrence_heatmap", "04_strongest_pairs")
ERDOGAN, WHEELBARGER, OFFICE = "Recep Tayyip Erdogan", "Kathryn Wheelbarger", "Office of the President of Turkey"
SEED_TOP_BODY = [
    ("Turkey", 13),
    ("United States", 6),
    (ERDOGAN, 5),
    ("S-400", 5),
    (WHEELBARGER, 4),
    ("NATO", 4),
    ("Russia", 4),
    ("Anadolu", 2),
    ("Donald Trump", 2),
    ("F-35", 2),
    (OFFICE, 1),
    ("Pentagon", 1),
    ("United States Congress", 1),
]


@pytest.fixture(scope="module")
def seed(seed_package) -> dict[str, pd.DataFrame]:
    return seed_package


@pytest.fixture(scope="module")
def sentence(seed) -> pd.DataFrame:
    return network_views.network_table(seed["mentions"])


@pytest.fixture(scope="module")
def graph(seed, sentence) -> nx.Graph:
    return to_networkx(sentence, seed["actors"], window="sentence")


@pytest.fixture(scope="module")
def body_sizes(seed) -> pd.Series:
    return network_views.top_actors(seed["mentions"], n=None).set_index("actor")["n_mentions"]


def _pair(cooc: pd.DataFrame, a: str, b: str) -> pd.Series:
    a, b = sorted((a, b))
    rows = cooc[(cooc["actor_a"] == a) & (cooc["actor_b"] == b)]
    assert len(rows) == 1, (a, b)
    return rows.iloc[0]


# --- tables -----------------------------------------------------------------------------------


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
    by_npmi = network_views.strongest_pairs(sentence)
    assert len(by_npmi) == 15
    assert by_npmi[["actor_a", "actor_b"]].head(3).values.tolist() == [
        ["Donald Trump", OFFICE],
        ["F-35", "Pentagon"],
        ["S-400", "United States"],
    ]
    frequent = network_views.strongest_pairs(sentence, min_count=3, n=None)
    assert frequent[["actor_a", "actor_b"]].values.tolist() == [
        ["S-400", "United States"],
        ["Turkey", "United States"],
        [WHEELBARGER, "Turkey"],
        ["NATO", "Turkey"],
        ["S-400", "Turkey"],
        ["Russia", "Turkey"],
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
    assert network_views.strongest_pairs(cooc)["actor_a"].tolist() == ["B", "A"]


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


# --- figures ----------------------------------------------------------------------------------


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


def _matrix_heatmap(matrix: pd.DataFrame, **options):
    """The heatmap of a co-occurrence matrix as notebook 04 draws it."""
    return figures.heatmap(matrix, label_width=28, annotate=True, square=True, **options)


def test_seed_heatmap(sentence):
    order = [name for name, _ in SEED_TOP_BODY]
    ax = _matrix_heatmap(network_views.cooccurrence_matrix(sentence, order), colorbar="shared sentences")
    assert [t.get_text() for t in ax.get_yticklabels()][:2] == ["Turkey", "United States"]
    assert "Office of the President of…" in [t.get_text() for t in ax.get_xticklabels()]
    numbers = [int(t) for t in _labels(ax)]
    assert numbers.count(5) == 2 and 0 not in numbers  # symmetric; zeros left blank
    assert len(numbers) == 2 * 39  # every pair of the 13 actors, twice
    assert ax.figure.axes[1].get_ylabel() == "shared sentences"
    plt.close(ax.figure)


def test_heatmap_of_measures_and_of_nothing(sentence):
    ax = _matrix_heatmap(network_views.cooccurrence_matrix(sentence, ["Turkey", "United States", "Russia"], value="npmi"))
    assert sorted(_labels(ax)) == ["-0.03", "-0.03", "-0.07", "-0.07", "0.43", "0.43"]
    plt.close(ax.figure)
    ax = _matrix_heatmap(network_views.cooccurrence_matrix(sentence, []))
    assert _labels(ax) == ["no data"]
    plt.close(ax.figure)


def test_seed_pairs_figure(sentence):
    pairs = network_views.strongest_pairs(sentence, min_count=3)
    ax = network_plots.draw_pairs(pairs, measure="npmi")
    assert [t.get_text() for t in ax.get_yticklabels()][:2] == ["S-400 – United States", "Turkey – United States"]
    assert _labels(ax)[:2] == ["0.54  (n=3)", "0.43  (n=5)"] and _labels(ax)[-1] == "-0.03  (n=3)"
    plt.close(ax.figure)
    ax = network_plots.draw_pairs(network_views.strongest_pairs(sentence, measure="n_windows", n=2), measure="n_windows")
    assert _labels(ax) == ["5", "3"]
    plt.close(ax.figure)


# --- notebook 04, executed headless -----------------------------------------------------------


def _cell(nb: nbformat.NotebookNode, cell_id: str) -> nbformat.NotebookNode:
    return next(c for c in nb.cells if c.get("id") == cell_id)


def _html_rows(cell: nbformat.NotebookNode) -> int:
    html = cell.outputs[-1].data["text/html"]
    return html.split("<tbody>")[1].count("<tr>")


def _text(cell: nbformat.NotebookNode) -> str:
    return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")


@pytest.fixture(scope="module")
def run_04(tmp_path_factory):
    """Notebook 04 executed twice on the seed package, each time writing into a fresh folder."""
    return run_twice(tmp_path_factory, NOTEBOOK_04, "figures04")


def test_notebook_04_runs_without_errors(run_04):
    nb, _ = run_04[0]
    assert_clean_run(nb)


def test_notebook_04_writes_its_three_figures(run_04):
    _, folder = run_04[0]
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{n}.png" for n in FIGURES_04)
    for name in FIGURES_04:
        data = (folder / f"{name}.png").read_bytes()
        assert data.startswith(PNG_SIGNATURE)
        with Image.open(folder / f"{name}.png") as image:
            assert image.format == "PNG" and image.size[0] > 400 and image.size[1] > 300
            assert "Software" not in image.info


def test_notebook_04_figures_are_byte_identical_across_runs(run_04):
    (_, first), (_, second) = run_04
    assert digests(first) == digests(second)
    assert len(digests(first)) == len(FIGURES_04)


def test_notebook_04_displays_figures_inline(run_04):
    nb, _ = run_04[0]
    assert len(images(nb)) == len(FIGURES_04)


def test_notebook_04_tables(run_04):
    nb, _ = run_04[0]
    assert _html_rows(_cell(nb, "actors")) == len(SEED_TOP_BODY)  # fewer than TOP_N
    assert _html_rows(_cell(nb, "heatmap")) == len(SEED_TOP_BODY)
    assert _html_rows(_cell(nb, "pairs")) == 15
    setup = _cell(nb, "setup").outputs[-1].data["text/plain"]
    assert "pairs (sentence window, body)" in setup and "39" in setup
    assert "GraphML not written" in _text(_cell(nb, "graphml"))
    listed = _cell(nb, "written").outputs[0].data["text/plain"]
    for name in FIGURES_04:
        assert f"'{name}.png'" in listed


def test_notebook_04_paragraph_window_with_captions(tmp_path):
    folder = tmp_path / "figures"
    nb = execute_notebook(
        NOTEBOOK_04,
        parameters={"FIGURES": folder, "WINDOW": "paragraph", "ZONES": ["body", "caption"], "TOP_N": 3, "EXPORT_GRAPHML": True},
    )
    assert_clean_run(nb)
    assert sorted(p.name for p in folder.iterdir()) == sorted([f"{n}.png" for n in FIGURES_04] + ["04_actor_network.graphml"])
    assert len(images(nb)) == len(FIGURES_04)
    assert "pairs (paragraph window, body + caption)" in _cell(nb, "setup").outputs[-1].data["text/plain"]
    assert _html_rows(_cell(nb, "actors")) == 3 and _html_rows(_cell(nb, "pairs")) == 3
    exported = nx.read_graphml(folder / "04_actor_network.graphml")
    assert exported["Turkey"]["United States"]["n_windows"] == 6
    assert exported["Donald Trump"]["United Nations"]["n_windows"] == 1  # only together in a caption
    assert exported.nodes["Turkey"]["type"] == "country"
    assert "wrote 04_actor_network.graphml" in _text(_cell(nb, "graphml"))


def test_notebook_04_runs_on_empty_mentions(seed, tmp_path):
    tables = {name: (empty_frame(name) if name in ("mentions", "cooccurrence") else frame) for name, frame in seed.items()}
    write_package(tables, tmp_path / "package", pipeline=read_descriptor()["pipeline"])
    folder = tmp_path / "figures"
    nb = execute_notebook(NOTEBOOK_04, parameters={"DATA": tmp_path / "package", "FIGURES": folder})
    assert_clean_run(nb)
    assert sorted(p.stem for p in folder.glob("*.png")) == sorted(FIGURES_04)
    assert images(nb) == []
    assert "No actor is mentioned" in _text(_cell(nb, "actors"))
    assert "No two actors share a sentence" in _text(_cell(nb, "network-fig"))
    assert "No actors: no figure." in _text(_cell(nb, "heatmap-fig"))
    assert "No pairs: no figure." in _text(_cell(nb, "pairs-fig"))


def test_notebook_04_is_committed_clean():
    nb = nbformat.read(NOTEBOOK_04, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.kernelspec.name == "python3"
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.outputs == [] and c.execution_count is None for c in code)
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].id == "intro"
    parameters = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(parameters) == 1 and parameters[0].id == "parameters"
    names = [line.split("=")[0].strip() for line in parameters[0].source.splitlines() if line]
    assert names == ["DATA", "FIGURES", "TOP_N", "WINDOW", "ZONES", "MIN_COUNT", "MEASURE", "EXPORT_GRAPHML"]
    assert "EXPORT_GRAPHML = False" in parameters[0].source and 'MEASURE = "npmi"' in parameters[0].source
    assert not any(INJECTED_TAG in c.metadata.get("tags", []) for c in nb.cells)
    assert nb == clear_outputs(nb)
    assert len({c.id for c in nb.cells}) == len(nb.cells)
    source = "\n".join(c.source for c in code)
    for name in FIGURES_04:
        assert f'"{name}", folder=FIGURES, show=' in source
    assert "/work" not in source and "data/" not in source and "figures/" not in source


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
