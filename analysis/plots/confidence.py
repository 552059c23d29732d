"""Figure of how far to trust the quotes: precision and recall over the confidence threshold, and the
reliability diagram of the confidence (both from the quote model's held-out PolNeAR dev figures)."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from analysis.plots.palette import SECONDARY_TEXT_COLOR, TEXT_COLOR


def quote_confidence_figure(curve: pd.DataFrame, reliability: pd.DataFrame, *, threshold: float) -> Figure:
    """Two panels: precision, recall and F1 against the threshold (the default marked), and
    accuracy against confidence per bin beside the diagonal of perfect calibration.

    Example:
        >>> from analysis.views.attribution import quote_confidence
        >>> curve, table, threshold = quote_confidence()
        >>> len(quote_confidence_figure(curve, table, threshold=threshold).axes)
        2
    """
    fig = Figure(figsize=(9.0, 3.6))
    left, right = fig.subplots(1, 2)
    for column, style in (("precision", "-"), ("recall", "--"), ("f1", ":")):
        left.plot(curve["threshold"], curve[column], style, label=column, color=TEXT_COLOR if column == "f1" else None)
    left.axvline(threshold, color=SECONDARY_TEXT_COLOR, linewidth=0.8)
    left.annotate(f"default {threshold:g}", (threshold, 0.05), xytext=(4, 0), textcoords="offset points", fontsize=8)
    left.set(xlabel="confidence threshold", ylabel="score", ylim=(0, 1), xlim=(0, 1), title="Quotes at or above a threshold")
    left.legend(frameon=False, fontsize=8)
    right.plot([0, 1], [0, 1], color=SECONDARY_TEXT_COLOR, linewidth=0.8, label="perfect calibration")
    right.plot(reliability["confidence"], reliability["accuracy"], "o-", label="quote model")
    right.set(xlabel="confidence", ylabel="share matched to gold", xlim=(0, 1), ylim=(0, 1), title="Reliability")
    right.legend(frameon=False, fontsize=8)
    fig.suptitle("Quote confidence on PolNeAR dev (held out)", fontsize=10)
    fig.tight_layout()
    return fig
