"""Views of the ``entities`` table: the named entities the pipeline found, as written.

Plain functions, a table in and a table out, for notebook ``01_corpus_overview``::

    >>> entities = pd.DataFrame({"text": ["first", "Turkey", "Turkey", "Erdogan"],
    ...                          "label": ["ORDINAL", "GPE", "GPE", "PERSON"]})
    >>> top_entities(entities).values.tolist()
    [['Turkey', 2, 'GPE'], ['Erdogan', 1, 'PERSON']]
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

#: Labels of the entities that name someone or something: the eleven name types of the OntoNotes 5.0
#: scheme that spaCy's English models use (people, nationalities and political or religious groups,
#: facilities, organisations, countries and cities, other places, products, events, works, laws,
#: languages). Its seven value types (DATE, TIME, PERCENT, MONEY, QUANTITY, ORDINAL, CARDINAL) are
#: left out: "first" or "one" is not who or what a story is about.
NAMED_LABELS: tuple[str, ...] = (
    "PERSON",
    "NORP",
    "FAC",
    "ORG",
    "GPE",
    "LOC",
    "PRODUCT",
    "EVENT",
    "WORK_OF_ART",
    "LAW",
    "LANGUAGE",
)


def top_entities(entities: pd.DataFrame, *, n: int | None = 15, labels: Iterable[str] | None = NAMED_LABELS) -> pd.DataFrame:
    """The most mentioned entity texts (as written, before any linking to actors), with their labels.

    Only mentions whose ``label`` is in ``labels`` count, so values (ordinals, numbers, dates) do
    not crowd out the names; a text given several of the kept labels counts all their mentions.

    Args:
        entities: The ``entities`` table (at least ``text`` and ``label``).
        n: Keep the first ``n`` texts (``None``: all).
        labels: Labels to count (:data:`NAMED_LABELS`); ``None`` counts every label.

    Returns:
        Columns ``text``, ``mentions`` and ``labels`` (the kept labels the text was given, sorted and
        ``, ``-joined); most mentioned first, ties by text.

    Example:
        >>> entities = pd.DataFrame({"text": ["one", "one", "NATO"], "label": ["CARDINAL", "CARDINAL", "ORG"]})
        >>> top_entities(entities).values.tolist(), top_entities(entities, labels=None, n=1).values.tolist()
        ([['NATO', 1, 'ORG']], [['one', 2, 'CARDINAL']])
    """
    kept = entities.dropna(subset=["text"])
    if labels is not None:
        kept = kept[kept["label"].isin(list(labels))]
    frame = pd.DataFrame({"text": kept["text"].astype(str), "label": kept["label"].astype("string")})
    rows = []
    for text, part in frame.groupby("text", sort=True):
        rows.append((text, len(part), ", ".join(sorted(set(part["label"].dropna())))))
    rows.sort(key=lambda row: (-row[1], row[0]))
    out = pd.DataFrame(rows[:n] if n is not None else rows, columns=["text", "mentions", "labels"])
    return out.astype({"text": "string", "mentions": "Int64", "labels": "string"})


#: How deep a chain of parents is followed at most (an office of a ministry of a country is three).
MAX_PARENT_DEPTH = 5


def roll_up(values: pd.Series, actors: pd.DataFrame) -> pd.Series:
    """Actor keys replaced by the actor they belong to (``actors.parent``, followed to the top):
    the presidency and the ministries of a country counted as the country.

    Example:
        >>> actors = pd.DataFrame({"actor": ["White House", "United States", "Turkey Defense Ministry"],
        ...                        "parent": ["United States", None, "Turkey"]})
        >>> roll_up(pd.Series(["White House", "Turkey Defense Ministry", "NATO", None]), actors).tolist()
        ['United States', 'Turkey', 'NATO', <NA>]
    """
    parent = {a: p for a, p in zip(actors["actor"], actors["parent"]) if isinstance(p, str) and p}

    def top(actor: object) -> object:
        for _ in range(MAX_PARENT_DEPTH):
            if not isinstance(actor, str) or actor not in parent:
                break
            actor = parent[actor]
        return actor

    return values.map(top).astype("string")


def merged_names(actors: pd.DataFrame) -> pd.DataFrame:
    """The merges of the corpus step, for review: one row per actor that took in other names, with
    the names merged (``variants``) and the rules that merged them, most mentioned first.

    Example:
        >>> actors = pd.DataFrame({"actor": ["Michael Howard", "NATO"], "type": ["person", "organization"],
        ...                        "n_mentions": [9, 4], "variants": ["Howard; HOWARD", None], "merge_rule": ["spelling; surname", None]})
        >>> merged_names(actors).values.tolist()
        [['Michael Howard', 'person', 9, 'Howard; HOWARD', 'spelling; surname']]
    """
    columns = ["actor", "type", "n_mentions", "variants", "merge_rule"]
    kept = actors[actors["variants"].notna()] if len(actors) else actors
    return kept.sort_values(["n_mentions", "actor"], ascending=[False, True])[columns].reset_index(drop=True)
