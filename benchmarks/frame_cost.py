"""What frame inference costs next to the spaCy pass: the frame model and the lexicon on parsed articles.

    .venv/bin/python benchmarks/frame_cost.py                  # 400 BBC articles of ../shared/corpora/bbc
    .venv/bin/python benchmarks/frame_cost.py --n 100 --repeat 5

Parses ``--n`` articles (every topic folder in turn, sorted file names) with the build's pipeline
and times it (``nlp.pipe``, one process); then, over the same parsed articles, times the ``frames``
rows with the lexicon alone (``model=None``) and with the shipped frame model (the default), best
of ``--repeat`` runs each. The target is frame inference (the model's share: frames with the model
minus frames with the lexicon alone) of at most 5% of the spaCy pass. Prints one table.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.config import SHARED_DIR  # noqa: E402
from analysis.extract.context import ArticleContext  # noqa: E402
from analysis.extract.frames import frame_rows  # noqa: E402
from analysis.io.records import RawArticle  # noqa: E402
from analysis.models.frames import load_frame_model  # noqa: E402
from analysis.nlp.pipeline import load_pipeline, parse  # noqa: E402
from analysis.text.zones import split_zones  # noqa: E402

TARGET_SHARE = 0.05


def _articles(corpus: Path, n: int) -> list[RawArticle]:
    """``n`` articles, taken from each topic folder in turn (sorted names), as the build reads them."""
    topics = [sorted(folder.glob("*.txt")) for folder in sorted(p for p in corpus.iterdir() if p.is_dir())]
    out: list[RawArticle] = []
    k = 0
    while len(out) < n and any(k < len(files) for files in topics):
        for files in topics:
            if k < len(files) and len(out) < n:
                try:
                    text = files[k].read_text(encoding="utf-8")
                except UnicodeDecodeError:
                    continue
                out.append(RawArticle(f"{files[k].parent.name}_{files[k].stem}", str(files[k]), text))
        k += 1
    return out


def _best(repeat: int, work) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def cost_arguments(description: str, argv: list[str] | None) -> argparse.Namespace:
    """The options every cost benchmark takes: ``--corpus``, ``--n`` articles, ``--repeat`` runs."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--corpus", default=str(SHARED_DIR / "corpora" / "bbc"))
    parser.add_argument("--n", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=3)
    return parser.parse_args(argv)


def parsed_contexts(corpus: Path, n: int) -> tuple[list[ArticleContext], float] | None:
    """``n`` articles of ``corpus`` parsed in one process, as contexts, and the seconds of the spaCy
    pass; ``None`` (said on standard output) when there is no corpus."""
    if not corpus.is_dir():
        print(f"skipped: no corpus at {corpus} (set NEWS_SHARED_DIR or pass --corpus)")
        return None
    nlp = load_pipeline()
    raws = _articles(corpus, n)
    layouts = [split_zones(raw.text) for raw in raws]
    start = time.perf_counter()
    docs = [parse(raw.text, layout, nlp=nlp) for raw, layout in zip(raws, layouts)]
    spacy_seconds = time.perf_counter() - start
    return [ArticleContext.build(raw, layout, doc) for raw, layout, doc in zip(raws, layouts, docs)], spacy_seconds


def main(argv: list[str] | None = None) -> int:
    args = cost_arguments(__doc__.splitlines()[0], argv)
    model = load_frame_model()
    parsed = parsed_contexts(Path(args.corpus), args.n)
    if parsed is None:
        return 0
    contexts, spacy_seconds = parsed
    lexicon = _best(args.repeat, lambda: [frame_rows(c.doc, c.index, model=None) for c in contexts])
    with_model = _best(args.repeat, lambda: [frame_rows(c.doc, c.index, model=model) for c in contexts])
    words = sum(len(c.doc) for c in contexts)
    rows = [
        ("spaCy pass (parse)", spacy_seconds),
        ("frames, lexicon alone", lexicon),
        ("frames, lexicon and model", with_model),
        ("frame inference (model share)", max(with_model - lexicon, 0.0)),
    ]
    print(f"{len(contexts)} articles, {words:,} tokens")
    print_cost(rows, spacy_seconds, what="frame inference")
    return 0


def print_cost(rows: list[tuple[str, float]], spacy_seconds: float, *, what: str) -> None:
    """Print the steps' seconds and shares of the spaCy pass, and whether the last row (the part
    measured) is within :data:`TARGET_SHARE` of it."""
    print(f"{'step':32} {'seconds':>9} {'of spaCy':>9}")
    for name, seconds in rows:
        print(f"{name:32} {seconds:9.2f} {seconds / spacy_seconds:9.1%}")
    share = rows[-1][1] / spacy_seconds
    print(
        f"target: {what} <= {TARGET_SHARE:.0%} of the spaCy pass: {'met' if share <= TARGET_SHARE else 'not met'} ({share:.1%})"
    )


if __name__ == "__main__":
    raise SystemExit(main())
