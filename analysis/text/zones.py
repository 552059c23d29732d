"""Split an article's text into zones: headline, dek, byline, captions, dateline and body.

The result is a :class:`Layout`: a list of :class:`Part` spans into the text as read, plus the
metadata the parts carry (date from the header line, byline agency and time stamp, photo
credits). ``zone`` is one of ``headline, dek, byline, caption, body``; ``part`` says more
(``byline_time``, ``photo_credit`` and ``dateline`` are parts kept apart from the text of their
zone, and ``date_header`` is the scraper's ``date YYYY-MM-DD`` prefix).

    >>> layout = split_zones(" date 2019-06-04 Big news\\nA dek\\n\\nBy AFP Today, 9:54 am\\n"
    ...                      "ANKARA, Turkey — It happened.\\n\\nMore text.")
    >>> [(p.part, p.text) for p in layout.parts]   # doctest: +NORMALIZE_WHITESPACE
    [('date_header', 'date 2019-06-04'), ('headline', 'Big news'), ('dek', 'A dek'),
     ('byline', 'By AFP'), ('byline_time', 'Today, 9:54 am'), ('dateline', 'ANKARA, Turkey'),
     ('body', 'It happened.'), ('body', 'More text.')]
    >>> layout.date, layout.agency, layout.dateline
    ('2019-06-04', 'AFP', 'ANKARA, Turkey')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from analysis.lexicons.agencies import match_agency
from analysis.text.spans import strip_span

ZONES = ("headline", "dek", "byline", "caption", "body")


PART_ZONE = {
    "date_header": None,
    "headline": "headline",
    "dek": "dek",
    "byline": "byline",
    "byline_time": "byline",
    "caption": "caption",
    "photo_credit": "caption",
    "dateline": "body",
    "body": "body",
}


#: parts whose text is analysed by the language pipeline
TEXT_PARTS = ("headline", "dek", "byline", "caption", "body")


_HEADER = re.compile(r"^[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})(?:[ \t]+(?=\S)|[ \t]*(?=\n|$))")


_BLANK_SPLIT = re.compile(r"\n[ \t\r\f\v]*\n")


_BYLINE = re.compile(r"^(?:By|BY|by)[ \t]+\S")


_BYLINE_TIME = re.compile(
    r"[ \t,|\-–—]+("
    r"(?:Today|Yesterday|Updated|Published|Posted|Last updated)\b.*"
    r"|(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\b,?.*\d.*"
    r"|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2},? \d{4}.*"
    r"|\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{4}.*"
    r"|\d{4}-\d{2}-\d{2}.*"
    r"|\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?.*"
    r")$",
    re.IGNORECASE,
)


_SENTENCE_END = re.compile(r"[.!?][\"'”’]?\s+[A-Z“\"]")


#: the longest first line taken as a headline, with room for long ones: a longer first line is body text
HEADLINE_MAX = 300

#: the longest second line of the head block that still lets the first be a headline (the dek under it):
#: a longer one means the head block is a body paragraph
SECOND_HEAD_LINE_MAX = 400

#: a first line with this many sentence ends is body text, not a headline
BODY_SENTENCES = 2

#: the longest "By ..." line read as a byline: a name list with a time stamp, not a sentence starting "By"
BYLINE_MAX = 200

#: the longest line a caption opener ("This file photo ...") makes a caption: captions are a sentence or two
CAPTION_MAX = 600

#: the longest dateline ("ISTANBUL, Turkey"): a place and its country or state, not a shouted sentence
DATELINE_MAX = 60

#: the longest bracketed photo credit at the end of a line ("(Photo: John Smith/Getty Images)"):
#: a longer bracket is an aside of the text
CREDIT_MAX = 120

#: the most words of a bracketed photo credit: names and agencies, not a sentence
CREDIT_MAX_WORDS = 8

#: the longest agency in brackets after a dateline ("ISTANBUL (AP) -", "(Anadolu Agency)")
DATELINE_AGENCY_MAX = 40


# no leading [ \t]*: tried at every position of a long run of spaces it made the search quadratic
# (200,000 spaces: 96 s); the caption text before the credit is stripped of spaces anyway
_CREDIT = re.compile(rf"\((?P<credit>[^()]{{2,{CREDIT_MAX}}})\)[ \t]*$")


_CREDIT_WORDS = re.compile(r"\b(?:photo|photograph|getty|images?|pool|handout|file|credit)\b|/", re.IGNORECASE)


_CAPTION_OPENERS = re.compile(
    r"^(?:this (?:file |handout )?(?:photo|picture|image)|(?:a |this )?(?:file|handout) (?:photo|picture|image)|"
    r"photo:|picture:|pictured:|image:)",
    re.IGNORECASE,
)


_DATELINE = re.compile(
    r"(?P<dateline>[A-Z][A-Z'’.\-]+(?:[ ][A-Z][A-Z'’.\-]+)*"
    r"(?:,[ ]+[A-Z][A-Za-z'’.\-]+(?:[ ][A-Z][A-Za-z'’.\-]+){0,3})?)"
    rf"(?:[ ]*\((?P<agency>[^()]{{2,{DATELINE_AGENCY_MAX}}})\))?"
    r"[ ]*(?:—|–|--|-|:)[ ]+(?=\S)"
)


@dataclass(frozen=True)
class Part:
    """A span of the article text: ``text == article_text[start:end]``."""

    part: str
    start: int
    end: int
    text: str
    paragraph_id: int | None = None

    @property
    def zone(self) -> str | None:
        return PART_ZONE[self.part]


@dataclass(frozen=True)
class Caption:
    """A photo caption with its credit split off into photographer and agency."""

    start: int
    end: int
    text: str
    paragraph_id: int
    credit: str | None = None
    credit_start: int | None = None
    credit_end: int | None = None
    photographer: str | None = None
    agency: str | None = None


@dataclass
class Layout:
    """The zones of one article and the metadata read off them."""

    parts: list[Part] = field(default_factory=list)
    captions: list[Caption] = field(default_factory=list)
    date: str | None = None
    headline: str | None = None
    dek: str | None = None
    byline: str | None = None
    byline_time: str | None = None
    authors: tuple[str, ...] = ()
    agency: str | None = None
    dateline: str | None = None
    dateline_start: int | None = None
    dateline_end: int | None = None

    def text_parts(self) -> list[Part]:
        """Parts whose text goes through the language pipeline, in text order."""
        return [p for p in self.parts if p.part in TEXT_PARTS]

    def paragraphs(self, zone: str | None = None) -> list[Part]:
        """Text parts, optionally of one zone (``layout.paragraphs("body")``)."""
        return [p for p in self.text_parts() if zone is None or p.zone == zone]


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Non-blank lines of ``text[start:end]`` as stripped (start, end) spans."""
    spans = []
    pos = start
    for line in text[start:end].split("\n"):
        s, e = strip_span(text, pos, pos + len(line))
        if e > s:
            spans.append((s, e))
        pos += len(line) + 1
    return spans


