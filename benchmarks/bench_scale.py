"""Benchmark: how does the full build scale (throughput, worker processes, memory, cache)?

Measures, on the first N BBC articles (sorted over the five topic folders of
``<SHARED_DIR>/corpora/bbc``; all 2,225 by default):

  (a)  raw nlp.pipe       nlp.pipe over the plain texts (same pipeline, batch_size 32, 1 process)
  (a2) raw, char batches  the same, in the build's batches (at most 32 texts and 50,000 characters)
  (b1) build, 1 process   build(..., fmt="csv", cache_dir=False, progress=False, n_process=1)
  (b2) build, 2 processes the same with n_process=2
  (c)  textacy Corpus     textacy.Corpus(nlp, data=texts) over the same texts
  peak RSS                our build (1 process) and textacy's Corpus on 200 and on N articles
  cache                   cache_dir=True into one out folder: cold build, warm rebuild, then one
                          new article added and a rebuild (it must process exactly 1 article)
  side by side            (a) and (b1) at the same time, one per core, in opposite order on the
                          two cores ((a) then (b1) on one, (b1) then (a) on the other): both see
                          the same machine speed, which on a shared virtual machine drifts by
                          20-30% within an hour and swamps a sequential comparison
  share                   (b1) again with a timer around the spaCy pass (tokenizer and components,
                          Doc by Doc): the share of the build's CPU time spent in spaCy, which the
                          drift cannot move since both parts interleave batch by batch

Every measurement runs in a fresh process (this script with ``--child``), which loads the
pipeline and runs it over one batch before the clock starts, so pipeline loading is never timed
and the peak RSS of one step is not mixed with another's. Words are whitespace tokens of the
article texts. Targets: (b1)/(a) >= 0.85 in words/s; (b2)/(b1) >= 1.6 on 2 cores; peak RSS of
the build on N articles at most 1.3x the figure on 200; warm/cold <= 5%; processed == 1 after
adding one article.

Run from the project root::

    .venv/bin/python benchmarks/bench_scale.py                 # all 2,225 articles (long)
    .venv/bin/python benchmarks/bench_scale.py --n 120         # quick check

The corpus folder is ``analysis.config.SHARED_DIR / "corpora" / "bbc"`` (set NEWS_SHARED_DIR to
point elsewhere); when it is absent the script says so and exits with status 0.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from importlib import metadata
from pathlib import Path

PROJ_ROOT = Path(__file__).resolve().parents[1]
if str(PROJ_ROOT) not in sys.path:  # run as a plain script from anywhere
    sys.path.insert(0, str(PROJ_ROOT))

from analysis.config import DEFAULT_PIPELINE, SHARED_DIR  # noqa: E402
from analysis.io.reading import read_inputs  # noqa: E402
from analysis.io.records import RawArticle  # noqa: E402

BATCH_SIZE = 32
RSS_SMALL = 200
CORPUS_DIR = SHARED_DIR / "corpora" / "bbc"
RESULT_MARK = "@@bench_scale "

TARGET_THROUGHPUT = 0.85  # (b1)/(a), words/s
TARGET_SPEEDUP = 1.6  # (b2)/(b1)
TARGET_RSS_GROWTH = 1.3  # build on N articles / build on 200
TARGET_WARM = 0.05  # warm rebuild / cold build


# --------------------------------------------------------------------------- inputs


def corpus_files(corpus: Path) -> list[Path]:
    """All article files of the corpus, sorted by (topic folder, file name)."""
    return sorted(p for p in corpus.glob("*/*.txt") if p.is_file())


def link_name(path: Path) -> str:
    """BBC file names repeat across folders (business/001.txt, tech/001.txt): prefix the folder."""
    return f"{path.parent.name}_{path.name}"


def link_folder(files: list[Path], folder: Path) -> Path:
    """A folder of symlinks ``<folder>_<name>.txt`` to ``files`` (unique article ids)."""
    folder.mkdir(parents=True)
    for path in files:
        (folder / link_name(path)).symlink_to(path.resolve())
    return folder


def read_texts(folder: Path) -> tuple[list[str], list[str]]:
    """Article texts of a folder, read the way the build reads them; and the problems."""
    texts: list[str] = []
    problems: list[str] = []
    for item in read_inputs([folder]):
        if isinstance(item, RawArticle):
            texts.append(item.text)
        else:
            problems.append(str(item))
    return texts, problems


def count_words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


# --------------------------------------------------------------------------- child mode


def peak_rss_kib() -> int:
    """Peak resident set size of this process in KiB.

    VmHWM is read first: ``ru_maxrss`` of a freshly started process can report the peak of the
    process that started it (Linux keeps the old figure across exec)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak  # bytes on macOS, KiB on Linux


