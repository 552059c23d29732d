"""Train the sentence frame model from the labelled sentences: ``python -m analysis train-frames``.

    .venv/bin/python -m analysis train-frames                 # labels -> analysis/resources/models/frames.json.gz
    .venv/bin/python -m analysis train-frames --cv            # 5-fold cross-validation on the train split only
    .venv/bin/python -m analysis evaluate-frames              # held-out scores of the shipped model and the lexicon

Each labelled article is read and parsed the way the build does it (:class:`ArticleContext`), so the
features of a labelled sentence are those the build computes (:func:`sentence_features`). The
``train`` split trains the model; the ``test`` split is held out: it is scored once, after training,
and its figures are written into the model file with the training data version
(:func:`analysis.models.frame_labels.labels_version`). Training is deterministic (fixed solver, no
random state, sorted inputs) and the file is written with a fixed gzip time stamp, so the same
labels give the same bytes.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from analysis.config import DEFAULT_PIPELINE
from analysis.models.files import model_checksum, write_model
from analysis.models.frame_labels import CORPORA, FRAME_LABELS, SECOND_CODING, labels_version, load_frame_labels
from analysis.models.frames import BLOCKS, FRAME_MODEL_FILE, load_frame_model, sentence_features

BLOCK_WEIGHTS = (1.0, 0.5, 0.7)
"""Weights of the sentence, context and article blocks (chosen by cross-validation on the train split)."""
C = 4.0
"""Inverse regularisation strength of the logistic regression (chosen by cross-validation on the train split)."""
SECONDARY_WEIGHT = 0.3
"""Sample weight of a sentence's secondary frames, added as extra training rows: a frame the coder also saw."""
MIN_DF = 3
"""A feature seen in fewer training sentences is dropped: it cannot generalise and only grows the file."""
MIN_SUPPORT = 20
"""Macro-F1 is taken over the frames with at least this many held-out sentences (the issue's target)."""
DIGITS = 4
"""Decimals kept of each coefficient in the model file: far below what changes a probability."""


def labelled_features(labels: pd.DataFrame, *, corpora: str | Path = CORPORA) -> tuple[list, list[int], list[str], list[str]]:
    """Features of every labelled sentence: (features per row, row numbers found, problems, the
    lexicon's primary frame per row found, by :func:`analysis.extract.frames.primary_frame`).

    A row whose corpus file is absent, cannot be read, or whose offsets are not a sentence of the
    build's parse is left out and named in the problems.

    Example:
        >>> labelled_features(load_frame_labels().head(0))
        ([], [], [], [])
    """
    from analysis.extract.context import ArticleContext
    from analysis.extract.frames import primary_frame
    from analysis.io.reading import read_file
    from analysis.io.records import RawArticle
    from analysis.nlp.pipeline import load_pipeline

    nlp = load_pipeline()
    features: list = []
    found: list[int] = []
    problems: list[str] = []
    lexicon: list[str] = []
    for corpus_file, rows in labels.groupby("corpus_file", sort=True):
        path = Path(corpora) / corpus_file
        if not path.is_file():
            problems.append(f"{path}: absent ({len(rows)} label(s) left out)")
            continue
        raw = next((item for item in read_file(path) if isinstance(item, RawArticle)), None)
        if raw is None:
            problems.append(f"{path}: no article could be read ({len(rows)} label(s) left out)")
            continue
        ctx = ArticleContext.of(raw, nlp=nlp)
        where = {(int(r["start_char"]), int(r["end_char"])): k for k, r in enumerate(ctx.index.rows)}
        per_sentence = sentence_features(ctx.doc, ctx.index.rows)
        for number, row in rows.iterrows():
            k = where.get((int(row["start_char"]), int(row["end_char"])))
            if k is None:
                problems.append(f"{path}: {row['start_char']}-{row['end_char']} is not a sentence of the parse (left out)")
                continue
            features.append(per_sentence[k])
            found.append(int(number))
            row_k = ctx.index.rows[k]
            lexicon.append(
                primary_frame(ctx.doc.char_span(int(row_k["start_char"]), int(row_k["end_char"]), alignment_mode="expand"))
            )
    order = np.argsort(found, kind="stable")
    return [features[i] for i in order], [found[i] for i in order], problems, [lexicon[i] for i in order]


