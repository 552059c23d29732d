"""One package at a time: the output folder's lock, the staging folder and the switch.

A build writes its whole package (tables, report, ``datapackage.json``) into ``OUT/.staging``
while the package already in ``OUT`` stays as it was. When every file is complete, the build
writes the list of files to move into ``OUT/.staging/SWITCH`` (one atomic write: from then on the
new package is decided) and moves them into ``OUT`` one by one, ``datapackage.json`` last; then it
removes the staging folder. A build killed before ``SWITCH`` exists leaves the old package whole
(its staging folder is removed by the next build); one killed during the moves leaves a finished
package in staging that the next build, or the next reader, moves into place first (the way a
database finishes a transaction from its journal). Between the moves, the descriptor in ``OUT``
is the old one and records each table's SHA-256, so a reader never takes the tables of two
builds for one package.

One build writes into a folder at a time: the build holds an exclusive lock on ``OUT/.lock``
(``flock``, released by the system however the build ends), and a second build into the same
folder stops at once with a message naming the process that holds it.

    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> with package_lock(out):
    ...     staging = open_staging(out)
    ...     _ = (staging / "quotes.csv").write_text("a\\n")
    ...     _ = (staging / "datapackage.json").write_text("{}")
    ...     switch(out, ["quotes.csv", "datapackage.json"])
    >>> sorted(p.name for p in out.iterdir())
    ['.lock', 'datapackage.json', 'quotes.csv']
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from analysis.io.atomic import atomic_write_bytes

STAGING_DIR = ".staging"
"""Where a build writes its package before the switch: inside ``OUT``, so each move is a rename on one file system."""


SWITCH_FILE = "SWITCH"
"""Written into the staging folder once the staged package is complete: the files to move, in order."""


LOCK_FILE = ".lock"
"""The file a build locks in ``OUT`` for as long as it runs (it stays, empty; it holds the process id of a build while it runs)."""


LOCK_WAIT_SECONDS = 30.0
"""How long a reader waits for a build that is moving its files into place (moves take milliseconds)."""


_STALE_TEMP = re.compile(r"^\.(?P<name>[^/]+)\.[A-Za-z0-9_]{8}\.tmp$")
"""A temporary file of :func:`analysis.io.package.atomic_write_bytes` or a table writer: ``.quotes.csv.k2j4_x9a.tmp``."""


class PackageBusy(RuntimeError):
    """Another build holds the output folder's lock."""


@contextmanager
def package_lock(out: str | Path, *, wait: float = 0.0) -> Iterator[None]:
    """Hold the exclusive lock of the package folder ``out`` (made if missing) for the block;
    :class:`PackageBusy` names the process that holds it if it is not free within ``wait`` seconds.

    Example:
        >>> import tempfile
        >>> out = tempfile.mkdtemp()
        >>> with package_lock(out):
        ...     with package_lock(out):
        ...         pass  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        analysis.io.staging.PackageBusy: ...: another build (process ...) is writing this package; wait for it to finish or choose another --out
    """
    import fcntl

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    fd = os.open(out / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
                    raise PackageBusy(
                        f"{out.as_posix()}: another build (process {holder}) is writing this package; "
                        "wait for it to finish or choose another --out"
                    ) from None
                time.sleep(0.05)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)  # a finished build leaves the lock file empty: two builds leave the same folder
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def open_staging(out: str | Path) -> Path:
    """A fresh, empty staging folder in ``out`` (call with the lock held), after :func:`recover`
    has finished or discarded what an earlier build left.

    Example:
        >>> import tempfile, pathlib
        >>> out = pathlib.Path(tempfile.mkdtemp())
        >>> (out / STAGING_DIR).mkdir(); _ = (out / STAGING_DIR / "left.csv").write_text("x")
        >>> [p.name for p in open_staging(out).iterdir()]
        []
    """
    out = Path(out)
    recover(out)
    staging = out / STAGING_DIR
    staging.mkdir()
    return staging


