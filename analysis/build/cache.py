"""The article cache: build fingerprint, content keys, rows on disk.

An entry is a gzip file of two JSON lines: a header (format, version, kind, the entry's own key
and the SHA-256 of the second line) and the payload. Nothing in it is code: an entry is read
with :func:`json.loads` and checked (header, checksum, then the shape and value types of the
payload) before it is used; one that fails any check is recomputed and counted, never trusted.

    >>> data = encode_entry("k1", {"n": 1}, kind="block")
    >>> decode_entry(data, "k1", kind="block")
    {'n': 1}
    >>> decode_entry(data, "k2", kind="block")
    Traceback (most recent call last):
    ...
    analysis.build.cache.CacheEntryError: key is 'k1', not 'k2'
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import stat
import tempfile
import zlib
from functools import lru_cache
from pathlib import Path
from typing import Any

from analysis.config import DEFAULT_PIPELINE, RESOURCES_DIR, TABLE_VERSION, __version__
from analysis.io.atomic import atomic_write_bytes
from analysis.io.records import RawArticle
from analysis.io.schema import ARTICLE_TABLES, TABLES, Row
from analysis.lexicons.actors import REGISTRY_FILE
from analysis.nlp.pipeline import pipeline_meta

# ----------------------------------------------------------------------------- entry format
CACHE_FORMAT = "news-coverage-cache"
"""Named in every entry's header, so that no other file is ever taken for an entry."""

CACHE_VERSION = 1
"""Version of the header and payload layout; an entry of another version is recomputed."""

ENTRY_SUFFIX = ".jsonl.gz"
"""Two JSON lines, gzip-compressed: readable with ``zcat``; entries of other names are ignored."""

COMPRESS_LEVEL = 1
"""The fastest gzip level: entries are written during the build; level 6 saves only ~20% more."""

ENTRY_KINDS = ("article", "block")
"""An article's rows, or a whole block's CSV text and counts (see :mod:`analysis.build.blocks`)."""

_HEADER_KEYS = {"format", "version", "kind", "key", "sha256"}

_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
"""Opening a pipe planted where an entry goes must not wait for a writer."""

_ACCEPTED: dict[str, frozenset[type]] = {
    "string": frozenset({str, type(None)}),
    "Int64": frozenset({int, type(None)}),
    "Float64": frozenset({float, int, type(None)}),
    "boolean": frozenset({bool, type(None)}),
}
"""Python types a cached cell of each column dtype may hold (``type(True)`` is ``bool``, not ``int``)."""


class CacheEntryError(ValueError):
    """A cache entry that exists but cannot be used (damaged, of another key, of the wrong shape)."""


def _dumps(value: Any) -> bytes:
    # surrogatepass: any str round-trips, even one no reader would let through
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8", "surrogatepass")


def _loads(data: bytes) -> Any:
    try:
        return json.loads(data.decode("utf-8", "surrogatepass"))
    except (ValueError, RecursionError) as exc:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        raise CacheEntryError(f"not JSON: {exc}") from None


def encode_entry(key: str, payload: Any, *, kind: str) -> bytes:
    """The bytes of an entry holding ``payload`` (plain JSON values) under ``key``.

    Example:
        >>> gzip.decompress(encode_entry("k", [1], kind="article")).split(b"\\n")[1]
        b'[1]'
    """
    body = _dumps(payload)
    header = {"format": CACHE_FORMAT, "version": CACHE_VERSION, "kind": kind, "key": key}
    header["sha256"] = hashlib.sha256(body).hexdigest()
    return gzip.compress(_dumps(header) + b"\n" + body, compresslevel=COMPRESS_LEVEL, mtime=0)


def decode_entry(data: bytes, key: str, *, kind: str) -> Any:
    """The payload of an entry's bytes; :class:`CacheEntryError` unless they are an entry of this
    format and version, of ``kind`` and ``key``, whose payload matches its checksum.

    Example:
        >>> decode_entry(b"\\x80\\x05K\\x01.", "k", kind="article")
        Traceback (most recent call last):
        ...
        analysis.build.cache.CacheEntryError: not a gzip file: Not a gzipped file (b'\\x80\\x05')
    """
    try:
        text = gzip.decompress(data)
    except (OSError, EOFError, zlib.error) as exc:  # gzip.BadGzipFile is an OSError
        raise CacheEntryError(f"not a gzip file: {exc}") from None
    line, newline, body = text.partition(b"\n")
    header = _loads(line)
    if not newline or type(header) is not dict or set(header) != _HEADER_KEYS:
        raise CacheEntryError("no entry header")
    expected = {"format": CACHE_FORMAT, "version": CACHE_VERSION, "kind": kind, "key": key}
    for name, value in expected.items():
        if type(header[name]) is not type(value) or header[name] != value:
            raise CacheEntryError(f"{name} is {header[name]!r:.80}, not {value!r}")
    if header["sha256"] != hashlib.sha256(body).hexdigest():
        raise CacheEntryError("payload does not match its checksum")
    return _loads(body)


