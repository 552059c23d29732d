"""Story groups of republished text: the ``reuse`` and ``reuse_passages`` tables and each article's
``story_id``, origin guess and ``copy_share``.

The corpus step adds every article's text to a :class:`analysis.corpus.reuse.ReuseIndex` (reading
the ``articles`` table in chunks), scores the candidate pairs, and groups the articles joined by
``copy`` pairs. Within a group the members are ranked by :func:`origin_rank`: an article that
credits a wire agency first, then the earliest date, then the fullest text (most words), then the
id. The first is the group's origin guess and names the story (``story_id`` is its article id);
``copy_share`` is the share of a member's words (outside quotations) found in the passages it
shares with members ranked before it, so the origin has 0 and a verbatim copy has about 1.

    >>> from analysis.corpus.reuse import ReuseIndex
    >>> wire = "Turkey will buy the missiles, the minister told reporters in Ankara on Tuesday after the talks."
    >>> index = ReuseIndex()
    >>> for k, t in [("a", "Ankara (AFP) - " + wire), ("b", wire), ("c", "Something else entirely happened in Paris today.")]:
    ...     _ = index.add(k, t)
    >>> meta = pd.DataFrame({"article_id": ["a", "b", "c"], "agency": ["AFP", None, None],
    ...                      "date": [None, "2019-06-04", None], "n_words": [18, 15, 8], "outlet": [None, "Daily", None]})
    >>> story_rows(meta, index.pairs(), index)[["article_id", "story_id", "story_size", "story_origin", "copy_share"]].values.tolist()
    [['a', 'a', 2, 'AFP', 0.0], ['b', 'a', 2, 'AFP', 1.0], ['c', 'c', 1, <NA>, 0.0]]
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

from analysis.corpus.reuse import ReuseIndex, story_groups
from analysis.io.schema import frame_from_rows, is_missing

__all__ = ["STORY_COLUMNS", "origin_rank", "reuse_tables", "story_rows"]

#: The ``articles`` columns the corpus step fills.
STORY_COLUMNS = ("story_id", "story_size", "story_origin", "copy_share")

#: The ``articles`` columns the origin guess reads.
ORIGIN_EVIDENCE = ("article_id", "agency", "date", "n_words", "outlet")


def origin_rank(row: dict) -> tuple:
    """Sort key of a story member: agency-credited first, then earliest date, then most words, then id.

    Example:
        >>> rows = [{"article_id": "x", "agency": None, "date": "2019-01-02", "n_words": 300},
        ...         {"article_id": "y", "agency": None, "date": "2019-01-01", "n_words": 100},
        ...         {"article_id": "z", "agency": "AFP", "date": None, "n_words": 50}]
        >>> [r["article_id"] for r in sorted(rows, key=origin_rank)]
        ['z', 'y', 'x']
    """
    date = row.get("date")
    words = row.get("n_words")
    return (
        is_missing(row.get("agency"), blank=True),
        is_missing(date, blank=True),
        "" if is_missing(date, blank=True) else str(date),
        -(0 if is_missing(words) else int(words)),
        str(row["article_id"]),
    )


def story_rows(meta: pd.DataFrame, pairs: pd.DataFrame, index: ReuseIndex) -> pd.DataFrame:
    """``article_id`` and the story columns of every article in ``meta`` (its
    :data:`ORIGIN_EVIDENCE` columns), from the pairs of :meth:`ReuseIndex.pairs`; ``story_origin``
    is the agency most members credit, else the origin's outlet (empty when neither is known).

    Example:
        >>> index = ReuseIndex()
        >>> _ = index.add("x", "The ministry said the first parts of the system had been delivered to the air base.")
        >>> meta = pd.DataFrame({"article_id": ["x"], "agency": [None], "date": [None], "n_words": [16], "outlet": ["Ahval"]})
        >>> story_rows(meta, index.pairs(), index).to_dict("records")[0]["story_origin"]
        'Ahval'
    """
    records = {str(r["article_id"]): r for r in meta.to_dict("records")}
    groups = story_groups(list(records), pairs)
    members: dict[str, list[dict]] = {}
    for article_id, group in groups.items():
        members.setdefault(group, []).append(records[article_id])
    spans = _copy_spans(pairs)
    out: dict[str, dict] = {}
    for group in members.values():
        ranked = sorted(group, key=origin_rank)
        origin = ranked[0]
        credited = Counter(str(r["agency"]) for r in ranked if not is_missing(r.get("agency"), blank=True))
        label = min(credited, key=lambda a: (-credited[a], a)) if credited else origin.get("outlet")
        before: list[str] = []
        for member in ranked:
            article_id = str(member["article_id"])
            own = [span for other in before for span in spans.get((article_id, other), ())]
            out[article_id] = {
                "article_id": article_id,
                "story_id": str(origin["article_id"]),
                "story_size": len(ranked),
                "story_origin": None if is_missing(label, blank=True) else str(label),
                "copy_share": index.covered_share(article_id, own) if own else 0.0,
            }
            before.append(article_id)
    rows = [out[str(r["article_id"])] for r in meta.to_dict("records")]
    frame = pd.DataFrame(rows, columns=["article_id", *STORY_COLUMNS])
    return frame.astype(
        {"article_id": "string", "story_id": "string", "story_size": "Int64", "story_origin": "string", "copy_share": "Float64"}
    )


def _copy_spans(pairs: pd.DataFrame) -> dict[tuple[str, str], list[tuple[int, int]]]:
    """(article, other) -> the article's character spans shared with the other, over ``copy`` pairs."""
    spans: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for row in pairs.loc[pairs["relation"] == "copy"].itertuples(index=False):
        spans[(row.article_a, row.article_b)] = [(p[0], p[1]) for p in row.passages]
        spans[(row.article_b, row.article_a)] = [(p[2], p[3]) for p in row.passages]
    return spans


def reuse_tables(pairs: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ``reuse`` table (one row per pair) and ``reuse_passages`` (one row per aligned passage)
    from the pairs of :meth:`ReuseIndex.pairs`.

    Example:
        >>> pairs = pd.DataFrame([{"article_a": "a", "article_b": "b", "relation": "copy", "shared_shingles": 9,
        ...     "containment": 0.9, "share_a": 1.0, "share_b": 0.5, "passages": [(0, 40, 10, 50)]}])
        >>> reuse, passages = reuse_tables(pairs)
        >>> reuse[["relation", "n_passages", "shared_chars_a"]].values.tolist(), passages[["start_b", "end_b"]].values.tolist()
        ([['copy', 1, 40]], [[10, 50]])
    """
    reuse, passages = [], []
    for row in pairs.to_dict("records"):
        reuse.append(
            {
                **{k: v for k, v in row.items() if k != "passages"},
                "n_passages": len(row["passages"]),
                "shared_chars_a": int(sum(e - s for s, e, _, _ in row["passages"])),
                "shared_chars_b": int(sum(e - s for _, _, s, e in row["passages"])),
            }
        )
        for number, (sa, ea, sb, eb) in enumerate(row["passages"]):
            passages.append(
                {
                    "article_a": row["article_a"],
                    "article_b": row["article_b"],
                    "passage_id": number,
                    "relation": row["relation"],
                    "start_a": sa,
                    "end_a": ea,
                    "start_b": sb,
                    "end_b": eb,
                }
            )
    return frame_from_rows(reuse, "reuse"), frame_from_rows(passages, "reuse_passages")
