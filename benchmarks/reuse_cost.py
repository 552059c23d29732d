"""What reuse detection (republished wire copy, shared passages, shared quotations) costs, on the BBC corpus and on synthetic ones.

    .venv/bin/python benchmarks/reuse_cost.py                          # every article of ../shared/corpora/bbc
    .venv/bin/python benchmarks/reuse_cost.py --bbc --build-seconds 900
    .venv/bin/python benchmarks/reuse_cost.py --synthetic 100000
    .venv/bin/python benchmarks/reuse_cost.py --sizes 10000 30000 100000

``--bbc`` (the default when no synthetic size is asked for): reads every ``*.txt`` of each topic
folder of the corpus (ids ``<topic>-<stem>``; a file that is not valid UTF-8 is skipped, as the
build skips it), then times, in this process, adding them all to a
:class:`~analysis.corpus.reuse.ReuseIndex` and computing its ``pairs()`` (``time.perf_counter``);
prints the articles, the pairs by relation, the seconds and the peak RSS of the process. With
``--build-seconds S`` it also prints that step as a share of a full build that took S seconds.

``--synthetic N`` / ``--sizes N ...``: each size runs in a fresh process (this script with a hidden
flag), so its peak RSS is that of one synthetic corpus and its reuse step alone. The corpus is
deterministic (``random.Random(0)``): N articles of 80-150 words from a vocabulary of 3,000
made-up words; about 10% are copies of an earlier original with light edits (a word changed, a
sentence dropped, a new lead sentence), and about 5% carry a quotation in curly quotes that one
other article carries too. One row per size: seconds of ``add`` and of ``pairs()``, seconds per
1,000 articles (flat across sizes when the cost grows linearly), pairs by relation, the planted
(original, copy) pairs found as ``copy`` pairs (recall), the RSS once the texts are generated and
the peak RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.config import SHARED_DIR  # noqa: E402
from analysis.corpus.reuse import ReuseIndex  # noqa: E402
from analysis.io.records import decode_bytes  # noqa: E402

RELATIONS = ("copy", "shared_passage", "shared_quote")
RESULT_MARK = "REUSE-RESULT "
VOCABULARY_SIZE = 3000
COPY_SHARE = 0.10
QUOTE_SHARE = 0.05


def peak_rss_mb() -> float:
    """Peak resident set size of this process in MB (``ru_maxrss``: KB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 / 1024 if sys.platform == "darwin" else peak / 1024


def current_rss_mb() -> float:
    """Resident set size of this process now, in MB (``/proc/self/statm``; 0 where there is none)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1024 / 1024
    except (OSError, ValueError, IndexError):
        return 0.0


def relation_counts(pairs) -> dict[str, int]:
    counts = pairs["relation"].value_counts()
    return {relation: int(counts.get(relation, 0)) for relation in RELATIONS}


# --------------------------------------------------------------------------- synthetic corpus


def _vocabulary(rng: random.Random, size: int = VOCABULARY_SIZE) -> list[str]:
    """``size`` distinct made-up words of one to three syllables."""
    onsets = ["b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "st", "tr", "kl"]
    vowels = ["a", "e", "i", "o", "u", "ai", "ou"]
    codas = ["", "", "n", "r", "s", "l", "k"]
    words: set[str] = set()
    while len(words) < size:
        words.add(
            "".join(rng.choice(onsets) + rng.choice(vowels) + rng.choice(codas) for _ in range(rng.choice((1, 2, 2, 2, 3))))
        )
    return sorted(words)


def _sentence(rng: random.Random, vocabulary: list[str], low: int = 8, high: int = 18) -> list[str]:
    return [rng.choice(vocabulary) for _ in range(rng.randint(low, high))]


def _text(sentences: list[list[str]]) -> str:
    return " ".join(" ".join(words).capitalize() + "." for words in sentences)


def synthetic_corpus(n: int) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """``n`` (id, text) articles and the planted (original, copy) pairs, ids in generation order.

    An original is sentences of random words (80-150 words in all). A copy (about
    :data:`COPY_SHARE` of the articles) takes an earlier original's sentences and makes one to
    three light edits: a word changed, a sentence dropped, a new lead sentence. About
    :data:`QUOTE_SHARE` of the articles quote, in curly quotes, 14-22 words that exactly one other
    article quotes too (a pool of half as many quotations as quoting articles)."""
    rng = random.Random(0)
    vocabulary = _vocabulary(rng)
    quotes = [" ".join(_sentence(rng, vocabulary, 14, 22)) for _ in range(max(1, round(n * QUOTE_SHARE / 2)))]
    unused_quotes = list(range(len(quotes)))
    rng.shuffle(unused_quotes)
    half_used: list[int] = []
    originals: list[tuple[str, list[list[str]]]] = []
    articles: list[tuple[str, str]] = []
    planted: list[tuple[str, str]] = []
    for i in range(n):
        article_id = f"syn-{i:07d}"
        roll = rng.random()
        if originals and roll < COPY_SHARE:
            source_id, source = rng.choice(originals)
            sentences = [list(words) for words in source]
            for edit in rng.sample(("word", "drop", "lead"), rng.randint(1, 3)):
                if edit == "word":
                    words = rng.choice(sentences)
                    words[rng.randrange(len(words))] = rng.choice(vocabulary)
                elif edit == "drop" and len(sentences) > 2:
                    del sentences[rng.randrange(len(sentences))]
                elif edit == "lead":
                    sentences.insert(0, _sentence(rng, vocabulary))
            articles.append((article_id, _text(sentences)))
            planted.append((source_id, article_id))
            continue
        sentences = []
        target = rng.randint(80, 150)
        while sum(map(len, sentences)) < target:
            sentences.append(_sentence(rng, vocabulary))
        originals.append((article_id, sentences))
        text = _text(sentences)
        if roll < COPY_SHARE + QUOTE_SHARE:  # the second article of a quotation first, so each is shared
            if half_used and (not unused_quotes or rng.random() < 0.5):
                quote = quotes[half_used.pop(rng.randrange(len(half_used)))]
            elif unused_quotes:
                half_used.append(unused_quotes.pop())
                quote = quotes[half_used[-1]]
            else:
                quote = rng.choice(quotes)
            cut = text.index(". ", len(text) // 2) + 2 if ". " in text[len(text) // 2 :] else len(text)
            text = f"{text[:cut]}“{quote.capitalize()},” {rng.choice(vocabulary)} said. {text[cut:]}".rstrip()
        articles.append((article_id, text))
    return articles, planted


def synthetic_child(n: int) -> int:
    """Generate the corpus, time the reuse step, print one result line (JSON)."""
    articles, planted = synthetic_corpus(n)
    words = sum(len(text.split()) for _, text in articles)
    corpus_rss = current_rss_mb()
    index = ReuseIndex()
    start = time.perf_counter()
    refused = sum(index.add(article_id, text) is not None for article_id, text in articles)
    add_seconds = time.perf_counter() - start
    start = time.perf_counter()
    pairs = index.pairs()
    pairs_seconds = time.perf_counter() - start
    copies = set(pairs.loc[pairs["relation"] == "copy", ["article_a", "article_b"]].itertuples(index=False, name=None))
    found = sum((min(a, b), max(a, b)) in copies for a, b in planted)
    result = {
        "n": n,
        "words": words,
        "refused": refused,
        "add_seconds": add_seconds,
        "pairs_seconds": pairs_seconds,
        "relations": relation_counts(pairs),
        "planted": len(planted),
        "found": found,
        "corpus_rss_mb": corpus_rss,
        "peak_rss_mb": peak_rss_mb(),
    }
    print(RESULT_MARK + json.dumps(result), flush=True)
    return 0


def run_synthetic(n: int, timeout: float | None) -> dict | None:
    """One synthetic size in a fresh process; ``None`` (said on standard output) when it fails."""
    command = [sys.executable, str(Path(__file__).resolve()), "--child-synthetic", str(n)]
    try:
        proc = subprocess.run(command, stdout=subprocess.PIPE, text=True, timeout=timeout)  # stderr goes straight through
    except subprocess.TimeoutExpired:
        print(f"{n:>8,}  stopped: more than {timeout:,.0f} s")
        return None
    for line in proc.stdout.splitlines():
        if line.startswith(RESULT_MARK):
            return json.loads(line[len(RESULT_MARK) :])
    print(f"{n:>8,}  failed (exit status {proc.returncode})")
    return None


SYNTHETIC_HEADER = (
    f"{'articles':>8} {'words':>11} {'add s':>8} {'pairs s':>8} {'total s':>8} {'s/1k':>6} "
    f"{'copy':>7} {'passage':>7} {'quote':>7} {'planted':>7} {'found':>7} {'recall':>7} {'corpus MB':>9} {'peak MB':>8}"
)


def print_synthetic_row(r: dict) -> None:
    total = r["add_seconds"] + r["pairs_seconds"]
    rel = r["relations"]
    recall = r["found"] / r["planted"] if r["planted"] else float("nan")
    print(
        f"{r['n']:>8,} {r['words']:>11,} {r['add_seconds']:8.2f} {r['pairs_seconds']:8.2f} {total:8.2f} "
        f"{total / r['n'] * 1000:6.2f} {rel['copy']:>7,} {rel['shared_passage']:>7,} {rel['shared_quote']:>7,} "
        f"{r['planted']:>7,} {r['found']:>7,} {recall:7.1%} {r['corpus_rss_mb']:9.0f} {r['peak_rss_mb']:8.0f}",
        flush=True,
    )


def synthetic(sizes: list[int], timeout: float | None) -> None:
    print("synthetic corpora (one fresh process each; corpus MB = RSS once the texts are generated, before the reuse step)")
    print(SYNTHETIC_HEADER, flush=True)
    rows = []
    for n in sizes:
        result = run_synthetic(n, timeout)
        if result is not None:
            print_synthetic_row(result)
            rows.append(result)
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        ratio = ((last["add_seconds"] + last["pairs_seconds"]) / last["n"]) / (
            (first["add_seconds"] + first["pairs_seconds"]) / first["n"]
        )
        print(f"seconds per article at {last['n']:,} / at {first['n']:,}: {ratio:.2f} (about 1 when the cost grows linearly)")
        if any(r["refused"] for r in rows):
            print("articles refused by add: " + ", ".join(f"{r['refused']:,} of {r['n']:,}" for r in rows))


# --------------------------------------------------------------------------- BBC corpus


def bbc_articles(corpus: Path) -> tuple[list[tuple[str, str]], list[Path]]:
    """Every ``*.txt`` of each topic folder (sorted), as (``<topic>-<stem>``, text), and the files
    that are not valid UTF-8 (skipped, as the build skips them)."""
    articles, unreadable = [], []
    for folder in sorted(p for p in corpus.iterdir() if p.is_dir()):
        for path in sorted(folder.glob("*.txt")):
            try:
                text = decode_bytes(path.read_bytes(), source=str(path))
            except ValueError:
                unreadable.append(path)
                continue
            articles.append((f"{folder.name}-{path.stem}", text))
    return articles, unreadable


def bbc(corpus: Path, build_seconds: float | None) -> None:
    if not corpus.is_dir():
        print(f"BBC: skipped, no corpus at {corpus} (set NEWS_SHARED_DIR or pass --corpus)")
        return
    articles, unreadable = bbc_articles(corpus)
    start = time.perf_counter()
    index = ReuseIndex()
    refused = sum(index.add(article_id, text) is not None for article_id, text in articles)
    pairs = index.pairs()
    seconds = time.perf_counter() - start
    rel = relation_counts(pairs)
    print(f"BBC corpus: {corpus}")
    names = ", ".join(f"{path.parent.name}/{path.name}" for path in unreadable)
    skipped = f" ({len(unreadable)} not valid UTF-8, skipped: {names})" if unreadable else ""
    rows = [
        ("articles", f"{len(articles):,}{skipped}"),
        ("words", f"{sum(len(text.split()) for _, text in articles):,}"),
        ("refused by add", f"{refused:,}"),
        ("pairs", f"{len(pairs):,}"),
        *((f"  {relation}", f"{rel[relation]:,}") for relation in RELATIONS),
        ("seconds (add all + pairs)", f"{seconds:.2f}"),
        ("peak RSS (process)", f"{peak_rss_mb():.0f} MB"),
    ]
    if build_seconds:
        rows.append((f"share of a {build_seconds:g} s build", f"{seconds / build_seconds:.2%}"))
    for name, value in rows:
        print(f"{name:28} {value}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(SHARED_DIR / "corpora" / "bbc"))
    parser.add_argument("--bbc", action="store_true", help="the BBC corpus (the default when no synthetic size is given)")
    parser.add_argument("--build-seconds", type=float, help="seconds of a full build, to print the reuse step as a share of it")
    parser.add_argument("--synthetic", type=int, metavar="N", help="one synthetic corpus of N articles")
    parser.add_argument("--sizes", type=int, nargs="+", metavar="N", help="synthetic corpora of these sizes, one row each")
    parser.add_argument("--timeout", type=float, help="stop a synthetic size after this many seconds")
    parser.add_argument("--child-synthetic", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child_synthetic is not None:
        return synthetic_child(args.child_synthetic)
    sizes = ([args.synthetic] if args.synthetic else []) + (args.sizes or [])
    if args.bbc or not sizes:
        bbc(Path(args.corpus), args.build_seconds)
    if sizes:
        if args.bbc or not sizes:
            print()
        synthetic(sizes, args.timeout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
