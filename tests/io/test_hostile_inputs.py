"""Inputs that used to crash or hang a whole build are reported per article, and the rest builds."""

from __future__ import annotations

import json

import pytest

from analysis.build.blocks import process_articles
from analysis.build.options import BuildOptions
from analysis.build.run import build_tables
from analysis.io.reading import read_jsonl
from analysis.io.records import RawArticle
from analysis.nlp.pipeline import load_pipeline
from analysis.text.dates import normalize_date

GOOD = "The minister said the deal was done."


def _line(**record) -> str:
    return json.dumps(record)


JSONL_CASES = [
    # (JSON line, expected status, expected message part)
    ('{"id": "s1", "text": "He said \\ud800 it."}', "error", "lone surrogate (U+D800) at character 8"),
    ('{"id": "s2", "text": "' + GOOD + '", "title": "Bad \\udc00 title"}', "error", "field 'title' holds a lone surrogate"),
    ('{"id": "s3", "text": "' + GOOD + '", "outlet": "\\ud83d"}', "error", "field 'outlet' holds a lone surrogate"),
    ('{"id": ' + "9" * 5000 + ', "text": "' + GOOD + '"}', "error", "a number of more digits than can be read"),
    ('{"id": NaN, "text": "' + GOOD + '"}', "error", "finite number"),
    ('{"id": "deep", "text": ' + "[" * 100_000 + "]" * 100_000 + "}", "error", "nested too deeply"),
    ('{"id": "d1", "text": "' + GOOD + '", "date": "-1"}', "ok", None),
    ('{"id": "d2", "text": "' + GOOD + '", "date": "2019-13-45"}', "ok", None),
]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    lines = [_line(id="first", text=GOOD)] + [case[0] for case in JSONL_CASES]
    lines.insert(1, _line(id="sep", text="One line\u2028still the same line.", title="A\u2029B\u0085C"))
    lines.append(_line(id="last", text=GOOD))
    (folder / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    tables, report, _ = build_tables([folder], progress=False)
    return tables, report


def test_every_line_is_accounted_for_and_the_rest_builds(hostile):
    tables, report = hostile
    rows = report[report["input"].str.endswith("a.jsonl")]
    assert rows["line"].tolist() == list(range(1, len(JSONL_CASES) + 4))
    ok = rows.loc[rows["status"] == "ok", "article_id"].tolist()
    assert ok == ["first", "sep", "d1", "d2", "last"]
    assert sorted(tables["articles"]["article_id"]) == sorted(ok)


@pytest.mark.parametrize(("line", "status", "message"), JSONL_CASES, ids=[c[2] or c[0][:20] for c in JSONL_CASES])
def test_each_hostile_line(hostile, line, status, message):
    _, report = hostile
    number = [c[0] for c in JSONL_CASES].index(line) + 3  # after "first" and "sep"
    row = report[report["input"].str.endswith("a.jsonl") & (report["line"] == number)].iloc[0]
    assert row["status"] == status
    if message:
        assert message in row["message"]


def test_a_line_separator_inside_a_string_keeps_the_line_whole():
    text = _line(id="a", text="x\u2028y") + "\n" + _line(id="b", text="z\u0085w")
    assert [(a.article_id, a.line, a.text) for a in read_jsonl(text, source="f.jsonl")] == [
        ("a", 1, "x\u2028y"),
        ("b", 2, "z\u0085w"),
    ]


def test_deep_json_is_one_error(hostile):
    _, report = hostile
    row = report[report["input"].str.endswith("deep.json")].iloc[0]
    assert (row["status"], row["message"]) == ("error", "malformed JSON (nested too deeply)")


def test_bad_dates_are_missing_not_fatal(hostile):
    tables, _ = hostile
    dates = tables["articles"].set_index("article_id")["date"]
    assert dates["d1"] is pd_na() and dates["d2"] is pd_na()
    assert (normalize_date("2019-02-29"), normalize_date("2020-02-29")) == (None, "2020-02-29")


def pd_na():
    import pandas as pd

    return pd.NA


def test_a_raised_max_chars_raises_the_pipeline_limit_too():
    options = BuildOptions(max_chars=3_000_000)
    process_articles([(0, RawArticle("a", "a", "Head\n\n" + GOOD))], options=options)
    assert load_pipeline().max_length >= 3_000_001
