"""Train the quote model from PolNeAR's attributions: ``python -m analysis train-quotes``.

    .venv/bin/python -m analysis train-quotes                 # PolNeAR train -> analysis/resources/models/quotes.json.gz
    .venv/bin/python -m analysis train-quotes --cv            # cross-validation on train only (no file written)

Each article of ``<corpora>/polnear/train`` is read and parsed the way the build does it
(:class:`ArticleContext`), the extractor proposes its statements and candidates
(``find_statements(..., candidates=True)``) and each proposal is labelled by the first annotation
file of its article: positive when it covers at least :data:`LABEL_OVERLAP` of some attribution's
content (the matching rule of ``python -m analysis evaluate``). A logistic regression is fit on
them; its scores on held-out folds of the train articles give the isotonic calibration and the
default threshold (the one of best F1 over those folds among those of precision at least :data:`MIN_PRECISION`). PolNeAR dev is scored once, after
training, and its figures are written into the model file with the training data version.
Training is deterministic (fixed folds by article, fixed solver, sorted inputs) and the file is
written with a fixed gzip time stamp.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Sequence
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from analysis.config import DEFAULT_PIPELINE
from analysis.evaluate.confidence import calibration_error, precision_recall, reliability
from analysis.models.files import model_checksum, write_model
from analysis.models.frame_labels import CORPORA
from analysis.models.quotes import QUOTE_MODEL_FILE, QuoteModel, load_quote_model, proposal_features

__all__ = ["LABEL_OVERLAP", "article_candidates", "train_quote_model"]

LABEL_OVERLAP = 0.3
"""A proposal covering this share of an attribution's content is a true one (the evaluation's main overlap)."""
C = 0.5
"""Inverse regularisation strength of the logistic regression (chosen by cross-validation on train)."""
MIN_COUNT = 3
"""A feature seen in fewer training proposals is dropped: it cannot generalise and only grows the file."""
FOLDS = 5
"""Folds of train articles whose held-out scores give the calibration and the threshold."""
THRESHOLDS = np.round(np.arange(0.05, 0.951, 0.025), 3)
"""Thresholds tried for the default: the one of best F1 on the held-out folds is kept."""
MIN_PRECISION = 0.85
"""The default threshold keeps quotes a researcher can count on: at least this precision on the held-out train folds."""
DIGITS = 4
"""Decimals kept of each coefficient and calibration point in the model file."""


def _split(corpora: str | Path, split: str) -> tuple[Path, Path]:
    root = Path(corpora) / "polnear" / split
    return root / "text", root / "attributions"


def article_candidates(text_path: str | Path) -> tuple[str, list[tuple[list[str], int, int, str]]]:
    """Every proposal of one article as (features, start, end, method), parsed as the build parses it.

    Example:
        >>> article_candidates("/nonexistent.txt")[1]
        []
    """
    from analysis.extract.context import ArticleContext
    from analysis.extract.statements import find_statements
    from analysis.io.reading import read_file
    from analysis.io.records import RawArticle

    path = Path(text_path)
    if not path.is_file():
        return path.stem, []
    raw = next((item for item in read_file(path) if isinstance(item, RawArticle)), None)
    if raw is None:
        return path.stem, []
    ctx = ArticleContext.of(raw)
    statements = find_statements(ctx.doc, ctx.layout, text=ctx.text, candidates=True)
    features = proposal_features(ctx, statements)
    return raw.article_id, [(f, st.start, st.end, st.source) for f, st in zip(features, statements)]


def split_candidates(corpora: str | Path, split: str, *, processes: int = 2) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The proposals of one PolNeAR split (one row each: article_id, start_char, end_char, method,
    features) and its gold attributions (first annotation file per article); empty when the split is absent.

    Example:
        >>> candidates, gold = split_candidates("/nonexistent", "dev")
        >>> len(candidates), len(gold)
        (0, 0)
    """
    from analysis.io.brat import article_id_of, read_brat_dir, select_annotation_files

    text_dir, ann_dir = _split(corpora, split)
    if not ann_dir.is_dir():
        empty = pd.DataFrame(columns=["article_id", "start_char", "end_char", "method", "features"])
        return empty, pd.DataFrame(columns=["article_id", "gold_id", "segments"])
    files = select_annotation_files(ann_dir)
    paths = [str(text_dir / f"{article_id_of(f)}.txt") for f in files]
    if processes > 1:
        pool = get_context("spawn").Pool(processes)
        try:
            results = pool.map(article_candidates, paths, chunksize=8)
        finally:
            pool.close()
            pool.join()
    else:
        results = [article_candidates(p) for p in paths]
    rows = [
        {"article_id": article, "start_char": s, "end_char": e, "method": method, "features": features}
        for article, found in results
        for features, s, e, method in found
    ]
    gold = read_brat_dir(ann_dir, text_dir=text_dir)
    return pd.DataFrame(rows, columns=["article_id", "start_char", "end_char", "method", "features"]), gold


