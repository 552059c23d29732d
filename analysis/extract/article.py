"""Rows of the ``articles``, ``zones``, ``captions``, ``sentences`` and ``entities`` tables."""

from __future__ import annotations

from bisect import bisect_right
from urllib.parse import urlsplit

from spacy.tokens import Doc

from analysis.io.metadata import user_fields
from analysis.io.records import RawArticle
from analysis.io.schema import Row
from analysis.nlp.arrays import word_prefix
from analysis.text.dates import normalize_date
from analysis.text.spans import SentenceIndex, strip_span
from analysis.text.zones import Layout, Part


def sentence_rows(doc: Doc, layout: Layout, *, article_id: str, text: str) -> list[Row]:
    """One row per sentence, cut at zone parts so that no sentence spans two zones.

    Example:
        >>> from analysis.nlp.pipeline import load_pipeline
        >>> from analysis.text.zones import split_zones
        >>> from analysis.nlp.pipeline import parse
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
            lo, hi = strip_span(text, max(s, part.start), min(e, part.end))
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


def entity_rows(doc: Doc, sentences: list[Row] | SentenceIndex, *, article_id: str, text: str) -> list[Row]:
    """One row per entity mention, clipped to its sentence (``actor`` left empty: see
    :func:`analysis.extract.mentions.link_entities`).

    Example:
        >>> from analysis.nlp.pipeline import load_pipeline
        >>> from analysis.text.zones import split_zones
        >>> from analysis.nlp.pipeline import parse
        >>> t = "Head\\n\\nErdogan met Trump."
        >>> layout = split_zones(t)
        >>> doc = parse(t, layout, nlp=load_pipeline())
        >>> [r["text"] for r in entity_rows(doc, sentence_rows(doc, layout, article_id="a", text=t), article_id="a", text=t)]
        ['Erdogan', 'Trump']
    """
    index = SentenceIndex.of(sentences)
    rows: list[Row] = []
    for ent in doc.ents:
        if not len(index):
            continue
        sentence = index.rows[index.nearest(ent.start_char)]
        lo, hi = strip_span(text, max(ent.start_char, sentence["start_char"]), min(ent.end_char, sentence["end_char"]))
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
        >>> from analysis.text.zones import split_zones
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


def article_date(raw: RawArticle, layout: Layout) -> str | None:
    """Publication date (``YYYY-MM-DD``): the scraper header's date in the text, else the metadata's.

    Example:
        >>> from analysis.text.zones import split_zones
        >>> raw = RawArticle("a", "a.txt", " date 2019-06-04 Head\\n\\nBody.", meta={"date": "June 5, 2019"})
        >>> article_date(raw, split_zones(raw.text))
        '2019-06-04'
    """
    return normalize_date(layout.date or raw.meta.get("date"))


def metadata_rows(raw: RawArticle) -> list[Row]:
    """The ``metadata`` rows of an article: its user fields (those that are not ``articles`` columns), by name.

    Example:
        >>> raw = RawArticle("a", "a.jsonl", "Body.", 1, {"outlet": "AFP", "section": "World"}, (), {"section": "sidecar"})
        >>> metadata_rows(raw)
        [{'article_id': 'a', 'field': 'section', 'value': 'World', 'origin': 'sidecar'}]
    """
    return [
        {"article_id": raw.article_id, "field": name, "value": value, "origin": raw.origins.get(name, "record")}
        for name, value in sorted(user_fields(raw.meta).items())
    ]


def url_domain(url: str | None) -> str | None:
    """The web domain of an address, lowercased, without ``www.`` (``None`` when there is none).

    Example:
        >>> url_domain("https://www.HurriyetDailyNews.com/erdogan-s-400?x=1"), url_domain("not a url")
        ('hurriyetdailynews.com', None)
    """
    if not url:
        return None
    host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    host = host.lower().removeprefix("www.")
    return host if "." in host else None


def article_row(raw: RawArticle, layout: Layout, sentences: list[Row]) -> Row:
    """The ``articles`` row: metadata fields win over what the text's zones say, except the date
    of a scraper header, which is part of the text itself.

    Example:
        >>> from analysis.text.zones import split_zones
        >>> raw = RawArticle("a", "a.txt", "Head\\n\\nBody.", meta={"date": "June 4, 2019"})
        >>> article_row(raw, split_zones(raw.text), [])["date"]
        '2019-06-04'
    """
    meta = raw.meta
    return {
        "article_id": raw.article_id,
        "source_path": raw.source_path,
        "source_line": raw.line,
        "date": article_date(raw, layout),
        "headline": meta.get("title") or layout.headline,
        "dek": layout.dek,
        "byline": meta.get("byline") or layout.byline,
        "byline_time": layout.byline_time,
        "authors": "; ".join(layout.authors) or None,
        "agency": meta.get("agency") or layout.agency,
        "outlet": meta.get("outlet"),
        "url": meta.get("url"),
        "language": meta.get("language"),
        "outlet_domain": url_domain(meta.get("url")),
        "dateline": layout.dateline,
        "dateline_start": layout.dateline_start,
        "dateline_end": layout.dateline_end,
        "n_paragraphs": len(layout.paragraphs("body")),
        "n_captions": len(layout.captions),
        "n_sentences": len(sentences),
        "n_words": sum(r["n_words"] for r in sentences),
        "text": raw.text,
    }