def _blocks(text: str, start: int) -> list[tuple[int, int]]:
    """Blank-line separated blocks of ``text[start:]`` as (start, end) spans."""
    spans = []
    pos = start
    for match in _BLANK_SPLIT.finditer(text, start):
        s, e = strip_span(text, pos, match.start())
        if e > s:
            spans.append((s, e))
        pos = match.end()
    s, e = strip_span(text, pos, len(text))
    if e > s:
        spans.append((s, e))
    return spans


def parse_credit(credit: str) -> tuple[str | None, str | None]:
    """Split a photo credit into (photographer, agency).

    Example:
        >>> parse_credit("AFP Photo/Natalia Kolesnikova")
        ('Natalia Kolesnikova', 'AFP')
        >>> parse_credit("Photo: John Smith/Getty Images")
        ('John Smith', 'Getty Images')
        >>> parse_credit("AP")
        (None, 'AP')
    """
    body = re.sub(r"^(?:photo|picture|credit|image)s?\s*(?:by)?\s*:\s*", "", credit.strip(), flags=re.IGNORECASE)
    pieces = [p.strip() for p in re.split(r"\s*[/|]\s*|\s+via\s+|,\s+", body) if p.strip()]
    photographer = agency = None
    for piece in pieces:
        found = match_agency(piece)
        if found and agency is None:
            agency = found
        elif photographer is None and re.search(r"[A-Za-z]", piece) and not found:
            cleaned = re.sub(r"\b(?:photo|file|handout|pool)\b\.?", "", piece, flags=re.IGNORECASE).strip(" .:-")
            photographer = cleaned or None
    return photographer, agency


