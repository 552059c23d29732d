"""Figures of the actor network: graph and strongest pairs (the co-occurrence heatmap is
:func:`analysis.plots.figures.heatmap` with ``square=True``)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import NamedTuple

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.transforms import offset_copy

from analysis.plots.figures import fit_tick_labels
from analysis.plots.palette import (
    BACKGROUND_COLOR,
    DEFAULT_COLOR,
    NEGATIVE_COLOR,
    NETWORK_EDGE_COLOR,
    NO_DATA_COLOR,
    NODE_EDGE_COLOR,
    OTHER_TYPE_COLOR,
    TEXT_COLOR,
    TYPE_COLORS,
    ZERO_LINE_COLOR,
    type_color,
)
from analysis.views.labels import shorten, wrap
from analysis.views.network import COUNT_MEASURES


def _node_sizes(graph: nx.Graph, node_size_by: str | Mapping[str, float] | pd.Series) -> dict[str, float]:
    """Size value of every node that has a positive one."""
    if isinstance(node_size_by, str):
        raw = {node: data.get(node_size_by) for node, data in graph.nodes(data=True)}
    else:
        mapping = dict(node_size_by.items())
        raw = {node: mapping.get(node) for node in graph.nodes}
    sizes = {}
    for node, value in raw.items():
        try:
            number = float(value)
        except (TypeError, ValueError):
            continue
        if not math.isnan(number) and number > 0:
            sizes[str(node)] = number
    return sizes


def network_nodes(
    graph: nx.Graph, *, node_size_by: str | Mapping[str, float] | pd.Series = "n_mentions", top_n: int | None = 15
) -> list[str]:
    """The nodes :func:`draw_network` draws, in rank order.

    Nodes with at least one edge and a positive size are ranked by size (largest first), then by
    name, as in :func:`top_actors`; the first ``top_n`` are kept.

    Example:
        >>> g = nx.Graph([("A", "B"), ("B", "C")])
        >>> network_nodes(g, node_size_by={"A": 1, "B": 5, "C": 1}, top_n=2)
        ['B', 'A']
    """
    sizes = _node_sizes(graph, node_size_by)
    candidates = [str(node) for node in graph.nodes if graph.degree(node) > 0 and str(node) in sizes]
    ranked = sorted(candidates, key=lambda node: (-sizes[node], node))
    return ranked if top_n is None else ranked[:top_n]


def _kamada_kawai(graph: nx.Graph, nodes: list[str]) -> np.ndarray:
    """Kamada-Kawai positions of ``nodes`` (hop distances, started from a circle in their order), centred."""
    sub = nx.Graph()
    sub.add_nodes_from(nodes)
    chosen = set(nodes)
    sub.add_edges_from(
        sorted(
            tuple(sorted((str(a), str(b)))) for a, b in graph.edges if str(a) in chosen and str(b) in chosen and str(a) != str(b)
        )
    )
    hops = {source: dict(lengths) for source, lengths in nx.all_pairs_shortest_path_length(sub)}
    far = max([d for lengths in hops.values() for d in lengths.values()] + [1]) + 1
    dist = {a: {b: hops[a].get(b, far) for b in nodes} for a in nodes}
    pos = nx.kamada_kawai_layout(sub, dist=dist, pos=nx.circular_layout(sub))
    coords = np.array([pos[n] for n in nodes], dtype=float)
    return coords - coords.mean(axis=0)


def network_layout(graph: nx.Graph, nodes: Sequence[str], *, layout: str = "circle") -> dict[str, tuple[float, float]]:
    """Positions of ``nodes`` in [-1, 1]², from their subgraph only; the same input gives the same positions.

    Both layouts start from a Kamada-Kawai embedding on path lengths in hops (started from a circle
    in the order of ``nodes``; actors that cannot reach each other are kept one hop further apart
    than the farthest connected pair):

    * ``circle`` (default): the nodes evenly spaced on a circle, in the order they go round the
      embedding's centre, the first of ``nodes`` at the top; neighbours stay close to each other and
      no two nodes or labels overlap, however dense the network;
    * ``kamada_kawai``: the embedding itself, scaled to [-1, 1]; shows hubs and outliers, but
      crowds the nodes of a dense network.

    Args:
        graph: The network.
        nodes: The nodes to place, first the most important (e.g. from :func:`network_nodes`).
        layout: ``circle`` or ``kamada_kawai``.

    Returns:
        Node -> (x, y), rounded to 6 decimals.

    Raises:
        ValueError: ``layout`` is not one of the two.

    Example:
        >>> g = nx.Graph([("A", "B"), ("B", "C")])
        >>> network_layout(g, ["B", "A", "C"])["B"]
        (0.0, 1.0)
        >>> pos = network_layout(g, ["B", "A", "C"], layout="kamada_kawai")
        >>> max(abs(v) for v in pos["B"]) < 0.01, max(abs(v) for xy in pos.values() for v in xy)
        (True, 1.0)
    """
    if layout not in ("circle", "kamada_kawai"):
        raise ValueError(f"layout must be 'circle' or 'kamada_kawai'; got {layout!r}")
    nodes = [str(n) for n in nodes]
    if not nodes:
        return {}
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    coords = np.round(_kamada_kawai(graph, nodes), 9)
    if layout == "circle":
        angles = np.round(np.arctan2(coords[:, 1], coords[:, 0]), 6)
        order = sorted(range(len(nodes)), key=lambda i: (angles[i], i))
        at = order.index(0)
        order = order[at:] + order[:at]  # the first node at the top, the others counter-clockwise
        step = 2 * np.pi / len(nodes)
        coords = np.zeros_like(coords)
        for k, i in enumerate(order):
            coords[i] = (np.cos(np.pi / 2 + k * step), np.sin(np.pi / 2 + k * step))
    else:
        coords = coords / (float(np.abs(coords).max()) or 1.0)
    coords = np.round(coords, 6) + 0.0  # fixed precision; no negative zeros
    return {node: (float(x), float(y)) for node, (x, y) in zip(nodes, coords)}


def draw_network(
    graph: nx.Graph,
    *,
    ax: Axes | None = None,
    node_size_by: str | Mapping[str, float] | pd.Series = "n_mentions",
    edge_width_by: str = "weight",
    top_n: int | None = 15,
    layout: str = "circle",
    title: str | None = "Actor network",
    size_label: str = "mentions",
    edge_label: str = "shared windows",
) -> Axes:
    """Draw the actor network: node size = mentions, line width = co-occurrence count, colour = actor type.

    The drawn nodes are chosen by :func:`network_nodes` (the ``top_n`` largest nodes that co-occur
    with some actor) and placed by :func:`network_layout` (by default on a circle, neighbours next to
    each other, labels outside); only the edges between them are drawn.
    Node colours come from each node's ``type`` attribute (:func:`type_color`); the legend lists
    the types drawn. Positions depend on the data only, so the same graph gives the same figure.

    Args:
        graph: From :func:`analysis.corpus.cooccurrence.to_networkx` (with the ``actors`` table for types).
        ax: Axes to draw on; default a new square-ish figure.
        node_size_by: Node attribute holding the size (``n_mentions``), or a mapping actor -> size
            (e.g. ``top_actors(...).set_index("actor")["n_mentions"]`` for the chosen zones).
        edge_width_by: Edge attribute holding the width (``weight`` = ``n_windows``).
        top_n: How many nodes to draw (``None``: all).
        layout: ``circle`` (labels never overlap) or ``kamada_kawai`` (see :func:`network_layout`).
        title: Axes title; a second line says how many actors and pairs are drawn.
        size_label: What the node size counts, for the subtitle.
        edge_label: What the line width counts, for the subtitle.

    Returns:
        The axes drawn on.

    Example:
        >>> g = nx.Graph()
        >>> g.add_nodes_from([("Turkey", {"type": "country", "n_mentions": 7}), ("NATO", {"type": "organization", "n_mentions": 3})])
        >>> g.add_edge("NATO", "Turkey", weight=2)
        >>> ax = draw_network(g)
        >>> sorted(t.get_text() for t in ax.texts), len(ax.lines), len(ax.collections)
        (['NATO', 'Turkey'], 1, 1)
        >>> plt.close(ax.figure)
    """
    nodes = network_nodes(graph, node_size_by=node_size_by, top_n=top_n)
    radial = layout == "circle" and len(nodes) > 24  # horizontal labels would pile up at the top and bottom
    if ax is None:
        _, ax = plt.subplots(figsize=(10.0, 9.5) if radial else (9.0, 7.5))
    ax.set_axis_off()
    edges = _network_edges(graph, nodes, edge_width_by)
    if title:
        candidates = network_nodes(graph, node_size_by=node_size_by, top_n=None)
        title = _network_title(title, nodes, candidates, edges, size_label=size_label, edge_label=edge_label)
        ax.set_title(title, fontsize=11)
    if not nodes:
        ax.text(0.5, 0.5, "no data", transform=ax.transAxes, ha="center", va="center", color=NO_DATA_COLOR)
        return ax
    pos = network_layout(graph, nodes, layout=layout)
    _draw_edges(ax, pos, edges)
    areas = _draw_nodes(ax, graph, nodes, pos, _node_sizes(graph, node_size_by))
    reach = _draw_labels(ax, nodes, pos, areas, around=layout == "circle" and len(nodes) > 1, radial=radial)
    if layout == "circle":
        ax.set_xlim(-1.2, 1.2)
        ax.set_ylim(-1.2, 1.2)
    else:
        ax.set_xlim(-1.22, 1.22)
        ax.set_ylim(-1.3, 1.14)
    ax.set_aspect("equal", adjustable="box")
    _title_and_legend(ax, title, _type_handles(graph, nodes), reach)
    return ax


def _network_edges(graph: nx.Graph, nodes: Sequence[str], edge_width_by: str) -> list[tuple[str, str, float]]:
    """The edges between ``nodes`` as sorted (actor, actor, width) triples, names in order within each."""
    chosen = set(nodes)
    return sorted(
        (min(str(a), str(b)), max(str(a), str(b)), float(data.get(edge_width_by, 1) or 0))
        for a, b, data in graph.edges(data=True)
        if str(a) in chosen and str(b) in chosen
    )


def _network_title(
    title: str, nodes: Sequence[str], candidates: Sequence[str], edges: Sequence[object], *, size_label: str, edge_label: str
) -> str:
    """The title with a second line saying how many actors and pairs are drawn and what sizes and widths count."""
    shown = f"top {len(nodes)} of {len(candidates)} actors" if len(candidates) > len(nodes) else f"{len(nodes)} actors"
    return f"{title}\n{shown}, {len(edges)} pairs; node size = {size_label}, line width = {edge_label}"


def _draw_edges(ax: Axes, pos: Mapping[str, tuple[float, float]], edges: Sequence[tuple[str, str, float]]) -> None:
    """One line per edge, wider and darker for larger widths, the strongest drawn last (on top)."""
    top_weight = max([w for _, _, w in edges if w > 0], default=1.0)
    for a, b, weight in sorted(edges, key=lambda e: (e[2], e[0], e[1])):
        (x1, y1), (x2, y2) = pos[a], pos[b]
        share = max(weight, 0.0) / top_weight
        ax.plot(
            [x1, x2],
            [y1, y2],
            color=NETWORK_EDGE_COLOR,
            alpha=0.25 + 0.45 * share,
            linewidth=0.6 + 6.4 * share,
            solid_capstyle="round",
            zorder=1,
        )


def _draw_nodes(
    ax: Axes, graph: nx.Graph, nodes: Sequence[str], pos: Mapping[str, tuple[float, float]], sizes: Mapping[str, float]
) -> list[float]:
    """One disc per node, its area by size and its colour by actor type; returns the areas (points²)."""
    top_size = max(sizes[n] for n in nodes)
    largest = min(1800.0, (0.8 * 2 * math.pi * 180.0 / len(nodes)) ** 2)  # neighbours on the circle never touch
    areas = [largest * (0.07 + 0.93 * sizes[n] / top_size) for n in nodes]
    colors = [type_color(graph.nodes[n].get("type")) for n in nodes]
    xs, ys = [pos[n][0] for n in nodes], [pos[n][1] for n in nodes]
    ax.scatter(xs, ys, s=areas, c=colors, edgecolors=NODE_EDGE_COLOR, linewidths=0.8, zorder=2)
    return areas


class _Label(NamedTuple):
    """A node's label: text, offset from the node, alignment, rotation, and reach above and below it (points)."""

    text: str
    offset: tuple[float, float]
    ha: str
    va: str
    rotation: float
    above: float
    below: float


