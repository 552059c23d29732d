"""Metadata joined onto articles: --metadata files (CSV, JSONL), sidecars, titles as headlines, and
every problem listed in the build report while the rest builds."""

from __future__ import annotations

import json

import pytest

from analysis.build.run import build_tables
from analysis.io.metadata import read_metadata

BODY = "The minister said on Tuesday that Turkey would not back down on the missile deal."


@pytest.mark.parametrize(
    ("name", "content", "problems"),
    [
        ("meta.csv", "", [(None, "metadata file is empty")]),
        ("meta.csv", "outlet,url\nX,http://x.com\n", [(1, "metadata file has no 'id' column (the article id to join on)")]),
        ("meta.csv", "id,outlet\na,X,extra\nb,Y\n", [(2, "malformed metadata row: expected 2 fields, found 3")]),
        ("meta.csv", "id,outlet\na,X\na,Y\n", [(3, "metadata id 'a' given twice (first on line 2); this row is not used")]),
        ("meta.csv", "id,outlet\n", [(None, "metadata file holds no rows (only a header or blank lines)")]),
        (
            "meta.jsonl",
            '{"id": "a"}\n[1]\n{"id": \n',
            [(2, "expected a JSON object, found list"), (3, "malformed JSON (Expecting value at column 8)")],
        ),
        ("meta.jsonl", '{"outlet": "X"}\n', [(1, "metadata row without an id")]),
        (
            "meta.csv",
            b"id,outlet\na,Caf\xe9\n",
            [(None, "not valid UTF-8 (byte 0xe9 at offset 15); re-save the file as UTF-8 or pass --encoding (e.g. cp1252)")],
        ),
    ],
)
def test_metadata_file_problems(tmp_path, name, content, problems):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    assert [(p.line, p.message) for p in read_metadata(path).problems] == problems


def test_missing_metadata_file_is_a_problem_not_a_crash(tmp_path):
    assert [p.message for p in read_metadata(tmp_path / "none.csv").problems][0].startswith("cannot read metadata file")


@pytest.fixture
def folder(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(f"Erdogan holds firm\n\n{BODY}", encoding="utf-8")
    (src / "b.txt").write_text(f" date 2019-07-12 Deal goes on\n\n{BODY} Ankara said so.", encoding="utf-8")
    (src / "c.txt").write_text(f"Third piece\n\n{BODY} More talks followed.", encoding="utf-8")
    (src / "c.meta.json").write_text(json.dumps({"outlet": "TRT World", "section": "Turkey"}), encoding="utf-8")
    return src


def test_metadata_is_joined_and_every_problem_reported(folder, tmp_path):
    meta = tmp_path / "meta.csv"
    meta.write_text(
        "id,outlet,url,date,title,section\n"
        "a,Daily Sabah,https://www.dailysabah.com/x,2019-06-04,Erdogan holds firm,World\n"
        "b,Yahoo News,,2019-07-13,,\n"
        "c,Ahval,,,,\n"
        "zz,Nobody,,,,\n",
        encoding="utf-8",
    )
    tables, report, _ = build_tables([folder], metadata=str(meta), progress=False)
    articles = tables["articles"].set_index("article_id")
    assert articles.loc["a", ["outlet", "outlet_domain", "date", "headline"]].tolist() == [
        "Daily Sabah",
        "dailysabah.com",
        "2019-06-04",
        "Erdogan holds firm",
    ]
    assert articles.loc["b", "date"] == "2019-07-12"  # the date header printed in the text wins
    assert articles.loc["c", "outlet"] == "Ahval"  # the metadata file wins over the sidecar
    fields = tables["metadata"][["article_id", "field", "value", "origin"]].values.tolist()
    assert fields == [["a", "section", "World", "metadata file"], ["c", "section", "Turkey", "sidecar"]]
    messages = dict(zip(report["input"].str.rsplit("/", n=1).str[-1] + ":" + report["article_id"].fillna(""), report["message"]))
    assert messages["b.txt:b"] == (
        "metadata file date '2019-07-13' differs from the date header printed in the text ('2019-07-12'); the text's is used"
    )
    assert (
        messages["c.txt:c"] == "metadata file outlet 'Ahval' differs from the sidecar's 'TRT World'; the metadata file's is used"
    )
    assert messages["meta.csv:zz"] == "metadata row for 'zz' matches no article read"
    assert report.loc[report["article_id"] == "zz", "status"].tolist() == ["skipped"]
    assert messages["c.meta.json:"] == "skipped: metadata sidecar (joined onto article 'c')"
    assert (report["status"] == "ok").sum() == 3


def test_an_article_without_a_metadata_row_is_noted(folder, tmp_path):
    meta = tmp_path / "meta.jsonl"
    meta.write_text('{"id": "a", "outlet": "AFP"}\n', encoding="utf-8")
    _, report, _ = build_tables([folder / "b.txt"], metadata=str(meta), progress=False)
    rows = report.set_index("article_id")
    assert rows.loc["b", "message"] == f"no row for this article in metadata file {meta.as_posix()}"
    assert rows.loc["a", "status"] == "skipped"


def test_a_bad_metadata_file_leaves_the_articles_to_build(folder, tmp_path):
    meta = tmp_path / "meta.csv"
    meta.write_text("", encoding="utf-8")
    tables, report, _ = build_tables([folder], metadata=str(meta), progress=False)
    assert len(tables["articles"]) == 3
    assert report.loc[report["input"] == meta.as_posix(), ["status", "message"]].values.tolist() == [
        ["error", "metadata file is empty"]
    ]


def test_a_broken_sidecar_is_noted_and_the_article_builds(tmp_path):
    (tmp_path / "a.txt").write_text(f"Head\n\n{BODY}", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text("{not json", encoding="utf-8")
    tables, report, _ = build_tables([tmp_path], progress=False)
    assert len(tables["articles"]) == 1
    assert report.loc[report["article_id"] == "a", "message"].str.startswith("sidecar a.meta.json not used:").all()


@pytest.mark.parametrize(
    ("text", "title", "headline", "first_zone"),
    [
        (BODY, "Erdogan holds firm", "Erdogan holds firm", "body"),  # the title is not printed: the first paragraph stays body
        (f"Short first line\n\n{BODY}", "Erdogan holds firm", "Erdogan holds firm", "body"),
        (f"Erdogan Holds Firm\n\n{BODY}", "Erdogan holds firm | Daily News", "Erdogan holds firm | Daily News", "headline"),
        (f"Short first line\n\n{BODY}", None, "Short first line", "headline"),
    ],
)
def test_title_field_is_the_headline(tmp_path, text, title, headline, first_zone):
    record = {"id": "x", "text": text} | ({"title": title} if title else {})
    (tmp_path / "a.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    tables, _, _ = build_tables([tmp_path], progress=False)
    assert tables["articles"].loc[0, "headline"] == headline
    assert tables["sentences"].loc[0, "zone"] == first_zone


def test_extra_record_fields_are_user_fields(tmp_path):
    record = {"id": "x", "text": f"Head\n\n{BODY}", "section": "World", "wordcount": 512, "tags": ["a"], "language": "en"}
    (tmp_path / "a.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    tables, _, _ = build_tables([tmp_path], progress=False)
    assert tables["metadata"][["field", "value", "origin"]].values.tolist() == [
        ["section", "World", "record"],
        ["wordcount", "512", "record"],
    ]
    assert tables["articles"].loc[0, "language"] == "en"
