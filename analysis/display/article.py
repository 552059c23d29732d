"""One article as annotated HTML: zones, entities, quotes with their speakers, sources.

:func:`show` reads an article's rows from a built dataset package and lays them out the way the
article was printed: headline, dek, byline (agency and time), boxed photo captions with their
credits, dateline and body paragraphs. Entity mentions are underlined in a colour per label;
each reported statement is highlighted with a badge naming its kind, who speaks and the medium
it came through. Below the article come its quotes and its sources as tables. The result shows
inline in JupyterLab and saves as a standalone page::

    >>> view = show("000_d511d069cc7f123d")          # the seed package in data/
    >>> "direct · Recep Tayyip Erdogan (“Erdogan”) · via Anadolu" in view.html
    True

The HTML is built by one walk over the article text (:func:`render_spans`), so spans that
overlap (an entity inside a quote, a speaker inside another statement) always nest into
well-formed markup, and every piece of article text goes through :func:`html.escape`.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.display.render import (
    _RANK_ENTITY,
    _RANK_PART,
    _RANK_QUOTE,
    _RANK_ROLE,
    _SAFE_NAME,
    Span,
    _esc,
    _value,
    render_spans,
)
from analysis.display.templates import CSS, _table
from analysis.plots.palette import ENTITY_COLOURS, QUOTE_COLOURS


@dataclass(frozen=True)
class ArticleView:
    """An article rendered as HTML: shows inline in JupyterLab, saves as a standalone page.

    Attributes:
        article_id: the article shown.
        title: its headline (or id), the page title.
        body: the article markup without its style sheet.
    """

    article_id: str
    title: str
    body: str

    @property
    def html(self) -> str:
        """The HTML fragment, with its own ``<style>`` so it can be embedded anywhere."""
        return (
            f'<div class="av-root" data-article-id="{html.escape(self.article_id)}">\n<style>\n{CSS}</style>\n{self.body}</div>\n'
        )

    @property
    def page(self) -> str:
        """A standalone HTML page (UTF-8, inline CSS, no external resources)."""
        return (
            "<!DOCTYPE html>\n"
            '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{html.escape(self.title)}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n"
            f'<div class="av-root" data-article-id="{html.escape(self.article_id)}">\n{self.body}</div>\n'
            "</body>\n</html>\n"
        )

    def _repr_html_(self) -> str:
        """The HTML fragment, shown by JupyterLab."""
        return self.html

    def __repr__(self) -> str:
        """The article id and title."""
        return f"ArticleView({self.article_id!r}, title={self.title!r})"

    def save(self, path: str | Path) -> Path:
        """Write :attr:`page` to ``path`` (UTF-8); the same article always gives the same bytes.

        Example:
            >>> import tempfile, pathlib
            >>> out = pathlib.Path(tempfile.mkdtemp()) / "seed.html"
            >>> show("000_d511d069cc7f123d").save(out).read_bytes().startswith(b"<!DOCTYPE html>")
            True
        """
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(self.page.encode("utf-8"))
        return path


def _int(value: object) -> int | None:
    """An offset or id as an int; missing values give ``None``."""
    return None if value is None or pd.isna(value) else int(value)


def _rows(tables: Mapping[str, pd.DataFrame], name: str, article_id: str, order: str | None = None) -> list[dict]:
    """The rows of table ``name`` for one article, as dicts, sorted by ``order``; none when the table is absent."""
    frame = tables.get(name)
    if frame is None or frame.empty or "article_id" not in frame:
        return []
    frame = frame[frame["article_id"] == article_id]
    if order and order in frame:
        frame = frame.sort_values(order, kind="stable")
    return frame.to_dict("records")


def _badge(quote: dict) -> str:
    """The badge at the start of a quote: its kind, who speaks (as written, when it differs) and the medium."""
    kind = _value(quote.get("kind")) or "statement"
    actor = _value(quote.get("speaker_actor"))
    speaker = _value(quote.get("speaker"))
    via = _value(quote.get("via"))
    who = actor or speaker or "unattributed"
    label = f"{kind} · {who}"
    if speaker and actor and speaker != actor:
        label += f" (“{speaker}”)"
    if via:
        label += f" · via {via}"
    return f'<span class="av-badge">{html.escape(label)}</span>'


def _quote_spans(quotes: list[dict]) -> list[Span]:
    """Spans of the quotes (with their badges), then of their speaker, cue and via mentions."""
    spans: list[Span] = []
    roles: dict[tuple[int, int, str], list[str]] = {}
    for quote in quotes:
        start, end = _int(quote.get("start_char")), _int(quote.get("end_char"))
        qid = _value(quote.get("quote_id")) or ""
        kind = _value(quote.get("kind")) or "other"
        css_kind = kind if kind in QUOTE_COLOURS else "other"
        if start is not None and end is not None:
            data = (("quote-id", qid), ("kind", kind))
            spans.append(
                Span(
                    start,
                    end,
                    _RANK_QUOTE,
                    "mark",
                    f"av-quote av-quote-{css_kind}",
                    _quote_title(quote, qid, kind),
                    data,
                    _badge(quote),
                )
            )
        for (s, e, css), note in _role_notes(quote, qid):
            roles.setdefault((s, e, css), []).append(note)
    for (s, e, css), notes in sorted(roles.items()):
        spans.append(Span(s, e, _RANK_ROLE, "span", css, "; ".join(notes)))
    return spans


def _quote_title(quote: dict, qid: str, kind: str) -> str:
    """The tooltip of a quote: its id, kind, and the speaker, cue and via as written."""
    parts = [f"quote {qid}", kind]
    for label, key in (("speaker", "speaker"), ("cue", "cue"), ("via", "via_text")):
        value = _value(quote.get(key))
        if value:
            parts.append(f"{label}: {value}")
    return " · ".join(x for x in parts if x)


def _role_notes(quote: dict, qid: str) -> list[tuple[tuple[int, int, str], str]]:
    """((start, end, class), tooltip) of the speaker, cue and via mentions of a quote that have offsets."""
    who = _value(quote.get("speaker_actor")) or _value(quote.get("speaker")) or ""
    notes = {
        "speaker": f"speaker of quote {qid}: {who}",
        "cue": f"cue of quote {qid}",
        "via": f"via of quote {qid}: {_value(quote.get('via')) or ''}",
    }
    out = []
    for prefix, css in (("speaker", "av-speaker"), ("cue", "av-cue"), ("via", "av-via")):
        s, e = _int(quote.get(f"{prefix}_start")), _int(quote.get(f"{prefix}_end"))
        if s is not None and e is not None and e > s:
            out.append(((s, e, css), notes[prefix]))
    return out


def _entity_spans(entities: list[dict]) -> list[Span]:
    """Spans of the entity mentions, classed by label."""
    spans = []
    for entity in entities:
        start, end = _int(entity.get("start_char")), _int(entity.get("end_char"))
        if start is None or end is None:
            continue
        label = _value(entity.get("label")) or "OTHER"
        css = label if label in ENTITY_COLOURS else "OTHER"
        actor = _value(entity.get("actor"))
        title = f"{label} · {actor}" if actor else label
        spans.append(Span(start, end, _RANK_ENTITY, "span", f"av-ent av-ent-{css}" if _SAFE_NAME.match(css) else "av-ent", title))
    return spans


@dataclass
class _Block:
    """A paragraph of the article: its kind, its stretch of text and the marks of its parts (dateline, credit, time)."""

    kind: str  # headline, dek, byline, caption, body
    start: int
    end: int
    paragraph_id: int | None
    marks: list[Span]


_PART_CLASS = {"dateline": "av-dateline", "photo_credit": "av-credit", "byline_time": "av-time"}


_PART_TITLE = {"dateline": "dateline", "photo_credit": "photo credit", "byline_time": "time of the byline"}


def _blocks(text: str, zones: list[dict]) -> list[_Block]:
    """Blocks of the article (one per paragraph of the zones table), in text order."""
    groups: dict[int, list[dict]] = defaultdict(list)
    for part in zones:
        paragraph = _int(part.get("paragraph_id"))
        if paragraph is None or _value(part.get("part")) == "date_header":
            continue
        groups[paragraph].append(part)
    blocks = []
    for paragraph, parts in groups.items():
        starts = [_int(p["start_char"]) for p in parts]
        ends = [_int(p["end_char"]) for p in parts]
        start, end = min(starts), max(ends)
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        rest = text[end:line_end]
        if rest.strip() and len(rest.strip()) <= 3 and not any(ch.isalnum() for ch in rest):
            end = end + len(rest.rstrip())  # the ")" closing a photo credit
        zones_here = {_value(p.get("zone")) for p in parts}
        kind = next((z for z in ("headline", "dek", "byline", "caption") if z in zones_here), "body")
        marks = [
            Span(
                _int(p["start_char"]),
                _int(p["end_char"]),
                _RANK_PART,
                "span",
                _PART_CLASS[_value(p.get("part"))],
                _PART_TITLE[_value(p.get("part"))],
            )
            for p in parts
            if _value(p.get("part")) in _PART_CLASS
        ]
        blocks.append(_Block(kind, start, end, paragraph, marks))
    blocks.sort(key=lambda b: (b.start, b.end))
    return blocks


def _fallback_blocks(text: str) -> list[_Block]:
    """Body blocks split at blank lines, for an article without a zones table."""
    blocks = []
    for match in re.finditer(r"\S(?:.*?\S)?(?=\s*\n\s*\n|\s*$)", text, re.DOTALL):
        blocks.append(_Block("body", match.start(), match.end(), None, []))
    return blocks


def _legend(entities: list[dict], quotes: list[dict]) -> str:
    """The legend of the entity labels and quote kinds present in the article."""
    labels = {_value(e.get("label")) or "OTHER" for e in entities}
    ordered = [label for label in ENTITY_COLOURS if label in labels] + sorted(labels - set(ENTITY_COLOURS))
    kinds = {_value(q.get("kind")) or "other" for q in quotes}
    ordered_kinds = [k for k in QUOTE_COLOURS if k in kinds] + sorted(kinds - set(QUOTE_COLOURS))
    parts = ['<div class="av-legend">']
    if ordered:
        parts.append('<span class="av-legend-title">Entities</span>')
        for label in ordered:
            css = label if label in ENTITY_COLOURS else "OTHER"
            parts.append(
                f'<span class="av-legend-item"><span class="av-swatch av-swatch-{css}"></span>{html.escape(label)}</span>'
            )
    if ordered_kinds:
        parts.append('<span class="av-legend-title">Quotes</span>')
        for kind in ordered_kinds:
            css = kind if kind in QUOTE_COLOURS else "other"
            parts.append(f'<span class="av-legend-item"><mark class="av-quote av-quote-{css}">{html.escape(kind)}</mark></span>')
        parts.append('<span class="av-legend-item"><span class="av-speaker">speaker</span></span>')
        parts.append('<span class="av-legend-item"><span class="av-cue">cue</span></span>')
        parts.append('<span class="av-legend-item"><span class="av-via">via</span></span>')
    parts.append("</div>\n")
    return "".join(parts)


def render_article(article_id: str, tables: Mapping[str, pd.DataFrame]) -> ArticleView:
    """Render one article from in-memory tables (``articles`` required; ``zones``, ``captions``,
    ``entities``, ``quotes`` and ``sources`` used when present).

    Raises:
        KeyError: the tables hold no such article.

    Example:
        >>> from analysis.io.package import load_package
        >>> view = render_article("000_d511d069cc7f123d", load_package())
        >>> "via Anadolu" in view.html
        True
    """
    article = _article_row(article_id, tables)
    text = _value(article.get("text")) or ""
    zones = _rows(tables, "zones", article_id, "part_id")
    captions = {_int(c.get("paragraph_id")): c for c in _rows(tables, "captions", article_id, "caption_id")}
    entities = _rows(tables, "entities", article_id, "start_char")
    quotes = _rows(tables, "quotes", article_id, "quote_id")
    sources = _rows(tables, "sources", article_id, "source_id")
    spans = _quote_spans(quotes) + _entity_spans(entities)
    out = [_meta(article, article_id), _legend(entities, quotes), '<article class="av-article">\n']
    for block in _blocks(text, zones) if zones else _fallback_blocks(text):
        out.append(_block_html(block, render_spans(text, block.start, block.end, block.marks + spans), article, captions))
    out.append("</article>\n")
    out.append(_section("av-quotes", "Quotes", _QUOTE_COLUMNS, quotes, "No quotes found."))
    out.append(_section("av-sources", "Sources", _SOURCE_COLUMNS, sources, "No sources found."))
    title = _value(article.get("headline")) or article_id
    return ArticleView(article_id, title, "".join(out))


def _article_row(article_id: str, tables: Mapping[str, pd.DataFrame]) -> dict:
    """The ``articles`` row of ``article_id``, as a dict; a KeyError names a few known ids when there is none."""
    articles = tables.get("articles")
    if articles is None:
        raise KeyError("no 'articles' table in the tables given")
    match = articles[articles["article_id"] == article_id]
    if match.empty:
        known = ", ".join(map(str, articles["article_id"].head(5)))
        more = ", ..." if len(articles) > 5 else ""
        raise KeyError(f"no article {article_id!r} in the package (articles: {known}{more})")
    return match.iloc[0].to_dict()


def _meta(article: dict, article_id: str) -> str:
    """The line above the article: outlet, date, agency, authors, dateline, link and id."""
    meta = []
    for label in ("outlet", "date", "agency", "authors", "dateline"):
        value = _value(article.get(label))
        if value:
            meta.append(
                f'<span class="av-meta-{label}">{html.escape(value if label in ("outlet", "date") else f"{label}: {value}")}</span>'
            )
    url = _value(article.get("url"))
    if url:
        link = html.escape(url)
        meta.append(
            f'<span class="av-meta-url"><a href="{link}">{link}</a></span>'
            if re.match(r"^https?://", url)
            else f"<span>{link}</span>"
        )
    meta.append(f'<span class="av-meta-id">article {html.escape(article_id)}</span>')
    return '<div class="av-meta">' + "".join(meta) + "</div>\n"


def _block_html(block: _Block, inner: str, article: dict, captions: Mapping[int | None, dict]) -> str:
    """The element of one block of the article around its marked-up text ``inner``."""
    if block.kind == "headline":
        return f'<h1 class="av-headline">{inner}</h1>\n'
    if block.kind == "dek":
        return f'<p class="av-dek">{inner}</p>\n'
    if block.kind == "byline":
        tags = ""
        for label in ("agency", "authors"):
            value = _value(article.get(label))
            if value:
                tags += f'<span class="av-tag av-tag-{label}">{label}: {html.escape(value)}</span>'
        return f'<p class="av-byline">{inner}{tags}</p>\n'
    if block.kind == "caption":
        caption = captions.get(block.paragraph_id, {})
        credit = [x for x in (_value(caption.get("photographer")), _value(caption.get("photo_agency"))) if x]
        credit_line = f'<div class="av-credit-line">Photo: {html.escape(" · ".join(credit))}</div>' if credit else ""
        return (
            f'<figure class="av-caption"><span class="av-caption-label">Photo caption</span>'
            f"<figcaption>{inner}</figcaption>{credit_line}</figure>\n"
        )
    return f'<p class="av-p">{inner}</p>\n'


#: Header and ``quotes`` column of each column of the quotes table below the article.
_QUOTE_COLUMNS = (
    ("#", "quote_id"),
    ("kind", "kind"),
    ("speaker", "speaker"),
    ("speaker_actor", "speaker_actor"),
    ("via", "via"),
    ("cue", "cue"),
    ("text", "text"),
)


#: Header and ``sources`` column of each column of the sources table below the article.
_SOURCE_COLUMNS = (
    ("#", "source_id"),
    ("kind", "kind"),
    ("name", "name"),
    ("agency", "agency"),
    ("photographer", "photographer"),
    ("relays", "relays"),
    ("as written", "text"),
    ("quote", "quote_id"),
)


def _section(css: str, heading: str, columns: tuple[tuple[str, str], ...], rows: list[dict], empty: str) -> str:
    """A titled section holding one table of ``rows`` (header, key) per column, or the ``empty`` message."""
    table = _table([header for header, _ in columns], [[_esc(row.get(key)) for _, key in columns] for row in rows], empty)
    return f'<section class="{css}">\n<h2>{heading}</h2>\n{table}</section>\n'


def show(
    article_id: str,
    *,
    data: str | Path | None = None,
    tables: Mapping[str, pd.DataFrame] | None = None,
) -> ArticleView:
    """The annotated view of one article of a built dataset package.

    Args:
        article_id: the article to show (``articles.article_id``).
        data: folder of the dataset package (default: the project's ``data/``).
        tables: tables already in memory (as :func:`analysis.load_package` returns them);
            ``data`` is not read when given.

    Returns:
        An :class:`ArticleView`: displays itself in JupyterLab; ``.html`` is the fragment,
        ``.save(path)`` writes a standalone page.

    Raises:
        KeyError: no such article in the package.

    Example:
        >>> view = show("000_d511d069cc7f123d")
        >>> view.html.count('<figure class="av-caption"'), view.html.count("data-quote-id=")
        (2, 8)
    """
    if tables is None:
        from analysis.io.package import load_package

        tables = load_package(data)
    return render_article(article_id, tables)
