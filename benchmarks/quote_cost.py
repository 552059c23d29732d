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

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.extract.context import ArticleContext  # noqa: E402
from analysis.extract.statements import find_statements  # noqa: E402
from analysis.models.quotes import load_quote_model, proposal_features  # noqa: E402
from benchmarks.frame_cost import _best, cost_arguments, parsed_contexts, print_cost  # noqa: E402


def _rules(contexts: list[ArticleContext]) -> int:
    return sum(len(find_statements(c.doc, c.layout, text=c.text)) for c in contexts)


def _with_model(contexts: list[ArticleContext]) -> int:
    model = load_quote_model()
    kept = 0
    for c in contexts:
        statements = find_statements(c.doc, c.layout, text=c.text, candidates=True)
        confidence = model.confidence(proposal_features(c, statements))
        kept += int((confidence >= model.threshold).sum())
    return kept


def main(argv: list[str] | None = None) -> int:
    args = cost_arguments(__doc__.splitlines()[0], argv)
    load_quote_model()
    parsed = parsed_contexts(Path(args.corpus), args.n)
    if parsed is None:
        return 0
    contexts, spacy_seconds = parsed
    rules = _best(args.repeat, lambda: _rules(contexts))
    model = _best(args.repeat, lambda: _with_model(contexts))
    rows = [
        ("spaCy pass (parse)", spacy_seconds),
        ("statements, rules alone", rules),
        ("statements, rules and model", model),
        ("quote model (its share)", max(model - rules, 0.0)),
    ]
    print(
        f"{len(contexts)} articles, {sum(len(c.doc) for c in contexts):,} tokens; {_rules(contexts)} rule statements, {_with_model(contexts)} kept with the model"
    )
    print_cost(rows, spacy_seconds, what="the quote model")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
