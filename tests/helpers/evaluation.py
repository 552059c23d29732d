"""Builders of predicted and gold quote frames, and a small brat file with its article (io and evaluate tests)."""

from __future__ import annotations

import pandas as pd

from analysis.io.gold import as_quotes


def pred_frame(*rows: dict) -> pd.DataFrame:
    """Predicted quotes; each row needs article_id, start_char, end_char."""
    frame = pd.DataFrame(list(rows))
    if "quote_id" not in frame.columns:
        frame["quote_id"] = [f"p{i}" for i in range(len(frame))]
    return as_quotes(frame)


def gold_frame(*rows: dict) -> pd.DataFrame:
    """Gold attributions; each row needs article_id and segments."""
    defaults = {"cue": pd.NA, "cue_segments": [], "source": pd.NA, "source_segments": []}
    records = [{**defaults, **row} for row in rows]
    frame = pd.DataFrame(records)
    frame["gold_id"] = [f"E{i + 1}" for i in range(len(frame))]
    return frame


def p(start, end, article="a", **extra) -> dict:
    return {"article_id": article, "start_char": start, "end_char": end, **extra}


def g(*segments, article="a", **extra) -> dict:
    return {"article_id": article, "segments": list(segments), **extra}


# --- a brat file: forward references, discontinuous and multi-line content, a stub event ------

ARTICLE = "Obama Says African-American youth unemployment fell.\nIt did not, she said firmly."
ANN = "\n".join(
    [
        "T1\tSource 0 5\tObama",
        "T2\tCue 6 10\tSays",
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",  # forward references
        "T3\tContent 11 52\tAfrican-American youth unemployment fell.",
        "T4\tAttribution 6 10\tSays",
        "T5\tContent 47 52;53 64\tfell.\nIt did not,",  # discontinuous, spans a line break
        "T6\tCue 69 73\tsaid",
        "T7\tSource 65 68\tshe",
        "T8\tAttribution 69 73\tsaid",
        "E2\tAttribution:T8 Cue:T6 Source:T7 Content:T5 Content2:T9",
        "T9\tContent 74 81\tfirmly.",
        "T10\tAttribution-no-source 6 10\tSays",
        "E3\tAttribution-no-source:T10 ",  # empty stub event: dropped
        "E4\tAttribution-no-source:T10 Cue:T2 Content:T3",
        "T11\tDiscard 0 5\tObama",
        "#1\tAnnotatorNotes T3\tcheck this",
        "",
        "",
    ]
)