def _draw_labels(
    ax: Axes, nodes: Sequence[str], pos: Mapping[str, tuple[float, float]], areas: Sequence[float], *, around: bool, radial: bool
) -> list[tuple[float, float, float]]:
    """The name of each node next to it; returns (y, points above, points below) that each label reaches."""
    fontsize = 8.0 if radial else 8.5
    reach = []
    for node, area in zip(nodes, areas):
        x, y = pos[node]
        radius = math.sqrt(area) / 2 + 3  # points from the node's centre to its label
        label = (
            _outside_label(node, x, y, radius, fontsize=fontsize, radial=radial)
            if around
            else _under_label(node, radius, fontsize)
        )
        reach.append((y, label.above, label.below))
        ax.annotate(
            label.text,
            (x, y),
            xytext=label.offset,
            textcoords="offset points",
            ha=label.ha,
            va=label.va,
            rotation=label.rotation,
            rotation_mode="anchor",
            fontsize=fontsize,
            color=TEXT_COLOR,
            linespacing=1.0,
            zorder=3,
            bbox={"boxstyle": "round,pad=0.15", "facecolor": BACKGROUND_COLOR, "edgecolor": "none", "alpha": 0.75},
        )
    return reach


def _under_label(node: str, radius: float, fontsize: float) -> _Label:
    """A label centred under its node, wrapped to three lines (layouts other than the circle)."""
    text = wrap(node, 18, 3)
    return _Label(text, (0.0, -radius), "center", "top", 0.0, radius, radius + 1.2 * fontsize * (text.count("\n") + 1))


