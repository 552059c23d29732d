"""Read a saved web page (``.html``/``.htm``) into an article: main text, metadata and captions.

The page's main text, title, date, author, site name and canonical address come from
trafilatura (comments left out, precision favoured, tables left out). Photo captions come from
the page's ``<figcaption>`` elements, read here with lxml, since the text extraction drops
them. The article text is then written in the plain-text layout that
:func:`analysis.text.zones.split_zones` reads::

    <headline>

    By <author>

    <caption text> (<photo credit>)

    <body paragraph>

    <body paragraph>

That text is the article's ``articles.text``: every table row indexes it.

    >>> page = (b"<html><head><title>Dam opens</title></head><body><article><h1>Dam opens</h1>"
    ...         b"<p>The new dam on the river opened on Monday after six years of building work.</p>"
    ...         b"<p>Engineers said the reservoir would be full by the end of the summer.</p>"
    ...         b"</article></body></html>")
    >>> article = read_html_page(page, source="pages/dam.html")
    >>> article.article_id, article.meta["title"]
    ('dam', 'Dam opens')
    >>> print(article.text)
    Dam opens
    <BLANKLINE>
    The new dam on the river opened on Monday after six years of building work.
    <BLANKLINE>
    Engineers said the reservoir would be full by the end of the summer.
    <BLANKLINE>
    >>> read_html_page(b"<html><body></body></html>", source="empty.html").message
    'no article text found in the page'
"""

from __future__ import annotations

import codecs
import copy
import logging
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from analysis.config import DEFAULT_MAX_CHARS
from analysis.io.records import RawArticle, ReadError, check_text
from analysis.text.zones import BYLINE_MAX, CREDIT_MAX_WORDS, split_zones

#: Passed to trafilatura's date search: metadata and markup only, and a fixed upper bound so
#: that the result does not depend on the day the page is read.
DATE_PARAMS = {"original_date": True, "extensive_search": False, "max_date": "2099-12-31"}


#: the longest photo credit kept from a page ("Photograph: Jane Doe/AP"); a longer "credit" is caption text
PAGE_CREDIT_MAX = 100

#: bytes at the start of a page searched for a declared charset: the ``<meta>`` sits early in ``<head>``
CHARSET_SNIFF_BYTES = 4096

#: characters at the start of a decoded page counted for control characters (enough to tell binary data)
BINARY_SNIFF_CHARS = 20000

#: control characters a text page may hold in its first BINARY_SNIFF_CHARS: at least this many ...
BINARY_CONTROLS_MIN = 3

#: ... or one in this many characters; more means binary data decoded as text
BINARY_CONTROLS_ONE_IN = 100


_WS = re.compile(r"\s+")


_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)


_HTML_MARKUP = re.compile(
    r"<\s*(?:!doctype\s+html|html|head|body|title|meta|article|main|div|p|h[1-6]|section|span|figure)\b", re.IGNORECASE
)


_CREDIT_MARK = re.compile(r"credit|copyright|photographer|attribution|courtesy|byline|author|source", re.IGNORECASE)


_CREDIT_TAGS = {"small", "cite"}


#: a credit printed at the end of the caption text itself ("... on Monday. Photograph: Jane Doe/AP")
_TRAILING_CREDIT = re.compile(
    r"^(?P<caption>.*?\S)\s+(?:Photo(?:graph)?s?|Picture|Image|Credit|Foto)\s*(?:by)?\s*:\s*"
    rf"(?P<credit>[^:]{{2,{PAGE_CREDIT_MAX}}})$",
    re.IGNORECASE,
)


_CREDIT_LABEL = re.compile(r"^\s*(?:©|\(c\)|(?:photo(?:graph)?s?|picture|image|credit|foto)\s*(?:by)?\s*:)\s*", re.IGNORECASE)


_OUTSIDE_ARTICLE = {"nav", "aside", "footer", "header"}


_CLUTTER_CLASS = re.compile(r"related|recommend|promo|sidebar|teaser|newsletter|advert|cookie|share", re.IGNORECASE)


