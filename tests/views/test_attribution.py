"""Attribution views of the seed package (exact values): voices, kinds and sides, chain of custody, sources."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.io.schema import empty_frame
from analysis.views import attribution as attribution_views
from tests.helpers.seed import ERDOGAN, OFFICE, WHEELBARGER

SEED_SIDES = {ERDOGAN: "Turkey", "Turkey": "Turkey", OFFICE: "Turkey", WHEELBARGER: "United States"}


@pytest.fixture(scope="module")
def chains(seed) -> pd.DataFrame:
    return attribution_views.chain_of_custody(seed["quotes"], seed["sources"], seed["articles"])


# --- voices -----------------------------------------------------------------------------------


def test_seed_voices_exact(seed):
    table = attribution_views.voices(seed["quotes"])
    columns = [
        "speaker_actor",
        "n_statements",
        "n_direct",
        "n_partial",
        "n_mixed",
        "n_indirect",
        "n_articles",
        "quoted_words",
        "total_words",
    ]
    assert table[columns].values.tolist() == [
        [WHEELBARGER, 3, 0, 0, 1, 2, 1, 1, 82],
        [ERDOGAN, 3, 1, 0, 0, 2, 1, 17, 47],
        [OFFICE, 1, 0, 0, 1, 0, 1, 3, 15],
        ["Turkey", 1, 0, 0, 1, 0, 1, 2, 6],
    ]
    assert table["share_direct"].tolist() == [0.0, pytest.approx(1 / 3), 0.0, 0.0]


def test_voices_columns_and_dtypes(seed):
    table = attribution_views.voices(seed["quotes"])
    assert list(table.columns) == [
        "speaker_actor",
        "n_statements",
        "n_direct",
        "n_partial",
        "n_mixed",
        "n_indirect",
        "n_articles",
        "quoted_words",
        "total_words",
        "share_direct",
    ]
    assert str(table["speaker_actor"].dtype) == "string"
    assert str(table["n_statements"].dtype) == "Int64" and str(table["share_direct"].dtype) == "Float64"
    assert (table[[f"n_{k}" for k in attribution_views.KINDS]].sum(axis=1) == table["n_statements"]).all()
    assert table["n_statements"].sum() == len(seed["quotes"])


def test_voices_keeps_statements_without_speaker_last():
    quotes = pd.DataFrame(
        {
            "article_id": ["a"] * 4,
            "kind": ["partial", "direct", "indirect", "partial"],
            "text": ["deplorables", "I will win", "it was over", "a “big” deal"],
            "speaker_actor": [None, "Zed", "Amy", None],
        }
    )
    table = attribution_views.voices(quotes)
    assert table["speaker_actor"].tolist()[:2] == ["Amy", "Zed"]  # ties in name order
    assert pd.isna(table["speaker_actor"].iloc[-1])
    assert table.iloc[-1][["n_statements", "n_partial", "quoted_words", "total_words"]].tolist() == [2, 2, 4, 4]


def test_voices_by_side(seed):
    table = attribution_views.voices(attribution_views.sides(seed["quotes"], mapping=SEED_SIDES), by="side")
    assert table[["side", "n_statements", "n_direct", "quoted_words", "total_words"]].values.tolist() == [
        ["Turkey", 5, 1, 22, 68],
        ["United States", 3, 0, 1, 82],
    ]


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("We have made an agreement (with Russia). We are determined.", "direct", 10),
        ("deplorables.", "partial", 1),
        ("the consequences would be “devastating” for Turkey’s joint F-35 fighter program", "mixed", 1),
        ("the purchase was a “done deal.”", "mixed", 2),
        ('he called it "a disgrace" and "a sham"', "mixed", 4),
        ("2,521 shooting incidents” in the city", "mixed", 3),  # closing mark only: the quote opened before
        ("voter fraud is “a big, big problem", "mixed", 4),  # opening mark only: the quote runs on
        ("no quotation marks here", "mixed", 0),
        ("Turkey would not withdraw", "indirect", 0),
        (None, "direct", 0),
    ],
)
def test_quoted_words(text, kind, expected):
    assert attribution_views.quoted_words(text, kind=kind) == expected


@pytest.mark.parametrize(("text", "expected"), [("a — b", 2), ("S-400 deal, (with Russia).", 4), ("", 0), ("“ ”", 0)])
def test_count_words(text, expected):
    assert attribution_views.count_words(text) == expected


# --- kinds and sides --------------------------------------------------------------------------


def test_seed_kind_shares_overall(seed):
    shares = attribution_views.kind_shares(seed["quotes"])
    assert shares["kind"].tolist() == ["direct", "partial", "mixed", "indirect"]
    assert shares["n"].tolist() == [1, 0, 3, 4]
    assert shares["share"].tolist() == [0.125, 0.0, 0.375, 0.5]


def test_seed_kind_shares_per_side(seed):
    quotes = attribution_views.sides(seed["quotes"], mapping=SEED_SIDES)
    wide = attribution_views.kind_shares(quotes, by="side", wide=True)
    assert list(wide.index) == ["Turkey", "United States"]
    assert list(wide.columns) == ["direct", "partial", "mixed", "indirect"]
    assert wide.loc["Turkey"].tolist() == [0.2, 0.0, 0.4, 0.4]
    assert wide.loc["United States"].tolist() == [0.0, 0.0, pytest.approx(1 / 3), pytest.approx(2 / 3)]
    long = attribution_views.kind_shares(quotes, by="side")
    assert list(long.columns) == ["side", "kind", "n", "share"]
    assert long.groupby("side")["n"].sum().to_dict() == {"Turkey": 5, "United States": 3}


def test_kind_shares_per_actor_sums_to_one(seed):
    wide = attribution_views.kind_shares(seed["quotes"], by="speaker_actor", wide=True)
    assert list(wide.index) == [WHEELBARGER, ERDOGAN, OFFICE, "Turkey"]
    assert wide.sum(axis=1).round(9).tolist() == [1.0] * 4


def test_sides_maps_unmapped_to_other(seed):
    out = attribution_views.sides(seed["quotes"], mapping={ERDOGAN: "Turkey"})
    assert out["side"].tolist() == ["Turkey"] * 3 + ["other"] * 5
    assert list(out.columns) == list(seed["quotes"].columns) + ["side"]
    assert "side" not in seed["quotes"].columns  # the input is not modified
    full = attribution_views.sides(seed["quotes"], mapping=SEED_SIDES)
    assert full.groupby("speaker_actor")["side"].first().to_dict() == {
        WHEELBARGER: "United States",
        OFFICE: "Turkey",
        ERDOGAN: "Turkey",
        "Turkey": "Turkey",
    }


def test_sides_of_missing_actor_and_custom_other():
    out = attribution_views.sides(
        pd.DataFrame({"speaker_actor": pd.Series(["A", None], dtype="string")}), mapping={}, other="elsewhere"
    )
    assert out["side"].tolist() == ["elsewhere", "elsewhere"]


def test_country_sides_of_the_seed_are_its_two_countries(seed):
    mapping = attribution_views.country_sides(seed["quotes"], seed["actors"])
    assert mapping == SEED_SIDES
    counts = attribution_views.sides(seed["quotes"], mapping=mapping)["side"].value_counts().to_dict()
    assert counts == {"Turkey": 5, "United States": 3}


def _quotes(*speakers: str | None) -> pd.DataFrame:
    return pd.DataFrame({"speaker_actor": pd.Series(speakers, dtype="string")})


_ACTORS = pd.DataFrame(
    {
        "actor": ["Ann", "Bob", "Cem", "Dan", "Eve", "AFP", "Greece", "Gus"],
        "type": ["person", "person", "person", "person", "person", "media", "country", "organization"],
        "country": ["GR", "GR", "TR", "FR", None, "FR", "GR", "IT"],
    }
)


@pytest.mark.parametrize(
    ("speakers", "options", "expected"),
    [
        # countries ranked by statements; names from the actors table, else the registry, else the code
        (["Ann", "Cem", "Cem", "Ann", "Dan", "Bob"], {}, {"Ann": "Greece", "Bob": "Greece", "Cem": "Turkey"}),
        (["Ann", "Cem", "Cem", "Ann", "Dan", "Dan"], {"n": 3}, {"Ann": "Greece", "Cem": "Turkey", "Dan": "France"}),
        # ties broken by side name; a country quoted once is no side
        (["Dan", "Dan", "Cem", "Cem", "Ann", "Ann"], {}, {"Dan": "France", "Ann": "Greece"}),
        (["Ann", "Ann", "Cem"], {}, {"Ann": "Greece"}),
        (["Ann", "Cem"], {"min_statements": 1}, {"Ann": "Greece", "Cem": "Turkey"}),
        # media relay statements and take no side; speakers without a country, unknown or missing, none
        (["AFP", "AFP", "Eve", "Eve", "Zed", "Zed", None, None], {}, {}),
        (["Gus", "Gus"], {}, {"Gus": "IT"}),
        ([], {}, {}),
    ],
)
def test_country_sides_picks_the_most_quoted_countries(speakers, options, expected, monkeypatch):
    monkeypatch.setattr(attribution_views, "_registry_country_names", lambda: {"TR": "Turkey", "FR": "France"})
    assert attribution_views.country_sides(_quotes(*speakers), _ACTORS, **options) == expected


def test_country_sides_names_come_from_the_registry():
    actors = pd.DataFrame({"actor": ["Ann"], "type": ["person"], "country": ["TR"]})
    assert attribution_views.country_sides(_quotes("Ann", "Ann"), actors) == {"Ann": "Turkey"}


# --- chain of custody -------------------------------------------------------------------------


def test_seed_chain_of_custody_of_erdogans_direct_quote(chains):
    direct = chains[chains["kind"] == "direct"]
    assert len(direct) == 1
    row = direct.iloc[0]
    assert (row["speaker_actor"], row["via"], row["agency"], row["outlet"]) == (ERDOGAN, "Anadolu", "AFP", "AFP")
    assert row["quote_id"] == 2
    assert row["text"].startswith("We have made an agreement (with Russia).") and len(row["text"]) <= 60


def test_seed_chain_of_custody_rows(chains, seed):
    assert list(chains.columns) == ["article_id", "quote_id", "speaker_actor", "via", "agency", "outlet", "kind", "text"]
    assert len(chains) == len(seed["quotes"]) == 8
    assert chains["quote_id"].tolist() == list(range(8))
    assert chains["speaker_actor"].tolist() == [ERDOGAN] * 3 + [WHEELBARGER] * 3 + ["Turkey", OFFICE]
    assert chains["via"].isna().tolist() == [True, True, False, True, True, True, True, True]
    assert set(chains["agency"]) == {"AFP"} and set(chains["outlet"]) == {"AFP"}


def test_seed_collapsed_chains(chains):
    collapsed = attribution_views.collapse_chains(chains)
    assert collapsed.values.tolist() == [
        [WHEELBARGER, "(none named)", "AFP", "AFP", 3],
        [ERDOGAN, "(none named)", "AFP", "AFP", 2],
        [OFFICE, "(none named)", "AFP", "AFP", 1],
        [ERDOGAN, "Anadolu", "AFP", "AFP", 1],
        ["Turkey", "(none named)", "AFP", "AFP", 1],
    ]
    assert attribution_views.collapse_chains(chains, top_n=2)["n_statements"].tolist() == [3, 2]


def test_chain_of_custody_via_from_sources_and_outlet_from_articles():
    quotes = pd.DataFrame(
        {
            "article_id": ["a", "b"],
            "quote_id": [0, 0],
            "kind": ["indirect", "direct"],
            "text": ["the deal was off", "We will not back down"],
            "speaker_actor": ["Ann", pd.NA],
            "via": [pd.NA, pd.NA],
        }
    )
    sources = pd.DataFrame(
        {
            "article_id": ["a", "b"],
            "kind": ["statement", "byline_agency"],
            "name": ["a statement", "Reuters"],
            "quote_id": [0, pd.NA],
        }
    )
    articles = pd.DataFrame({"article_id": ["a", "b"], "agency": ["AP", pd.NA], "outlet": ["The Daily", pd.NA]})
    out = attribution_views.chain_of_custody(quotes, sources, articles)
    assert out[["speaker_actor", "via", "agency", "outlet"]].fillna("-").values.tolist() == [
        ["Ann", "a statement", "AP", "The Daily"],
        ["-", "-", "Reuters", "Reuters"],
    ]


# --- sources ----------------------------------------------------------------------------------


def test_seed_photo_credits(seed):
    credits = attribution_views.photo_credits(seed["sources"])
    assert credits[["photographer", "agency"]].values.tolist() == [["Natalia Kolesnikova", "AFP"], ["Brendan Smialowski", "AFP"]]
    assert credits["text"].tolist() == ["AFP Photo/Natalia Kolesnikova", "AFP PHOTO / Brendan Smialowski"]
    article = seed["articles"].loc[0, "text"]
    sources = seed["sources"].set_index("source_id")
    for row in credits.itertuples():
        assert article[sources.loc[row.source_id, "start_char"] : sources.loc[row.source_id, "end_char"]] == row.text


def test_seed_source_kinds(seed):
    table = attribution_views.source_kinds(seed["sources"])
    assert table["kind"].tolist() == list(attribution_views.SOURCE_KINDS)
    assert dict(zip(table["kind"], table["n_sources"])) == {
        "byline_agency": 1,
        "byline_author": 0,
        "photo_credit": 2,
        "relayed_agency": 1,
        "according_to": 1,
        "statement": 0,
        "other_media": 0,
    }
    names = dict(zip(table["kind"], table["names"]))
    assert names["photo_credit"] == "Brendan Smialowski; Natalia Kolesnikova"
    assert names["relayed_agency"] == "Anadolu" and pd.isna(names["statement"])


# --- empty tables -----------------------------------------------------------------------------


def test_views_of_empty_tables(seed):
    quotes, sources = empty_frame("quotes"), empty_frame("sources")
    assert attribution_views.voices(quotes).empty and list(attribution_views.voices(quotes).columns)[:2] == [
        "speaker_actor",
        "n_statements",
    ]
    assert attribution_views.kind_shares(quotes)["n"].tolist() == [0, 0, 0, 0]
    assert attribution_views.kind_shares(quotes, by="speaker_actor", wide=True).empty
    assert attribution_views.sides(quotes, mapping=SEED_SIDES).columns[-1] == "side"
    assert attribution_views.chain_of_custody(quotes, sources, seed["articles"]).empty
    assert attribution_views.collapse_chains(attribution_views.chain_of_custody(quotes, sources, seed["articles"])).empty
    assert attribution_views.photo_credits(sources).empty
    assert attribution_views.source_kinds(sources)["n_sources"].sum() == 0
    only_quotes = attribution_views.chain_of_custody(seed["quotes"], sources, seed["articles"])
    assert only_quotes.loc[only_quotes["kind"] == "direct", "via"].tolist() == ["Anadolu"]
