"""Saved web pages as input: main text, metadata and captions, built through the CLI."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis.config import PROJ_ROOT
from analysis.io.html import PageCaption, decode_page, page_captions, read_html_page
from analysis.io.package import load_package
from analysis.io.reading import read_inputs
from analysis.io.records import RawArticle, ReadError
from tests.helpers.spans import assert_span_rule

PAGES = PROJ_ROOT / "tests" / "data" / "pages"
ARTICLE = "a_news_article"
CLUTTERED = "b_cluttered_page"
EMPTY = "c_empty_page"

FIRST_PARAGRAPH = (
    "ROTTERDAM, Netherlands — Thousands of dock workers walked off the job at Europe’s largest port on Monday, "
    "halting container traffic in protest against plans to automate two of its terminals."
)
LAST_PARAGRAPH = "Talks between the union and the terminal operators are scheduled to resume on Thursday in The Hague."
CLUTTERED_PARAGRAPHS = [
    "The Millbrook public library reopened its doors on Saturday, eight months after a burst river bank flooded "
    "its ground floor and destroyed more than ten thousand books.",
    "Volunteers spent the summer drying archives and rebuilding shelves, and the town council paid for a new "
    "children’s reading room with money from a regional recovery fund.",
    "Head librarian Tom Okafor said the building was now better protected, with the computer room moved upstairs "
    "and flood barriers fitted at both entrances.",
]
CLUTTER = [
    "cookie",
    "Accept all cookies",
    "Manage preferences",
    "Home",
    "Local News",
    "Weather Forecast",
    "Obituaries",
    "Subscribe today",
    "Search the Gazette",
    "Trending now",
    "Mayor unveils new parking rules",
    "Share on Facebook",
    "Email this story",
    "Related stories",
    "River levels to be monitored",
    "Council approves flood defence budget",
    "Ten photos of the great flood",
    "newsletter",
    "About us",
    "Contact the newsroom",
    "Privacy policy",
    "Terms of use",
    "Valley Gazette Media Group",
]


def run_cli(*args: str, cwd: Path = PROJ_ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", *args], cwd=cwd, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[dict[str, pd.DataFrame], subprocess.CompletedProcess]:
    out = tmp_path_factory.mktemp("pages")
    done = run_cli("build", "tests/data/pages", "--out", str(out), "--no-progress")
    assert done.returncode == 0, done.stderr
    return load_package(out), done


def _article(tables: dict[str, pd.DataFrame], article_id: str) -> dict:
    rows = tables["articles"][tables["articles"]["article_id"] == article_id]
    assert len(rows) == 1, article_id
    return rows.iloc[0].to_dict()


def _parts(tables: dict[str, pd.DataFrame], article_id: str, part: str) -> list[str]:
    zones = tables["zones"]
    return zones[(zones["article_id"] == article_id) & (zones["part"] == part)]["text"].tolist()


# -- (a) a news article page --------------------------------------------------------------


def test_article_page_metadata(built):
    tables, _ = built
    article = _article(tables, ARTICLE)
    assert article["headline"] == "Port workers strike over automation plans"
    assert article["byline"] == "By Jane Doe"
    assert article["authors"] == "Jane Doe"
    assert article["date"] == "2024-03-12"
    assert article["outlet"] == "Harbour Herald"
    assert article["url"] == "https://www.harbourherald.example/news/2024/03/12/port-workers-strike"
    assert article["source_path"] == "tests/data/pages/a_news_article.html"
    assert article["dateline"] == "ROTTERDAM, Netherlands"


def test_article_page_caption_and_credit(built):
    tables, _ = built
    captions = tables["captions"][tables["captions"]["article_id"] == ARTICLE]
    assert len(captions) == 1
    caption = captions.iloc[0]
    assert caption["text"] == "Dock workers gather outside the Maasvlakte terminal in Rotterdam on Monday."
    assert caption["credit"] == "Pieter Jansen/Reuters"
    assert (caption["photographer"], caption["photo_agency"]) == ("Pieter Jansen", "Reuters")
    sources = tables["sources"][tables["sources"]["article_id"] == ARTICLE]
    credit = sources[sources["kind"] == "photo_credit"].iloc[0]
    assert (credit["name"], credit["agency"]) == ("Pieter Jansen", "Reuters")


def test_article_page_body_paragraphs(built):
    tables, _ = built
    article = _article(tables, ARTICLE)
    text = article["text"]
    blocks = text.strip().split("\n\n")
    assert blocks[:3] == [
        "Port workers strike over automation plans",
        "By Jane Doe",
        "Dock workers gather outside the Maasvlakte terminal in Rotterdam on Monday. (Pieter Jansen/Reuters)",
    ]
    assert blocks[3] == FIRST_PARAGRAPH
    assert blocks[-1] == LAST_PARAGRAPH
    assert article["n_paragraphs"] == 5
    body = _parts(tables, ARTICLE, "body")
    assert body[0] == FIRST_PARAGRAPH.split(" — ", 1)[1]
    assert body[-1] == LAST_PARAGRAPH
    # no sentence mixes the caption with the body, and the page chrome stays out
    sentences = tables["sentences"][tables["sentences"]["article_id"] == ARTICLE]
    assert sentences[sentences["zone"] == "caption"]["text"].tolist() == [
        "Dock workers gather outside the Maasvlakte terminal in Rotterdam on Monday."
    ]
    for chrome in ("News", "Business", "Sport", "All rights reserved", "Dock workers in Rotterdam walked out"):
        assert chrome not in text.replace("Dock workers gather", "").replace("dock workers walked", "")


def test_article_page_quote_found(built):
    tables, _ = built
    quotes = tables["quotes"][tables["quotes"]["article_id"] == ARTICLE]
    direct = quotes[quotes["kind"] == "direct"].iloc[0]
    assert direct["text"].startswith("We are not against progress")
    assert direct["speaker_actor"] == "Anna de Vries"


def test_span_rule_over_every_row(built):
    tables, _ = built
    assert assert_span_rule(tables) > 20


# -- (b) a page full of clutter -----------------------------------------------------------


def test_cluttered_page_keeps_only_the_article(built):
    tables, _ = built
    article = _article(tables, CLUTTERED)
    text = article["text"]
    for clutter in CLUTTER:
        assert clutter.lower() not in text.lower(), clutter
    assert article["headline"] == "Library reopens after flood repairs"
    assert article["outlet"] == "Valley Gazette"
    assert article["date"] == "2023-11-05"
    assert pd.isna(article["byline"]) and pd.isna(article["url"])
    assert _parts(tables, CLUTTERED, "body") == CLUTTERED_PARAGRAPHS
    assert text == "Library reopens after flood repairs\n\n" + "\n\n".join(CLUTTERED_PARAGRAPHS) + "\n"


# -- (c) an empty page ----------------------------------------------------------------------


def test_empty_page_is_an_error_row_and_the_rest_builds(built):
    tables, done = built
    report = tables["build_report"]
    assert "built 2 article(s)" in done.stdout and "1 error(s)" in done.stdout
    row = report[report["input"] == "tests/data/pages/c_empty_page.html"].iloc[0]
    assert row["status"] == "error"
    assert row["message"] == "no article text found in the page"
    assert "c_empty_page.html: no article text found in the page" in done.stderr
    assert sorted(report[report["status"] == "ok"]["article_id"]) == [ARTICLE, CLUTTERED]
    assert sorted(tables["articles"]["article_id"]) == [ARTICLE, CLUTTERED]


# -- the reader on its own ------------------------------------------------------------------


def test_read_inputs_reads_pages_with_file_stem_ids():
    items = list(read_inputs([PAGES]))
    assert [type(i).__name__ for i in items] == ["RawArticle", "RawArticle", "ReadError"]
    assert [i.article_id for i in items] == [ARTICLE, CLUTTERED, EMPTY]


def test_reading_is_deterministic():
    data = (PAGES / f"{ARTICLE}.html").read_bytes()
    first = read_html_page(data, source="x/a_news_article.html")
    second = read_html_page(data, source="x/a_news_article.html")
    assert isinstance(first, RawArticle) and first == second


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "file is empty"),
        (b"<html><body></body></html>", "no article text found in the page"),
        (
            b"<html><head><title>Only a title</title></head><body><nav><a href='/'>Home</a></nav></body></html>",
            "no article text found in the page",
        ),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "not an HTML page (binary data)"),
        (bytes(range(1, 32)) * 20, "not an HTML page (binary data)"),
        (b"Just a plain sentence, not a web page at all.", "not an HTML page (no HTML markup found)"),
        (b"\xef\xbb\xbf<!DOCTYPE html><html><body><div></div></body></html>", "no article text found in the page"),
    ],
)
def test_bad_pages_give_clear_errors(data, message):
    result = read_html_page(data, source="in/page.html")
    assert isinstance(result, ReadError)
    assert result.message == message
    assert result.source_path == "in/page.html" and result.article_id == "page"


def test_truncated_page_keeps_what_it_has():
    result = read_html_page(b"<html><body><p>Half a page <b>cut off in the mid", source="in/cut.html")
    assert isinstance(result, RawArticle)
    assert result.text == "Half a page cut off in the mid\n"


def test_random_bytes_never_raise():
    rng = random.Random(7)
    for size in (1, 10, 100, 5000):
        data = bytes(rng.randrange(256) for _ in range(size))
        assert isinstance(read_html_page(b"<html><body><p>" + data, source="r.html"), (RawArticle, ReadError))
        assert isinstance(read_html_page(data, source="r.html"), (RawArticle, ReadError))


def _page(body: str, head: str = "<title>Storm hits coast</title>") -> bytes:
    paragraphs = "".join(
        f"<p>{text}</p>"
        for text in (
            "A storm with winds of more than 120 kilometres an hour hit the coast on Sunday night, cutting power to thousands of homes.",
            "Emergency services said they had rescued several people from cars trapped by rising water on the coastal road.",
            "The weather service expects the wind to ease by Tuesday, but warned of more rain later in the week.",
        )
    )
    return f"<html><head><meta charset='utf-8'>{head}</head><body><article><h1>Storm hits coast</h1>{body}{paragraphs}</article></body></html>".encode()


def test_authors_make_a_byline_line():
    page = _page("", head="<title>Storm hits coast</title><meta name='author' content='Ana Silva; Tom Berg'>")
    article = read_html_page(page, source="storm.html")
    assert article.meta["byline"] == "By Ana Silva and Tom Berg"
    assert article.text.startswith("Storm hits coast\n\nBy Ana Silva and Tom Berg\n\nA storm")


@pytest.mark.parametrize(
    ("figure", "expected"),
    [
        (
            "<figcaption>Waves on the pier. <span class='credit'>AP Photo/Ben Ray</span></figcaption>",
            "Waves on the pier. (AP Photo/Ben Ray)",
        ),
        ("<figcaption>Waves on the pier. <small>Photo: Ben Ray/AFP</small></figcaption>", "Waves on the pier. (Ben Ray/AFP)"),
        (
            "<figcaption>Waves on the pier. Photograph: Ben Ray/Getty Images</figcaption>",
            "Waves on the pier. (Ben Ray/Getty Images)",
        ),
        (
            "<figcaption>Waves on the pier.</figcaption><span class='image-credit'>© Ben Ray</span>",
            "Waves on the pier. (Photo: Ben Ray)",
        ),
        ("<figcaption>Waves on the pier. <cite>Reuters</cite></figcaption>", "Waves on the pier. (Photo: Reuters)"),
    ],
)
def test_figcaption_credits(figure, expected):
    article = read_html_page(_page(f"<figure><img src='a.jpg'>{figure}</figure>"), source="storm.html")
    assert article.text.split("\n\n")[1] == expected


def test_captions_outside_the_article_and_without_credit_are_left_out():
    body = (
        "<figure><img src='a.jpg'><figcaption>Waves on the pier.</figcaption></figure>"
        "<aside class='related'><figure><figcaption>Last year’s storm. <span class='credit'>AP</span></figcaption></figure></aside>"
    )
    article = read_html_page(_page(body), source="storm.html")
    assert "Waves on the pier" not in article.text and "Last year" not in article.text
    assert article.text.split("\n\n")[1].startswith("A storm with winds")


def test_page_captions_read_figcaptions():
    from lxml import html

    tree = html.fromstring(
        "<div><figure><figcaption>Rain in Oslo. <span class='photo-credit'>(Ola Nordmann / NTB)</span></figcaption></figure>"
        "<nav><figure><figcaption>Menu picture</figcaption></figure></nav></div>"
    )
    assert page_captions(tree) == [PageCaption("Rain in Oslo.", "Ola Nordmann / NTB")]


def test_declared_charset_and_bom_are_honoured():
    latin = "<html><head><meta charset='iso-8859-1'></head><body><p>Caf\xe9</p></body></html>".encode("latin-1")
    assert "Café" in decode_page(latin)
    assert decode_page("<p>Café</p>".encode("utf-8-sig")) == "<p>Café</p>"
    assert decode_page("<p>Café</p>".encode("utf-16")) == "<p>Café</p>"
    assert "Café" in decode_page(b"<p>Caf\xe9</p>")  # undeclared legacy page: Windows-1252 as browsers read it
