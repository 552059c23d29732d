"""Entity views: the most mentioned named entities, values (ordinals, numbers, dates) left out."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.views import entities as entity_views


def _entities(*rows: tuple[str, str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["text", "label"])


def test_named_labels_are_the_ontonotes_name_types():
    assert set(entity_views.NAMED_LABELS) == {
        "PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE",
    }  # fmt: skip
    assert not {"ORDINAL", "CARDINAL", "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY"} & set(entity_views.NAMED_LABELS)


def test_seed_top_entities_leave_out_values(seed):
    table = entity_views.top_entities(seed["entities"], n=None)
    assert "72nd" not in set(table["text"])  # ORDINAL
    assert table.head(4).values.tolist() == [
        ["Turkey", 8, "GPE"],
        ["Ankara", 5, "GPE"],
        ["US", 4, "GPE"],
        ["Erdogan", 3, "PERSON"],
    ]
    assert {"S-400", "F-35"} <= set(table["text"])  # products are named things of the story


@pytest.mark.parametrize(
    ("rows", "options", "expected"),
    [
        # values are left out; ties by text
        (
            [("first", "ORDINAL"), ("first", "ORDINAL"), ("one", "CARDINAL"), ("UK", "GPE"), ("BBC", "ORG"), ("UK", "GPE")],
            {},
            [["UK", 2, "GPE"], ["BBC", 1, "ORG"]],
        ),
        # another set of labels, or every label
        ([("first", "ORDINAL"), ("UK", "GPE")], {"labels": ("ORDINAL",)}, [["first", 1, "ORDINAL"]]),
        ([("first", "ORDINAL"), ("UK", "GPE")], {"labels": None}, [["UK", 1, "GPE"], ["first", 1, "ORDINAL"]]),
        # a text with several labels counts the mentions of the kept labels only
        (
            [("Jordan", "GPE"), ("Jordan", "PERSON"), ("Jordan", "DATE"), ("Amman", "GPE")],
            {"n": 1},
            [["Jordan", 2, "GPE, PERSON"]],
        ),
        ([], {}, []),
    ],
)
def test_top_entities(rows, options, expected):
    table = entity_views.top_entities(_entities(*rows), **options)
    assert list(table.columns) == ["text", "mentions", "labels"]
    assert table.values.tolist() == expected