_BYLINE_START = re.compile(r"^(?:by)\s", re.IGNORECASE)


@dataclass(frozen=True)
class PageCaption:
    """A photo caption found in a ``<figcaption>``: its text and, when the page marks one, its credit."""

    text: str
    credit: str | None = None

    def line(self) -> str | None:
        """The caption as one line of article text, with the credit in brackets at its end.

        ``split_zones`` recognises a caption by its bracketed credit, so a credit that names no
        agency and no photo word gets a ``Photo:`` label. ``None`` when the line would not read
        as a caption (no credit, and no "This photo ..." opening).

        Example:
            >>> PageCaption("Workers on strike.", "Jane Doe/Reuters").line()
            'Workers on strike. (Jane Doe/Reuters)'
            >>> PageCaption("Workers on strike.", "Jane Doe").line()
            'Workers on strike. (Photo: Jane Doe)'
            >>> PageCaption("Workers on strike.").line() is None
            True
        """
        candidates = (
            [self.text] if self.credit is None else [f"{self.text} ({self.credit})", f"{self.text} (Photo: {self.credit})"]
        )
        for line in candidates:
            if _reads_as_caption(line, credited=self.credit is not None):
                return line
        return None


def _reads_as_caption(line: str, *, credited: bool) -> bool:
    head = "Headline\n\n"
    layout = split_zones(head + line + "\n", title="Headline")
    if len(layout.captions) != 1 or layout.captions[0].start != len(head):
        return False
    caption = layout.captions[0]
    return caption.credit is not None if credited else caption.end == len(head) + len(line)


def _collapse_spaces(text: str | None) -> str:
    """Collapse whitespace (including no-break spaces and line breaks) into single spaces."""
    return _WS.sub(" ", (text or "").replace("\u00ad", "")).strip()


