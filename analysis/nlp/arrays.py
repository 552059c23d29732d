"""Token attributes of a Doc as arrays, and other per-Doc values the tables need, made once per
Doc and kept in its ``user_data``.

Reading ``token.pos_`` makes a ``Token`` object per token; the table functions ask the same few
questions of every token of every article, so they read these arrays instead and make Tokens only
for the few positions that match.

The cache is remade when the Doc's length changes (as after retokenizing). After changing
annotations in place without changing the length (setting ``doc.ents``, say), drop it with
``doc.user_data.pop("analysis.nlp.arrays", None)`` before calling a table function again.

    >>> from analysis.nlp.pipeline import load_pipeline
    >>> doc = load_pipeline()("Turkey, a NATO ally, said no.")
    >>> word_prefix(doc)[len(doc)]  # tokens that are neither punctuation nor space
    6
    >>> [doc[i].text for i in positions(doc, "DEP", "nsubj")]
    ['Turkey']
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

_KEY = "analysis.nlp.arrays"


_LENGTH = object()  # the cache's own entry: the length of the Doc it was made for


T = TypeVar("T")


def memo(doc: Doc, key: Hashable, make: Callable[[], T]) -> T:
    """``make()``, made once per Doc and kept in its cache under ``key`` (made afresh when the
    Doc's length has changed, as after retokenizing). Every per-Doc cache of the table functions
    lives here, so they share one validity rule.

    Example:
        >>> from analysis.nlp.pipeline import load_pipeline
        >>> doc = load_pipeline()("It works.")
        >>> memo(doc, "n_tokens", lambda: len(doc)), memo(doc, "n_tokens", lambda: -1)
        (3, 3)
    """
    cache = doc.user_data.get(_KEY)
    if cache is None or cache.get(_LENGTH) != len(doc):
        cache = doc.user_data[_KEY] = {_LENGTH: len(doc)}
    if key not in cache:
        cache[key] = make()
    return cache[key]


def attribute(doc: Doc, name: str) -> np.ndarray:
    """``doc.to_array(name)`` (a spaCy attribute name such as ``"POS"``), cached on the Doc.

    Example:
        >>> from analysis.nlp.pipeline import load_pipeline
        >>> doc = load_pipeline()("It works.")
        >>> attribute(doc, "IS_PUNCT").tolist()
        [0, 0, 1]
    """
    return memo(doc, name, lambda: doc.to_array(name) if len(doc) else np.zeros(0, dtype=np.uint64))


def positions(doc: Doc, name: str, values: str | Iterable[str]) -> list[int]:
    """Indices of the tokens whose attribute ``name`` is one of ``values`` (labels or strings), in order.

    Example:
        >>> from analysis.nlp.pipeline import load_pipeline
        >>> doc = load_pipeline()("Erdogan met Putin in Ankara.")
        >>> positions(doc, "ENT_TYPE", ["PERSON"])
        [0, 2]
    """
    wanted = (values,) if isinstance(values, str) else tuple(values)

    def find() -> list[int]:
        ids = np.array([get_string_id(v) for v in wanted], dtype=np.uint64)
        return np.flatnonzero(np.isin(attribute(doc, name).astype(np.uint64), ids)).tolist()

    return memo(doc, (name, wanted), find)


def word_prefix(doc: Doc) -> list[int]:
    """Prefix counts of words (tokens that are neither punctuation nor space): the words of
    ``doc[a:b]`` number ``word_prefix(doc)[b] - word_prefix(doc)[a]``.

    Example:
        >>> from analysis.nlp.pipeline import load_pipeline
        >>> doc = load_pipeline()("Yes, it is.")
        >>> word_prefix(doc)
        [0, 1, 1, 2, 3, 3]
    """

    def count() -> list[int]:
        words = (attribute(doc, "IS_PUNCT") == 0) & (attribute(doc, "IS_SPACE") == 0)
        return [0] + np.cumsum(words, dtype=np.int64).tolist()

    return memo(doc, "word_prefix", count)


def values(doc: Doc, name: str) -> list[int]:
    """:func:`attribute` as a list of Python ints (cheaper to index one by one), cached on the Doc.

    Example:
        >>> from analysis.nlp.pipeline import load_pipeline
        >>> doc = load_pipeline()("It works.")
        >>> values(doc, "IS_PUNCT")
        [0, 0, 1]
    """
    return memo(doc, (name, "list"), lambda: attribute(doc, name).tolist())


@dataclass(frozen=True)
class Tree:
    """The dependency tree as token indices: each token's head, its children (in order), the
    first and last token of its subtree and its depth (the number of its ancestors)."""

    head: list[int]
    children: list[list[int]]
    left: list[int]
    right: list[int]
    depth: list[int]


def tree(doc: Doc) -> Tree:
    """The Doc's dependency tree as index lists (:class:`Tree`), cached on the Doc.

    ``left[i]`` and ``right[i]`` are the first and last token of token ``i``'s subtree. They equal
    ``token.left_edge.i`` and ``token.right_edge.i`` except in a rare non-projective sentence,
    where spaCy's edges can stop short of the subtree's far end and these do not.

    Example:
        >>> from analysis.nlp.pipeline import load_pipeline
        >>> doc = load_pipeline()("Turkey bought the Russian system.")
        >>> t = tree(doc)
        >>> t.head[0], t.children[1], (t.left[4], t.right[4]), t.depth[:5]
        (1, [0, 4, 5], (2, 4), [1, 0, 2, 2, 1])
    """

    def make() -> Tree:
        n = len(doc)
        head = (np.arange(n, dtype=np.int64) + attribute(doc, "HEAD").astype(np.int64)).tolist()
        children: list[list[int]] = [[] for _ in range(n)]
        for i, h in enumerate(head):
            if h != i:
                children[h].append(i)
        # heads before their children (breadth first from each root), so one pass back up the
        # order spreads every subtree's extent to its head: linear however deep the tree
        order = [i for i in range(n) if head[i] == i]
        depth = [0] * n
        at = 0
        while at < len(order):
            for child in children[order[at]]:
                depth[child] = depth[order[at]] + 1
                order.append(child)
            at += 1
        left, right = list(range(n)), list(range(n))
        for i in reversed(order):
            h = head[i]
            if h != i:
                left[h] = min(left[h], left[i])
                right[h] = max(right[h], right[i])
        return Tree(head, children, left, right, depth)

    return memo(doc, "tree", make)


def subtree(token: Token) -> list[Token]:
    """``list(token.subtree)``, in the same order, in time linear in the subtree's size (spaCy's
    own generator re-yields each token once per ancestor, which is quadratic on a deep chain).

    Example:
        >>> from analysis.nlp.pipeline import load_pipeline
        >>> doc = load_pipeline()("Turkey bought the Russian system.")
        >>> [t.text for t in subtree(doc[4])] == [t.text for t in doc[4].subtree]
        True
    """
    doc = token.doc
    children = tree(doc).children
    out: list[int] = []
    stack: list[tuple[int, bool]] = [(token.i, False)]
    while stack:  # (token, expanded): an expanded token is emitted between its left and right children
        i, expanded = stack.pop()
        if expanded:
            out.append(i)
            continue
        kids = children[i]
        split = bisect_left(kids, i)
        for child in reversed(kids[split:]):
            stack.append((child, False))
        stack.append((i, True))
        for child in reversed(kids[:split]):
            stack.append((child, False))
    return [doc[i] for i in out]
