"""The sentence frame classifier: a probability per issue frame for every sentence, from a shipped model.

The lexicon (:mod:`analysis.extract.frames`) says which cue words a sentence holds; this model says
which frame a coder would give it, cues or not, trained on sentences labelled by the coding guide
(``analysis/resources/labels/frames_guide.md``) with ``python -m analysis train-frames``. The build
reads the shipped file (``analysis/resources/models/frames.json.gz``) and never trains.

Features (:func:`sentence_features`) come in three blocks per sentence, each TF-IDF weighted
(sublinear term frequency, idf and vocabulary from the training sentences, unit length) and scaled
by the block's weight:

- ``sentence``: its content lemmas and lemma bigrams, the built-in lexicon's frame cues
  (``x:economic``), its entity labels (``e:GPE``) and its zone (``z:headline``);
- ``context``: the content lemmas of the sentences just before and after it;
- ``article``: the content lemmas and lexicon cues of the whole article (what the story is about
  decides many a short sentence: "The spokesman declined to comment.").

A multinomial logistic regression over them gives the probabilities (:meth:`FrameModel.probabilities`).

    >>> from analysis.extract.context import ArticleContext
    >>> from analysis.io.records import RawArticle
    >>> ctx = ArticleContext.of(RawArticle("a", "a", "Primary\\n\\nThe senator won the party's nomination in the primary election."))
    >>> model = load_frame_model()
    >>> model.classes[int(model.probabilities(sentence_features(ctx.doc, ctx.index.rows)).argmax(axis=1)[1])]
    'political'
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from spacy.tokens import Doc

from analysis.config import RESOURCES_DIR
from analysis.models.files import model_checksum, read_model

__all__ = [
    "BLOCKS",
    "FRAME_MODEL_FILE",
    "FrameModel",
    "load_frame_model",
    "model_record",
    "sentence_features",
]

FRAME_MODEL_FILE = RESOURCES_DIR / "models" / "frames.json.gz"
"""The shipped frame model (gzip'd JSON, written with a fixed time stamp so training is byte-reproducible)."""

BLOCKS = ("sentence", "context", "article")
"""The feature blocks of a sentence, in model order (see the module docstring)."""

_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "ADV", "NUM"})
"""Parts of speech whose lemmas are features: what a sentence is about, not how it is built."""


def _lemmas(doc: Doc, start: int, end: int) -> list[str]:
    """Lowercased lemmas of the content words of ``doc[start:end]`` (numbers as ``#``)."""
    out = []
    for token in doc[start:end]:
        if token.is_stop or token.is_punct or token.is_space or token.pos_ not in _CONTENT_POS:
            continue
        if token.like_num or token.pos_ == "NUM":
            out.append("#")
        elif any(ch.isalpha() for ch in token.text):
            out.append(token.lemma_.lower())
    return out


def sentence_features(
    doc: Doc,
    sentences: Sequence[Mapping[str, Any]],
    *,
    cues: Sequence[tuple[int, int, str]] | None = None,
) -> list[tuple[list[str], list[str], list[str]]]:
    """The feature strings of every sentence, one list per block of :data:`BLOCKS`.

    Args:
        doc: The article's one spaCy pass (offsets index the article text).
        sentences: Its ``sentences`` rows (``start_char``, ``end_char``, ``zone``), in text order.
        cues: Lexicon frame cues as (start_char, end_char, frame) from the built-in lexicon; found
            here when not given (:func:`analysis.extract.frames.frame_matches`).

    Returns:
        ``[(sentence_block, context_block, article_block), ...]``, one per sentence.

    Example:
        >>> from analysis.nlp.pipeline import load_pipeline
        >>> doc = load_pipeline()("Turkey bought missiles. NATO allies objected.")
        >>> rows = [{"start_char": s.start_char, "end_char": s.end_char, "zone": "body"} for s in doc.sents]
        >>> sentence_features(doc, rows)[1][0]
        ['w:nato', 'w:ally', 'w:object', 'b:nato_ally', 'b:ally_object', 'x:external_regulation_reputation', 'x:external_regulation_reputation', 'e:ORG', 'z:body']
    """
    if cues is None:
        from analysis.extract.frames import frame_matches

        cues = [(m.start_char, m.end_char, m.frame) for m in frame_matches(doc)]
    spans = []
    for row in sentences:
        span = doc.char_span(int(row["start_char"]), int(row["end_char"]), alignment_mode="expand")
        spans.append((span.start, span.end) if span is not None else (0, 0))
    starts = [int(row["start_char"]) for row in sentences]
    ends = [int(row["end_char"]) for row in sentences]
    cue_at: list[list[str]] = [[] for _ in sentences]
    for start, end, frame in cues:  # one binary search per cue: the sentence that holds it
        k = bisect_right(starts, start) - 1
        if k >= 0 and end <= ends[k]:
            cue_at[k].append("x:" + frame)
    labels_at: list[list[str]] = [[] for _ in sentences]
    token_starts = [s for s, _ in spans]
    for ent in doc.ents:
        k = bisect_right(token_starts, ent.start) - 1
        if k >= 0 and ent.start < spans[k][1]:
            labels_at[k].append("e:" + ent.label_)
    lemmas = [_lemmas(doc, s, e) for s, e in spans]
    article = [f"a:{w}" for words in lemmas for w in words] + [f"a{c}" for found in cue_at for c in found]
    out = []
    for k, row in enumerate(sentences):
        words = lemmas[k]
        own = [f"w:{w}" for w in words] + [f"b:{a}_{b}" for a, b in zip(words, words[1:])]
        own += cue_at[k] + labels_at[k] + [f"z:{row.get('zone') or 'body'}"]
        around = [f"c:{w}" for j in (k - 1, k + 1) if 0 <= j < len(lemmas) for w in lemmas[j]]
        out.append((own, around, article))
    return out


