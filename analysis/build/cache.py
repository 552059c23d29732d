"""The article cache: build fingerprint, content keys, rows on disk."""

from __future__ import annotations

import hashlib
import json
import pickle
from functools import lru_cache
from pathlib import Path

from analysis.config import DEFAULT_PIPELINE, RESOURCES_DIR, TABLE_VERSION, __version__
from analysis.io.package import atomic_write_bytes
from analysis.io.records import RawArticle
from analysis.io.schema import Row
from analysis.lexicons.actors import REGISTRY_FILE
from analysis.nlp.pipeline import pipeline_meta


# ----------------------------------------------------------------------------- cache
@lru_cache(maxsize=8)
def _code_fingerprint() -> str:
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parents[1]
    for path in sorted(package.rglob("*.py")) + sorted(RESOURCES_DIR.glob("*")):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def build_fingerprint(*, pipeline: str = DEFAULT_PIPELINE, registry: str | Path | None = None) -> str:
    """Everything besides the article that decides its rows: pipeline name and version, table
    version, toolkit version, the toolkit's code and lexicons, and the actor registry file.

    Example:
        >>> len(build_fingerprint())
        64
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
    """Rows of processed articles on disk, one file per content hash."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, key: str) -> dict[str, list[Row]] | None:
        path = self._path(key)
        if not path.exists():
            return None
        try:
            return pickle.loads(path.read_bytes())
        except Exception:  # a damaged entry is recomputed
            return None

    def put(self, key: str, rows: dict[str, list[Row]]) -> None:
        atomic_write_bytes(self._path(key), pickle.dumps(rows, protocol=pickle.HIGHEST_PROTOCOL))