def _training_rows(features: Sequence, labels: pd.DataFrame) -> tuple[list, list[str], list[float]]:
    """Training rows: every sentence with its primary frame (weight 1) and each secondary frame
    (weight :data:`SECONDARY_WEIGHT`)."""
    x, y, w = [], [], []
    for feats, primary, secondary in zip(features, labels["primary_frame"], labels["secondary_frames"]):
        x.append(feats), y.append(primary), w.append(1.0)
        for frame in [f for f in str(secondary).split(";") if f and f != primary]:
            x.append(feats), y.append(frame), w.append(SECONDARY_WEIGHT)
    return x, y, w


def fit(
    features: Sequence, labels: pd.DataFrame, *, classes: Sequence[str], weights=BLOCK_WEIGHTS, c: float = C
) -> dict[str, Any]:
    """Fit the model on labelled features; the model file's content (without ``meta``).

    Example:
        >>> labels = pd.DataFrame({"primary_frame": ["economic", "political"] * 3, "secondary_frames": [""] * 6})
        >>> content = fit([(["w:tax"], ["c:x"], ["a:tax"]), (["w:vote"], ["c:x"], ["a:vote"])] * 3, labels, classes=frame_classes())
        >>> content["features"], content["untrained_classes"][:2]
        ([['w:tax', 'w:vote'], ['c:x'], ['a:tax', 'a:vote']], ['capacity_resources', 'morality'])
    """
    from scipy import sparse
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    x, y, w = _training_rows(features, labels)
    blocks, names, idf = [], [], []
    for b, weight in enumerate(weights):
        vectorizer = TfidfVectorizer(analyzer=_identity, sublinear_tf=True, min_df=MIN_DF, norm="l2")
        try:
            matrix = vectorizer.fit_transform([row[b] for row in x]) * weight
        except ValueError:  # no feature of this block in MIN_DF sentences: the block has no columns
            blocks.append(sparse.csr_matrix((len(x), 0))), names.append([]), idf.append(np.zeros(0))
            continue
        order = np.argsort(vectorizer.get_feature_names_out(), kind="stable")
        blocks.append(matrix[:, order])
        names.append([str(n) for n in vectorizer.get_feature_names_out()[order]])
        idf.append(vectorizer.idf_[order])
    model = LogisticRegression(C=c, max_iter=5000, solver="lbfgs", class_weight="balanced")
    model.fit(sparse.hstack(blocks).tocsr(), np.asarray(y), sample_weight=np.asarray(w))
    weights_of, bias_of = model.coef_, model.intercept_
    if len(model.classes_) == 2:  # binary: one weight row for the second class; as softmax, half each way
        weights_of, bias_of = np.vstack([-model.coef_[0] / 2, model.coef_[0] / 2]), np.array([-bias_of[0] / 2, bias_of[0] / 2])
    position = {cls: k for k, cls in enumerate(model.classes_)}
    missing = [cls for cls in classes if cls not in position]
    coef = np.zeros((sum(len(n) for n in names), len(classes)))
    intercept = np.full(len(classes), -1e3)  # a frame no training sentence has is never answered
    for k, cls in enumerate(classes):
        if cls in position:
            coef[:, k] = weights_of[position[cls]]
            intercept[k] = bias_of[position[cls]]
    return {
        "classes": list(classes),
        "blocks": list(BLOCKS),
        "weights": list(weights),
        "features": names,
        "idf": [round(float(v), DIGITS) for v in np.concatenate(idf)],
        "coef": [[round(float(v), DIGITS) for v in row] for row in coef],
        "intercept": [round(float(v), DIGITS) for v in intercept],
        "untrained_classes": missing,
    }


def _identity(features: list[str]) -> list[str]:
    return features


def frame_classes() -> list[str]:
    """The frame ids in the built-in lexicon's order (the model's class order).

    Example:
        >>> frame_classes()[0], frame_classes()[-1]
        ('economic', 'other')
    """
    from analysis.lexicons.frames import load_lexicon

    return list(load_lexicon().ids)