def _read(path: Path) -> bytes | None:
    """The bytes of the file at ``path``; ``None`` if there is none; :class:`CacheEntryError` if
    something else is there (a folder, a pipe, a device) or it cannot be read."""
    try:
        fd = os.open(path, os.O_RDONLY | _NONBLOCK)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        raise CacheEntryError(f"cannot be opened: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                raise CacheEntryError("not a regular file")
            return fh.read()
    except OSError as exc:
        raise CacheEntryError(f"cannot be read: {exc.strerror or exc}") from None


def _probe(folder: Path) -> None:
    """Create and remove a file in ``folder``: ``OSError`` if it cannot be written."""
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".probe.", suffix=".tmp")
    os.close(fd)
    os.unlink(tmp)


# ----------------------------------------------------------------------------- rows
def _check_values(name: str, rows: Any) -> None:
    """:class:`CacheEntryError` unless ``rows`` is a list of lists of the table's width holding
    values of the column types (``None`` for missing)."""
    accepted = [_ACCEPTED[c.dtype] for c in TABLES[name].columns]
    width = len(accepted)
    if type(rows) is not list:
        raise CacheEntryError(f"rows of {name} are not a list")
    for row in rows:
        if type(row) is not list or len(row) != width:
            raise CacheEntryError(f"a row of {name} is not a list of {width} values")
        for value, types in zip(row, accepted):
            if type(value) not in types:
                raise CacheEntryError(f"a row of {name} holds {type(value).__name__} {value!r:.40}")


def rows_payload(rows: dict[str, list[Row]]) -> dict[str, Any]:
    """An article's rows as an entry's payload: per table its column names and one list of
    values per row, in column order; :class:`CacheEntryError` for rows no entry can hold
    exactly (a missing table, a column the table does not have, a value of another type).

    Example:
        >>> payload = rows_payload({name: [] for name in ARTICLE_TABLES} | {"actions": [{"article_id": "a", "negated": True}]})
        >>> payload["actions"]["rows"][0][:2], payload["actions"]["rows"][0][10]
        (['a', None], True)
    """
    if type(rows) is not dict or set(rows) != set(ARTICLE_TABLES):
        raise CacheEntryError("rows are not one list per article table")
    payload = {}
    for name in ARTICLE_TABLES:
        columns = TABLES[name].names
        known = set(columns)
        values = []
        for row in rows[name]:
            if not known.issuperset(row):
                raise CacheEntryError(f"a row of {name} has columns the table does not: {sorted(set(row) - known)}")
            values.append([row.get(c) for c in columns])
        _check_values(name, values)
        payload[name] = {"columns": columns, "rows": values}
    return payload


def rows_from_payload(payload: Any) -> dict[str, list[Row]]:
    """The rows :func:`rows_payload` stored (every column of every row, ``None`` for missing);
    :class:`CacheEntryError` unless ``payload`` has exactly that shape and those types.

    Example:
        >>> rows = {name: [] for name in ARTICLE_TABLES} | {"frames": [{"article_id": "a", "score": 0.5}]}
        >>> back = rows_from_payload(rows_payload(rows))["frames"][0]
        >>> back["score"], back["zone"]
        (0.5, None)
    """
    if type(payload) is not dict or set(payload) != set(ARTICLE_TABLES):
        raise CacheEntryError("payload is not one entry per article table")
    rows = {}
    for name in ARTICLE_TABLES:
        table, columns = payload[name], TABLES[name].names
        if type(table) is not dict or set(table) != {"columns", "rows"} or table["columns"] != columns:
            raise CacheEntryError(f"{name} is not {{'columns': [the table's columns], 'rows': [...]}}")
        _check_values(name, table["rows"])
        rows[name] = [dict(zip(columns, values)) for values in table["rows"]]
    return rows


# ----------------------------------------------------------------------------- cache
UNBUILT_RESOURCES = ("labels",)
"""Resource folders the build never reads (training labels and their guide): editing them keeps the cache."""


def _resource_files() -> list[Path]:
    """Every resource file the build may read (lexicons, registries, shipped models), sorted."""
    return sorted(
        path
        for path in RESOURCES_DIR.rglob("*")
        if path.is_file() and path.relative_to(RESOURCES_DIR).parts[0] not in UNBUILT_RESOURCES
    )