@dataclass(frozen=True)
class FrameModel:
    """A trained frame classifier (read by :func:`load_frame_model`, written by
    :func:`analysis.models.frame_training.train_frame_model`)."""

    classes: tuple[str, ...]
    vocabularies: tuple[Mapping[str, int], ...]  # per block: feature -> row of ``coef``
    idf: np.ndarray  # per feature row
    weights: tuple[float, ...]  # per block
    coef: np.ndarray  # (n_features, n_classes)
    intercept: np.ndarray  # (n_classes,)
    meta: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_content(cls, data: Mapping[str, Any]) -> FrameModel:
        """The model a model file's content describes (features per block, idf, weights, coefficients).

        Example:
            >>> FrameModel.from_content({"classes": ["a"], "features": [["w:x"], [], []], "idf": [1.0],
            ...                          "weights": [1, 1, 1], "coef": [[0.5]], "intercept": [0.0]}).vocabularies[0]
            {'w:x': 0}
        """
        vocabularies, offset = [], 0
        for names in data["features"]:
            vocabularies.append({name: offset + i for i, name in enumerate(names)})
            offset += len(names)
        return cls(
            classes=tuple(data["classes"]),
            vocabularies=tuple(vocabularies),
            idf=np.asarray(data["idf"], dtype=np.float64),
            weights=tuple(float(w) for w in data["weights"]),
            coef=np.asarray(data["coef"], dtype=np.float64),
            intercept=np.asarray(data["intercept"], dtype=np.float64),
            meta=data.get("meta", {}),
        )

    def scores(self, features: Sequence[Sequence[Sequence[str]]]) -> np.ndarray:
        """The linear scores (n_sentences, n_classes) of some sentences' features: each block's
        TF-IDF row is made only over the features present, and multiplied into the coefficients at
        once (no sentence x vocabulary matrix is ever made)."""
        scores = np.tile(self.intercept, (len(features), 1))
        for k, blocks in enumerate(features):
            for block, vocabulary, weight in zip(blocks, self.vocabularies, self.weights):
                counts = Counter(vocabulary[f] for f in block if f in vocabulary)
                if not counts:
                    continue
                rows = np.fromiter(counts, dtype=np.int64, count=len(counts))
                values = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))) * self.idf[rows]
                values *= weight / math.sqrt(float(values @ values))
                scores[k] += values @ self.coef[rows]
        return scores

    def probabilities(self, features: Sequence[Sequence[Sequence[str]]]) -> np.ndarray:
        """Probability of each class (columns in :attr:`classes` order) for each sentence.

        Example:
            >>> load_frame_model().probabilities([([], [], [])]).sum().round(6)
            np.float64(1.0)
        """
        scores = self.scores(features)
        scores -= scores.max(axis=1, keepdims=True)
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=1, keepdims=True)
        return scores


@lru_cache(maxsize=4)
def load_frame_model(path: str | Path = FRAME_MODEL_FILE) -> FrameModel:
    """Read a frame model file (default: the shipped one), once per process.

    Example:
        >>> load_frame_model().classes[:2]
        ('economic', 'capacity_resources')
    """
    return FrameModel.from_content(read_model(path, kind="frame"))


def model_record(path: str | Path = FRAME_MODEL_FILE) -> dict[str, Any]:
    """What a data package records of the frame model it was built with: file, SHA-256, training
    data version and held-out figures (model and lexicon), so a figure can be traced to its model.

    Example:
        >>> sorted(model_record())
        ['agreement', 'file', 'held_out', 'name', 'sha256', 'trainer', 'training_data']
    """
    meta = load_frame_model(path).meta
    held_out = {
        name: {
            "n": meta[f"test_{name}"]["n"],
            "accuracy": meta[f"test_{name}"]["accuracy"],
            "macro_f1": meta[f"test_{name}"]["macro_f1"],
        }
        for name in ("model", "lexicon")
        if f"test_{name}" in meta
    }
    return {
        "name": "frames",
        "file": Path(path).relative_to(RESOURCES_DIR.parents[1]).as_posix()
        if Path(path).is_relative_to(RESOURCES_DIR.parents[1])
        else str(path),
        "sha256": model_checksum(path),
        "training_data": meta.get("training_data"),
        "trainer": meta.get("trainer"),
        "held_out": held_out,
        "agreement": meta.get("agreement"),
    }
