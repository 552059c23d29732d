"""The labelled frame sentences: offsets into corpus files, their text read at run time.

``analysis/resources/labels/frame_labels.csv`` holds one row per sentence coded by the guide
(``frames_guide.md`` beside it): ``corpus_file`` (under ``../shared/corpora``), ``start_char``,
``end_char``, ``primary_frame``, ``secondary_frames`` (``;``-separated), ``split`` (``train`` or the
held-out ``test``), ``coder`` and ``guide_version``. ``frame_labels_second.csv`` is an independent
second coding of some of them, for agreement. No corpus text is stored.

    >>> labels = load_frame_labels()
    >>> sorted(labels["split"].unique())
    ['test', 'train']
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from analysis.config import RESOURCES_DIR, SHARED_DIR

__all__ = ["LABELS_DIR", "FRAME_LABELS", "SECOND_CODING", "labels_version", "load_frame_labels", "sentence_texts"]

LABELS_DIR = RESOURCES_DIR / "labels"
FRAME_LABELS = LABELS_DIR / "frame_labels.csv"
"""The frame labels the shipped model was trained and measured on."""
SECOND_CODING = LABELS_DIR / "frame_labels_second.csv"
"""The independent second coding (a subset), for Cohen's kappa."""
CORPORA = SHARED_DIR / "corpora"
"""Where ``corpus_file`` paths point."""

LABEL_COLUMNS = ["corpus_file", "start_char", "end_char", "primary_frame", "secondary_frames", "split", "coder", "guide_version"]


def load_frame_labels(path: str | Path = FRAME_LABELS) -> pd.DataFrame:
    """The label rows of a labels file (columns above; ``secondary_frames`` empty string when none).

    Raises:
        ValueError: naming the file and what is missing.

    Example:
        >>> list(load_frame_labels().columns[:3])
        ['corpus_file', 'start_char', 'end_char']
    """
    path = Path(path)
    frame = pd.read_csv(
        path, dtype={"corpus_file": str, "secondary_frames": str, "split": str, "coder": str}, keep_default_na=False
    )
    missing = [c for c in LABEL_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {', '.join(missing)}")
    return frame[LABEL_COLUMNS]


def labels_version(path: str | Path = FRAME_LABELS) -> str:
    """The training data version of a labels file: guide version(s) and the file's SHA-256 prefix.

    Example:
        >>> labels_version().startswith("guide 1; sha256 ")
        True
    """
    data = Path(path).read_bytes()
    guides = sorted({str(v) for v in load_frame_labels(path)["guide_version"]})
    return f"guide {', '.join(guides)}; sha256 {hashlib.sha256(data).hexdigest()[:16]}"


def sentence_texts(labels: pd.DataFrame, *, corpora: str | Path = CORPORA) -> list[str | None]:
    """The text of each labelled sentence, read from its corpus file (``None`` where the file is absent).

    Example:
        >>> sentence_texts(load_frame_labels().head(1), corpora="/nonexistent")
        [None]
    """
    cache: dict[str, str | None] = {}
    out: list[str | None] = []
    for row in labels.itertuples():
        if row.corpus_file not in cache:
            file = Path(corpora) / row.corpus_file
            cache[row.corpus_file] = file.read_text(encoding="utf-8") if file.is_file() else None
        text = cache[row.corpus_file]
        out.append(None if text is None else text[int(row.start_char) : int(row.end_char)])
    return out
