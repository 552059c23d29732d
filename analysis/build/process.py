"""Per-process set-up: warm-up, the vocabulary budget, the collector freeze, the number of cores."""

from __future__ import annotations

import gc
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from typing import Any

from analysis.extract.tables import rows_for
from analysis.io.records import RawArticle
from analysis.nlp.pipeline import parse
from analysis.text.zones import split_zones

_FREEZE = threading.local()  # .pending: a build in this thread wants the start-up objects frozen


@contextmanager
def _frozen_start_up() -> Iterator[None]:
    """While a build runs in this process: once the pipeline is loaded and warmed up (in the first
    :func:`process_articles` call, so a build read wholly from the cache loads nothing), keep the
    objects alive at that point (the pipeline, the registry, the libraries) out of the cyclic
    collector's passes (``gc.freeze``), so the collection after each block walks only what the
    build made since (about 2% of the build's time otherwise). On leaving they are handed back
    (``gc.unfreeze``), unless objects had been frozen before. Worker processes freeze theirs for
    good after their warm-up.
    """
    frozen_before = gc.get_freeze_count()
    _FREEZE.pending = not frozen_before
    try:
        yield
    finally:
        _FREEZE.pending = False
        if not frozen_before:
            gc.unfreeze()


PERMANENT_STRINGS = 100_000
"""How many strings a process's blocks may add to the pipeline's vocabulary for good (about 30 MiB)."""


def _vocabulary_zone(nlp: Any) -> Any:
    """The context a block runs in: none while the vocabulary has grown by fewer than
    :data:`PERMANENT_STRINGS` strings since the warm-up, then the pipeline's memory zone.

    Words seen outside a zone stay in the vocabulary and in the tokenizer's cache, which spaCy
    does not extend inside a zone; a corpus's frequent words come early, so the first blocks
    make them fast for the rest of the build (in a zone every block would tokenize and make
    lexemes afresh, about 8% slower). Past the budget, each block's new strings are freed at its
    end, so the vocabulary stops growing however long the corpus.
    """
    grown = len(nlp.vocab.strings) - _BASE_STRINGS.get(id(nlp), 0)
    return nlp.memory_zone() if grown >= PERMANENT_STRINGS else nullcontext()


_WARM_UP_TEXT = (
    "Turkey will not back down, Erdogan says\n\nBy AFP\n\n"
    'ANKARA: Turkish President Recep Tayyip Erdogan said on Tuesday that "we will not step back" '
    "from the deal, according to Anadolu. NATO officials warned of sanctions, a spokesman told reporters.\n"
)


_WARMED: set[tuple[int, int]] = set()


_BASE_STRINGS: dict[int, int] = {}


_PIPELINE_LOCK = threading.RLock()


def _warm_up(nlp: Any, actors: Any) -> None:
    """Tabulate one small article outside any memory zone, once per pipeline and registry, so the
    matchers and lexicon caches the tables need are made with strings that stay in the vocabulary."""
    key = (id(nlp), id(actors))
    if key in _WARMED:
        return
    with _PIPELINE_LOCK:
        raw = RawArticle("warm-up", "warm-up", _WARM_UP_TEXT)
        layout = split_zones(raw.text)
        rows_for(raw, layout, parse(raw.text, layout, nlp=nlp), registry=actors)
        _WARMED.add(key)
        _BASE_STRINGS.setdefault(id(nlp), len(nlp.vocab.strings))


def default_processes() -> int:
    """Number of usable cores.

    Example:
        >>> default_processes() >= 1
        True
    """
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1
