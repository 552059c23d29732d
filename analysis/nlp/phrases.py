"""Phrase matching of lexicon terms on lowercased lemmas and words."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from analysis.lexicons.frames import _normalize_term
from analysis.nlp.arrays import attribute, memo


@dataclass(frozen=True)
class TermMatch:
    """A lexicon term found in a Doc: token range, character range and the term."""

    start: int
    end: int
    start_char: int
    end_char: int
    term: str


@lru_cache(maxsize=1)
def _tokenizer():
    import spacy

    return spacy.blank("en").tokenizer


@lru_cache(maxsize=4096)
def _term_tokens(term: str) -> tuple[str, ...]:
    """A term split the way the English tokenizer splits text ("pro-life" -> pro, -, life)."""
    return tuple(t.text.lower() for t in _tokenizer()(term) if not t.is_space)


_MATCHERS: dict[tuple[int, tuple[str, ...]], tuple[Vocab, PhraseMatcher, PhraseMatcher]] = {}


def _matchers(vocab: Vocab, terms: tuple[str, ...]) -> tuple[PhraseMatcher, PhraseMatcher]:
    """PhraseMatchers on LEMMA (run on a lowercased-lemma copy of the Doc) and on LOWER, cached."""
    key = (id(vocab), terms)
    cached = _MATCHERS.get(key)
    if cached is not None and cached[0] is vocab:
        return cached[1], cached[2]
    by_lemma = PhraseMatcher(vocab, attr="LEMMA")
    by_lower = PhraseMatcher(vocab, attr="LOWER")
    for term in terms:
        words = list(_term_tokens(term))
        if not words:
            continue
        by_lemma.add(term, [Doc(vocab, words=words, lemmas=words)])
        by_lower.add(term, [Doc(vocab, words=words)])
    if len(_MATCHERS) > 32:
        _MATCHERS.clear()
    _MATCHERS[key] = (vocab, by_lemma, by_lower)
    return by_lemma, by_lower


@lru_cache(maxsize=32)
def _normalized_terms(terms: tuple) -> tuple[str, ...]:
    return tuple(dict.fromkeys(_normalize_term(t) for t in terms))


def _lemma_doc(doc: Doc) -> Doc:
    """A copy of ``doc`` (same tokens) whose lemmas are the lowercased lemmas (or words); made once
    per Doc and kept in its cache for the frame and evaluative lexicons alike."""

    def copy() -> Doc:
        strings = doc.vocab.strings
        words = [strings[h] for h in attribute(doc, "ORTH").tolist()]
        lemma_ids = attribute(doc, "LEMMA").tolist()
        lowered = {h: strings[h].lower() for h in set(lemma_ids)}  # hash 0, no lemma: ""
        lemmas = [lowered[h] or word.lower() for word, h in zip(words, lemma_ids)]
        spaces = attribute(doc, "SPACY").astype(bool).tolist()
        return Doc(doc.vocab, words=words, spaces=spaces, lemmas=lemmas)

    return memo(doc, "lemma_doc", copy)


def term_matches(doclike: Doc | Span, terms: Iterable[str]) -> list[TermMatch]:
    """Where ``terms`` occur in a parsed text, longest match first where matches overlap.

    Each term is matched on lowercased lemmas and on lowercased words; of overlapping matches the
    longest is kept (then the earliest, then the first term in ``terms``), so that
    "missile defense system" is one match, not also "defense".

    Args:
        doclike: A parsed ``Doc`` or a ``Span`` of one.
        terms: Lowercase lemma terms; multi-word terms separated by spaces.

    Returns:
        The matches in text order.

    Example:
        >>> from analysis.nlp.pipeline import load_pipeline
        >>> doc = load_pipeline()("The allies bought a missile defense system.")
        >>> [(m.term, doc.text[m.start_char:m.end_char]) for m in term_matches(doc, ["ally", "defense", "missile defense system"])]
        [('ally', 'allies'), ('missile defense system', 'missile defense system')]
    """
    terms = _normalized_terms(tuple(terms))
    doc = doclike.doc if isinstance(doclike, Span) else doclike
    lo, hi = (doclike.start, doclike.end) if isinstance(doclike, Span) else (0, len(doc))
    if not terms or hi <= lo:
        return []
    by_lemma, by_lower = _matchers(doc.vocab, terms)
    order = {term: i for i, term in enumerate(terms)}
    strings = doc.vocab.strings
    found: set[tuple[int, int, str]] = set()
    for matcher, target in ((by_lemma, _lemma_doc(doc)), (by_lower, doc)):
        for match_id, start, end in matcher(target):
            if lo <= start and end <= hi:
                found.add((start, end, strings[match_id]))
    ranked = sorted(found, key=lambda m: (-(m[1] - m[0]), m[0], order.get(m[2], len(order))))
    taken = [False] * len(doc)
    kept: list[tuple[int, int, str]] = []
    for start, end, term in ranked:
        if any(taken[start:end]):
            continue
        taken[start:end] = [True] * (end - start)
        kept.append((start, end, term))
    kept.sort()
    return [TermMatch(s, e, doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text), t) for s, e, t in kept]
