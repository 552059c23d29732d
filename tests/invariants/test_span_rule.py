"""The span rule, ``articles.text[start:end] == text``, over every row of every table: the seed, real corpora, awkward texts."""

from __future__ import annotations

import pytest

from analysis.build.run import build_tables
from analysis.extract.tables import article_tables
from analysis.io.records import RawArticle
from tests.conftest import shared_corpus
from tests.helpers.spans import assert_span_rule


@pytest.fixture(scope="module")
def seed_tables(seed_build):
    return seed_build


@pytest.fixture(scope="module")
def seed(seed_build):
    return seed_build


def test_span_rule_seed(seed_tables):
    t = seed_tables
    spans = len(t["sentences"]) + len(t["entities"]) + len(t["zones"]) + 2 * len(t["captions"]) + 1  # + dateline
    spans += len(t["sources"]) + 2 * len(t["quotes"]) + t["quotes"]["cue"].notna().sum() + t["quotes"]["via"].notna().sum()
    spans += len(t["mentions"]) + len(t["evaluative"])
    actions = t["actions"]
    spans += len(actions) + sum(actions[c].notna().sum() for c in ("subject", "object", "oblique", "clause"))
    assert assert_span_rule(t) == spans
    assert (len(t["sentences"]), len(t["entities"]), len(t["quotes"]), len(t["sources"])) == (15, 57, 8, 5)


def test_seed_span_rule(seed):
    assert assert_span_rule(seed) > 0


def test_span_rule_for_mentions(seed):
    assert assert_span_rule(seed) > 0


def test_span_rule_on_real_corpora():
    polnear = shared_corpus("polnear", "dev", "text")
    bbc = shared_corpus("bbc", "politics")
    files = sorted(polnear.glob("*.txt"))[:15] + sorted(bbc.glob("*.txt"))[:15]
    tables, report, _ = build_tables(files, progress=False)
    assert (report["status"] == "ok").sum() == 30
    assert assert_span_rule(tables) > 3000
    assert tables["sentences"].groupby("article_id")["zone"].first().eq("headline").all()


def test_article_tables_for_awkward_texts():
    cases = {
        "quotes": 'He said "this is \u201cunbalanced.\n\nAnother paragraph " with stray marks',
        "tabs": "Title\t\n\n\tBody\twith tabs.\r\n\r\nWindows line ends.\r\n",
        "emoji": "🚀 Launch\n\nThe rocket 🚀 flew. Zürich — Ω.",
        "nbsp": "Head\u00a0line\n\nBody\u00a0text\u2029more.",
    }
    for aid, text in cases.items():
        tables = article_tables(RawArticle(aid, f"{aid}.txt", text))
        assert assert_span_rule(tables) > 0
        assert tables["articles"].loc[0, "n_sentences"] == len(tables["sentences"])
