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
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping

import pandas as pd

#: Fixed colour per spaCy entity label (labels not listed use ``OTHER_COLOUR``).
ENTITY_COLOURS: dict[str, str] = {
    "PERSON": "#2563eb",
    "NORP": "#9333ea",
    "FAC": "#a16207",
    "ORG": "#059669",
    "GPE": "#dc2626",
    "LOC": "#ea580c",
    "PRODUCT": "#0891b2",
    "EVENT": "#db2777",
    "WORK_OF_ART": "#7c3aed",
    "LAW": "#4d7c0f",
    "LANGUAGE": "#0f766e",
    "DATE": "#6b7280",
    "TIME": "#64748b",
    "PERCENT": "#78716c",
    "MONEY": "#15803d",
    "QUANTITY": "#854d0e",
    "ORDINAL": "#737373",
    "CARDINAL": "#525252",
}
OTHER_COLOUR = "#374151"
#: Fixed background per quote kind.
QUOTE_COLOURS: dict[str, str] = {
    "direct": "#fde68a",
    "partial": "#fbcfe8",
    "mixed": "#ddd6fe",
    "indirect": "#bfdbfe",
}
OTHER_QUOTE_COLOUR = "#e5e7eb"

_SAFE_NAME = re.compile(r"^[A-Za-z0-9_]+$")
_RANK_PART, _RANK_QUOTE, _RANK_ROLE, _RANK_ENTITY = 0, 1, 2, 3

_CSS = """
.av-root{font-family:Georgia,'Times New Roman',serif;color:#111827;line-height:1.6;max-width:46em;margin:0 auto;padding:0.5em 1em}
.av-root *{box-sizing:border-box}
.av-root .av-meta{font:13px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;color:#4b5563;margin:0 0 0.4em}
.av-root .av-meta span+span:before{content:" \\00b7 ";color:#9ca3af}
.av-root .av-legend{font:12px/1.9 system-ui,-apple-system,'Segoe UI',sans-serif;color:#374151;border-top:1px solid #e5e7eb;border-bottom:1px solid #e5e7eb;padding:0.3em 0;margin:0 0 1em}
.av-root .av-legend .av-legend-title{font-weight:600;margin-right:0.3em}
.av-root .av-legend .av-legend-item{margin-right:0.6em;white-space:nowrap}
.av-root .av-headline{font-size:1.8em;line-height:1.25;margin:0.2em 0 0.3em}
.av-root .av-dek{font-size:1.15em;color:#374151;margin:0 0 0.8em}
.av-root .av-byline{font:14px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;color:#374151;margin:0 0 1em}
.av-root .av-time{color:#6b7280}
.av-root .av-tag{display:inline-block;font:11px/1.4 system-ui,-apple-system,'Segoe UI',sans-serif;border:1px solid #9ca3af;border-radius:3px;padding:0 0.35em;margin-left:0.4em;color:#374151;background:#f9fafb;vertical-align:middle}
.av-root .av-caption{margin:1em 0;padding:0.6em 0.8em;border:1px solid #cbd5e1;border-left:4px solid #64748b;background:#f8fafc;font:14px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;color:#1f2937}
.av-root .av-caption .av-caption-label{display:block;font-size:11px;text-transform:uppercase;letter-spacing:0.05em;color:#64748b;margin-bottom:0.2em}
.av-root .av-caption figcaption{margin:0}
.av-root .av-credit{color:#475569;font-style:italic}
.av-root .av-credit-line{font-size:12px;color:#475569;margin-top:0.3em}
.av-root .av-dateline{font-variant:small-caps;font-weight:bold;letter-spacing:0.03em}
.av-root .av-p{margin:0 0 0.9em}
.av-root .av-quote{border-radius:2px;padding:0.05em 0;color:inherit}
.av-root .av-badge{display:inline-block;font:11px/1.4 system-ui,-apple-system,'Segoe UI',sans-serif;font-weight:normal;font-style:normal;font-variant:normal;letter-spacing:0;background:#1f2937;color:#fff;border-radius:3px;padding:0 0.4em;margin:0 0.3em 0 0.1em;vertical-align:middle}
.av-root .av-speaker{border-bottom:2px dotted #111827;font-weight:600}
.av-root .av-via{border-bottom:2px dashed #92400e}
.av-root .av-cue{font-style:italic}
.av-root .av-ent{border-bottom:2px solid #374151;padding-bottom:1px}
.av-root .av-swatch{display:inline-block;width:0.9em;height:0.9em;border-radius:2px;vertical-align:-0.1em;margin-right:0.25em}
.av-root h2{font:600 15px/1.4 system-ui,-apple-system,'Segoe UI',sans-serif;margin:1.6em 0 0.4em;border-bottom:1px solid #e5e7eb}
.av-root table{border-collapse:collapse;width:100%;font:13px/1.4 system-ui,-apple-system,'Segoe UI',sans-serif}
.av-root th,.av-root td{border:1px solid #e5e7eb;padding:0.25em 0.45em;text-align:left;vertical-align:top}
.av-root th{background:#f3f4f6;font-weight:600}
.av-root .av-none{color:#9ca3af}
"""


