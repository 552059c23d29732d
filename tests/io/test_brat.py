"""brat standoff files read as gold attributions: segments, events, malformed lines, PolNeAR dev offsets."""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import pytest

from analysis.io.brat import article_id_of, read_brat, read_brat_dir, read_text
from tests.helpers.evaluation import ANN, ARTICLE

SHARED = Path(os.environ.get("NEWS_SHARED_DIR") or Path(__file__).resolve().parents[2].parent / "shared")
POLNEAR_DEV = SHARED / "corpora" / "polnear" / "dev"


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
