"""The hardening campaign: hostile inputs by the hundred thousand, kills at every step of the switch,
damaged caches and concurrent builds. Prints one table of figures; exit status 1 if any target is missed.

    .venv/bin/python benchmarks/hardening_campaign.py                    # 100,000 inputs (about 20 minutes on 2 cores)
    .venv/bin/python benchmarks/hardening_campaign.py --inputs 10000     # a shorter run

Targets: 0 tracebacks, 0 articles over their time budget, 0 inputs missing from the report, 0
span-rule breaks, 0 invalid packages, and after any kill a folder that holds one whole package
(the old or the new one, never a mix). Everything runs in a temporary folder (``--keep`` keeps it).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from frictionless import validate  # noqa: E402

from analysis.io.package import MixedPackage, load_package  # noqa: E402
from analysis.io.staging import STAGING_DIR, pending_switch  # noqa: E402
from tests.helpers.hostile import make_corpus  # noqa: E402
from tests.helpers.spans import assert_span_rule  # noqa: E402

ROUND = 10_000
"""Hostile inputs per build: large enough to mix every kind, small enough to check each package whole."""

PACKAGE_FILES = 16
"""Files a package moves into place: 15 tables and the descriptor."""


def _build(inputs: list[Path], out: Path, *extra: str, timeout: float = 3600) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "analysis", "build", *map(str, inputs), "--out", str(out), "--no-progress", *extra]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=timeout)


def hostile_rounds(work: Path, *, n_inputs: int, seed: int) -> dict[str, int | float]:
    """Build ``n_inputs`` hostile inputs in rounds of :data:`ROUND`; check every package whole."""
    figures = {"inputs": 0, "report rows": 0, "articles built": 0, "tracebacks": 0, "over budget": 0, "unaccounted": 0}
    figures |= {"span rows checked": 0, "span-rule breaks": 0, "invalid packages": 0, "build seconds": 0.0}
    for number in range(max(1, n_inputs // ROUND)):
        folder = work / f"round{number}"
        made = make_corpus(folder / "in", n=min(ROUND, n_inputs), seed=seed + number)
        started = time.perf_counter()
        done = _build([folder / "in"], folder / "out", "--n-process", "2")
        figures["build seconds"] += time.perf_counter() - started
        figures["inputs"] += made.n_inputs
        figures["tracebacks"] += ("Traceback" in done.stderr) or done.returncode not in (0, 1)
        tables = load_package(folder / "out")
        report = tables["build_report"]
        figures["report rows"] += len(report)
        figures["articles built"] += int((report["status"] == "ok").sum())
        figures["over budget"] += int(report["message"].fillna("").str.contains("time budget").sum())
        seen = set(report["input"])
        figures["unaccounted"] += sum(p.as_posix() not in seen for p in made.entries)
        for path, records in made.records.items():
            if path.suffix == ".jsonl":
                lines = report.loc[report["input"] == path.as_posix(), "line"].dropna().astype(int).tolist()
                figures["unaccounted"] += len(set(range(1, records + 1)) - set(lines))
        try:
            figures["span rows checked"] += assert_span_rule(tables)
        except AssertionError as exc:
            figures["span-rule breaks"] += 1
            print(f"span rule broken in round {number}: {str(exc)[:300]}", file=sys.stderr)
        figures["invalid packages"] += not validate(folder / "out" / "datapackage.json").valid
        print(f"round {number}: {made.n_inputs} inputs, {len(report)} report rows, {done.returncode=}", file=sys.stderr)
        shutil.rmtree(folder)
    return figures


SWITCH_AND_DIE = """
import os, signal, sys
from pathlib import Path
out, after = Path(sys.argv[1]), int(sys.argv[2])
real, moves = os.replace, [0]
def replace(src, dst):
    if Path(dst).parent == out and Path(src).parent.name == ".staging":
        if moves[0] == after:
            os.kill(os.getpid(), signal.SIGKILL)
        moves[0] += 1
    real(src, dst)
