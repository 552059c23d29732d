"""Score who said it across a corpus: predicted ``speaker_actor`` against a canonical speaker gold.

The gold is a CSV with one row per gold attribution (see
``tests/data/speaker_gold_polnear_dev.md``): ``ann_file``, ``source_start``,
``source_end``, ``content_start``, ``content_end`` (the first content segment),
``canonical`` (one actor name for the whole corpus) and ``kind``.

Predicted quotes are matched to gold rows by content with
:func:`analysis.evaluate.matching.match_quotes` (the gold content being the
first segment). Over the matched pairs:

- B-cubed precision, recall and F1 of the corpus-wide clustering of quotes by
  speaker (predicted clusters: ``speaker_actor`` values; gold clusters:
  ``canonical``). A quote without a predicted actor, and a gold row marked
  ``unresolved``, is a cluster of its own;
- accuracy: share of matched pairs with a resolved gold whose predicted
  ``speaker_actor`` equals the gold canonical name after :func:`normalise_name`;
- anonymous given to a named person: matched pairs whose gold kind is
  ``anonymous`` while the predicted actor is the canonical name of some
  ``person`` of the gold.

    >>> gold = pd.DataFrame({"ann_file": ["a_1234.ann"] * 3, "content_start": [0, 20, 40], "content_end": [10, 30, 50],
    ...                      "canonical": ["Donald Trump", "Donald Trump", "campaign aides"],
    ...                      "kind": ["person", "person", "anonymous"]})
    >>> pred = pd.DataFrame({"article_id": ["a"] * 3, "start_char": [0, 20, 40], "end_char": [10, 30, 50],
    ...                      "speaker_actor": ["Donald Trump", "Trump", "Donald Trump"]})
    >>> score_speakers(pred, gold)[["n_matched", "accuracy", "n_anonymous_as_named"]].values.tolist()
    [[3.0, 0.3333333333333333, 1.0]]
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.evaluate.matching import match_quotes
from analysis.io.brat import article_id_of
from analysis.io.gold import as_quotes
from analysis.io.schema import is_missing

__all__ = [
    "DEFAULT_OVERLAP",
    "SPEAKER_KINDS",
    "SPEAKER_SCORE_COLUMNS",
    "bcubed",
    "load_speaker_gold",
    "normalise_name",
    "score_speakers",
    "speaker_errors",
    "speaker_pairs",
]


DEFAULT_OVERLAP = 0.3
"""Share of the gold content a prediction must cover: the lower threshold of the evaluate command."""


SPEAKER_KINDS = ("person", "organisation", "government", "country", "media", "document", "anonymous", "unresolved")
"""The kinds of canonical speaker the gold may use (one per row)."""


UNRESOLVED = "unresolved"
"""Canonical name (and kind) of a gold source the coder could not resolve: never one cluster with another."""


GOLD_COLUMNS = ["ann_file", "source_start", "source_end", "content_start", "content_end", "canonical", "kind"]
"""Columns of the speaker gold CSV, in file order."""


SPEAKER_SCORE_COLUMNS = [
    "n_gold",
    "n_pred",
    "n_matched",
    "bcubed_precision",
    "bcubed_recall",
    "bcubed_f1",
    "n_resolved",
    "accuracy",
    "n_anonymous",
    "n_anonymous_as_named",
]
"""Columns of the one-row table returned by :func:`score_speakers`."""


TOP_ERRORS = 15
"""Error patterns listed by :func:`speaker_errors` by default: enough to see the main confusions."""


def load_speaker_gold(path: str | Path, *, texts: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Read the speaker gold CSV and give it what matching needs.

    Args:
        path: The CSV (columns ``ann_file, source_start, source_end,
            content_start, content_end, canonical, kind``).
        texts: Optional article texts by article id; when given, every offset
            of an article found in it must lie inside its text.

    Returns:
        The rows plus ``article_id`` (from ``ann_file``), ``gold_id``
        (``S<row>``) and ``segments`` (``[(content_start, content_end)]``).

    Raises:
        ValueError: On a missing column, an unknown kind, an empty canonical
            name or an offset outside the article text.

    Example:
        >>> gold = load_speaker_gold("tests/data/speaker_gold_polnear_dev.csv")
        >>> sorted(gold["kind"].unique())[:3]
        ['anonymous', 'country', 'document']
    """
    frame = pd.read_csv(path, dtype={"ann_file": "string", "canonical": "string", "kind": "string"})
    return _prepared_gold(frame, texts=texts, origin=str(path))