def parse_byline(byline: str) -> tuple[tuple[str, ...], str | None]:
    """Split a byline (time stamp already removed) into author names and a wire agency.

    Example:
        >>> parse_byline("By AFP")
        ((), 'AFP')
        >>> parse_byline("By Jane Doe and John Roe, Reuters")
        (('Jane Doe', 'John Roe'), 'Reuters')
    """
    body = re.sub(r"^(?:by)\s+", "", byline.strip(), flags=re.IGNORECASE)
    names = [n.strip(" .") for n in re.split(r",\s*|\s+and\s+|\s*\|\s*|\s+[-–—]\s+|\s*/\s*|\s+for\s+|\s+with\s+", body)]
    authors: list[str] = []
    agency = None
    for name in filter(None, names):
        found = match_agency(name)
        if found:
            agency = agency or found
        else:
            authors.append(name)
    return tuple(authors), agency


def _is_credit(credit: str) -> bool:
    """A bracketed photo credit is short and names no warning ("(WARNING: Video contains graphic images.)")."""
    return len(credit.split()) <= CREDIT_MAX_WORDS and not re.search(r"\b(?:warning|contains)\b", credit, re.I)


def _is_caption(line: str) -> bool:
    credit = _CREDIT.search(line)
    if credit and not _is_credit(credit.group("credit")):
        credit = None
    if credit and (_CREDIT_WORDS.search(credit.group("credit")) or match_agency(credit.group("credit"))):
        # "(AP)" alone after a sentence is rare in body text but common in wire datelines:
        # only count a bare agency as a credit if the line also reads like a caption
        if _CREDIT_WORDS.search(credit.group("credit")) or _CAPTION_OPENERS.search(line):
            return True
    return bool(_CAPTION_OPENERS.search(line)) and len(line) < CAPTION_MAX


def _caption(text: str, start: int, end: int, paragraph_id: int) -> tuple[list[Part], Caption]:
    line = text[start:end]
    credit = _CREDIT.search(line)
    if credit and not _is_credit(credit.group("credit")):
        credit = None
    if credit and (_CREDIT_WORDS.search(credit.group("credit")) or match_agency(credit.group("credit"))):
        c_start = start + credit.start("credit")
        c_end = start + credit.end("credit")
        t_start, t_end = strip_span(text, start, start + credit.start())
        photographer, agency = parse_credit(credit.group("credit"))
        parts = [
            Part("caption", t_start, t_end, text[t_start:t_end], paragraph_id),
            Part("photo_credit", c_start, c_end, text[c_start:c_end], paragraph_id),
        ]
        caption = Caption(
            t_start, t_end, text[t_start:t_end], paragraph_id, text[c_start:c_end], c_start, c_end, photographer, agency
        )
        return [p for p in parts if p.end > p.start], caption
    return [Part("caption", start, end, line, paragraph_id)], Caption(start, end, line, paragraph_id)


