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
