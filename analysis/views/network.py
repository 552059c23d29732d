"""Views of the ``mentions`` and ``cooccurrence`` tables: which actors appear together, and how strongly.

Plain functions, a table in and a table out, for notebook ``04_actor_cooccurrence`` (its figures
are drawn by :mod:`analysis.plots.network` and :func:`analysis.plots.figures.heatmap`)::

    >>> mentions = pd.DataFrame({"article_id": ["a"] * 4, "sentence_id": [0, 0, 1, 1], "paragraph_id": [0] * 4,
    ...                          "zone": ["body"] * 4, "actor": ["Turkey", "NATO", "Turkey", "Russia"],
    ...                          "is_location": [False] * 4})
    >>> cooc = network_table(mentions)
    >>> strongest_pairs(cooc, measure="n_windows", min_count=1)[["actor_a", "actor_b", "n_windows"]].values.tolist()
    [['NATO', 'Turkey', 1], ['Russia', 'Turkey', 1]]
    >>> top_actors(mentions)[["actor", "n_mentions"]].values.tolist()
    [['Turkey', 2], ['NATO', 1], ['Russia', 1]]

Mentions that are only a place (``is_location``) are left out everywhere, as in
:func:`analysis.corpus.cooccurrence.cooccurrence`. Every ranking breaks ties by name, and every figure
depends on the data only, so the same tables always give the same PNG.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from analysis.corpus.cooccurrence import WINDOW_KEYS, cooccurrence

#: Window types of the ``cooccurrence`` table, smallest first.
WINDOWS: tuple[str, ...] = tuple(WINDOW_KEYS)


#: Columns of ``cooccurrence`` that :func:`strongest_pairs` and :func:`cooccurrence_matrix` can use.
MEASURES: tuple[str, ...] = ("n_windows", "n_articles", "pmi", "npmi", "jaccard")


#: What each window type is called in figure titles (plural).
WINDOW_NOUNS: dict[str, str] = {"sentence": "sentences", "paragraph": "paragraphs", "article": "articles"}


#: Fewest shared windows a pair needs to be ranked by :func:`strongest_pairs`: PMI-like measures give
#: npmi 1 to two actors seen once or twice, always together (chance co-mentions, often one article);
#: a frequency floor of 3 is the usual one for association measures (Evert, *The Statistics of Word
#: Cooccurrences*, 2004).
MIN_PAIR_COUNT = 3


#: The measures of :data:`MEASURES` that are counts (whole numbers).
COUNT_MEASURES: tuple[str, ...] = ("n_windows", "n_articles")


def _zones(zones: Iterable[str] | str) -> tuple[str, ...]:
    """``zones`` as a tuple; a single zone name is accepted too."""
    return (zones,) if isinstance(zones, str) else tuple(zones)


def _kept_mentions(mentions: pd.DataFrame, zones: Iterable[str] | str) -> pd.DataFrame:
    """Mentions of the given zones that have an actor and are not only a place."""
    location = mentions["is_location"].astype("boolean").fillna(False).astype(bool)
    keep = mentions["zone"].isin(_zones(zones)) & ~location & mentions["actor"].notna()
    return mentions[keep]


def network_table(
    mentions: pd.DataFrame,
    *,
    window: str = "sentence",
    zones: Iterable[str] | str = ("body",),
    min_count: int = 1,
) -> pd.DataFrame:
    """Co-occurrence of actors in one window type, recomputed from the ``mentions`` table.

    The stored ``cooccurrence`` table covers the body zone only; recomputing lets the window, the
    zones and the minimum count be chosen freely (captions included, say).

    Args:
        mentions: The ``mentions`` table.
        window: ``sentence``, ``paragraph`` or ``article``.
        zones: Zones whose mentions count (``("body",)``, ``("body", "caption")``); a single name works too.
        min_count: Keep pairs sharing at least this many windows.

    Returns:
        The ``cooccurrence`` columns (``actor_a``, ``actor_b``, ``window``, ``n_windows``,
        ``n_articles``, ``n_a``, ``n_b``, ``n_total``, ``pmi``, ``npmi``, ``jaccard``) for that
        window only, most frequent pairs first (ties by names).

    Raises:
        ValueError: ``window`` is not a window type.

    Example:
        >>> m = pd.DataFrame({"article_id": ["a"] * 3, "sentence_id": [0, 0, 1], "paragraph_id": [0, 0, 0],
        ...                   "zone": ["body", "caption", "body"], "actor": ["Turkey", "NATO", "NATO"],
        ...                   "is_location": [False] * 3})
        >>> len(network_table(m)), len(network_table(m, zones=("body", "caption")))
        (0, 1)
        >>> network_table(m, window="paragraph")[["actor_a", "actor_b", "n_windows"]].values.tolist()
        [['NATO', 'Turkey', 1]]
    """
    if window not in WINDOW_KEYS:
        raise ValueError(f"window must be one of {', '.join(WINDOWS)}; got {window!r}")
    return cooccurrence(mentions, windows=(window,), zones=_zones(zones), min_count=min_count)


def top_actors(
    mentions: pd.DataFrame,
    *,
    zones: Iterable[str] | str = ("body",),
    n: int | None = 15,
    actors: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Actors ranked by their number of mentions in the given zones (places left out).

    Args:
        mentions: The ``mentions`` table.
        zones: Zones whose mentions count; a single name works too.
        n: Keep the first ``n`` actors (``None``: all).
        actors: The ``actors`` table; when given, its ``type`` and ``country`` columns are added.

    Returns:
        Columns ``actor``, ``n_mentions``, ``n_sentences`` (sentences mentioning the actor),
        ``n_articles`` (and ``type``, ``country`` with ``actors``); most mentioned first, ties by name.

    Example:
        >>> m = pd.DataFrame({"article_id": ["a", "a", "a", "b"], "sentence_id": [0, 0, 1, 0], "paragraph_id": [0] * 4,
        ...                   "zone": ["body"] * 4, "actor": ["Turkey", "Turkey", "NATO", "NATO"],
        ...                   "is_location": [False] * 4})
        >>> top_actors(m).values.tolist()
        [['NATO', 2, 2, 2], ['Turkey', 2, 1, 1]]
        >>> top_actors(m, n=1, actors=pd.DataFrame({"actor": ["NATO"], "type": ["organization"], "country": [None]})).values.tolist()
        [['NATO', 2, 2, 2, 'organization', <NA>]]
    """
    kept = _kept_mentions(mentions, zones)
    rows = []
    if not kept.empty:
        actor = kept["actor"].astype(str)
        sentence = kept["article_id"].astype(str) + "\x1f" + kept["sentence_id"].astype(str)
        grouped = pd.DataFrame({"actor": actor, "sentence": sentence, "article": kept["article_id"].astype(str)}).groupby(
            "actor", sort=True
        )
        counts = grouped.agg(
            n_mentions=("sentence", "size"), n_sentences=("sentence", "nunique"), n_articles=("article", "nunique")
        )
        rows = sorted(counts.itertuples(), key=lambda r: (-int(r.n_mentions), str(r.Index)))
        rows = [(r.Index, int(r.n_mentions), int(r.n_sentences), int(r.n_articles)) for r in rows]
    out = pd.DataFrame(rows, columns=["actor", "n_mentions", "n_sentences", "n_articles"])
    if n is not None:
        out = out.head(n)
    out = out.astype({"actor": "string", "n_mentions": "Int64", "n_sentences": "Int64", "n_articles": "Int64"}).reset_index(
        drop=True
    )
    if actors is not None:
        info = actors.drop_duplicates("actor").set_index(actors.drop_duplicates("actor")["actor"].astype(str))
        for column in ("type", "country"):
            values = info[column] if column in info else pd.Series(pd.NA, index=info.index)
            out[column] = out["actor"].astype(str).map(values).astype("string")
    return out


