"""Reused text between the articles of a corpus: republished wire copy, shared background passages,
shared quotations.

Each article's words become shingles (word n-grams, lowercased, hashed to 64 bits) twice: over the
whole text, and over the text with its quotations masked, so two independent reports of the same
statement do not look like copies. Candidate pairs come from MinHash LSH over the masked shingles
(datasketch's containment index: a short copy inside a long article is still found) and from an
inverted index of the quoted shingles; each candidate is then scored exactly on its shingle sets,
and its shared runs are aligned into passages with character spans in both articles (the runs of
shingles that follow each other in both texts, in the manner of passim's local alignment).

A pair's ``relation``:

- ``copy``: at least :data:`COPY_CONTAINMENT` of the smaller article's masked shingles are in the
  other (the same text republished, possibly edited, shortened, re-led or with paragraphs added);
- ``shared_passage``: at least :data:`MIN_SHARED` masked shingles in common, under that share
  (a background paragraph reused by different stories);
- ``shared_quote``: fewer masked shingles in common, but at least :data:`MIN_SHARED` once the
  quotations are put back (they quote the same words, nothing else).

Memory holds a few arrays per article (shingle hashes and word offsets, about 40 bytes a word), one
MinHash per article and the LSH index (about 30 KB per article), never the texts: it grows linearly
with the corpus (100,000 short articles: 3.2 GB peak, ``benchmarks/reuse_cost.py``).

    >>> a = "Turkey will buy the missiles, the minister told reporters in Ankara on Tuesday after talks."
    >>> b = "Ankara, Tuesday. Turkey will buy the missiles, the minister told reporters in Ankara on Tuesday after talks."
    >>> reuse_pairs({"a": a, "b": b})[["article_a", "article_b", "relation"]].values.tolist()
    [['a', 'b', 'copy']]
"""

from __future__ import annotations

import gc
import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = [
    "COPY_CONTAINMENT",
    "MIN_SHARED",
    "SHINGLE_WORDS",
    "ReuseIndex",
    "reuse_pairs",
    "story_groups",
]

SHINGLE_WORDS = 5
"""Words per shingle: five words in a row are rarely shared by chance, and survive light editing between them."""
COPY_CONTAINMENT = 0.25
"""Share of the smaller article's masked shingles found in the other for the pair to be a copy: under the
least-copied gold pair of reuse_dev (0.29: a re-led copy, half of it new), over its most-shared
independent pair (0.07) and over one background paragraph in a short story (about a fifth)."""
MIN_SHARED = 8
"""Shingles two articles must share for any relation: about a sentence of common text."""
NUM_PERM = 64
"""MinHash permutations: enough for the LSH index to find pairs near the copy threshold (reuse_dev, the
BBC duplicates and planted synthetic copies all found), and half the index memory of 128."""
LSH_THRESHOLD = 0.1
"""Containment at which the LSH index proposes a pair (under the copy threshold, so shared passages are proposed too)."""
LSH_PARTITIONS = 8
"""Size partitions of the containment index: articles of very different lengths are still compared fairly."""
MAX_QUOTE_OWNERS = 200
"""A quoted shingle found in more articles than this is a slogan or boilerplate, not evidence that two articles quote each other."""

_WORD = re.compile(r"\w+")
_QUOTATION = re.compile(r"[“\"][^”\"\n]{0,3000}[”\"]")
_MIX = np.uint64(0x9E3779B97F4A7C15)  # odd 64-bit multiplier: mixes word hashes in order

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


@dataclass
class _Shingles:
    """One text's shingles: the hash at each word position, the sorted distinct hashes with the
    first position of each, and the character span of each word."""

    hashes: np.ndarray
    unique: np.ndarray
    first: np.ndarray
    starts: np.ndarray
    ends: np.ndarray

    @property
    def n_words(self) -> int:
        return len(self.starts)


