"""The per-article time budget: a slow article is reported with its size and stage; the rest go on."""

from __future__ import annotations

import time

import pytest

import analysis.build.blocks as blocks_module
from analysis.build.blocks import process_articles
from analysis.build.budget import OverBudget, article_budget, time_limit
from analysis.build.options import BuildOptions
from analysis.build.run import build_tables
from analysis.io.records import RawArticle


@pytest.mark.parametrize(
    ("chars", "seconds", "budget"),
    [(0, 20.0, 20.0), (1, 20.0, 20.0), (10_000, 20.0, 20.0), (10_001, 20.0, 40.0), (1_000_000, 2.0, 200.0)],
)
def test_budget_scales_with_length(chars, seconds, budget):
    assert article_budget(chars, seconds=seconds) == budget


def test_time_limit_interrupts_python_code_and_regular_expressions():
    import re

    with pytest.raises(OverBudget, match="stage parse"):
        with time_limit(0.2, stage="parse"):
            re.match(r"(a+)+$", "a" * 40 + "b")  # exponential backtracking: minutes without the limit
    with time_limit(None, stage="parse"):
        pass
    with time_limit(1.0, stage="zones"):
        time.sleep(0.01)  # within the limit: nothing raised, and the timer is cleared afterwards
    time.sleep(1.1)


ARTICLES = [
    (0, RawArticle("fast", "fast.txt", "Head\n\nThe minister said it was over.\n")),
    (1, RawArticle("slow", "slow.txt", "Head\n\nTurkey said NATO was wrong.\n")),
    (2, RawArticle("after", "after.txt", "Head\n\nThe spokesman said talks went on.\n")),
]


@pytest.mark.parametrize("stage", ["zones", "tokenize", "tabulate"])
def test_an_article_over_budget_is_an_error_naming_size_and_stage(monkeypatch, stage):
    target = {"zones": "split_zones", "tokenize": "make_doc", "tabulate": "rows_for"}[stage]
    original = getattr(blocks_module, target)

    def slow(*args, **kwargs):
        if "Turkey said NATO" in str(args[0] if stage == "zones" else getattr(args[0], "text", args[0])):
            time.sleep(3)
        return original(*args, **kwargs)

    monkeypatch.setattr(blocks_module, target, slow)
    outcomes = process_articles(ARTICLES, options=BuildOptions(time_budget=0.5))
    assert [o.raw.article_id for o in outcomes if o.rows is not None] == ["fast", "after"]
    (late,) = [o for o in outcomes if o.rows is None]
    assert late.error == (
        f"over its time budget of 0.5 s in stage {stage} (article of 34 characters); raise --time-budget to give it longer"
    )


def test_a_batch_over_budget_is_parsed_again_article_by_article(monkeypatch):
    """Only the article that is slow to parse is lost, not its batch."""
    nlp = blocks_module.load_pipeline(BuildOptions().pipeline)
    original = type(nlp).pipe

    def pipe(self, docs, **kwargs):
        docs = list(docs)
        if any("Turkey said NATO" in d.text for d in docs):
            time.sleep(3)
        return original(self, docs, **kwargs)

    monkeypatch.setattr(type(nlp), "pipe", pipe)
    outcomes = process_articles(ARTICLES, options=BuildOptions(time_budget=0.5))
    assert [(o.raw.article_id, o.rows is not None) for o in outcomes] == [("fast", True), ("slow", False), ("after", True)]
    assert "in stage parse (article of 34 characters)" in outcomes[1].error


def test_no_budget_means_no_limit():
    tables, report, _ = build_tables([], progress=False, time_budget=None)
    assert report.empty
    outcomes = process_articles(ARTICLES[:1], options=BuildOptions(time_budget=0))
    assert outcomes[0].rows is not None
