"""Framing tables for a package built without them (parses the articles again)."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
from spacy.language import Language

from analysis.extract.actions import ACTIONS_TABLE, action_rows
from analysis.extract.article import sentence_rows
from analysis.extract.evaluative import EVALUATIVE_TABLE, evaluative_rows
from analysis.extract.frames import FRAMES_TABLE, as_table, frame_rows
from analysis.lexicons.actors import Registry
from analysis.lexicons.frames import Lexicon
from analysis.nlp.pipeline import load_pipeline, parse_many
from analysis.text.dates import normalize_date
from analysis.text.zones import split_zones

#: Tables computed by :func:`framing_tables`.
FRAMING_TABLES: tuple[str, ...] = ("frames", "actions", "evaluative")


def framing_tables(
    articles: pd.DataFrame,
    sentences: pd.DataFrame | None = None,
    *,
    nlp: Language | None = None,
    lexicon: Lexicon | str | None = None,
    registry: Registry | None = None,
    batch_size: int = 16,
) -> dict[str, pd.DataFrame]:
    """Parse each article once and build its ``frames``, ``actions`` and ``evaluative`` rows.

    The articles are split into zones and parsed the way the build does it, so offsets index
    ``articles.text``. Sentence rows come from ``sentences`` (the package's table) when given,
    otherwise they are rebuilt from the parse.

    Args:
        articles: The ``articles`` table (article_id, text; headline and date are used when present).
        sentences: The ``sentences`` table of the same package, or ``None``.
        nlp: spaCy pipeline; default :func:`analysis.nlp.pipeline.load_pipeline`.
        lexicon: Frame lexicon (object or path); default the built-in one.
        registry: Actor registry; default the built-in one.
        batch_size: Articles per ``nlp.pipe`` batch.

    Returns:
        ``{"frames": ..., "actions": ..., "evaluative": ...}``, typed DataFrames in article order.

    Example:
        >>> arts = pd.DataFrame({"article_id": ["x"], "text": ["Sanctions loom\\n\\nTurkey defied NATO allies."]})
        >>> out = framing_tables(arts)
        >>> out["frames"][["sentence_id", "frame", "terms"]].values.tolist()
        [[0, 'external_regulation_reputation', 'sanction'], [1, 'external_regulation_reputation', 'nato; ally']]
        >>> out["actions"][["subject_actor", "verb", "object_actor"]].values.tolist()
        [['Turkey', 'defy', 'NATO']]
    """
    nlp = nlp or load_pipeline()
    rows: dict[str, list[dict]] = {name: [] for name in FRAMING_TABLES}
    items = []
    for article in articles.to_dict("records"):
        text = str(article["text"])
        headline = article.get("headline")
        title = None if headline is None or pd.isna(headline) else str(headline)
        items.append((article, text, split_zones(text, title=title)))
    by_article: dict[str, list[dict]] = {}
    if sentences is not None and len(sentences):
        for record in sentences.to_dict("records"):
            by_article.setdefault(str(record["article_id"]), []).append(record)
    docs = parse_many(((text, layout) for _, text, layout in items), nlp=nlp, batch_size=batch_size)
    for (article, text, layout), doc in zip(items, docs):
        article_id = str(article["article_id"])
        sents = by_article.get(article_id) or sentence_rows(doc, layout, article_id=article_id, text=text)
        date = article.get("date")
        date = normalize_date(None if date is None or pd.isna(date) else str(date))
        rows["frames"] += frame_rows(doc, sents, lexicon=lexicon)
        rows["actions"] += action_rows(doc, sents, date=date, registry=registry)
        rows["evaluative"] += evaluative_rows(doc, sents)
    specs = {"frames": FRAMES_TABLE, "actions": ACTIONS_TABLE, "evaluative": EVALUATIVE_TABLE}
    return {name: as_table(pd.DataFrame(rows[name], columns=specs[name].names), specs[name]) for name in FRAMING_TABLES}


def package_framing(tables: Mapping[str, pd.DataFrame], *, nlp: Language | None = None) -> dict[str, pd.DataFrame]:
    """The framing tables of a loaded package: read from it when the build wrote them, else computed.

    Args:
        tables: A loaded package (:func:`analysis.load_package`), with ``articles`` and ``sentences``.
        nlp: Pipeline for :func:`framing_tables`.

    Returns:
        ``{"frames": ..., "actions": ..., "evaluative": ...}``.

    Example:
        >>> import analysis
        >>> out = package_framing(analysis.load_package())
        >>> sorted(out), len(out["actions"]) > 0
        (['actions', 'evaluative', 'frames'], True)
    """
    if all(name in tables for name in FRAMING_TABLES):
        return {name: tables[name] for name in FRAMING_TABLES}
    return framing_tables(tables["articles"], tables.get("sentences"), nlp=nlp)
