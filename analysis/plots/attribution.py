"""Figures of source attribution: the chain-of-custody graph."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch
from matplotlib.text import Text

from analysis.plots.palette import (
    ARROW_COLOR,
    BACKGROUND_COLOR,
    CHAIN_EDGES,
    CHAIN_FILLS,
    COUNT_EDGE_COLOR,
    NO_DATA_COLOR,
    PLACEHOLDER_EDGE,
    PLACEHOLDER_FILL,
    PLACEHOLDER_TEXT,
    SECONDARY_TEXT_COLOR,
    TEXT_COLOR,
)
from analysis.views.attribution import CHAIN_COLUMNS, MISSING_LINKS, collapse_chains
from analysis.views.labels import ELLIPSIS, shorten, wrap

_HEADERS = {"speaker_actor": "speaker", "via": "via", "agency": "agency (byline)", "outlet": "outlet"}


_BOX_WIDTH, _BOX_HEIGHT = 0.66, 0.72


#: Characters per line of a box label (two lines at most; the count ends the last line).
BOX_LABEL_CHARS = 26


#: Font size of box labels, and the smallest one a label is shrunk to before it is cut shorter.
BOX_FONTSIZE, MIN_BOX_FONTSIZE = 8.5, 6.5


#: Room (points) kept between a box label and the box's edge.
_BOX_PADDING = 2.0


def _node_order(collapsed: pd.DataFrame) -> dict[str, list[str]]:
    """Nodes of each column, top to bottom: speakers by weight, later columns by the mean row of their predecessors."""
    order: dict[str, list[str]] = {}
    previous: dict[str, float] = {}
    for k, column in enumerate(CHAIN_COLUMNS):
        weight = collapsed.groupby(column, sort=True)["n_statements"].sum()
        if k == 0:
            nodes = sorted(weight.index, key=lambda n: (-int(weight[n]), n))
        else:
            parent = CHAIN_COLUMNS[k - 1]
            centre = {}
            for node in weight.index:
                rows = collapsed[collapsed[column] == node]
                total = float(rows["n_statements"].sum())
                centre[node] = sum(previous[p] * float(w) for p, w in zip(rows[parent], rows["n_statements"])) / total
            nodes = sorted(weight.index, key=lambda n: (round(centre[n], 9), -int(weight[n]), n))
        order[column] = list(nodes)
        previous = {node: float(i) for i, node in enumerate(nodes)}
    return order


def custody_graph(
    chains: pd.DataFrame, *, ax: Axes | None = None, top_n: int = 15, title: str | None = "Chain of custody"
) -> Axes:
    """Draw the chain of custody as a layered diagram: speaker -> via -> agency -> outlet.

    Identical chains are merged (:func:`collapse_chains`) and only the ``top_n`` most frequent are
    drawn. Each column holds one box per name (with its number of statements); an arrow joins two
    boxes when statements went from one to the other, drawn thicker for more statements, and labelled
    with their number where no box shows it (when the arrow is neither the only one leaving its
    source nor the only one reaching its target). Positions depend on the data only, so the same
    table gives the same figure.

    Args:
        chains: Output of :func:`chain_of_custody`.
        ax: Axes to draw on; default a new figure sized to the number of boxes.
        top_n: How many of the most frequent chains to draw.
        title: Axes title; a second line says how many chains and statements are drawn.

    Returns:
        The axes drawn on.

    Example:
        >>> chains = pd.DataFrame({"speaker_actor": ["Ann", "Ann", "Ann", "Bob"], "via": [None, None, "CNN", None],
        ...                        "agency": ["AFP"] * 4, "outlet": ["AFP"] * 4})
        >>> ax = custody_graph(chains)
        >>> len(ax.patches), [t.get_text() for t in ax.texts if t.get_text().isdigit()]
        (12, ['2'])
        >>> sorted(t.get_text() for t in ax.texts if t.get_text().startswith(("Ann", "(none")))
        ['(none named)  (3)', 'Ann  (3)']
        >>> plt.close(ax.figure)
    """
    everything = collapse_chains(chains)
    collapsed = collapse_chains(chains, top_n=top_n)
    order = _node_order(collapsed) if len(collapsed) else {c: [] for c in CHAIN_COLUMNS}
    n_rows = max([len(nodes) for nodes in order.values()] + [1])
    if ax is None:
        _, ax = plt.subplots(figsize=(12.0, 0.55 * max(n_rows, 2) + 1.3))
    ax.set_axis_off()
    if title:
        ax.set_title(f"{title}\n{_custody_subtitle(collapsed, everything)}", fontsize=11)
    ax.set_xlim(-0.47, len(CHAIN_COLUMNS) - 1 + 0.47)
    ax.set_ylim(n_rows - 0.35, -1.05)
    if collapsed.empty:
        ax.text(0.5, 0.5, "no data", transform=ax.transAxes, ha="center", va="center", color=NO_DATA_COLOR)
        return ax
    positions = _box_positions(order, n_rows)
    for x, column in enumerate(CHAIN_COLUMNS):
        ax.text(x, -0.75, _HEADERS[column], ha="center", va="center", fontsize=10, fontweight="bold", color=SECONDARY_TEXT_COLOR)
    max_weight = int(collapsed["n_statements"].max())
    for source_column, target_column in zip(CHAIN_COLUMNS, CHAIN_COLUMNS[1:]):
        _draw_arrows(ax, collapsed, positions, source_column, target_column, max_weight=max_weight)
    for column in CHAIN_COLUMNS:
        _draw_boxes(ax, collapsed, order[column], positions, column)
    return ax


def _custody_subtitle(collapsed: pd.DataFrame, everything: pd.DataFrame) -> str:
    """How many distinct chains and statements are drawn, of how many."""
    total = int(everything["n_statements"].sum()) if len(everything) else 0
    shown = int(collapsed["n_statements"].sum()) if len(collapsed) else 0
    if len(everything) > len(collapsed):
        return f"{len(collapsed)} of {len(everything)} distinct chains, {shown} of {total} statements"
    return f"{len(everything)} distinct chains, {total} statements"


def _box_positions(order: dict[str, list[str]], n_rows: int) -> dict[tuple[str, str], tuple[float, float]]:
    """Centre of each box, by (column, name): one column per link, each column's boxes centred vertically."""
    positions: dict[tuple[str, str], tuple[float, float]] = {}
    for x, column in enumerate(CHAIN_COLUMNS):
        nodes = order[column]
        step = min(2.0, n_rows / len(nodes))
        top = (n_rows - 1) / 2 - step * (len(nodes) - 1) / 2
        for i, node in enumerate(nodes):
            positions[(column, node)] = (float(x), top + i * step)
    return positions