class ReuseIndex:
    """Articles added one by one, then every pair that shares reused text (``copy_containment``:
    the copy threshold, :data:`COPY_CONTAINMENT` by default).

    Example:
        >>> index = ReuseIndex()
        >>> text = "Turkey will buy the missiles, the minister told reporters in Ankara on Tuesday after the talks."
        >>> index.add("a", text), index.add("b", "Ankara (AFP) - " + text), index.add("c", "Too short.")
        (None, None, 'too short to compare with other articles (fewer than 5 words)')
        >>> index.pairs()["relation"].tolist()
        ['copy']
    """

    def __init__(self, *, copy_containment: float = COPY_CONTAINMENT) -> None:
        if not 0.0 < copy_containment <= 1.0:
            raise ValueError(f"copy_containment must lie in (0, 1], not {copy_containment}")
        self.copy_containment = copy_containment
        self._vocabulary: dict[str, int] = {}
        self._masked: dict[str, _Shingles] = {}
        self._full: dict[str, _Shingles] = {}  # only for articles with quotations

    def add(self, article_id: str, text: str) -> str | None:
        """Add one article; returns why it cannot be compared (too short, nothing left once its
        quotations are masked), or ``None``."""
        matches = list(_WORD.finditer(text))
        if len(matches) < SHINGLE_WORDS:
            return f"too short to compare with other articles (fewer than {SHINGLE_WORDS} words)"
        vocabulary = self._vocabulary
        lowered = [m.group().lower() for m in matches]
        words = np.array([vocabulary[w] if w in vocabulary else self._word_hash(w) for w in lowered], dtype=np.uint64)
        spans = np.array([m.span() for m in matches], dtype=np.int64)
        full = _shingles(words, spans[:, 0], spans[:, 1])
        quoted = np.zeros(len(words), dtype=bool)
        for quotation in _QUOTATION.finditer(text):  # a word is inside a quotation or outside it, never across
            quoted |= (spans[:, 0] >= quotation.start()) & (spans[:, 0] < quotation.end())
        masked = full if not quoted.any() else _shingles(words[~quoted], spans[~quoted, 0], spans[~quoted, 1])
        self._masked[article_id] = masked
        if masked is not full:
            self._full[article_id] = full
        if masked.n_words < SHINGLE_WORDS:
            return "no text left to compare once its quotations are masked (only quotations are compared)"
        return None

    def covered_share(self, article_id: str, spans: Iterable[tuple[int, int]]) -> float:
        """Share of an added article's words (outside quotations) that lie inside the character ``spans``.

        Example:
            >>> index = ReuseIndex()
            >>> index.add("a", "one two three four five six seven eight")
            >>> index.covered_share("a", [(0, 13)])
            0.375
        """
        shingles = self._masked.get(article_id)
        if shingles is None or not shingles.n_words:
            return 0.0
        inside = np.zeros(shingles.n_words, dtype=bool)
        for start, end in spans:
            inside |= (shingles.starts >= start) & (shingles.ends <= end)
        return round(float(inside.mean()), 4)

    def _word_hash(self, word: str) -> int:
        value = self._vocabulary.get(word)
        if value is None:
            value = int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")
            self._vocabulary[word] = value
        return value

    def pairs(self) -> pd.DataFrame:
        """One row per pair of articles that share reused text (ids in sorted order within a pair,
        pairs sorted): relation, shared shingles, containment, the share of each article's words
        covered by the shared passages, and the passages as (start_a, end_a, start_b, end_b)."""
        candidates = self._lsh_candidates() | self._quote_candidates()
        rows = [row for a, b in sorted(candidates) if (row := self._score(a, b)) is not None]
        return pd.DataFrame(rows, columns=PAIR_COLUMNS)

    def _lsh_candidates(self) -> set[tuple[str, str]]:
        collecting = gc.isenabled()
        gc.disable()  # the index is millions of small objects that live until the end: scanning them again and again is wasted time
        try:
            return self._lsh_pairs()
        finally:
            if collecting:
                gc.enable()

    def _lsh_pairs(self) -> set[tuple[str, str]]:
        from datasketch import MinHash, MinHashLSHEnsemble

        ids = [k for k in sorted(self._masked) if len(self._masked[k].unique)]
        if len(ids) < 2:
            return set()
        sketches = {}
        for k in ids:
            sketch = MinHash(num_perm=NUM_PERM, seed=1, hashfunc=int)
            sketch.update_batch((self._masked[k].unique >> np.uint64(32)).tolist())  # 32-bit values, as MinHash expects
            sketches[k] = sketch
        index = MinHashLSHEnsemble(threshold=LSH_THRESHOLD, num_perm=NUM_PERM, num_part=LSH_PARTITIONS)
        index.index((k, sketches[k], len(self._masked[k].unique)) for k in ids)
        pairs = set()
        for k in ids:
            for other in index.query(sketches[k], len(self._masked[k].unique)):
                if other != k:
                    pairs.add((min(k, other), max(k, other)))
        return pairs

    def _quote_candidates(self) -> set[tuple[str, str]]:
        """Pairs that share a quoted shingle (an inverted index over the shingles inside quotations only)."""
        owners: dict[int, list[str]] = {}
        for k in sorted(self._full):
            quoted = np.setdiff1d(self._full[k].unique, self._masked[k].unique, assume_unique=True)
            for value in quoted.tolist():
                owners.setdefault(value, []).append(k)
        pairs = set()
        for ks in owners.values():
            if len(ks) > MAX_QUOTE_OWNERS:
                continue
            for i, a in enumerate(ks):
                for b in ks[i + 1 :]:
                    pairs.add((a, b))
        return pairs

    def _score(self, a: str, b: str) -> dict | None:
        ma, mb = self._masked[a], self._masked[b]
        shared = np.intersect1d(ma.unique, mb.unique, assume_unique=True)
        smaller = min(len(ma.unique), len(mb.unique)) or 1
        containment = len(shared) / smaller
        if len(shared) >= MIN_SHARED:
            relation = "copy" if containment >= self.copy_containment else "shared_passage"
            sa, sb = ma, mb
        else:
            sa, sb = self._full.get(a, ma), self._full.get(b, mb)
            shared = np.intersect1d(sa.unique, sb.unique, assume_unique=True)
            if len(shared) < MIN_SHARED:
                return None
            relation = "shared_quote"
        runs = _runs(sa, sb, shared)
        return {
            "article_a": a,
            "article_b": b,
            "relation": relation,
            "shared_shingles": int(len(shared)),
            "containment": round(containment, 4),
            "share_a": _covered(runs, sa, side=0),
            "share_b": _covered(runs, sb, side=1),
            "passages": [(int(sa.starts[i0]), int(sa.ends[i1]), int(sb.starts[j0]), int(sb.ends[j1])) for i0, i1, j0, j1 in runs],
        }


