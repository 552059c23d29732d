"""How far to trust a quote's ``confidence``: the precision-recall curve over thresholds and the
reliability of the confidence itself (expected calibration error), against gold attributions.

    >>> import pandas as pd
    >>> pred = pd.DataFrame({"article_id": ["a", "a"], "quote_id": [0, 1], "start_char": [0, 20],
    ...                      "end_char": [10, 30], "confidence": [0.9, 0.2]})
    >>> gold = pd.DataFrame({"article_id": ["a"], "gold_id": ["E1"], "segments": [[(0, 10)]]})
    >>> precision_recall(pred, gold, thresholds=(0.1, 0.5))[["threshold", "precision", "recall"]].values.tolist()
    [[0.1, 0.5, 1.0], [0.5, 1.0, 1.0]]
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.evaluate.matching import match_quotes, score_quotes

#: equal-width confidence bins of the expected calibration error and the reliability curve
CALIBRATION_BINS = 10

#: thresholds of the precision-recall curve
CURVE_THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.05, 0.951, 0.05))


def precision_recall(
    pred: pd.DataFrame, gold: pd.DataFrame, *, thresholds: Sequence[float] = CURVE_THRESHOLDS, overlap: float = 0.3
) -> pd.DataFrame:
    """Precision, recall and F1 of the quotes at or above each confidence threshold (one row each).

    Example:
        >>> pred = pd.DataFrame({"article_id": ["a"], "quote_id": [0], "start_char": [0], "end_char": [10], "confidence": [0.6]})
        >>> gold = pd.DataFrame({"article_id": ["a"], "gold_id": ["E1"], "segments": [[(0, 10)]]})
        >>> precision_recall(pred, gold, thresholds=(0.5, 0.7))["recall"].tolist()
        [1.0, 0.0]
    """
    rows = []
    for threshold in thresholds:
        kept = pred[pred["confidence"].astype("float64") >= threshold].reset_index(drop=True)
        rows.append({"threshold": float(threshold), **score_quotes(kept, gold, overlap=overlap)})
    return pd.DataFrame(rows)


def calibration_error(confidence: np.ndarray, correct: np.ndarray, *, bins: int = CALIBRATION_BINS) -> tuple[float, pd.DataFrame]:
    """Expected calibration error (bin-size weighted |accuracy - confidence|) and the reliability table.

    Example:
        >>> ece, table = calibration_error(np.array([0.9, 0.9, 0.1, 0.1]), np.array([1, 1, 0, 0]))
        >>> round(ece, 3), table["n"].tolist()
        (0.1, [2, 2])
    """
    confidence = np.asarray(confidence, dtype=np.float64)
    correct = np.asarray(correct, dtype=np.float64)
    which = np.minimum((confidence * bins).astype(int), bins - 1)
    rows = []
    for b in range(bins):
        inside = which == b
        if inside.any():
            rows.append(
                {
                    "bin": f"{b / bins:.1f}-{(b + 1) / bins:.1f}",
                    "n": int(inside.sum()),
                    "confidence": float(confidence[inside].mean()),
                    "accuracy": float(correct[inside].mean()),
                }
            )
    table = pd.DataFrame(rows, columns=["bin", "n", "confidence", "accuracy"])
    ece = float((table["n"] * (table["accuracy"] - table["confidence"]).abs()).sum() / max(len(confidence), 1))
    return ece, table


def reliability(pred: pd.DataFrame, gold: pd.DataFrame, *, overlap: float = 0.3) -> tuple[float, pd.DataFrame]:
    """Expected calibration error and reliability table of the quotes' confidence, a quote being
    right when it is matched one-to-one to a gold attribution at ``overlap``.

    Example:
        >>> pred = pd.DataFrame({"article_id": ["a", "a"], "quote_id": [0, 1], "start_char": [0, 20],
        ...                      "end_char": [10, 30], "confidence": [0.95, 0.05]})
        >>> gold = pd.DataFrame({"article_id": ["a"], "gold_id": ["E1"], "segments": [[(0, 10)]]})
        >>> round(reliability(pred, gold)[0], 3)
        0.05
    """
    pred = pred.reset_index(drop=True)
    matched = np.zeros(len(pred), dtype=np.int64)
    matched[match_quotes(pred, gold, overlap=overlap)["pred_row"].to_numpy()] = 1
    return calibration_error(pred["confidence"].astype("float64").to_numpy(), matched)
