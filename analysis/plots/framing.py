"""Figures of framing: the frame heatmap."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import MaxNLocator


def heatmap(
    table: pd.DataFrame,
    *,
    ax: Axes | None = None,
    title: str | None = None,
    xlabel: str = "sentence",
    xticklabels: Sequence[str] | None = None,
    cmap: str = "Blues",
    colorbar: str | None = "score",
) -> Axes:
    """A labelled heatmap of a numeric table (rows top to bottom, columns left to right).

    Args:
        table: Numbers with labels as index and columns (e.g. :func:`frames_along`).
        ax: Axes to draw on; default a new figure sized to the table.
        title: Axes title.
        xlabel: Label of the column axis.
        xticklabels: Labels of the columns (default the column names).
        cmap: Matplotlib colour map.
        colorbar: Label of the colour bar; ``None`` for no colour bar.

    Returns:
        The axes drawn on.

    Example:
        >>> ax = heatmap(pd.DataFrame([[0, 1], [2, 0]], index=["a", "b"]))
        >>> [t.get_text() for t in ax.get_yticklabels()]
        ['a', 'b']
        >>> plt.close(ax.figure)
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(max(5.0, 0.38 * table.shape[1] + 3.2), max(1.8, 0.34 * table.shape[0] + 1.2)))
    values = table.astype(float).to_numpy() if table.size else [[0.0]]
    image = ax.imshow(values, aspect="auto", cmap=cmap, vmin=0.0, interpolation="nearest")
    ax.set_yticks(range(len(table.index)), labels=[str(i) for i in table.index])
    labels = list(xticklabels) if xticklabels is not None else [str(c) for c in table.columns]
    ax.set_xticks(range(len(table.columns)), labels=labels)
    ax.tick_params(axis="both", length=0)
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_xlabel(xlabel)
    if title:
        ax.set_title(title)
    if colorbar:
        bar = ax.figure.colorbar(image, ax=ax, fraction=0.035, pad=0.02)
        bar.set_label(colorbar)
        bar.outline.set_visible(False)
    return ax


def fewer_ticks(*axes: Axes, nbins: int = 6) -> None:
    """At most about ``nbins`` integer ticks on the count axis (x) of each of ``axes``, so that labels
    never run into each other in narrow panels.

    Example:
        >>> fig, ax = plt.subplots()
        >>> _ = ax.barh([0], [260])
        >>> fewer_ticks(ax, nbins=4)
        >>> fig.canvas.draw(); len(ax.get_xticks()) <= 6
        True
        >>> plt.close(fig)
    """
    for ax in axes:
        ax.xaxis.set_major_locator(MaxNLocator(nbins=nbins, integer=True))
