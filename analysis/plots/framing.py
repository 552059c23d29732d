"""Figures of framing: fewer ticks in narrow panels (the heatmap is :func:`analysis.plots.figures.heatmap`)."""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.ticker import MaxNLocator


def fewer_ticks(*axes: Axes, nbins: int = 6) -> None:
    """At most about ``nbins`` integer ticks on the count axis (x) of each of ``axes``, so that labels
    never run into each other in narrow panels.

    Example:
        >>> import matplotlib.pyplot as plt
        >>> fig, ax = plt.subplots()
        >>> _ = ax.barh([0], [260])
        >>> fewer_ticks(ax, nbins=4)
        >>> fig.canvas.draw(); len(ax.get_xticks()) <= 6
        True
        >>> plt.close(fig)
    """
    for ax in axes:
        ax.xaxis.set_major_locator(MaxNLocator(nbins=nbins, integer=True))
