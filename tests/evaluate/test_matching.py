"""Predicted quotes matched to gold attributions: overlap, one-to-one matching, scores, speaker and cue accuracy."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.evaluate.matching import match_quotes, score_quotes
from tests.helpers.evaluation import g, gold_frame, p, pred_frame

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
