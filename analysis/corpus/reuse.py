"""Reused text between the articles of a corpus: republished wire copy, shared background passages,
shared quotations.

Each article's words become shingles (word n-grams, lowercased) twice: over the whole text, and over
the text with its quotations masked, so two independent reports of the same statement do not look
like copies. Candidate pairs come from MinHash LSH over the masked shingles (datasketch's
containment index: a short copy inside a long article is still found); each candidate is then
scored exactly on its shingle sets and its shared runs are aligned into passages with character
spans in both articles.

A pair's ``relation``:

- ``copy``: at least :data:`COPY_CONTAINMENT` of the smaller article's masked shingles are in the
  other (the same text republished, possibly edited, shortened, re-led or with paragraphs added);
- ``shared_passage``: at least :data:`MIN_SHARED` masked shingles in common, under that share
  (a background paragraph reused by different stories);
- ``shared_quote``: fewer masked shingles in common, but at least :data:`MIN_SHARED` once the
  quotations are put back (they quote the same words, nothing else).

    >>> a = "Turkey will buy the missiles, the minister told reporters in Ankara on Tuesday after talks."
    >>> b = "Ankara, Tuesday. Turkey will buy the missiles, the minister told reporters in Ankara on Tuesday after talks."
    >>> reuse_pairs({"a": a, "b": b})[["article_a", "article_b", "relation"]].values.tolist()
    [['a', 'b', 'copy']]
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd

__all__ = ["COPY_CONTAINMENT", "MIN_SHARED", "SHINGLE_WORDS", "reuse_pairs", "story_groups"]

SHINGLE_WORDS = 5
"""Words per shingle: five words in a row are rarely shared by chance, and survive light editing between them."""
COPY_CONTAINMENT = 0.25
"""Share of the smaller article's masked shingles found in the other for the pair to be a copy: under the
least-copied gold pair of reuse_dev (0.29: a re-led copy, half of it new), over its most-shared
independent pair (0.07) and over one background paragraph in a short story (about a fifth)."""
MIN_SHARED = 8
"""Shingles two articles must share for any relation: about a sentence of common text."""
NUM_PERM = 128
"""MinHash permutations: enough for the LSH index to find pairs near the copy threshold."""
LSH_THRESHOLD = 0.1
"""Containment at which the LSH index proposes a pair (under the copy threshold, so shared passages are proposed too)."""

_WORD = re.compile(r"\w+")
_QUOTATION = re.compile(r"[“\"][^”\"\n]{0,3000}[”\"]")

PAIR_COLUMNS = [
    "article_a",
    "article_b",
    "relation",
    "shared_shingles",
    "containment",
    "share_a",
    "share_b",
    "passages",
]


def _words(text: str) -> list[tuple[str, int, int]]:
    """(lowercased word, start, end) of each word of a text."""
    return [(m.group().lower(), m.start(), m.end()) for m in _WORD.finditer(text)]


def _masked(text: str) -> str:
    """The text with every quotation's characters blanked (offsets kept)."""
    return _QUOTATION.sub(lambda m: " " * len(m.group()), text)


def _shingles(words: list[tuple[str, int, int]]) -> dict[tuple[str, ...], list[int]]:
    """Each shingle of a word list with the word positions it starts at."""
    out: dict[tuple[str, ...], list[int]] = {}
    for i in range(len(words) - SHINGLE_WORDS + 1):
        out.setdefault(tuple(w for w, _, _ in words[i : i + SHINGLE_WORDS]), []).append(i)
    return out


def _candidates(masked: Mapping[str, dict]) -> set[tuple[str, str]]:
    """Pairs proposed by MinHash LSH (containment) over the masked shingle sets."""
    from datasketch import MinHash, MinHashLSHEnsemble

    ids = [k for k in sorted(masked) if masked[k]]
    sketches = {}
    for k in ids:
        m = MinHash(num_perm=NUM_PERM, seed=1)
        m.update_batch([" ".join(s).encode("utf-8") for s in sorted(masked[k])])
        sketches[k] = m
    if len(ids) < 2:
        return set()
    index = MinHashLSHEnsemble(threshold=LSH_THRESHOLD, num_perm=NUM_PERM, num_part=8)
    index.index((k, sketches[k], len(masked[k])) for k in ids)
    pairs = set()
    for k in ids:
        for other in index.query(sketches[k], len(masked[k])):
            if other != k:
                pairs.add((min(k, other), max(k, other)))
    return pairs


