"""Token attributes of a Doc as arrays, made once per Doc and kept in its ``user_data``.

Reading ``token.pos_`` makes a ``Token`` object per token; the table functions ask the same few
questions of every token of every article, so they read these arrays instead and make Tokens only
for the few positions that match.

The cache is remade when the Doc's length changes (as after retokenizing). After changing
annotations in place without changing the length (setting ``doc.ents``, say), drop it with
``doc.user_data.pop("analysis.arrays", None)`` before calling a table function again.

    >>> from analysis.nlp import load_pipeline
    >>> doc = load_pipeline()("Turkey, a NATO ally, said no.")
    >>> word_prefix(doc)[len(doc)]  # tokens that are neither punctuation nor space
    6
    >>> [doc[i].text for i in positions(doc, "DEP", "nsubj")]
    ['Turkey']
"""
from __future__ import annotations

from typing import Iterable

import numpy as np
from spacy.strings import get_string_id
from spacy.tokens import Doc

_KEY = "analysis.arrays"


def attribute(doc: Doc, name: str) -> np.ndarray:
    """``doc.to_array(name)`` (a spaCy attribute name such as ``"POS"``), cached on the Doc.

    Example:
        >>> from analysis.nlp import load_pipeline
        >>> doc = load_pipeline()("It works.")
        >>> attribute(doc, "IS_PUNCT").tolist()
        [0, 0, 1]
    """
    cache = _cache(doc)
    values = cache.get(name)
    if values is None:
        values = doc.to_array(name) if len(doc) else np.zeros(0, dtype=np.uint64)
        cache[name] = values
    return values


def positions(doc: Doc, name: str, values: str | Iterable[str]) -> list[int]:
    """Indices of the tokens whose attribute ``name`` is one of ``values`` (labels or strings), in order.

    Example:
        >>> from analysis.nlp import load_pipeline
        >>> doc = load_pipeline()("Erdogan met Putin in Ankara.")
        >>> positions(doc, "ENT_TYPE", ["PERSON"])
        [0, 2]
    """
    wanted = (values,) if isinstance(values, str) else tuple(values)
    key = (name, wanted)
    found = _cache(doc).get(key)
    if found is None:
        ids = np.array([get_string_id(v) for v in wanted], dtype=np.uint64)
        found = np.flatnonzero(np.isin(attribute(doc, name).astype(np.uint64), ids)).tolist()
        _cache(doc)[key] = found
    return found


def word_prefix(doc: Doc) -> list[int]:
    """Prefix counts of words (tokens that are neither punctuation nor space): the words of
    ``doc[a:b]`` number ``word_prefix(doc)[b] - word_prefix(doc)[a]``.

    Example:
        >>> from analysis.nlp import load_pipeline
        >>> doc = load_pipeline()("Yes, it is.")
        >>> word_prefix(doc)
        [0, 1, 1, 2, 3, 3]
    """
    cache = _cache(doc)
    prefix = cache.get("word_prefix")
    if prefix is None:
        words = (attribute(doc, "IS_PUNCT") == 0) & (attribute(doc, "IS_SPACE") == 0)
        prefix = cache["word_prefix"] = [0] + np.cumsum(words, dtype=np.int64).tolist()
    return prefix


def _cache(doc: Doc) -> dict:
    """The Doc's array cache (made afresh when the Doc's length changed, as after retokenizing)."""
    cache = doc.user_data.get(_KEY)
    if cache is None or cache.get("n") != len(doc):
        cache = doc.user_data[_KEY] = {"n": len(doc)}
    return cache
