"""Rows of the ``evaluative`` table: loaded words flagged per sentence."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
from spacy.tokens import Doc

from analysis.io.schema import TABLES, Row, Table
from analysis.lexicons.evaluative import EVALUATIVE_FILE, load_evaluative
from analysis.nlp.phrases import term_matches
from analysis.text.spans import SentenceIndex


def evaluative_rows(
    doc: Doc,
    sentences: Sequence[Mapping[str, Any]] | pd.DataFrame | SentenceIndex,
    *,
    lexicon: str | Path = EVALUATIVE_FILE,
) -> list[Row]:
    """Rows of the ``evaluative`` table for one article: one per loaded word or phrase found.

    Terms of ``analysis/resources/evaluative.csv`` are matched like frame cues (lowercased lemmas or
    words, longest match first); a match inside a name (named entity or proper nouns: "Victory Day")
    is not a loaded word and is skipped. ``text`` is the term as written: ``text == articles.text[start_char:end_char]``.

    Args:
        doc: The article parsed once.
        sentences: The article's ``sentences`` rows (dicts, a DataFrame or a sentence index).
        lexicon: Path of an evaluative lexicon (CSV: lemma, category, note).

    Returns:
        Row dicts (article_id, sentence_id, zone, term, category, start_char, end_char, text) in text order.

    Example:
        >>> from analysis.nlp.pipeline import load_pipeline
        >>> doc = load_pipeline()("Turkey defied the mounting pressure: a done deal.")
        >>> sents = [{"article_id": "a", "sentence_id": 0, "zone": "body", "start_char": 0, "end_char": len(doc.text), "text": doc.text}]
        >>> [(r["term"], r["category"], r["text"]) for r in evaluative_rows(doc, sents)]
        [('defy', 'conflict', 'defied'), ('mounting', 'intensifier', 'mounting'), ('pressure', 'conflict', 'pressure'), ('done deal', 'certainty', 'done deal')]
    """
    terms = load_evaluative(lexicon)
    index = SentenceIndex.of(sentences)
    out: list[Row] = []
    for match in term_matches(doc, terms):
        if all(doc[i].ent_iob_ in ("B", "I") or doc[i].pos_ == "PROPN" for i in range(match.start, match.end)):
            continue  # part of a name ("Victory Day", "Freedom Party")
        row = index.containing(match.start_char, match.end_char)
        if row is None:
            continue
        out.append(
            {
                "article_id": row["article_id"],
                "sentence_id": int(row["sentence_id"]),
                "zone": row.get("zone"),
                "term": match.term,
                "category": terms[match.term]["category"],
                "start_char": match.start_char,
                "end_char": match.end_char,
                "text": index.text(match.start_char, match.end_char),
            }
        )
    return out


EVALUATIVE_TABLE: Table = TABLES["evaluative"]