os.replace = replace
from analysis.cli import main
sys.exit(main(sys.argv[3:]))
"""


def _one_package(out: Path, expected: dict[str, list[str]]) -> str:
    """Which build ``out`` holds whole ("old", "new"), or "mixed" / "none"."""
    try:
        ids = load_package(out)["articles"]["article_id"].tolist()
    except MixedPackage:
        return "mixed"
    except FileNotFoundError:
        return "none"
    return next((name for name, wanted in expected.items() if ids == wanted), "mixed")


def kills(work: Path, *, seed: int) -> dict[str, int]:
    """Kill a real build (SIGKILL) before each of the switch's moves, and at random moments of the build."""
    rng = random.Random(seed)
    old_in, new_in = work / "old-in", work / "new-in"
    make_corpus(old_in, n=200, seed=seed)
    make_corpus(new_in, n=300, seed=seed + 1)
    reference = {}
    for name, folder in (("old", old_in), ("new", new_in)):
        _build([folder], work / f"{name}-ref", "--no-cache")
        reference[name] = load_package(work / f"{name}-ref")["articles"]["article_id"].tolist()
    figures = {"kills": 0, "whole old": 0, "whole new": 0, "mixed after a kill": 0, "left over files": 0, "rebuild failures": 0}
    plans = [("move", n) for n in range(PACKAGE_FILES)] + [("time", rng.uniform(0.3, 6.0)) for _ in range(12)]
    for kind, at in plans:
        out = work / "kill-out"
        shutil.rmtree(out, ignore_errors=True)
        shutil.copytree(work / "old-ref", out)
        args = ["build", str(new_in), "--out", str(out), "--no-progress", "--n-process", "2"]
        if kind == "move":
            command = [sys.executable, "-c", SWITCH_AND_DIE, str(out), str(at), *args]
            child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            child.wait(timeout=3600)
        else:
            command = [sys.executable, "-m", "analysis", *args]
            child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(at)
            child.send_signal(signal.SIGKILL)
            child.wait()
        figures["kills"] += child.returncode == -signal.SIGKILL
        time.sleep(0.5)  # worker processes end with the build's process
        held = _one_package(out, reference)
        figures["whole old"] += held == "old"
        figures["whole new"] += held == "new"
        figures["mixed after a kill"] += held not in ("old", "new")
        leftovers = [p.name for p in out.iterdir() if p.name.endswith(".tmp")] + ([STAGING_DIR] if pending_switch(out) else [])
        done = _build([new_in], out, "--n-process", "2")
        figures["rebuild failures"] += done.returncode != 0 or _one_package(out, reference) != "new"
        figures["left over files"] += len(leftovers) + len(
            [p for p in out.iterdir() if p.name.endswith(".tmp") or p.name == STAGING_DIR]
        )
    return figures


def damaged_caches(work: Path, *, seed: int, rounds: int = 6) -> dict[str, int]:
    """Damage a built cache in each way at random, rebuild, compare with a build without a cache."""
    rng = random.Random(seed)
    corpus = work / "cache-in"
    make_corpus(corpus, n=400, seed=seed + 7)
    _build([corpus], work / "cache-ref", "--no-cache")
    expected = {p.name: p.read_bytes() for p in (work / "cache-ref").iterdir() if p.is_file() and not p.name.startswith(".")}
    figures = {"damaged entries": 0, "rebuilds": 0, "wrong tables": 0, "crashes": 0, "reported unusable": 0}
    out = work / "cache-out"
    _build([corpus], out)
    for _ in range(rounds):
        entries = sorted((out / ".cache").rglob("*.jsonl.gz"))
        for path in rng.sample(entries, k=min(len(entries), 12)):
            damage = rng.choice(["truncate", "flip", "swap", "folder", "pickle", "empty", "wrong json"])
            if damage == "truncate":
                path.write_bytes(path.read_bytes()[: rng.randint(0, 40)])
            elif damage == "flip":
                data = bytearray(path.read_bytes())
                data[rng.randrange(len(data))] ^= 0xFF
                path.write_bytes(bytes(data))
            elif damage == "swap":
                other = rng.choice(entries)
                if other.exists() and other.is_file() and other != path:
                    path_bytes, other_bytes = path.read_bytes(), other.read_bytes()
                    path.write_bytes(other_bytes)
                    other.write_bytes(path_bytes)
            elif damage == "folder":
                path.unlink()
                path.mkdir()
            elif damage == "pickle":
                path.write_bytes(b"\x80\x04\x95\x00\x00\x00\x00\x00\x00\x00\x00.")
            elif damage == "empty":
                path.write_bytes(b"")
            else:
                path.write_bytes(gzip.compress(json.dumps({"format": "x"}).encode()))
            figures["damaged entries"] += 1
        done = _build([corpus], out)
        figures["rebuilds"] += 1
        figures["crashes"] += "Traceback" in done.stderr or done.returncode != 0
        got = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and not p.name.startswith(".")}
        figures["wrong tables"] += got != expected
        words = done.stdout.split("cache entries unusable")[0].split()[-1] if "unusable" in done.stdout else "0"
        figures["reported unusable"] += int(words) if words.isdigit() else 0
        for path in (out / ".cache").rglob("*.jsonl.gz"):
            if path.is_dir():
                path.rmdir()  # let the next round damage it afresh
    return figures


