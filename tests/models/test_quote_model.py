"""The quote model: its file, its features, its confidence, and its figures on PolNeAR dev (held out)."""

from __future__ import annotations

import gzip
import json

import numpy as np
import pandas as pd
import pytest

from analysis.build.run import build_tables
from analysis.config import PROJ_ROOT
from analysis.evaluate.cli import RULES, SYSTEM, evaluate, quote_systems
from analysis.evaluate.confidence import calibration_error, precision_recall, reliability
from analysis.extract.context import ArticleContext
from analysis.extract.statements import find_statements
from analysis.io.brat import read_brat_dir
from analysis.io.records import RawArticle
from analysis.models.quote_training import _fit, label_candidates
from analysis.models.quotes import QUOTE_MODEL_FILE, QuoteModel, load_quote_model, quote_model_record, statement_features
from tests.conftest import shared_corpus


def test_model_file_records_its_training_and_held_out_figures():
    with gzip.open(QUOTE_MODEL_FILE, "rt", encoding="utf-8") as handle:
        content = json.load(handle)
    meta = content["meta"]
    assert meta["training_data"]["corpus"].startswith("PolNeAR train")
    assert len(meta["training_data"]["gold_sha256"]) == 64
    assert len(content["features"]) == len(content["coef"]) > 100
    assert meta["held_out"]["model@0.3"]["f1"] > meta["held_out"]["rules@0.3"]["f1"]
    record = quote_model_record()
    assert record["file"] == "analysis/resources/models/quotes.json.gz" and len(record["sha256"]) == 64
    assert 0.3 <= record["threshold"] <= 0.7
    descriptor = json.loads((PROJ_ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["models"][1] == record


def test_candidates_leave_the_rules_statements_as_they_were():
    ctx = ArticleContext.of(
        RawArticle("a", "a", "Talks\n\nThe minister said the talks had failed. Senators voted against the sale.")
    )
    rules = find_statements(ctx.doc, ctx.layout, text=ctx.text)
    every = find_statements(ctx.doc, ctx.layout, text=ctx.text, candidates=True)
    assert [s for s in every if s.source != "verb"] == rules
    assert [(s.source, ctx.text[s.start : s.end]) for s in every if s.source == "verb"] == [("verb", "the sale")]


def test_features_and_confidence_are_deterministic_and_bounded():
    ctx = ArticleContext.of(RawArticle("a", "a", "Talks\n\n“We won,” Anna Berg said. The panel ruled that the law stood."))
    statements = find_statements(ctx.doc, ctx.layout, text=ctx.text, candidates=True)
    features = [statement_features(ctx.doc, s, zone="body") for s in statements]
    assert features == [statement_features(ctx.doc, s, zone="body") for s in statements]
    confidence = load_quote_model().confidence(features)
    assert ((confidence >= 0) & (confidence <= 1)).all()
    assert confidence[0] > 0.7  # a direct quote with a say-cue and a named speaker


def test_fit_is_deterministic():
    features = [["m=cue", "c=say"], ["m=verb", "c=win"], ["m=cue", "c=say"], ["m=verb", "c=win"]] * 3
    labels = np.array([1, 0, 1, 0] * 3)
    assert _fit(features, labels) == _fit(features, labels)
    model = QuoteModel.from_content(_fit(features, labels))
    assert model.probabilities([["m=cue", "c=say"]])[0] > 0.5 > model.probabilities([["m=verb", "c=win"]])[0]


@pytest.mark.parametrize(
    ("spans", "expected"),
    [
        ([(0, 10)], [1]),  # covers the whole content
        ([(0, 3)], [1]),  # 3 of 10 characters: the evaluation's 0.3
        ([(0, 2)], [0]),  # 2 of 10: under it
        ([(20, 30)], [0]),  # elsewhere
    ],
)
def test_labels_follow_the_evaluation_overlap(spans, expected):
    candidates = pd.DataFrame(
        {"article_id": ["a"] * len(spans), "start_char": [s for s, _ in spans], "end_char": [e for _, e in spans]}
    )
    gold = pd.DataFrame({"article_id": ["a"], "segments": [[(0, 10)]]})
    assert label_candidates(candidates, gold).tolist() == expected


def test_threshold_and_keep_low_confidence(tmp_path):
    """A default build holds the kept build's rows at or above the threshold, the same sources and
    mentions; --keep-low-confidence adds the rows under it."""
    text = (
        "Talks\n\nThe minister said the talks had failed, Anadolu reported. The team won the match on Sunday. "
        "Senators voted against the sale. The company bought a new factory."
    )
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    default, _, _ = build_tables([tmp_path], progress=False)
    kept, _, _ = build_tables([tmp_path], progress=False, keep_low_confidence=True)
    threshold = load_quote_model().threshold
    assert (default["quotes"]["confidence"] >= threshold).all()
    assert (kept["quotes"]["confidence"] < threshold).any()
    above = kept["quotes"][kept["quotes"]["confidence"] >= threshold]
    assert above["text"].tolist() == default["quotes"]["text"].tolist()
    assert kept["sources"][["kind", "name", "relays"]].equals(default["sources"][["kind", "name", "relays"]])
    assert len(kept["mentions"]) == len(default["mentions"])
    high, _, _ = build_tables([tmp_path], progress=False, min_quote_confidence=0.99)
    assert len(high["quotes"]) < len(default["quotes"])
    assert [name for name, _ in quote_systems(kept["quotes"])] == [SYSTEM, RULES]
    assert [name for name, _ in quote_systems(default["quotes"])] == [SYSTEM]


def test_calibration_error_and_curve_shapes():
    ece, table = calibration_error(np.array([0.95, 0.85, 0.15, 0.05]), np.array([1, 1, 0, 0]))
    assert round(ece, 3) == 0.1 and table["n"].tolist() == [1, 1, 1, 1]
    pred = pd.DataFrame(
        {"article_id": ["a", "a"], "quote_id": [0, 1], "start_char": [0, 20], "end_char": [10, 30], "confidence": [0.9, 0.2]}
    )
    gold = pd.DataFrame({"article_id": ["a"], "gold_id": ["E1"], "segments": [[(0, 10)]]})
    assert precision_recall(pred, gold, thresholds=(0.5,))["f1"].tolist() == [1.0]
    assert reliability(pred, gold)[1]["accuracy"].tolist() == [0.0, 1.0]


def test_polnear_dev_model_beats_the_rules_and_is_calibrated():
    """PolNeAR dev (held out, first annotation file per article), one build with the low-confidence
    quotes kept: the model's row beats the rules-only row at both overlaps; precision at the default
    threshold and the calibration error at their floors."""
    text_dir = shared_corpus("polnear", "dev", "text")
    tables, report, _ = build_tables([text_dir], progress=False, keep_low_confidence=True)
    assert (report["status"] == "ok").sum() == 84
    gold = read_brat_dir(text_dir.parent / "attributions")
    scores = evaluate(tables["quotes"], gold, overlaps=(0.3, 0.8), baseline=False).set_index(["system", "overlap"])
    print(scores.to_string())
    assert scores.loc[(SYSTEM, 0.3), "f1"] >= 0.75 and scores.loc[(SYSTEM, 0.8), "f1"] >= 0.645
    assert scores.loc[(SYSTEM, 0.3), "f1"] > scores.loc[(RULES, 0.3), "f1"] + 0.03
    assert scores.loc[(SYSTEM, 0.8), "f1"] > scores.loc[(RULES, 0.8), "f1"] + 0.03
    assert scores.loc[(SYSTEM, 0.3), "precision"] >= 0.85
    ece, _ = reliability(tables["quotes"], gold)
    assert ece <= 0.05


@pytest.mark.parametrize(
    "sentence",
    [
        "The bank did ban “toxic assets” from its books last year.",  # a scare quote after a verb
        "The film “The Kid Who Would Be King.” opens on Friday.",  # a title in quotation marks
        "ENERGY: Benchmark U.S. crude oil fell 2 percent to $51 a barrel.",  # a section label with a colon
        "Turkey is pushing ahead with the purchase of the missiles.",  # an act, not a statement
        "The team won the match on Sunday.",  # a verb with an object, nothing reported
    ],
)
def test_no_statement_in(sentence):
    from analysis.extract.tables import article_tables

    assert article_tables(RawArticle("n", "n.txt", "Markets\n\n" + sentence))["quotes"].empty
