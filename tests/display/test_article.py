"""The article view of the seed: zones, quotes with badges, entities, sources; escaping; the show command."""

from __future__ import annotations

import html
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import html as lxml_html

import analysis
from analysis.build.run import build
from analysis.config import PROJ_ROOT
from analysis.display.article import ArticleView, show
from tests.conftest import SEED_ID
from tests.helpers.markup import assert_balanced


@pytest.fixture(scope="module")
def seed(seed_package) -> dict:
    return seed_package


@pytest.fixture(scope="module")
def view(seed) -> ArticleView:
    return show(SEED_ID, tables=seed)


def _seed_rows(seed, name):
    frame = seed[name]
    return frame[frame["article_id"] == SEED_ID]


def test_show_is_exported_and_reads_the_default_package(view):
    assert analysis.show is show
    assert show(SEED_ID).html == view.html
    assert view._repr_html_() == view.html


def test_every_quote_with_speaker_actor(seed, view):
    quotes = _seed_rows(seed, "quotes")
    assert len(quotes) == 8
    for quote in quotes.itertuples():
        assert html.escape(quote.text) in view.html, quote.quote_id
        assert html.escape(quote.speaker_actor) in view.html
    tree = lxml_html.fragment_fromstring(view.html)
    marks = tree.xpath('//mark[contains(@class, "av-quote") and @data-quote-id]')
    assert sorted(int(m.get("data-quote-id")) for m in marks) == list(range(8))
    for quote in quotes.itertuples():
        mark = tree.xpath(f'//mark[@data-quote-id="{quote.quote_id}"]')[0]
        badge = mark.xpath('./span[@class="av-badge"]')[0].text_content()
        assert badge.startswith(f"{quote.kind} · {quote.speaker_actor}")
        assert mark.text_content() == badge + quote.text  # entities nest inside, text intact


def test_via_label_on_erdogans_direct_quote(view):
    tree = lxml_html.fragment_fromstring(view.html)
    mark = tree.xpath('//mark[@data-quote-id="2"]')[0]
    assert mark.get("data-kind") == "direct"
    badge = mark.xpath('./span[@class="av-badge"]')[0].text_content()
    assert badge == "direct · Recep Tayyip Erdogan (“Erdogan”) · via Anadolu"
    assert "via Anadolu" in badge
    # the speaker mention and the via phrase are marked in the text
    speakers = [s.text_content() for s in tree.xpath('//article//span[@class="av-speaker"]')]
    assert "Erdogan" in speakers and "She" in speakers
    assert [v.text_content() for v in tree.xpath('//article//span[@class="av-via"]')] == ["the official Anadolu news agency"]


def test_captions_are_boxed_with_their_credits(seed, view):
    tree = lxml_html.fragment_fromstring(view.html)
    boxes = tree.xpath('//figure[contains(@class, "av-caption")]')
    captions = _seed_rows(seed, "captions")
    assert len(boxes) == len(captions) == 2
    for box, caption in zip(boxes, captions.itertuples()):
        text = " ".join(box.text_content().split())
        assert " ".join(caption.text.split()) in text
        assert caption.credit in box.xpath('.//span[@class="av-credit"]')[0].text_content()
        assert f"{caption.photographer} · {caption.photo_agency}" in text
    # captions stand apart from the body paragraphs
    for paragraph in tree.xpath('//p[@class="av-p"]'):
        assert "Brendan Smialowski" not in paragraph.text_content()


def test_layout_headline_byline_dateline(view):
    tree = lxml_html.fragment_fromstring(view.html)
    assert tree.xpath('//h1[@class="av-headline"]')[0].text_content().endswith("no backtracking on S-400 deal with Russia")
    assert tree.xpath('//p[@class="av-dek"]')[0].text_content().startswith("Ankara pushing ahead")
    byline = tree.xpath('//p[@class="av-byline"]')[0]
    assert byline.xpath('.//span[@class="av-time"]')[0].text_content() == "Today, 9:54 am"
    assert "agency: AFP" in byline.text_content()
    assert tree.xpath('//span[@class="av-dateline"]')[0].text_content() == "ISTANBUL, Turkey"
    assert len(tree.xpath('//p[@class="av-p"]')) == 8


