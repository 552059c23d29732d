"""Issue frames in a parse: matches, scores and the primary frame; the seed's frames rows."""

from __future__ import annotations

import pytest

from analysis.extract import frames as frame_extract


def test_own_lexicon_can_be_passed(tmp_path, nlp):
    path = tmp_path / "frames.yml"
    path.write_text(
        "defaults: {cue_weight: 1.0, pattern_weight: 3.0}\nframes:\n"
        "  - {id: weather, label: Weather, cues: [rain], patterns: [heat wave]}\n"
        "  - {id: other, label: Other, cues: []}\n",
        encoding="utf-8",
    )
    doc = nlp("It rained during the heat wave.")
    assert frame_extract.frame_scores(doc, lexicon=path) == {"weather": 4.0}
    assert frame_extract.primary_frame("The minister resigned.", nlp=nlp, lexicon=path) == "other"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NATO allies threatened new sanctions.", "external_regulation_reputation"),
        ("The army deployed missiles near the border.", "security_defense"),
        ("Unemployment rose as wages fell.", "economic"),
        ("Police arrested two men after the robbery.", "crime_punishment"),
        ("A new poll shows most voters back the plan.", "public_opinion"),
        ("The weather was lovely.", "other"),
    ],
)
def test_primary_frame_examples(nlp, text, expected):
    assert frame_extract.primary_frame(text, nlp=nlp) == expected


def test_primary_frame_ties_go_to_the_earlier_frame(nlp):
    doc = nlp("The economy and the war.")
    assert frame_extract.frame_scores(doc) == {"economic": 1.0, "security_defense": 1.0}
    assert frame_extract.primary_frame(doc) == "economic"


def test_longest_match_wins_and_titles_are_skipped(nlp):
    doc = nlp("Defense Secretary Ash Carter inspected the missile defense system.")
    assert [(m.frame, m.term) for m in frame_extract.frame_matches(doc)] == [("security_defense", "missile defense system")]


# --- frames of the seed -------------------------------------------------------------------------


def test_seed_frames_rows(derived):
    frames = derived["frames"]
    assert list(frames.columns) == frame_extract.FRAMES_TABLE.names
    assert not frames.duplicated(list(frame_extract.FRAMES_TABLE.primary_key)).any()
    headline = frames[(frames["sentence_id"] == 0) & frames["terms"].notna()]
    assert headline[["zone", "frame", "terms"]].values.tolist() == [["headline", "security_defense", "s-400"]]
    primary = frames[(frames["sentence_id"] == 0) & frames["primary"]]
    assert primary["frame"].tolist() == [
        "external_regulation_reputation"
    ]  # "no backtracking on S-400 deal": the deal, not the weapon
    cued = frames[frames["terms"].notna()]
    assert (cued["n_terms"] == cued["terms"].str.split("; ").str.len()).all() and (
        frames[frames["terms"].isna()]["n_terms"] == 0
    ).all()
    assert all(round(s, 4) == s for s in frames["score"].astype(float))
