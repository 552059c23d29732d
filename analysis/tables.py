"""Turn one parsed article into table rows: articles, zones, captions, sentences, entities.

Rows are plain dicts; :func:`analysis.build.build_tables` collects them over a corpus and types
them with :func:`analysis.schema.conform`. For a single article use :func:`article_tables`:

    >>> from analysis.reading import RawArticle
    >>> tables = article_tables(RawArticle("a1", "a1.txt", "Title\\n\\nThe minister said it was over."))
    >>> tables["sentences"][["zone", "text"]].values.tolist()
    [['headline', 'Title'], ['body', 'The minister said it was over.']]
"""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any

import pandas as pd
from spacy.language import Language
from spacy.tokens import Doc

from .actions import action_rows
from .arrays import word_prefix
from .actors import Registry
from .framing import evaluative_rows, frame_rows
from .attribution import quote_rows, source_rows
from .cooccurrence import cooccurrence
from .linking import actor_rows, mention_rows
from .nlp import load_pipeline, parse
from .reading import RawArticle
from .schema import conform, frame_from_rows
from .zones import Layout, Part, split_zones

Row = dict[str, Any]
_ISO_DATE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})")


def normalize_date(value: str | None) -> str | None:
    """An ISO date (``YYYY-MM-DD``) from a date string, or ``None`` when it cannot be read.

    Example:
        >>> normalize_date("June 4, 2019"), normalize_date("2019-06-04T10:00Z"), normalize_date("soon")
        ('2019-06-04', '2019-06-04', None)
    """
    if not value:
        return None
    match = _ISO_DATE.match(value)
    if match:
        return match.group(1)
    stamp = pd.to_datetime(value, errors="coerce", format="mixed")
    return None if pd.isna(stamp) else stamp.strftime("%Y-%m-%d")


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentence_rows(doc: Doc, layout: Layout, *, article_id: str, text: str) -> list[Row]:
    """One row per sentence, cut at zone parts so that no sentence spans two zones.

    Example:
        >>> from analysis.nlp import parse
        >>> t = "Head\\n\\nOne. Two."
        >>> layout = split_zones(t)
        >>> [r["text"] for r in sentence_rows(parse(t, layout, nlp=load_pipeline()), layout, article_id="a", text=t)]
        ['Head', 'One.', 'Two.']
    """
    parts = layout.text_parts()
    starts = [p.start for p in parts]
    words = word_prefix(doc)
    rows: list[Row] = []
    for sent in doc.sents:
        s, e = sent.start_char, sent.end_char
        index = max(bisect_right(starts, s) - 1, 0)
        while index < len(parts) and parts[index].start < e:
            part: Part = parts[index]
            lo, hi = _strip(text, max(s, part.start), min(e, part.end))
            if hi > lo:
                span = doc.char_span(lo, hi, alignment_mode="expand")
                rows.append(
                    {
                        "article_id": article_id,
                        "sentence_id": len(rows),
                        "paragraph_id": part.paragraph_id,
                        "zone": part.zone,
                        "start_char": lo,
                        "end_char": hi,
                        "n_words": words[span.end] - words[span.start] if span is not None else 0,
                        "text": text[lo:hi],
                    }
                )
            index += 1
    return rows


def entity_rows(doc: Doc, sentences: list[Row], *, article_id: str, text: str) -> list[Row]:
    """One row per entity mention, clipped to its sentence (``actor`` left empty).

    Example:
        >>> from analysis.nlp import parse
        >>> t = "Head\\n\\nErdogan met Trump."
        >>> layout = split_zones(t)
        >>> doc = parse(t, layout, nlp=load_pipeline())
        >>> [r["text"] for r in entity_rows(doc, sentence_rows(doc, layout, article_id="a", text=t), article_id="a", text=t)]
        ['Erdogan', 'Trump']
    """
    starts = [r["start_char"] for r in sentences]
    rows: list[Row] = []
    for ent in doc.ents:
        index = bisect_right(starts, ent.start_char) - 1
        if index < 0:
            index = 0
        sentence = sentences[index] if sentences else None
        if sentence is None:
            continue
        lo, hi = _strip(text, max(ent.start_char, sentence["start_char"]), min(ent.end_char, sentence["end_char"]))
        if hi <= lo:
            continue
        rows.append(
            {
                "article_id": article_id,
                "entity_id": len(rows),
                "sentence_id": sentence["sentence_id"],
                "zone": sentence["zone"],
                "start_char": lo,
                "end_char": hi,
                "text": text[lo:hi],
                "label": ent.label_,
                "actor": None,
            }
        )
    return rows


def layout_rows(layout: Layout, *, article_id: str) -> tuple[list[Row], list[Row]]:
    """Rows of the ``zones`` and ``captions`` tables for one article.

    Example:
        >>> zones, captions = layout_rows(split_zones("Head\\n\\nBody."), article_id="a")
        >>> [z["part"] for z in zones], captions
        (['headline', 'body'], [])
    """
    zones = [
        {
            "article_id": article_id,
            "part_id": i,
            "paragraph_id": p.paragraph_id,
            "zone": p.zone,
            "part": p.part,
            "start_char": p.start,
            "end_char": p.end,
            "text": p.text,
        }
        for i, p in enumerate(layout.parts)
    ]
    captions = [
        {
            "article_id": article_id,
            "caption_id": i,
            "paragraph_id": c.paragraph_id,
            "start_char": c.start,
            "end_char": c.end,
            "text": c.text,
            "credit": c.credit,
            "credit_start": c.credit_start,
            "credit_end": c.credit_end,
            "photographer": c.photographer,
            "photo_agency": c.agency,
        }
        for i, c in enumerate(layout.captions)
    ]
    return zones, captions


