"""Turn one parsed article into table rows: articles, zones, captions, sentences, entities.

Rows are plain dicts; :func:`analysis.build.run.build_tables` collects them over a corpus and types
them with :func:`analysis.io.schema.conform`. For a single article use :func:`article_tables`:

    >>> from analysis.io.records import RawArticle
    >>> tables = article_tables(RawArticle("a1", "a1.txt", "Title\\n\\nThe minister said it was over."))
    >>> tables["sentences"][["zone", "text"]].values.tolist()
    [['headline', 'Title'], ['body', 'The minister said it was over.']]
"""

from __future__ import annotations

import pandas as pd
from spacy.language import Language
from spacy.tokens import Doc

from analysis.corpus.actors import corpus_actors
from analysis.extract.actions import action_rows
from analysis.extract.article import article_row, layout_rows, metadata_rows
from analysis.extract.attribution import quote_rows, quote_threshold, source_rows
from analysis.extract.context import ArticleContext
from analysis.extract.evaluative import evaluative_rows
from analysis.extract.frames import frame_rows
from analysis.extract.mentions import mention_rows
from analysis.io.records import RawArticle
from analysis.io.schema import Row, frame_from_rows
from analysis.lexicons.actors import Registry
from analysis.nlp.pipeline import load_pipeline, parse
from analysis.text.zones import Layout, split_zones


def rows_for(
    raw: RawArticle,
    layout: Layout,
    doc: Doc,
    *,
    registry: Registry | None = None,
    min_quote_confidence: float | None = None,
    keep_low_confidence: bool = False,
) -> dict[str, list[Row]]:
    """All table rows of one article from its layout and parsed Doc (``registry``: the actor
    registry to resolve speakers and mentions with, default the package's; the quote options as in
    :func:`table_rows`).

    Example:
        >>> from analysis.nlp.pipeline import parse
        >>> raw = RawArticle("a", "a.txt", "Head\\n\\nTurkey said no.")
        >>> layout = split_zones(raw.text)
        >>> sorted(rows_for(raw, layout, parse(raw.text, layout, nlp=load_pipeline())))[:3]
        ['actions', 'articles', 'captions']
    """
    ctx = ArticleContext.build(raw, layout, doc, registry=registry)
    return table_rows(ctx, min_quote_confidence=min_quote_confidence, keep_low_confidence=keep_low_confidence)


def table_rows(
    ctx: ArticleContext, *, min_quote_confidence: float | None = None, keep_low_confidence: bool = False
) -> dict[str, list[Row]]:
    """Every article table's rows of one article context, each from its own extractor.

    Quotes under ``min_quote_confidence`` (default: the quote model's threshold) are left out, or
    kept in ``quotes`` with ``keep_low_confidence``; ``sources`` and ``mentions`` only ever take the
    quotes at or above it, so they are the same either way.

    Example:
        >>> ctx = ArticleContext.of(RawArticle("a", "a.txt", "Head\\n\\n“No,” Erdogan said."))
        >>> [(name, len(rows)) for name, rows in table_rows(ctx).items()][:6]
        [('articles', 1), ('metadata', 0), ('zones', 2), ('captions', 0), ('sentences', 2), ('entities', 1)]
    """
    zones, captions = layout_rows(ctx.layout, article_id=ctx.article_id)
    quotes = quote_rows(ctx, min_confidence=min_quote_confidence, keep_low_confidence=keep_low_confidence)
    threshold = quote_threshold(min_quote_confidence)
    confident = [q for q in quotes if q["confidence"] >= threshold] if keep_low_confidence else quotes
    actions = action_rows(ctx.doc, ctx.index, date=ctx.date, registry=ctx.registry, links=ctx.links, mentions=ctx.antecedents)
    return {
        "articles": [article_row(ctx.raw, ctx.layout, ctx.sentences)],
        "metadata": metadata_rows(ctx.raw),
        "zones": zones,
        "captions": captions,
        "sentences": ctx.sentences,
        "entities": ctx.entities,
        "quotes": quotes,
        "sources": source_rows(ctx, confident),
        "mentions": mention_rows(ctx, confident, actions),
        "frames": frame_rows(ctx.doc, ctx.index),
        "actions": actions,
        "evaluative": evaluative_rows(ctx.doc, ctx.index),
    }


def corpus_tables(rows: dict[str, list[Row]], *, registry: Registry | None = None) -> dict[str, pd.DataFrame]:
    """Typed tables from the rows of many articles, in the order the rows come (as a build writes
    them), after the corpus step (one actor namespace: :mod:`analysis.corpus.actors`), plus the
    corpus-level ``actors`` and ``cooccurrence`` tables.

    Example:
        >>> from analysis.nlp.pipeline import parse
        >>> raw = RawArticle("a", "a.txt", "Head\\n\\nTurkey said no.")
        >>> layout = split_zones(raw.text)
        >>> corpus_tables(rows_for(raw, layout, parse(raw.text, layout, nlp=load_pipeline())))["actors"]["actor"].tolist()
        ['Turkey']
    """
    return corpus_actors({name: frame_from_rows(r, name) for name, r in rows.items()}, registry=registry)


def article_tables(
    raw: RawArticle,
    *,
    nlp: Language | None = None,
    registry: Registry | None = None,
    min_quote_confidence: float | None = None,
    keep_low_confidence: bool = False,
) -> dict[str, pd.DataFrame]:
    """Typed tables for a single article (zones, one spaCy pass, rows; the quote options as in
    :func:`table_rows`).

    Example:
        >>> from analysis.io.records import RawArticle
        >>> t = article_tables(RawArticle("x", "x.txt", "Turkey buys missiles\\n\\nErdogan said so in Ankara."))
        >>> t["entities"][["text", "label"]].values.tolist()
        [['Turkey', 'GPE'], ['Erdogan', 'PERSON'], ['Ankara', 'GPE']]
    """
    nlp = nlp or load_pipeline()
    layout = split_zones(raw.text, title=raw.meta.get("title"))
    rows = rows_for(
        raw,
        layout,
        parse(raw.text, layout, nlp=nlp),
        registry=registry,
        min_quote_confidence=min_quote_confidence,
        keep_low_confidence=keep_low_confidence,
    )
    return corpus_tables(rows, registry=registry)
