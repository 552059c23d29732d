"""Framing tables for a built package: the same rows with and without the package's sentence table."""

from __future__ import annotations

import pandas as pd

from analysis.build import framing as framing_build


def test_frame_rows_are_deterministic(seed, nlp):
    first = framing_build.framing_tables(seed["articles"], seed["sentences"], nlp=nlp)
    second = framing_build.framing_tables(seed["articles"], nlp=nlp)  # sentence rows rebuilt from the parse
    for name in framing_build.FRAMING_TABLES:
        pd.testing.assert_frame_equal(first[name], second[name])
