"""Per-outlet views: who each outlet quotes, its frames, the agencies it credits, how much of it is
republished copy, which outlets carry which agency's copy, and the timeline of each story group.

Every view that counts articles, quotes or sentences counts a republished text once by default
(``dedupe=True``: only the origin member of each story group, ``articles.story_id ==
article_id``, is kept); ``dedupe=False`` counts every copy. The outlet of an article is its
``outlet`` (metadata), else its ``outlet_domain`` (from the url), else :data:`UNKNOWN_OUTLET`.

    >>> articles = pd.DataFrame({"article_id": ["a", "b", "c"], "outlet": ["AFP", "Daily", None],
    ...     "outlet_domain": [None, None, "x.com"], "story_id": ["a", "a", "c"]})
    >>> outlet_of(articles).tolist(), kept_articles(articles)["article_id"].tolist()
    (['AFP', 'Daily', 'x.com'], ['a', 'c'])
"""

from __future__ import annotations

import pandas as pd

from analysis.io.schema import is_missing

__all__ = [
    "ANONYMOUS_KINDS",
    "UNKNOWN_OUTLET",
    "agency_credits",
    "copy_shares",
    "dedupe_note",
    "kept_articles",
    "outlet_frames",
    "outlet_of",
    "outlet_speakers",
    "republication_edges",
    "story_timeline",
]

UNKNOWN_OUTLET = "(outlet not given)"
"""Outlet of an article with neither an ``outlet`` field nor a url."""
ANONYMOUS_KINDS = ("anonymous",)
"""``quotes.speaker_kind`` values of unnamed sources."""
AGENCY_SOURCE_KINDS = ("byline_agency", "relayed_agency", "photo_credit")
"""``sources.kind`` values that credit a wire agency."""


def outlet_of(articles: pd.DataFrame) -> pd.Series:
    """The outlet of each article: ``outlet``, else ``outlet_domain``, else :data:`UNKNOWN_OUTLET` (string).

    Example:
        >>> outlet_of(pd.DataFrame({"outlet": [None], "outlet_domain": [None]})).tolist()
        ['(outlet not given)']
    """
    outlet = articles["outlet"] if "outlet" in articles else pd.Series(pd.NA, index=articles.index)
    domain = articles["outlet_domain"] if "outlet_domain" in articles else pd.Series(pd.NA, index=articles.index)
    values = [
        o if not is_missing(o, blank=True) else d if not is_missing(d, blank=True) else UNKNOWN_OUTLET
        for o, d in zip(outlet, domain)
    ]
    return pd.Series(values, index=articles.index, dtype="string")


def kept_articles(articles: pd.DataFrame, *, dedupe: bool = True) -> pd.DataFrame:
    """The articles a view counts, with an ``outlet_name`` column: with ``dedupe`` one per story group
    (its origin guess), else all. A table without ``story_id`` (an older package) keeps every article.

    Example:
        >>> a = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"], "story_id": ["a", "a"]})
        >>> kept_articles(a)["outlet_name"].tolist(), len(kept_articles(a, dedupe=False))
        (['X'], 2)
    """
    out = articles.copy()
    out["outlet_name"] = outlet_of(articles)
    if dedupe and "story_id" in out:
        story = out["story_id"].astype("string")
        out = out[story.isna() | (story == out["article_id"].astype("string"))]
    return out.reset_index(drop=True)


def dedupe_note(articles: pd.DataFrame, *, dedupe: bool = True) -> str:
    """The subtitle line a figure carries: how many articles it counts, and whether copies are counted once.

    Example:
        >>> a = pd.DataFrame({"article_id": ["a", "b"], "story_id": ["a", "a"]})
        >>> dedupe_note(a), dedupe_note(a, dedupe=False)
        ('1 of 2 articles: each republished text counted once', '2 articles: every copy counted')
    """
    kept = len(kept_articles(articles, dedupe=dedupe))
    if dedupe:
        return f"{kept} of {len(articles)} articles: each republished text counted once"
    return f"{len(articles)} articles: every copy counted"


def _with_outlet(table: pd.DataFrame, articles: pd.DataFrame, *, dedupe: bool) -> pd.DataFrame:
    kept = kept_articles(articles, dedupe=dedupe)[["article_id", "outlet_name"]]
    return table.merge(kept, on="article_id", how="inner")