def _css() -> str:
    rules = [_CSS.strip()]
    for label, colour in ENTITY_COLOURS.items():
        rules.append(f".av-root .av-ent-{label}{{border-bottom-color:{colour}}}")
        rules.append(f".av-root .av-swatch-{label}{{background:{colour}}}")
    rules.append(f".av-root .av-swatch-OTHER{{background:{OTHER_COLOUR}}}")
    for kind, colour in QUOTE_COLOURS.items():
        rules.append(f".av-root .av-quote-{kind}{{background:{colour}}}")
    rules.append(f".av-root .av-quote-other{{background:{OTHER_QUOTE_COLOUR}}}")
    return "\n".join(rules) + "\n"


CSS = _css()


@dataclass(frozen=True)
class Span:
    """A stretch of article text to wrap in one element.

    ``rank`` orders spans that start and end together (lower ranks go outside); ``prefix`` is
    HTML written once, just inside the element's first opening (a quote's badge).
    """

    start: int
    end: int
    rank: int
    tag: str = "span"
    classes: str = ""
    title: str | None = None
    data: tuple[tuple[str, str], ...] = ()
    prefix: str = ""

    def open_tag(self) -> str:
        attrs = ""
        if self.classes:
            attrs += f' class="{html.escape(self.classes)}"'
        if self.title:
            attrs += f' title="{html.escape(self.title)}"'
        for name, value in self.data:
            attrs += f' data-{name}="{html.escape(value)}"'
        return f"<{self.tag}{attrs}>"


def render_spans(text: str, start: int, end: int, spans: Iterable[Span]) -> str:
    """HTML of ``text[start:end]`` with ``spans`` as elements, built in one walk over the text.

    Open and close events are taken in offset order; at each offset the spans that end close
    first, then the spans that start open, longer (then lower-ranked) ones outside. Crossing
    spans are split: a span opening inside a higher-ranked one that would cross it closes that
    one and reopens it inside itself, and a span closing while a later-opened one is still
    open closes that one and reopens it after itself, so the markup always nests. Text is
    escaped.

    Example:
        >>> text = "Erdogan said <no> deal"
        >>> quote, person = Span(0, 22, 1, "mark", "q"), Span(0, 7, 3, "span", "e")
        >>> render_spans(text, 0, len(text), [person, quote])
        '<mark class="q"><span class="e">Erdogan</span> said &lt;no&gt; deal</mark>'
        >>> render_spans("abcdef", 0, 6, [Span(0, 4, 1, "b"), Span(2, 6, 3, "i")])
        '<b>ab<i>cd</i></b><i>ef</i>'
        >>> render_spans("abcdef", 0, 6, [Span(2, 6, 1, "b"), Span(0, 4, 3, "i")])
        '<i>ab</i><b><i>cd</i>ef</b>'
    """
    items = []
    for key, span in enumerate(spans):
        s, e = max(span.start, start), min(span.end, end)
        if e > s:
            items.append((s, e, key, span))
    starts: dict[int, list] = defaultdict(list)
    for item in items:
        starts[item[0]].append(item)
    points = sorted({start, end} | {i[0] for i in items} | {i[1] for i in items})
    out: list[str] = []
    stack: list[tuple] = []
    opened: set[int] = set()
    for index, pos in enumerate(points):
        closing = [k for k, item in enumerate(stack) if item[1] == pos]
        reopen: list[tuple] = []
        if closing:
            popped = stack[closing[0]:]
            del stack[closing[0]:]
            out.extend(f"</{item[3].tag}>" for item in reversed(popped))
            reopen = [item for item in popped if item[1] != pos]
        for item in sorted(reopen + starts.get(pos, []), key=lambda i: (-i[1], i[3].rank, i[2])):
            span = item[3]
            # an open span of a higher rank that would cross this one is split here, so that
            # the lower-ranked span (a quote) stays whole and the other (an entity) goes inside
            crossing = [k for k, other in enumerate(stack) if other[1] < item[1] and other[3].rank > span.rank]
            inner = stack[crossing[0]:] if crossing else []
            if inner:
                del stack[crossing[0]:]
                out.extend(f"</{other[3].tag}>" for other in reversed(inner))
            out.append(span.open_tag())
            if span.prefix and item[2] not in opened and span.start >= start:
                out.append(span.prefix)
            opened.add(item[2])
            stack.append(item)
            for other in inner:
                out.append(other[3].open_tag())
                stack.append(other)
        if index + 1 < len(points):
            out.append(html.escape(text[pos:points[index + 1]]))
    return "".join(out)


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
        return f'<div class="av-root" data-article-id="{html.escape(self.article_id)}">\n<style>\n{CSS}</style>\n{self.body}</div>\n'

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
        return self.html

    def __repr__(self) -> str:
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


