"""What the quote model costs next to the spaCy pass: the rules alone against rules, candidates and model.

    .venv/bin/python benchmarks/quote_cost.py                  # 400 BBC articles of ../shared/corpora/bbc
    .venv/bin/python benchmarks/quote_cost.py --n 100 --repeat 5

Parses ``--n`` articles (every topic folder in turn, sorted file names, as ``frame_cost.py``) with the
build's pipeline and times it (one process); then, over the same parsed articles, times the
statements of the rules alone (``find_statements``) and the model's whole path (the rules with the
verb candidates, every proposal's features and its confidence), best of ``--repeat`` runs each.
The target is the model's share (the second minus the first) of at most 5% of the spaCy pass.
Prints one table.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.config import SHARED_DIR  # noqa: E402
from analysis.extract.context import ArticleContext  # noqa: E402
from analysis.extract.statements import find_statements  # noqa: E402
from analysis.models.quotes import load_quote_model, statement_features  # noqa: E402
from analysis.nlp.pipeline import load_pipeline, parse  # noqa: E402
from analysis.text.zones import split_zones  # noqa: E402
from benchmarks.frame_cost import _articles, _best, print_cost  # noqa: E402


def _rules(contexts: list[ArticleContext]) -> int:
    return sum(len(find_statements(c.doc, c.layout, text=c.text)) for c in contexts)


def _with_model(contexts: list[ArticleContext]) -> int:
    model = load_quote_model()
    kept = 0
    for c in contexts:
        statements = find_statements(c.doc, c.layout, text=c.text, candidates=True)
        zones = [c.index.rows[c.index.nearest(st.start)]["zone"] if c.index.rows else None for st in statements]
        confidence = model.confidence([statement_features(c.doc, st, zone=z) for st, z in zip(statements, zones)])
        kept += int((confidence >= model.threshold).sum())
    return kept


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(SHARED_DIR / "corpora" / "bbc"))
    parser.add_argument("--n", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"skipped: no corpus at {corpus} (set NEWS_SHARED_DIR or pass --corpus)")
        return 0
    nlp = load_pipeline()
    load_quote_model()
    raws = _articles(corpus, args.n)
    layouts = [split_zones(raw.text) for raw in raws]
    start = time.perf_counter()
    docs = [parse(raw.text, layout, nlp=nlp) for raw, layout in zip(raws, layouts)]
    spacy_seconds = time.perf_counter() - start
    contexts = [ArticleContext.build(raw, layout, doc) for raw, layout, doc in zip(raws, layouts, docs)]
    rules = _best(args.repeat, lambda: _rules(contexts))
    model = _best(args.repeat, lambda: _with_model(contexts))
    rows = [
        ("spaCy pass (parse)", spacy_seconds),
        ("statements, rules alone", rules),
        ("statements, rules and model", model),
        ("quote model (its share)", max(model - rules, 0.0)),
    ]
    print(
        f"{len(raws)} articles, {sum(len(d) for d in docs):,} tokens; {_rules(contexts)} rule statements, {_with_model(contexts)} kept with the model"
    )
    print_cost(rows, spacy_seconds, what="the quote model")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
