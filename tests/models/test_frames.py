"""The sentence frame model: the shipped file, its decisions, deterministic training, held-out scores."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis.extract.context import ArticleContext
from analysis.extract.frames import frame_rows
from analysis.io.records import RawArticle
from analysis.lexicons.frames import load_lexicon
from analysis.models import frame_training
from analysis.models.files import model_checksum, write_model
from analysis.models.frame_labels import FRAME_LABELS, SECOND_CODING, labels_version, load_frame_labels
from analysis.models.frames import FRAME_MODEL_FILE, load_frame_model, model_record

CASES = [
    ("Polls show Clinton leading among likely voters.", "public_opinion"),
    ("The company said its profits rose 20% to £75m in the third quarter.", "economic"),
    ("The Supreme Court ruled that the law was unconstitutional.", "legality_constitutionality"),
    ("Police arrested two men on suspicion of murder.", "crime_punishment"),
    ("NATO allies warned Turkey of consequences if it went ahead with the purchase.", "external_regulation_reputation"),
    ("The Russian S-400 missile system can shoot down stealth aircraft.", "security_defense"),
    ("The hospital said the patient had died of pneumonia.", "health_safety"),
    ("Labour will campaign on the economy at the general election.", "political"),
    ("The minister unveiled a plan to cut waiting lists by 2008.", "policy_prescription"),
]


@pytest.mark.parametrize(("sentence", "frame"), CASES)
def test_primary_frame_of_a_sentence(sentence, frame):
    ctx = ArticleContext.of(RawArticle("a", "a", "Head\n\n" + sentence))
    rows = [r for r in frame_rows(ctx.doc, ctx.index) if r["sentence_id"] == 1]
    assert [r["frame"] for r in rows if r["primary"]] == [frame]
    assert all(0.0 <= r["probability"] <= 1.0 for r in rows)


def test_a_sentence_without_a_cue_still_gets_a_frame():
    ctx = ArticleContext.of(RawArticle("a", "a", "Head\n\nThe spokesman declined to comment on Tuesday."))
    rows = frame_rows(ctx.doc, ctx.index)
    assert sorted({r["sentence_id"] for r in rows if r["primary"]}) == [0, 1]
    lexicon_only = frame_rows(ctx.doc, ctx.index, model=None)
    assert [r for r in lexicon_only if r["sentence_id"] == 1] == []


def test_the_shipped_model_records_its_training_data_metrics_and_checksum():
    model = load_frame_model()
    assert list(model.classes) == list(load_lexicon().ids)
    assert model.meta["training_data"] == labels_version(FRAME_LABELS)
    assert model.meta["n_train"] + model.meta["n_test"] == len(load_frame_labels())
    record = model_record()
    assert record["sha256"] == model_checksum(FRAME_MODEL_FILE) and record["file"] == "analysis/resources/models/frames.json.gz"
    held = record["held_out"]
    assert held["model"]["accuracy"] > held["lexicon"]["accuracy"] and held["model"]["macro_f1"] > held["lexicon"]["macro_f1"]
    assert FRAME_MODEL_FILE.stat().st_size < 2_500_000


def test_the_data_package_records_the_model():
    from analysis.config import PROJ_ROOT

    descriptor = json.loads((PROJ_ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["models"][0] == model_record()


def test_training_is_deterministic_and_the_file_byte_identical(tmp_path):
    features = [([f"w:{w}", "z:body"], [], [f"a:{w}"]) for w in ["poll", "vote", "poll", "tax", "price", "tax"]] * 3
    labels = pd.DataFrame(
        {
            "primary_frame": ["public_opinion", "political", "public_opinion", "economic", "economic", "economic"] * 3,
            "secondary_frames": [""] * 18,
        }
    )
    classes = list(load_lexicon().ids)
    first = frame_training.fit(features, labels, classes=classes)
    second = frame_training.fit(features, labels, classes=classes)
    assert first == second
    a = write_model({**first, "meta": {}}, tmp_path / "a.json.gz")
    b = write_model({**second, "meta": {}}, tmp_path / "b.json.gz")
    assert a.read_bytes() == b.read_bytes()
    model = load_frame_model(a)
    assert model.classes[int(model.probabilities([(["w:tax", "z:body"], [], ["a:tax"])]).argmax())] == "economic"
    assert first["untrained_classes"] == [c for c in classes if c not in {"public_opinion", "political", "economic"}]


def test_a_file_that_is_not_a_model_is_named(tmp_path):
    bad = tmp_path / "frames.json.gz"
    bad.write_text("not gzip", encoding="utf-8")
    with pytest.raises(ValueError, match="frames.json.gz: not a frame model file"):
        load_frame_model(bad)


def test_the_second_coding_agrees_with_the_labels():
    agreement = frame_training.cohen_kappa(load_frame_labels(), load_frame_labels(SECOND_CODING))
    assert agreement["n"] >= 200 and agreement["kappa"] >= 0.8


def test_held_out_scores_of_the_model_and_the_lexicon():
    """The held-out split (never trained on): floors of the shipped model (accuracy 0.641, macro-F1
    0.607 when trained; the accuracy target, 0.70, is not met) and the model above the lexicon."""
    from tests.conftest import shared_corpus

    shared_corpus("polnear", "dev", "text")
    meta = frame_training.evaluate_model()
    model, lexicon = meta["test_model"], meta["test_lexicon"]
    assert meta["n_test"] == 549 and not meta["left_out"]
    assert model["accuracy"] >= 0.63 and model["macro_f1"] >= 0.60
    assert model["accuracy"] > lexicon["accuracy"] + 0.1