def _value(value: object) -> str | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    text = str(value)
    return text if text != "" else None


def _int(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _rows(tables: Mapping[str, pd.DataFrame], name: str, article_id: str, order: str | None = None) -> list[dict]:
    frame = tables.get(name)
    if frame is None or frame.empty or "article_id" not in frame:
        return []
    frame = frame[frame["article_id"] == article_id]
    if order and order in frame:
        frame = frame.sort_values(order, kind="stable")
    return frame.to_dict("records")


def _esc(value: object) -> str:
    text = _value(value)
    return html.escape(text) if text is not None else '<span class="av-none">—</span>'


def _badge(quote: dict) -> str:
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
    spans: list[Span] = []
    roles: dict[tuple[int, int, str], list[str]] = {}
    for quote in quotes:
        start, end = _int(quote.get("start_char")), _int(quote.get("end_char"))
        qid = _value(quote.get("quote_id")) or ""
        kind = _value(quote.get("kind")) or "other"
        css_kind = kind if kind in QUOTE_COLOURS else "other"
        if start is not None and end is not None:
            title = " · ".join(
                x
                for x in (
                    f"quote {qid}",
                    kind,
                    f"speaker: {_value(quote.get('speaker'))}" if _value(quote.get("speaker")) else None,
                    f"cue: {_value(quote.get('cue'))}" if _value(quote.get("cue")) else None,
                    f"via: {_value(quote.get('via_text'))}" if _value(quote.get("via_text")) else None,
                )
                if x
            )
            spans.append(
                Span(start, end, _RANK_QUOTE, "mark", f"av-quote av-quote-{css_kind}", title, (("quote-id", qid), ("kind", kind)), _badge(quote))
            )
        who = _value(quote.get("speaker_actor")) or _value(quote.get("speaker")) or ""
        for prefix, css in (("speaker", "av-speaker"), ("cue", "av-cue"), ("via", "av-via")):
            s = _int(quote.get(f"{prefix}_start"))
            e = _int(quote.get(f"{prefix}_end"))
            if s is None or e is None or e <= s:
                continue
            note = {
                "speaker": f"speaker of quote {qid}: {who}",
                "cue": f"cue of quote {qid}",
                "via": f"via of quote {qid}: {_value(quote.get('via')) or ''}",
            }[prefix]
            roles.setdefault((s, e, css), []).append(note)
    for (s, e, css), notes in sorted(roles.items()):
        spans.append(Span(s, e, _RANK_ROLE, "span", css, "; ".join(notes)))
    return spans


def _entity_spans(entities: list[dict]) -> list[Span]:
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
            Span(_int(p["start_char"]), _int(p["end_char"]), _RANK_PART, "span", _PART_CLASS[_value(p.get("part"))], _PART_TITLE[_value(p.get("part"))])
            for p in parts
            if _value(p.get("part")) in _PART_CLASS
        ]
        blocks.append(_Block(kind, start, end, paragraph, marks))
    blocks.sort(key=lambda b: (b.start, b.end))
    return blocks


def _fallback_blocks(text: str) -> list[_Block]:
    blocks = []
    for match in re.finditer(r"\S(?:.*?\S)?(?=\s*\n\s*\n|\s*$)", text, re.DOTALL):
        blocks.append(_Block("body", match.start(), match.end(), None, []))
    return blocks


def _table(columns: list[str], rows: list[list[str]], empty: str) -> str:
    if not rows:
        return f'<p class="av-none">{html.escape(empty)}</p>\n'
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>\n" for row in rows)
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}</tbody>\n</table>\n"


