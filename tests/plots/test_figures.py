"""Figure helpers: save_figure byte for byte, the style, bar counts, the zone strip, the heatmap."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis import config  # noqa: E402
from analysis.plots import figures, palette  # noqa: E402
from analysis.views import network as network_views  # noqa: E402
from tests.helpers.layout import LONG_NAMES, assert_tick_labels_apart, overlapping_labels  # noqa: E402
from tests.helpers.notebook_checks import PNG_SIGNATURE  # noqa: E402
from tests.helpers.seed import SEED_TOP_BODY  # noqa: E402

# --- save_figure and the style ----------------------------------------------------------------


def _example_figure():
    figures.set_style()
    return figures.bar_counts(
        pd.Series({"body": 10, "caption": 2, "headline": 1}), title="Sentences", colors=palette.zone_colors()
    ).figure


def test_save_figure_is_byte_identical(tmp_path):
    first = figures.save_figure(_example_figure(), "example", folder=tmp_path / "a")
    second = figures.save_figure(_example_figure(), "example", folder=tmp_path / "b")
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes().startswith(PNG_SIGNATURE)


def test_save_figure_writes_no_version_or_time(tmp_path):
    path = figures.save_figure(_example_figure(), "example", folder=tmp_path)
    data = path.read_bytes()
    assert b"Software" not in data and b"matplotlib" not in data.lower()
    assert b"tIME" not in data


def test_save_figure_closes_and_creates_folder(tmp_path):
    fig = _example_figure()
    target = tmp_path / "new" / "folder"
    path = figures.save_figure(fig, "example.png", folder=target)
    assert path == target / "example.png"
    assert not plt.fignum_exists(fig.number)
    assert [p.name for p in target.iterdir()] == ["example.png"]


def test_save_figure_default_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "FIGURES_DIR", tmp_path)
    assert figures.save_figure(_example_figure(), "example") == tmp_path / "example.png"


@pytest.mark.parametrize("name", ["", "sub/name", "..\\name"])
def test_save_figure_rejects_folder_names(tmp_path, name):
    fig = _example_figure()
    with pytest.raises(ValueError):
        figures.save_figure(fig, name, folder=tmp_path)
    plt.close(fig)


def test_save_or_placeholder_draws_or_writes_no_data(tmp_path, capsys):
    def boom():
        raise AssertionError("draw must not be called for an empty table")

    open_before = set(plt.get_fignums())
    path = figures.save_or_placeholder(boom, "empty", empty=True, placeholder="Nothing", note="No rows.", folder=tmp_path)
    assert capsys.readouterr().out == "No rows.\n"
    expected = figures.save_figure(figures.empty_figure("Nothing"), "expected", folder=tmp_path)
    assert path.read_bytes() == expected.read_bytes()
    for make in (lambda: _example_figure(), lambda: _example_figure().axes[0]):  # a figure or its axes
        drawn = figures.save_or_placeholder(make, "drawn", empty=False, placeholder="unused", note="unused", folder=tmp_path)
        assert drawn.read_bytes() == figures.save_figure(_example_figure(), "expected", folder=tmp_path).read_bytes()
    assert capsys.readouterr().out == ""
    assert set(plt.get_fignums()) == open_before  # every figure written is closed


def test_save_or_placeholder_says_why_there_is_no_figure(tmp_path):
    path = figures.save_or_placeholder(
        plt.figure, "why", empty=True, placeholder="Strongest pairs", message="no pair shares 3 sentences", folder=tmp_path
    )
    expected = figures.save_figure(
        figures.empty_figure("Strongest pairs", message="no pair shares 3 sentences"), "e", folder=tmp_path
    )
    assert path.read_bytes() == expected.read_bytes()
    assert path.read_bytes() != figures.save_figure(figures.empty_figure("Strongest pairs"), "e", folder=tmp_path).read_bytes()


def test_set_style_ignores_earlier_rc_changes():
    plt.rcParams["font.size"] = 30
    figures.set_style()
    assert plt.rcParams["font.size"] == 10
    assert plt.rcParams["font.family"] == ["DejaVu Sans"]


@pytest.mark.parametrize(
    ("values", "kwargs", "expected"),
    [
        (["b", "a", "b", "c"], {}, {"b": 2, "a": 1, "c": 1}),
        (["b", "a", "b", "c"], {"n": 1}, {"b": 2}),
        (["body", "x", "body"], {"order": ["headline", "body"]}, {"headline": 0, "body": 2, "x": 1}),
        ([], {}, {}),
    ],
)
def test_count_values(values, kwargs, expected):
    assert figures.count_values(pd.Series(values, dtype="string"), **kwargs).to_dict() == expected


def test_zone_strip_of_seed_article():
    from analysis import load_package

    tables = load_package()
    article = tables["articles"].iloc[0]
    parts = tables["zones"][tables["zones"]["article_id"] == article["article_id"]]
    ax = figures.zone_strip(parts, len(article["text"]))
    assert len(ax.patches) == 1 + len(parts)  # background + one box per part
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels[:5] == ["headline", "dek", "byline", "caption", "body"]
    plt.close(ax.figure)


# --- the heatmap of a co-occurrence matrix ----------------------------------------------------


@pytest.fixture(scope="module")
def sentence(seed) -> pd.DataFrame:
    return network_views.network_table(seed["mentions"])


def _labels(ax) -> list[str]:
    return [t.get_text().replace("\n", " ") for t in ax.texts]


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


# --- labels never overlap ---------------------------------------------------------------------


def _wide(columns: list[str], rows: list[str]) -> pd.DataFrame:
    return pd.DataFrame([[float(i + j) for j in range(len(columns))] for i in range(len(rows))], index=rows, columns=columns)


@pytest.mark.parametrize(
    "draw",
    [
        lambda: figures.bar_counts(pd.Series(range(30, 0, -1), index=LONG_NAMES)),
        lambda: figures.stacked_bars(pd.DataFrame({"a": range(30), "b": range(30)}, index=LONG_NAMES)),
        lambda: figures.heatmap(_wide(LONG_NAMES, LONG_NAMES[:5])),
        lambda: figures.heatmap(_wide(LONG_NAMES[:12], LONG_NAMES[:12]), square=True, annotate=True),
        lambda: figures.heatmap(_wide(LONG_NAMES, LONG_NAMES), square=True, label_width=28),
        lambda: figures.heatmap(_wide([str(i) for i in range(95)], LONG_NAMES[:5])),
        lambda: figures.bar_counts(pd.Series(range(30, 0, -1), index=LONG_NAMES), ax=plt.subplots(figsize=(6, 3))[1]),
        lambda: figures.heatmap(_wide(LONG_NAMES, LONG_NAMES[:3]), ax=plt.subplots(figsize=(6, 3))[1]),
        lambda: figures.stacked_bars(
            pd.DataFrame({"quoted": [6211, 30], "paraphrased": [6454, 30]}, index=["other", "China"]),
            ax=plt.subplots(figsize=(4.5, 1.6))[1],
        ),
    ],
    ids=[
        "bars",
        "stacked",
        "heatmap",
        "square",
        "square-30",
        "95-columns",
        "bars-small-axes",
        "heatmap-small-axes",
        "large-counts-narrow-axes",
    ],
)
def test_tick_labels_never_overlap(draw):
    figures.set_style()
    ax = draw()
    assert_tick_labels_apart(ax)
    plt.close(ax.figure)


def test_save_figure_fits_labels_once_the_layout_is_final(tmp_path, monkeypatch):
    figures.set_style()
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(7.0, 4.0))
    figures.stacked_bars(pd.DataFrame({"quoted": [6211, 30], "paraphrased": [6454, 30]}, index=["other", "China"]), ax=top)
    figures.stacked_bars(
        pd.DataFrame({"quoted": [20], "paraphrased": [60]}, index=["Hollywood film star Liam Neeson"]), ax=bottom
    )
    fig.tight_layout()  # narrows the panels after the bars were drawn
    found = []

    def check(*args, **kwargs):  # what savefig would draw
        fig.canvas.draw()
        found.append(overlapping_labels(top.xaxis) + overlapping_labels(bottom.xaxis))

    monkeypatch.setattr(fig, "savefig", check)
    figures.save_figure(fig, "words", folder=tmp_path)
    assert found == [[]]
