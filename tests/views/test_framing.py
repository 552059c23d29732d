"""Framing views of the seed: frames along the article, actions per actor."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.views import framing as framing_views


@pytest.fixture(scope="module")
def seed_actions(derived) -> pd.DataFrame:
    return derived["actions"]


def test_frames_along_the_seed(seed, derived):
    along = framing_views.frames_along(derived["frames"], seed["sentences"])
    assert list(along.columns) == list(range(len(seed["sentences"])))
    assert along.loc["security_defense", 3] > 0  # the caption of the S-400
    binned = framing_views.frames_along(derived["frames"], seed["sentences"], bins=5)
    assert binned.sum().sum() == pytest.approx(along.sum().sum())


def test_action_summary_and_actor_verbs(seed_actions):
    summary = framing_views.action_summary(seed_actions)
    assert summary.iloc[0]["subject_actor"] == "Turkey"
    assert "plain noun" not in summary["subject_actor"].tolist()
    counts = framing_views.actor_verbs(seed_actions, top_n=3, top_verbs=2)
    assert list(counts.index) == summary["subject_actor"].head(3).tolist()
    assert counts.sum(axis=1).tolist() == summary["n_actions"].head(3).astype(int).tolist()