def _outside_label(node: str, x: float, y: float, radius: float, *, fontsize: float, radial: bool) -> _Label:
    """A label outside its node on the circle: turned along the radius when ``radial``, else horizontal on two lines."""
    norm = math.hypot(x, y) or 1.0
    dx, dy = x / norm, y / norm
    offset = (dx * radius, dy * radius)
    if radial:
        angle = math.degrees(math.atan2(dy, dx))
        rotation = round(angle if dx >= 0 else angle - 180.0, 4)
        text = shorten(node, 30)
        extent = dy * (radius + 0.6 * fontsize * len(text))
        ha = "left" if dx >= 0 else "right"
        return _Label(text, offset, ha, "center", rotation, max(extent, 0.0) + fontsize, max(-extent, 0.0) + fontsize)
    ha = "center" if abs(dx) < 0.05 else ("left" if dx > 0 else "right")
    va = "center" if abs(dy) < 0.5 else ("bottom" if dy > 0 else "top")
    text = wrap(node, 22, 2)
    height = 1.2 * fontsize * (text.count("\n") + 1)
    above = {"bottom": height, "center": height / 2, "top": 0.0}[va]
    return _Label(text, offset, ha, va, 0.0, max(dy * radius + above, radius), max(-dy * radius + height - above, radius))


