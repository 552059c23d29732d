"""What kind of act a statement reports (``quotes.act``): by rule, and through the whole extractor."""

from __future__ import annotations

import pytest

from analysis.extract.acts import ACTS, act_of
from analysis.extract.tables import article_tables
from analysis.io.records import RawArticle


@pytest.mark.parametrize(
    ("cue_lemma", "method", "kind", "via_kind", "speaker_head", "expected"),
    [
        ("say", "cue", "indirect", None, "minister", "speech"),
        ("tell", "cue", "indirect", "outlet", "minister", "speech"),
        ("warn", "cue", "direct", None, "Erdogan", "speech"),
        ("write", "cue", "indirect", None, "senators", "writing"),
        ("tweet", "cue", "direct", None, "Trump", "writing"),
        ("say", "cue", "indirect", "platform", "president", "writing"),
        ("say", "cue", "indirect", "document", "ministry", "document"),
        ("show", "verb", "indirect", None, "poll", "document"),
        ("say", "cue", "indirect", None, "report", "document"),
        ("believe", "cue", "indirect", None, "he", "belief"),
        ("want", "cue", "indirect", None, "Turkey", "belief"),
        ("plan", "cue", "indirect", None, "Ankara", "belief"),
        ("according to", "according_to", "indirect", None, "official", "speech"),
        (None, "paragraph_speaker", "direct", None, None, "speech"),
        (None, "unattributed", "direct", None, None, "speech"),
        (None, "fragment", "partial", None, None, "other"),
        ("rule", "verb", "indirect", None, "panel", "other"),
        ("win", "verb", "indirect", None, "team", "other"),
    ],
)
def test_act_of(cue_lemma, method, kind, via_kind, speaker_head, expected):
    assert act_of(cue_lemma=cue_lemma, method=method, kind=kind, via_kind=via_kind, speaker_head=speaker_head) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("“We will not back down,” the minister said.", "speech"),
        ("Erdogan wrote on Twitter that the deal was done.", "writing"),
        ("The ministry said in a statement that talks would resume.", "document"),
        ("The minister believes that the deal will survive.", "belief"),
        ("Turkey wants to buy more missiles from Russia.", "belief"),
    ],
)
def test_act_column(sentence, expected):
    quotes = article_tables(RawArticle("a", "a.txt", "Missile talks\n\n" + sentence))["quotes"]
    assert quotes["act"].tolist() == [expected]
    assert set(quotes["act"]) <= set(ACTS)
