"""The per-article time budget: an article that takes too long is reported, and the build goes on.

Every extractor and reader is meant to run in time linear in the article's length; the budget is
the guard for the case that is not so (a pathological input, a library's slow path). It scales
with the article: ``seconds`` for every :data:`~analysis.config.BUDGET_UNIT_CHARS` characters begun, so a long article
gets proportionally more. The limit is enforced with a real-time interval timer (``SIGALRM``), so
it interrupts Python code and regular expressions wherever they are; a C routine that does not
return to Python (one spaCy component over one batch) is stopped when it returns. It works in the
main thread of a process (the build's own process and its worker processes); in other threads
(Dask workers run tasks in threads) no timer can be set, and the budget is not enforced.

    >>> article_budget(2_500, seconds=20.0), article_budget(25_000, seconds=20.0)
    (20.0, 60.0)
    >>> import time
    >>> try:
    ...     with time_limit(0.05, stage="tabulate"):
    ...         time.sleep(1)
    ... except OverBudget as exc:
    ...     print(exc.stage)
    tabulate
"""

from __future__ import annotations

import math
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from analysis.config import BUDGET_UNIT_CHARS


class OverBudget(Exception):
    """An article ran past its time budget; ``stage`` says where it was (zones, tokenize, parse, tabulate)."""

    def __init__(self, stage: str, seconds: float) -> None:
        super().__init__(f"over its time budget of {seconds:g} s in stage {stage}")
        self.stage = stage
        self.seconds = seconds


def article_budget(n_chars: int, *, seconds: float) -> float:
    """The budget, in seconds, of an article of ``n_chars`` characters: ``seconds`` per
    :data:`~analysis.config.BUDGET_UNIT_CHARS` characters begun (at least one).

    Example:
        >>> article_budget(30_001, seconds=1.5)
        6.0
    """
    return seconds * max(1, math.ceil(n_chars / BUDGET_UNIT_CHARS))


def can_enforce() -> bool:
    """Whether a timer can be set here (the main thread of a process with ``SIGALRM``).

    Example:
        >>> import threading
        >>> seen = []
        >>> thread = threading.Thread(target=lambda: seen.append(can_enforce())); thread.start(); thread.join()
        >>> seen
        [False]
    """
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float | None, *, stage: str) -> Iterator[None]:
    """Raise :class:`OverBudget` in the block if it runs longer than ``seconds``; ``None`` or
    ``0``, or a thread where no timer can be set (:func:`can_enforce`): no limit.

    Example:
        >>> with time_limit(5.0, stage="zones"):
        ...     total = sum(range(1000))
        >>> total
        499500
    """
    if not seconds or not can_enforce():
        yield
        return

    def _expired(signum: int, frame: object) -> None:
        raise OverBudget(stage, seconds)

    previous = signal.signal(signal.SIGALRM, _expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