def strongest_pairs(
    cooc: pd.DataFrame, *, measure: str = "npmi", min_count: int = MIN_PAIR_COUNT, n: int | None = 15
) -> pd.DataFrame:
    """The pairs of actors most strongly associated by ``measure``, among those seen often enough.

    PMI-like measures favour rare actors (two actors seen once, together, get ``npmi == 1``), so
    pairs sharing fewer than ``min_count`` windows are dropped before ranking; an empty table
    means no pair is that frequent.

    Args:
        cooc: A ``cooccurrence`` table (e.g. from :func:`network_table`).
        measure: ``npmi`` (default), ``pmi``, ``jaccard``, ``n_windows`` or ``n_articles``.
        min_count: Keep pairs sharing at least this many windows (:data:`MIN_PAIR_COUNT`; 1 ranks every pair).
        n: Keep the first ``n`` pairs (``None``: all).

    Returns:
        The rows of ``cooc`` sorted by ``measure`` (largest first), then ``n_windows`` (largest
        first), then ``actor_a`` and ``actor_b``; the index is reset.

    Raises:
        ValueError: ``measure`` is not one of :data:`MEASURES`.

    Example:
        >>> cooc = pd.DataFrame({"actor_a": ["A", "A", "B"], "actor_b": ["B", "C", "C"], "n_windows": [3, 1, 1],
        ...                      "npmi": [0.5, 1.0, 0.5]})
        >>> strongest_pairs(cooc)[["actor_a", "actor_b"]].values.tolist()
        [['A', 'B']]
        >>> strongest_pairs(cooc, min_count=1)[["actor_a", "actor_b"]].values.tolist()
        [['A', 'C'], ['A', 'B'], ['B', 'C']]
    """
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {', '.join(MEASURES)}; got {measure!r}")
    counts = pd.to_numeric(cooc["n_windows"], errors="coerce").fillna(0)
    kept = cooc[counts >= min_count]
    key = pd.DataFrame(
        {
            "value": pd.to_numeric(kept[measure], errors="coerce").astype(float),
            "count": pd.to_numeric(kept["n_windows"], errors="coerce").astype(float),
            "a": kept["actor_a"].astype(str),
            "b": kept["actor_b"].astype(str),
        },
        index=kept.index,
    )
    order = key.sort_values(
        ["value", "count", "a", "b"], ascending=[False, False, True, True], kind="stable", na_position="last"
    ).index
    out = kept.loc[order].reset_index(drop=True)
    return out if n is None else out.head(n)


