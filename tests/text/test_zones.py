"""Zones of the seed article against the gold annotation, and table-driven layout cases."""

from __future__ import annotations

import pytest

from analysis.text.zones import parse_byline, parse_credit, split_zones


@pytest.fixture(scope="module")
def layout(seed_text):
    return split_zones(seed_text)


def test_every_part_is_a_span_of_the_text(layout, seed_text):
    for part in layout.parts:
        assert seed_text[part.start : part.end] == part.text


def test_seed_header_matches_gold(layout, gold):
    art = gold["article"]
    assert layout.date == art["date"]
    assert layout.headline == art["title"]
    assert layout.dek == art["dek"]
    assert layout.byline == art["byline"]
    assert layout.agency == art["agency"]
    assert layout.dateline == art["dateline"]
    assert layout.byline_time == "Today, 9:54 am"


def test_seed_captions_match_gold(layout, gold):
    got = [{"text": c.text, "credit": c.credit} for c in layout.captions]
    assert got == gold["article"]["captions"]
    assert [(c.photographer, c.agency) for c in layout.captions] == [
        ("Natalia Kolesnikova", "AFP"),
        ("Brendan Smialowski", "AFP"),
    ]


def test_seed_body_paragraphs(layout, seed_text, gold):
    body = layout.paragraphs("body")
    # gold counts 9 paragraph slots in the body flow: 8 body paragraphs and the caption between them
    assert len(body) == 8
    flow = [p for p in layout.text_parts() if p.paragraph_id >= body[0].paragraph_id]
    assert len(flow) == gold["article"]["n_body_paragraphs"] == 9
    assert [p.zone for p in flow].count("caption") == 1
    assert body[0].text.startswith("President Recep Tayyip Erdogan said Tuesday")
    assert body[-1].text.startswith("Erdogan on Wednesday spoke")
    assert body[4].text.startswith("Kathryn Wheelbarger")
    assert body[5].text.startswith("She said that")


def test_seed_parts_in_order(layout):
    assert [p.part for p in layout.parts] == [
        "date_header",
        "headline",
        "dek",
        "byline",
        "byline_time",
        "caption",
        "photo_credit",
        "dateline",
        "body",
        "body",
        "body",
        "body",
        "body",
        "caption",
        "photo_credit",
        "body",
        "body",
        "body",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Title\n\nBody one.\n\nBody two.", [("headline", "Title"), ("body", "Body one."), ("body", "Body two.")]),
        ("Only one paragraph of text.", [("body", "Only one paragraph of text.")]),
        (
            "WASHINGTON (Reuters) - The Senate voted.\n\nMore.",
            [("dateline", "WASHINGTON"), ("body", "The Senate voted."), ("body", "More.")],
        ),
        (
            "Head\n\nBy Jane Doe | Associated Press\nPARIS — It rained.",
            [("headline", "Head"), ("byline", "By Jane Doe | Associated Press"), ("dateline", "PARIS"), ("body", "It rained.")],
        ),
        (
            "Head\n\nOne.\n\nProtesters march in Ankara on Sunday. (Reuters/Umit Bektas)\n\nTwo.",
            [
                ("headline", "Head"),
                ("body", "One."),
                ("caption", "Protesters march in Ankara on Sunday."),
                ("photo_credit", "Reuters/Umit Bektas"),
                ("body", "Two."),
            ],
        ),
        (
            "Head\n\nThe minister (left) spoke to reporters (AP).\n\nTwo.",
            [("headline", "Head"), ("body", "The minister (left) spoke to reporters (AP)."), ("body", "Two.")],
        ),
        ("  \n\n Text after blank lines. ", [("body", "Text after blank lines.")]),
    ],
)
def test_layout_cases(text, expected):
    layout = split_zones(text)
    assert [(p.part, p.text) for p in layout.parts] == expected
    for p in layout.parts:
        assert text[p.start : p.end] == p.text


def test_title_field_marks_headline():
    layout = split_zones("Big vote\nThe Senate voted on Monday.", title="Big vote")
    assert layout.headline == "Big vote"


@pytest.mark.parametrize(
    ("credit", "expected"),
    [
        ("AFP Photo/Natalia Kolesnikova", ("Natalia Kolesnikova", "AFP")),
        ("AFP PHOTO / Brendan Smialowski", ("Brendan Smialowski", "AFP")),
        ("AP Photo/Evan Vucci", ("Evan Vucci", "AP")),
        ("Reuters/Umit Bektas", ("Umit Bektas", "Reuters")),
        ("Photo: Chip Somodevilla/Getty Images", ("Chip Somodevilla", "Getty Images")),
        ("Anadolu Agency", (None, "Anadolu")),
    ],
)
def test_parse_credit(credit, expected):
    assert parse_credit(credit) == expected


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("By AFP", ((), "AFP")),
        ("By Jane Doe, Reuters", (("Jane Doe",), "Reuters")),
        ("By JOHN SMITH and ANNA LEE", (("JOHN SMITH", "ANNA LEE"), None)),
        ("By Ayse Yilmaz | Anadolu Agency", (("Ayse Yilmaz",), "Anadolu")),
    ],
)
def test_parse_byline(byline, expected):
    assert parse_byline(byline) == expected
