"""Benchmark: how much do quote and source extraction add to the spaCy pass?

Measures, single process, on the first N BBC articles (sorted over the five topic folders of
``<SHARED_DIR>/corpora/bbc``):

  (a) raw nlp.pipe           nlp.pipe over the plain texts (same pipeline, batch_size 32)
  (b) zone-aware spaCy pass  split_zones + make_doc + nlp.pipe (what the build does before tabulating)
  (c) core tables            the article context (sentences, entities with actors), layout_rows, article_row
  (d) quotes + sources       quote_rows + source_rows over the same article contexts
  (e) build_tables           the whole in-memory build end to end, files in, typed tables out

Each step runs ``--repeat`` times; the median is reported. Words are whitespace tokens of the
article texts. Target of the issue: (d) is at most 10% of (b).

Run from the project root::

    .venv/bin/python benchmarks/bench_extraction.py --n 200
    .venv/bin/python benchmarks/bench_extraction.py --n 200 --profile   # + cProfile of quote_rows

The corpus folder is ``analysis.config.SHARED_DIR / "corpora" / "bbc"`` (set NEWS_SHARED_DIR to
point elsewhere); when it is absent the script says so and exits with status 0.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import gc
import io
import os
import platform
import pstats
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

PROJ_ROOT = Path(__file__).resolve().parents[1]
if str(PROJ_ROOT) not in sys.path:  # run as a plain script from anywhere
    sys.path.insert(0, str(PROJ_ROOT))

import spacy  # noqa: E402

from analysis.build.run import build_tables  # noqa: E402
from analysis.config import SHARED_DIR  # noqa: E402
from analysis.extract.article import article_row, layout_rows  # noqa: E402
from analysis.extract.attribution import quote_rows, source_rows  # noqa: E402
from analysis.extract.context import ArticleContext  # noqa: E402
from analysis.extract.tables import rows_for  # noqa: E402
from analysis.io.reading import read_file  # noqa: E402
from analysis.io.records import RawArticle  # noqa: E402
from analysis.nlp.pipeline import load_pipeline, make_doc, pipeline_info  # noqa: E402
from analysis.text.zones import split_zones  # noqa: E402

BATCH_SIZE = 32
TARGET_PERCENT = 10.0
CORPUS_DIR = SHARED_DIR / "corpora" / "bbc"


# --------------------------------------------------------------------------- inputs


def corpus_files(corpus: Path) -> list[Path]:
    """All article files of the corpus, sorted by (topic folder, file name)."""
    return sorted(p for p in corpus.glob("*/*.txt") if p.is_file())


def read_articles(files: list[Path]) -> tuple[list[RawArticle], list[str]]:
    """Read the files the way the build does; ids get the folder as prefix (BBC stems repeat
    across folders: business/001.txt, entertainment/001.txt, ...)."""
    articles: list[RawArticle] = []
    problems: list[str] = []
    for path in files:
        for item in read_file(path):
            if isinstance(item, RawArticle):
                articles.append(dataclasses.replace(item, article_id=f"{path.parent.name}-{item.article_id}"))
            else:
                problems.append(str(item))
    return articles, problems


def build_inputs(files: list[Path], workdir: Path) -> list[Path]:
    """The files as given to ``build_tables``; when file stems repeat (N > 510 crosses into a
    second BBC folder) they are symlinked under unique names so no article is dropped as a
    duplicate id."""
    stems = [p.stem for p in files]
    if len(set(stems)) == len(stems):
        return files
    linked = []
    for path in files:
        link = workdir / f"{path.parent.name}-{path.name}"
        link.symlink_to(path.resolve())
        linked.append(link)
    return linked


# --------------------------------------------------------------------------- timing


def timed(fn: Callable[[], object], repeat: int) -> tuple[list[float], object]:
    """Run ``fn`` ``repeat`` times (gc.collect() before each run); seconds of each run and the
    last result."""
    seconds: list[float] = []
    result: object = None
    for _ in range(repeat):
        result = None
        gc.collect()
        start = time.perf_counter()
        result = fn()
        seconds.append(time.perf_counter() - start)
    gc.collect()
    return seconds, result


def machine_line(nlp) -> str:
    model = None
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.lower().startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    model = model or platform.processor() or platform.machine() or "unknown CPU"
    logical = os.cpu_count() or 1
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        usable = logical
    info = pipeline_info(nlp)
    return (
        f"machine: {model}, {logical} cores ({usable} usable, 1 used) | Python {platform.python_version()} | "
        f"spaCy {spacy.__version__} | pipeline {info['name']} {info['version']}"
    )


def peak_rss_mib() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB on Linux


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=200, help="number of BBC articles (first N in sorted order; default 200)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per step; the median is reported (default 3)")
    parser.add_argument(
        "--profile", action="store_true", help="also cProfile quote_rows over the docs and print the top 15 functions"
    )
    parser.add_argument("--corpus", type=Path, default=CORPUS_DIR, help=f"BBC corpus folder (default {CORPUS_DIR})")
    args = parser.parse_args(argv)
    if args.n < 1 or args.repeat < 1:
        parser.error("--n and --repeat must be at least 1")

    files = corpus_files(args.corpus) if args.corpus.is_dir() else []
    if not files:
        print(
            f"BBC corpus not found at {args.corpus} (no */*.txt files); nothing to benchmark.\n"
            "Set NEWS_SHARED_DIR to the folder holding corpora/bbc/ or pass --corpus."
        )
        return 0
    if args.n > len(files):
        print(f"note: --n {args.n} is more than the {len(files)} files of the corpus; using all of them")
    files = files[: args.n]

    articles, problems = read_articles(files)
    for problem in problems:
        print(f"unreadable (left out): {problem}")
    if not articles:
        print("no readable article among the selected files; nothing to benchmark.")
        return 0
    texts = [a.text for a in articles]
    n_words = sum(len(t.split()) for t in texts)

    nlp = load_pipeline()
    # warm up once: pipeline weights and caches, lexicon/registry/agency lru_caches
    for raw, doc in zip(
        articles[:BATCH_SIZE],
        nlp.pipe(
            (make_doc(a.text, split_zones(a.text, title=a.meta.get("title")), nlp=nlp) for a in articles[:BATCH_SIZE]),
            batch_size=BATCH_SIZE,
        ),
    ):
        rows_for(raw, split_zones(raw.text, title=raw.meta.get("title")), doc)
    list(nlp.pipe(texts[:BATCH_SIZE], batch_size=BATCH_SIZE))

    timings: dict[str, list[float]] = {}

    # (a) raw nlp.pipe over the plain texts
    timings["a"], _ = timed(lambda: list(nlp.pipe(texts, batch_size=BATCH_SIZE)), args.repeat)

    # (b) zone-aware spaCy pass: split_zones + make_doc + nlp.pipe
    def spacy_pass():
        layouts = [split_zones(a.text, title=a.meta.get("title")) for a in articles]
        docs = list(nlp.pipe((make_doc(a.text, lay, nlp=nlp) for a, lay in zip(articles, layouts)), batch_size=BATCH_SIZE))
        return layouts, docs

    timings["b"], (layouts, docs) = timed(spacy_pass, args.repeat)  # type: ignore[misc]
    items = list(zip(articles, layouts, docs))

    # (c) core tables from the parsed docs
    def core_tables():
        out = []
        for raw, layout, doc in items:
            ctx = ArticleContext.build(raw, layout, doc)
            layout_rows(layout, article_id=raw.article_id)
            article_row(raw, layout, ctx.sentences)
            out.append(ctx)
        return out

    timings["c"], work = timed(core_tables, args.repeat)

    # (d) quotes + sources from the same article contexts
    def quotes_sources():
        n_quotes = n_sources = 0
        for ctx in work:
            quotes = quote_rows(ctx)
            sources = source_rows(ctx, quotes)
            n_quotes += len(quotes)
            n_sources += len(sources)
        return n_quotes, n_sources

    timings["d"], (n_quotes, n_sources) = timed(quotes_sources, args.repeat)  # type: ignore[misc]

    # (e) build_tables end to end (reading, zones, parse, all rows, typed frames)
    with tempfile.TemporaryDirectory(prefix="bench-bbc-") as tmp:
        inputs = build_inputs(files, Path(tmp))
        timings["e"], built = timed(lambda: build_tables(inputs, progress=False, batch_size=BATCH_SIZE), args.repeat)
    tables, report, _ = built  # type: ignore[misc]
    n_ok = int((report["status"] == "ok").sum())

    # ----------------------------------------------------------------------- report
    median = {k: statistics.median(v) for k, v in timings.items()}
    steps = [
        ("a", "(a) raw nlp.pipe"),
        ("b", "(b) zone-aware spaCy pass"),
        ("c", "(c) core tables"),
        ("d", "(d) quotes + sources"),
        ("e", "(e) build_tables end to end"),
    ]
    print(machine_line(nlp))
    print(
        f"corpus: {args.corpus} | {len(articles)} articles ({files[0].parent.name}/{files[0].name} .. "
        f"{files[-1].parent.name}/{files[-1].name}), {n_words:,} words | batch_size {BATCH_SIZE}, "
        f"{args.repeat} run{'' if args.repeat == 1 else 's'} per step, median reported"
    )
    print()
    header = f"{'step':<30} {'seconds':>9} {'words/s':>10} {'share of spaCy pass':>20}"
    print(header)
    print("-" * len(header))
    for key, label in steps:
        share = f"{100 * median[key] / median['b']:.1f}%" if key in ("c", "d") else ""
        print(f"{label:<30} {median[key]:>9.3f} {n_words / median[key]:>10,.0f} {share:>20}")
    print("-" * len(header))
    print("runs (s): " + "; ".join(f"({k}) " + " ".join(f"{s:.3f}" for s in timings[k]) for k, _ in steps))
    print(
        f"rows: {sum(len(c.sentences) for c in work):,} sentences, {sum(len(c.entities) for c in work):,} entities, "
        f"{n_quotes:,} quotes, {n_sources:,} sources | build_tables: {n_ok}/{len(report)} ok, "
        f"{len(tables['quotes']):,} quotes, {len(tables['sources']):,} sources"
    )
    overhead = 100 * median["d"] / median["b"]
    print(f"quote+source overhead: {overhead:.1f}% of the spaCy pass (target <= {TARGET_PERCENT:.0f}%)")

    if args.profile:
        profiler = cProfile.Profile()
        gc.collect()
        profiler.enable()
        for ctx in work:
            quote_rows(ctx)
        profiler.disable()
        buffer = io.StringIO()
        pstats.Stats(profiler, stream=buffer).strip_dirs().sort_stats("cumulative").print_stats(15)
        print()
        print("cProfile of quote_rows over the parsed docs (top 15 by cumulative time):")
        print(buffer.getvalue().strip())

    print(f"peak RSS: {peak_rss_mib():,.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
