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

from typing import Iterable, Mapping, Sequence

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import MaxNLocator
from spacy.language import Language

from .actions import ACTIONS_TABLE, action_rows
from .actors import Registry
from .figures import DEFAULT_COLOR, zone_colors
from .framing import (
    EVALUATIVE_TABLE,
    FRAMES_TABLE,
    Lexicon,
    as_table,
    cue_classes,
    evaluative_rows,
    frame_rows,
    load_lexicon,
)
from .nlp import load_pipeline, parse_many
from .tables import normalize_date, sentence_rows
from .zones import split_zones

#: Tables computed by :func:`framing_tables`.
FRAMING_TABLES: tuple[str, ...] = ("frames", "actions", "evaluative")
#: Fixed colour per frame of the default lexicon (15 distinguishable colours; ``other`` grey).
FRAME_COLORS: dict[str, str] = {
    "economic": "#1F77B4",
    "capacity_resources": "#AEC7E8",
    "morality": "#8C564B",
    "fairness_equality": "#C49C94",
    "legality_constitutionality": "#9467BD",
    "policy_prescription": "#C5B0D5",
    "crime_punishment": "#D62728",
    "security_defense": "#FF7F0E",
    "health_safety": "#2CA02C",
    "quality_of_life": "#98DF8A",
    "cultural_identity": "#E377C2",
    "public_opinion": "#17BECF",
    "political": "#7F7F7F",
    "external_regulation_reputation": "#BCBD22",
    "other": "#C7C7C7",
}
#: Fixed colour per reporting-verb class (Okabe-Ito palette).
CLASS_COLORS: dict[str, str] = {
    "neutral": "#0072B2",
    "assertive": "#E69F00",
    "distancing": "#D55E00",
    "threat": "#CC79A7",
    "belief": "#009E73",
    "intention": "#56B4E9",
    "attribution": "#F0E442",
    "unclassified": "#B0B0B0",
}
#: Colours of the parts of an article in the frame profile.
PART_COLORS: dict[str, str] = {"headline": zone_colors()["headline"], "lead": zone_colors()["dek"], "rest": DEFAULT_COLOR}
#: Colour of the "other verbs" segment of the actor figure.
OTHER_VERBS_COLOR = "#B0B0B0"
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


def label_colors(lexicon: Lexicon | str | None = None) -> dict[str, str]:
    """Frame label -> fixed colour (:data:`FRAME_COLORS`; frames of other lexicons get the default colour).

    Example:
        >>> label_colors()["Economic"]
        '#1F77B4'
    """
    return {label: FRAME_COLORS.get(frame, DEFAULT_COLOR) for frame, label in frame_labels(lexicon).items()}


def framing_tables(
    articles: pd.DataFrame,
    sentences: pd.DataFrame | None = None,
    *,
    nlp: Language | None = None,
    lexicon: Lexicon | str | None = None,
    registry: Registry | None = None,
    batch_size: int = 16,
) -> dict[str, pd.DataFrame]:
    """Parse each article once and build its ``frames``, ``actions`` and ``evaluative`` rows.

    The articles are split into zones and parsed the way the build does it, so offsets index
    ``articles.text``. Sentence rows come from ``sentences`` (the package's table) when given,
    otherwise they are rebuilt from the parse.

    Args:
        articles: The ``articles`` table (article_id, text; headline and date are used when present).
        sentences: The ``sentences`` table of the same package, or ``None``.
        nlp: spaCy pipeline; default :func:`analysis.nlp.load_pipeline`.
        lexicon: Frame lexicon (object or path); default the built-in one.
        registry: Actor registry; default the built-in one.
        batch_size: Articles per ``nlp.pipe`` batch.

    Returns:
        ``{"frames": ..., "actions": ..., "evaluative": ...}``, typed DataFrames in article order.

    Example:
        >>> arts = pd.DataFrame({"article_id": ["x"], "text": ["Sanctions loom\\n\\nTurkey defied NATO allies."]})
        >>> out = framing_tables(arts)
        >>> out["frames"][["sentence_id", "frame", "terms"]].values.tolist()
        [[0, 'external_regulation_reputation', 'sanction'], [1, 'external_regulation_reputation', 'nato; ally']]
        >>> out["actions"][["subject_actor", "verb", "object_actor"]].values.tolist()
        [['Turkey', 'defy', 'NATO']]
    """
    nlp = nlp or load_pipeline()
    rows: dict[str, list[dict]] = {name: [] for name in FRAMING_TABLES}
    items = []
    for article in articles.to_dict("records"):
        text = str(article["text"])
        headline = article.get("headline")
        title = None if headline is None or pd.isna(headline) else str(headline)
        items.append((article, text, split_zones(text, title=title)))
    by_article: dict[str, list[dict]] = {}
    if sentences is not None and len(sentences):
        for record in sentences.to_dict("records"):
            by_article.setdefault(str(record["article_id"]), []).append(record)
    docs = parse_many(((text, layout) for _, text, layout in items), nlp=nlp, batch_size=batch_size)
    for (article, text, layout), doc in zip(items, docs):
        article_id = str(article["article_id"])
        sents = by_article.get(article_id) or sentence_rows(doc, layout, article_id=article_id, text=text)
        date = article.get("date")
        date = normalize_date(None if date is None or pd.isna(date) else str(date))
        rows["frames"] += frame_rows(doc, sents, lexicon=lexicon)
        rows["actions"] += action_rows(doc, sents, date=date, registry=registry)
        rows["evaluative"] += evaluative_rows(doc, sents)
    specs = {"frames": FRAMES_TABLE, "actions": ACTIONS_TABLE, "evaluative": EVALUATIVE_TABLE}
    return {name: as_table(pd.DataFrame(rows[name], columns=specs[name].names), specs[name]) for name in FRAMING_TABLES}


