"""Matching predicted quotes to gold and scoring them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from analysis.io.gold import as_quotes
from analysis.io.schema import is_missing
from analysis.text.spans import Segment

SCORE_COLUMNS = [
    "n_gold",
    "n_pred",
    "n_matched",
    "precision",
    "recall",
    "f1",
    "speaker_acc",
    "cue_acc",
]


MATCH_COLUMNS = [
    "article_id",
    "quote_id",
    "gold_id",
    "pred_row",
    "gold_row",
    "overlap",
    "speaker_correct",
    "cue_correct",
]


def _segment(start: Any, end: Any) -> Segment | None:
    """A (start, end) tuple, or None when either bound is missing."""
    if is_missing(start, blank=True) or is_missing(end, blank=True):
        return None
    return int(start), int(end)


def _compare_key(value: Any) -> str | None:
    """Casefolded, whitespace-normalized text, or None when missing."""
    if is_missing(value, blank=True):
        return None
    return " ".join(str(value).split()).casefold()


def _overlaps(span: Segment | None, segments: Iterable[Segment]) -> bool:
    """True when span shares at least one character with any segment."""
    if span is None:
        return False
    return any(max(span[0], s) < min(span[1], e) for s, e in segments)


def _segments(value: Any) -> list[Segment]:
    """Segments of a gold cell as a list of tuples (missing = empty)."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return []
    return [(int(s), int(e)) for s, e in value]


def _merge(segments: Iterable[Segment]) -> list[Segment]:
    """Union of segments as sorted, non-overlapping segments."""
    merged: list[list[int]] = []
    for start, end in sorted(segments):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def _coverage(span: Segment | None, segments: Sequence[Segment]) -> float:
    """Share of the characters of segments that lie inside span.

    Example:
        >>> _coverage((0, 5), [(0, 10)])
        0.5
    """
    merged = _merge(segments)
    total = sum(e - s for s, e in merged)
    if span is None or total == 0:
        return 0.0
    covered = sum(max(0, min(span[1], e) - max(span[0], s)) for s, e in merged)
    return covered / total


def _speaker_correct(pred: Mapping[str, Any], gold: Mapping[str, Any]) -> bool:
    """Judge the speaker of a matched pair (see :func:`score_quotes`)."""
    gold_segments = _segments(gold.get("source_segments"))
    gold_names = {_compare_key(gold.get("speaker_actor")), _compare_key(gold.get("source"))} - {None}
    span = _segment(pred.get("speaker_start"), pred.get("speaker_end"))
    actor = _compare_key(pred.get("speaker_actor"))
    if not gold_segments and not gold_names:
        return span is None and actor is None and _compare_key(pred.get("speaker")) is None
    return _overlaps(span, gold_segments) or (actor is not None and actor in gold_names)


def _cue_correct(pred: Mapping[str, Any], gold: Mapping[str, Any]) -> bool:
    """Judge the cue of a matched pair (see :func:`score_quotes`)."""
    gold_segments = _segments(gold.get("cue_segments"))
    gold_cue = _compare_key(gold.get("cue"))
    span = _segment(pred.get("cue_start"), pred.get("cue_end"))
    cue = _compare_key(pred.get("cue"))
    if not gold_segments and gold_cue is None:
        return span is None and cue is None
    return _overlaps(span, gold_segments) or (cue is not None and cue == gold_cue)


def _candidate_pairs(pred: pd.DataFrame, gold: pd.DataFrame, *, overlap: float) -> list[tuple[float, str, int, int]]:
    """All same-article (overlap, article, pred_row, gold_row) at or above threshold."""
    gold_by_article: dict[str, list[tuple[int, list[Segment]]]] = {}
    for row, (article, segments) in enumerate(zip(gold["article_id"], gold["segments"])):
        if not is_missing(article, blank=True):
            gold_by_article.setdefault(str(article), []).append((row, _segments(segments)))
    pairs = []
    for row, (article, start, end) in enumerate(zip(pred["article_id"], pred["start_char"], pred["end_char"])):
        span = _segment(start, end)
        if span is None or is_missing(article, blank=True):
            continue
        for gold_row, segments in gold_by_article.get(str(article), []):
            share = _coverage(span, segments)
            if share > 0 and share >= overlap:
                pairs.append((share, str(article), row, gold_row))
    return pairs


