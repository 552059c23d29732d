"""Actor co-occurrence: which actors appear together in a sentence, paragraph or article.

>>> import pandas as pd
>>> m = pd.DataFrame({"article_id": ["a"] * 3, "sentence_id": [0, 0, 1], "paragraph_id": [0, 0, 0],
...                   "zone": ["body"] * 3, "actor": ["Turkey", "NATO", "Turkey"], "is_location": [False] * 3})
>>> cooccurrence(m, windows=("sentence",))[["actor_a", "actor_b", "n_windows", "pmi"]].values.tolist()
[['NATO', 'Turkey', 1, 0.0]]
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.io.schema import is_missing

WINDOW_KEYS = {"sentence": ["article_id", "sentence_id"], "paragraph": ["article_id", "paragraph_id"], "article": ["article_id"]}


COLUMNS = ["actor_a", "actor_b", "window", "n_windows", "n_articles", "n_a", "n_b", "n_total", "pmi", "npmi", "jaccard"]


def actor_windows(mentions: pd.DataFrame, *, window: str = "sentence", zones: Iterable[str] = ("body",)) -> pd.Series:
    """The set of actors in each window (locations left out), indexed by the window's key.

    Example:
        >>> m = pd.DataFrame({"article_id": ["a", "a"], "sentence_id": [0, 0], "paragraph_id": [0, 0],
        ...                   "zone": ["body", "caption"], "actor": ["Turkey", "Moscow"], "is_location": [False, False]})
        >>> actor_windows(m).tolist()
        [('Turkey',)]
    """
    sets = _window_sets(_actor_rows(_records(mentions), tuple(zones)), window=window)
    if not sets:
        return pd.Series([], dtype=object)
    keys = WINDOW_KEYS[window]
    index = pd.MultiIndex.from_tuples(list(sets), names=keys) if len(keys) > 1 else pd.Index([k[0] for k in sets], name=keys[0])
    return pd.Series(list(sets.values()), index=index).sort_index()


#: The mentions columns the windows are made of.
_WINDOW_COLUMNS = ("article_id", "sentence_id", "paragraph_id", "zone", "actor", "is_location")


def _records(mentions: pd.DataFrame) -> list[dict]:
    """The rows of the columns windows need, as dicts of plain values (column by column: fast)."""
    columns = {c: mentions[c].to_numpy(dtype=object).tolist() for c in _WINDOW_COLUMNS}
    return [dict(zip(_WINDOW_COLUMNS, values)) for values in zip(*columns.values())]


def _actor_rows(rows: list[dict], zones: tuple[str, ...]) -> list[dict]:
    """Mention rows that count: in one of ``zones``, with an actor, not only a location."""
    return [
        r
        for r in rows
        if isinstance(r["zone"], str) and r["zone"] in zones and not _true(r["is_location"]) and not is_missing(r["actor"])
    ]


def _window_sets(rows: list[dict], *, window: str) -> dict[tuple, tuple[str, ...]]:
    """Sorted actors per window key, from rows kept by :func:`_actor_rows`."""
    keys = WINDOW_KEYS[window]
    grouped: dict[tuple, set] = {}
    for r in rows:
        grouped.setdefault(tuple(r[k] for k in keys), set()).add(r["actor"])
    return {key: tuple(sorted(actors)) for key, actors in grouped.items()}


def _true(value) -> bool:
    return not is_missing(value) and bool(value)


class CooccurrenceCounter:
    """Counts for :func:`cooccurrence`, updated chunk by chunk so a corpus never has to sit in
    memory (each article must arrive whole in one chunk).

    Example:
        >>> m = pd.DataFrame({"article_id": ["a", "a"], "sentence_id": [0, 0], "paragraph_id": [0, 0],
        ...                   "zone": ["body", "body"], "actor": ["NATO", "Turkey"], "is_location": [False, False]})
        >>> counter = CooccurrenceCounter(windows=("sentence",))
        >>> counter.update(m); counter.update(m.assign(article_id="b"))
        >>> counter.table()[["actor_a", "actor_b", "n_windows", "n_articles"]].values.tolist()
        [['NATO', 'Turkey', 2, 2]]
    """

    def __init__(
        self, *, windows: Iterable[str] = ("sentence", "paragraph", "article"), zones: Iterable[str] = ("body",)
    ) -> None:
        self.windows = tuple(windows)
        self.zones = tuple(zones)
        self.totals = {w: 0 for w in self.windows}
        # compact counts (a corpus can hold millions of pairs): actors are numbered in ``names``;
        # a pair (a, b), a < b by name, is the key ``a << 32 | b`` and its value packs
        # ``n_windows << 32 | n_articles``; new pairs gather in a dict that is folded into sorted
        # numpy arrays (16 bytes a pair) once it holds ``PENDING_LIMIT`` pairs
        self.names: list[str] = []
        self._index: dict[str, int] = {}
        self.singles: dict[str, dict[int, int]] = {w: {} for w in self.windows}
        self.pairs: dict[str, dict[int, int]] = {w: {} for w in self.windows}
        self._keys: dict[str, np.ndarray] = {w: np.empty(0, dtype=np.int64) for w in self.windows}
        self._values: dict[str, np.ndarray] = {w: np.empty(0, dtype=np.int64) for w in self.windows}

    #: Pending pairs per window before they are folded into the sorted arrays.
    PENDING_LIMIT = 200_000

    def _fold(self, window: str, keys: np.ndarray | None = None, values: np.ndarray | None = None) -> None:
        """Fold the pending pairs of ``window`` (and ``keys``/``values``, if given) into the arrays."""
        pending = self.pairs[window]
        parts_k, parts_v = [self._keys[window]], [self._values[window]]
        if pending:
            parts_k.append(np.fromiter(pending.keys(), dtype=np.int64, count=len(pending)))
            parts_v.append(np.fromiter(pending.values(), dtype=np.int64, count=len(pending)))
            pending.clear()
        if keys is not None and len(keys):
            parts_k.append(keys)
            parts_v.append(values)
        if len(parts_k) > 1:
            self._keys[window], self._values[window] = _reduce(np.concatenate(parts_k), np.concatenate(parts_v))

    def _id(self, actor: str) -> int:
        index = self._index.get(actor)
        if index is None:
            index = self._index[actor] = len(self.names)
            self.names.append(actor)
        return index

    def update(self, mentions: pd.DataFrame | list[dict]) -> None:
        """Add the windows of a chunk of whole articles (a mentions DataFrame or its row dicts).

        Counted with arrays: each window's actors once, every pair of them (the one first by name
        first) once per window, and once per article for ``n_articles``.
        """
        rows = _actor_rows(_records(mentions) if isinstance(mentions, pd.DataFrame) else mentions, self.zones)
        if not rows:
            return
        ids = np.fromiter((self._id(r["actor"]) for r in rows), dtype=np.int64, count=len(rows))
        articles = pd.factorize(pd.Series([r["article_id"] for r in rows], dtype=object))[0]
        names = np.array(self.names, dtype=object)
        rank = np.empty(len(names), dtype=np.int64)
        rank[np.argsort(names, kind="stable")] = np.arange(len(names))
        for window in self.windows:
            keys = WINDOW_KEYS[window][1:]
            if keys:
                inner = pd.factorize(pd.Series([r[keys[0]] for r in rows], dtype=object))[0]
                codes = articles * (int(inner.max()) + 1) + inner
            else:
                codes = articles
            frame = pd.DataFrame({"w": codes, "a": ids, "art": articles}).drop_duplicates(["w", "a"])
            self.totals[window] += int(frame["w"].nunique())
            singles = self.singles[window]
            counted = frame["a"].value_counts(sort=False)
            for index, count in zip(counted.index.tolist(), counted.tolist()):
                singles[index] = singles.get(index, 0) + count
            both = frame.merge(frame[["w", "a"]], on="w", suffixes=("", "_b"))
            first, second = both["a"].to_numpy(), both["a_b"].to_numpy()
            keep = rank[first] < rank[second]
            pair = first[keep] << 32 | second[keep]
            art = both["art"].to_numpy()[keep]
            if not len(pair):
                continue
            order = np.lexsort((art, pair))
            pair, art = pair[order], art[order]
            starts = np.flatnonzero(np.concatenate(([True], pair[1:] != pair[:-1])))
            pair_keys, n_windows = pair[starts], np.diff(np.append(starts, len(pair)))
            first_in_article = np.concatenate(([True], (pair[1:] != pair[:-1]) | (art[1:] != art[:-1])))
            n_articles = np.add.reduceat(first_in_article.astype(np.int64), starts)
            self._fold(window, pair_keys, n_windows.astype(np.int64) << 32 | n_articles.astype(np.int64))

    def merge(self, other: CooccurrenceCounter) -> None:
        """Add the counts of another counter (of other articles, same windows and zones)."""
        remap = [self._id(name) for name in other.names]
        table = np.array(remap, dtype=np.int64)
        for window in self.windows:
            self.totals[window] += other.totals[window]
            singles = self.singles[window]
            for index, n in other.singles[window].items():
                mine = remap[index]
                singles[mine] = singles.get(mine, 0) + n
            pairs = self.pairs[window]
            for pair, counts in other.pairs[window].items():
                mine = remap[pair >> 32] << 32 | remap[pair & _LOW]
                pairs[mine] = pairs.get(mine, 0) + counts
            theirs = other._keys[window]
            if len(theirs) or len(pairs) >= self.PENDING_LIMIT:
                self._fold(window, table[theirs >> 32] << 32 | table[theirs & _LOW], other._values[window])

    def table(self, *, min_count: int = 1) -> pd.DataFrame:
        """The co-occurrence table of everything counted so far."""
        rank = np.empty(len(self.names), dtype=np.int64)
        rank[sorted(range(len(self.names)), key=self.names.__getitem__)] = np.arange(len(self.names))
        names = np.array(self.names, dtype=object)
        parts = []
        for window in self.windows:
            self._fold(window)
            total, keys, values = self.totals[window], self._keys[window], self._values[window]
            a, b, n, n_articles = keys >> 32, keys & _LOW, values >> 32, values & _LOW
            keep = n >= min_count
            a, b, n, n_articles = a[keep], b[keep], n[keep], n_articles[keep]
            single = np.zeros(len(self.names), dtype=np.int64)
            for index, count in self.singles[window].items():
                single[index] = count
            n_a, n_b = single[a], single[b]
            pmi, npmi, jaccard = _measures(n, n_a, n_b, total)
            order = np.lexsort((rank[b], rank[a], -n))  # count descending, then names
            parts.append(
                pd.DataFrame(
                    {
                        "actor_a": names[a[order]],
                        "actor_b": names[b[order]],
                        "window": window,
                        "n_windows": n[order],
                        "n_articles": n_articles[order],
                        "n_a": n_a[order],
                        "n_b": n_b[order],
                        "n_total": total,
                        "pmi": pmi[order],
                        "npmi": npmi[order],
                        "jaccard": jaccard[order],
                        "_w": list(WINDOW_KEYS).index(window),
                    },
                    columns=[*COLUMNS, "_w"],
                )
            )
        frame = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=[*COLUMNS, "_w"])
        frame = frame.sort_values("_w", kind="stable")
        return (
            frame.drop(columns="_w")
            .reset_index(drop=True)
            .astype(
                {
                    "actor_a": "string",
                    "actor_b": "string",
                    "window": "string",
                    "n_windows": "Int64",
                    "n_articles": "Int64",
                    "n_a": "Int64",
                    "n_b": "Int64",
                    "n_total": "Int64",
                    "pmi": "Float64",
                    "npmi": "Float64",
                    "jaccard": "Float64",
                }
            )
        )


_LOW = (1 << 32) - 1


def _reduce(keys: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted unique keys and the sum of the values of each."""
    if not len(keys):
        return keys, values
    order = np.argsort(keys, kind="stable")
    keys, values = keys[order], values[order]
    starts = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
    return keys[starts], np.add.reduceat(values, starts)