def _type_handles(graph: nx.Graph, nodes: Sequence[str]) -> list[Line2D]:
    """Legend markers of the actor types drawn, in the order of :data:`TYPE_COLORS` (``other`` last)."""
    present = []
    for node in nodes:
        kind = graph.nodes[node].get("type")
        label = str(kind) if type_color(kind) != OTHER_TYPE_COLOR else "other"
        if label not in present:
            present.append(label)
    order = [t for t in TYPE_COLORS if t in present] + (["other"] if "other" in present else [])
    return [
        Line2D(
            [],
            [],
            linestyle="none",
            marker="o",
            markersize=9,
            markerfacecolor=TYPE_COLORS.get(t, OTHER_TYPE_COLOR),
            markeredgecolor=NODE_EDGE_COLOR,
            label=t.replace("_", " "),
        )
        for t in order
    ]


def _title_and_legend(ax: Axes, title: str | None, handles: list[Line2D], reach: Sequence[tuple[float, float, float]]) -> None:
    """Title above and legend below the axes, both kept clear of the labels that reach beyond the axes."""
    low, high = ax.get_ylim()
    box, (width, height) = ax.get_position(), ax.figure.get_size_inches()
    per_unit = 72 * min(box.width * width / float(np.ptp(ax.get_xlim())), box.height * height / (high - low))
    over = max([up - (high - y) * per_unit for y, up, _ in reach] + [0.0])
    under = max([down - (y - low) * per_unit for y, _, down in reach] + [0.0])
    if title:
        ax.set_title(title, fontsize=11, pad=6 + over)
    below = offset_copy(ax.transAxes, fig=ax.figure, y=-(14 + under), units="points")
    ax.legend(
        handles=handles,
        title="actor type",
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        bbox_transform=below,
        ncol=min(len(handles), 4),
        borderaxespad=0.0,
        columnspacing=1.2,
        handletextpad=0.3,
    )