def _prepared_gold(frame: pd.DataFrame, *, texts: Mapping[str, str] | None, origin: str) -> pd.DataFrame:
    """Check a gold frame and add article ids, gold ids and content segments."""
    missing = [
        column for column in ("ann_file", "content_start", "content_end", "canonical", "kind") if column not in frame.columns
    ]
    if missing:
        raise ValueError(f"{origin}: missing column(s) {', '.join(missing)}")
    frame = frame.reset_index(drop=True).copy()
    for column in ("source_start", "source_end"):
        if column not in frame.columns:
            frame[column] = pd.NA
    for column in ("source_start", "source_end", "content_start", "content_end"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("Int64")
    unknown = sorted(set(frame["kind"].dropna().astype(str)) - set(SPEAKER_KINDS))
    if unknown or frame["kind"].isna().any():
        raise ValueError(f"{origin}: unknown or missing kind(s) {unknown}")
    if frame["canonical"].map(lambda value: is_missing(value, blank=True)).any():
        raise ValueError(f"{origin}: empty canonical name")
    frame["article_id"] = frame["ann_file"].map(article_id_of).astype("string")
    frame["gold_id"] = [f"S{row}" for row in range(len(frame))]
    frame["segments"] = [[(int(s), int(e))] for s, e in zip(frame["content_start"], frame["content_end"])]
    if texts is not None:
        _check_offsets(frame, texts=texts, origin=origin)
    return frame


def _check_offsets(frame: pd.DataFrame, *, texts: Mapping[str, str], origin: str) -> None:
    """Raise when an offset of an article in texts lies outside its text."""
    for row in frame.itertuples():
        text = texts.get(str(row.article_id))
        if text is None:
            continue
        for name in ("source_start", "source_end", "content_start", "content_end"):
            value = getattr(row, name)
            if not is_missing(value) and not 0 <= int(value) <= len(text):
                raise ValueError(f"{origin}: {row.ann_file} {name}={value} outside text of length {len(text)}")


def normalise_name(value: Any) -> str | None:
    """An actor name for comparison: casefolded, without diacritics and a leading "the", curly
    apostrophes made straight, a middle initial dropped, whitespace collapsed ("The New York Times"
    and "New York Times" name one actor; so do "John D. Podesta" and "John Podesta").

    Example:
        >>> normalise_name("  Jorge  Castañeda "), normalise_name("DONALD TRUMP"), normalise_name("The New York Times"), normalise_name(None)
        ('jorge castaneda', 'donald trump', 'new york times', None)
        >>> normalise_name("James O’Neill"), normalise_name("John D. Podesta"), normalise_name("J. K. Rowling")
        ("james o'neill", 'john podesta', 'j. k. rowling')
    """
    if is_missing(value, blank=True):
        return None
    decomposed = unicodedata.normalize("NFKD", str(value).replace("’", "'").replace("‘", "'"))
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    words = stripped.split()
    if len(words) >= 3 and words[0][:1].isupper() and not _INITIAL.fullmatch(words[0]):
        words = [words[0]] + [w for w in words[1:-1] if not _INITIAL.fullmatch(w)] + [words[-1]]
    name = " ".join(words).casefold()
    return name[4:] if name.startswith("the ") and len(name) > 4 else name


_INITIAL = re.compile(r"[A-Z]\.?")
"""A middle initial ("D." in "John D. Podesta"): dropped when comparing names."""


def bcubed(gold: Sequence[Hashable | None], pred: Sequence[Hashable | None]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering of the same items.

    Items are positions; ``gold[i]`` and ``pred[i]`` are the cluster labels of
    item ``i``. A ``None`` label makes the item a cluster of its own.

    Returns:
        ``(precision, recall, f1)``; ``(nan, nan, nan)`` for no items.

    Example:
        >>> bcubed(["a", "a", "b"], ["x", "x", "x"])
        (0.5555555555555555, 1.0, 0.7142857142857143)
    """
    if len(gold) != len(pred):
        raise ValueError(f"{len(gold)} gold labels but {len(pred)} predicted labels")
    if not gold:
        nan = float("nan")
        return nan, nan, nan
    gold_keys = _cluster_keys(gold)
    pred_keys = _cluster_keys(pred)
    both = Counter(zip(gold_keys, pred_keys))
    gold_sizes = Counter(gold_keys)
    pred_sizes = Counter(pred_keys)
    precision = sum(both[(g, p)] / pred_sizes[p] for g, p in zip(gold_keys, pred_keys)) / len(gold)
    recall = sum(both[(g, p)] / gold_sizes[g] for g, p in zip(gold_keys, pred_keys)) / len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _cluster_keys(labels: Sequence[Hashable | None]) -> list[tuple[str, Any]]:
    """Labels as cluster keys; each missing label gets a key of its own."""
    return [("singleton", index) if label is None else ("label", label) for index, label in enumerate(labels)]


def speaker_pairs(pred: pd.DataFrame, gold: pd.DataFrame, *, overlap: float = DEFAULT_OVERLAP) -> pd.DataFrame:
    """The matched (prediction, gold) pairs with the predicted and gold speakers.

    Args:
        pred: Predicted quotes (``article_id, start_char, end_char,
            speaker_actor, speaker``...).
        gold: Speaker gold from :func:`load_speaker_gold` (or a frame with
            ``ann_file``, ``content_start``, ``content_end``, ``canonical``,
            ``kind``).
        overlap: Matching threshold of
            :func:`analysis.evaluate.matching.match_quotes`.

    Returns:
        One row per matched pair: ``article_id``, ``pred_row``, ``gold_row``,
        ``overlap``, ``speaker``, ``speaker_actor`` (predicted),
        ``canonical``, ``kind`` (gold), ``correct`` (normalised names equal).

    Example:
        >>> gold = pd.DataFrame({"ann_file": ["a_1234.ann"], "content_start": [0], "content_end": [10],
        ...                      "canonical": ["Donald Trump"], "kind": ["person"]})
        >>> pred = pd.DataFrame({"article_id": ["a"], "start_char": [0], "end_char": [10], "speaker_actor": ["Donald TRUMP"]})
        >>> speaker_pairs(pred, gold)[["speaker_actor", "canonical", "correct"]].values.tolist()
        [['Donald TRUMP', 'Donald Trump', True]]
    """
    if "segments" not in gold.columns or "article_id" not in gold.columns:
        gold = _prepared_gold(gold, texts=None, origin="gold")
    pred = as_quotes(pred)
    matches = match_quotes(pred, gold, overlap=overlap)
    pred_rows = matches["pred_row"].tolist()
    gold_rows = matches["gold_row"].tolist()
    pairs = pd.DataFrame(
        {
            "article_id": matches["article_id"],
            "pred_row": matches["pred_row"],
            "gold_row": matches["gold_row"],
            "overlap": matches["overlap"],
            "speaker": pred["speaker"].iloc[pred_rows].astype("string").tolist(),
            "speaker_actor": pred["speaker_actor"].iloc[pred_rows].astype("string").tolist(),
            "canonical": gold["canonical"].iloc[gold_rows].astype("string").tolist(),
            "kind": gold["kind"].iloc[gold_rows].astype("string").tolist(),
        }
    )
    pairs["speaker"] = pairs["speaker"].astype("string")
    pairs["speaker_actor"] = pairs["speaker_actor"].astype("string")
    pairs["correct"] = [
        normalise_name(actor) is not None and normalise_name(actor) == normalise_name(canonical)
        for actor, canonical in zip(pairs["speaker_actor"], pairs["canonical"])
    ]
    return pairs


def score_speakers(
    pred: pd.DataFrame,
    gold: pd.DataFrame,
    *,
    overlap: float = DEFAULT_OVERLAP,
) -> pd.DataFrame:
    """Corpus-level speaker scores of predicted quotes against the speaker gold.

    Predictions of articles outside the gold are ignored.

    Args:
        pred: Predicted quotes.
        gold: Speaker gold (see :func:`speaker_pairs`).
        overlap: Matching threshold.

    Returns:
        One row with ``n_gold``, ``n_pred`` (in gold articles), ``n_matched``,
        ``bcubed_precision``, ``bcubed_recall``, ``bcubed_f1`` (over matched
        pairs), ``n_resolved`` (matched pairs whose gold is not
        ``unresolved``), ``accuracy`` (share of those with the right actor),
        ``n_anonymous`` (matched pairs of gold kind ``anonymous``) and
        ``n_anonymous_as_named`` (of those, predicted as a gold person).

    Example:
        >>> gold = pd.DataFrame({"ann_file": ["a_1234.ann"] * 2, "content_start": [0, 20], "content_end": [10, 30],
        ...                      "canonical": ["Donald Trump", "Donald Trump"], "kind": ["person", "person"]})
        >>> pred = pd.DataFrame({"article_id": ["a", "a"], "start_char": [0, 20], "end_char": [10, 30],
        ...                      "speaker_actor": ["Donald Trump", "Donald Trump"]})
        >>> score_speakers(pred, gold)[["bcubed_f1", "accuracy"]].values.tolist()
        [[1.0, 1.0]]
    """
    if "segments" not in gold.columns or "article_id" not in gold.columns:
        gold = _prepared_gold(gold, texts=None, origin="gold")
    pred = as_quotes(pred)
    inside = pred["article_id"].astype("string").isin(set(gold["article_id"].astype(str))).fillna(False).astype(bool)
    pred = pred[inside].reset_index(drop=True)
    pairs = speaker_pairs(pred, gold, overlap=overlap)
    gold_labels = [None if normalise_name(c) == UNRESOLVED else normalise_name(c) for c in pairs["canonical"]]
    pred_labels = [normalise_name(actor) for actor in pairs["speaker_actor"]]
    precision, recall, f1 = bcubed(gold_labels, pred_labels)
    resolved = pairs[pairs["kind"] != UNRESOLVED]
    persons = {normalise_name(name) for name in gold.loc[gold["kind"] == "person", "canonical"]}
    anonymous = pairs[pairs["kind"] == "anonymous"]
    as_named = sum(normalise_name(actor) in persons for actor in anonymous["speaker_actor"] if normalise_name(actor) is not None)
    row = {
        "n_gold": len(gold),
        "n_pred": len(pred),
        "n_matched": len(pairs),
        "bcubed_precision": precision,
        "bcubed_recall": recall,
        "bcubed_f1": f1,
        "n_resolved": len(resolved),
        "accuracy": float(resolved["correct"].mean()) if len(resolved) else float("nan"),
        "n_anonymous": len(anonymous),
        "n_anonymous_as_named": as_named,
    }
    return pd.DataFrame([row], columns=SPEAKER_SCORE_COLUMNS)


def speaker_errors(pairs: pd.DataFrame, *, top: int = TOP_ERRORS) -> pd.DataFrame:
    """The most frequent (gold canonical, predicted actor) confusions among matched pairs.

    Args:
        pairs: From :func:`speaker_pairs`.
        top: How many patterns to keep.

    Returns:
        Columns ``canonical``, ``kind``, ``speaker_actor`` (``<none>`` when
        missing) and ``n``, most frequent first (ties by names).

    Example:
        >>> pairs = pd.DataFrame({"canonical": ["Donald Trump"] * 2, "kind": ["person"] * 2,
        ...                       "speaker_actor": ["Trump", pd.NA], "correct": [False, False]})
        >>> speaker_errors(pairs).values.tolist()
        [['Donald Trump', 'person', '<none>', 1], ['Donald Trump', 'person', 'Trump', 1]]
    """
    wrong = pairs[~pairs["correct"].astype(bool)]
    predicted = wrong["speaker_actor"].astype("string").fillna("<none>")
    counts = Counter(zip(wrong["canonical"].astype(str), wrong["kind"].astype(str), predicted.astype(str)))
    rows = sorted(((c, k, p, n) for (c, k, p), n in counts.items()), key=lambda r: (-r[3], r[0], r[2]))[:top]
    return pd.DataFrame(rows, columns=["canonical", "kind", "speaker_actor", "n"])