def scores(gold: Sequence[str], predicted: Sequence[str], *, classes: Sequence[str]) -> dict[str, Any]:
    """Accuracy, macro-F1 over frames with :data:`MIN_SUPPORT` held-out sentences, per-frame
    precision/recall/F1/support and the confusion matrix (rows gold, columns predicted).

    Example:
        >>> s = scores(["economic", "economic", "political"], ["economic", "political", "political"], classes=["economic", "political"])
        >>> s["accuracy"], s["confusion"]
        (0.6667, [[1, 1], [0, 1]])
    """
    from sklearn.metrics import confusion_matrix, precision_recall_fscore_support

    gold, predicted = list(gold), list(predicted)
    if not gold:
        return {
            "n": 0,
            "accuracy": None,
            "macro_f1": None,
            "frames": list(classes),
            "macro_f1_frames": [],
            "per_frame": {},
            "confusion": [],
        }
    support = {c: gold.count(c) for c in classes}
    big = [c for c in classes if support[c] >= MIN_SUPPORT]
    p, r, f, _ = precision_recall_fscore_support(gold, predicted, labels=list(classes), zero_division=0)
    per = {
        c: {
            "precision": round(float(p[k]), 4),
            "recall": round(float(r[k]), 4),
            "f1": round(float(f[k]), 4),
            "support": support[c],
        }
        for k, c in enumerate(classes)
    }
    return {
        "n": len(gold),
        "accuracy": round(float(np.mean([g == q for g, q in zip(gold, predicted)])), 4) if gold else None,
        "macro_f1": round(float(np.mean([per[c]["f1"] for c in big])), 4) if big else None,
        "frames": list(classes),
        "macro_f1_frames": big,
        "per_frame": per,
        "confusion": confusion_matrix(gold, predicted, labels=list(classes)).tolist(),
    }


def predict(content: dict[str, Any], features: Sequence) -> list[str]:
    """The top frame of each sentence under a model file's content (not yet written).

    Example:
        >>> labels = pd.DataFrame({"primary_frame": ["economic", "political"] * 3, "secondary_frames": [""] * 6})
        >>> content = fit([(["w:tax"], [], []), (["w:vote"], [], [])] * 3, labels, classes=frame_classes())
        >>> predict(content, [(["w:vote"], [], [])])
        ['political']
    """
    from analysis.models.frames import FrameModel

    model = FrameModel.from_content(content)
    return [model.classes[k] for k in model.probabilities(features).argmax(axis=1)]


def cross_validate(features: Sequence, labels: pd.DataFrame, *, folds: int = 5, **options: Any) -> dict[str, float]:
    """Accuracy and macro-F1 of the model over ``folds`` folds of the train split, folds by article
    (no article's sentences on both sides).

    Example:
        >>> labels = pd.DataFrame({"corpus_file": list("abcdefghij"), "primary_frame": ["economic", "political"] * 5, "secondary_frames": [""] * 10})
        >>> cross_validate([(["w:tax", "w:x"], [], []), (["w:vote", "w:x"], [], [])] * 5, labels)["accuracy"]
        1.0
    """
    classes = frame_classes()
    articles = sorted(labels["corpus_file"].unique())
    fold_of = {a: k % folds for k, a in enumerate(articles)}
    fold = labels["corpus_file"].map(fold_of).to_numpy()
    gold, predicted = [], []
    for k in range(folds):
        train, test = np.flatnonzero(fold != k), np.flatnonzero(fold == k)
        content = fit([features[i] for i in train], labels.iloc[train], classes=classes, **options)
        predicted += predict(content, [features[i] for i in test])
        gold += labels["primary_frame"].iloc[test].tolist()
    result = scores(gold, predicted, classes=classes)
    return {"accuracy": result["accuracy"], "macro_f1": result["macro_f1"]}


def cohen_kappa(first: pd.DataFrame, second: pd.DataFrame) -> dict[str, float]:
    """Cohen's kappa of the primary frames two codings give the same sentences.

    Example:
        >>> a = pd.DataFrame({"corpus_file": ["f"] * 4, "start_char": [0, 5, 9, 14], "end_char": [4, 8, 13, 20],
        ...                   "primary_frame": ["economic", "political", "political", "other"]})
        >>> cohen_kappa(a, a.assign(primary_frame=["economic", "political", "other", "other"]))
        {'n': 4, 'agreement': 0.75, 'kappa': 0.6364}
    """
    from sklearn.metrics import cohen_kappa_score

    keys = ["corpus_file", "start_char", "end_char"]
    both = first[keys + ["primary_frame"]].merge(second[keys + ["primary_frame"]], on=keys, suffixes=("_a", "_b"))
    a, b = both["primary_frame_a"], both["primary_frame_b"]
    return {"n": len(both), "agreement": round(float((a == b).mean()), 4), "kappa": round(float(cohen_kappa_score(a, b)), 4)}