def pair_labels(pairs: pd.DataFrame, *, width: int = 28) -> list[str]:
    """``actor_a – actor_b`` labels of the rows of a pair table, each name shortened to ``width``.

    Example:
        >>> pair_labels(pd.DataFrame({"actor_a": ["NATO"], "actor_b": ["Turkey"]}))
        ['NATO – Turkey']
    """
    return [f"{shorten(a, width)} – {shorten(b, width)}" for a, b in zip(pairs["actor_a"], pairs["actor_b"])]


def draw_pairs(
    pairs: pd.DataFrame,
    *,
    measure: str = "npmi",
    ax: Axes | None = None,
    title: str | None = None,
    xlabel: str | None = None,
) -> Axes:
    """Horizontal bars of the strongest pairs by ``measure``, first pair at the top.

    Each bar is labelled with its value and the number of shared windows (``n=``); negative values
    (``pmi``, ``npmi``) point left in a second colour. Pair labels are fitted so that none overlap
    (:func:`analysis.plots.figures.fit_tick_labels`).

    Args:
        pairs: From :func:`strongest_pairs` (``actor_a``, ``actor_b``, ``n_windows`` and ``measure``).
        measure: Column drawn.
        ax: Axes to draw on; default a new figure sized to the number of pairs.
        title: Axes title.
        xlabel: Label of the value axis (default: the measure's name).

    Returns:
        The axes drawn on.

    Example:
        >>> pairs = pd.DataFrame({"actor_a": ["NATO", "Russia"], "actor_b": ["Turkey", "Turkey"],
        ...                       "n_windows": [3, 1], "npmi": [0.4, -0.1]})
        >>> ax = draw_pairs(pairs)
        >>> [t.get_text() for t in ax.get_yticklabels()], [t.get_text() for t in ax.texts]
        (['NATO – Turkey', 'Russia – Turkey'], ['0.40  (n=3)', '-0.10  (n=1)'])
        >>> plt.close(ax.figure)
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(7.4, max(1.6, 0.32 * len(pairs) + 0.9)))
    values = pd.to_numeric(pairs[measure], errors="coerce").astype(float).fillna(0.0).tolist() if len(pairs) else []
    counts = pd.to_numeric(pairs["n_windows"], errors="coerce").fillna(0).astype(int).tolist() if len(pairs) else []
    positions = list(range(len(values)))
    integers = measure in COUNT_MEASURES
    colors = [DEFAULT_COLOR if v >= 0 else NEGATIVE_COLOR for v in values]
    ax.barh(positions, values, color=colors, height=0.7)
    for position, value, count in zip(positions, values, counts):
        text = f"{int(value)}" if integers else f"{value:.2f}  (n={count})"
        ax.annotate(
            text,
            (value, position),
            xytext=(3 if value >= 0 else -3, 0),
            textcoords="offset points",
            ha="left" if value >= 0 else "right",
            va="center",
            fontsize=9,
        )
    ax.set_yticks(positions, labels=pair_labels(pairs) if len(pairs) else [])
    if values:
        ax.set_ylim(len(values) - 0.5, -0.5)
        low, high = min(values + [0.0]), max(values + [0.0])
        span = (high - low) or 1.0
        ax.set_xlim(low - (0.3 * span if low < 0 else 0.0), high + 0.3 * span)
        ticks = [t for t in ax.get_xticks() if low - 1e-9 <= t <= high + 1e-9]
        ax.set_xticks(ticks)
        ax.axvline(0, color=ZERO_LINE_COLOR, linewidth=0.8)
    ax.set_xlabel(xlabel or measure)
    ax.tick_params(axis="y", length=0)
    if title:
        ax.set_title(title)
    if not values:
        ax.text(0.5, 0.5, "no data", transform=ax.transAxes, ha="center", va="center", color=NO_DATA_COLOR)
    fit_tick_labels(ax, axis="y")
    return ax