def header_date(text: str) -> str | None:
    """The date of a scraper header line ``date YYYY-MM-DD <headline>`` opening the text, if any.

    Example:
        >>> header_date("date 2019-07-12 Erdogan vows\\n\\nBody."), header_date("Head\\n\\nBody.")
        ('2019-07-12', None)
    """
    header = _HEADER.match(text)
    return header.group(1) if header else None


TITLE_MIN_CHARS = 12
"""Characters a line and a given title must have for one holding the other to make them the same title (not one word)."""


def split_zones(text: str, *, title: str | None = None) -> Layout:
    """Split ``text`` into zones; ``title`` (from JSONL/CSV metadata) helps find the headline.

    Rules, in order: a scraper header line ``date YYYY-MM-DD <headline>``; otherwise a first
    line followed by a blank line (or equal to ``title``) is the headline. Lines between the
    headline and the first blank line form the dek. After that, blocks are separated by blank
    lines; inside a block, a line starting with "By" is the byline, a line ending in a photo
    credit in brackets (or opening like "This file photo") is a caption, other lines are body.
    The first body paragraph may open with a dateline ("ISTANBUL, Turkey — ").

    Example:
        >>> layout = split_zones("Title\\n\\nBody one.\\n\\nBody two.")
        >>> [(p.part, p.paragraph_id) for p in layout.parts]
        [('headline', 0), ('body', 1), ('body', 2)]
    """
    layout = Layout()
    header = _HEADER.match(text)
    first_block_end = _BLANK_SPLIT.search(text)
    head_end = first_block_end.start() if first_block_end else len(text)
    head_lines = _lines(text, 0, head_end)
    has_more = first_block_end is not None and bool(text[first_block_end.end() :].strip())
    headline_span = None
    if header:
        headline_span = _date_header(text, header, layout=layout)
    elif head_lines:
        headline_span = _first_line_headline(text, head_lines, title=title, has_more=has_more)
    writer = _Writer(text, layout)
    start = 0
    if headline_span and headline_span[1] > headline_span[0]:
        writer.head(headline_span, head_lines)
        start = head_end
    elif header:  # a date header alone on its line: the text goes on after it
        line_end = text.find("\n", header.end())
        start = len(text) if line_end < 0 else line_end + 1
    for block_start, block_end in _blocks(text, start):
        writer.block(block_start, block_end)
    return layout


def _date_header(text: str, header: re.Match[str], *, layout: Layout) -> tuple[int, int]:
    """The scraper's ``date YYYY-MM-DD`` prefix: a part and the layout's date; the rest of its line is the headline."""
    date_start = text.index("date", header.start())
    layout.parts.append(Part("date_header", date_start, header.end(1), text[date_start : header.end(1)]))
    layout.date = header.group(1)
    line_end = text.find("\n", header.end())
    line_end = len(text) if line_end < 0 else line_end
    return strip_span(text, header.end(), line_end)


def _first_line_headline(
    text: str, head_lines: list[tuple[int, int]], *, title: str | None, has_more: bool
) -> tuple[int, int] | None:
    """The first line as headline: equal to ``title``, or short, not body-like, with a short dek at most and text after it."""
    s, e = head_lines[0]
    line = text[s:e]
    if title is not None and title.strip():
        return (s, e) if _same_title(line, title) else None  # the given title is the headline; the text may not print it
    looks_like_body = _DATELINE.match(line) is not None or len(_SENTENCE_END.findall(line)) >= BODY_SENTENCES
    if (
        not looks_like_body
        and has_more
        and len(line) <= HEADLINE_MAX
        and (len(head_lines) == 1 or len(head_lines) == 2 and len(text[slice(*head_lines[1])]) <= SECOND_HEAD_LINE_MAX)
    ):
        return s, e
    return None


