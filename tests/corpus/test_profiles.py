"""Frame profiles (headline and lead weighted) and reporting styles of the seed article."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.corpus import profiles
from tests.helpers.seed import ERDOGAN, WHEELBARGER


def test_seed_frame_profile_top_three(seed, derived):
    profile = profiles.frame_profile(derived["frames"], seed["sentences"])
    top = profile[profile["rank"] <= 3]["frame"].tolist()
    assert "security_defense" in top and "external_regulation_reputation" in top
    assert profile["share"].sum() == pytest.approx(1.0, abs=1e-3)
    first = profile.iloc[0]
    expected = 3.0 * first["score_headline"] + 2.0 * first["score_lead"] + first["score_rest"]
    assert first["score"] == pytest.approx(expected)


def test_frame_profile_weights_and_corpus(seed, derived):
    flat = profiles.frame_profile(derived["frames"], seed["sentences"], headline_weight=1.0, lead_weight=1.0)
    raw = derived["frames"].groupby("frame")["probability"].sum().astype(float)  # every sentence counts, by probability
    assert dict(zip(flat["frame"], flat["score"].astype(float))) == pytest.approx(raw.to_dict(), abs=1e-3)
    corpus = profiles.frame_profile(derived["frames"], seed["sentences"], by=None)
    assert "article_id" not in corpus.columns and corpus["rank"].tolist() == list(range(1, len(corpus) + 1))


# --- reporting styles ---------------------------------------------------------------------------


def test_seed_reporting_styles(seed):
    quotes = seed["quotes"]
    styles = profiles.reporting_styles(quotes).set_index("speaker_actor")
    for speaker in (WHEELBARGER, ERDOGAN):
        mine = quotes[quotes["speaker_actor"] == speaker]
        assert set(mine["cue_lemma"]) <= {"say", "quote"}
        assert styles.loc[speaker, "neutral"] == (mine["cue_class"] == "neutral").sum() == len(mine) == 3
        assert styles.loc[speaker, "n_statements"] == 3
        assert styles.loc[speaker, ["assertive", "distancing", "threat", "belief", "intention"]].sum() == 0
    assert styles.loc["Office of the President of Turkey", "attribution"] == 1
    assert list(styles.columns) == ["n_statements", *profiles.cue_classes(), "unclassified"]


def test_reporting_styles_by_side_and_empty(seed):
    from analysis.views.attribution import sides

    quotes = sides(seed["quotes"], mapping={ERDOGAN: "Turkey", "Turkey": "Turkey", WHEELBARGER: "United States"})
    by_side = profiles.reporting_styles(quotes, by="side").set_index("side")
    assert by_side.loc["United States", "neutral"] == 3 and by_side.loc["Turkey", "neutral"] == 4
    empty = profiles.reporting_styles(seed["quotes"].head(0))
    assert empty.empty and "neutral" in empty.columns


def test_every_sentence_has_one_primary_frame_and_probabilities(seed, derived):
    frames = derived["frames"]
    primary = frames[frames["primary"].astype(bool)]
    assert sorted(primary["sentence_id"].tolist()) == sorted(seed["sentences"]["sentence_id"].tolist())
    assert frames.groupby("sentence_id")["probability"].sum().max() <= 1.0 + 1e-6
    assert (frames["probability"] >= 0).all() and frames["probability"].notna().all()


def test_lexicon_scores_without_the_model(seed):
    lexicon = profiles.frame_profile(
        seed["frames"].assign(probability=pd.NA), seed["sentences"], headline_weight=1.0, lead_weight=1.0
    )
    raw = seed["frames"].groupby("frame")["score"].sum().astype(float)
    got = {frame: score for frame, score in zip(lexicon["frame"], lexicon["score"].astype(float)) if score > 0}
    assert got == pytest.approx(raw[raw > 0].to_dict())
