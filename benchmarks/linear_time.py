"""Time per character of one article as it grows: the build should stay linear on any shape of text.

    .venv/bin/python benchmarks/linear_time.py                  # sizes 25,000 / 50,000 / 100,000 / 200,000 characters
    .venv/bin/python benchmarks/linear_time.py --sizes 10000 40000

For each shape (long runs of one character, a reporting verb over and over, quotation marks that
never close, many short lines, one endless sentence, ...) an article of each size is tabulated in
this process (zones, spaCy pass, every table) and timed; the table prints seconds and microseconds
per character. Linear time shows as a flat row; the last column is the ratio of the per-character
time at the largest size to the smallest (about 1 when linear; a quadratic step doubles it with
each doubling of the size).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.extract.tables import article_tables  # noqa: E402
from analysis.io.records import RawArticle  # noqa: E402

SHAPES = {
    "spaces": lambda n: "Head\n\n" + " " * n + " The end.",
    "quotation marks": lambda n: "Head\n\n" + '"' * n,
    "parentheses": lambda n: "Head\n\n" + "(" * n,
    "word and mark": lambda n: "Head\n\n" + "a“" * (n // 2),
    "He said": lambda n: "Head\n\n" + "He said " * (n // 8),
    "open quotes": lambda n: "Head\n\n" + "“We will not step back, he said. " * (n // 33),
    "short lines": lambda n: "Head\n\n" + "a\n" * (n // 2),
    "blank lines": lambda n: "Head\n\n" + "a\n\n" * (n // 3),
    "one sentence": lambda n: "Head\n\nTurkey " + "and NATO " * (n // 9) + "said no.",
    "no spaces": lambda n: "Head\n\n" + "x" * n,
    "news prose": lambda n: (
        "Head\n\n"
        + (
            "Turkish President Recep Tayyip Erdogan said on Tuesday that Turkey would not back down, "
            "according to Anadolu. “We will not step back,” he told reporters in Ankara. "
        )
        * (n // 170)
    ),
}
"""Article shapes, each a function of the length in characters."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[25_000, 50_000, 100_000, 200_000])
    args = parser.parse_args(argv)
    article_tables(RawArticle("warm", "warm.txt", SHAPES["news prose"](2_000)))  # load and warm the pipeline
    header = f"{'shape':<16}" + "".join(f"{n:>14,}" for n in args.sizes) + f"{'ratio':>8}"
    print("seconds (microseconds per character) per article size in characters")
    print(header)
    for name, make in SHAPES.items():
        cells, per_char = [], []
        for n in args.sizes:
            text = make(n)
            started = time.perf_counter()
            article_tables(RawArticle("a", "a.txt", text))
            seconds = time.perf_counter() - started
            per_char.append(seconds / len(text) * 1e6)
            cells.append(f"{seconds:7.2f} ({per_char[-1]:4.1f})")
        print(f"{name:<16}" + "".join(f"{c:>14}" for c in cells) + f"{per_char[-1] / per_char[0]:>8.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
