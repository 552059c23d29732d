"""Layout checks of drawn figures: tick labels that run into each other, text outside its box."""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.text import Text
from matplotlib.transforms import Bbox

#: Names long enough to be cut or wrapped, many enough to crowd an axis.
LONG_NAMES = [f"Ministry of Foreign Affairs of the Republic number {i:02d}" for i in range(30)]


def overlapping_labels(labels: list[Text]) -> list[tuple[str, str]]:
    """Pairs of non-empty labels whose drawn bounding boxes overlap (the figure must be drawn first)."""
    shown = [(label.get_text(), label.get_window_extent()) for label in labels if label.get_visible() and label.get_text()]
    return [(a, c) for i, (a, b) in enumerate(shown) for c, d in shown[i + 1 :] if b.overlaps(d)]


def assert_tick_labels_apart(ax: Axes) -> None:
    """No two tick labels of either axis of ``ax`` overlap once the figure is drawn."""
    ax.figure.canvas.draw()
    assert overlapping_labels(ax.get_xticklabels()) == []
    assert overlapping_labels(ax.get_yticklabels()) == []


def inside(inner: Bbox, outer: Bbox) -> bool:
    """Whether ``inner`` lies within ``outer``."""
    return outer.x0 <= inner.x0 and inner.x1 <= outer.x1 and outer.y0 <= inner.y0 and inner.y1 <= outer.y1