def _draw_arrows(
    ax: Axes,
    collapsed: pd.DataFrame,
    positions: dict[tuple[str, str], tuple[float, float]],
    source_column: str,
    target_column: str,
    *,
    max_weight: int,
) -> None:
    """Arrows from the boxes of one column to those of the next, thicker for more statements, some with their count."""
    edges = collapsed.groupby([source_column, target_column], sort=True)["n_statements"].sum()
    out_degree = edges.groupby(level=0).size()
    in_degree = edges.groupby(level=1).size()
    for (source, target), weight in edges.items():
        x1, y1 = positions[(source_column, source)]
        x2, y2 = positions[(target_column, target)]
        start, end = (x1 + _BOX_WIDTH / 2, y1), (x2 - _BOX_WIDTH / 2, y2)
        tail = (0.9 + 3.1 * int(weight) / max_weight) / 10
        arrow = FancyArrowPatch(
            start,
            end,
            arrowstyle=f"simple,head_length=0.8,head_width={max(0.6, 2.2 * tail):.3f},tail_width={tail:.3f}",
            mutation_scale=10,
            linewidth=0,
            facecolor=ARROW_COLOR,
            shrinkA=0,
            shrinkB=0,
            zorder=1,
        )
        ax.add_patch(arrow)
        if out_degree[source] > 1 and in_degree[target] > 1:  # else one of its boxes shows the count
            _draw_count(ax, ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2), int(weight))


def _draw_count(ax: Axes, at: tuple[float, float], count: int) -> None:
    """The number of statements of an arrow, in a bubble at its middle."""
    ax.text(
        at[0],
        at[1],
        str(count),
        ha="center",
        va="center",
        fontsize=8,
        color=SECONDARY_TEXT_COLOR,
        zorder=3,
        bbox={"boxstyle": "circle,pad=0.2", "facecolor": BACKGROUND_COLOR, "edgecolor": COUNT_EDGE_COLOR, "linewidth": 0.6},
    )