def outlet_speakers(quotes: pd.DataFrame, articles: pd.DataFrame, *, dedupe: bool = True, top_n: int = 3) -> pd.DataFrame:
    """Who each outlet quotes: statements, articles, share of statements by unnamed sources, and its
    ``top_n`` most quoted speakers (``name (count)``, most first), one row per outlet (most statements first).

    Example:
        >>> arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"], "story_id": ["a", "b"]})
        >>> q = pd.DataFrame({"article_id": ["a", "a", "b"], "speaker_actor": ["Erdogan", "official", "Erdogan"],
        ...                   "speaker_kind": ["person", "anonymous", "person"]})
        >>> outlet_speakers(q, arts)[["outlet", "n_statements", "anonymous_share", "top_speakers"]].values.tolist()
        [['X', 2, 0.5, 'Erdogan (1); official (1)'], ['Y', 1, 0.0, 'Erdogan (1)']]
    """
    columns = ["outlet", "n_articles", "n_statements", "anonymous_share", "top_speakers"]
    joined = _with_outlet(quotes, articles, dedupe=dedupe)
    if joined.empty:
        return pd.DataFrame(columns=columns)
    rows = []
    for outlet, group in joined.groupby("outlet_name", sort=True):
        counts = group["speaker_actor"].dropna().astype(str).value_counts()
        counts = counts.sort_index().sort_values(ascending=False, kind="stable")
        top = "; ".join(f"{name} ({n})" for name, n in counts.head(top_n).items())
        anonymous = group["speaker_kind"].isin(ANONYMOUS_KINDS).mean()
        rows.append([str(outlet), group["article_id"].nunique(), len(group), round(float(anonymous), 4), top])
    out = pd.DataFrame(rows, columns=columns)
    return out.sort_values(["n_statements", "outlet"], ascending=[False, True], kind="stable").reset_index(drop=True)


def outlet_frames(profile: pd.DataFrame, articles: pd.DataFrame, *, dedupe: bool = True) -> pd.DataFrame:
    """Frame profile per outlet: the mean share of each frame over the outlet's articles, from a
    per-article :func:`analysis.corpus.profiles.frame_profile` (``article_id``, ``frame``, ``share``);
    outlets as rows (alphabetical), frames as columns (as they come in ``profile``).

    Example:
        >>> arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "X"], "story_id": ["a", "b"]})
        >>> p = pd.DataFrame({"article_id": ["a", "b", "b"], "frame": ["security", "security", "economic"], "share": [1.0, 0.5, 0.5]})
        >>> outlet_frames(p, arts).round(2).values.tolist()
        [[0.75, 0.25]]
    """
    joined = _with_outlet(profile, articles, dedupe=dedupe)
    if joined.empty:
        return pd.DataFrame()
    frames = list(dict.fromkeys(profile["frame"]))
    wide = joined.pivot_table(index=["outlet_name", "article_id"], columns="frame", values="share", aggfunc="sum", fill_value=0.0)
    means = wide.groupby(level="outlet_name").mean()
    means = means[[f for f in frames if f in means.columns]].astype(float)
    means.index.name, means.columns.name = "outlet", None
    return means


def agency_credits(sources: pd.DataFrame, articles: pd.DataFrame, *, dedupe: bool = True) -> pd.DataFrame:
    """Agency credits per outlet: articles of each outlet that credit each agency (byline, dateline,
    relayed statement or photo credit), one row per (outlet, agency), most first.

    Example:
        >>> arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "X"], "agency": ["AFP", None], "story_id": ["a", "b"]})
        >>> src = pd.DataFrame({"article_id": ["b", "b"], "kind": ["relayed_agency", "photo_credit"], "name": ["Anadolu", None],
        ...                     "agency": [None, "AFP"]})
        >>> agency_credits(src, arts).values.tolist()
        [['X', 'AFP', 2], ['X', 'Anadolu', 1]]
    """
    kept = kept_articles(articles, dedupe=dedupe)
    pairs = [
        (a, g)
        for a, g in zip(kept["article_id"], kept.get("agency", pd.Series(pd.NA, index=kept.index)))
        if not is_missing(g, blank=True)
    ]
    credited = sources[sources["kind"].isin(AGENCY_SOURCE_KINDS)] if len(sources) else sources
    for row in credited.itertuples(index=False):
        agency = row.agency if row.kind == "photo_credit" else row.name
        if not is_missing(agency, blank=True):
            pairs.append((row.article_id, agency))
    frame = pd.DataFrame(pairs, columns=["article_id", "agency"]).drop_duplicates()
    frame = frame.merge(kept[["article_id", "outlet_name"]], on="article_id", how="inner")
    counts = frame.groupby(["outlet_name", "agency"]).size().reset_index(name="n_articles")
    counts = counts.rename(columns={"outlet_name": "outlet"})
    counts["n_articles"] = counts["n_articles"].astype("Int64")
    return counts.sort_values(["n_articles", "outlet", "agency"], ascending=[False, True, True], kind="stable").reset_index(
        drop=True
    )


