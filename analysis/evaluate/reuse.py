"""Score story groups of republished copy against gold clusters: ``python -m analysis evaluate-reuse``.

Gold (JSON): ``clusters`` (each with ``members``: article ids that are one text republished),
``singletons`` (articles that copy nothing) and ``shared_quote_pairs`` (pairs that only quote the
same words). A predicted pair is two articles with the same ``articles.story_id``; it is right when
both are members of one gold cluster. Articles in the prediction that gold does not name are left
out of the scores (and counted).

    >>> gold = {"clusters": [{"members": ["a", "b", "c"]}], "singletons": ["d"], "shared_quote_pairs": [["c", "d"]]}
    >>> stories = {"a": "a", "b": "a", "c": "c", "d": "c"}
    >>> s = reuse_scores(gold, stories)
    >>> (s["precision"], s["recall"], s["shared_quote_as_copy"])
    (0.5, 0.3333, 1)
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

__all__ = ["main", "reuse_scores"]


def _pairs(groups: Mapping[str, str], ids: set[str]) -> set[tuple[str, str]]:
    members: dict[str, list[str]] = {}
    for article_id in sorted(ids):
        members.setdefault(groups[article_id], []).append(article_id)
    return {pair for group in members.values() for pair in itertools.combinations(group, 2)}


def reuse_scores(gold: Mapping, stories: Mapping[str, str]) -> dict:
    """Pair precision, recall and F1 of same-story pairs, and shared-quote pairs called copies.

    ``stories`` maps article id -> story id (``articles.story_id``).

    Example:
        >>> reuse_scores({"clusters": [{"members": ["a", "b"]}]}, {"a": "a", "b": "a"})["f1"]
        1.0
    """
    clusters = [sorted(map(str, c["members"])) for c in gold.get("clusters", [])]
    named = {a for c in clusters for a in c} | {str(a) for a in gold.get("singletons", [])}
    expected = {pair for c in clusters for pair in itertools.combinations(c, 2)}
    known = named & set(stories)
    predicted = _pairs(stories, known)
    right = len(predicted & expected)
    precision = right / len(predicted) if predicted else 1.0
    recall = right / len(expected) if expected else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    quotes = {tuple(sorted(map(str, p))) for p in gold.get("shared_quote_pairs", [])}
    return {
        "articles": len(known),
        "missing": sorted(named - set(stories)),
        "not_in_gold": len(set(stories) - named),
        "gold_pairs": len(expected),
        "predicted_pairs": len(predicted),
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "shared_quote_as_copy": len(predicted & quotes),
        "wrong_pairs": sorted(predicted - expected),
        "missed_pairs": sorted(expected - predicted),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``python -m analysis evaluate-reuse --gold GOLD.json --pred OUT``.

    Example:
        >>> main(["--gold", "missing.json", "--pred", "nowhere"])
        error: no gold file missing.json
        2
    """
    parser = argparse.ArgumentParser(prog="python -m analysis evaluate-reuse", description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", required=True, help="gold clusters (JSON: clusters, singletons, shared_quote_pairs)")
    parser.add_argument("--pred", required=True, help="a built data package folder (its articles.story_id is scored)")
    args = parser.parse_args(argv)
    gold_path = Path(args.gold)
    if not gold_path.is_file():
        print(f"error: no gold file {args.gold}")
        return 2
    try:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
    except (ValueError, OSError) as exc:
        print(f"error: {args.gold} is not readable JSON ({exc})")
        return 2
    from analysis.io.package import load_table

    try:
        articles = load_table("articles", path=args.pred)
    except (OSError, KeyError, ValueError) as exc:
        print(f"error: cannot load the articles table of {args.pred} ({exc})")
        return 2
    stories = dict(zip(articles["article_id"].astype(str), articles["story_id"].astype(str)))
    s = reuse_scores(gold, stories)
    print(f"copy pairs (same story_id) against {args.gold}: {s['articles']} articles scored, {s['not_in_gold']} not in gold")
    print(f"  gold pairs {s['gold_pairs']}, predicted {s['predicted_pairs']}")
    print(f"  precision {s['precision']:.3f}  recall {s['recall']:.3f}  F1 {s['f1']:.3f}")
    print(f"  shared-quote pairs called copies: {s['shared_quote_as_copy']}")
    for a, b in s["wrong_pairs"]:
        print(f"  wrong: {a} ~ {b}")
    for a, b in s["missed_pairs"]:
        print(f"  missed: {a} ~ {b}")
    if s["missing"]:
        print(f"  gold articles not in the package: {', '.join(s['missing'])}", file=sys.stderr)
    return 0
