"""The build's options, in one place.

:class:`BuildOptions` holds every setting that decides how a build reads, parses and runs (the
pipeline, the registry, batch and block sizes, processes, engine, encoding, limits). The command
line, :func:`analysis.build.build`, :func:`analysis.build.build_tables` and the worker processes
all take one; keyword settings (``build(..., n_process=1)``) are checked against its fields.

    >>> options = BuildOptions().replace(n_process=1, chunk_size=8)
    >>> options.n_process, options.chunk_size, options.batch_size
    (1, 8, 32)
    >>> BuildOptions().replace(chunksize=8)
    Traceback (most recent call last):
    ...
    TypeError: unknown build option 'chunksize'; options are: pipeline, registry, batch_size, batch_chars, n_process, engine, scheduler, chunk_size, encoding, max_chars, progress, time_budget, min_quote_confidence, keep_low_confidence, metadata, copy_containment
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from analysis.config import (
    DEFAULT_BATCH_CHARS,
    DEFAULT_BATCH_SIZE,
    DEFAULT_CHUNK_SIZE,
    DEFAULT_MAX_CHARS,
    DEFAULT_PIPELINE,
    DEFAULT_TIME_BUDGET,
)
from analysis.corpus.reuse import COPY_CONTAINMENT

#: Where blocks can run: this process or a pool of worker processes (``local``), or a Dask cluster.
ENGINES = ("local", "dask")


@dataclass(frozen=True)
class BuildOptions:
    """How a build runs (the output folder, package name and cache are arguments of the build itself).

    Attributes:
        pipeline: Installed spaCy pipeline (package name).
        registry: Actor registry YAML whose entries extend the built-in one (``None``: built-in only).
        batch_size: Articles per spaCy batch at most.
        batch_chars: Characters per spaCy batch at most (bounds the parser's memory).
        n_process: Worker processes; ``None`` uses every core (a small input runs in this process).
        engine: ``local`` (this process or worker processes) or ``dask``.
        scheduler: Address of a running Dask scheduler (``None``: a local cluster).
        chunk_size: Articles per block (a block is parsed, typed and written at once).
        encoding: Encoding of text files instead of UTF-8.
        max_chars: Longer articles are rejected with an error in the report.
        progress: Show a progress bar (``None``: when the output is a terminal).
        time_budget: Seconds an article may take per 10,000 characters begun; an article over its
            budget is reported as an error with the stage it was in (``None`` or ``0``: no limit).
        min_quote_confidence: Quotes under this confidence are left out (``None``: the quote
            model's documented default, :func:`analysis.extract.attribution.quote_threshold`).
        keep_low_confidence: Keep the quotes under the threshold in ``quotes`` (``sources`` and
            ``mentions`` still take only those above it).
        copy_containment: Share of the smaller article's shingles (quotations masked) two articles
            must share to be copies of one text (:data:`analysis.corpus.reuse.COPY_CONTAINMENT`;
            raise it, e.g. to 0.6, where follow-up reports reuse whole background paragraphs).
        metadata: CSV or JSON Lines file of article metadata keyed by ``id``, joined onto the
            articles (:mod:`analysis.io.metadata`; ``None``: none).
    """

    pipeline: str = DEFAULT_PIPELINE
    registry: str | None = None
    batch_size: int = DEFAULT_BATCH_SIZE
    batch_chars: int = DEFAULT_BATCH_CHARS
    n_process: int | None = None
    engine: str = "local"
    scheduler: str | None = None
    chunk_size: int = DEFAULT_CHUNK_SIZE
    encoding: str | None = None
    max_chars: int = DEFAULT_MAX_CHARS
    progress: bool | None = None
    time_budget: float | None = DEFAULT_TIME_BUDGET
    min_quote_confidence: float | None = None
    keep_low_confidence: bool = False
    metadata: str | None = None
    copy_containment: float = COPY_CONTAINMENT

    def __post_init__(self) -> None:
        if self.min_quote_confidence is not None and not 0.0 <= self.min_quote_confidence <= 1.0:
            raise ValueError(f"min_quote_confidence must lie in [0, 1], not {self.min_quote_confidence}")
        if not 0.0 < self.copy_containment <= 1.0:
            raise ValueError(f"copy_containment must lie in (0, 1], not {self.copy_containment}")
        if self.engine not in ENGINES:
            raise ValueError(f"unknown engine {self.engine!r}; choose one of {', '.join(ENGINES)}")
        for name in ("registry", "metadata"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, str):
                object.__setattr__(self, name, str(value))  # a Path is kept as its string (picklable, hashable)

    def replace(self, **settings: Any) -> BuildOptions:
        """These options with some settings changed; an unknown name is a ``TypeError`` naming the options.

        Example:
            >>> BuildOptions().replace(engine="dask").engine
            'dask'
        """
        names = [f.name for f in dataclasses.fields(self)]
        for name in settings:
            if name not in names:
                raise TypeError(f"unknown build option {name!r}; options are: {', '.join(names)}")
        return dataclasses.replace(self, **settings) if settings else self