def label_candidates(candidates: pd.DataFrame, gold: pd.DataFrame, *, overlap: float = LABEL_OVERLAP) -> np.ndarray:
    """1 for each proposal covering at least ``overlap`` of some gold content of its article, else 0.

    Example:
        >>> c = pd.DataFrame({"article_id": ["a", "a"], "start_char": [0, 20], "end_char": [6, 30]})
        >>> g = pd.DataFrame({"article_id": ["a"], "segments": [[(0, 10)]]})
        >>> label_candidates(c, g).tolist()
        [1, 0]
    """
    by_article: dict[str, list[list[tuple[int, int]]]] = {}
    for article, segments in zip(gold["article_id"], gold["segments"]):
        by_article.setdefault(str(article), []).append([(int(s), int(e)) for s, e in segments])
    labels = np.zeros(len(candidates), dtype=np.int64)
    for k, (article, start, end) in enumerate(zip(candidates["article_id"], candidates["start_char"], candidates["end_char"])):
        for segments in by_article.get(str(article), []):
            total = sum(e - s for s, e in segments)
            covered = sum(max(0, min(end, e) - max(start, s)) for s, e in segments)
            if total and covered / total >= overlap:
                labels[k] = 1
                break
    return labels


def _matrix(features: Sequence[Sequence[str]], vocabulary: dict[str, int]):
    from scipy.sparse import csr_matrix

    indptr, indices = [0], []
    for names in features:
        indices.extend(sorted({vocabulary[f] for f in names if f in vocabulary}))
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float64)
    return csr_matrix((data, np.asarray(indices, dtype=np.int64), np.asarray(indptr)), shape=(len(features), len(vocabulary)))