def package_framing(tables: Mapping[str, pd.DataFrame], *, nlp: Language | None = None) -> dict[str, pd.DataFrame]:
    """The framing tables of a loaded package: read from it when the build wrote them, else computed.

    Args:
        tables: A loaded package (:func:`analysis.load_package`), with ``articles`` and ``sentences``.
        nlp: Pipeline for :func:`framing_tables`.

    Returns:
        ``{"frames": ..., "actions": ..., "evaluative": ...}``.

    Example:
        >>> import analysis
        >>> out = package_framing(analysis.load_package())
        >>> sorted(out), len(out["actions"]) > 0
        (['actions', 'evaluative', 'frames'], True)
    """
    if all(name in tables for name in FRAMING_TABLES):
        return {name: tables[name] for name in FRAMING_TABLES}
    return framing_tables(tables["articles"], tables.get("sentences"), nlp=nlp)


def profile_matrix(profile: pd.DataFrame, *, by: str = "article_id", value: str = "share", lexicon: Lexicon | str | None = None) -> pd.DataFrame:
    """A :func:`analysis.framing.frame_profile` table as a matrix: one row per group, one column per frame.

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
    order = [f for f in (load_lexicon() if lexicon is None else lexicon if isinstance(lexicon, Lexicon) else load_lexicon(lexicon)).ids]
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


def heatmap(
    table: pd.DataFrame,
    *,
    ax: Axes | None = None,
    title: str | None = None,
    xlabel: str = "sentence",
    xticklabels: Sequence[str] | None = None,
    cmap: str = "Blues",
    colorbar: str | None = "score",
) -> Axes:
    """A labelled heatmap of a numeric table (rows top to bottom, columns left to right).

    Args:
        table: Numbers with labels as index and columns (e.g. :func:`frames_along`).
        ax: Axes to draw on; default a new figure sized to the table.
        title: Axes title.
        xlabel: Label of the column axis.
        xticklabels: Labels of the columns (default the column names).
        cmap: Matplotlib colour map.
        colorbar: Label of the colour bar; ``None`` for no colour bar.

    Returns:
        The axes drawn on.

    Example:
        >>> ax = heatmap(pd.DataFrame([[0, 1], [2, 0]], index=["a", "b"]))
        >>> [t.get_text() for t in ax.get_yticklabels()]
        ['a', 'b']
        >>> plt.close(ax.figure)
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(max(5.0, 0.38 * table.shape[1] + 3.2), max(1.8, 0.34 * table.shape[0] + 1.2)))
    values = table.astype(float).to_numpy() if table.size else [[0.0]]
    image = ax.imshow(values, aspect="auto", cmap=cmap, vmin=0.0, interpolation="nearest")
    ax.set_yticks(range(len(table.index)), labels=[str(i) for i in table.index])
    labels = list(xticklabels) if xticklabels is not None else [str(c) for c in table.columns]
    ax.set_xticks(range(len(table.columns)), labels=labels)
    ax.tick_params(axis="both", length=0)
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_xlabel(xlabel)
    if title:
        ax.set_title(title)
    if colorbar:
        bar = ax.figure.colorbar(image, ax=ax, fraction=0.035, pad=0.02)
        bar.set_label(colorbar)
        bar.outline.set_visible(False)
    return ax


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
        targets = group.loc[group["object_kind"].isin(list(kinds)) & group["object_actor"].notna(), "object_actor"].astype(str).value_counts()
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
    out = out.astype({"subject_actor": "string", "n_actions": "Int64", "n_negated": "Int64", "verbs": "string", "targets": "string"})
    out = out.reset_index(drop=True)
    return out if top_n is None else out.head(top_n)


def style_matrix(styles: pd.DataFrame, *, by: str = "speaker_actor", top_n: int | None = None, missing: str = "(no speaker)") -> pd.DataFrame:
    """A :func:`analysis.framing.reporting_styles` table as counts per label and class, for plotting.

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


def fewer_ticks(*axes: Axes, nbins: int = 6) -> None:
    """At most about ``nbins`` integer ticks on the count axis (x) of each of ``axes``, so that labels
    never run into each other in narrow panels.

    Example:
        >>> fig, ax = plt.subplots()
        >>> _ = ax.barh([0], [260])
        >>> fewer_ticks(ax, nbins=4)
        >>> fig.canvas.draw(); len(ax.get_xticks()) <= 6
        True
        >>> plt.close(fig)
    """
    for ax in axes:
        ax.xaxis.set_major_locator(MaxNLocator(nbins=nbins, integer=True))


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