def match_quotes(pred: pd.DataFrame, gold: pd.DataFrame, *, overlap: float) -> pd.DataFrame:
    """Match predicted quotes to gold attributions one-to-one.

    The overlap of a pair is the number of gold content characters (over its
    segments) inside the prediction's ``[start_char, end_char)`` divided by the
    number of gold content characters. Only pairs of the same article with an
    overlap of at least ``overlap`` (and above zero) are eligible; they are
    taken greedily by descending overlap, ties broken by article id, then
    prediction row, then gold row, skipping pairs whose prediction or gold is
    already matched.

    Args:
        pred: Predicted quotes (contract columns; ``<NA>`` spans never match).
        gold: Gold attributions as from :func:`analysis.io.brat.read_brat` or
            :func:`gold_from_json`.
        overlap: Threshold in [0, 1].

    Returns:
        One row per matched pair, sorted by ``pred_row``: ``article_id``,
        ``quote_id``, ``gold_id``, ``pred_row`` and ``gold_row`` (positions in
        the inputs), ``overlap``, ``speaker_correct``, ``cue_correct``.

    Example:
        >>> pred = pd.DataFrame({"article_id": ["a"], "start_char": [0], "end_char": [5]})
        >>> gold = pd.DataFrame({"article_id": ["a"], "gold_id": ["E1"], "segments": [[(0, 10)]]})
        >>> match_quotes(pred, gold, overlap=0.5)["overlap"].tolist()
        [0.5]
    """
    pred = as_quotes(pred)
    pairs = sorted(
        _candidate_pairs(pred, gold, overlap=overlap),
        key=lambda pair: (-pair[0], pair[1], pair[2], pair[3]),
    )
    pred_records = pred.to_dict("records")
    gold_records = gold.to_dict("records")
    gold_ids = gold["gold_id"] if "gold_id" in gold.columns else pd.Series(range(len(gold)))
    rows = [
        {
            "article_id": article,
            "quote_id": pred_records[pred_row]["quote_id"],
            "gold_id": gold_ids.iloc[gold_row],
            "pred_row": pred_row,
            "gold_row": gold_row,
            "overlap": share,
            "speaker_correct": _speaker_correct(pred_records[pred_row], gold_records[gold_row]),
            "cue_correct": _cue_correct(pred_records[pred_row], gold_records[gold_row]),
        }
        for share, article, pred_row, gold_row in _one_to_one(pairs)
    ]
    return _typed_matches(pd.DataFrame(rows, columns=MATCH_COLUMNS).sort_values("pred_row", ignore_index=True))


def _one_to_one(pairs: Iterable[tuple[float, str, int, int]]) -> list[tuple[float, str, int, int]]:
    """The pairs taken in order, each skipped whose prediction or gold an earlier pair took."""
    used_pred: set[int] = set()
    used_gold: set[int] = set()
    taken = []
    for pair in pairs:
        _, _, pred_row, gold_row = pair
        if pred_row in used_pred or gold_row in used_gold:
            continue
        used_pred.add(pred_row)
        used_gold.add(gold_row)
        taken.append(pair)
    return taken


def _typed_matches(frame: pd.DataFrame) -> pd.DataFrame:
    """Give a matches frame its dtypes (string ids, integer rows, float overlap, nullable booleans)."""
    frame["article_id"] = frame["article_id"].astype("string")
    for column in ("pred_row", "gold_row"):
        frame[column] = frame[column].astype("int64")
    frame["overlap"] = frame["overlap"].astype("float64")
    for column in ("speaker_correct", "cue_correct"):
        frame[column] = frame[column].astype("boolean")
    return frame


def _ratio(numerator: int, denominator: int, *, empty: float) -> float:
    """numerator / denominator, or empty when the denominator is zero."""
    return numerator / denominator if denominator else empty


def score_quotes(pred: pd.DataFrame, gold: pd.DataFrame, *, overlap: float) -> dict[str, float]:
    """Precision, recall, F1 and speaker/cue accuracy of predicted quotes.

    Matching follows :func:`match_quotes`. On each matched pair:

    - the speaker is correct when the predicted ``[speaker_start,
      speaker_end)`` overlaps any gold source segment, or when the predicted
      ``speaker_actor`` equals the gold ``speaker_actor`` or source text
      (case-insensitive, whitespace-normalized). When the gold attribution has
      no source at all, the speaker counts as correct iff the prediction has
      no speaker either (no speaker text, span or actor);
    - the cue is correct when ``[cue_start, cue_end)`` overlaps a gold cue
      segment or the cue texts are equal (lowercased, whitespace-normalized).
      When the gold has no cue, it counts as correct iff the prediction has
      none.

    Args:
        pred: Predicted quotes.
        gold: Gold attributions.
        overlap: Matching threshold.

    Returns:
        ``n_gold``, ``n_pred``, ``n_matched``, ``precision``, ``recall``,
        ``f1`` (0.0 when undefined), ``speaker_acc`` and ``cue_acc`` (shares
        of matched pairs; NaN when nothing matched).

    Example:
        >>> pred = pd.DataFrame({"article_id": ["a"], "start_char": [0], "end_char": [10]})
        >>> gold = pd.DataFrame({"article_id": ["a"], "gold_id": ["E1"], "segments": [[(0, 10)]]})
        >>> score_quotes(pred, gold, overlap=0.8)["f1"]
        1.0
    """
    matches = match_quotes(pred, gold, overlap=overlap)
    n_matched = len(matches)
    precision = _ratio(n_matched, len(pred), empty=0.0)
    recall = _ratio(n_matched, len(gold), empty=0.0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    nan = float("nan")
    return {
        "n_gold": len(gold),
        "n_pred": len(pred),
        "n_matched": n_matched,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "speaker_acc": _ratio(int(matches["speaker_correct"].sum()), n_matched, empty=nan),
        "cue_acc": _ratio(int(matches["cue_correct"].sum()), n_matched, empty=nan),
    }