def _held_out(gold: Sequence[str], model: list[str], lexicon: list[str], *, labels_path: str | Path) -> dict[str, Any]:
    """The held-out part of a model's meta: model and lexicon scores, and the coders' agreement."""
    classes = frame_classes()
    out: dict[str, Any] = {
        "test_model": scores(gold, model, classes=classes),
        "test_lexicon": scores(gold, lexicon, classes=classes),
    }
    if Path(SECOND_CODING).is_file():
        out["agreement"] = cohen_kappa(load_frame_labels(labels_path), load_frame_labels(SECOND_CODING))
    return out


def train_frame_model(
    *,
    labels_path: str | Path = FRAME_LABELS,
    corpora: str | Path = CORPORA,
    out: str | Path = FRAME_MODEL_FILE,
    allow_missing: bool = False,
) -> dict[str, Any]:
    """Train on the ``train`` split, score the held-out ``test`` split (model and lexicon), write the file.

    Returns the model file's ``meta``.

    Raises:
        ValueError: when a label cannot be used (its corpus file absent or unreadable, its offsets
            not a sentence of the parse) and ``allow_missing`` is not set: a model trained on part
            of the labels is never written over the shipped one by accident.

    Example (a folder without the corpora: nothing is written):
        >>> import tempfile
        >>> out = Path(tempfile.mkdtemp()) / "m.json.gz"
        >>> train_frame_model(corpora=tempfile.mkdtemp(), out=out)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ValueError: 8788 label(s) cannot be used (...): nothing written (--allow-missing trains on the rest)
        >>> out.exists()
        False
    """
    import sklearn

    labels = load_frame_labels(labels_path)
    features, found, problems, lexicon = labelled_features(labels, corpora=corpora)
    if problems and not allow_missing:
        raise ValueError(
            f"{len(labels) - len(found)} label(s) cannot be used ({problems[0]}; ...): nothing written (--allow-missing trains on the rest)"
        )
    labels = labels.loc[found].reset_index(drop=True)
    train = np.flatnonzero(labels["split"].to_numpy() == "train")
    test = np.flatnonzero(labels["split"].to_numpy() == "test")
    classes = frame_classes()
    content = fit([features[i] for i in train], labels.iloc[train], classes=classes)
    held_out = [features[i] for i in test]
    gold = labels["primary_frame"].iloc[test].tolist()
    content["meta"] = {
        "training_data": labels_version(labels_path),
        "labels_file": Path(labels_path).name,
        "n_train": int(len(train)),
        "n_test": int(len(test)),
        "left_out": problems,
        "pipeline": DEFAULT_PIPELINE,
        "trainer": f"scikit-learn {sklearn.__version__} LogisticRegression(C={C}, class_weight='balanced'), TF-IDF blocks {dict(zip(BLOCKS, BLOCK_WEIGHTS))}, min_df {MIN_DF}, secondary weight {SECONDARY_WEIGHT}",
        **_held_out(gold, predict(content, held_out), [lexicon[i] for i in test], labels_path=labels_path),
    }
    write_model(content, out)
    load_frame_model.cache_clear()
    return content["meta"]


def summary(meta: dict[str, Any]) -> str:
    """The held-out figures of a model's meta as a small text table.

    Example:
        >>> print(summary({"training_data": "guide 1", "n_train": 2, "n_test": 1,
        ...                "test_model": {"accuracy": 1.0, "macro_f1": 1.0, "macro_f1_frames": [], "per_frame": {}},
        ...                "test_lexicon": {"accuracy": 0.0, "macro_f1": 0.0}}).splitlines()[2])
        model          1.000     1.000
    """
    lines = [f"training data: {meta['training_data']}; train {meta['n_train']}, held-out test {meta['n_test']} sentences"]
    lines.append(
        f"{'':10} {'accuracy':>9} {'macro-F1':>9}   (macro-F1 over {len(meta['test_model']['macro_f1_frames'])} frames with >= {MIN_SUPPORT} test sentences)"
    )
    for name in ("model", "lexicon"):
        s = meta[f"test_{name}"]
        lines.append(f"{name:10} {s['accuracy']:>9.3f} {s['macro_f1']:>9.3f}")
    if "agreement" in meta:
        a = meta["agreement"]
        lines.append(f"second coding: {a['n']} sentences, agreement {a['agreement']:.3f}, Cohen's kappa {a['kappa']:.3f}")
    lines.append("per frame (model, held-out):  frame  precision  recall  F1  support")
    for frame, s in meta["test_model"]["per_frame"].items():
        lines.append(f"  {frame:32} {s['precision']:.3f}  {s['recall']:.3f}  {s['f1']:.3f}  {s['support']}")
    return "\n".join(lines)


