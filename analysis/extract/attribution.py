"""Rows of the ``quotes`` and ``sources`` tables for one article.

``quotes``: one row per reported statement (see :mod:`analysis.extract.statements`), speakers resolved by
:mod:`analysis.extract.speakers`. ``sources``: every provenance credit: wire and author bylines, photo
credits, agencies that relayed a statement, "according to" sources, statements and other media.

    >>> from analysis.io.records import RawArticle
    >>> from analysis.extract.tables import article_tables
    >>> t = article_tables(RawArticle("a", "a.txt", "Head\\n\\nBy AFP\\nThe minister said the deal was done."))
    >>> t["sources"][["kind", "name"]].values.tolist()
    [['byline_agency', 'AFP']]
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from analysis.extract.acts import act_of
from analysis.extract.context import ArticleContext
from analysis.extract.speakers import resolve_speakers
from analysis.extract.speech import via_kind
from analysis.extract.statements import find_statements
from analysis.io.schema import Row
from analysis.lexicons.agencies import load_agencies
from analysis.lexicons.cues import load_cues
from analysis.models.quotes import load_quote_model, proposal_features
from analysis.nlp.arrays import positions, subtree
from analysis.text.spans import find_span

#: An agency named in a dateline ("ANKARA (AFP) -") is searched up to this many characters past the
#: dateline's end: room for the parenthesis, a dash and a long agency name.
DATELINE_AGENCY_REACH = 12
#: The ``sources`` kind of a statement's medium (``quotes.via_kind``).
SOURCE_OF_VIA = {"agency": "relayed_agency", "outlet": "other_media", "platform": "other_media", "document": "statement"}
#: decimals kept of a quote's confidence: finer than any calibration bin, and stable bytes
CONFIDENCE_DIGITS = 4


def quote_threshold(min_confidence: float | None = None) -> float:
    """The confidence a statement needs to be a row: ``min_confidence``, else the shipped quote
    model's documented default.

    Example:
        >>> quote_threshold(0.7), quote_threshold() == load_quote_model().threshold
        (0.7, True)
    """
    return float(min_confidence) if min_confidence is not None else load_quote_model().threshold


def quote_rows(ctx: ArticleContext, *, min_confidence: float | None = None, keep_low_confidence: bool = False) -> list[Row]:
    """One row per statement of the article, in text order: the rules' statements and the quote
    model's candidates (:mod:`analysis.models.quotes`), each with its ``confidence``; those under
    the threshold (``min_confidence``, default the model's) are left out unless ``keep_low_confidence``.
    Speakers are resolved over every proposal, so a kept row's speaker is the same whichever
    threshold a build uses.

    Example:
        >>> from analysis.extract.context import ArticleContext
        >>> from analysis.io.records import RawArticle
        >>> [r["speaker_actor"] for r in quote_rows(ArticleContext.of(RawArticle("a", "a", "T\\n\\n“We won,” Anna Berg said.")))]
        ['Anna Berg']
    """
    article_id, text, sentences = ctx.article_id, ctx.text, ctx.index.rows
    statements = find_statements(ctx.doc, ctx.layout, text=text, candidates=True)
    confidence = load_quote_model().confidence(proposal_features(ctx, statements))
    threshold = quote_threshold(min_confidence)
    speakers = resolve_speakers(
        statements,
        text=text,
        entities=ctx.entities,
        sentence_of=ctx.index.nearest,
        date=ctx.date,
        names=proper_subjects(ctx.doc),
        registry=ctx.registry,
        antecedents=ctx.antecedents,
        index=ctx.index,
    )
    cues = load_cues()
    rows = []
    for st, speaker, score in zip(statements, speakers, confidence):
        if score < threshold and not keep_low_confidence:
            continue
        sentence = sentences[ctx.index.nearest(st.start)] if sentences else {}
        cue_class = (
            "attribution" if st.cue_lemma == "according to" else (cues[st.cue_lemma]["class"] if st.cue_lemma in cues else None)
        )
        medium = via_kind(st.via_name)
        rows.append(
            {
                "article_id": article_id,
                "quote_id": len(rows),
                "sentence_id": sentence.get("sentence_id"),
                "paragraph_id": sentence.get("paragraph_id"),
                "zone": sentence.get("zone"),
                "kind": st.kind,
                "start_char": st.start,
                "end_char": st.end,
                "text": text[st.start : st.end],
                "cue": text[st.cue[0] : st.cue[1]] if st.cue else None,
                "cue_start": st.cue[0] if st.cue else None,
                "cue_end": st.cue[1] if st.cue else None,
                "cue_lemma": st.cue_lemma,
                "cue_class": cue_class,
                "speaker": text[st.speaker[0] : st.speaker[1]] if st.speaker else None,
                "speaker_start": st.speaker[0] if st.speaker else None,
                "speaker_end": st.speaker[1] if st.speaker else None,
                "speaker_actor": speaker.actor,
                "speaker_title": speaker.title,
                "speaker_kind": speaker.kind if st.speaker or speaker.actor else None,
                "act": act_of(
                    cue_lemma=st.cue_lemma,
                    method=st.source,
                    kind=st.kind,
                    via_kind=medium,
                    speaker_head=_head_word(ctx.doc, st.speaker),
                ),
                "via": st.via_name,
                "via_text": text[st.via[0] : st.via[1]] if st.via else None,
                "via_start": st.via[0] if st.via else None,
                "via_end": st.via[1] if st.via else None,
                "via_kind": medium,
                "method": st.source,
                "n_words": len(text[st.start : st.end].split()),
                "confidence": round(float(score), CONFIDENCE_DIGITS),
            }
        )
    return rows


def _head_word(doc: Doc, span: tuple[int, int] | None) -> str | None:
    """The syntactic head of a character span's words ("the ministry's statement" -> "statement")."""
    if span is None:
        return None
    words = doc.char_span(span[0], span[1], alignment_mode="expand")
    return words.root.lower_ if words is not None and len(words) else None


def proper_subjects(doc: Doc) -> list[tuple[int, int, str]]:
    """Proper-noun subjects with their compounds ("Kathryn Wheelbarger"), as (start, end, text).

    Example:
        >>> from analysis.nlp.pipeline import load_pipeline
        >>> proper_subjects(load_pipeline()("Kathryn Wheelbarger said no."))
        [(0, 19, 'Kathryn Wheelbarger')]
    """
    out = []
    proper = set(positions(doc, "POS", "PROPN"))
    for i in positions(doc, "DEP", ("nsubj", "nsubjpass")):
        if i in proper:
            token = doc[i]
            tokens = [t for t in subtree(token) if t.dep_ == "compound" and t.pos_ == "PROPN" or t.i == token.i]
            first = min(t.i for t in tokens)
            while first > 0 and doc[first - 1].pos_ == "PROPN" and doc[first - 1].whitespace_:
                first -= 1
            span = doc[first : token.i + 1]
            out.append((span.start_char, span.end_char, span.text))
    return out


def _agency_span(text: str, name: str, start: int, end: int) -> tuple[int, int]:
    """Where a canonical agency name (or one of its aliases) is written inside ``[start, end)``."""
    row = next((r for r in load_agencies() if r["name"] == name), {"aliases": "", "full_name": ""})
    for alias in sorted([name, row.get("full_name") or "", *(row.get("aliases") or "").split(";")], key=len, reverse=True):
        found = find_span(text, alias, start, end) if alias else None
        if found:
            return found
    return start, end


def source_rows(ctx: ArticleContext, quotes: list[Row]) -> list[Row]:
    """Every provenance credit of the article, in text order (``quotes``: its ``quotes`` rows).

    Example:
        >>> from analysis.extract.context import ArticleContext
        >>> from analysis.io.records import RawArticle
        >>> [r["name"] for r in source_rows(ArticleContext.of(RawArticle("a", "a", "T\\n\\nBy Reuters\\nText.")), [])]
        ['Reuters']
    """
    layout, article_id, text, registry = ctx.layout, ctx.article_id, ctx.text, ctx.registry
    rows: list[Row] = []

    def add(kind: str, name: str, span: tuple[int, int] | None, **extra: Any) -> None:
        rows.append(
            {
                "article_id": article_id,
                "kind": kind,
                "name": name,
                "actor": registry.resolve(name) or name,
                "start_char": span[0] if span else None,
                "end_char": span[1] if span else None,
                "text": text[span[0] : span[1]] if span else None,
                **extra,
            }
        )

    byline = next((p for p in layout.parts if p.part == "byline"), None)
    if byline is not None:
        if layout.agency:
            add("byline_agency", layout.agency, _agency_span(text, layout.agency, byline.start, byline.end))
        for author in layout.authors:
            add("byline_author", author, find_span(text, author, byline.start, byline.end))
    elif layout.agency and layout.dateline_end is not None:
        add(
            "byline_agency",
            layout.agency,
            _agency_span(text, layout.agency, layout.dateline_start, layout.dateline_end + DATELINE_AGENCY_REACH),
        )
    for caption in layout.captions:
        if caption.credit is None:
            continue
        span = (caption.credit_start, caption.credit_end)
        name = caption.photographer or caption.agency or caption.credit
        add("photo_credit", name, span, agency=caption.agency, photographer=caption.photographer)
    for q in quotes:
        via_span = (q["via_start"], q["via_end"]) if q["via_start"] is not None else None
        if q["via"]:
            kind = SOURCE_OF_VIA.get(q["via_kind"], "statement")
            add(kind, q["via"], via_span, relays=q["speaker_actor"], quote_id=q["quote_id"])
        if q["cue_lemma"] == "according to" and q["speaker_actor"]:
            span = (q["speaker_start"], q["speaker_end"]) if q["speaker_start"] is not None else None
            add("according_to", q["speaker_actor"], span, quote_id=q["quote_id"])
    rows.sort(key=lambda r: r["start_char"] if r["start_char"] is not None else -1)
    for n, row in enumerate(rows):
        row["source_id"] = n
    return rows
