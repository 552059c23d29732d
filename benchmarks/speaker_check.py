"""A hand check of who said it: random quotes of BBC politics articles against the text.

    .venv/bin/python benchmarks/speaker_check.py sample --n 40 --seed 15 > sample.txt   # what to label
    .venv/bin/python benchmarks/speaker_check.py score                                     # labels vs the build

``sample`` builds ``../shared/corpora/bbc/politics``, draws ``--n`` statements at random (``--seed``)
and prints, for each, its key (corpus file, content offsets) and the article text around it, but
not the toolkit's answer: the coder reads the text and writes the speaker the article means, as
one canonical name, with its kind (person, organisation, government, country, media, document,
anonymous, unresolved), into ``tests/data/speaker_check_bbc_politics.csv`` (offsets and names only;
no article text). ``score`` builds the labelled articles and prints each statement's label next to
the build's ``speaker_actor``, then the count of right speakers and of anonymous sources given to
a named person (the targets: at least 36 of 40 right, none).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.build.run import build_tables  # noqa: E402
from analysis.config import PROJ_ROOT, SHARED_DIR  # noqa: E402
from analysis.evaluate.speakers import normalise_name  # noqa: E402

CORPORA = SHARED_DIR / "corpora"
POLITICS = CORPORA / "bbc" / "politics"
LABELS = PROJ_ROOT / "tests" / "data" / "speaker_check_bbc_politics.csv"
#: Characters of article text shown before a sampled statement: enough to find who "he" is.
BEFORE = 700


def _build(files: list[Path]) -> pd.DataFrame:
    """The quotes of ``files`` (built together as one corpus), with their corpus file."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for file in files:
            (folder / file.name).symlink_to(file.resolve())
        tables, _, _ = build_tables([folder], progress=False)
    quotes = tables["quotes"]
    quotes["corpus_file"] = [f"bbc/politics/{article}.txt" for article in quotes["article_id"]]
    return quotes


def sample(n: int, seed: int) -> None:
    quotes = _build(sorted(POLITICS.glob("*.txt")))
    rows = random.Random(seed).sample(range(len(quotes)), n)
    for number, row in enumerate(sorted(rows), 1):
        q = quotes.iloc[row]
        text = (CORPORA / q["corpus_file"]).read_text(encoding="utf-8", errors="replace")
        start, end = int(q["start_char"]), int(q["end_char"])
        print(f"### {number}  {q['corpus_file']},{start},{end}")
        print(text[max(0, start - BEFORE) : start] + "[[" + text[start:end] + "]]" + text[end : end + 200])
        print()


def score() -> int:
    labels = pd.read_csv(LABELS)
    files = sorted({CORPORA / f for f in labels["corpus_file"]})
    # the labelled articles are built with the whole politics folder, as the sample was
    quotes = _build(sorted(POLITICS.glob("*.txt")))
    found = quotes.set_index(["corpus_file", "start_char", "end_char"])
    right = anonymous_named = missing = 0
    people = set(labels.loc[labels["kind"] == "person", "canonical"].map(normalise_name))
    for row in labels.itertuples():
        key = (row.corpus_file, row.content_start, row.content_end)
        actor = found.loc[key, "speaker_actor"] if key in found.index else None
        actor = actor.iloc[0] if isinstance(actor, pd.Series) else actor
        if key not in found.index:
            missing += 1
        ok = row.kind != "unresolved" and normalise_name(actor) == normalise_name(row.canonical)
        ok |= row.kind == "unresolved" and (actor is None or pd.isna(actor))
        right += ok
        named = normalise_name(actor) in people or (isinstance(actor, str) and len(actor.split()) >= 2 and actor[:1].isupper())
        anonymous_named += row.kind == "anonymous" and named and not ok
        print(f"{'ok ' if ok else 'BAD'} {row.corpus_file},{row.content_start}: {row.canonical} ({row.kind}) <- {actor}")
    print(
        f"{right} of {len(labels)} right speakers; {anonymous_named} anonymous sources given to a named person;"
        f" {missing} statements no longer found; {len(files)} articles"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("sample")
    s.add_argument("--n", type=int, default=40)
    s.add_argument("--seed", type=int, default=15)
    sub.add_parser("score")
    args = parser.parse_args(argv)
    if not POLITICS.is_dir():
        print(f"skipped: no BBC politics articles at {POLITICS} (set NEWS_SHARED_DIR)")
        return 0
    if args.command == "sample":
        sample(args.n, args.seed)
        return 0
    return score()


if __name__ == "__main__":
    raise SystemExit(main())