def _no_corpora(corpora: str | Path) -> bool:
    """Whether the corpora folder is missing (said on standard error): the labels' texts are read from it."""
    if Path(corpora).is_dir():
        return False
    print(f"error: {corpora}: corpora folder not found (the labels' texts are read from it)", file=sys.stderr)
    return True


def main(argv: list[str] | None = None) -> int:
    """``python -m analysis train-frames``: train and write the model, or cross-validate with ``--cv``.

    Example:
        >>> main(["--corpora", "/nonexistent-corpora"])
        2
    """
    parser = argparse.ArgumentParser(prog="python -m analysis train-frames", description=__doc__.splitlines()[0])
    parser.add_argument("--labels", default=str(FRAME_LABELS), help="labels CSV (default: the shipped labels)")
    parser.add_argument("--corpora", default=str(CORPORA), help="folder the labels' corpus_file paths are under")
    parser.add_argument("--out", default=str(FRAME_MODEL_FILE), help="model file to write (default: the shipped model)")
    parser.add_argument("--cv", action="store_true", help="only cross-validate on the train split (no file written)")
    parser.add_argument("--allow-missing", action="store_true", help="train even when some labels' texts cannot be read")
    args = parser.parse_args(argv)
    if _no_corpora(args.corpora):
        return 2
    if args.cv:
        labels = load_frame_labels(args.labels)
        labels = labels[labels["split"] == "train"].reset_index(drop=True)
        features, found, problems, _ = labelled_features(labels, corpora=args.corpora)
        for problem in problems:
            print(problem, file=sys.stderr)
        print(cross_validate(features, labels.loc[found].reset_index(drop=True)))
        return 0
    try:
        meta = train_frame_model(labels_path=args.labels, corpora=args.corpora, out=args.out, allow_missing=args.allow_missing)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(summary(meta))
    print(f"wrote {args.out} (sha256 {model_checksum(args.out)})")
    return 0


def evaluate_model(
    *, model_path: str | Path = FRAME_MODEL_FILE, labels_path: str | Path = FRAME_LABELS, corpora: str | Path = CORPORA
) -> dict[str, Any]:
    """Score a model file and the lexicon on the held-out ``test`` split, from the texts (not the
    figures recorded at training): a meta-like dict for :func:`summary`.

    Example:
        >>> evaluate_model(corpora="/nonexistent-corpora")["n_test"]
        0
    """
    model = load_frame_model(model_path)
    labels = load_frame_labels(labels_path)
    labels = labels[labels["split"] == "test"].reset_index(drop=True)
    features, found, problems, lexicon = labelled_features(labels, corpora=corpora)
    labels = labels.loc[found].reset_index(drop=True)
    gold = labels["primary_frame"].tolist()
    predicted = [model.classes[k] for k in model.probabilities(features).argmax(axis=1)] if features else []
    return {
        **model.meta,
        "n_test": len(gold),
        "left_out": problems,
        **_held_out(gold, predicted, lexicon, labels_path=labels_path),
    }


def evaluate_main(argv: list[str] | None = None) -> int:
    """``python -m analysis evaluate-frames``: held-out scores of a model file and of the lexicon.

    Example:
        >>> evaluate_main(["--corpora", "/nonexistent-corpora"])
        2
    """
    parser = argparse.ArgumentParser(prog="python -m analysis evaluate-frames", description="held-out scores of a frame model")
    parser.add_argument("--model", default=str(FRAME_MODEL_FILE), help="model file (default: the shipped model)")
    parser.add_argument("--labels", default=str(FRAME_LABELS), help="labels CSV (default: the shipped labels)")
    parser.add_argument("--corpora", default=str(CORPORA), help="folder the labels' corpus_file paths are under")
    args = parser.parse_args(argv)
    if _no_corpora(args.corpora):
        return 2
    meta = evaluate_model(model_path=args.model, labels_path=args.labels, corpora=args.corpora)
    for problem in meta["left_out"]:
        print(problem, file=sys.stderr)
    print(summary(meta))
    return 0
