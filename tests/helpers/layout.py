"""Layout checks of drawn figures: tick labels that run into each other, text outside its box."""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.transforms import Bbox

#: Names long enough to be cut or wrapped, many enough to crowd an axis.
LONG_NAMES = [f"Ministry of Foreign Affairs of the Republic number {i:02d}" for i in range(30)]


def overlapping_labels(axis: Axis) -> list[tuple[str, str]]:
    """Pairs of drawn tick labels of ``axis`` whose bounding boxes overlap (the figure must be drawn first).

    Labels drawn are the visible ones with text at a tick inside the view limits.
    """
    low, high = sorted(axis.get_view_interval())
    locs = axis.get_majorticklocs()
    labels = [t.label1 for t, loc in zip(axis.get_major_ticks(len(locs)), locs) if low - 1e-9 <= loc <= high + 1e-9]
    shown = [(label.get_text(), label.get_window_extent()) for label in labels if label.get_visible() and label.get_text()]
    return [(a, c) for i, (a, b) in enumerate(shown) for c, d in shown[i + 1 :] if b.overlaps(d)]


def assert_tick_labels_apart(ax: Axes) -> None:
    """No two tick labels of either axis of ``ax`` overlap once the figure is drawn."""
    ax.figure.canvas.draw()
    assert overlapping_labels(ax.xaxis) == []
    assert overlapping_labels(ax.yaxis) == []


def inside(inner: Bbox, outer: Bbox) -> bool:
    """Whether ``inner`` lies within ``outer``."""
    return outer.x0 <= inner.x0 and inner.x1 <= outer.x1 and outer.y0 <= inner.y0 and inner.y1 <= outer.y1
