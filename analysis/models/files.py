"""Model files: gzip'd JSON written with a fixed time stamp (same content, same bytes), read back
with a clear message when a file is not a model, and their SHA-256 as the data package records it.

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "m.json.gz"
    >>> read_model(write_model({"classes": []}, path), kind="test")
    {'classes': []}
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any


def write_model(content: dict[str, Any], path: str | Path) -> Path:
    """Write a model file (gzip'd JSON, sorted keys, fixed time stamp: same content, same bytes).

    Example:
        >>> import tempfile
        >>> path = Path(tempfile.mkdtemp()) / "m.json.gz"
        >>> write_model({"classes": []}, path).read_bytes() == write_model({"classes": []}, path).read_bytes()
        True
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps(content, sort_keys=True, separators=(",", ":")).encode("utf-8")
    with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as handle:
        handle.write(data)
    return path


def read_model(path: str | Path, *, kind: str) -> dict[str, Any]:
    """The content of a model file; a file that is not one is a ``ValueError`` naming it and the ``kind`` expected.

    Example:
        >>> read_model("/nonexistent.json.gz", kind="quote")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        ValueError: /nonexistent.json.gz: not a quote model file (...)
    """
    path = Path(path)
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError) as error:
        raise ValueError(f"{path}: not a {kind} model file ({error})") from error


def model_checksum(path: str | Path) -> str:
    """The SHA-256 of a model file, as recorded in the data package.

    Example:
        >>> from analysis.models.frames import FRAME_MODEL_FILE
        >>> len(model_checksum(FRAME_MODEL_FILE))
        64
    """
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