def _vocabulary(features: Sequence[Sequence[str]]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for names in features:
        for name in set(names):
            counts[name] = counts.get(name, 0) + 1
    return {name: i for i, name in enumerate(sorted(n for n, c in counts.items() if c >= MIN_COUNT))}


def _fit(features: Sequence[Sequence[str]], labels: np.ndarray, *, c: float = C) -> dict[str, Any]:
    from sklearn.linear_model import LogisticRegression

    vocabulary = _vocabulary(features)
    model = LogisticRegression(C=c, solver="liblinear", max_iter=1000)
    model.fit(_matrix(features, vocabulary), labels)
    return {
        "features": list(vocabulary),
        "coef": [round(float(v), DIGITS) for v in model.coef_[0]],
        "intercept": round(float(model.intercept_[0]), DIGITS),
        "calibration": {"x": [0.0, 1.0], "y": [0.0, 1.0]},
        "threshold": 0.5,
    }


def _folds(articles: pd.Series, folds: int = FOLDS) -> np.ndarray:
    """A fold per proposal, by a hash of its article id (all of an article in one fold)."""
    return np.array([int(hashlib.sha256(str(a).encode()).hexdigest(), 16) % folds for a in articles])


def out_of_fold(candidates: pd.DataFrame, labels: np.ndarray, *, c: float = C) -> np.ndarray:
    """The raw probability of each training proposal from a model fit without its article's fold.

    Example:
        >>> c = pd.DataFrame({"article_id": [f"a{i}" for i in range(20)],
        ...                   "features": [["m=cue"] if i % 2 else ["m=verb"] for i in range(20)]})
        >>> p = out_of_fold(c, np.array([i % 2 for i in range(20)]))
        >>> bool(p[1] > 0.5 > p[0])
        True
    """
    fold = _folds(candidates["article_id"])
    out = np.zeros(len(candidates))
    features = candidates["features"].tolist()
    for k in range(FOLDS):
        train = np.flatnonzero(fold != k)
        model = QuoteModel.from_content(_fit([features[i] for i in train], labels[train], c=c))
        test = np.flatnonzero(fold == k)
        out[test] = model.probabilities([features[i] for i in test])
    return out


def _isotonic(probabilities: np.ndarray, labels: np.ndarray) -> dict[str, list[float]]:
    from sklearn.isotonic import IsotonicRegression

    iso = IsotonicRegression(out_of_bounds="clip", y_min=0.0, y_max=1.0).fit(probabilities, labels)
    return {
        "x": [round(float(v), DIGITS) for v in iso.X_thresholds_],
        "y": [round(float(v), DIGITS) for v in iso.y_thresholds_],
    }


def _scores(candidates: pd.DataFrame, keep: np.ndarray, gold: pd.DataFrame, *, overlap: float) -> dict[str, float]:
    from analysis.evaluate.matching import score_quotes

    pred = candidates.loc[keep, ["article_id", "start_char", "end_char"]].reset_index(drop=True)
    pred["quote_id"] = range(len(pred))
    s = score_quotes(pred, gold, overlap=overlap)
    return {k: round(float(s[k]), 4) for k in ("n_pred", "n_matched", "precision", "recall", "f1")}


def best_threshold(candidates: pd.DataFrame, confidence: np.ndarray, gold: pd.DataFrame) -> tuple[float, list[dict[str, float]]]:
    """The threshold of best F1 at :data:`LABEL_OVERLAP` among those whose precision reaches
    :data:`MIN_PRECISION` (the lower on a tie; the best F1 of all when none does), and the curve.

    Example:
        >>> c = pd.DataFrame({"article_id": ["a", "a"], "start_char": [0, 20], "end_char": [10, 30]})
        >>> g = pd.DataFrame({"article_id": ["a"], "gold_id": ["E1"], "segments": [[(0, 10)]]})
        >>> best_threshold(c, np.array([0.9, 0.2]), g)[0]
        0.225
    """
    curve = [{"threshold": float(t), **_scores(candidates, confidence >= t, gold, overlap=LABEL_OVERLAP)} for t in THRESHOLDS]
    precise = [row for row in curve if row["precision"] >= MIN_PRECISION] or curve
    best = max(precise, key=lambda row: (row["f1"], -row["threshold"]))
    return best["threshold"], curve


def held_out(model: QuoteModel, candidates: pd.DataFrame, gold: pd.DataFrame) -> dict[str, Any]:
    """Span figures of a model on a split it was not trained on: at the default threshold, of the
    rules alone (no ``verb`` candidates, nothing filtered), the precision-recall curve over
    thresholds, and the reliability of the confidence (calibration error and table, a proposal
    being right when matched one-to-one at overlap 0.3, as ``python -m analysis evaluate --curve``).

    Example:
        >>> model = QuoteModel.from_content({"features": ["m=cue"], "coef": [3.0], "intercept": -1.5,
        ...                                  "calibration": {"x": [0, 1], "y": [0, 1]}, "threshold": 0.5})
        >>> c = pd.DataFrame({"article_id": ["a", "a"], "start_char": [0, 20], "end_char": [10, 30],
        ...                   "method": ["cue", "verb"], "features": [["m=cue"], ["m=verb"]]})
        >>> g = pd.DataFrame({"article_id": ["a"], "gold_id": ["E1"], "segments": [[(0, 10)]]})
        >>> held_out(model, c, g)["model@0.3"]["f1"]
        1.0
    """
    confidence = model.confidence(candidates["features"].tolist())
    rules = (candidates["method"] != "verb").to_numpy()
    out: dict[str, Any] = {"n_articles": int(gold["article_id"].nunique()), "n_gold": len(gold)}
    for overlap in (0.3, 0.8):
        out[f"model@{overlap}"] = _scores(candidates, confidence >= model.threshold, gold, overlap=overlap)
        out[f"rules@{overlap}"] = _scores(candidates, rules, gold, overlap=overlap)
    pred = candidates[["article_id", "start_char", "end_char", "method"]].assign(
        quote_id=range(len(candidates)), confidence=confidence
    )
    curve = precision_recall(pred, gold)
    out["curve"] = [
        {k: round(float(row[k]), 4) for k in ("threshold", "precision", "recall", "f1")} for row in curve.to_dict("records")
    ]
    ece, table = reliability(pred[pred["method"].notna()], gold)
    out["ece"] = round(ece, 4)
    out["reliability"] = [
        {
            "bin": row["bin"],
            "n": int(row["n"]),
            "confidence": round(float(row["confidence"]), 4),
            "accuracy": round(float(row["accuracy"]), 4),
        }
        for row in table.to_dict("records")
    ]
    return out


def train_quote_model(
    *, corpora: str | Path = CORPORA, out: str | Path = QUOTE_MODEL_FILE, processes: int = 2, c: float = C
) -> dict[str, Any]:
    """Fit, calibrate and write the quote model; return its metadata (with the held-out dev figures).

    Example:
        >>> train_quote_model(corpora="/nonexistent")
        Traceback (most recent call last):
        ...
        ValueError: /nonexistent/polnear/train: no PolNeAR train articles read
    """
    train, train_gold = split_candidates(corpora, "train", processes=processes)
    if train.empty:
        raise ValueError(f"{Path(corpora) / 'polnear' / 'train'}: no PolNeAR train articles read")
    labels = label_candidates(train, train_gold)
    raw = out_of_fold(train, labels, c=c)
    calibration = _isotonic(raw, labels)
    content = _fit(train["features"].tolist(), labels, c=c)
    content["calibration"] = calibration
    oof = QuoteModel.from_content({**content, "coef": [], "features": [], "intercept": 0.0})  # calibration only
    oof_confidence = np.interp(raw, oof.calibration[0], oof.calibration[1])
    threshold, curve = best_threshold(train, oof_confidence, train_gold)
    content["threshold"] = threshold
    ece_train, _ = calibration_error(oof_confidence, labels)
    model = QuoteModel.from_content(content)
    dev, dev_gold = split_candidates(corpora, "dev", processes=processes)
    meta = {
        "trainer": f"scikit-learn LogisticRegression(C={c}, liblinear) + isotonic calibration over {FOLDS} article folds",
        "training_data": {
            "corpus": "PolNeAR train (first annotation file per article)",
            "n_articles": int(train["article_id"].nunique()),
            "n_proposals": len(train),
            "n_positive": int(labels.sum()),
            "gold_sha256": _gold_digest(corpora),
            "pipeline": DEFAULT_PIPELINE,
        },
        "cross_validation": {"ece": round(ece_train, 4), "curve": curve},
        "held_out": held_out(model, dev, dev_gold) if not dev.empty else None,
    }
    content["meta"] = meta
    write_model(content, out)
    load_quote_model.cache_clear()
    return meta


def _gold_digest(corpora: str | Path) -> str:
    """SHA-256 over the train split's annotation files (names and bytes): the training data version."""
    digest = hashlib.sha256()
    for path in sorted(_split(corpora, "train")[1].glob("*.ann")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def summary(meta: dict[str, Any]) -> str:
    """The figures of a training run, as lines to print.

    Example:
        >>> print(summary({"training_data": {"n_proposals": 3, "n_articles": 1}}))
        trained on 3 proposals of 1 articles
    """
    lines = [f"trained on {meta['training_data']['n_proposals']} proposals of {meta['training_data']['n_articles']} articles"]
    ho = meta.get("held_out")
    if ho:
        lines.append(f"PolNeAR dev ({ho['n_articles']} articles, {ho['n_gold']} attributions), held out:")
        lines.append("  system  overlap  precision  recall  f1")
        for name in ("model", "rules"):
            for overlap in (0.3, 0.8):
                s = ho[f"{name}@{overlap}"]
                lines.append(f"  {name:6}  {overlap:7}  {s['precision']:9.3f}  {s['recall']:6.3f}  {s['f1']:.3f}")
        lines.append(f"  expected calibration error {ho['ece']:.3f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """``python -m analysis train-quotes``: train and write the model, or cross-validate with ``--cv``.

    Example:
        >>> main(["--corpora", "/nonexistent-corpora"])
        2
    """
    parser = argparse.ArgumentParser(prog="python -m analysis train-quotes", description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", default=str(CORPORA), help="folder holding polnear/train and polnear/dev")
    parser.add_argument("--out", default=str(QUOTE_MODEL_FILE), help="model file to write (default: the shipped model)")
    parser.add_argument("--processes", type=int, default=2, help="worker processes for parsing")
    parser.add_argument("--cv", action="store_true", help="only cross-validate on train (no file written)")
    args = parser.parse_args(argv)
    if not (Path(args.corpora) / "polnear" / "train").is_dir():
        print(f"error: {Path(args.corpora) / 'polnear' / 'train'}: PolNeAR train not found", file=sys.stderr)
        return 2
    if args.cv:
        train, gold = split_candidates(args.corpora, "train", processes=args.processes)
        labels = label_candidates(train, gold)
        for c in (0.1, 0.25, 0.5, 1.0, 2.0):
            raw = out_of_fold(train, labels, c=c)
            threshold, curve = best_threshold(train, raw, gold)
            best = next(row for row in curve if row["threshold"] == threshold)
            print(
                f"C={c}: threshold {threshold} precision {best['precision']:.3f} recall {best['recall']:.3f} f1 {best['f1']:.3f}"
            )
        return 0
    try:
        meta = train_quote_model(corpora=args.corpora, out=args.out, processes=args.processes)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(summary(meta))
    print(f"wrote {args.out} (sha256 {model_checksum(args.out)})")
    return 0