def cpu_seconds() -> float:
    """User + system CPU time of this process and its finished children (worker processes)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def children_rss_kib() -> int:
    """Largest peak RSS among this process's finished children (the build's worker processes)."""
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak


def warm_pipeline(inputs: Path):
    """Load the pipeline (the cached instance the build uses) and run it over one batch."""
    from analysis.nlp.pipeline import load_pipeline

    nlp = load_pipeline(DEFAULT_PIPELINE)  # the cached instance the build uses
    texts: list[str] = []
    for item in read_inputs([inputs]):
        if isinstance(item, RawArticle):
            texts.append(item.text)
            if len(texts) >= BATCH_SIZE:
                break
    list(nlp.pipe(texts, batch_size=BATCH_SIZE))
    return nlp


def _build(inputs: Path, out: Path, n_process: int, cache_dir: bool) -> tuple[float, dict]:
    from analysis.build.run import build

    gc.collect()
    start, cpu = time.perf_counter(), cpu_seconds()
    result = build([inputs], out=out, fmt="csv", n_process=n_process, cache_dir=cache_dir, progress=False, batch_size=BATCH_SIZE)
    seconds = time.perf_counter() - start
    return seconds, {
        "cpu": cpu_seconds() - cpu,
        "processed": result.processed,
        "cached": result.cached,
        "ok": result.n_articles,
        "errors": result.n_errors,
    }


def run_child(args: argparse.Namespace) -> int:
    nlp = warm_pipeline(args.inputs)
    result: dict = {"mode": args.child}
    if args.child == "pipe":
        texts, _ = read_texts(args.inputs)
        gc.collect()
        start, cpu = time.perf_counter(), cpu_seconds()
        n_docs = sum(1 for _ in nlp.pipe(texts, batch_size=BATCH_SIZE))
        result.update(seconds=time.perf_counter() - start, cpu=cpu_seconds() - cpu, docs=n_docs)
    elif args.child == "pipe_bounded":
        from analysis.nlp.pipeline import pipe_bounded

        texts, _ = read_texts(args.inputs)
        gc.collect()
        start, cpu = time.perf_counter(), cpu_seconds()
        n_docs = sum(1 for _ in pipe_bounded((nlp.make_doc(t) for t in texts), nlp=nlp, batch_size=BATCH_SIZE))
        result.update(seconds=time.perf_counter() - start, cpu=cpu_seconds() - cpu, docs=n_docs)
    elif args.child == "textacy":
        import textacy

        texts, _ = read_texts(args.inputs)
        gc.collect()
        start, cpu = time.perf_counter(), cpu_seconds()
        corpus = textacy.Corpus(nlp, data=texts)
        result.update(seconds=time.perf_counter() - start, cpu=cpu_seconds() - cpu, docs=corpus.n_docs)
    elif args.child == "build":
        seconds, counts = _build(args.inputs, args.out, args.processes, cache_dir=False)
        result.update(seconds=seconds, **counts)
    elif args.child == "build_share":
        import analysis.build.blocks

        spacy_cpu = [0.0]
        parse_many = analysis.build.blocks.parse_many

        def timed(*a, **k):  # the CPU time spent getting each Doc: tokenizer and pipeline components
            docs = parse_many(*a, **k)
            while True:
                start = time.process_time()
                try:
                    doc = next(docs)
                except StopIteration:
                    spacy_cpu[0] += time.process_time() - start
                    return
                spacy_cpu[0] += time.process_time() - start
                yield doc

        analysis.build.blocks.parse_many = timed
        seconds, counts = _build(args.inputs, args.out, args.processes, cache_dir=False)
        result.update(seconds=seconds, spacy_cpu=spacy_cpu[0], **counts)
    elif args.child == "cache":
        steps = {}
        steps["cold"] = _build(args.inputs, args.out, args.processes, cache_dir=True)
        steps["warm"] = _build(args.inputs, args.out, args.processes, cache_dir=True)
        (args.inputs / args.extra_name).symlink_to(args.extra.resolve())
        steps["plus_one"] = _build(args.inputs, args.out, args.processes, cache_dir=True)
        result["steps"] = {name: {"seconds": seconds, **counts} for name, (seconds, counts) in steps.items()}
    result.update(rss_kib=peak_rss_kib(), children_rss_kib=children_rss_kib())
    print(RESULT_MARK + json.dumps(result), flush=True)
    return 0


def child(
    mode: str, inputs: Path, *, out: Path | None = None, processes: int = 1, extra: Path | None = None, extra_name: str = ""
) -> dict:
    """Run one measurement in a fresh process and return its result."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", mode, "--inputs", str(inputs), "--processes", str(processes)]
    if out is not None:
        cmd += ["--child-out", str(out)]
    if extra is not None:
        cmd += ["--extra", str(extra), "--extra-name", extra_name]
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, text=True)  # the child's stderr goes straight through
    for line in proc.stdout.splitlines():
        if line.startswith(RESULT_MARK):
            return json.loads(line[len(RESULT_MARK) :])
    raise RuntimeError(f"measurement {mode!r} failed (exit status {proc.returncode}):\n{proc.stdout}")


