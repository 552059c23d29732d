"""The chain-of-custody diagram of the seed package and of made-up chains."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.patches import FancyBboxPatch  # noqa: E402

from analysis.io.schema import empty_frame  # noqa: E402
from analysis.plots import attribution as attribution_plots  # noqa: E402
from analysis.plots import figures  # noqa: E402
from analysis.views import attribution as attribution_views  # noqa: E402
from tests.helpers.layout import inside  # noqa: E402
from tests.helpers.seed import ERDOGAN, WHEELBARGER  # noqa: E402


@pytest.fixture(scope="module")
def chains(seed) -> pd.DataFrame:
    return attribution_views.chain_of_custody(seed["quotes"], seed["sources"], seed["articles"])


def _title(ax) -> str:
    return " ".join(ax.get_title(loc=loc) for loc in ("left", "center", "right"))


def _box_labels(ax) -> list[str]:
    return [t.get_text() for t in ax.texts if "(" in t.get_text()]


def test_seed_custody_graph(chains):
    ax = attribution_plots.custody_graph(chains)
    labels = _box_labels(ax)
    assert f"{WHEELBARGER}\n(3)" in labels and f"{ERDOGAN}\n(3)" in labels  # too wide for one line of the box
    assert "(none named)  (7)" in labels and "Anadolu  (1)" in labels
    assert labels.count("AFP  (8)") == 2  # agency and outlet columns
    assert [t.get_text() for t in ax.texts if t.get_text().isdigit()] == ["2"]  # Erdogan -> (none named)
    assert "5 distinct chains, 8 statements" in _title(ax)
    plt.close(ax.figure)


def test_custody_graph_draws_only_top_n_chains():
    n = 40
    chains = pd.DataFrame({"speaker_actor": [f"Speaker {i:02d}" for i in range(n) for _ in range(i + 1)]})
    chains = chains.assign(via=pd.NA, agency="AFP", outlet=pd.NA)
    ax = attribution_plots.custody_graph(chains, top_n=5)
    speakers = [t for t in _box_labels(ax) if t.startswith("Speaker")]
    assert speakers == [f"Speaker {i}  ({i + 1})" for i in (39, 38, 37, 36, 35)]
    assert "5 of 40 distinct chains" in _title(ax)
    plt.close(ax.figure)


def test_custody_graph_of_no_chains():
    ax = attribution_plots.custody_graph(
        attribution_views.chain_of_custody(empty_frame("quotes"), empty_frame("sources"), empty_frame("articles"))
    )
    assert [t.get_text() for t in ax.texts] == ["no data"]
    plt.close(ax.figure)


def test_custody_graph_is_byte_identical(chains, tmp_path):
    paths = []
    for run in ("a", "b"):
        figures.set_style()
        paths.append(figures.save_figure(attribution_plots.custody_graph(chains).figure, "graph", folder=tmp_path / run))
    assert paths[0].read_bytes() == paths[1].read_bytes()


def test_custody_box_labels_stay_inside_their_boxes():
    names = [
        "Hollywood film star Liam Neeson",
        "Nicholas Negroponte",
        "W" * 40,
        "Office of the President of the Republic of Turkey",
    ]
    chains = pd.DataFrame(
        {
            "speaker_actor": names * 3,
            "via": [None, "Agence France-Presse international wire"] * 6,
            "agency": ["Agence France-Presse international"] * 12,
            "outlet": ["M" * 36] * 12,
        }
    )
    figures.set_style()
    ax = attribution_plots.custody_graph(chains)
    ax.figure.canvas.draw()
    boxes = [p.get_window_extent() for p in ax.patches if isinstance(p, FancyBboxPatch)]
    labelled = 0
    for text in ax.texts:
        extent = text.get_window_extent()
        centre = ((extent.x0 + extent.x1) / 2, (extent.y0 + extent.y1) / 2)
        around = [box for box in boxes if box.contains(*centre)]
        if around:
            labelled += 1
            assert inside(extent, around[0]), text.get_text()
            assert text.get_text().endswith(")")  # the count is never cut off
    assert labelled == len(boxes) == 4 + 2 + 1 + 1
    plt.close(ax.figure)