def test_entities_coloured_by_label_with_legend(seed, view):
    tree = lxml_html.fragment_fromstring(view.html)
    entities = _seed_rows(seed, "entities")
    marked = tree.xpath('//span[contains(@class, "av-ent ")]')
    assert len(marked) == len(entities)
    for label in entities["label"].unique():
        assert tree.xpath(f'//span[contains(@class, "av-ent-{label}")]')
        assert tree.xpath(f'//div[@class="av-legend"]//span[contains(@class, "av-swatch-{label}")]')
    assert ".av-ent-GPE{border-bottom-color:#dc2626}" in view.html


def test_sources_listed(seed, view):
    tree = lxml_html.fragment_fromstring(view.html)
    rows = tree.xpath('//section[@class="av-sources"]//tbody/tr')
    sources = _seed_rows(seed, "sources")
    assert len(rows) == len(sources) == 5
    for row, source in zip(rows, sources.itertuples()):
        cells = [td.text_content() for td in row.xpath("./td")]
        assert cells[1:4] == [source.kind, source.name, source.agency if isinstance(source.agency, str) else "—"]
    relayed = [r for r in rows if r.xpath("./td")[1].text_content() == "relayed_agency"][0]
    assert relayed.xpath("./td")[5].text_content() == "Recep Tayyip Erdogan"


def test_fragment_and_page_are_well_formed(view):
    assert_balanced(view.html)
    assert_balanced(view.page)
    lxml_html.fragment_fromstring(view.html)
    assert view.page.startswith("<!DOCTYPE html>\n")
    assert '<meta charset="utf-8">' in view.page


def test_unknown_article():
    with pytest.raises(KeyError, match="no article 'nope'"):
        show("nope")


@pytest.fixture(scope="module")
def script_package(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("script")
    (src / "xss.txt").write_text(
        "Danger <b>headline</b>\n\nThe page printed <script>alert(1)</script> under a photo.\n\n"
        "The minister said <script>x()</script> was “a test & more” on Monday.\n",
        encoding="utf-8",
    )
    out = src / "pkg"
    result = build([src / "xss.txt"], out=out, progress=False)
    assert result.n_articles == 1
    return out


def test_article_text_is_escaped(script_package):
    view = show("xss", data=script_package)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in view.html
    assert "<script" not in view.html.lower() and "<script" not in view.page.lower()
    assert "&lt;b&gt;headline&lt;/b&gt;" in view.html and "<b>headline" not in view.html
    assert "a test &amp; more" in view.html
    article = lxml_html.fragment_fromstring(view.html).xpath("//article")[0]
    for badge in article.xpath('.//span[@class="av-badge"]'):
        badge.drop_tree()
    text = article.text_content()
    assert "The minister said <script>x()</script> was" in text  # a quote starting inside the tag text
    assert_balanced(view.html)


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", *args], cwd=PROJ_ROOT, capture_output=True, text=True, timeout=600)


def test_cli_writes_the_same_page_twice(tmp_path):
    first, second = tmp_path / "a" / "out.html", tmp_path / "b" / "out.html"
    for path in (first, second):
        done = run_cli("show", SEED_ID, "--html", str(path))
        assert done.returncode == 0, done.stderr
        assert f"wrote {path.as_posix()}" in done.stdout
    assert first.read_bytes() == second.read_bytes()
    page = first.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    for external in ("<link", "<script", " src=", "@import", "url("):
        assert external not in page
    assert_balanced(page)


def test_cli_with_data_folder_and_unknown_id(tmp_path, script_package):
    done = run_cli("show", "xss", "--html", str(tmp_path / "x.html"), "--data", str(script_package))
    assert done.returncode == 0, done.stderr
    assert "&lt;script&gt;" in (tmp_path / "x.html").read_text(encoding="utf-8")
    done = run_cli("show", "missing", "--html", str(tmp_path / "y.html"))
    assert done.returncode == 1
    assert "no article 'missing'" in done.stderr
    assert not (tmp_path / "y.html").exists()