def copy_shares(articles: pd.DataFrame) -> pd.DataFrame:
    """How much of each outlet is republished text: articles, articles that are a copy of an
    earlier or agency-credited member of their group, and the mean ``copy_share`` (every article
    counts here: the view is about the copies).

    Example:
        >>> arts = pd.DataFrame({"article_id": ["a", "b", "c"], "outlet": ["X", "Y", "Y"], "story_id": ["a", "a", "c"],
        ...                      "copy_share": [0.0, 0.9, 0.0]})
        >>> copy_shares(arts).values.tolist()
        [['Y', 2, 1, 0.45], ['X', 1, 0, 0.0]]
    """
    frame = kept_articles(articles, dedupe=False)
    frame["is_copy"] = frame["story_id"].astype("string") != frame["article_id"].astype("string")
    frame["copy_share"] = pd.to_numeric(frame["copy_share"], errors="coerce").fillna(0.0).astype(float)
    out = frame.groupby("outlet_name").agg(
        n_articles=("article_id", "size"), n_copies=("is_copy", "sum"), mean_copy_share=("copy_share", "mean")
    )
    out = out.reset_index().rename(columns={"outlet_name": "outlet"})
    out["mean_copy_share"] = out["mean_copy_share"].round(4)
    out["n_copies"] = out["n_copies"].astype(int)
    return out.sort_values(["mean_copy_share", "outlet"], ascending=[False, True], kind="stable").reset_index(drop=True)[
        ["outlet", "n_articles", "n_copies", "mean_copy_share"]
    ]


def republication_edges(articles: pd.DataFrame) -> pd.DataFrame:
    """Who carries whose copy: one row per (origin, outlet) with the articles of that outlet that
    are copies in a story group whose origin guess is ``origin`` (``articles.story_origin``: the
    credited agency, else the origin's outlet), plus the articles that credit an agency in their
    byline or dateline without a copy in the corpus. Every copy counts (the view is about copies).

    Example:
        >>> arts = pd.DataFrame({"article_id": ["a", "b", "c"], "outlet": ["X", "Y", "Z"], "story_id": ["a", "a", "c"],
        ...                      "story_origin": ["AFP", "AFP", None], "agency": ["AFP", None, "Reuters"]})
        >>> republication_edges(arts).values.tolist()
        [['AFP', 'X', 1], ['AFP', 'Y', 1], ['Reuters', 'Z', 1]]
    """
    frame = kept_articles(articles, dedupe=False)
    edges = []
    for row in frame.to_dict("records"):
        origin = row.get("story_origin")
        copy_of_group = str(row.get("story_id")) != str(row["article_id"]) or not is_missing(row.get("agency"), blank=True)
        if not is_missing(origin, blank=True) and copy_of_group and str(origin) != row["outlet_name"]:
            edges.append((str(origin), row["outlet_name"]))
        elif not is_missing(row.get("agency"), blank=True) and str(row["agency"]) != row["outlet_name"]:
            edges.append((str(row["agency"]), row["outlet_name"]))
    out = pd.DataFrame(edges, columns=["origin", "outlet"])
    out = out.groupby(["origin", "outlet"]).size().reset_index(name="n_articles")
    out["n_articles"] = out["n_articles"].astype("Int64")
    return out.sort_values(["origin", "outlet"], kind="stable").reset_index(drop=True)


def story_timeline(articles: pd.DataFrame, *, min_size: int = 2) -> pd.DataFrame:
    """The members of each story group of at least ``min_size`` articles, in rank order: story,
    origin guess, article, outlet, date, ``copy_share`` and whether it is the origin.

    Example:
        >>> arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"], "story_id": ["a", "a"], "story_size": [2, 2],
        ...                      "story_origin": ["AFP", "AFP"], "date": ["2019-07-12", "2019-07-13"], "copy_share": [0.0, 0.8]})
        >>> story_timeline(arts)[["article_id", "outlet", "is_origin"]].values.tolist()
        [['a', 'X', True], ['b', 'Y', False]]
    """
    columns = ["story_id", "story_origin", "article_id", "outlet", "date", "copy_share", "is_origin"]
    frame = kept_articles(articles, dedupe=False)
    if frame.empty or "story_size" not in frame:
        return pd.DataFrame(columns=columns)
    frame = frame[pd.to_numeric(frame["story_size"], errors="coerce").fillna(1) >= min_size].copy()
    frame["outlet"] = frame["outlet_name"]
    frame["is_origin"] = frame["story_id"].astype("string") == frame["article_id"].astype("string")
    frame["copy_share"] = pd.to_numeric(frame["copy_share"], errors="coerce").astype(float)
    frame = frame.sort_values(
        ["story_id", "is_origin", "date", "article_id"], ascending=[True, False, True, True], na_position="last"
    )
    return frame[columns].reset_index(drop=True)
