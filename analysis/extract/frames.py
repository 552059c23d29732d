"""How the story is told: issue frames, loaded words and reporting styles, as tidy tables.

Issue frames follow the 15 frames of the Policy Frames Codebook (Boydstun et al. 2014), the coding
scheme of the Media Frames Corpus. A documented lexicon (``analysis/resources/frames.yml``) lists
lemma cues and multi-word lemma patterns per frame; they are matched with spaCy's ``PhraseMatcher``
on lowercased lemmas (and, as a fallback, lowercased words), built once per vocabulary and lexicon.

- :func:`frame_rows`: rows of the ``frames`` table, one per sentence x frame hit, with a score.
- :func:`frame_profile`: frame profiles per article (or any grouping), headline and lead weighted.
- :func:`primary_frame`: the top frame of a single sentence (``other`` when nothing matches).
- :func:`evaluative_rows`: loaded words (``analysis/resources/evaluative.csv``) flagged per sentence.
- :func:`reporting_styles`: statements per reporting-verb class, per speaker (from ``quotes``).

    >>> primary_frame("NATO allies threatened sanctions over the deal.")
    'external_regulation_reputation'
    >>> primary_frame("The weather was lovely.")
    'other'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from spacy.language import Language
from spacy.tokens import Doc, Span

from analysis.io.schema import TABLES, Row, Table, conform
from analysis.lexicons.frames import OTHER, Lexicon, _lexicon
from analysis.nlp.arrays import positions
from analysis.nlp.phrases import term_matches
from analysis.text.spans import SentenceIndex


@dataclass(frozen=True)
class FrameMatch:
    """A frame cue found in a text: the term, its frame and weight, and where it is."""

    frame: str
    term: str
    weight: float
    start_char: int
    end_char: int


_TITLE_DEPS = ("compound", "nmod", "appos")


_CLAUSE_DEPS = ("relcl", "acl", "advcl", "ccomp")


def _described(token) -> bool:
    """An appositive with a determiner ("a Muslim", "the former governor"): a description, not a title."""
    return token.dep_ == "appos" and any(c.dep_ in ("det", "poss") for c in token.children)


def title_tokens(doclike: Doc | Span) -> set[int]:
    """Indices of the tokens that form a named person's title or appositive description.

    A title is a modifier (``compound``, ``nmod``) or a bare appositive (one without a determiner) of a
    ``PERSON`` entity token that is not part of the name itself, with what it governs, except clauses:
    "Sheriff Joe Arpaio", "Kathryn Wheelbarger, Acting Assistant Secretary of Defense, ...". Frame cues
    inside titles are not counted: a title says who acts or speaks, not what the sentence is about.
    Appositives with a determiner describe the person ("Khan, a Muslim, ...") and are kept.

    Example:
        >>> from analysis.nlp.pipeline import load_pipeline
        >>> doc = load_pipeline()("Defense Secretary Ash Carter praised the deal.")
        >>> [doc[i].text for i in sorted(title_tokens(doc))]
        ['Defense', 'Secretary']
    """
    doc = doclike.doc if isinstance(doclike, Span) else doclike
    lo, hi = (doclike.start, doclike.end) if isinstance(doclike, Span) else (0, len(doc))
    out: set[int] = set()
    for i in positions(doc, "ENT_TYPE", "PERSON"):
        if not lo <= i < hi:
            continue
        for child in doc[i].children:
            if child.dep_ in _TITLE_DEPS and child.ent_type_ != "PERSON" and not _described(child):
                stack = [child]
                while stack:
                    node = stack.pop()
                    out.add(node.i)
                    stack.extend(c for c in node.children if c.dep_ not in _CLAUSE_DEPS)
    return out


def frame_matches(doclike: Doc | Span, *, lexicon: Lexicon | str | Path | None = None) -> list[FrameMatch]:
    """Every frame cue of ``doclike``, in text order (a term listed under two frames gives two).

    Cues inside a named person's title are skipped (see :func:`title_tokens`).

    Args:
        doclike: A parsed ``Doc`` or ``Span``.
        lexicon: A :class:`Lexicon` or the path of a lexicon file; default the built-in one.

    Returns:
        :class:`FrameMatch` objects in text order, frames in lexicon order at the same place.

    Example:
        >>> from analysis.nlp.pipeline import load_pipeline
        >>> doc = load_pipeline()("Polls show voters fear the war.")
        >>> [(m.frame, m.term) for m in frame_matches(doc)]
        [('public_opinion', 'poll'), ('political', 'voter'), ('security_defense', 'war')]
    """
    lex = _lexicon(lexicon)
    term_frames = lex.term_frames
    titles = title_tokens(doclike)
    out: list[FrameMatch] = []
    for match in term_matches(doclike, term_frames):
        if all(i in titles for i in range(match.start, match.end)):
            continue
        for frame_id, weight in term_frames[match.term]:
            out.append(FrameMatch(frame_id, match.term, weight, match.start_char, match.end_char))
    return out


def frame_scores(doclike: Doc | Span, *, lexicon: Lexicon | str | Path | None = None) -> dict[str, float]:
    """Score of every frame in ``doclike``: the sum of the weights of its matched terms.

    Args:
        doclike: A parsed ``Doc`` or ``Span``.
        lexicon: A :class:`Lexicon` or a lexicon path; default the built-in one.

    Returns:
        Frame id -> score (rounded to 4 decimals) for the frames with a match, in lexicon order.

    Example:
        >>> from analysis.nlp.pipeline import load_pipeline
        >>> frame_scores(load_pipeline()("The Pentagon warned of sanctions against its NATO ally."))
        {'security_defense': 1.0, 'external_regulation_reputation': 3.0}
    """
    lex = _lexicon(lexicon)
    totals: dict[str, float] = {}
    for match in frame_matches(doclike, lexicon=lex):
        totals[match.frame] = totals.get(match.frame, 0.0) + match.weight
    return {f: round(totals[f], 4) for f in lex.ids if f in totals}


def primary_frame(
    text_or_doc: str | Doc | Span,
    *,
    nlp: Language | None = None,
    lexicon: Lexicon | str | Path | None = None,
) -> str:
    """The top-scoring frame of a single sentence (or any short text).

    Ties go to the frame listed first in the lexicon; a text without any cue gets ``other``.

    Args:
        text_or_doc: A string (parsed with ``nlp``), a parsed ``Doc`` or a ``Span``.
        nlp: Pipeline for strings; default :func:`analysis.nlp.pipeline.load_pipeline`.
        lexicon: A :class:`Lexicon` or a lexicon path; default the built-in one.

    Returns:
        A frame id.

    Example:
        >>> primary_frame("The Supreme Court struck down the law as unconstitutional.")
        'legality_constitutionality'
        >>> primary_frame("Unemployment fell as the economy added jobs.")
        'economic'
    """
    if isinstance(text_or_doc, str):
        if nlp is None:
            from analysis.nlp.pipeline import load_pipeline

            nlp = load_pipeline()
        text_or_doc = nlp(text_or_doc)
    scores = frame_scores(text_or_doc, lexicon=lexicon)
    if not scores:
        return OTHER
    best = max(scores.values())
    return next(frame for frame, score in scores.items() if score == best)


FRAME_MIN_PROBABILITY = 0.1
"""A frame the model gives a sentence at least this probability gets a row (the primary frame and
frames with a lexicon cue always do): enough for shares, without 15 rows per sentence."""

_SHIPPED = object()


def frame_rows(
    doc: Doc,
    sentences: Sequence[Mapping[str, Any]] | pd.DataFrame | SentenceIndex,
    *,
    lexicon: Lexicon | str | Path | None = None,
    model: Any = _SHIPPED,
) -> list[Row]:
    """Rows of the ``frames`` table for one article: every sentence gets a frame decision.

    The frame model (:mod:`analysis.models.frames`, the shipped file unless ``model`` names another;
    ``None`` for the lexicon alone) gives each sentence a ``probability`` per frame; its top frame is
    the sentence's ``primary`` one (``other`` when nothing applies). A sentence has a row for its
    primary frame, for each frame of probability at least :data:`FRAME_MIN_PROBABILITY`, and for
    each frame the lexicon cues: ``score`` is the sum of the weights of the matched lexicon terms
    (0 without a cue), ``terms`` lists them (lemmas, text order, ``"; "``). Without a model,
    sentences without a cue have no row and ``primary`` marks the top-scoring cue frame.

    Args:
        doc: The article parsed once (offsets index the article text).
        sentences: The article's ``sentences`` rows (dicts, a DataFrame or a sentence index): article_id, sentence_id,
            zone, start_char, end_char.
        lexicon: A :class:`Lexicon` or a lexicon path; default the built-in one (the model's cue
            features always come from the built-in lexicon it was trained with).
        model: A :class:`analysis.models.frames.FrameModel`, a model file, or ``None``.

    Returns:
        Row dicts (article_id, sentence_id, zone, frame, score, n_terms, terms, probability,
        primary), by sentence, then frame in lexicon order.

    Example:
        >>> from analysis.nlp.pipeline import load_pipeline
        >>> doc = load_pipeline()("NATO allies met. Polls show voters fear war.")
        >>> sents = [{"article_id": "a", "sentence_id": i, "zone": "body", "start_char": s.start_char,
        ...           "end_char": s.end_char, "text": s.text} for i, s in enumerate(doc.sents)]
        >>> [(r["sentence_id"], r["frame"], r["score"], r["terms"]) for r in frame_rows(doc, sents, model=None)]
        [(0, 'external_regulation_reputation', 2.0, 'nato; ally'), (1, 'security_defense', 1.0, 'war'), (1, 'public_opinion', 2.0, 'poll'), (1, 'political', 1.0, 'voter')]
        >>> [(r["sentence_id"], r["frame"]) for r in frame_rows(doc, sents) if r["primary"]]
        [(0, 'external_regulation_reputation'), (1, 'public_opinion')]
    """
    lex = _lexicon(lexicon)
    builtin = _lexicon(None)
    index = SentenceIndex.of(sentences)
    order = {f: i for i, f in enumerate(lex.ids)}
    matches = frame_matches(doc, lexicon=lex)
    hits: dict[tuple[int, str], list[FrameMatch]] = {}
    for match in matches:
        row = index.containing(match.start_char, match.end_char)
        if row is not None:
            hits.setdefault((int(row["sentence_id"]), match.frame), []).append(match)
    totals: dict[tuple[int, str], float] = {}
    for key, found in hits.items():
        total = 0.0
        for m in found:
            total += m.weight
        totals[key] = total
    rows = list(index.rows)
    if model is _SHIPPED or isinstance(model, (str, Path)):
        from analysis.models.frames import FRAME_MODEL_FILE, load_frame_model

        model = load_frame_model(FRAME_MODEL_FILE if model is _SHIPPED else model)
    chosen: dict[int, dict[str, float]] = {}
    primary: dict[int, str] = {}
    if model is not None and rows:
        from analysis.models.frames import sentence_features

        model_matches = matches if lex is builtin else frame_matches(doc, lexicon=builtin)
        cues = [(m.start_char, m.end_char, m.frame) for m in model_matches]
        probabilities = model.probabilities(sentence_features(doc, rows, cues=cues))
        for row, p in zip(rows, probabilities):
            sid = int(row["sentence_id"])
            top = int(p.argmax())
            primary[sid] = model.classes[top]
            chosen[sid] = {
                c: round(float(v), 4) for k, (c, v) in enumerate(zip(model.classes, p)) if v >= FRAME_MIN_PROBABILITY or k == top
            }
            for c, v in zip(model.classes, p):
                if (sid, c) in hits:
                    chosen[sid].setdefault(c, round(float(v), 4))
    else:  # the lexicon's own rule (:func:`primary_frame`): the top score, ties in lexicon order
        for (sid, frame), total in totals.items():
            best = primary.get(sid)
            if best is None or (total, -order[frame]) > (totals[(sid, best)], -order[best]):
                primary[sid] = frame
    keys = set(hits) | {(sid, frame) for sid, frames in chosen.items() for frame in frames}
    by_id = {int(r["sentence_id"]): r for r in rows}
    rank = {f: i for i, f in enumerate(dict.fromkeys([*lex.ids, *(model.classes if model is not None else ())]))}
    out: list[Row] = []
    for sentence_id, frame in sorted(keys, key=lambda k: (k[0], rank.get(k[1], len(rank)))):
        row = by_id[sentence_id]
        found = hits.get((sentence_id, frame), [])
        out.append(
            {
                "article_id": row["article_id"],
                "sentence_id": sentence_id,
                "zone": row.get("zone"),
                "frame": frame,
                "score": round(totals.get((sentence_id, frame), 0.0), 4),
                "n_terms": len(found),
                "terms": "; ".join(m.term for m in found) or None,
                "probability": chosen.get(sentence_id, {}).get(frame),
                "primary": primary.get(sentence_id) == frame,
            }
        )
    return out


#: Column contracts of the ``frames`` and ``evaluative`` tables (defined in ``analysis.io.schema``).
FRAMES_TABLE: Table = TABLES["frames"]


def as_table(rows: Iterable[Mapping[str, Any]] | pd.DataFrame, table: Table) -> pd.DataFrame:
    """Rows typed as a table spec says: its columns in order and dtype, extra columns kept at the end.

    A thin spelling of :func:`analysis.io.schema.conform` for a table spec; empty strings become ``<NA>``.

    Example:
        >>> frame = as_table([{"article_id": "a", "sentence_id": 0, "frame": "economic", "score": 1.5}], FRAMES_TABLE)
        >>> frame.dtypes.astype(str).tolist()
        ['string', 'Int64', 'string', 'string', 'Float64', 'Int64', 'string', 'Float64', 'boolean']
    """
    frame = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame(list(rows))
    return conform(frame, table.name)