def _shingles(words: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> _Shingles:
    """The shingles of a text's word hashes (in order) and the words' character spans."""
    n = max(len(words) - SHINGLE_WORDS + 1, 0)
    hashes = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for offset in range(SHINGLE_WORDS):
            hashes = hashes * _MIX + words[offset : offset + n]
    unique, first = np.unique(hashes, return_index=True)
    return _Shingles(hashes, unique, first.astype(np.int64), starts, ends)


def _runs(sa: _Shingles, sb: _Shingles, shared: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Aligned passages as word ranges (first_a, last_a, first_b, last_b), last words included:
    maximal runs of shared shingles that follow each other in both articles."""
    at_a = sa.first[np.searchsorted(sa.unique, shared)]
    at_b = sb.first[np.searchsorted(sb.unique, shared)]
    order = np.lexsort((at_b, at_a))
    runs: list[list[int]] = []
    for i, j in zip(at_a[order].tolist(), at_b[order].tolist()):
        if runs and i <= runs[-1][1] + 1 and 0 <= j - runs[-1][3] <= SHINGLE_WORDS:
            runs[-1][1], runs[-1][3] = i, j
        else:
            runs.append([i, i, j, j])
    last = SHINGLE_WORDS - 1
    return [(i0, i1 + last, j0, j1 + last) for i0, i1, j0, j1 in runs]


def _covered(runs: list[tuple[int, int, int, int]], shingles: _Shingles, *, side: int) -> float:
    """Share of a text's words inside the passages on one side of a pair."""
    covered = np.zeros(shingles.n_words, dtype=bool)
    for run in runs:
        covered[run[2 * side] : run[2 * side + 1] + 1] = True
    return round(float(covered.mean()), 4) if shingles.n_words else 0.0


def reuse_pairs(texts: Mapping[str, str] | Iterable[tuple[str, str]]) -> pd.DataFrame:
    """One row per pair of articles that share reused text (see :meth:`ReuseIndex.pairs`), from
    article id -> text (a mapping or (id, text) pairs).

    Example:
        >>> q = "“We will never give up our right to defend our country,” the minister said."
        >>> reuse_pairs({"a": "In Ankara, " + q, "b": "Speaking in Moscow, " + q})["relation"].tolist()
        ['shared_quote']
    """
    index = ReuseIndex()
    for article_id, text in texts.items() if isinstance(texts, Mapping) else texts:
        index.add(article_id, text)
    return index.pairs()


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
