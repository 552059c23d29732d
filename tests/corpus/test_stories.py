"""Story groups in a build: story_id, origin guess, copy_share, the reuse tables and their span rule,
evaluate-reuse against the reuse_dev gold, and articles that cannot be compared."""

from __future__ import annotations

import pytest

from analysis.build.run import build, build_tables
from analysis.evaluate.reuse import main as evaluate_reuse
from analysis.io.package import load_package
from tests.conftest import shared_corpus
from tests.corpus.test_reuse import BACKGROUND, QUOTE, STORY_A, STORY_B, WIRE


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("stories")
    texts = {
        "wire": f"Erdogan holds firm\n\nANKARA (AFP) - {WIRE}",
        "copy": f"Turkey to buy missiles\n\n{WIRE} The lira was weaker against the dollar on the news.",
        "lead": f"Missile deal\n\n{WIRE.split('. ')[0]}.",
        "gas": f"Gas prices\n\n{STORY_A} {BACKGROUND}",
        "talks": f"Sochi talks\n\n{STORY_B} {BACKGROUND}",
        "q1": f"Erdogan in Ankara\n\nSpeaking in Ankara on Tuesday, {QUOTE}",
        "q2": f"Erdogan on TV\n\nIn a speech broadcast on state television, {QUOTE}",
        "quote_only": f"Quote\n\n{QUOTE.split(',')[0]}”",
    }
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    out = tmp_path_factory.mktemp("stories-out")
    build([folder], out=out, n_process=1, cache_dir=False, progress=False)
    return texts, load_package(out)


def test_story_groups_and_origin(corpus):
    _, tables = corpus
    rows = tables["articles"].set_index("article_id")[["story_id", "story_size", "story_origin", "copy_share"]]
    assert rows.loc[["wire", "copy", "lead"], "story_id"].tolist() == ["wire"] * 3  # the AFP-credited member is the origin
    assert rows.loc["wire", "story_origin"] == "AFP" and rows.loc["wire", "copy_share"] == 0.0
    assert (
        rows.loc["lead", "copy_share"] > 0.9 and 0.7 < rows.loc["copy", "copy_share"] < rows.loc["lead", "copy_share"]
    )  # headlines are their own
    for own in ("gas", "talks", "q1", "q2", "quote_only"):
        assert rows.loc[own, "story_id"] == own and rows.loc[own, "story_size"] == 1


def test_relations_of_the_pairs(corpus):
    _, tables = corpus
    pairs = {(r.article_a, r.article_b): r.relation for r in tables["reuse"].itertuples()}
    assert pairs == {
        ("copy", "lead"): "copy",
        ("copy", "wire"): "copy",
        ("lead", "wire"): "copy",
        ("gas", "talks"): "shared_passage",
        ("q1", "q2"): "shared_quote",
        ("q1", "quote_only"): "shared_quote",
        ("q2", "quote_only"): "shared_quote",
    }


def test_passages_obey_the_span_rule_on_both_sides(corpus):
    texts, tables = corpus
    text = tables["articles"].set_index("article_id")["text"]
    passages = tables["reuse_passages"]
    assert len(passages) >= 5
    for row in passages.itertuples():
        a, b = text[row.article_a][row.start_a : row.end_a], text[row.article_b][row.start_b : row.end_b]
        assert a and a.split() == b.split()
    shared = tables["reuse"].set_index(["article_a", "article_b"])
    assert shared.loc[("gas", "talks"), "shared_chars_a"] == len(BACKGROUND) - 1  # the background sentence, without its full stop


def test_an_article_with_only_quotations_is_reported(corpus, tmp_path):
    texts, _ = corpus
    (tmp_path / "q.txt").write_text(f"“{WIRE}”", encoding="utf-8")
    (tmp_path / "w.txt").write_text(texts["wire"], encoding="utf-8")
    _, report, _ = build_tables([tmp_path], progress=False)
    assert report.set_index("article_id").loc["q", "message"] == (
        "no text left to compare once its quotations are masked (only quotations are compared)"
    )


def test_reuse_dev_copy_pairs_against_gold(tmp_path, capsys):
    """reuse_dev (tuned on): copy pair F1 >= 0.95 and no shared-quote pair called a copy, through the build and the command."""
    root = shared_corpus("reuse_dev")
    build([root / "articles"], out=tmp_path, metadata=str(root / "meta.csv"), cache_dir=False, progress=False)
    assert evaluate_reuse(["--gold", str(root / "gold.json"), "--pred", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    f1 = float(printed.split("F1 ")[1].split()[0])
    assert f1 >= 0.95
    assert "shared-quote pairs called copies: 0" in printed


@pytest.mark.parametrize(("threshold", "relation"), [(0.25, "shared_passage"), (0.1, "copy")])
def test_the_copy_threshold_is_a_build_option(tmp_path, threshold, relation):
    (tmp_path / "gas.txt").write_text(f"Gas prices\n\n{STORY_A} {BACKGROUND}", encoding="utf-8")
    (tmp_path / "talks.txt").write_text(f"Sochi talks\n\n{STORY_B} {BACKGROUND}", encoding="utf-8")
    tables, _, _ = build_tables([tmp_path], copy_containment=threshold, progress=False)
    assert tables["reuse"]["relation"].tolist() == [relation]
    assert tables["articles"]["story_id"].nunique() == (1 if relation == "copy" else 2)
