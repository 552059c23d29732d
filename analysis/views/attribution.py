"""Views of the ``quotes`` and ``sources`` tables: who is quoted, how, and through whom.

Plain functions, a table in and a table out, for notebook ``03_source_attribution``::

    >>> quotes = pd.DataFrame({"article_id": ["a", "a", "a"], "kind": ["direct", "indirect", "mixed"],
    ...                        "text": ["We will win", "the vote was close", "it was a “done deal”"],
    ...                        "speaker_actor": ["Ann", "Ann", "Bob"]})
    >>> voices(quotes)[["speaker_actor", "n_statements", "quoted_words"]].values.tolist()
    [['Ann', 2, 3], ['Bob', 1, 2]]

Words are whitespace-separated tokens holding at least one letter or digit (a lone dash is not a
word). Quoted words are the words of direct statements, of partial statements (quoted fragments)
and of the parts of mixed statements that stand between quotation marks.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd

from analysis.io.schema import TABLES, is_missing
from analysis.lexicons.actors import load_registry
from analysis.text.quotemarks import quotation_spans
from analysis.views.labels import shorten

#: Kinds of reported statement, from most to least direct.
KINDS: tuple[str, ...] = TABLES["quotes"].column("kind").enum or ("direct", "partial", "mixed", "indirect")


#: Kinds of provenance credit in the ``sources`` table.
SOURCE_KINDS: tuple[str, ...] = TABLES["sources"].column("kind").enum or ()


#: Source kinds that name the medium a statement came through.
VIA_KINDS: tuple[str, ...] = ("relayed_agency", "statement", "other_media")


#: How many sides :func:`country_sides` picks: a story's two sides (the countries whose speakers
#: are quoted most); ask for more on a corpus of many stories.
SIDE_COUNT = 2


#: Fewest statements a country's speakers need to be a side: a country quoted once is an aside.
MIN_SIDE_STATEMENTS = 2


#: Actor types that never take a side: agencies and outlets relay what the sides say.
SIDELESS_TYPES: tuple[str, ...] = ("media",)


#: Columns of the chain of custody, from the speaker to the publishing outlet.
CHAIN_COLUMNS: tuple[str, ...] = ("speaker_actor", "via", "agency", "outlet")


#: Label of a missing link of a chain of custody, per column (see :func:`collapse_chains`).
MISSING_LINKS: dict[str, str] = {
    "speaker_actor": "(no speaker)",
    "via": "(none named)",
    "agency": "(no agency)",
    "outlet": "(no outlet)",
}


_WORD = re.compile(r"\S*[^\W_]\S*")


_OPENING = "“«„"


_CLOSING = "”»"


def count_words(text: object) -> int:
    """Number of words in ``text``: whitespace-separated tokens with at least one letter or digit.

    Example:
        >>> count_words("Turkey — the “done deal.”"), count_words(None)
        (4, 0)
    """
    if is_missing(text):
        return 0
    return len(_WORD.findall(str(text)))


def quoted_words(text: object, *, kind: object) -> int:
    """Words of a statement that stand inside quotation marks.

    Direct and partial statements count all their words (their ``text`` is the quoted content
    without its marks); mixed statements count the words between paired quotation marks, or after a
    lone opening mark (before a lone closing mark) when the pair is cut by the statement's end
    (start); indirect statements count none.

    Args:
        text: The statement's ``text``.
        kind: Its ``kind``: direct, partial, mixed or indirect.

    Returns:
        The number of quoted words.

    Example:
        >>> quoted_words("the consequences would be “devastating” for Turkey", kind="mixed")
        1
        >>> quoted_words("We are determined.", kind="direct"), quoted_words("we are", kind="indirect")
        (3, 0)
        >>> quoted_words("2,521 shooting incidents” in the city", kind="mixed")
        3
    """
    if kind in ("direct", "partial"):
        return count_words(text)
    if kind != "mixed" or is_missing(text):
        return 0
    text = str(text)
    spans = quotation_spans(text)
    if spans:
        return sum(count_words(span.inner_text) for span in spans)
    marks = [(i, ch) for i, ch in enumerate(text) if ch in _OPENING + _CLOSING + '"']
    if not marks:
        return 0
    at, mark = marks[0]
    opens = mark in _OPENING or (mark == '"' and at + 1 < len(text) and not text[at + 1].isspace())
    return count_words(text[at + 1 :] if opens else text[:at])


def _ordered_groups(counts: pd.Series) -> list[object]:
    """Group labels by count (largest first), then by label; a missing label last."""
    labels = [label for label in counts.index if not pd.isna(label)]
    ordered = sorted(labels, key=lambda label: (-int(counts[label]), str(label)))
    if any(pd.isna(label) for label in counts.index):
        ordered.append(pd.NA)
    return ordered


def voices(quotes: pd.DataFrame, *, by: str = "speaker_actor") -> pd.DataFrame:
    """Who is quoted, how often and how: one row per actor (or per value of ``by``).

    Statements without a value in ``by`` (no resolved speaker) are counted in a last row whose label
    is ``<NA>``, so that the counts add up to the number of statements.

    Args:
        quotes: The ``quotes`` table (at least ``kind``, ``text`` and the ``by`` column).
        by: Column to group by: ``speaker_actor`` (default), ``speaker``, or an added column such as
            ``side`` (see :func:`sides`).

    Returns:
        Columns ``<by>``, ``n_statements``, ``n_direct``, ``n_partial``, ``n_mixed``, ``n_indirect``,
        ``n_articles``, ``quoted_words`` (words inside quotation marks), ``total_words`` (words of
        every statement) and ``share_direct`` (direct statements / statements); sorted by
        ``n_statements`` (largest first), then by label.

    Example:
        >>> quotes = pd.DataFrame({"article_id": ["a", "a", "b"], "kind": ["direct", "mixed", "indirect"],
        ...                        "text": ["We are determined", "it is “a done deal”", "the talks failed"],
        ...                        "speaker_actor": ["Erdogan", "Turkey", "Erdogan"]})
        >>> table = voices(quotes)
        >>> table[["speaker_actor", "n_statements", "n_direct", "n_mixed", "quoted_words", "total_words"]].values.tolist()
        [['Erdogan', 2, 1, 0, 3, 6], ['Turkey', 1, 0, 1, 3, 5]]
        >>> table["share_direct"].tolist()
        [0.5, 0.0]
    """
    columns = [by, "n_statements", *(f"n_{k}" for k in KINDS), "n_articles", "quoted_words", "total_words", "share_direct"]
    if quotes.empty:
        out = pd.DataFrame({c: pd.Series([], dtype="Int64") for c in columns})
        out[by] = pd.Series([], dtype="string")
        out["share_direct"] = pd.Series([], dtype="Float64")
        return out
    frame = pd.DataFrame(
        {
            "label": quotes[by].astype("string"),
            "kind": quotes["kind"].astype("string"),
            "article_id": quotes["article_id"] if "article_id" in quotes else pd.Series(pd.NA, index=quotes.index),
            "quoted": [quoted_words(t, kind=k) for t, k in zip(quotes["text"], quotes["kind"])],
            "words": [count_words(t) for t in quotes["text"]],
        },
        index=quotes.index,
    )
    groups = frame.groupby("label", dropna=False, sort=False)
    counts = groups.size()
    rows = []
    for label in _ordered_groups(counts):
        part = frame[frame["label"].isna()] if pd.isna(label) else frame[frame["label"] == label]
        kinds = part["kind"].value_counts()
        n = len(part)
        row = {by: label, "n_statements": n}
        row.update({f"n_{k}": int(kinds.get(k, 0)) for k in KINDS})
        row["n_articles"] = int(part["article_id"].nunique())
        row["quoted_words"] = int(part["quoted"].sum())
        row["total_words"] = int(part["words"].sum())
        row["share_direct"] = row["n_direct"] / n
        rows.append(row)
    out = pd.DataFrame(rows, columns=columns)
    out[by] = out[by].astype("string")
    for column in columns[1:-1]:
        out[column] = out[column].astype("Int64")
    out["share_direct"] = out["share_direct"].astype("Float64")
    return out


#: Label of the statements of unnamed sources in :func:`voice_labels`: one group, never a person.
ANONYMOUS_VOICES = "(unnamed sources)"


def voice_labels(quotes: pd.DataFrame) -> pd.Series:
    """Who speaks, for counting voices: the speaker's actor, with every anonymous or role source
    (``speaker_kind`` ``anonymous``) in one group of its own, :data:`ANONYMOUS_VOICES`.

    Example:
        >>> quotes = pd.DataFrame({"speaker_actor": ["Jane Roe", "senior U.S. official", None],
        ...                        "speaker_kind": ["person", "anonymous", "unresolved"]})
        >>> voice_labels(quotes).tolist()
        ['Jane Roe', '(unnamed sources)', <NA>]
    """
    actor = quotes["speaker_actor"].astype("string")
    anonymous = quotes["speaker_kind"].astype("string").eq("anonymous").fillna(False).to_numpy(dtype=bool)
    return actor.mask(anonymous, ANONYMOUS_VOICES)


def word_split(voice_table: pd.DataFrame, *, by: str = "speaker_actor") -> pd.DataFrame:
    """Words of each speaker (or group) split into quoted and paraphrased, from :func:`voices` output.

    Args:
        voice_table: Output of :func:`voices`.
        by: The label column of ``voice_table`` (the ``by`` given to :func:`voices`).

    Returns:
        Columns ``quoted`` (words inside quotation marks) and ``paraphrased`` (the other words of the
        statements), indexed by label, in the order of ``voice_table``; ready for
        :func:`analysis.plots.figures.stacked_bars`.

    Example:
        >>> table = pd.DataFrame({"side": ["Turkey", "other"], "quoted_words": [22, 0], "total_words": [68, 5]})
        >>> word_split(table, by="side").to_dict("index")
        {'Turkey': {'quoted': 22, 'paraphrased': 46}, 'other': {'quoted': 0, 'paraphrased': 5}}
    """
    words = voice_table.set_index(by)
    out = pd.DataFrame({"quoted": words["quoted_words"], "paraphrased": words["total_words"] - words["quoted_words"]})
    out.index.name = by
    return out


def kind_shares(quotes: pd.DataFrame, *, by: str | None = None, wide: bool = False) -> pd.DataFrame:
    """Share of each kind of statement (direct, partial, mixed, indirect), overall or per group.

    Every kind appears, with zero counts; groups come in the order of their number of statements
    (largest first, then by label; a missing label last).

    Args:
        quotes: The ``quotes`` table (at least ``kind``, and the ``by`` column when given).
        by: Column to group by (``speaker_actor``, ``side``, ``article_id``); ``None`` for all statements.
        wide: Return one row per group (index) and one column of shares per kind, ready for
            :func:`analysis.plots.figures.stacked_bars`, instead of the long table.

    Returns:
        Long: columns ``[<by>,] kind, n, share``, one row per group and kind. Wide: shares indexed by
        group (``all`` when ``by`` is ``None``), one column per kind.

    Example:
        >>> quotes = pd.DataFrame({"kind": ["direct", "indirect", "indirect", "direct"], "side": ["A", "A", "B", "A"]})
        >>> kind_shares(quotes)[["kind", "n", "share"]].values.tolist()
        [['direct', 2, 0.5], ['partial', 0, 0.0], ['mixed', 0, 0.0], ['indirect', 2, 0.5]]
        >>> kind_shares(quotes, by="side", wide=True).round(2).to_dict("index")
        {'A': {'direct': 0.67, 'partial': 0.0, 'mixed': 0.0, 'indirect': 0.33}, 'B': {'direct': 0.0, 'partial': 0.0, 'mixed': 0.0, 'indirect': 1.0}}
    """
    kinds = list(KINDS) + sorted(set(quotes["kind"].dropna().astype(str)) - set(KINDS))
    if by is None:
        labels: list[object] = ["all"]
        group_of = pd.Series("all", index=quotes.index, dtype="string")
    else:
        group_of = quotes[by].astype("string")
        labels = _ordered_groups(group_of.value_counts(dropna=False))
    rows = []
    for label in labels:
        part = quotes[group_of.isna()] if pd.isna(label) else quotes[group_of == label]
        counts = part["kind"].value_counts()
        total = len(part)
        for kind in kinds:
            n = int(counts.get(kind, 0))
            rows.append({"group": label, "kind": kind, "n": n, "share": n / total if total else 0.0})
    long = pd.DataFrame(rows, columns=["group", "kind", "n", "share"])
    long["kind"] = long["kind"].astype("string")
    long["n"] = long["n"].astype("Int64")
    long["share"] = long["share"].astype("Float64")
    if wide:
        table = long.pivot(index="group", columns="kind", values="share")
        table = table.reindex(index=pd.Index(labels, dtype="string" if by else object), columns=kinds).astype(float).fillna(0.0)
        table.index.name = by
        table.columns.name = "kind"
        return table
    if by is None:
        return long.drop(columns="group")
    long = long.rename(columns={"group": by})
    long[by] = long[by].astype("string")
    return long


def sides(quotes: pd.DataFrame, *, mapping: Mapping[str, str], by: str = "speaker_actor", other: str = "other") -> pd.DataFrame:
    """Add a ``side`` column: the side of the story each speaker is on.

    Args:
        quotes: A table with the ``by`` column (the ``quotes`` table, or :func:`voices` output).
        mapping: Actor -> side (``{"Recep Tayyip Erdogan": "Turkey", "Kathryn Wheelbarger": "United States"}``).
        by: Column holding the actors.
        other: Side of actors the mapping does not name (and of statements without an actor).

    Returns:
        A copy of ``quotes`` with a ``side`` column (``string``) added at the end.

    Example:
        >>> quotes = pd.DataFrame({"speaker_actor": ["Erdogan", "Wheelbarger", None]})
        >>> sides(quotes, mapping={"Erdogan": "Turkey", "Wheelbarger": "United States"})["side"].tolist()
        ['Turkey', 'United States', 'other']
    """
    out = quotes.copy()
    actors = out[by].astype("string") if len(out) else pd.Series([], dtype="string", index=out.index)
    side = actors.map(lambda actor: other if pd.isna(actor) else mapping.get(str(actor), other), na_action=None)
    out["side"] = pd.Series(side, index=out.index, dtype="string")
    return out


def country_sides(
    quotes: pd.DataFrame,
    actors: pd.DataFrame,
    *,
    n: int = SIDE_COUNT,
    min_statements: int = MIN_SIDE_STATEMENTS,
    by: str = "speaker_actor",
) -> dict[str, str]:
    """The sides of the story read off the data: the countries whose speakers are quoted most.

    A speaker's side is its country in the ``actors`` table (``country``, an ISO code: a person's
    nationality, an office's or ministry's state, a country itself), so "Erdogan", "the Turkish
    leader's office" and "Turkey" are all on the side *Turkey*. Countries are ranked by the
    statements of their speakers (ties by side name); the first ``n`` with at least
    ``min_statements`` statements are the sides. A side is named after the country's actor in
    ``actors`` (else the registry's, else the code). Media actors (:data:`SIDELESS_TYPES`) take
    no side, and speakers without a known country are left to ``other`` (see :func:`sides`):
    a country is never guessed from where a speaker is mentioned.

    Args:
        quotes: The ``quotes`` table (at least the ``by`` column).
        actors: The ``actors`` table (``actor``, ``type``, ``country``).
        n: How many sides to keep (:data:`SIDE_COUNT`).
        min_statements: Fewest statements a side needs (:data:`MIN_SIDE_STATEMENTS`).
        by: Column of ``quotes`` holding the speakers' actors.

    Returns:
        Actor -> side for every quoted actor on one of the sides, in actor order; the ``mapping``
        of :func:`sides`.

    Example:
        >>> quotes = pd.DataFrame({"speaker_actor": ["Erdogan", "Erdogan", "Turkey", "Wheelbarger", "Wheelbarger", "AFP"]})
        >>> actors = pd.DataFrame({"actor": ["Erdogan", "Turkey", "Wheelbarger", "AFP"],
        ...                        "type": ["person", "country", "person", "media"], "country": ["TR", "TR", "US", "FR"]})
        >>> country_sides(quotes, actors)
        {'Erdogan': 'Turkey', 'Turkey': 'Turkey', 'Wheelbarger': 'United States'}
    """
    if quotes.empty or actors.empty:
        return {}
    info = actors.drop_duplicates("actor")
    missing = pd.Series(pd.NA, index=info.index, dtype="string")
    rows = list(
        zip(
            info["actor"].astype(str),
            info["type"].astype("string") if "type" in info else missing,
            info["country"].astype("string") if "country" in info else missing,
        )
    )
    names = _registry_country_names()
    for actor, kind, code in sorted(rows, key=lambda row: row[0], reverse=True):  # the first actor of a code wins
        if kind == "country" and not pd.isna(code):
            names[str(code)] = actor
    side_of = {
        actor: names.get(str(code), str(code))
        for actor, kind, code in rows
        if not pd.isna(code) and (pd.isna(kind) or str(kind) not in SIDELESS_TYPES)
    }
    speakers = [s for s in quotes[by].dropna().astype(str) if s in side_of]
    counts = pd.Series([side_of[s] for s in speakers], dtype="object").value_counts()
    ranked = sorted((side for side in counts.index if counts[side] >= min_statements), key=lambda s: (-int(counts[s]), s))
    chosen = set(ranked[:n])
    return {speaker: side_of[speaker] for speaker in sorted(set(speakers)) if side_of[speaker] in chosen}


def _registry_country_names() -> dict[str, str]:
    """Country code -> name of the registry's country actors."""
    names: dict[str, str] = {}
    for name, entry in sorted(load_registry().actors.items()):
        if entry.get("type") == "country" and entry.get("country"):
            names.setdefault(str(entry["country"]), name)
    return names


def chain_of_custody(quotes: pd.DataFrame, sources: pd.DataFrame, articles: pd.DataFrame, *, width: int = 60) -> pd.DataFrame:
    """Who said it, through whom it reached the article, credited to whom: one row per statement.

    ``speaker_actor`` said it; ``via`` is the medium it came through (the statement's ``via``, or the
    name of a relaying agency, statement or other medium credited to it in ``sources``); ``agency`` is
    the article's byline agency (``articles.agency``, or its ``byline_agency`` source); ``outlet`` is
    the publishing outlet (``articles.outlet``, or the agency when the article names no outlet).

    Args:
        quotes: The ``quotes`` table.
        sources: The ``sources`` table.
        articles: The ``articles`` table.
        width: Statement texts are shortened to this many characters.

    Returns:
        Columns ``article_id``, ``quote_id``, ``speaker_actor``, ``via``, ``agency``, ``outlet``,
        ``kind`` and ``text`` (shortened), in the order of ``quotes``; missing values are ``<NA>``.

    Example:
        >>> quotes = pd.DataFrame({"article_id": ["a", "a"], "quote_id": [0, 1], "kind": ["direct", "indirect"],
        ...                        "text": ["We are determined", "the talks failed"],
        ...                        "speaker_actor": ["Erdogan", "Wheelbarger"], "via": ["Anadolu", None]})
        >>> sources = pd.DataFrame({"article_id": ["a"], "kind": ["byline_agency"], "name": ["AFP"], "quote_id": [None]})
        >>> articles = pd.DataFrame({"article_id": ["a"], "agency": ["AFP"], "outlet": [None]})
        >>> chain_of_custody(quotes, sources, articles)[["speaker_actor", "via", "agency", "outlet"]].values.tolist()
        [['Erdogan', 'Anadolu', 'AFP', 'AFP'], ['Wheelbarger', <NA>, 'AFP', 'AFP']]
    """
    columns = ["article_id", "quote_id", *CHAIN_COLUMNS, "kind", "text"]
    if quotes.empty:
        return pd.DataFrame({c: pd.Series([], dtype="Int64" if c == "quote_id" else "string") for c in columns})
    out = pd.DataFrame(
        {
            "article_id": quotes["article_id"].astype("string"),
            "quote_id": pd.to_numeric(quotes["quote_id"], errors="coerce").astype("Int64"),
            "speaker_actor": quotes["speaker_actor"].astype("string"),
            "via": quotes["via"].astype("string") if "via" in quotes else pd.Series(pd.NA, index=quotes.index, dtype="string"),
        }
    ).reset_index(drop=True)
    source_rows = sources if not sources.empty else pd.DataFrame(columns=["article_id", "kind", "name", "quote_id"])
    relayed = source_rows[source_rows["kind"].isin(VIA_KINDS) & source_rows["quote_id"].notna()]
    via_of = {
        (str(row.article_id), int(row.quote_id)): str(row.name)
        for row in relayed.sort_values(["article_id", "quote_id"], kind="stable").itertuples(index=False)
        if not pd.isna(row.name)
    }
    fallback = [via_of.get((str(a), int(q))) if not pd.isna(q) else None for a, q in zip(out["article_id"], out["quote_id"])]
    out["via"] = out["via"].fillna(pd.Series(fallback, dtype="string"))
    bylines = source_rows[source_rows["kind"] == "byline_agency"].dropna(subset=["name"])
    byline_of = bylines.drop_duplicates("article_id").set_index("article_id")["name"].astype("string")
    meta = articles.drop_duplicates("article_id").set_index("article_id")
    agency = meta["agency"].astype("string") if "agency" in meta else pd.Series(pd.NA, index=meta.index, dtype="string")
    agency = agency.fillna(byline_of.reindex(agency.index))
    outlet = meta["outlet"].astype("string") if "outlet" in meta else pd.Series(pd.NA, index=meta.index, dtype="string")
    outlet = outlet.fillna(agency)
    out["agency"] = out["article_id"].map(agency).astype("string")
    out["outlet"] = out["article_id"].map(outlet).astype("string")
    out["kind"] = quotes["kind"].astype("string").reset_index(drop=True)
    out["text"] = pd.Series([pd.NA if is_missing(t) else shorten(t, width) for t in quotes["text"]], dtype="string")
    return out[columns]


def photo_credits(sources: pd.DataFrame) -> pd.DataFrame:
    """The photo credits of the ``sources`` table, with photographer and agency.

    Args:
        sources: The ``sources`` table.

    Returns:
        Columns ``article_id``, ``source_id``, ``photographer``, ``agency`` and ``text`` (the credit
        as written), one row per ``photo_credit`` source, in article and text order.

    Example:
        >>> sources = pd.DataFrame({"article_id": ["a", "a"], "source_id": [0, 1], "kind": ["byline_agency", "photo_credit"],
        ...                         "photographer": [None, "Natalia Kolesnikova"], "agency": [None, "AFP"],
        ...                         "text": ["AFP", "AFP Photo/Natalia Kolesnikova"]})
        >>> photo_credits(sources)[["photographer", "agency"]].values.tolist()
        [['Natalia Kolesnikova', 'AFP']]
    """
    columns = ["article_id", "source_id", "photographer", "agency", "text"]
    if sources.empty:
        return pd.DataFrame({c: pd.Series([], dtype="Int64" if c == "source_id" else "string") for c in columns})
    rows = sources[sources["kind"] == "photo_credit"]
    out = pd.DataFrame({c: rows[c] if c in rows else pd.Series(pd.NA, index=rows.index) for c in columns})
    out = out.sort_values(["article_id", "source_id"], kind="stable").reset_index(drop=True)
    out["source_id"] = pd.to_numeric(out["source_id"], errors="coerce").astype("Int64")
    for column in ("article_id", "photographer", "agency", "text"):
        out[column] = out[column].astype("string")
    return out


def source_kinds(sources: pd.DataFrame, *, n_names: int = 3) -> pd.DataFrame:
    """The ``sources`` table by kind: how many credits, in how many articles, the most frequent names.

    Every kind of the contract appears (zero counts included), in the contract's order, followed by
    any other kind found.

    Args:
        sources: The ``sources`` table.
        n_names: How many of the most frequent names to list per kind.

    Returns:
        Columns ``kind``, ``n_sources``, ``n_articles`` and ``names`` (``; ``-separated, most frequent
        first, ties by name; ``<NA>`` when none).

    Example:
        >>> sources = pd.DataFrame({"article_id": ["a", "a", "b"], "kind": ["byline_agency", "photo_credit", "byline_agency"],
        ...                         "name": ["AFP", "Natalia Kolesnikova", "AFP"]})
        >>> source_kinds(sources).head(3).values.tolist()
        [['byline_agency', 2, 2, 'AFP'], ['byline_author', 0, 0, <NA>], ['photo_credit', 1, 1, 'Natalia Kolesnikova']]
    """
    found = set(sources["kind"].dropna().astype(str)) if "kind" in sources else set()
    kinds = list(SOURCE_KINDS) + sorted(found - set(SOURCE_KINDS))
    rows = []
    for kind in kinds:
        part = sources[sources["kind"] == kind] if found else sources.iloc[0:0]
        names = part["name"].dropna().astype(str).value_counts() if len(part) else pd.Series(dtype="int64")
        ranked = sorted(names.index, key=lambda name: (-int(names[name]), name))[:n_names]
        rows.append(
            {
                "kind": kind,
                "n_sources": len(part),
                "n_articles": int(part["article_id"].nunique()) if len(part) else 0,
                "names": "; ".join(ranked) if ranked else pd.NA,
            }
        )
    out = pd.DataFrame(rows, columns=["kind", "n_sources", "n_articles", "names"])
    out["kind"] = out["kind"].astype("string")
    out["n_sources"] = out["n_sources"].astype("Int64")
    out["n_articles"] = out["n_articles"].astype("Int64")
    out["names"] = out["names"].astype("string")
    return out


def collapse_chains(chains: pd.DataFrame, *, top_n: int | None = None) -> pd.DataFrame:
    """Identical chains of custody merged into one row with the number of statements that took it.

    Missing links are labelled (``(no speaker)``, ``(none named)``, ``(no agency)``, ``(no outlet)``).

    Args:
        chains: Output of :func:`chain_of_custody` (``speaker_actor``, ``via``, ``agency``, ``outlet``).
        top_n: Keep only the ``top_n`` most frequent chains.

    Returns:
        Columns ``speaker_actor``, ``via``, ``agency``, ``outlet`` and ``n_statements``, most frequent
        first (ties in label order).

    Example:
        >>> chains = pd.DataFrame({"speaker_actor": ["Ann", "Ann", "Bob"], "via": [None, None, "CNN"],
        ...                        "agency": ["AFP"] * 3, "outlet": ["AFP"] * 3})
        >>> collapse_chains(chains).values.tolist()
        [['Ann', '(none named)', 'AFP', 'AFP', 2], ['Bob', 'CNN', 'AFP', 'AFP', 1]]
    """
    labels = pd.DataFrame(
        {
            c: chains[c].astype("string").fillna(MISSING_LINKS[c]).astype(str) if c in chains else MISSING_LINKS[c]
            for c in CHAIN_COLUMNS
        },
        index=chains.index,
    )
    if labels.empty:
        return pd.DataFrame(
            {**{c: pd.Series([], dtype="string") for c in CHAIN_COLUMNS}, "n_statements": pd.Series([], dtype="Int64")}
        )
    counts = labels.value_counts(sort=False).rename("n_statements").reset_index()
    counts = counts.sort_values(list(CHAIN_COLUMNS), kind="stable").sort_values("n_statements", ascending=False, kind="stable")
    if top_n is not None:
        counts = counts.head(top_n)
    counts = counts.reset_index(drop=True)
    for column in CHAIN_COLUMNS:
        counts[column] = counts[column].astype("string")
    counts["n_statements"] = counts["n_statements"].astype("Int64")
    return counts


def quote_confidence(*, model_path: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame, float]:
    """How far to trust the quotes: the quote model's precision-recall curve over confidence
    thresholds and its reliability table, both measured on PolNeAR dev (held out) when it was
    trained, and its default threshold.

    Example:
        >>> curve, table, threshold = quote_confidence()
        >>> list(curve.columns), list(table.columns), 0 < threshold < 1
        (['threshold', 'precision', 'recall', 'f1'], ['bin', 'n', 'confidence', 'accuracy'], True)
    """
    from analysis.models.quotes import QUOTE_MODEL_FILE, load_quote_model

    model = load_quote_model(model_path or QUOTE_MODEL_FILE)
    held_out = model.meta.get("held_out") or {}
    curve = pd.DataFrame(held_out.get("curve", []), columns=["threshold", "precision", "recall", "f1"])
    table = pd.DataFrame(held_out.get("reliability", []), columns=["bin", "n", "confidence", "accuracy"])
    return curve, table, model.threshold


def act_counts(quotes: pd.DataFrame, *, by: str | None = None) -> pd.DataFrame:
    """Statements per act (speech, writing, document, belief, other), overall or per ``by`` value
    (one row per group, one column per act, zeros included).

    Example:
        >>> act_counts(pd.DataFrame({"act": ["speech", "speech", "belief"]})).values.tolist()
        [[2, 0, 0, 1, 0]]
    """
    from analysis.extract.acts import ACTS

    if by is None:
        counts = quotes["act"].value_counts().reindex(list(ACTS), fill_value=0)
        return pd.DataFrame([counts.to_numpy()], columns=list(ACTS), index=pd.Index(["all"], name="group"))
    table = pd.crosstab(quotes[by], quotes["act"]).reindex(columns=list(ACTS), fill_value=0)
    table.columns.name = None
    return table
