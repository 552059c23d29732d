"""The medium a statement came through: ``via`` and ``via_kind`` for each style of relay, case by case.

Named media after told / in an interview with, "as quoted by", "X reported" and "according to X"
around another speaker's statement, documents, platforms; events (news conferences, briefings,
rallies, hearings, speeches) and audiences ("told reporters") are no via.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.extract.tables import article_tables
from analysis.io.records import RawArticle

HEADLINE = "Missile talks\n\n"
"""A headline without a verb, so the first quote is the sentence's."""


def _first_quote(sentence: str) -> tuple:
    quotes = article_tables(RawArticle("v", "v.txt", HEADLINE + sentence))["quotes"]
    assert len(quotes), f"no quote in {sentence!r}"
    row = quotes.iloc[0]
    return tuple(None if pd.isna(row[c]) else row[c] for c in ("speaker", "cue", "via", "via_kind"))


@pytest.mark.parametrize(
    ("sentence", "speaker", "cue", "via", "via_kind"),
    [
        ("The minister told NPR that the deal was done.", "The minister", "told", "NPR", "outlet"),
        ("Erdogan told Foreign Policy that the purchase would go ahead.", "Erdogan", "told", "Foreign Policy", "outlet"),
        ("Cavusoglu told CNN Turk that Turkey would not back down.", "Cavusoglu", "told", "CNN Turk", "outlet"),
        ("The senator told Fox News that sanctions were coming.", "The senator", "told", "Fox News", "outlet"),
        ("Akar told the state-run Anadolu news agency that the system would be deployed.", "Akar", "told", "Anadolu", "agency"),
        ("Esper told Reuters the offer still stood.", "Esper", "told", "Reuters", "agency"),
        ("The minister told reporters that the deal was done.", "The minister", "told", None, None),
        ("The minister told Erdogan that the deal was done.", "The minister", "told", None, None),
        ("The general told lawmakers that the jets would not be delivered.", "The general", "told", None, None),
        ("The spokesman told journalists in Ankara that talks would continue.", "The spokesman", "told", None, None),
        ("Erdogan said in an interview with CNN that the deal was done.", "Erdogan", "said", "CNN", "outlet"),
        ("The minister said in an interview with the BBC that Turkey had a choice.", "The minister", "said", "BBC", "outlet"),
        ("Erdogan said in an interview that the deal was done.", "Erdogan", "said", None, None),
        ("“We will not step back,” Erdogan said, as quoted by the Hurriyet Daily News.", "Erdogan", "said", "Hurriyet", "outlet"),
        ("The minister, quoted by Anadolu, said Turkey would not back down.", "The minister", "said", "Anadolu", "agency"),
        (
            "Erdogan was quoted as saying by Anadolu that the deal was done.",
            "Erdogan",
            "was quoted as saying",
            "Anadolu",
            "agency",
        ),
        ("Anadolu quoted the minister as saying that the deal was done.", "the minister", None, "Anadolu", "agency"),
        ("Cavusoglu said Turkey would not back down, Anadolu reported.", "Cavusoglu", "said", "Anadolu", "agency"),
        (
            "The minister said on Tuesday that the system would arrive in July, Reuters reported.",
            "The minister",
            "said",
            "Reuters",
            "agency",
        ),
        ("According to Anadolu, Cavusoglu said Turkey would not back down.", "Cavusoglu", "said", "Anadolu", "agency"),
        ("According to Reuters, the minister said the talks had failed.", "the minister", "said", "Reuters", "agency"),
        ("The ministry said the talks had failed, the Daily Sabah reported.", "The ministry", "said", "Daily Sabah", "outlet"),
        ("According to Reuters, the troops left on Friday.", "Reuters", "According to", None, None),
        ("According to a senior official, the troops left on Friday.", "a senior official", "According to", None, None),
        (
            "According to a statement from the ministry, the talks had failed.",
            "the ministry",
            "According to",
            "a statement",
            "document",
        ),
        ("The ministry said in a statement that talks would resume.", "The ministry", "said", "a statement", "document"),
        (
            "Turkey's Foreign Ministry said in a written statement that the decision was unfair.",
            "Turkey's Foreign Ministry",
            "said",
            "a written statement",
            "document",
        ),
        (
            "The White House statement said the sale was suspended.",
            "White House",
            "said",
            "The White House statement",
            "document",
        ),
        ("The Pentagon's statement said the jets would not be delivered.", "The Pentagon", "said", "statement", "document"),
        ("The senators wrote in a letter that sanctions were required by law.", "The senators", "wrote", "a letter", "document"),
        ("The ministry said in a press release that the deal was final.", "The ministry", "said", "a press release", "document"),
        ("Erdogan wrote on Twitter that the deal was done.", "Erdogan", "wrote", "Twitter", "platform"),
        ("The president said on Twitter that sanctions would follow.", "The president", "said", "Twitter", "platform"),
        ("The minister said in a tweet that the deal was done.", "The minister", "said", "a tweet", "platform"),
        (
            "The embassy said on its website that the visa service was suspended.",
            "The embassy",
            "said",
            "its website",
            "platform",
        ),
        ("The minister said on television that the deal was done.", "The minister", "said", "television", "platform"),
        ("Esper said at a news conference that Turkey had a choice.", "Esper", "said", None, None),
        ("The spokesman said during a briefing that the talks would continue.", "The spokesman", "said", None, None),
        ("Erdogan said at a rally in Istanbul that Turkey would not back down.", "Erdogan", "said", None, None),
        ("The senator said at a hearing that sanctions were required.", "The senator", "said", None, None),
        ("Erdogan said in a speech to party members that the deal was done.", "Erdogan", "said", None, None),
        ("Stoltenberg said at a press conference in Brussels that allies were concerned.", "Stoltenberg", "said", None, None),
    ],
)
def test_via(sentence, speaker, cue, via, via_kind):
    got_speaker, got_cue, got_via, got_kind = _first_quote(sentence)
    assert (got_speaker, got_via, got_kind) == (speaker, via, via_kind)
    if cue is not None:
        assert got_cue == cue


def test_relayed_statement_gives_its_source_row_the_speaker():
    """ "X said ..., Anadolu reported": a relayed_agency source whose ``relays`` is the speaker."""
    t = article_tables(RawArticle("v", "v.txt", HEADLINE + "Mevlut Cavusoglu said Turkey would not back down, Anadolu reported."))
    sources = t["sources"][["kind", "name", "relays"]].values.tolist()
    assert sources == [["relayed_agency", "Anadolu", "Mevlut Cavusoglu"]]
