"""The span rule, checked over every row of every table (shared by several test modules)."""

from __future__ import annotations

import pandas as pd

SPAN_COLUMNS = [
    ("start_char", "end_char", "text"),
    ("speaker_start", "speaker_end", "speaker"),
    ("credit_start", "credit_end", "credit"),
    ("dateline_start", "dateline_end", "dateline"),
    ("cue_start", "cue_end", "cue"),
    ("via_start", "via_end", "via_text"),
    ("subject_start", "subject_end", "subject"),
    ("object_start", "object_end", "object"),
    ("oblique_start", "oblique_end", "oblique"),
    ("clause_start", "clause_end", "clause"),
]


def assert_span_rule(tables: dict[str, pd.DataFrame]) -> int:
    """Assert ``articles.text[start:end] == row.text`` for every spanned column; return rows checked."""
    texts = dict(zip(tables["articles"]["article_id"], tables["articles"]["text"]))
    checked = 0
    for name, frame in tables.items():
        if name == "articles":
            continue
        for start, end, column in SPAN_COLUMNS:
            if not {start, end, column} <= set(frame.columns):
                continue
            for row in frame[["article_id", start, end, column]].itertuples(index=False):
                if pd.isna(row[1]):
                    assert pd.isna(row[3]) or name in ("quotes",), (name, row)
                    continue
                got = texts[row[0]][int(row[1]) : int(row[2])]
                assert got == row[3], f"{name}.{column} {row[0]}[{row[1]}:{row[2]}] = {_short(got)} != {_short(row[3])}"
                checked += 1
    # the articles table's own dateline span
    arts = tables["articles"].dropna(subset=["dateline_start"])
    for row in arts.itertuples():
        assert row.text[int(row.dateline_start) : int(row.dateline_end)] == row.dateline
        checked += 1
    return checked


def _short(text: object, width: int = 120) -> str:
    shown = repr(text)
    return shown if len(shown) <= width else f"{shown[: width // 2]}...{shown[-width // 2 :]} ({len(str(text))} chars)"