def _measures(n: list[int], n_a: list[int], n_b: list[int], total: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """PMI, normalised PMI and Jaccard per pair, rounded to 4 places.

    Example:
        >>> [x.tolist() for x in _measures([1, 2], [2, 2], [1, 4], 4)]
        [[0.6931, 0.0], [0.5, 0.0], [0.5, 0.5]]
    """
    ab, a, b = (np.asarray(v, dtype=np.float64) for v in (n, n_a, n_b))
    if not len(ab):
        return ab, ab, ab
    p_ab = ab / total
    value = np.log(p_ab / ((a / total) * (b / total)))
    with np.errstate(divide="ignore", invalid="ignore"):
        npmi = np.where(p_ab < 1, value / -np.log(p_ab), 1.0)
    share = ab / (a + b - ab)
    jaccard = np.round(share, 4)
    scaled = share * 10_000
    near_tie = np.flatnonzero(np.abs(scaled - np.floor(scaled) - 0.5) < 1e-6)  # Python's rounding decides a tie
    jaccard[near_tie] = [round(x, 4) for x in share[near_tie].tolist()]
    return np.round(value, 4), np.round(npmi, 4), jaccard


def cooccurrence(
    mentions: pd.DataFrame | list[dict],
    *,
    windows: Iterable[str] = ("sentence", "paragraph", "article"),
    zones: Iterable[str] = ("body",),
    min_count: int = 1,
) -> pd.DataFrame:
    """One row per pair of actors and window type: how many windows hold both, in how many articles,
    with pointwise mutual information (``pmi``, ``npmi``) and ``jaccard`` so that frequent actors
    do not dominate. Pairs are ordered (``actor_a < actor_b``); rows sorted by window, count, names.

    Example:
        >>> m = pd.DataFrame({"article_id": ["a"] * 3, "sentence_id": [0, 0, 1], "paragraph_id": [0, 0, 1],
        ...                   "zone": ["body"] * 3, "actor": ["Russia", "Turkey", "Turkey"], "is_location": [False] * 3})
        >>> cooccurrence(m)[["window", "n_windows", "jaccard"]].values.tolist()
        [['sentence', 1, 0.5], ['paragraph', 1, 0.5], ['article', 1, 1.0]]
    """
    counter = CooccurrenceCounter(windows=windows, zones=zones)
    counter.update(mentions)
    return counter.table(min_count=min_count)


def to_networkx(cooc: pd.DataFrame, actors: pd.DataFrame | None = None, *, window: str = "sentence", weight: str = "n_windows"):
    """A networkx Graph of one window type: nodes are actors (with their ``actors`` row as
    attributes), edges carry the counts and association measures (``weight`` = ``n_windows``).

    Example:
        >>> import pandas as pd
        >>> c = pd.DataFrame({"actor_a": ["NATO"], "actor_b": ["Turkey"], "window": ["sentence"], "n_windows": [2],
        ...                   "n_articles": [1], "pmi": [0.5], "npmi": [0.2], "jaccard": [0.4]})
        >>> g = to_networkx(c)
        >>> g["NATO"]["Turkey"]["weight"]
        2
    """
    import networkx as nx

    graph = nx.Graph()
    if actors is not None:
        for row in actors.to_dict("records"):
            attrs = {k: (None if pd.isna(v) else (bool(v) if isinstance(v, bool) else v)) for k, v in row.items() if k != "actor"}
            graph.add_node(row["actor"], **{k: v for k, v in attrs.items() if v is not None})
    for row in cooc[cooc["window"] == window].to_dict("records"):
        attrs = {
            k: (int(v) if k.startswith("n_") else float(v))
            for k, v in row.items()
            if k.startswith("n_") or k in ("pmi", "npmi", "jaccard")
        }
        graph.add_edge(row["actor_a"], row["actor_b"], weight=int(row[weight]), **attrs)
    return graph


def write_graphml(cooc: pd.DataFrame, path: str | Path, actors: pd.DataFrame | None = None, *, window: str = "sentence") -> Path:
    """Write the co-occurrence network of one window type as GraphML (for Gephi, Cytoscape, igraph).

    Example:
        >>> import pandas as pd, tempfile, pathlib
        >>> c = pd.DataFrame({"actor_a": ["NATO"], "actor_b": ["Turkey"], "window": ["sentence"], "n_windows": [2],
        ...                   "n_articles": [1], "pmi": [0.5], "npmi": [0.2], "jaccard": [0.4]})
        >>> out = write_graphml(c, pathlib.Path(tempfile.gettempdir()) / "net.graphml")
        >>> "Turkey" in out.read_text()
        True
    """
    import networkx as nx

    path = Path(path)
    graph = to_networkx(cooc, actors, window=window)
    nx.write_graphml(graph, path)
    return path