def switch(out: str | Path, files: list[str]) -> None:
    """Move the staged ``files`` into ``out`` (call with the lock held): the decision first
    (``SWITCH``), then one rename each in the order given (put ``datapackage.json`` last), then
    the staging folder goes. Files the package had before and the new one does not are removed.

    Example:
        >>> import tempfile, pathlib
        >>> out = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (open_staging(out) / "datapackage.json").write_text("{}")
        >>> switch(out, ["datapackage.json"]); (out / "datapackage.json").read_text(), (out / STAGING_DIR).exists()
        ('{}', False)
    """
    out = Path(out)
    staging = out / STAGING_DIR
    old = set(_package_files(out)) - set(files)
    atomic_write_bytes(staging / SWITCH_FILE, json.dumps({"files": files, "drop": sorted(old)}).encode("utf-8"))
    _finish(out)


def recover(out: str | Path) -> str | None:
    """Finish or discard what an interrupted build left in ``out`` (call with the lock held):
    ``"finished"`` if a decided switch was completed, ``"discarded"`` if an undecided staging
    folder was removed, ``None`` if there was nothing; stale temporary files of package files are
    removed either way.

    Example:
        >>> import tempfile, pathlib
        >>> out = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (out / ".quotes.csv.abcd1234.tmp").write_text("half")
        >>> recover(out), list(out.iterdir())
        (None, [])
    """
    out = Path(out)
    staging = out / STAGING_DIR
    outcome = None
    if (staging / SWITCH_FILE).is_file():
        _finish(out)
        outcome = "finished"
    elif staging.exists() or staging.is_symlink():
        if staging.is_dir() and not staging.is_symlink():
            shutil.rmtree(staging)
        else:
            staging.unlink()
        outcome = "discarded"
    for entry in out.iterdir():
        if _STALE_TEMP.match(entry.name) and entry.is_file():
            entry.unlink(missing_ok=True)
    return outcome


def pending_switch(out: str | Path) -> bool:
    """Whether ``out`` holds a decided switch that is not finished (a build is moving its files,
    or was killed while it did).

    Example:
        >>> import tempfile
        >>> pending_switch(tempfile.mkdtemp())
        False
    """
    return (Path(out) / STAGING_DIR / SWITCH_FILE).is_file()


def finish_pending(out: str | Path) -> None:
    """For a reader that found :func:`pending_switch`: wait for the build that is moving its
    files (at most :data:`LOCK_WAIT_SECONDS`), or finish the moves of one that was killed.

    Example:
        >>> import json, tempfile, pathlib
        >>> out = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (open_staging(out) / "datapackage.json").write_text("{}")
        >>> _ = (out / STAGING_DIR / SWITCH_FILE).write_text(json.dumps({"files": ["datapackage.json"]}))
        >>> finish_pending(out); pending_switch(out), (out / "datapackage.json").exists()
        (False, True)
    """
    with package_lock(out, wait=LOCK_WAIT_SECONDS):
        recover(out)


def _finish(out: Path) -> None:
    staging = out / STAGING_DIR
    plan = json.loads((staging / SWITCH_FILE).read_text(encoding="utf-8"))
    for name in plan["files"]:
        if (staging / name).exists():
            os.replace(staging / name, out / name)
    for name in plan.get("drop", []):
        if "/" not in name and name not in plan["files"]:
            (out / name).unlink(missing_ok=True)
    shutil.rmtree(staging)


def _package_files(out: Path) -> list[str]:
    """The files the descriptor in ``out`` names (plain names in ``out`` only), and the descriptor."""
    descriptor = out / "datapackage.json"
    if not descriptor.is_file():
        return []
    try:
        resources = json.loads(descriptor.read_text(encoding="utf-8")).get("resources", [])
        names = [r["path"] for r in resources if isinstance(r, dict) and isinstance(r.get("path"), str)]
    except (ValueError, AttributeError, KeyError):
        return []
    return [n for n in names if "/" not in n and not n.startswith(".")] + ["datapackage.json"]
