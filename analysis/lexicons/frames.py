"""The issue-frame lexicon (``analysis/resources/frames.yml``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from types import MappingProxyType

import yaml

from analysis.config import RESOURCES_DIR

FRAMES_FILE = RESOURCES_DIR / "frames.yml"


#: Label of the fallback frame, answered by :func:`primary_frame` when no cue matches.
OTHER = "other"


@dataclass(frozen=True)
class Frame:
    """One frame of a lexicon: id, label, description and its terms with their weights."""

    id: str
    label: str
    description: str
    terms: tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class Lexicon:
    """A frame lexicon: frames in order (the order breaks ties), read by :func:`load_lexicon`."""

    frames: tuple[Frame, ...]
    source: str = ""

    @property
    def ids(self) -> tuple[str, ...]:
        """Frame ids in lexicon order."""
        return tuple(f.id for f in self.frames)

    @property
    def labels(self) -> dict[str, str]:
        """Frame id -> label."""
        return {f.id: f.label for f in self.frames}

    @cached_property
    def term_frames(self) -> Mapping[str, tuple[tuple[str, float], ...]]:
        """Term -> ((frame id, weight), ...) for every term of every frame (made once per lexicon)."""
        out: dict[str, list[tuple[str, float]]] = {}
        for frame in self.frames:
            for term, weight in frame.terms:
                out.setdefault(term, []).append((frame.id, weight))
        return MappingProxyType({term: tuple(hits) for term, hits in out.items()})


def _normalize_term(term: object) -> str:
    return " ".join(str(term).lower().split())


@lru_cache(maxsize=8)
def load_lexicon(path: str | Path = FRAMES_FILE) -> Lexicon:
    """Read a frame lexicon (YAML, see the header of the default file for the format).

    Args:
        path: The YAML file; default ``analysis/resources/frames.yml``.

    Returns:
        The :class:`Lexicon`, frames in file order.

    Raises:
        ValueError: A frame id is repeated, or a weight names a term the frame does not list.

    Example:
        >>> lexicon = load_lexicon()
        >>> len(lexicon.ids), lexicon.ids[0], lexicon.ids[-1]
        (15, 'economic', 'other')
        >>> dict(lexicon.term_frames["missile defense system"])
        {'security_defense': 2.0}
    """
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    defaults = data.get("defaults") or {}
    cue_weight = float(defaults.get("cue_weight", 1.0))
    pattern_weight = float(defaults.get("pattern_weight", 2.0))
    frames: list[Frame] = []
    for entry in data.get("frames") or []:
        frame_id = str(entry["id"])
        if frame_id in {f.id for f in frames}:
            raise ValueError(f"{path}: frame {frame_id!r} is listed twice")
        weights = {_normalize_term(k): float(v) for k, v in (entry.get("weights") or {}).items()}
        terms: dict[str, float] = {}
        for term in entry.get("cues") or []:
            terms.setdefault(_normalize_term(term), cue_weight)
        for term in entry.get("patterns") or []:
            terms.setdefault(_normalize_term(term), pattern_weight)
        unknown = sorted(set(weights) - set(terms))
        if unknown:
            raise ValueError(f"{path}: frame {frame_id!r} gives weights to terms it does not list: {', '.join(unknown)}")
        terms.update(weights)
        frames.append(
            Frame(frame_id, str(entry.get("label") or frame_id), str(entry.get("description") or ""), tuple(terms.items()))
        )
    return Lexicon(tuple(frames), str(path))


def _lexicon(lexicon: Lexicon | str | Path | None) -> Lexicon:
    if lexicon is None:
        return load_lexicon()
    if isinstance(lexicon, Lexicon):
        return lexicon
    return load_lexicon(str(lexicon))