def _same_title(line: str, title: str) -> bool:
    """Whether a first line prints the given title: equal once case, punctuation and spacing are
    set aside, or one holding the other (a title with the outlet's name added, ``X | Outlet``).

    Example:
        >>> _same_title("Erdogan: No Going Back", "Erdogan: no going back | Daily News"), _same_title("Ankara said so.", "Erdogan")
        (True, False)
    """
    a, b = (" ".join(re.findall(r"\w+", x.casefold())) for x in (line, title))
    return bool(a) and bool(b) and (a == b or (min(len(a), len(b)) >= TITLE_MIN_CHARS and (a in b or b in a)))


@dataclass
class _Writer:
    """Appends an article's parts to its layout in text order, numbering paragraphs as it goes."""

    text: str
    layout: Layout
    paragraph: int = 0
    body_seen: bool = False
    pending: tuple[int, int] | None = None  # body lines of the current block not yet written as a paragraph

    def add(self, part: str, start: int, end: int) -> str:
        """Append one part of the current paragraph; returns its text."""
        self.layout.parts.append(Part(part, start, end, self.text[start:end], self.paragraph))
        return self.text[start:end]

    def head(self, headline: tuple[int, int], head_lines: list[tuple[int, int]]) -> None:
        """The headline, then the dek: the head block's lines after the headline."""
        self.layout.headline = self.add("headline", *headline)
        self.paragraph += 1
        dek_lines = [span for span in head_lines if span[0] >= headline[1]]
        if dek_lines:
            self.layout.dek = self.add("dek", dek_lines[0][0], dek_lines[-1][1])
            self.paragraph += 1

    def block(self, start: int, end: int) -> None:
        """One blank-line separated block: consecutive body lines stay one paragraph, bylines and captions split it."""
        self.pending = None
        for l_start, l_end in _lines(self.text, start, end):
            line = self.text[l_start:l_end]
            if _BYLINE.match(line) and len(line) <= BYLINE_MAX and not self.body_seen and self.layout.byline is None:
                self.flush()
                self.byline(l_start, l_end)
            elif _is_caption(line):
                self.flush()
                self.caption(l_start, l_end)
            else:
                self.pending = (self.pending[0], l_end) if self.pending else (l_start, l_end)
        self.flush()

    def byline(self, start: int, end: int) -> None:
        """A byline line: the byline, its time stamp, and the authors and agency read off it."""
        time_match = _BYLINE_TIME.search(self.text[start:end])
        by_start, by_end = strip_span(self.text, start, start + time_match.start() if time_match else end)
        self.layout.byline = self.add("byline", by_start, by_end)
        if time_match:
            self.layout.byline_time = self.add("byline_time", start + time_match.start(1), start + time_match.end(1))
        self.layout.authors, agency = parse_byline(self.layout.byline)
        self.layout.agency = agency or self.layout.agency
        self.paragraph += 1

    def caption(self, start: int, end: int) -> None:
        """A caption line: its caption and photo-credit parts and a :class:`Caption`."""
        caption_parts, caption = _caption(self.text, start, end, self.paragraph)
        self.layout.parts.extend(caption_parts)
        self.layout.captions.append(caption)
        self.paragraph += 1

    def flush(self) -> None:
        """Write the pending body lines as one paragraph, the first one opening with the dateline if any."""
        if self.pending is None:
            return
        s, e = self.pending
        if not self.body_seen:
            self.body_seen = True
            s = self.dateline(s, e)
        self.add("body", s, e)
        self.paragraph += 1
        self.pending = None

    def dateline(self, start: int, end: int) -> int:
        """The dateline opening the first body paragraph ("ISTANBUL, Turkey — "); returns where the body starts."""
        match = _DATELINE.match(self.text, start, end)
        if not (match and len(match.group("dateline")) <= DATELINE_MAX and match.group("dateline").split(",")[0].isupper()):
            return start
        ds, de = match.span("dateline")
        self.layout.dateline = self.add("dateline", ds, de)
        self.layout.dateline_start, self.layout.dateline_end = ds, de
        if match.group("agency") and not self.layout.agency:
            self.layout.agency = match_agency(match.group("agency"))
        return match.end()
