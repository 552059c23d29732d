"""Corpus-level speaker scores: B-cubed, the accuracy normalisation, anonymous-as-named, and the shape of the PolNeAR dev gold."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.config import PROJ_ROOT
from analysis.evaluate.cli import main
from analysis.evaluate.speakers import SPEAKER_KINDS, bcubed, load_speaker_gold, normalise_name, score_speakers
from analysis.io.brat import article_id_of, read_text
from tests.conftest import shared_corpus

GOLD_CSV = PROJ_ROOT / "tests" / "data" / "speaker_gold_polnear_dev.csv"


@pytest.mark.parametrize(
    ("gold", "pred", "expected"),
    [
        pytest.param(["a", "a", "b"], ["x", "x", "y"], (1.0, 1.0, 1.0), id="perfect"),
        pytest.param(["a", "a", "b", "b"], ["x", "x", "x", "x"], (0.5, 1.0, 2 / 3), id="all-in-one"),
        pytest.param(["a", "a", "b", "b"], [None, None, None, None], (1.0, 0.5, 2 / 3), id="all-singletons"),
        # items 1-3 gold a, item 4 gold b; predicted {1,2} x and {3,4} y:
        # precision 1, 1, 1/2, 1/2 -> 3/4; recall 2/3, 2/3, 1/3, 1 -> 2/3
        pytest.param(["a", "a", "a", "b"], ["x", "x", "y", "y"], (0.75, 2 / 3, 12 / 17), id="mixed"),
        pytest.param(["a"], [None], (1.0, 1.0, 1.0), id="one-singleton"),
    ],
)
def test_bcubed(gold, pred, expected):
    assert bcubed(gold, pred) == pytest.approx(expected)


def test_bcubed_empty_and_mismatched():
    assert all(math.isnan(value) for value in bcubed([], []))
    with pytest.raises(ValueError, match="labels"):
        bcubed(["a"], [])


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Donald Trump", "donald trump"),
        ("  DONALD   trump ", "donald trump"),
        ("Jorge Castañeda", "jorge castaneda"),
        ("Azucena Gonzàlez", "azucena gonzalez"),
        ("", None),
        (None, None),
        (pd.NA, None),
    ],
)
def test_normalise_name(value, expected):
    assert normalise_name(value) == expected


def _gold(*rows):
    canonical, kind = zip(*rows)
    n = len(rows)
    return pd.DataFrame(
        {
            "ann_file": ["art_4e07.ann"] * n,
            "content_start": [20 * i for i in range(n)],
            "content_end": [20 * i + 10 for i in range(n)],
            "canonical": list(canonical),
            "kind": list(kind),
        }
    )


def _pred(*actors, article="art"):
    n = len(actors)
    return pd.DataFrame(
        {
            "article_id": [article] * n,
            "quote_id": range(n),
            "start_char": [20 * i for i in range(n)],
            "end_char": [20 * i + 10 for i in range(n)],
            "speaker_actor": list(actors),
        }
    )


def test_accuracy_is_exact_after_normalisation():
    gold = _gold(
        ("Donald Trump", "person"), ("Jorge Castañeda", "person"), ("campaign aides", "anonymous"), ("Donald Trump", "person")
    )
    pred = _pred("DONALD  TRUMP", "Jorge Castaneda", "aides", "Trump")
    row = score_speakers(pred, gold).iloc[0]
    assert (row["n_matched"], row["n_resolved"]) == (4, 4)
    assert row["accuracy"] == pytest.approx(0.5)
    assert row["n_anonymous"] == 1 and row["n_anonymous_as_named"] == 0


def test_anonymous_given_to_named_person_and_unresolved():
    gold = _gold(
        ("Donald Trump", "person"),
        ("senior U.S. official", "anonymous"),
        ("unresolved", "unresolved"),
        ("unresolved", "unresolved"),
    )
    pred = _pred("Donald Trump", "donald trump", "X", "X")
    row = score_speakers(pred, gold).iloc[0]
    assert row["n_anonymous_as_named"] == 1
    assert row["n_resolved"] == 2 and row["accuracy"] == pytest.approx(0.5)
    # unresolved gold rows are singletons: the two "X" predictions cost precision
    assert row["bcubed_recall"] == pytest.approx(1.0)
    assert row["bcubed_precision"] == pytest.approx(0.5)


def test_missing_prediction_is_a_singleton_and_outside_articles_are_ignored():
    gold = _gold(("Donald Trump", "person"), ("Donald Trump", "person"))
    pred = pd.concat([_pred(None, None), _pred("Donald Trump", article="elsewhere")], ignore_index=True)
    row = score_speakers(pred, gold).iloc[0]
    assert (row["n_pred"], row["n_matched"]) == (2, 2)
    assert (row["bcubed_precision"], row["bcubed_recall"], row["accuracy"]) == (1.0, 0.5, 0.0)


def test_overlap_threshold_is_a_keyword():
    gold = _gold(("Donald Trump", "person"))
    pred = _pred("Donald Trump").assign(end_char=5)
    assert score_speakers(pred, gold)["n_matched"].item() == 1
    assert score_speakers(pred, gold, overlap=0.8)["n_matched"].item() == 0


def test_gold_rejects_unknown_kind(tmp_path):
    path = tmp_path / "gold.csv"
    _gold(("Donald Trump", "politician")).to_csv(path, index=False)
    with pytest.raises(ValueError, match="kind"):
        load_speaker_gold(path)


def test_gold_csv_shape():
    gold = load_speaker_gold(GOLD_CSV)
    assert list(gold.columns[:7]) == [
        "ann_file",
        "source_start",
        "source_end",
        "content_start",
        "content_end",
        "canonical",
        "kind",
    ]
    assert gold["ann_file"].nunique() >= 30
    assert set(gold["kind"]) <= set(SPEAKER_KINDS)
    assert gold["canonical"].notna().all()
    assert (gold["content_start"] < gold["content_end"]).all()
    with_source = gold["source_start"].notna()
    assert (gold.loc[with_source, "source_start"] < gold.loc[with_source, "source_end"]).all()
    assert not gold.duplicated(["ann_file", "source_start", "content_start"]).any()
    assert len({article_id_of(name).split("_")[0] for name in gold["ann_file"]}) == 7


def test_gold_csv_against_the_corpus():
    dev = shared_corpus("polnear", "dev")
    gold = pd.read_csv(GOLD_CSV)
    for ann_file, rows in gold.groupby("ann_file"):
        assert (dev / "attributions" / ann_file).is_file(), ann_file
        text = read_text(dev / "text" / f"{article_id_of(ann_file)}.txt")
        offsets = pd.concat([rows[column] for column in ("source_start", "source_end", "content_start", "content_end")]).dropna()
        assert offsets.between(0, len(text)).all(), ann_file
    texts = {article_id_of(name): read_text(dev / "text" / f"{article_id_of(name)}.txt") for name in gold["ann_file"].unique()}
    assert len(load_speaker_gold(GOLD_CSV, texts=texts)) == len(gold)


def test_main_prints_speaker_table(tmp_path, capsys):
    from tests.helpers.evaluation import ANN, ARTICLE

    ann_dir = tmp_path / "attributions"
    text_dir = tmp_path / "text"
    ann_dir.mkdir()
    text_dir.mkdir()
    (ann_dir / "obama-says_4e07.ann").write_text(ANN, encoding="utf-8")
    (text_dir / "obama-says.txt").write_bytes(ARTICLE.encode("utf-8"))
    speaker_gold = tmp_path / "speakers.csv"
    pd.DataFrame(
        {
            "ann_file": ["obama-says_4e07.ann"] * 2,
            "source_start": [0, 65],
            "source_end": [5, 68],
            "content_start": [11, 47],
            "content_end": [52, 52],
            "canonical": ["Barack Obama", "unresolved"],
            "kind": ["person", "unresolved"],
        }
    ).to_csv(speaker_gold, index=False)
    pred = tmp_path / "quotes.csv"
    pd.DataFrame(
        {"article_id": ["obama-says"], "quote_id": [1], "start_char": [11], "end_char": [52], "speaker_actor": ["Obama"]}
    ).to_csv(pred, index=False)
    args = ["--pred", str(pred), "--gold", str(ann_dir), "--no-baseline", "--speaker-gold", str(speaker_gold)]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "bcubed_f1" in out and "Barack Obama person Obama 1" in " ".join(out.split())
