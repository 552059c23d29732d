"""The build's CSV text is the typed table's CSV, byte for byte."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.io.schema import TABLES, csv_from_rows, frame_from_rows

MISSING = st.sampled_from([None, pd.NA, float("nan")])
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)
VALUES = {
    "string": st.one_of(MISSING, TEXT, st.sampled_from(["", ",", '"', "a\nb", "\r", " x ", "#"]), st.integers(-5, 5)),
    "Int64": st.one_of(MISSING, st.integers(-(2**62), 2**62), st.integers(0, 3).map(np.int64), st.booleans()),
    "Float64": st.one_of(
        MISSING,
        st.floats(allow_nan=False, allow_infinity=False),
        st.integers(-1000, 1000),
        st.floats(width=32, allow_nan=False, allow_infinity=False).map(np.float32),
    ),
    "boolean": st.one_of(MISSING, st.booleans(), st.booleans().map(np.bool_)),
}


def _rows(table: str) -> st.SearchStrategy[list[dict]]:
    columns = TABLES[table].columns
    row = st.fixed_dictionaries({}, optional={c.name: VALUES[c.dtype] for c in columns})
    return st.lists(row, max_size=6)


def _pandas_csv(rows: list[dict], table: str) -> str:
    return frame_from_rows(rows, table).to_csv(index=False, header=False, lineterminator="\n")


@pytest.mark.parametrize("table", ["quotes", "actions", "frames", "sentences"])
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_csv_from_rows_matches_the_typed_frame(table, data):
    rows = data.draw(_rows(table))
    text = csv_from_rows(rows, table)
    assert text == _pandas_csv(rows, table)
    if rows and "\r" not in text:  # reads back as the same typed table (reading makes line ends "\n")
        header = ",".join(TABLES[table].names) + "\n"
        dtypes = {c.name: c.dtype for c in TABLES[table].columns}
        back = pd.read_csv(io.StringIO(header + text), dtype=dtypes, keep_default_na=False, na_values=[""])
        pd.testing.assert_frame_equal(
            back, frame_from_rows(rows, table), check_exact=False, rtol=1e-12
        )  # the C parser may miss a float by one ulp


def test_csv_from_rows_of_every_table_has_one_field_per_column():
    for table in TABLES.values():
        line = csv_from_rows([{table.columns[0].name: "a"}], table.name)
        assert line == "a" + "," * (len(table.columns) - 1) + "\n"


def test_typed_frame_keeps_integers_past_2_53_beside_a_missing_value():
    """A float NaN in an integer column must not round the other integers through float64."""
    rows = [
        {"article_id": "a", "start_char": float("nan")},
        {"article_id": "a", "start_char": 0},
        {"article_id": "a", "start_char": -(2**53) - 1},
    ]
    assert frame_from_rows(rows, "sentences")["start_char"].tolist() == [pd.NA, 0, -(2**53) - 1]
