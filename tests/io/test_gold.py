"""Gold quotes from the seed's JSON annotation: offsets found in the text, nearest speaker mention."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from analysis.io.brat import read_text
from analysis.io.gold import gold_from_json

SHARED = Path(os.environ.get("NEWS_SHARED_DIR") or Path(__file__).resolve().parents[2].parent / "shared")
SEED_ID = "000_d511d069cc7f123d"


@pytest.fixture(scope="module")
def seed_files():
    json_path = SHARED / "gold" / f"{SEED_ID}.json"
    text_path = SHARED / "seed" / f"{SEED_ID}.txt"
    if not (json_path.is_file() and text_path.is_file()):
        pytest.skip(f"seed gold not found under {SHARED} (set NEWS_SHARED_DIR)")
    return json_path, read_text(text_path)


def test_gold_from_json_seed(seed_files):
    json_path, text = seed_files
    quotes = json.loads(json_path.read_text(encoding="utf-8"))["quotes"]
    gold = gold_from_json(json_path, text)
    assert len(gold) == len(quotes) == 8
    assert gold["article_id"].unique().tolist() == [SEED_ID]
    assert gold["start_char"].is_monotonic_increasing
    for row, quote in zip(gold.itertuples(), quotes):
        assert text[row.start_char : row.end_char] == row.text == quote["content"]
        ((source_start, source_end),) = row.source_segments
        assert text[source_start:source_end] == row.source
        assert row.source in quote["speaker_mentions"]
        ((cue_start, cue_end),) = row.cue_segments
        assert text[cue_start:cue_end].lower() == quote["cue"].lower()
        assert row.speaker_actor == quote["speaker"]
        assert cue_end <= row.start_char or cue_start >= row.end_char


@pytest.mark.parametrize(
    ("gold_id", "source", "context_after"),
    [
        ("Q1", "Turkey’s Erdogan", " says"),
        ("Q3", "Erdogan", " was quoted"),
        ("Q4", "a top Pentagon official", " said the"),
        ("Q7", "Turkey", " has defied"),
        ("Q8", "the Turkish leader’s office", ", they"),
    ],
)
def test_gold_from_json_nearest_mention(seed_files, gold_id, source, context_after):
    json_path, text = seed_files
    row = gold_from_json(json_path, text).set_index("gold_id").loc[gold_id]
    ((start, end),) = row["source_segments"]
    assert row["source"] == source
    assert text[end : end + len(context_after)] == context_after


def test_gold_from_json_missing_content(tmp_path):
    path = tmp_path / "x.json"
    path.write_text(json.dumps({"id": "x", "quotes": [{"content": "not here", "speaker_mentions": []}]}))
    with pytest.raises(ValueError, match="quote 1 content not found"):
        gold_from_json(path, "some other text")


def test_gold_from_json_lenient_whitespace(tmp_path):
    path = tmp_path / "x.json"
    quote = {"content": 'the deal is "done"', "speaker": "Ann Lee", "speaker_mentions": ["Lee"], "cue": "said"}
    path.write_text(json.dumps({"id": "x", "quotes": [quote]}))
    text = "Lee said the deal\nis “done” today."
    gold = gold_from_json(path, text)
    assert (gold.loc[0, "start_char"], gold.loc[0, "end_char"]) == (9, 27)
    assert gold.loc[0, "source_segments"] == [(0, 3)]