def decode_page(data: bytes, *, encoding: str | None = None) -> str:
    """Decode page bytes: ``encoding`` if given, else a byte-order mark, the charset the page
    declares, UTF-8, and Windows-1252 as browsers do. Raise ``ValueError`` for binary data.

    Example:
        >>> decode_page('<meta charset="iso-8859-1"><p>Caf\\xe9</p>'.encode("latin-1"))[-9:]
        '>Café</p>'
        >>> decode_page(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00")
        Traceback (most recent call last):
        ...
        ValueError: not an HTML page (binary data)
    """
    boms = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
    chosen = encoding or next((name for bom, name in boms if data.startswith(bom)), None)
    if chosen is None and b"\x00" in data:
        raise ValueError("not an HTML page (binary data)")
    if chosen is None:
        declared = _DECLARED_CHARSET.search(data[:CHARSET_SNIFF_BYTES])
        if declared:
            try:
                chosen = codecs.lookup(declared.group(1).decode("ascii")).name
            except (LookupError, UnicodeDecodeError):
                chosen = None
    try:
        text = data.decode(chosen or "utf-8")
    except (UnicodeDecodeError, LookupError) as exc:
        if encoding:
            raise ValueError(f"cannot decode as {encoding}: {exc}") from None
        text = data.decode("cp1252", errors="replace")
    head = text[:BINARY_SNIFF_CHARS]
    controls = sum(1 for ch in head if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f")
    if "\x00" in text or controls > max(BINARY_CONTROLS_MIN, len(head) // BINARY_CONTROLS_ONE_IN):
        raise ValueError("not an HTML page (binary data)")
    return text


def _excluded(element) -> bool:
    for ancestor in element.iterancestors():
        if not isinstance(ancestor.tag, str):
            continue
        if ancestor.tag.lower() in _OUTSIDE_ARTICLE:
            return True
        marks = " ".join(filter(None, (ancestor.get("class"), ancestor.get("id"))))
        if marks and _CLUTTER_CLASS.search(marks):
            return True
    return False


def _is_credit_element(element) -> bool:
    if not isinstance(element.tag, str):
        return False
    marks = " ".join(filter(None, (element.get("class"), element.get("itemprop"), element.get("id"))))
    return element.tag.lower() in _CREDIT_TAGS or bool(marks and _CREDIT_MARK.search(marks))


def _clean_credit(credit: str) -> str | None:
    credit = _CREDIT_LABEL.sub("", _collapse_spaces(credit))
    credit = _collapse_spaces(re.sub(r"[()\[\]]", " ", credit)).strip(" .,;:-")
    if not credit or len(credit) > PAGE_CREDIT_MAX or len(credit.split()) > CREDIT_MAX_WORDS:
        return None
    return credit


def page_captions(tree) -> list[PageCaption]:
    """Captions of the ``<figcaption>`` elements of a parsed page, in page order.

    Figures in navigation, headers, footers, sidebars and "related stories" boxes are left out.
    A credit is an element inside the caption (or its figure) marked ``class="credit"`` (or
    copyright, photographer, ...), a ``<small>`` or ``<cite>``, or a trailing "Photo: ..." in the
    caption text.

    Example:
        >>> from lxml import html
        >>> tree = html.fromstring("<figure><figcaption>Rain in Oslo. <small>Photo: Ola Nordmann/NTB</small>"
        ...                        "</figcaption></figure>")
        >>> page_captions(tree)
        [PageCaption(text='Rain in Oslo.', credit='Ola Nordmann/NTB')]
    """
    captions: list[PageCaption] = []
    seen: set[str] = set()
    for figcaption in tree.iter("figcaption"):
        if _excluded(figcaption):
            continue
        work = copy.deepcopy(figcaption)
        work.tail = None
        credits = []
        for element in list(work.iter()):
            if element is not work and _is_credit_element(element) and element.getparent() is not None:
                credits.append(_collapse_spaces(element.text_content()))
                element.drop_tree()
        text = _collapse_spaces(work.text_content())
        if not credits:
            figure = next((a for a in figcaption.iterancestors("figure")), None)
            if figure is not None:
                credits = [
                    _collapse_spaces(e.text_content())
                    for e in figure.iter()
                    if _is_credit_element(e) and figcaption not in e.iterancestors() and e is not figcaption
                ]
        if not credits:
            trailing = _TRAILING_CREDIT.match(text)
            if trailing:
                text, credits = trailing.group("caption"), [trailing.group("credit")]
        credit = _clean_credit(" / ".join(c for c in credits if c)) if credits else None
        if not text or text in seen:
            continue
        seen.add(text)
        captions.append(PageCaption(text, credit))
    return captions


def _paragraphs(body) -> list[str]:
    """Text blocks of trafilatura's XML body: paragraphs, headings, list items, block quotes."""
    blocks: list[str] = []
    for element in body:
        if not isinstance(element.tag, str):
            continue
        if element.tag == "list":
            blocks.extend(_collapse_spaces("".join(item.itertext())) for item in element.iter("item"))
        else:
            blocks.append(_collapse_spaces("".join(element.itertext())))
    return [b for b in blocks if b]


def _byline(author: str | None) -> str | None:
    names = [n for n in (_collapse_spaces(a) for a in re.split(r";|\|", author or "")) if n]
    if not names:
        return None
    if len(names) == 1 and _BYLINE_START.match(names[0]):
        line = names[0]
    else:
        line = "By " + (names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1])
    return line if len(line) <= BYLINE_MAX else None


def _extract(text: str):
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    return trafilatura.bare_extraction(
        text,
        include_comments=False,
        include_tables=False,
        include_images=False,
        favor_precision=True,
        with_metadata=True,
        deduplicate=False,
        date_extraction_params=dict(DATE_PARAMS),
    )


def page_text(*, title: str | None, byline: str | None, captions: list[str], paragraphs: list[str]) -> str:
    """The article text in the layout ``split_zones`` reads: blocks separated by blank lines.

    Example:
        >>> page_text(title="Big news", byline="By Jane Doe", captions=["A crowd. (AP Photo)"], paragraphs=["It happened."])
        'Big news\\n\\nBy Jane Doe\\n\\nA crowd. (AP Photo)\\n\\nIt happened.\\n'
    """
    blocks = [b for b in [title, byline, *captions, *paragraphs] if b]
    return "\n\n".join(blocks) + "\n" if blocks else ""


def _page_body(
    paragraphs: list[str], *, title: str | None, byline: str | None, captions: list[PageCaption], caption_lines: list[str]
) -> list[str]:
    """The extracted paragraphs less the headline, byline and captions, and leading "By" lines naming the authors."""
    skip = {title, byline} | {c.text for c in captions} | set(caption_lines)
    body = [p for p in paragraphs if p not in skip]
    if byline:
        names = [n for n in re.split(r",\s*|\s+and\s+", byline[3:]) if n]
        while body and _BYLINE_START.match(body[0]) and len(body[0]) <= BYLINE_MAX and any(n in body[0] for n in names):
            body.pop(0)
    return body


def _page_meta(document: Any, *, title: str | None, byline: str | None) -> dict[str, str]:
    """The article's metadata from trafilatura's document: those of title, date, outlet, byline and url it has."""
    meta = {
        "title": title,
        "date": document.date,
        "outlet": _collapse_spaces(document.sitename) or None,
        "byline": byline,
        "url": _collapse_spaces(document.url) or None,
    }
    return {k: v for k, v in meta.items() if v}


def read_html_page(
    data: bytes, *, source: str, encoding: str | None = None, max_chars: int = DEFAULT_MAX_CHARS
) -> RawArticle | ReadError:
    """Read one saved web page into a :class:`RawArticle`, or a :class:`ReadError` saying why not.

    Args:
        data: the page's bytes as saved.
        source: where the page was read from; its file stem becomes the article id.
        encoding: decode with this encoding instead of the page's own declaration.
        max_chars: reject articles whose text is longer.

    Returns:
        The article (``meta``: ``title``, ``date`` as ISO ``YYYY-MM-DD``, ``outlet`` (site name),
        ``byline`` (``By <author>``) and ``url`` (canonical address), where the page gives them),
        or an error for an empty, binary or non-HTML page, or a page without article text.
        Never raises.

    Example:
        >>> read_html_page(b"\\x00\\x01\\x02", source="x.html").message
        'not an HTML page (binary data)'
        >>> read_html_page(b"just some words", source="x.html").message
        'not an HTML page (no HTML markup found)'
    """
    article_id = Path(source).stem
    try:
        if not data.strip():
            return ReadError(source, "file is empty", None, article_id)
        try:
            html_text = decode_page(data, encoding=encoding)
        except ValueError as exc:
            return ReadError(source, str(exc), None, article_id)
        if not _HTML_MARKUP.search(html_text):
            return ReadError(source, "not an HTML page (no HTML markup found)", None, article_id)
        document = _extract(html_text)
        paragraphs = _paragraphs(document.body) if document is not None and document.body is not None else []
        if not paragraphs:
            return ReadError(source, "no article text found in the page", None, article_id)

        from trafilatura.utils import load_html

        tree = load_html(html_text)
        caption_items = page_captions(tree) if tree is not None else []
        title = _collapse_spaces(document.title) or None
        byline = _byline(document.author)
        caption_lines = [line for line in (c.line() for c in caption_items) if line]
        body = _page_body(paragraphs, title=title, byline=byline, captions=caption_items, caption_lines=caption_lines)
        if not body:
            return ReadError(source, "no article text found in the page", None, article_id)

        text = page_text(title=title, byline=byline, captions=caption_lines, paragraphs=body)
        problem = check_text(text, max_chars=max_chars)
        if problem:
            return ReadError(source, problem, None, article_id)
        return RawArticle(article_id, source, text, None, _page_meta(document, title=title, byline=byline))
    except Exception as exc:  # a broken page never stops the corpus
        return ReadError(source, f"cannot read the page ({type(exc).__name__}: {exc})", None, article_id)
