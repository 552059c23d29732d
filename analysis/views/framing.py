"""Views for notebook ``02_framing``: the framing tables of a data package, and tables and plots of them.

:func:`framing_tables` parses each article once and returns the ``frames``, ``actions`` and
``evaluative`` tables; :func:`package_framing` takes them from the package when the build already
wrote them. The other functions are plain table-in, table-out views and plotting helpers::

    >>> frames = pd.DataFrame({"article_id": ["a", "a"], "sentence_id": [0, 2], "frame": ["economic", "political"],
    ...                        "score": [1.0, 2.0]})
    >>> frames_along(frames, pd.DataFrame({"article_id": ["a"] * 3, "sentence_id": [0, 1, 2]})).values.tolist()
    [[1.0, 0.0, 0.0], [0.0, 0.0, 2.0]]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from analysis.corpus.profiles import cue_classes
from analysis.lexicons.frames import Lexicon, load_lexicon

#: Short zone labels for sentence positions: H headline, D dek, By byline, C caption, B body.
ZONE_INITIALS: dict[str, str] = {"headline": "H", "dek": "D", "byline": "By", "caption": "C", "body": "B"}


#: Actor kinds that name an actor (not a plain noun phrase or an unresolved pronoun).
ACTOR_KINDS: tuple[str, ...] = ("registry", "entity", "pronoun", "anaphor", "possessor")


def frame_labels(lexicon: Lexicon | str | None = None) -> dict[str, str]:
    """Frame id -> label of a lexicon (default the built-in one), in lexicon order.

    Example:
        >>> frame_labels()["external_regulation_reputation"]
        'External regulation and reputation'
    """
    return (load_lexicon() if lexicon is None else lexicon if isinstance(lexicon, Lexicon) else load_lexicon(lexicon)).labels


def profile_matrix(
    profile: pd.DataFrame, *, by: str = "article_id", value: str = "share", lexicon: Lexicon | str | None = None
) -> pd.DataFrame:
    """A :func:`analysis.corpus.profiles.frame_profile` table as a matrix: one row per group, one column per frame.

    Args:
        profile: Output of ``frame_profile(..., by=by)``.
        by: The grouping column.
        value: Column to spread (``share`` or ``score``).
        lexicon: Gives the column order (lexicon order); default the built-in lexicon.

    Returns:
        Groups as the index (in order), frames present as columns (lexicon order), zeros where absent.

    Example:
        >>> p = pd.DataFrame({"article_id": ["a", "a", "b"], "frame": ["political", "economic", "political"], "share": [0.75, 0.25, 1.0]})
        >>> profile_matrix(p).values.tolist()
        [[0.25, 0.75], [0.0, 1.0]]
    """
    order = [
        f for f in (load_lexicon() if lexicon is None else lexicon if isinstance(lexicon, Lexicon) else load_lexicon(lexicon)).ids
    ]
    if profile.empty:
        return pd.DataFrame()
    wide = profile.pivot_table(index=by, columns="frame", values=value, aggfunc="sum", fill_value=0.0)
    columns = [f for f in order if f in wide.columns] + sorted(c for c in wide.columns if c not in order)
    wide = wide[columns].astype(float)
    wide.columns.name = None
    return wide


def frames_along(
    frames: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    bins: int | None = None,
    value: str = "score",
    lexicon: Lexicon | str | None = None,
) -> pd.DataFrame:
    """Frame scores along the article: one row per frame, one column per sentence position.

    Args:
        frames: The ``frames`` table.
        sentences: The ``sentences`` table (article_id, sentence_id): gives each article's length.
        bins: ``None``: positions are sentence numbers (``sentence_id``), summed over articles;
            an int: that many equal bins of relative position (sentence index / sentences in the article).
        value: Column summed in each cell (``score``, or ``n_terms``).
        lexicon: Gives the row order; default the built-in lexicon.

    Returns:
        Frames present as the index (lexicon order), positions as columns (all of them, zeros included).

    Example:
        >>> f = pd.DataFrame({"article_id": ["a", "b"], "sentence_id": [0, 3], "frame": ["economic", "economic"], "score": [1.0, 2.0]})
        >>> s = pd.DataFrame({"article_id": ["a"] * 2 + ["b"] * 4, "sentence_id": [0, 1, 0, 1, 2, 3]})
        >>> frames_along(f, s, bins=2).values.tolist()
        [[1.0, 2.0]]
    """
    lex = load_lexicon() if lexicon is None else lexicon if isinstance(lexicon, Lexicon) else load_lexicon(lexicon)
    sizes = sentences.groupby("article_id")["sentence_id"].max().add(1)
    if bins is None:
        positions = list(range(int(sizes.max()) if len(sizes) else 0))
    else:
        positions = [f"{100 * i // bins}–{100 * (i + 1) // bins}%" for i in range(bins)]
    if frames.empty:
        return pd.DataFrame(columns=positions, dtype=float)
    table = frames[["article_id", "sentence_id", "frame", value]].copy()
    table[value] = pd.to_numeric(table[value], errors="coerce").astype(float).fillna(0.0)
    if bins is None:
        table["position"] = table["sentence_id"].astype(int)
    else:
        size = table["article_id"].map(sizes).astype(float)
        index = (table["sentence_id"].astype(float) / size * bins).astype(int).clip(0, bins - 1)
        table["position"] = index.map(lambda i: positions[i])
    wide = table.pivot_table(index="frame", columns="position", values=value, aggfunc="sum", fill_value=0.0)
    wide = wide.reindex(columns=positions, fill_value=0.0)
    order = [f for f in lex.ids if f in wide.index] + sorted(f for f in wide.index if f not in lex.ids)
    wide = wide.loc[order].astype(float)
    wide.index.name, wide.columns.name = "frame", "position"
    return wide


def actor_verbs(
    actions: pd.DataFrame,
    *,
    top_n: int = 15,
    top_verbs: int = 6,
    kinds: Iterable[str] = ACTOR_KINDS,
    other: str = "other verbs",
) -> pd.DataFrame:
    """Actions per subject actor and verb: the ``top_n`` actors by actions, the ``top_verbs`` verbs.

    Only subjects resolved to an actor count (``subject_kind`` in ``kinds``: registry, entity,
    pronoun, anaphor, possessor); verbs outside the overall top ``top_verbs`` are summed as ``other verbs``.

    Args:
        actions: The ``actions`` table.
        top_n: Actors to keep (most actions first, ties by name).
        top_verbs: Verbs to show separately (most frequent over the kept actors, ties by lemma).
        kinds: Subject kinds that count as actors.
        other: Column label of the remaining verbs.

    Returns:
        Counts with actors as the index and verbs as columns (``other verbs`` last).

    Example:
        >>> a = pd.DataFrame({"subject_actor": ["Turkey", "Turkey", "United States", "Turkey"],
        ...                   "subject_kind": ["registry"] * 4, "verb": ["defy", "say", "threaten", "say"]})
        >>> actor_verbs(a, top_verbs=1).to_dict("index")
        {'Turkey': {'say': 2, 'other verbs': 1}, 'United States': {'say': 0, 'other verbs': 1}}
    """
    keep = actions[actions["subject_kind"].isin(list(kinds)) & actions["subject_actor"].notna()] if len(actions) else actions
    if keep.empty:
        return pd.DataFrame()
    actor = keep["subject_actor"].astype(str)
    verb = keep["verb"].astype(str)
    counts = actor.value_counts()
    actors = sorted(counts.index, key=lambda a: (-int(counts[a]), a))[:top_n]
    mask = actor.isin(actors)
    verb_counts = verb[mask].value_counts()
    verbs = sorted(verb_counts.index, key=lambda v: (-int(verb_counts[v]), v))[:top_verbs]
    column = verb[mask].where(verb[mask].isin(verbs), other)
    table = pd.crosstab(actor[mask], column).reindex(index=actors, columns=[*verbs, other], fill_value=0)
    if not (table[other] > 0).any():
        table = table.drop(columns=other)
    table.index.name, table.columns.name = None, None
    return table.astype(int)


def action_summary(actions: pd.DataFrame, *, top_n: int | None = None, kinds: Iterable[str] = ACTOR_KINDS) -> pd.DataFrame:
    """One row per subject actor: actions, negated actions, verbs and the actors acted upon.

    Args:
        actions: The ``actions`` table.
        top_n: Keep the ``top_n`` actors with most actions.
        kinds: Subject kinds that count as actors (see :func:`actor_verbs`).

    Returns:
        Columns ``subject_actor``, ``n_actions``, ``n_negated``, ``verbs`` (lemmas by frequency, "; "),
        ``targets`` (object actors of actor kinds, by frequency, "; "); most actions first.

    Example:
        >>> a = pd.DataFrame({"subject_actor": ["Turkey", "Turkey"], "subject_kind": ["registry"] * 2, "verb": ["defy", "say"],
        ...                   "negated": [False, True], "object_actor": ["United States", None], "object_kind": ["registry", None]})
        >>> action_summary(a).values.tolist()
        [['Turkey', 2, 1, 'defy; say', 'United States']]
    """
    columns = ["subject_actor", "n_actions", "n_negated", "verbs", "targets"]
    keep = actions[actions["subject_kind"].isin(list(kinds)) & actions["subject_actor"].notna()] if len(actions) else actions
    if keep.empty:
        return pd.DataFrame({c: pd.Series([], dtype="Int64" if c.startswith("n_") else "string") for c in columns})
    rows = []
    for actor, group in keep.groupby(keep["subject_actor"].astype(str), sort=True):
        verbs = group["verb"].astype(str).value_counts()
        targets = (
            group.loc[group["object_kind"].isin(list(kinds)) & group["object_actor"].notna(), "object_actor"]
            .astype(str)
            .value_counts()
        )
        rows.append(
            {
                "subject_actor": actor,
                "n_actions": len(group),
                "n_negated": int(group["negated"].fillna(False).astype(bool).sum()),
                "verbs": "; ".join(sorted(verbs.index, key=lambda v: (-int(verbs[v]), v))),
                "targets": "; ".join(sorted(targets.index, key=lambda t: (-int(targets[t]), t))) or None,
            }
        )
    out = pd.DataFrame(rows, columns=columns).sort_values(["n_actions", "subject_actor"], ascending=[False, True], kind="stable")
    out = out.astype(
        {"subject_actor": "string", "n_actions": "Int64", "n_negated": "Int64", "verbs": "string", "targets": "string"}
    )
    out = out.reset_index(drop=True)
    return out if top_n is None else out.head(top_n)


def style_matrix(
    styles: pd.DataFrame, *, by: str = "speaker_actor", top_n: int | None = None, missing: str = "(no speaker)"
) -> pd.DataFrame:
    """A :func:`analysis.corpus.profiles.reporting_styles` table as counts per label and class, for plotting.

    Classes never used are dropped; a missing label is shown as ``missing``.

    Args:
        styles: Output of ``reporting_styles(quotes, by=by)``.
        by: Its label column.
        top_n: Keep the first ``top_n`` rows.
        missing: Label of the row of statements without a value in ``by``.

    Returns:
        Counts with labels as the index and classes as columns.

    Example:
        >>> s = pd.DataFrame({"side": ["Turkey", None], "n_statements": [2, 1], "neutral": [2, 0], "threat": [0, 0],
        ...                   "unclassified": [0, 1]})
        >>> style_matrix(s, by="side").to_dict("index")
        {'Turkey': {'neutral': 2, 'unclassified': 0}, '(no speaker)': {'neutral': 0, 'unclassified': 1}}
    """
    if styles.empty:
        return pd.DataFrame()
    classes = [c for c in (*cue_classes(), "unclassified") if c in styles.columns]
    table = styles.head(top_n) if top_n is not None else styles
    labels = table[by].astype("string").fillna(missing).tolist()
    matrix = pd.DataFrame(table[classes].astype(int).to_numpy(), index=labels, columns=classes)
    return matrix.loc[:, matrix.sum(axis=0) > 0]


def position_labels(sentences: pd.DataFrame, columns: Sequence[object]) -> list[str]:
    """Tick labels for sentence positions: the number, with the zone's initial (:data:`ZONE_INITIALS`)
    when the sentences are those of one article.

    Example:
        >>> s = pd.DataFrame({"article_id": ["a", "a"], "sentence_id": [0, 1], "zone": ["headline", "body"]})
        >>> position_labels(s, [0, 1])
        ['0 H', '1 B']
    """
    if sentences["article_id"].nunique() != 1 or "zone" not in sentences:
        return [str(c) for c in columns]
    zones = dict(zip(sentences["sentence_id"].astype(int), sentences["zone"].astype(str)))
    return [f"{c} {ZONE_INITIALS.get(zones[c], '?')}" if isinstance(c, int) and c in zones else str(c) for c in columns]


def statement_frames(
    frames: pd.DataFrame, quotes: pd.DataFrame, *, by: str = "speaker_actor", top_n: int | None = None
) -> pd.DataFrame:
    """Which frames come with whose statements: statements per ``by`` value (rows) and primary frame
    of the sentence the statement starts in (columns), most quoted first.

    Args:
        frames: The ``frames`` table (``primary`` marks each sentence's primary frame).
        quotes: The ``quotes`` table (``sentence_id`` and the ``by`` column; add a ``side`` column
            with :func:`analysis.views.attribution.sides` to count per side).
        by: The column to count by.
        top_n: Keep the ``top_n`` most quoted values (all when ``None``).

    Example:
        >>> f = pd.DataFrame({"article_id": ["a", "a"], "sentence_id": [0, 1], "frame": ["economic", "political"], "primary": [True, True]})
        >>> q = pd.DataFrame({"article_id": ["a", "a", "a"], "sentence_id": [0, 1, 1], "speaker_actor": ["Ann", "Ann", "Bob"]})
        >>> statement_frames(f, q).to_dict("index")
        {'Ann': {'economic': 1, 'political': 1}, 'Bob': {'economic': 0, 'political': 1}}
    """
    primary = frames[frames["primary"].fillna(False).astype(bool)][["article_id", "sentence_id", "frame"]]
    table = (
        quotes[["article_id", "sentence_id", by]]
        .dropna(subset=[by])
        .merge(primary, on=["article_id", "sentence_id"], how="inner")
    )
    if table.empty:
        return pd.DataFrame()
    counts = table.groupby([by, "frame"]).size().unstack("frame", fill_value=0)
    order = [f for f in load_lexicon().ids if f in counts.columns]
    counts = counts[order]
    totals = counts.sum(axis=1)
    counts = counts.loc[sorted(counts.index, key=lambda v: (-totals[v], str(v)))]
    counts.index.name, counts.columns.name = None, None
    return (counts.head(top_n) if top_n else counts).astype(int)


def frame_reliability(meta: dict | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """How far to trust each frame's bar: the shipped frame model's held-out scores per frame
    (precision, recall, F1, support) and its confusion matrix (rows: the coder's primary frame,
    columns: the model's), as recorded when it was trained.

    Example:
        >>> per_frame, confusion = frame_reliability()
        >>> list(per_frame.columns), confusion.shape == (len(per_frame), len(per_frame))
        (['precision', 'recall', 'f1', 'support'], True)
    """
    if meta is None:
        from analysis.models.frames import load_frame_model

        meta = dict(load_frame_model().meta)
    scores = meta["test_model"]
    names = list(scores.get("frames") or load_lexicon().ids)  # the confusion matrix's order
    per_frame = pd.DataFrame(scores["per_frame"]).T.loc[names, ["precision", "recall", "f1", "support"]]
    per_frame["support"] = per_frame["support"].astype(int)
    confusion = pd.DataFrame(scores["confusion"], index=names, columns=names)
    return per_frame, confusion