def cooccurrence_matrix(
    cooc: pd.DataFrame,
    actors: Sequence[str],
    *,
    value: str = "n_windows",
    self_counts: bool = False,
) -> pd.DataFrame:
    """A square, symmetric table of ``value`` for each pair of ``actors``, ready for a heatmap.

    Pairs that never share a window are 0 for counts (``n_windows``, ``n_articles``) and for
    ``jaccard``, and ``<NA>`` for ``pmi`` and ``npmi`` (undefined without a shared window). The
    diagonal is ``<NA>``; with ``self_counts=True`` and ``value="n_windows"`` it holds the number of
    windows mentioning the actor (``n_a``/``n_b`` of its pairs; ``<NA>`` for an actor without pairs).

    Args:
        cooc: A ``cooccurrence`` table of one window type (e.g. from :func:`network_table`).
        actors: The actors, in the order of the rows and columns (e.g. ``top_actors(...)["actor"]``).
        value: Column of ``cooc`` to fill in (see :data:`MEASURES`).
        self_counts: Fill the diagonal with each actor's own window count (``value="n_windows"`` only).

    Returns:
        A DataFrame indexed and labelled by ``actors`` (``Int64`` for counts, ``Float64`` otherwise).

    Raises:
        ValueError: ``value`` is not one of :data:`MEASURES`, ``actors`` repeats a name, or ``cooc``
            mixes several window types.

    Example:
        >>> cooc = pd.DataFrame({"actor_a": ["NATO"], "actor_b": ["Turkey"], "window": ["sentence"],
        ...                      "n_windows": [2], "n_a": [3], "n_b": [5], "npmi": [0.2]})
        >>> cooccurrence_matrix(cooc, ["Turkey", "NATO", "Russia"]).values.tolist()
        [[<NA>, 2, 0], [2, <NA>, 0], [0, 0, <NA>]]
        >>> cooccurrence_matrix(cooc, ["Turkey", "NATO"], self_counts=True).values.tolist()
        [[5, 2], [2, 3]]
    """
    if value not in MEASURES:
        raise ValueError(f"value must be one of {', '.join(MEASURES)}; got {value!r}")
    labels = [str(a) for a in actors]
    if len(set(labels)) != len(labels):
        raise ValueError("actors must not repeat a name")
    if "window" in cooc and cooc["window"].dropna().nunique() > 1:
        raise ValueError("cooc holds several window types; keep one (cooc[cooc['window'] == 'sentence'])")
    counts = value in COUNT_MEASURES
    fill = 0.0 if counts or value == "jaccard" else np.nan
    grid = pd.DataFrame(fill, index=labels, columns=labels, dtype=float)
    position = set(labels)
    own: dict[str, float] = {}
    for row in cooc.to_dict("records"):
        a, b = str(row["actor_a"]), str(row["actor_b"])
        if self_counts:
            for actor, column in ((a, "n_a"), (b, "n_b")):
                if actor in position and column in row and not pd.isna(row[column]):
                    own[actor] = float(row[column])
        if a in position and b in position and a != b:
            x = np.nan if pd.isna(row[value]) else float(row[value])
            grid.loc[a, b] = grid.loc[b, a] = x
    for actor in labels:
        grid.loc[actor, actor] = own.get(actor, np.nan) if self_counts and value == "n_windows" else np.nan
    grid.index.name = "actor"
    grid.columns.name = "actor"
    return grid.round().astype("Int64") if counts else grid.astype("Float64")
