"""What the corpus step (one actor namespace, ``actors``, ``cooccurrence``) costs next to the spaCy pass.

    .venv/bin/python benchmarks/corpus_step.py                        # the BBC corpus in ../shared/corpora/bbc
    .venv/bin/python benchmarks/corpus_step.py --corpus DIR --format parquet

Builds the corpus once (no cache, every core) and times, in the same process, the whole build and
the corpus step inside it (the merges found, the actor tables read back, renamed and written, the
``actors`` and ``cooccurrence`` tables counted); then runs the corpus step again on the finished
package (nothing left to merge: the cost of reading and counting alone) and a second build from
the warm cache (no spaCy pass: the step re-runs without parsing). The target is a corpus step of
at most 3% of the build.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import analysis.build.run as run_module  # noqa: E402
from analysis.build.corpus import corpus_step_files  # noqa: E402
from analysis.config import SHARED_DIR  # noqa: E402
from analysis.lexicons.actors import load_registry  # noqa: E402

TARGET_SHARE = 0.03


def _flat(corpus: Path, folder: Path) -> Path:
    """One folder of links to the corpus's articles, named ``<topic>_<file>``: the BBC corpus numbers
    its files per topic folder (``business/001.txt``, ``sport/001.txt``), and article ids are file names."""
    folder.mkdir()
    for file in sorted(corpus.rglob("*.txt")):
        if file.parent != corpus:
            (folder / f"{file.parent.name}_{file.name}").symlink_to(file.resolve())
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(SHARED_DIR / "corpora" / "bbc"))
    parser.add_argument("--format", default="csv", choices=("csv", "parquet"))
    args = parser.parse_args(argv)
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"skipped: no corpus at {corpus} (set NEWS_SHARED_DIR or pass --corpus)")
        return 0
    steps: list[tuple[float, int]] = []
    original = run_module.corpus_step_files

    def timed(folder: Path, **kwargs):
        start = time.perf_counter()
        out = original(folder, **kwargs)
        steps.append((time.perf_counter() - start, int(out["actors"]["variants"].notna().sum())))
        return out

    run_module.corpus_step_files = timed
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        inputs = [_flat(corpus, Path(tmp) / "articles")]
        out = Path(tmp) / "package"
        start = time.perf_counter()
        result = run_module.build(inputs, out=out, fmt=args.format, progress=False)
        cold = time.perf_counter() - start
        step, merged = steps[-1]
        rows.append(("build, cold cache", result.n_articles, cold, step, merged))
        start = time.perf_counter()
        again = corpus_step_files(out, fmt=args.format, registry=load_registry())
        rows.append(
            (
                "corpus step on the finished package",
                result.n_articles,
                float("nan"),
                time.perf_counter() - start,
                int(again["actors"]["variants"].notna().sum()),
            )
        )
        start = time.perf_counter()
        warm = run_module.build(inputs, out=out, fmt=args.format, progress=False)
        rows.append(("build, warm cache", warm.n_articles, time.perf_counter() - start, *steps[-1]))
    print(f"{'run':<38} {'articles':>8} {'build s':>8} {'step s':>7} {'step/build':>10} {'merged':>7}")
    for name, n, total, step, merged in rows:
        share = f"{step / total:>10.1%}" if total == total else f"{'':>10}"
        print(f"{name:<38} {n:>8} {total:>8.1f} {step:>7.2f} {share} {merged:>7}")
    print(
        f"target: the corpus step at most {TARGET_SHARE:.0%} of the cold build ({'met' if rows[0][3] <= TARGET_SHARE * rows[0][2] else 'not met'})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
