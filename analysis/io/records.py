"""What a reader produces: an article as read, an input that could not be read, a skipped file."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from analysis.config import DEFAULT_MAX_CHARS

META_FIELDS = ("title", "date", "outlet", "byline", "url", "language", "agency")


_ID_OK = re.compile(r"^[\w.\-]+$")


@dataclass(frozen=True)
class RawArticle:
    """One article as read: its id, where it came from, its text and metadata fields."""

    article_id: str
    source_path: str
    text: str
    line: int | None = None
    meta: dict[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    """What the build report should say about it (metadata clashes, a sidecar that could not be used)."""
    origins: dict[str, str] = field(default_factory=dict)
    """Where each metadata field came from when not the article's own record: ``sidecar`` or ``metadata file``."""


@dataclass(frozen=True)
class ReadError:
    """An input (file or row) that could not be read, with a message naming the problem."""

    source_path: str
    message: str
    line: int | None = None
    article_id: str | None = None

    def __str__(self) -> str:
        where = f"{self.source_path}:{self.line}" if self.line is not None else self.source_path
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Skipped:
    """A file found in a folder that is not an article format (listed in the build report)."""

    source_path: str
    message: str
    line: int | None = None
    article_id: str | None = None


Item = RawArticle | ReadError | Skipped


def decode_bytes(data: bytes, *, source: str, encoding: str | None = None) -> str:
    """Decode file bytes strictly; raise ``ValueError`` naming the first bad byte.

    UTF-8 (with or without BOM) and UTF-16 with a BOM are recognised; pass ``encoding`` for
    anything else.

    Example:
        >>> decode_bytes("Café".encode("utf-8"), source="a.txt")
        'Café'
        >>> decode_bytes("\\ufeffCafé".encode("utf-8"), source="a.txt", encoding="utf-8")
        'Café'
        >>> decode_bytes(b"caf\\xe9", source="a.txt")
        Traceback (most recent call last):
        ...
        ValueError: a.txt: not valid UTF-8 (byte 0xe9 at offset 3); re-save the file as UTF-8 or pass --encoding (e.g. cp1252)
    """
    if encoding:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise ValueError(f"{source}: cannot decode as {encoding}: {exc}") from None
        return text.removeprefix("\ufeff")  # a byte-order mark is no part of the article
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ValueError(f"{source}: broken UTF-16 text at offset {exc.start}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = data[exc.start]
        raise ValueError(
            f"{source}: not valid UTF-8 (byte 0x{bad:02x} at offset {exc.start}); "
            "re-save the file as UTF-8 or pass --encoding (e.g. cp1252)"
        ) from None


def normalize_newlines(text: str) -> str:
    """``text`` with Windows (``\\r\\n``) and old Mac (``\\r``) line ends made ``\\n``.

    Example:
        >>> normalize_newlines("Title\\r\\n\\r\\nBody\\rmore")
        'Title\\n\\nBody\\nmore'
    """
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def check_text(text: object, *, max_chars: int = DEFAULT_MAX_CHARS) -> str | None:
    """Return a problem description for an article text, or ``None`` when it is usable.

    Example:
        >>> check_text("   ")
        'article text is empty'
        >>> check_text("x" * 11, max_chars=10)
        'article is 11 characters long, above the limit of 10 (raise it with --max-chars)'
    """
    if not isinstance(text, str):
        return f"field 'text' must be a string, found {type(text).__name__}"
    if not text.strip():
        return "article text is empty"
    if len(text) > max_chars:
        return f"article is {len(text):,} characters long, above the limit of {max_chars:,} (raise it with --max-chars)"
    if "\x00" in text:
        return "article text contains NUL bytes (binary file?)"
    return lone_surrogate(text, field="text")


_SURROGATE = re.compile("[\ud800-\udfff]")


def lone_surrogate(value: str, *, field: str) -> str | None:
    """A problem description when ``value`` holds a lone surrogate (half of a UTF-16 pair, from a
    broken ``\\ud800`` escape in JSON), which no UTF-8 file can hold; else ``None``.

    Example:
        >>> lone_surrogate("He said \\ud800 it.", field="text").split(":")[0]
        "field 'text' holds a lone surrogate (U+D800) at character 8"
        >>> lone_surrogate("fine", field="title") is None
        True
    """
    match = _SURROGATE.search(value)
    if match is None:
        return None
    return f"field {field!r} holds a lone surrogate (U+{ord(match.group()):04X}) at character {match.start()}: not valid Unicode (a broken \\u escape?)"