# --------------------------------------------------------------------------- report helpers


def machine_line() -> str:
    import spacy

    from analysis.nlp.pipeline import pipeline_meta

    model = None
    ram = None
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.lower().startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemTotal:"):
                    ram = int(line.split()[1]) / (1024 * 1024)
                    break
    except (OSError, ValueError):
        pass
    model = model or platform.processor() or platform.machine() or "unknown CPU"
    try:
        textacy_version = metadata.version("textacy")
    except metadata.PackageNotFoundError:
        textacy_version = "not installed"
    info = pipeline_meta(DEFAULT_PIPELINE)
    ram_text = f"{ram:.1f} GiB RAM" if ram else "RAM unknown"
    return (
        f"machine: {model}, {os.cpu_count() or 1} cores ({usable_cores()} usable), {ram_text} | "
        f"Python {platform.python_version()} | spaCy {spacy.__version__} | textacy {textacy_version} | "
        f"pipeline {info['name']} {info['version']}"
    )


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def mib(kib: float) -> str:
    return f"{kib / 1024:,.0f}"


def verdict(ok: bool | None) -> str:
    return "n/a " if ok is None else ("PASS" if ok else "FAIL")


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=None, help="number of BBC articles (first N in sorted order; default all)")
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs per measurement; the median time and the largest RSS are reported (default 1)"
    )
    parser.add_argument("--skip-textacy", action="store_true", help="leave out the textacy Corpus measurements")
    parser.add_argument(
        "--only",
        default=None,
        help="comma-separated groups to run: a, a2, b1, b2, c (textacy), rss (the 200-article runs), cache, pair ((a) and (b1) side by side), share (spaCy's share of the build's CPU time); default all",
    )
    parser.add_argument(
        "--out-dir",
        type=Path,
        default=None,
        help="working folder for inputs and build outputs (must be empty or absent; kept); default a temporary folder, removed at the end",
    )
    parser.add_argument("--corpus", type=Path, default=CORPUS_DIR, help=f"BBC corpus folder (default {CORPUS_DIR})")
    # internal: one measurement in a fresh process
    parser.add_argument(
        "--child", choices=("pipe", "pipe_bounded", "build", "build_share", "textacy", "cache"), help=argparse.SUPPRESS
    )
    parser.add_argument("--inputs", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--child-out", dest="out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--processes", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--extra", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--extra-name", default="", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return run_child(args)
    if (args.n is not None and args.n < 1) or args.repeat < 1:
        parser.error("--n and --repeat must be at least 1")

    files = corpus_files(args.corpus) if args.corpus.is_dir() else []
    if not files:
        print(
            f"BBC corpus not found at {args.corpus} (no */*.txt files); nothing to benchmark.\n"
            "Set NEWS_SHARED_DIR to the folder holding corpora/bbc/ or pass --corpus."
        )
        return 0
    if args.n is not None and args.n > len(files):
        print(f"note: --n {args.n} is more than the {len(files)} files of the corpus; using all of them")
    n = min(args.n or len(files), len(files))
    n_small = RSS_SMALL if n > RSS_SMALL else max(1, n // 2)
    selected = files[:n]

    if args.out_dir is not None:
        if args.out_dir.exists() and any(args.out_dir.iterdir()):
            parser.error(f"--out-dir {args.out_dir} is not empty")
        args.out_dir.mkdir(parents=True, exist_ok=True)
        work, remove = args.out_dir.resolve(), False
    else:
        work, remove = Path(tempfile.mkdtemp(prefix="bench-scale-")), True
    try:
        return run(args, files, selected, n_small, work)
    finally:
        if remove:
            shutil.rmtree(work, ignore_errors=True)


def run(args: argparse.Namespace, files: list[Path], selected: list[Path], n_small: int, work: Path) -> int:
    n = len(selected)
    inputs_all = link_folder(selected, work / "inputs-all")
    inputs_small = link_folder(selected[:n_small], work / "inputs-small")
    inputs_cache = link_folder(selected, work / "inputs-cache")
    texts, problems = read_texts(inputs_all)
    for problem in problems:
        print(f"unreadable (left out): {problem}")
    if not texts:
        print("no readable article among the selected files; nothing to benchmark.")
        return 0
    words = count_words(texts)
    words_small = count_words(read_texts(inputs_small)[0])

    # the new article for the cache check: the next corpus file, or an edited copy of the first one
    if n < len(files):
        extra, extra_name = files[n], link_name(files[n])
        extra_label = f"{files[n].parent.name}/{files[n].name}"
    else:
        extra, extra_name = work / "extra.txt", "bench_extra.txt"
        extra.write_text("Update: " + texts[0], encoding="utf-8")
        extra_label = f"edited copy of {selected[0].parent.name}/{selected[0].name}"

    specs = [
        ("a", "a", f"(a) raw nlp.pipe, {n} articles", "pipe", inputs_all, {}),
        ("a2", "a2", f"(a2) raw nlp.pipe in character-bounded batches, {n} articles", "pipe_bounded", inputs_all, {}),
        ("b1", "b1", f"(b1) build, 1 process, {n} articles", "build", inputs_all, {"processes": 1}),
        (
            "share",
            "share",
            f"(b1) build with a timer around the spaCy pass, {n} articles",
            "build_share",
            inputs_all,
            {"processes": 1},
        ),
        ("b2", "b2", f"(b2) build, 2 processes, {n} articles", "build", inputs_all, {"processes": 2}),
        ("c", "c", f"(c) textacy Corpus, {n} articles", "textacy", inputs_all, {}),
        ("b1_small", "rss", f"build, 1 process, {n_small} articles (RSS)", "build", inputs_small, {"processes": 1}),
        ("c_small", "rss", f"textacy Corpus, {n_small} articles (RSS)", "textacy", inputs_small, {}),
        (
            "cache",
            "cache",
            f"cache: cold, warm, +1 article, {n} articles",
            "cache",
            inputs_cache,
            {"processes": 1, "extra": extra, "extra_name": extra_name},
        ),
    ]
    only = set(args.only.split(",")) if args.only else {"a", "a2", "b1", "b2", "c", "rss", "cache", "pair", "share"}
    specs = [spec for spec in specs if spec[1] in only and not (args.skip_textacy and spec[3] == "textacy")]
    results: dict[str, list[dict]] = {key: [] for key, *_ in specs}
    # rounds outermost: with --repeat, the measurements interleave, so a machine that slows down
    # for a while slows every measurement of a round rather than one measurement's runs
    for i in range(args.repeat):
        for key, _, label, mode, inputs, kw in specs:
            print(f"[bench_scale] {label} (round {i + 1}/{args.repeat}) ...", file=sys.stderr, flush=True)
            out = work / f"out-{key}-{i}" if mode in ("build", "build_share", "cache") else None
            results[key].append(child(mode, inputs, out=out, **kw))
            if out is not None:
                shutil.rmtree(out, ignore_errors=True)
            if mode == "cache":  # the next run starts cold, without the added article
                (inputs / kw["extra_name"]).unlink(missing_ok=True)

    if "pair" in only:
        # (a) and (b1) side by side, one per core, in opposite order on the two cores: whatever
        # speed the machine has at a moment, one core is parsing raw and the other building
        print("[bench_scale] (a) and (b1) side by side, one per core ...", file=sys.stderr, flush=True)
        orders = [("pipe", "build"), ("build", "pipe")]

        def sequence(core: int) -> list[tuple[str, dict]]:
            out = []
            for mode in orders[core]:
                folder = work / f"out-pair-{core}" if mode == "build" else None
                out.append((mode, child(mode, inputs_all, out=folder, processes=1)))
                if folder is not None:
                    shutil.rmtree(folder, ignore_errors=True)
            return out

        with ThreadPoolExecutor(max_workers=2) as pool:
            paired = [run for runs in pool.map(sequence, range(2)) for run in runs]
        results["pair_a"] = [r for mode, r in paired if mode == "pipe"]
        results["pair_b1"] = [r for mode, r in paired if mode == "build"]

    def seconds(key: str) -> float:
        return statistics.median(r["seconds"] for r in results[key])

    def cpu(key: str) -> float:
        return statistics.median(r["cpu"] for r in results[key])

    def rss(key: str, field: str = "rss_kib") -> int:
        return max(r[field] for r in results[key])

    def have(*keys: str) -> bool:
        return all(results.get(key) for key in keys)

    # ----------------------------------------------------------------------- report
    rounds_word = "round" if args.repeat == 1 else "rounds"
    print(machine_line())
    print(
        f"corpus: {args.corpus} | {len(texts)} articles ({selected[0].parent.name}/{selected[0].name} .. "
        f"{selected[-1].parent.name}/{selected[-1].name}), {words:,} words | batch_size {BATCH_SIZE}, csv output, "
        f"{args.repeat} {rounds_word} of all measurements{'' if args.repeat == 1 else ' (interleaved; median time, largest RSS)'}, "
        "each in a fresh process with the pipeline loaded before timing"
    )
    print()
    header = f"{'step':<32} {'procs':>5} {'articles':>8} {'seconds':>9} {'CPU s':>9} {'words/s':>9} {'peak RSS MiB':>20}"
    print(header)
    print("-" * len(header))
    rows = [
        ("a", "(a) raw nlp.pipe", 1),
        ("a2", "(a2) raw, char-bounded batches", 1),
        ("b1", "(b1) build, no cache", 1),
        ("b2", "(b2) build, no cache", 2),
        ("c", "(c) textacy Corpus", 1),
    ]
    for key, label, procs in rows:
        if not have(key):
            continue
        n_done = results[key][-1].get("ok", results[key][-1].get("docs"))
        peak = mib(rss(key))
        if key == "b2":
            peak = f"{peak} (workers {mib(rss(key, 'children_rss_kib'))})"
        print(
            f"{label:<32} {procs:>5} {n_done:>8,} {seconds(key):>9.3f} {cpu(key):>9.3f} {words / seconds(key):>9,.0f} {peak:>20}"
        )
    print("-" * len(header))
    throughput = speedup = growth = None
    if have("a", "b1"):
        throughput = seconds("a") / seconds("b1")
        per_round = [a["seconds"] / b["seconds"] for a, b in zip(results["a"], results["b1"])]
        print(
            f"(b1)/(a) words/s: {throughput:.2f} (target >= {TARGET_THROUGHPUT}); per round "
            + " ".join(f"{x:.2f}" for x in per_round)
            + f"; by CPU time {cpu('a') / cpu('b1'):.2f}"
        )
    paired_ratio = None
    if have("pair_a", "pair_b1"):
        paired_ratio = sum(r["seconds"] for r in results["pair_a"]) / sum(r["seconds"] for r in results["pair_b1"])
        print(
            f"(b1)/(a) words/s side by side (one per core, opposite order): {paired_ratio:.2f}; (a) "
            + " ".join(f"{r['seconds']:.1f}" for r in results["pair_a"])
            + " s, (b1) "
            + " ".join(f"{r['seconds']:.1f}" for r in results["pair_b1"])
            + " s"
        )
    if have("share"):
        run = results["share"][-1]
        inside = run["spacy_cpu"] / run["cpu"]
        print(
            f"spaCy's share of the build's CPU time: {inside:.1%} ({run['spacy_cpu']:.1f} of {run['cpu']:.1f} s); the build's own "
            f"code takes the rest, so with spaCy as fast inside the build as alone, (b1)/(a) would be {inside:.2f}"
        )
    if have("a2", "b1"):
        print(
            f"(b1)/(a2) words/s: {seconds('a2') / seconds('b1'):.2f} (the build against the raw pipe in the same batches: the cost of everything but parsing)"
        )
    if have("b1", "b2"):
        speedup = seconds("b1") / seconds("b2")
        print(f"(b2)/(b1) speed-up: {speedup:.2f} (target >= {TARGET_SPEEDUP} on 2 cores)")
    if have("c", "b1"):
        print(f"(b1)/(c) words/s: {seconds('c') / seconds('b1'):.2f} (our build against textacy's Corpus)")

    if have("b1", "b1_small"):
        print()
        print(
            f"peak RSS (MiB), fresh process each: {n_small:,} articles ({words_small:,} words) against {n:,} articles ({words:,} words)"
        )
        growth = rss("b1") / rss("b1_small")
        print(
            f"  build, 1 process     {mib(rss('b1_small')):>7} -> {mib(rss('b1')):>7}   x{growth:.2f}  (target <= x{TARGET_RSS_GROWTH})"
        )
        if have("c", "c_small"):
            print(f"  textacy Corpus       {mib(rss('c_small')):>7} -> {mib(rss('c')):>7}   x{rss('c') / rss('c_small'):.2f}")

    warm_share = plus_processed = None
    if have("cache"):
        print()
        steps = {name: [r["steps"][name] for r in results["cache"]] for name in ("cold", "warm", "plus_one")}
        cache_seconds = {name: statistics.median(s["seconds"] for s in runs) for name, runs in steps.items()}
        print(f"cache (cache_dir=True, same out folder, 1 process); new article: {extra_label}")
        cache_header = f"  {'build':<24} {'seconds':>9} {'articles':>8} {'processed':>9} {'cached':>7}"
        print(cache_header)
        labels = {"cold": "cold", "warm": "warm rebuild", "plus_one": "rebuild + 1 new article"}
        for name, runs in steps.items():
            last = runs[-1]
            print(
                f"  {labels[name]:<24} {cache_seconds[name]:>9.3f} {last['ok']:>8,} {last['processed']:>9,} {last['cached']:>7,}"
            )
        warm_share = cache_seconds["warm"] / cache_seconds["cold"]
        plus_processed = [r["processed"] for r in steps["plus_one"]]
        print(f"  warm/cold: {100 * warm_share:.1f}% (target <= {100 * TARGET_WARM:.0f}%)")

    print(
        "runs (s): "
        + "; ".join(
            f"({key}) " + " ".join(f"{r['seconds']:.3f}" for r in runs)
            for key, runs in results.items()
            if key != "cache" and runs
        )
        + (
            "; (cache cold/warm/+1) "
            + " ".join(
                "/".join(f"{r['steps'][name]['seconds']:.3f}" for name in ("cold", "warm", "plus_one")) for r in results["cache"]
            )
            if have("cache")
            else ""
        )
    )

    targets = []
    if throughput is not None:
        targets.append(
            (throughput >= TARGET_THROUGHPUT, f"throughput (b1)/(a) = {throughput:.2f}, target >= {TARGET_THROUGHPUT}")
        )
    if paired_ratio is not None:
        targets.append(
            (paired_ratio >= TARGET_THROUGHPUT, f"throughput side by side = {paired_ratio:.2f}, target >= {TARGET_THROUGHPUT}")
        )
    if speedup is not None:
        targets.append(
            (
                None if usable_cores() < 2 else speedup >= TARGET_SPEEDUP,
                f"speed-up (b2)/(b1) = {speedup:.2f}, target >= {TARGET_SPEEDUP} on 2 cores"
                + (" (fewer than 2 usable cores)" if usable_cores() < 2 else ""),
            )
        )
    if growth is not None:
        targets.append(
            (
                None if n_small >= n else growth <= TARGET_RSS_GROWTH,
                f"peak RSS {n:,} / {n_small:,} articles = x{growth:.2f}, target <= x{TARGET_RSS_GROWTH} (for 2,225 / 200)",
            )
        )
    if warm_share is not None:
        targets.append(
            (warm_share <= TARGET_WARM, f"warm/cold rebuild = {100 * warm_share:.1f}%, target <= {100 * TARGET_WARM:.0f}%")
        )
        targets.append(
            (all(p == 1 for p in plus_processed), f"rebuild after adding 1 article processed {plus_processed[-1]}, target 1")
        )
    built = [r for key in ("b1", "b2") for r in results.get(key, [])]
    if built:
        # every readable article written; the unreadable files (listed at the top) reported as errors
        built_ok = all(r["ok"] == len(texts) and r["errors"] == len(problems) for r in built)
        targets.append(
            (
                built_ok,
                f"builds wrote all {len(texts):,} readable articles and reported the {len(problems)} unreadable file(s) as errors",
            )
        )
    print()
    print("targets")
    for ok, text in targets:
        print(f"  {verdict(ok)}  {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
