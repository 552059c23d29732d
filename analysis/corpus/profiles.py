"""Frame profiles per article (headline and lead weighted) and reporting styles per speaker."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from analysis.lexicons.cues import CUES_FILE, load_cues
from analysis.lexicons.frames import Lexicon, _lexicon

#: Weight of headline and dek sentences in :func:`frame_profile`: the display copy is what most
#: readers see and the strongest framing device of a news story.
HEADLINE_WEIGHT = 3.0


#: Weight of the lead (the first ``LEAD_SENTENCES`` body sentences), which sets the angle of the story.
LEAD_WEIGHT = 2.0


#: Number of body sentences that make the lead.
LEAD_SENTENCES = 3


def sentence_part(sentences: pd.DataFrame, *, lead_sentences: int = LEAD_SENTENCES) -> pd.Series:
    """Which part of its article each sentence is in: ``headline``, ``lead`` or ``rest``.

    ``headline`` covers the headline and dek zones (the display copy); ``lead`` the first
    ``lead_sentences`` body sentences of the article (in ``sentence_id`` order); ``rest`` every other
    sentence, captions and byline included.

    Args:
        sentences: The ``sentences`` table (article_id, sentence_id, zone).
        lead_sentences: Body sentences that make the lead.

    Returns:
        A ``string`` Series aligned with ``sentences``.

    Example:
        >>> s = pd.DataFrame({"article_id": ["a"] * 5, "sentence_id": range(5),
        ...                   "zone": ["headline", "dek", "body", "body", "caption"]})
        >>> sentence_part(s, lead_sentences=1).tolist()
        ['headline', 'headline', 'lead', 'rest', 'rest']
    """
    zone = sentences["zone"].astype("string")
    body = zone == "body"
    order = sentences.loc[body].sort_values(["article_id", "sentence_id"], kind="stable")
    rank = order.groupby("article_id", sort=False).cumcount()
    lead_index = rank.index[rank < lead_sentences]
    part = pd.Series("rest", index=sentences.index, dtype="string")
    part[zone.isin(["headline", "dek"]).fillna(False)] = "headline"
    part[part.index.isin(lead_index)] = "lead"
    return part


def frame_profile(
    frames: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    by: str | Sequence[str] | None = "article_id",
    headline_weight: float = HEADLINE_WEIGHT,
    lead_weight: float = LEAD_WEIGHT,
    lead_sentences: int = LEAD_SENTENCES,
    lexicon: Lexicon | str | Path | None = None,
) -> pd.DataFrame:
    """Frame profiles: how strongly each frame is present, with headline and lead weighted.

    A frame's score is the model's probability of it in each sentence (every sentence counts, so
    shares are over all sentences), or, for a ``frames`` table without probabilities, the lexicon
    score of its cues. It is split by where the sentences stand (see :func:`sentence_part`): ``score_headline``
    (headline and dek), ``score_lead`` (the first ``lead_sentences`` body sentences) and ``score_rest``.
    The weighted ``score`` is ``headline_weight * score_headline + lead_weight * score_lead +
    score_rest`` (defaults 3, 2 and 1: readers meet the display copy first, and the lead sets the
    story's angle); ``share`` is the frame's part of the group's weighted score.

    Args:
        frames: The ``frames`` table (article_id, sentence_id, frame, score).
        sentences: The ``sentences`` table (article_id, sentence_id, zone; other columns can be used in ``by``).
        by: Column(s) to profile by (of ``frames`` or ``sentences``); ``None`` for one profile of everything.
        headline_weight: Weight of headline and dek sentences.
        lead_weight: Weight of lead sentences.
        lead_sentences: Body sentences that make the lead.
        lexicon: Gives the frame labels and the order of ties; default the built-in lexicon.

    Returns:
        One row per group and frame present: the ``by`` columns, ``frame``, ``label``, ``n_sentences``,
        ``score_headline``, ``score_lead``, ``score_rest``, ``score``, ``share`` and ``rank`` (1 = top
        frame of the group); groups in order, frames by weighted score (ties in lexicon order).

    Example:
        >>> s = pd.DataFrame({"article_id": ["a"] * 3, "sentence_id": [0, 1, 2], "zone": ["headline", "body", "body"]})
        >>> f = pd.DataFrame({"article_id": ["a"] * 3, "sentence_id": [0, 1, 2],
        ...                   "frame": ["security_defense", "economic", "economic"], "score": [1.0, 1.0, 2.0]})
        >>> frame_profile(f, s, lead_sentences=1)[["frame", "score_headline", "score_lead", "score_rest", "score", "share"]].values.tolist()
        [['economic', 0.0, 1.0, 2.0, 4.0, 0.5714], ['security_defense', 1.0, 0.0, 0.0, 3.0, 0.4286]]
    """
    lex = _lexicon(lexicon)
    keys = [] if by is None else [by] if isinstance(by, str) else list(by)
    sent = sentences.copy()
    sent["_part"] = sentence_part(sent, lead_sentences=lead_sentences)
    extra = [k for k in keys if k not in frames.columns and k in sent.columns]
    table = frames[[c for c in frames.columns if c != "zone"]].merge(
        sent[["article_id", "sentence_id", "_part", *extra]], on=["article_id", "sentence_id"], how="left", validate="many_to_one"
    )
    table["_part"] = table["_part"].fillna("rest")
    measure = "probability" if "probability" in table.columns and table["probability"].notna().any() else "score"
    table["_score"] = pd.to_numeric(table[measure], errors="coerce").astype(float).fillna(0.0)
    if "primary" in table.columns and measure == "probability":
        table = table[table["_score"] > 0]
    columns = [*keys, "frame", "label", "n_sentences", "score_headline", "score_lead", "score_rest", "score", "share", "rank"]
    if table.empty:
        out = pd.DataFrame({c: pd.Series([], dtype="string") for c in [*keys, "frame", "label"]})
        for c in ("n_sentences", "rank"):
            out[c] = pd.Series([], dtype="Int64")
        for c in ("score_headline", "score_lead", "score_rest", "score", "share"):
            out[c] = pd.Series([], dtype="Float64")
        return out[columns]
    group_keys = [*keys, "frame"]
    sums = table.groupby([*group_keys, "_part"], dropna=False)["_score"].sum().unstack("_part", fill_value=0.0)
    sums = sums.reindex(columns=["headline", "lead", "rest"], fill_value=0.0)
    out = pd.DataFrame({"score_headline": sums["headline"], "score_lead": sums["lead"], "score_rest": sums["rest"]})
    out["n_sentences"] = table.groupby(group_keys, dropna=False).size().reindex(out.index).fillna(0).astype(int)
    out["score"] = headline_weight * out["score_headline"] + lead_weight * out["score_lead"] + out["score_rest"]
    out = out.reset_index()
    totals = out.groupby(keys, dropna=False)["score"].transform("sum") if keys else pd.Series(out["score"].sum(), index=out.index)
    out["share"] = (out["score"] / totals.where(totals != 0)).fillna(0.0)
    order = {f: i for i, f in enumerate(lex.ids)}
    out["_order"] = out["frame"].map(lambda f: order.get(f, len(order)))
    out = out.sort_values([*keys, "score", "_order"], ascending=[True] * len(keys) + [False, True], kind="stable")
    out["rank"] = out.groupby(keys, dropna=False).cumcount() + 1 if keys else range(1, len(out) + 1)
    out["label"] = out["frame"].map(lambda f: lex.labels.get(f, f))
    for c in ("score_headline", "score_lead", "score_rest", "score", "share"):
        out[c] = out[c].astype(float).round(4).astype("Float64")
    for c in ("n_sentences", "rank"):
        out[c] = out[c].astype("Int64")
    out["frame"] = out["frame"].astype("string")
    out["label"] = out["label"].astype("string")
    return out[columns].reset_index(drop=True)


def cue_classes(path: str | Path = CUES_FILE) -> tuple[str, ...]:
    """Classes of the reporting-verb lexicon in file order, then ``attribution`` ("according to").

    Example:
        >>> cue_classes()
        ('neutral', 'assertive', 'distancing', 'threat', 'belief', 'intention', 'attribution')
    """
    classes = list(dict.fromkeys(row["class"] for row in load_cues(path).values()))
    if "attribution" not in classes:
        classes.append("attribution")
    return tuple(classes)


def reporting_styles(quotes: pd.DataFrame, *, by: str = "speaker_actor", classes: Sequence[str] | None = None) -> pd.DataFrame:
    """How each speaker's statements are introduced: counts per reporting-verb class.

    Uses the ``cue_class`` of the ``quotes`` table (the class of the reporting verb in
    ``analysis/resources/cues.csv``: neutral "say", assertive "insist", distancing "claim", threat
    "warn", belief "believe", intention "want", and ``attribution`` for "according to"). Statements
    without a class are counted as ``unclassified``; statements without a value in ``by`` come last,
    labelled ``<NA>``.

    Args:
        quotes: The ``quotes`` table (``cue_class`` and the ``by`` column).
        by: Column to group by: ``speaker_actor`` (default), ``speaker`` or an added ``side``.
        classes: Classes to count, in column order; default :func:`cue_classes`.

    Returns:
        Columns ``<by>``, ``n_statements``, one count column per class, ``unclassified``; rows by
        statements (most first), then label.

    Example:
        >>> q = pd.DataFrame({"speaker_actor": ["Ann", "Ann", "Bob", None], "cue_class": ["neutral", "threat", "neutral", None]})
        >>> reporting_styles(q)[["speaker_actor", "n_statements", "neutral", "threat", "unclassified"]].values.tolist()
        [['Ann', 2, 1, 1, 0], ['Bob', 1, 1, 0, 0], [<NA>, 1, 0, 0, 1]]
    """
    classes = tuple(classes) if classes is not None else cue_classes()
    columns = [by, "n_statements", *classes, "unclassified"]
    if quotes.empty:
        out = pd.DataFrame({c: pd.Series([], dtype="Int64") for c in columns})
        out[by] = pd.Series([], dtype="string")
        return out
    label = quotes[by].astype("string")
    cls = quotes["cue_class"].astype("string")
    cls = cls.where(cls.isin(classes), "unclassified").fillna("unclassified")
    table = pd.crosstab(label.fillna("\x00<NA>"), cls).reindex(columns=[*classes, "unclassified"], fill_value=0)
    table.insert(0, "n_statements", table.sum(axis=1))
    table = table.reset_index().rename(columns={table.index.name or "row_0": by})
    table.columns.name = None
    missing = table[by] == "\x00<NA>"
    table["_missing"] = missing
    table = table.sort_values(["_missing", "n_statements", by], ascending=[True, False, True], kind="stable")
    table[by] = table[by].astype("string").mask(table["_missing"], pd.NA)
    for c in columns[1:]:
        table[c] = table[c].astype("Int64")
    return table[columns].reset_index(drop=True)
