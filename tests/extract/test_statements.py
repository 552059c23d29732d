"""Reported statements: the pattern table (kind, speaker, actor, via) and the scores on PolNeAR dev."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.build.run import build_tables
from analysis.config import PROJ_ROOT
from analysis.evaluate.cli import evaluate
from analysis.evaluate.speakers import load_speaker_gold, score_speakers
from analysis.extract.tables import article_tables
from analysis.io.brat import read_brat_dir
from analysis.io.records import RawArticle
from tests.conftest import shared_corpus
from tests.helpers.spans import assert_span_rule

SPEAKER_GOLD = PROJ_ROOT / "tests" / "data" / "speaker_gold_polnear_dev.csv"


def _quotes(text: str) -> list[tuple]:
    t = article_tables(RawArticle("t", "t.txt", text))
    assert assert_span_rule(t) >= 0
    q = t["quotes"]
    return [
        (
            r.kind,
            r.text,
            None if pd.isna(r.speaker) else r.speaker,
            None if pd.isna(r.speaker_actor) else r.speaker_actor,
            None if pd.isna(r.via) else r.via,
        )
        for r in q.itertuples()
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # speaker after the quote
            "Head\n\n“We will not back down,” the minister said on Monday.",
            [("direct", "We will not back down,", "the minister", "minister", None)],
        ),
        (  # speaker before, colon-introduced
            'Head\n\nJohn Smith said: "The talks have failed and we will leave."',
            [("direct", "The talks have failed and we will leave.", "John Smith", "John Smith", None)],
        ),
        (  # multi-sentence quote with the cue in the middle is one statement
            "Head\n\n“We are ready,” Anna Berg said. “The deal is done. Nothing will change.”",
            [
                (
                    "direct",
                    "We are ready,” Anna Berg said. “The deal is done. Nothing will change.",
                    "Anna Berg",
                    "Anna Berg",
                    None,
                )
            ],
        ),
        (  # multi-paragraph quote: only the last paragraph closes the mark
            "Head\n\nHillary Clinton spoke at length. “We have waited for years.\n\n“Now we will act,” she said.",
            [("direct", "We have waited for years.\n\n“Now we will act,", "she", "Hillary Clinton", None)],
        ),
        (  # mixed: reported speech with a quoted fragment
            "Head\n\nThe senator said the plan was “a disaster” for farmers.",
            [("mixed", "the plan was “a disaster” for farmers", "The senator", "senator", None)],
        ),
        (  # indirect, with 'told' and a media addressee
            "Head\n\nAhmet Yilmaz told CNN Turk that the purchase would go ahead.",
            [("indirect", "the purchase would go ahead", "Ahmet Yilmaz", "Ahmet Yilmaz", "CNN Turk")],
        ),
        (  # in a statement
            "Head\n\nThe ministry said in a statement that talks would resume.",
            [("indirect", "talks would resume", "The ministry", "ministry", "a statement")],
        ),
        (  # according to X
            "Head\n\nAccording to Reuters, the troops left on Friday.",
            [("indirect", "the troops left on Friday", "Reuters", "Reuters", None)],
        ),
        (  # unbalanced marks never crash; what pairs is kept
            "Head\n\nShe called the vote “a farce and said it was “rigged” by insiders.",
            [("indirect", "the vote “a farce", "She", None, None), ("mixed", "it was “rigged” by insiders", "She", None, None)],
        ),
        (  # pronoun resolution
            "Head\n\nKathryn Wheelbarger spoke on Tuesday.\n\nShe said the sale would harm the alliance.",
            [("indirect", "the sale would harm the alliance", "She", "Kathryn Wheelbarger", None)],
        ),
        (  # role noun resolved to the named speaker who follows
            "Head\n\nA senior official said the talks had failed.\n\nJane Roe, the deputy minister, said the country would respond.",
            [
                ("indirect", "the talks had failed", "A senior official", "senior official", None),
                ("indirect", "the country would respond", "Jane Roe", "Jane Roe", None),
            ],
        ),
        (  # trailing dash name
            "Head\n\n“Never give up on your dreams, whatever they say.” — Maya Angelou",
            [("direct", "Never give up on your dreams, whatever they say.", "Maya Angelou", "Maya Angelou", None)],
        ),
        (  # a scare-quoted fragment with no reporting clause is partial
            "Head\n\nThe so-called “peace plan” was never published.",
            [],  # a scare quote: the rules propose a partial quote, the quote model drops it
        ),
        (  # headline style
            "Erdogan says no backtracking on S-400 deal\n\nText follows here.",
            [("indirect", "no backtracking on S-400 deal", "Erdogan", "Recep Tayyip Erdogan", None)],
        ),
        (  # a verb with a plain object is not a statement
            "Head\n\nThe United States, which has threatened sanctions, waited.",
            [],
        ),
    ],
)
def test_quote_patterns(text, expected):
    assert _quotes(text) == expected


def test_only_unbalanced_marks_do_not_crash():
    for text in ("Head\n\n“““", 'Head\n\n" " "', "Head\n\n”Closing first“ then open", "Head\n\n''"):
        _quotes(text)


def test_polnear_dev_scores():
    """Quote F1 at overlap 0.3 >= 0.70 and speaker accuracy >= 0.85 on PolNeAR dev (first annotator
    file per article); corpus-level speaker B-cubed F1 >= 0.79 on the canonical speaker gold."""
    text_dir = shared_corpus("polnear", "dev", "text")
    ann_dir = text_dir.parent / "attributions"
    tables, report, _ = build_tables([text_dir], progress=False)
    assert (report["status"] == "ok").sum() == 84
    gold = read_brat_dir(ann_dir)
    scores = evaluate(tables["quotes"], gold, overlaps=(0.3, 0.8), baseline=False).set_index("overlap")
    print(scores.to_string())
    assert scores.loc[0.3, "f1"] >= 0.70
    assert scores.loc[0.3, "speaker_acc"] >= 0.85
    assert scores.loc[0.8, "f1"] >= 0.58
    # who said it, across the corpus (tests/data/speaker_gold_polnear_dev.csv, held out): floors
    # of the current build; the targets (0.90 and 0.90) are not met yet
    speakers = score_speakers(tables["quotes"], load_speaker_gold(SPEAKER_GOLD)).iloc[0]
    print(speakers.to_string())
    assert speakers["bcubed_f1"] >= 0.79 and speakers["accuracy"] >= 0.65
    assert speakers["n_anonymous_as_named"] <= 3


def test_taken_ranges_answer_as_the_plain_list_did():
    """Seeded random ranges: the sorted disjoint runs give the same answer as checking every range."""
    import random

    from analysis.extract.statements import Taken

    rng = random.Random(7)
    for _ in range(200):
        taken, plain = Taken(), []
        for _ in range(rng.randint(0, 30)):
            a = rng.randint(0, 100)
            span = (a, a + rng.choice([0, 0, 1, 2, 5, 20]))
            query = (q := rng.randint(0, 100), q + rng.choice([0, 1, 3, 10]))
            assert taken.free(query) == (not any(query[0] < e and s < query[1] for s, e in plain)), (plain, query)
            taken.append(span)
            plain.append(span)
