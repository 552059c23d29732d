"""The BBC corpus's own duplicates, as the reuse step finds them, checked against the texts.

Every ``copy`` pair of ``../shared/corpora/bbc`` is classed by a check that does not use the
shingles: ``identical`` (the same text once whitespace is collapsed), ``near`` (containment of at
least 0.9 and not identical: a word or a sentence changed), ``version`` (0.6 to 0.9: a rewritten
update of one report) or ``overlap`` (under 0.6: distinct reports that reuse background paragraphs,
which the copy rule still joins). ``--write`` saves the list (ids only, no text) to
``tests/data/bbc_duplicates.csv``, which a test holds the build to.

    .venv/bin/python benchmarks/bbc_duplicates.py [--write]
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

from analysis.config import PROJ_ROOT, SHARED_DIR
from analysis.corpus.reuse import reuse_pairs

BBC = SHARED_DIR / "corpora" / "bbc"
LIST = PROJ_ROOT / "tests" / "data" / "bbc_duplicates.csv"
NEAR, VERSION = 0.9, 0.6


def classify(root: Path = BBC) -> list[dict]:
    """One row per ``copy`` pair of the corpus: ids (``<category>/<stem>``), containment and class."""
    texts = {
        p.relative_to(root).with_suffix("").as_posix(): p.read_text(encoding="utf-8", errors="replace")
        for p in sorted(root.glob("*/*.txt"))
    }
    pairs = reuse_pairs(texts)
    rows = []
    for r in pairs[pairs["relation"] == "copy"].itertuples(index=False):
        same = " ".join(texts[r.article_a].split()) == " ".join(texts[r.article_b].split())
        kind = "identical" if same else "near" if r.containment >= NEAR else "version" if r.containment >= VERSION else "overlap"
        rows.append({"article_a": r.article_a, "article_b": r.article_b, "containment": r.containment, "class": kind})
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help=f"save the list to {LIST.relative_to(PROJ_ROOT)}")
    args = parser.parse_args()
    if not BBC.is_dir():
        print(f"BBC corpus not found at {BBC}: nothing to check", file=sys.stderr)
        return 0
    rows = classify()
    counts = Counter(r["class"] for r in rows)
    print(f"{'class':<10} {'pairs':>6}")
    for kind in ("identical", "near", "version", "overlap"):
        print(f"{kind:<10} {counts[kind]:>6}")
    print(f"{'all copy':<10} {len(rows):>6}")
    if args.write:
        with open(LIST, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=["article_a", "article_b", "containment", "class"], lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        print(f"wrote {LIST.relative_to(PROJ_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