def _draw_boxes(
    ax: Axes, collapsed: pd.DataFrame, nodes: list[str], positions: dict[tuple[str, str], tuple[float, float]], column: str
) -> None:
    """One box per name of a column, labelled with its number of statements; missing links dashed and grey."""
    weight = collapsed.groupby(column, sort=True)["n_statements"].sum()
    for node in nodes:
        cx, cy = positions[(column, node)]
        placeholder = node == MISSING_LINKS[column]
        ax.add_patch(
            FancyBboxPatch(
                (cx - _BOX_WIDTH / 2, cy - _BOX_HEIGHT / 2),
                _BOX_WIDTH,
                _BOX_HEIGHT,
                boxstyle="round,pad=0,rounding_size=0.06",
                facecolor=PLACEHOLDER_FILL if placeholder else CHAIN_FILLS[column],
                edgecolor=PLACEHOLDER_EDGE if placeholder else CHAIN_EDGES[column],
                linewidth=0.9,
                linestyle="--" if placeholder else "-",
                mutation_aspect=1 / 4,
                zorder=2,
            )
        )
        text = ax.text(
            cx,
            cy,
            box_label(node, int(weight[node])),
            ha="center",
            va="center",
            fontsize=BOX_FONTSIZE,
            style="italic" if placeholder else "normal",
            color=PLACEHOLDER_TEXT if placeholder else TEXT_COLOR,
            zorder=3,
            linespacing=1.1,
        )
        _fit_in_box(ax, text, node, int(weight[node]), (cx, cy))


def box_label(name: str, count: int, *, width: int = BOX_LABEL_CHARS) -> str:
    """The label of a box: ``name`` on at most two lines of ``width`` characters, ended by its count.

    The count is never cut off: it follows the name on its last line, or takes a line of its own,
    and a name too long for two lines is shortened (with an ellipsis) to leave it room.

    Example:
        >>> box_label("Ann", 3)
        'Ann  (3)'
        >>> print(box_label("Office of the President of the Republic of Turkey", 12))
        Office of the President of
        the Republic of Tur…  (12)
        >>> print(box_label("Hollywood film star Liam", 7, width=24))
        Hollywood film star Liam
        (7)
    """
    suffix = f"({count})"
    lines = wrap(name, width, 2, collapse_whitespace=False).split("\n")
    if len(lines[-1]) + 2 + len(suffix) <= width:
        return "\n".join([*lines[:-1], f"{lines[-1]}  {suffix}"])
    if len(lines) == 1:
        return f"{lines[0]}\n{suffix}"
    return f"{lines[0]}\n{shorten(lines[1], width - 2 - len(suffix))}  {suffix}"


def _fit_in_box(ax: Axes, text: Text, node: str, count: int, centre: tuple[float, float]) -> None:
    """Fit ``text`` in the box centred at ``centre``: wrapped narrower while the name stays whole, else
    smaller (down to :data:`MIN_BOX_FONTSIZE`), else cut shorter."""
    (x0, y0), (x1, y1) = ax.transData.transform(
        [(centre[0] - _BOX_WIDTH / 2, centre[1] - _BOX_HEIGHT / 2), (centre[0] + _BOX_WIDTH / 2, centre[1] + _BOX_HEIGHT / 2)]
    )
    pad = _BOX_PADDING * ax.figure.dpi / 72
    room_w, room_h = abs(x1 - x0) - 2 * pad, abs(y1 - y0) - 2 * pad
    renderer = ax.figure.canvas.get_renderer()

    def fits() -> bool:
        extent = text.get_window_extent(renderer)
        return extent.width <= room_w and extent.height <= room_h

    if fits():
        return
    whole = ELLIPSIS not in box_label(node, count)
    for width in range(BOX_LABEL_CHARS - 1, 9, -1) if whole else ():
        label = box_label(node, count, width=width)
        if ELLIPSIS in label:
            break
        text.set_text(label)
        if fits():
            return
    text.set_text(box_label(node, count))
    width = BOX_LABEL_CHARS
    while not fits():
        if text.get_fontsize() > MIN_BOX_FONTSIZE:
            text.set_fontsize(max(MIN_BOX_FONTSIZE, text.get_fontsize() - 0.5))
        elif width > 4:
            width -= 1
            text.set_text(box_label(node, count, width=width))
        else:
            break
