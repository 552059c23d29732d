"""The quote model: a confidence for every statement the extractor proposes, from a shipped model.

The rules of :mod:`analysis.extract.statements` find statements by their cue verbs, quotation marks
and layout, and with ``candidates=True`` they also propose every other verb with a subject and a
clause, infinitive or object (``method="verb"``). This model reads each proposal's features
(:func:`statement_features`: how it was found, its kind, cue lemma and class, the speaker's part of
speech, entity label and head word, the content's length and form, the zone) and gives the
probability that a coder of attribution (PolNeAR's Source, Cue, Content) would mark it. Trained with
``python -m analysis train-quotes`` on PolNeAR train; the build reads the shipped file
(``analysis/resources/models/quotes.json.gz``) and never trains.

A logistic regression over binary features gives a score; an isotonic map learned on held-out folds
of the training articles turns it into a calibrated ``confidence`` (:meth:`QuoteModel.confidence`).

    >>> from analysis.extract.context import ArticleContext
    >>> from analysis.extract.statements import find_statements
    >>> from analysis.io.records import RawArticle
    >>> ctx = ArticleContext.of(RawArticle("a", "a", "Talks\\n\\nThe minister said the talks had failed."))
    >>> st = find_statements(ctx.doc, ctx.layout, text=ctx.text)[0]
    >>> round(float(load_quote_model().confidence([statement_features(ctx.doc, st, zone="body")])[0]), 1) > 0.5
    True
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from analysis.config import RESOURCES_DIR
from analysis.lexicons.cues import load_cues
from analysis.models.files import model_checksum, read_model

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from analysis.extract.context import ArticleContext
    from analysis.extract.statements import Statement

__all__ = [
    "QUOTE_MODEL_FILE",
    "QuoteModel",
    "load_quote_model",
    "proposal_features",
    "quote_model_record",
    "statement_features",
]

QUOTE_MODEL_FILE = RESOURCES_DIR / "models" / "quotes.json.gz"
"""The shipped quote model (gzip'd JSON, written with a fixed time stamp so training is byte-reproducible)."""

#: content lengths in words, as upper bounds of buckets: a one-word object and a paragraph-long
#: clause are different things, and PolNeAR's contents are mostly clauses of 5 to 30 words
CONTENT_WORDS = (1, 3, 7, 15, 30)

#: speaker lengths in tokens, as upper bounds of buckets ("he", "Trump", "Donald Trump", a title and a name)
SPEAKER_TOKENS = (1, 2, 4)

#: words at the start of a content that say what kind of complement it is
COMPLEMENT_WORDS = frozenset({"that", "to", "whether", "if", "how", "why", "what", "when", "where", "who"})


def _bucket(value: int, bounds: Sequence[int]) -> str:
    """The bucket of a count: ``<=b`` for the first bound it does not exceed, else ``>last``.

    Example:
        >>> _bucket(2, (1, 3)), _bucket(9, (1, 3))
        ('<=3', '>3')
    """
    for bound in bounds:
        if value <= bound:
            return f"<={bound}"
    return f">{bounds[-1]}"


def statement_features(doc: Doc, statement: Statement, *, zone: str | None) -> list[str]:
    """The binary features of one proposed statement (names ``group=value``).

    Example:
        >>> from analysis.extract.statements import Statement
        >>> from analysis.nlp.pipeline import load_pipeline
        >>> doc = load_pipeline()("Officials said the deal was off.")
        >>> statement_features(doc, Statement(15, 31, "indirect", (10, 14), "say", (0, 9)), zone="body")[:4]
        ['m=cue', 'k=indirect', 'mk=cue|indirect', 'z=body']
    """
    text = doc.text
    cues = load_cues()
    lemma = statement.cue_lemma or "-"
    row = cues.get(lemma)
    cue_class = "attribution" if lemma == "according to" else (row["class"] if row else ("none" if lemma == "-" else "unknown"))
    out = [
        f"m={statement.source}",
        f"k={statement.kind}",
        f"mk={statement.source}|{statement.kind}",
        f"z={zone or '-'}",
        f"c={lemma}",
        f"cc={cue_class}",
        f"mc={statement.source}|{cue_class}",
        f"ck={lemma}|{statement.kind}",
    ]
    content = doc.char_span(statement.start, statement.end, alignment_mode="expand")
    words = len(text[statement.start : statement.end].split())
    out.append(f"cw={_bucket(words, CONTENT_WORDS)}")
    out.append(f"mcw={statement.source}|{_bucket(words, CONTENT_WORDS)}")
    if content is not None and len(content):
        first = content[0].lower_
        out.append(f"cf={first if first in COMPLEMENT_WORDS else content[0].pos_}")
        if content[0].is_title and content[0].pos_ != "PROPN" and content[0].lower_ != "i" and not content[0].is_sent_start:
            out.append("c_cap")  # "researchers say It means": a capital mid-sentence, two texts run together
        root = content.root
        attach = f"{root.dep_}:{root.head.lower_}" if root.dep_ in ("pobj", "pcomp") else root.dep_
        out += [f"cr={root.pos_}", f"ca={attach}", f"cla={lemma}|{attach}"]
        if any(t.pos_ in ("VERB", "AUX") for t in content):
            out.append("c_verb")
        if root.ent_type_:
            out.append(f"ce={root.ent_type_}")
    if any(ch in text[statement.start : statement.end] for ch in '“”"'):
        out.append("c_marks")
    if statement.cue is not None:
        cue = doc.char_span(statement.cue[0], statement.cue[1], alignment_mode="expand")
        verb = max(cue, key=lambda t: t.pos_ in ("VERB", "AUX")) if cue is not None and len(cue) else None
        if verb is not None:
            out += [f"vd={verb.dep_}", f"vt={verb.tag_}", f"cd={lemma}|{verb.dep_}"]
            if any(c.dep_ == "neg" for c in verb.children):
                out.append("v_neg")
            out += [f"vm={c.lower_}" for c in verb.children if c.dep_ == "mark"]  # "if you say ...": a condition
        out.append("cue_after" if statement.cue[0] >= statement.end else "cue_before")
    else:
        out.append("no_cue")
    out += _speaker_features(doc, statement)
    if statement.via is not None:
        out.append("via")
    if statement.inherits is not None:
        out.append("inherits")
    end = text[statement.end : statement.end + 3]
    if "?" in end or text[statement.start : statement.end].rstrip('”" ').endswith("?"):
        out.append("question")
    return out


def proposal_features(ctx: ArticleContext, statements: Sequence[Statement]) -> list[list[str]]:
    """The features of each statement of one article, each in the zone of the sentence it starts in:
    what the build scores, what training learns from and what the cost benchmark times.

    Example:
        >>> from analysis.extract.context import ArticleContext
        >>> from analysis.extract.statements import find_statements
        >>> from analysis.io.records import RawArticle
        >>> ctx = ArticleContext.of(RawArticle("a", "a", "Talks\\n\\nThe minister said the talks had failed."))
        >>> [f for f in proposal_features(ctx, find_statements(ctx.doc, ctx.layout, text=ctx.text))[0] if f.startswith("z=")]
        ['z=body']
    """
    rows = ctx.index.rows
    return [
        statement_features(ctx.doc, st, zone=rows[ctx.index.nearest(st.start)]["zone"] if rows else None) for st in statements
    ]


def _speaker_features(doc: Doc, statement: Statement) -> list[str]:
    """What kind of speaker a statement has: none, a pronoun, a name, an entity, a head word."""
    if statement.speaker is None:
        return ["sp=none", f"msp={statement.source}|none"]
    span = doc.char_span(statement.speaker[0], statement.speaker[1], alignment_mode="expand")
    if span is None or not len(span):
        return ["sp=unaligned"]
    root = span.root
    out = [
        f"sp={root.pos_}",
        f"msp={statement.source}|{root.pos_}",
        f"spe={root.ent_type_ or '-'}",
        f"spn={_bucket(len(span), SPEAKER_TOKENS)}",
        f"sph={root.lemma_.lower() if root.pos_ != 'PROPN' else 'PROPN'}",
    ]
    if root.pos_ == "PRON":
        out.append(f"spw={root.lower_}")
    return out


@dataclass(frozen=True)
class QuoteModel:
    """A trained statement scorer (read by :func:`load_quote_model`, written by
    :func:`analysis.models.quote_training.train_quote_model`)."""

    vocabulary: Mapping[str, int]  # feature -> index of ``coef``
    coef: np.ndarray
    intercept: float
    calibration: tuple[np.ndarray, np.ndarray]  # isotonic map: raw probability -> confidence
    threshold: float  # the documented default ``--min-quote-confidence``
    meta: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_content(cls, data: Mapping[str, Any]) -> QuoteModel:
        """The model a model file's content describes.

        Example:
            >>> m = QuoteModel.from_content({"features": ["m=cue"], "coef": [2.0], "intercept": -1.0,
            ...                              "calibration": {"x": [0, 1], "y": [0, 1]}, "threshold": 0.5})
            >>> m.confidence([["m=cue"], []]).round(3).tolist()
            [0.731, 0.269]
        """
        return cls(
            vocabulary={name: i for i, name in enumerate(data["features"])},
            coef=np.asarray(data["coef"], dtype=np.float64),
            intercept=float(data["intercept"]),
            calibration=(
                np.asarray(data["calibration"]["x"], dtype=np.float64),
                np.asarray(data["calibration"]["y"], dtype=np.float64),
            ),
            threshold=float(data["threshold"]),
            meta=data.get("meta", {}),
        )

    def probabilities(self, features: Sequence[Sequence[str]]) -> np.ndarray:
        """The logistic regression's raw probability for each statement's features."""
        scores = np.full(len(features), self.intercept)
        for k, names in enumerate(features):
            rows = [self.vocabulary[f] for f in set(names) if f in self.vocabulary]
            if rows:
                scores[k] += self.coef[np.asarray(sorted(rows), dtype=np.int64)].sum()
        return 1.0 / (1.0 + np.exp(-scores))

    def confidence(self, features: Sequence[Sequence[str]]) -> np.ndarray:
        """Calibrated confidence (0 to 1) for each statement's features."""
        x, y = self.calibration
        return np.interp(self.probabilities(features), x, y)


@lru_cache(maxsize=4)
def load_quote_model(path: str | Path = QUOTE_MODEL_FILE) -> QuoteModel:
    """Read a quote model file (default: the shipped one), once per process.

    Example:
        >>> 0 < load_quote_model().threshold < 1
        True
    """
    return QuoteModel.from_content(read_model(path, kind="quote"))


def quote_model_record(path: str | Path = QUOTE_MODEL_FILE) -> dict[str, Any]:
    """What a data package records of the quote model it was built with: file, SHA-256, training
    data version, default threshold and held-out figures.

    Example:
        >>> sorted(quote_model_record())
        ['file', 'held_out', 'name', 'sha256', 'threshold', 'trainer', 'training_data']
    """
    model = load_quote_model(path)
    root = RESOURCES_DIR.parents[1]
    return {
        "name": "quotes",
        "file": Path(path).relative_to(root).as_posix() if Path(path).is_relative_to(root) else str(path),
        "sha256": model_checksum(path),
        "training_data": model.meta.get("training_data"),
        "trainer": model.meta.get("trainer"),
        "threshold": model.threshold,
        "held_out": {k: v for k, v in (model.meta.get("held_out") or {}).items() if k not in ("curve", "reliability")},
    }
