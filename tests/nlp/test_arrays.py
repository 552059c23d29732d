"""The array shortcuts the table functions take give what the Token-by-Token questions give."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from analysis.extract.actions import _quote_marks
from analysis.extract.statements import _cue_positions
from analysis.lexicons.cues import load_cues
from analysis.nlp.arrays import attribute, positions, tree, values, word_prefix
from analysis.nlp.phrases import _lemma_doc
from analysis.nlp.pipeline import load_pipeline, parse
from analysis.text.zones import split_zones
from tests.conftest import SEED_PATH

TEXT = (
    "Turkey will not back down, Erdogan says\n\n"
    "ANKARA: Turkish President Recep Tayyip Erdogan said “we will not step back” from the deal, "
    "according to Anadolu. NATO officials ‘warned’ of sanctions; a spokesman told reporters: "
    "“No comment.” ... Mr. Akar, the defence minister, was quoted as saying it is done."
)


@pytest.fixture(scope="module", params=["sample", "seed"])
def doc(request):
    text = TEXT if request.param == "sample" else SEED_PATH.read_text(encoding="utf-8")
    return parse(text, split_zones(text), nlp=load_pipeline())


def test_word_prefix_counts_words(doc):
    prefix = word_prefix(doc)
    assert len(prefix) == len(doc) + 1
    for a, b in [(0, len(doc)), (3, 17), (len(doc) // 2, len(doc))]:
        assert prefix[b] - prefix[a] == sum(1 for t in doc[a:b] if not (t.is_punct or t.is_space))


def test_positions_match_token_attributes(doc):
    assert positions(doc, "DEP", ("nsubj", "nsubjpass")) == [t.i for t in doc if t.dep_ in ("nsubj", "nsubjpass")]
    assert positions(doc, "POS", "PROPN") == [t.i for t in doc if t.pos_ == "PROPN"]
    assert positions(doc, "ENT_TYPE", "PERSON") == [t.i for t in doc if t.ent_type_ == "PERSON"]
    assert positions(doc, "ORTH", ":") == [t.i for t in doc if t.text == ":"]
    assert positions(doc, "ENT_TYPE", "PERSON")  # the texts do name people


def test_cue_positions_match_the_token_rule(doc):
    cues = load_cues()
    expected = [
        t.i
        for t in doc
        if (t.lemma_.lower() in cues and t.pos_ in ("VERB", "AUX"))
        or (t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to")
    ]
    assert _cue_positions(doc, cues) == expected
    assert expected


def test_lemma_copy_and_quote_marks_match_tokens(doc):
    copy = _lemma_doc(doc)
    assert [t.text for t in copy] == [t.text for t in doc]
    assert [t.whitespace_ for t in copy] == [t.whitespace_ for t in doc]
    assert [t.lemma_ for t in copy] == [(t.lemma_ or t.text).lower() for t in doc]
    marks = [0]
    for t in doc:
        marks.append(marks[-1] + (t.text in "“‘«") - (t.text in "”’»"))
    assert _quote_marks(doc) == marks


def test_cache_is_remade_when_the_doc_changes_length():
    nlp = load_pipeline()
    doc = nlp("New York City is big.")
    assert attribute(doc, "ORTH").shape == (6,)
    with doc.retokenize() as retokenizer:
        retokenizer.merge(doc[0:3])
    assert attribute(doc, "ORTH").shape == (4,)
    assert word_prefix(doc) == [0, 1, 2, 3, 3]


def test_tree_matches_the_tokens(doc):
    parse = tree(doc)
    assert parse.head == [t.head.i for t in doc]
    assert parse.children == [[c.i for c in t.children] for t in doc]
    for t in doc:
        below = [s.i for s in t.subtree]
        assert (parse.left[t.i], parse.right[t.i]) == (min(below), max(below))
        if below == list(range(min(below), max(below) + 1)):  # spaCy's edges are exact for a contiguous subtree
            assert (parse.left[t.i], parse.right[t.i]) == (t.left_edge.i, t.right_edge.i)
    assert values(doc, "DEP") == attribute(doc, "DEP").tolist()


def test_tree_reaches_the_far_end_of_a_non_projective_subtree():
    doc = load_pipeline()("x")
    doc = Doc(doc.vocab, words=["A", "b", "c", "d", "e"], heads=[0, 3, 0, 0, 1], deps=["ROOT", "dep", "dep", "dep", "dep"])
    parse = tree(doc)
    assert parse.children == [[2, 3], [4], [], [1], []]
    assert (parse.left[3], parse.right[3]) == (1, 4)  # 3 -> 1 -> 4, crossing 2's arc
    assert (parse.left[0], parse.right[0]) == (0, 4)


def test_subtree_and_depth_agree_with_spacy_on_every_token(nlp):
    """The linear subtree walk gives spaCy's order, and depth counts the ancestors, for every token
    of a varied text (nested clauses, coordination, a quotation)."""
    from analysis.nlp.arrays import subtree, tree

    doc = nlp(
        "Turkish President Recep Tayyip Erdogan said on Tuesday that Turkey, which has defied NATO, would not "
        "back down. “We will not step back,” he told reporters, adding that the deal, signed in 2017, was done. "
        "He said he said he said it."
    )
    depth = tree(doc).depth
    for token in doc:
        assert [t.i for t in subtree(token)] == [t.i for t in token.subtree]
        assert depth[token.i] == len(list(token.ancestors))