def _passages(a: list, b: list, shared: set, sa: dict, sb: dict) -> list[tuple[int, int, int, int]]:
    """Aligned passages as (start_a, end_a, start_b, end_b) character spans: maximal runs of shared
    shingles that follow each other in both articles."""
    starts = sorted((sa[s][0], sb[s][0]) for s in shared)
    runs: list[list[int]] = []
    for i, j in starts:
        if runs and i <= runs[-1][1] + 1 and 0 <= j - runs[-1][3] <= SHINGLE_WORDS:
            runs[-1][1], runs[-1][3] = i, j
        else:
            runs.append([i, i, j, j])
    last = SHINGLE_WORDS - 1
    return [(a[i0][1], a[i1 + last][2], b[j0][1], b[j1 + last][2]) for i0, i1, j0, j1 in runs]


def reuse_pairs(texts: Mapping[str, str]) -> pd.DataFrame:
    """One row per pair of articles that share reused text (ids in sorted order within a pair):
    relation, shared masked shingles, containment, the share of each article's shingles shared, and
    the aligned passages (character spans in both texts).

    Example:
        >>> q = "“We will never give up our right to defend our country,” the minister said."
        >>> reuse_pairs({"a": "In Ankara, " + q, "b": "Speaking in Moscow, " + q})["relation"].tolist()
        ['shared_quote']
    """
    words = {k: _words(t) for k, t in texts.items()}
    masked_words = {k: _words(_masked(t)) for k, t in texts.items()}
    full = {k: _shingles(w) for k, w in words.items()}
    masked = {k: _shingles(w) for k, w in masked_words.items()}
    pairs = _candidates(masked) | _quote_candidates(full, masked)
    rows = []
    for a, b in sorted(pairs):
        shared = set(masked[a]) & set(masked[b])
        smaller = min(len(masked[a]), len(masked[b])) or 1
        containment = len(shared) / smaller
        if len(shared) >= MIN_SHARED:
            relation = "copy" if containment >= COPY_CONTAINMENT else "shared_passage"
            passages = _passages(masked_words[a], masked_words[b], shared, masked[a], masked[b])
        elif len(set(full[a]) & set(full[b])) >= MIN_SHARED:
            relation, shared = "shared_quote", set(full[a]) & set(full[b])
            passages = _passages(words[a], words[b], shared, full[a], full[b])
        else:
            continue
        rows.append(
            {
                "article_a": a,
                "article_b": b,
                "relation": relation,
                "shared_shingles": len(shared),
                "containment": round(containment, 4),
                "share_a": round(len(shared) / max(len(masked[a]) or len(full[a]), 1), 4),
                "share_b": round(len(shared) / max(len(masked[b]) or len(full[b]), 1), 4),
                "passages": passages,
            }
        )
    return pd.DataFrame(rows, columns=PAIR_COLUMNS)


def _quote_candidates(full: Mapping[str, dict], masked: Mapping[str, dict]) -> set[tuple[str, str]]:
    """Pairs that share a quoted shingle (an inverted index over the shingles inside quotations only)."""
    owners: dict[tuple[str, ...], list[str]] = {}
    for k in sorted(full):
        for s in set(full[k]) - set(masked[k]):
            owners.setdefault(s, []).append(k)
    pairs = set()
    for ks in owners.values():
        for i, a in enumerate(ks):
            for b in ks[i + 1 :]:
                pairs.add((a, b))
    return pairs


def story_groups(ids: list[str], pairs: pd.DataFrame) -> dict[str, str]:
    """Each article's story: the connected components of its ``copy`` pairs, named by their first id
    in sorted order (an article without copies is its own story).

    Example:
        >>> p = pd.DataFrame({"article_a": ["a", "b"], "article_b": ["b", "c"], "relation": ["copy", "copy"]})
        >>> story_groups(["a", "b", "c", "d"], p)
        {'a': 'a', 'b': 'a', 'c': 'a', 'd': 'd'}
    """
    parent = {k: k for k in ids}

    def root(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for a, b in pairs.loc[pairs["relation"] == "copy", ["article_a", "article_b"]].itertuples(index=False):
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    members: dict[str, list[str]] = {}
    for k in ids:
        members.setdefault(root(k), []).append(k)
    return {k: min(members[root(k)]) for k in sorted(ids)}
