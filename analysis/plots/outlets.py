"""Figures of notebook 05: which outlets carry which origin's copy, and the timeline of each story group.

>>> import pandas as pd
>>> edges = pd.DataFrame({"origin": ["AFP", "AFP"], "outlet": ["Yahoo", "France 24"], "n_articles": [2, 1]})
>>> fig = republication_graph(edges, title="Who carries whose copy")
>>> [t.get_text() for t in fig.axes[0].texts][:3]
['AFP (3)', 'France 24 (1)', 'Yahoo (2)']
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from analysis.plots.palette import CYCLE_COLORS, LIGHT_TEXT_COLOR, TEXT_COLOR
from analysis.views.labels import shorten

__all__ = ["republication_graph", "story_timeline_figure"]

LABEL_CHARS = 34
"""Characters of an outlet or origin name drawn beside its node (longer names are shortened)."""


def republication_graph(edges: pd.DataFrame, *, title: str, subtitle: str | None = None) -> Figure:
    """Origins (agencies, or the outlet whose text was copied) on the left, outlets on the right, one
    line per (origin, outlet) pair, as wide as the articles it stands for; names sorted, counts in brackets.

    Example:
        >>> edges = pd.DataFrame({"origin": ["Reuters"], "outlet": ["WHTC"], "n_articles": [1]})
        >>> len(republication_graph(edges, title="Copies").axes[0].lines)
        1
    """
    origins = edges.groupby("origin")["n_articles"].sum().sort_index()
    outlets = edges.groupby("outlet")["n_articles"].sum().sort_index()
    rows = max(len(origins), len(outlets), 1)
    fig, ax = plt.subplots(figsize=(7.2, 0.9 + 0.38 * rows))
    y_origin = {
        name: rows - 1 - i * (rows - 1) / max(len(origins) - 1, 1) if len(origins) > 1 else (rows - 1) / 2
        for i, name in enumerate(origins.index)
    }
    y_outlet = {name: rows - 1 - i for i, name in enumerate(outlets.index)}
    widest = float(edges["n_articles"].max()) if len(edges) else 1.0
    for row in edges.sort_values(["origin", "outlet"]).itertuples(index=False):
        color = CYCLE_COLORS[list(origins.index).index(row.origin) % len(CYCLE_COLORS)]
        ax.plot(
            [0, 1],
            [y_origin[row.origin], y_outlet[row.outlet]],
            color=color,
            alpha=0.7,
            linewidth=1 + 5 * float(row.n_articles) / widest,
        )
    for name, y in y_origin.items():
        ax.text(-0.03, y, f"{shorten(name, LABEL_CHARS)} ({int(origins[name])})", ha="right", va="center", color=TEXT_COLOR)
    for name, y in y_outlet.items():
        ax.text(1.03, y, f"{shorten(name, LABEL_CHARS)} ({int(outlets[name])})", ha="left", va="center", color=TEXT_COLOR)
    ax.scatter([0] * len(y_origin), list(y_origin.values()), s=30, color=TEXT_COLOR, zorder=3)
    ax.scatter([1] * len(y_outlet), list(y_outlet.values()), s=30, color=TEXT_COLOR, zorder=3)
    ax.set_xlim(-0.9, 1.9)
    ax.set_ylim(-0.7, rows - 0.3)
    ax.axis("off")
    ax.set_title(title, loc="left")
    if subtitle:
        ax.text(0, -0.04, subtitle, transform=ax.transAxes, color=LIGHT_TEXT_COLOR, fontsize="small")
    return fig


def story_timeline_figure(timeline: pd.DataFrame, *, title: str, subtitle: str | None = None) -> Figure:
    """One line per story group (its origin guess and first date in the label), one point per
    member at its day after the group's first date: the origin filled and on top, copies open;
    members without a date are left out of the line and counted in the label.

    Example:
        >>> timeline = pd.DataFrame({"story_id": ["a", "a"], "story_origin": ["AFP", "AFP"], "article_id": ["a", "b"],
        ...     "outlet": ["X", "Y"], "date": ["2019-07-12", None], "copy_share": [0.0, 0.9], "is_origin": [True, False]})
        >>> [t.get_text() for t in story_timeline_figure(timeline, title="Stories").axes[0].get_yticklabels()]
        ['AFP: 2 articles, from 2019-07-12 (1 undated)']
    """
    stories = list(dict.fromkeys(timeline["story_id"]))
    fig, ax = plt.subplots(figsize=(7.2, 1.0 + 0.45 * max(len(stories), 1)))
    dates = pd.to_datetime(timeline["date"], errors="coerce")
    labels = []
    for i, story in enumerate(stories):
        members = timeline[timeline["story_id"] == story]
        when = dates[members.index]
        y = len(stories) - 1 - i
        dated = when.notna().to_numpy()
        first = when[dated].min() if dated.any() else None
        days = (when[dated] - first).dt.days.to_numpy() if dated.any() else []
        origin = members["is_origin"].astype(bool).to_numpy()[dated]
        color = CYCLE_COLORS[i % len(CYCLE_COLORS)]
        if dated.any():
            ax.plot([min(days), max(days)], [y, y], color=color, linewidth=1)
            ax.scatter(days[~origin], [y] * int((~origin).sum()), facecolors="white", edgecolors=color, s=50, zorder=3)
            ax.scatter(days[origin], [y] * int(origin.sum()), color=color, s=50, zorder=4)
        undated = int((~dated).sum())
        origin_name = members["story_origin"].dropna()
        name = str(origin_name.iloc[0]) if len(origin_name) else str(story)
        start = f", from {first.date().isoformat()}" if first is not None else ""
        labels.append(
            f"{shorten(name, LABEL_CHARS)}: {len(members)} articles{start}" + (f" ({undated} undated)" if undated else "")
        )
    ax.set_yticks(range(len(stories) - 1, -1, -1), labels)
    ax.set_ylim(-0.7, max(len(stories), 1) - 0.3)
    ax.set_xlim(left=-0.5)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title(title, loc="left")
    ax.set_xlabel("days after the group's first article (filled: origin guess)")
    if subtitle:
        fig.text(0.01, 0.005, subtitle, color=LIGHT_TEXT_COLOR, fontsize="small")
    return fig
