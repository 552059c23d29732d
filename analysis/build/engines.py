"""Where blocks run: this process, a pool of worker processes, or a Dask cluster."""

from __future__ import annotations

import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterator

# ----------------------------------------------------------------------------- engines
_PR_SET_PDEATHSIG = 1
"""Linux prctl option: the signal a process gets when the thread that made it ends."""


def _die_with_parent(parent: int) -> None:
    """In a worker process: end when the build's process ends, however it ends (a killed build
    leaves no workers behind writing cache entries). Linux asks the kernel to send SIGKILL; the
    parent's id is checked too, in case it ended before the request was made."""
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):  # pragma: no cover - no prctl: the parent check below still holds
            pass
    if os.getppid() != parent:
        os._exit(1)


def _local_map(
    n_process: int, task: Callable[[list], list]
) -> tuple[Callable[[Iterator[list]], Iterator[list]], Callable[[], None]]:
    if n_process <= 1:
        return (lambda blocks: map(task, blocks)), (lambda: None)
    import multiprocessing as mp

    method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
    pool = mp.get_context(method).Pool(n_process, initializer=_die_with_parent, initargs=(os.getpid(),))

    def run(blocks: Iterator[list]) -> Iterator[list]:
        window: deque = deque()
        for block in blocks:  # at most two blocks per worker in flight: input is read as it is needed
            window.append(pool.apply_async(task, (block,)))
            if len(window) >= 2 * n_process:
                yield window.popleft().get()
        while window:
            yield window.popleft().get()

    def close() -> None:
        pool.close()
        pool.join()

    return run, close


def _dask_map(n_process: int, task: Callable[[list], list], scheduler: str | None):
    from distributed import Client, LocalCluster

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=max(n_process, 1), threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    in_flight = max(2 * len(client.scheduler_info().get("workers", {}) or [1]), 2)

    def run(blocks: Iterator[list]) -> Iterator[list]:
        window: deque = deque()
        for block in blocks:  # a sliding window of submitted blocks keeps memory bounded
            window.append(client.submit(task, block, pure=False))
            if len(window) >= in_flight:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()

    def close() -> None:
        client.close()
        if cluster is not None:
            cluster.close()

    return run, close