@lru_cache(maxsize=8)
def _code_fingerprint() -> str:
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parents[1]
    for path in sorted(package.rglob("*.py")) + _resource_files():
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def build_fingerprint(
    *,
    pipeline: str = DEFAULT_PIPELINE,
    registry: str | Path | None = None,
    min_quote_confidence: float | None = None,
    keep_low_confidence: bool = False,
) -> str:
    """Everything besides the article that decides its rows: pipeline name and version, table
    version, toolkit version, the toolkit's code, lexicons and models, the actor registry file and
    the quote options.

    Example:
        >>> len(build_fingerprint())
        64
        >>> build_fingerprint() == build_fingerprint(keep_low_confidence=True)
        False
    """
    meta = pipeline_meta(pipeline)
    registry_bytes = Path(registry or REGISTRY_FILE).read_bytes()
    parts = [
        meta["name"],
        meta["version"],
        TABLE_VERSION,
        __version__,
        _code_fingerprint(),
        hashlib.sha256(registry_bytes).hexdigest(),
        f"quotes:{min_quote_confidence!r}:{keep_low_confidence!r}",
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def article_key(raw: RawArticle, fingerprint: str) -> str:
    """Content hash of one article under a build fingerprint.

    Example:
        >>> from analysis.io.records import RawArticle
        >>> article_key(RawArticle("a", "a.txt", "Text."), "f") == article_key(RawArticle("a", "a.txt", "Text!"), "f")
        False
    """
    payload = json.dumps(
        [fingerprint, raw.article_id, raw.source_path, raw.line, raw.text, sorted(raw.meta.items())], ensure_ascii=False
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class ArticleCache:
    """Rows of processed articles on disk, one entry per content hash, and whole blocks.

    Reading never fails: a missing entry is a miss; an unusable one (damaged, of another key, of
    the wrong shape, a folder or pipe where the file goes, unreadable) is a miss counted in
    ``rejected``. Writing never fails either: an entry that cannot be written is counted in
    ``unsaved``. :meth:`problem` says whether the folder can be used at all.

    Example:
        >>> import tempfile
        >>> cache = ArticleCache(tempfile.mkdtemp())
        >>> cache.put("ab12", {name: [] for name in ARTICLE_TABLES})
        >>> cache.get("ab12")["quotes"], cache.get("cd34")
        ([], None)
        >>> _ = cache.path("cd34").parent.mkdir(); cache.path("cd34").write_bytes(b"junk")
        4
        >>> cache.get("cd34"), cache.rejected, cache.unsaved
        (None, 1, 0)
    """

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.rejected = 0
        self.unsaved = 0

    def problem(self) -> str | None:
        """Why the cache folder cannot be used (it is not a folder, or cannot be created or
        written), or ``None``; creates the folder.

        Example:
            >>> import tempfile, pathlib
            >>> path = pathlib.Path(tempfile.mkdtemp()) / "file"
            >>> _ = path.write_text("x")
            >>> ArticleCache(path).problem().endswith("is not a folder")
            True
        """
        name = self.folder.as_posix()
        if self.folder.exists() and not self.folder.is_dir():
            return f"{name} is not a folder"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            _probe(self.folder)
        except OSError as exc:
            return f"{name} is not writable ({exc.strerror or exc})"
        return None

    def path(self, key: str, *, kind: str = "article") -> Path:
        """Where the entry of ``key`` goes."""
        if kind == "block":
            return self.folder / "blocks" / f"{key}{ENTRY_SUFFIX}"
        return self.folder / key[:2] / f"{key}{ENTRY_SUFFIX}"

    def load(self, key: str, *, kind: str = "article") -> Any:
        """The checked payload of the entry of ``key``, or ``None`` (missing or unusable)."""
        try:
            data = _read(self.path(key, kind=kind))
            return None if data is None else decode_entry(data, key, kind=kind)
        except CacheEntryError:
            self.rejected += 1
            return None

    def save(self, key: str, payload: Any, *, kind: str = "article") -> None:
        """Write the entry of ``key`` (replacing whatever file was there); counted in
        ``unsaved`` if it cannot be written."""
        try:
            atomic_write_bytes(self.path(key, kind=kind), encode_entry(key, payload, kind=kind))
        except (OSError, TypeError, ValueError):  # disk full, permissions, a folder in the way
            self.unsaved += 1

    def get(self, key: str) -> dict[str, list[Row]] | None:
        """The rows of an article, or ``None`` (missing or unusable: it is processed again)."""
        payload = self.load(key)
        if payload is None:
            return None
        try:
            return rows_from_payload(payload)
        except CacheEntryError:
            self.rejected += 1
            return None

    def put(self, key: str, rows: dict[str, list[Row]]) -> None:
        """Keep the rows of an article (not kept, and counted in ``unsaved``, if a value is not
        one the tables hold)."""
        try:
            payload = rows_payload(rows)
        except CacheEntryError:
            self.unsaved += 1
            return
        self.save(key, payload)