def concurrent(work: Path, *, seed: int, rounds: int = 4) -> dict[str, int]:
    """Two builds into one folder at once (one must stop with the busy message), and two builds
    into two folders sharing one cache folder."""
    corpus = work / "conc-in"
    make_corpus(corpus, n=300, seed=seed + 11)
    _build([corpus], work / "conc-ref", "--no-cache")
    expected = {p.name: p.read_bytes() for p in (work / "conc-ref").iterdir() if p.is_file() and not p.name.startswith(".")}
    figures = {"same-folder pairs": 0, "one wrote, one busy": 0, "shared-cache pairs": 0, "both wrote": 0}
    figures |= {"wrong tables": 0, "crashes": 0}
    for number in range(rounds):
        out = work / f"conc-out{number}"
        cache = work / "shared-cache"
        runs = []
        for target in (out, out) if number % 2 == 0 else (out, work / f"conc-other{number}"):
            command = [
                sys.executable,
                "-m",
                "analysis",
                "build",
                str(corpus),
                "--out",
                str(target),
                "--no-progress",
                "--cache",
                str(cache),
            ]
            runs.append((target, subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)))
        results = [(target, *child.communicate(timeout=3600), child.returncode) for target, child in runs]
        codes = sorted(code for *_, code in results)
        if number % 2 == 0:
            figures["same-folder pairs"] += 1
            busy = sum("another build" in err and code == 2 for _, _, err, code in results)
            figures["one wrote, one busy"] += codes == [0, 2] and busy == 1
        else:
            figures["shared-cache pairs"] += 1
            figures["both wrote"] += codes == [0, 0]
        figures["crashes"] += sum("Traceback" in err for _, _, err, _ in results)
        for target in {t for t, *_ in results}:
            got = {p.name: p.read_bytes() for p in target.iterdir() if p.is_file() and not p.name.startswith(".")}
            figures["wrong tables"] += got != expected
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=100_000, help="hostile inputs in all (default: 100,000)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--keep", action="store_true", help="keep the working folder")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="campaign-"))
    started = time.perf_counter()
    results = {}
    try:
        results["hostile inputs"] = hostile_rounds(work, n_inputs=args.inputs, seed=args.seed)
        results["kill -9"] = kills(work, seed=args.seed)
        results["damaged caches"] = damaged_caches(work, seed=args.seed)
        results["concurrent builds"] = concurrent(work, seed=args.seed)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(f"{'part':<18} {'figure':<22} {'value':>12}")
    for part, figures in results.items():
        for name, value in figures.items():
            shown = f"{value:,.1f}" if isinstance(value, float) else f"{value:,}"
            print(f"{part:<18} {name:<22} {shown:>12}")
    print(f"whole campaign: {time.perf_counter() - started:,.0f} s (seed {args.seed})")
    h, k, c, q = results["hostile inputs"], results["kill -9"], results["damaged caches"], results["concurrent builds"]
    missed = [
        h["tracebacks"],
        h["over budget"],
        h["unaccounted"],
        h["span-rule breaks"],
        h["invalid packages"],
        k["mixed after a kill"],
        k["left over files"],
        k["rebuild failures"],
        c["wrong tables"],
        c["crashes"],
        q["wrong tables"],
        q["crashes"],
        q["same-folder pairs"] - q["one wrote, one busy"],
        q["shared-cache pairs"] - q["both wrote"],
    ]
    return 1 if any(missed) else 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    raise SystemExit(main())