def _legend(entities: list[dict], quotes: list[dict]) -> str:
    labels = {_value(e.get("label")) or "OTHER" for e in entities}
    ordered = [label for label in ENTITY_COLOURS if label in labels] + sorted(labels - set(ENTITY_COLOURS))
    kinds = {_value(q.get("kind")) or "other" for q in quotes}
    ordered_kinds = [k for k in QUOTE_COLOURS if k in kinds] + sorted(kinds - set(QUOTE_COLOURS))
    parts = ['<div class="av-legend">']
    if ordered:
        parts.append('<span class="av-legend-title">Entities</span>')
        for label in ordered:
            css = label if label in ENTITY_COLOURS else "OTHER"
            parts.append(f'<span class="av-legend-item"><span class="av-swatch av-swatch-{css}"></span>{html.escape(label)}</span>')
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
        >>> from analysis.package import load_package
        >>> view = render_article("000_d511d069cc7f123d", load_package())
        >>> "via Anadolu" in view.html
        True
    """
    articles = tables.get("articles")
    if articles is None:
        raise KeyError("no 'articles' table in the tables given")
    match = articles[articles["article_id"] == article_id]
    if match.empty:
        known = ", ".join(map(str, articles["article_id"].head(5)))
        more = ", ..." if len(articles) > 5 else ""
        raise KeyError(f"no article {article_id!r} in the package (articles: {known}{more})")
    article = match.iloc[0].to_dict()
    text = _value(article.get("text")) or ""
    zones = _rows(tables, "zones", article_id, "part_id")
    captions = {_int(c.get("paragraph_id")): c for c in _rows(tables, "captions", article_id, "caption_id")}
    entities = _rows(tables, "entities", article_id, "start_char")
    quotes = _rows(tables, "quotes", article_id, "quote_id")
    sources = _rows(tables, "sources", article_id, "source_id")

    spans = _quote_spans(quotes) + _entity_spans(entities)
    out: list[str] = []

    meta = []
    for label, key in (("outlet", "outlet"), ("date", "date"), ("agency", "agency"), ("authors", "authors"), ("dateline", "dateline")):
        value = _value(article.get(key))
        if value:
            meta.append(f'<span class="av-meta-{label}">{html.escape(value if label in ("outlet", "date") else f"{label}: {value}")}</span>')
    url = _value(article.get("url"))
    if url:
        link = html.escape(url)
        meta.append(f'<span class="av-meta-url"><a href="{link}">{link}</a></span>' if re.match(r"^https?://", url) else f"<span>{link}</span>")
    meta.append(f'<span class="av-meta-id">article {html.escape(article_id)}</span>')
    out.append('<div class="av-meta">' + "".join(meta) + "</div>\n")
    out.append(_legend(entities, quotes))

    out.append('<article class="av-article">\n')
    blocks = _blocks(text, zones) if zones else _fallback_blocks(text)
    for block in blocks:
        inner = render_spans(text, block.start, block.end, block.marks + spans)
        if block.kind == "headline":
            out.append(f'<h1 class="av-headline">{inner}</h1>\n')
        elif block.kind == "dek":
            out.append(f'<p class="av-dek">{inner}</p>\n')
        elif block.kind == "byline":
            tags = ""
            agency = _value(article.get("agency"))
            if agency:
                tags += f'<span class="av-tag av-tag-agency">agency: {html.escape(agency)}</span>'
            authors = _value(article.get("authors"))
            if authors:
                tags += f'<span class="av-tag av-tag-authors">authors: {html.escape(authors)}</span>'
            out.append(f'<p class="av-byline">{inner}{tags}</p>\n')
        elif block.kind == "caption":
            caption = captions.get(block.paragraph_id, {})
            credit = [x for x in (_value(caption.get("photographer")), _value(caption.get("photo_agency"))) if x]
            credit_line = f'<div class="av-credit-line">Photo: {html.escape(" · ".join(credit))}</div>' if credit else ""
            out.append(
                f'<figure class="av-caption"><span class="av-caption-label">Photo caption</span>'
                f"<figcaption>{inner}</figcaption>{credit_line}</figure>\n"
            )
        else:
            out.append(f'<p class="av-p">{inner}</p>\n')
    out.append("</article>\n")

    out.append('<section class="av-quotes">\n<h2>Quotes</h2>\n')
    out.append(
        _table(
            ["#", "kind", "speaker", "speaker_actor", "via", "cue", "text"],
            [
                [_esc(q.get("quote_id")), _esc(q.get("kind")), _esc(q.get("speaker")), _esc(q.get("speaker_actor")),
                 _esc(q.get("via")), _esc(q.get("cue")), _esc(q.get("text"))]
                for q in quotes
            ],
            "No quotes found.",
        )
    )
    out.append("</section>\n")
    out.append('<section class="av-sources">\n<h2>Sources</h2>\n')
    out.append(
        _table(
            ["#", "kind", "name", "agency", "photographer", "relays", "as written", "quote"],
            [
                [_esc(s.get("source_id")), _esc(s.get("kind")), _esc(s.get("name")), _esc(s.get("agency")),
                 _esc(s.get("photographer")), _esc(s.get("relays")), _esc(s.get("text")), _esc(s.get("quote_id"))]
                for s in sources
            ],
            "No sources found.",
        )
    )
    out.append("</section>\n")
    title = _value(article.get("headline")) or article_id
    return ArticleView(article_id, title, "".join(out))


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
        from .package import load_package

        tables = load_package(data)
    return render_article(article_id, tables)