def article_row(raw: RawArticle, layout: Layout, sentences: list[Row]) -> Row:
    """The ``articles`` row: metadata fields win over what the text's zones say, except the date
    of a scraper header, which is part of the text itself.

    Example:
        >>> raw = RawArticle("a", "a.txt", "Head\\n\\nBody.", meta={"date": "June 4, 2019"})
        >>> article_row(raw, split_zones(raw.text), [])["date"]
        '2019-06-04'
    """
    meta = raw.meta
    return {
        "article_id": raw.article_id,
        "source_path": raw.source_path,
        "source_line": raw.line,
        "date": normalize_date(layout.date or meta.get("date")),
        "headline": layout.headline or meta.get("title"),
        "dek": layout.dek,
        "byline": meta.get("byline") or layout.byline,
        "byline_time": layout.byline_time,
        "authors": "; ".join(layout.authors) or None,
        "agency": layout.agency,
        "outlet": meta.get("outlet"),
        "url": meta.get("url"),
        "dateline": layout.dateline,
        "dateline_start": layout.dateline_start,
        "dateline_end": layout.dateline_end,
        "n_paragraphs": len(layout.paragraphs("body")),
        "n_captions": len(layout.captions),
        "n_sentences": len(sentences),
        "n_words": sum(r["n_words"] for r in sentences),
        "text": raw.text,
    }


def rows_for(raw: RawArticle, layout: Layout, doc: Doc, *, registry: Registry | None = None) -> dict[str, list[Row]]:
    """All table rows of one article from its layout and parsed Doc (``registry``: the actor
    registry to resolve speakers and mentions with; default the package's).

    Example:
        >>> from analysis.nlp import parse
        >>> raw = RawArticle("a", "a.txt", "Head\\n\\nTurkey said no.")
        >>> layout = split_zones(raw.text)
        >>> sorted(rows_for(raw, layout, parse(raw.text, layout, nlp=load_pipeline())))[:3]
        ['actions', 'articles', 'captions']
    """
    sentences = sentence_rows(doc, layout, article_id=raw.article_id, text=raw.text)
    zones, captions = layout_rows(layout, article_id=raw.article_id)
    article = article_row(raw, layout, sentences)
    entities = entity_rows(doc, sentences, article_id=raw.article_id, text=raw.text)
    quotes = quote_rows(doc, layout, article_id=raw.article_id, text=raw.text, sentences=sentences, entities=entities, date=article["date"], registry=registry)
    mentions = mention_rows(
        doc, article_id=raw.article_id, text=raw.text, sentences=sentences, entities=entities, quotes=quotes, date=article["date"], registry=registry
    )
    return {
        "articles": [article],
        "zones": zones,
        "captions": captions,
        "sentences": sentences,
        "entities": entities,
        "quotes": quotes,
        "sources": source_rows(layout, quotes, article_id=raw.article_id, text=raw.text, registry=registry),
        "mentions": mentions,
        "frames": frame_rows(doc, sentences),
        "actions": action_rows(doc, sentences, date=article["date"], registry=registry),
        "evaluative": evaluative_rows(doc, sentences),
    }


def corpus_tables(rows: dict[str, list[Row]], *, registry: Registry | None = None) -> dict[str, pd.DataFrame]:
    """Typed tables from the rows of many articles, in the order the rows come (as a build writes
    them), plus the corpus-level ``actors`` and ``cooccurrence`` tables.

    Example:
        >>> from analysis.nlp import parse
        >>> raw = RawArticle("a", "a.txt", "Head\\n\\nTurkey said no.")
        >>> layout = split_zones(raw.text)
        >>> corpus_tables(rows_for(raw, layout, parse(raw.text, layout, nlp=load_pipeline())))["actors"]["actor"].tolist()
        ['Turkey']
    """
    tables = {name: frame_from_rows(r, name) for name, r in rows.items()}
    tables["actors"] = frame_from_rows(actor_rows(rows["mentions"], registry=registry), "actors")
    tables["cooccurrence"] = conform(cooccurrence(rows["mentions"]), "cooccurrence")
    return tables


def article_tables(raw: RawArticle, *, nlp: Language | None = None, registry: Registry | None = None) -> dict[str, pd.DataFrame]:
    """Typed tables for a single article (zones, one spaCy pass, rows).

    Example:
        >>> from analysis.reading import RawArticle
        >>> t = article_tables(RawArticle("x", "x.txt", "Turkey buys missiles\\n\\nErdogan said so in Ankara."))
        >>> t["entities"][["text", "label"]].values.tolist()
        [['Turkey', 'GPE'], ['Erdogan', 'PERSON'], ['Ankara', 'GPE']]
    """
    nlp = nlp or load_pipeline()
    layout = split_zones(raw.text, title=raw.meta.get("title"))
    return corpus_tables(rows_for(raw, layout, parse(raw.text, layout, nlp=nlp), registry=registry), registry=registry)
