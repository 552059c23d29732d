"""The parts of a reported statement read off the parse of its reporting verb: who speaks (the
subject, widened over titles and appositions) and the medium it came through ("told CNN Turk",
"quoted by Anadolu", "in a statement").

    >>> from analysis.nlp.pipeline import load_pipeline
    >>> doc = load_pipeline()("The minister, who said no, left.")
    >>> subject_of(doc[4]).text
    'minister'
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Token

from analysis.lexicons.agencies import match_agency
from analysis.nlp.arrays import subtree

VIA_NOUNS = {
    "statement",
    "interview",
    "tweet",
    "post",
    "letter",
    "speech",
    "release",
    "message",
    "video",
    "email",
    "e-mail",
    "report",
    "broadcast",
    "op-ed",
    "column",
    "memo",
    "briefing",
    "conference",
    "communique",
    "declaration",
    "remarks",
    "address",
    "rally",
    "debate",
    "podcast",
    "blog",
    "essay",
    "book",
    "filing",
    "website",
    "site",
    "account",
    "page",
    "feed",
    "document",
    "documents",
    "transcript",
    "announcement",
}


VIA_PLATFORMS = {
    "twitter",
    "facebook",
    "instagram",
    "television",
    "tv",
    "radio",
    "x",
    "telegram",
    "youtube",
    "tiktok",
    "truth social",
}


SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}


#: verbs looked at for a subject, the cue and then up its conjunct, xcomp or -ing adverbial heads:
#: a chain like "said and added, hoping to ..." is short, and a longer walk lands on an unrelated clause
SUBJECT_HOPS = 4


#: tokens from a relative clause's antecedent phrase to its pronoun ("analysts who", "the man, who"):
#: further away, the pronoun belongs to some other phrase
RELATIVE_PRONOUN_GAP = 2


#: tokens from "as" (or a say-child) to the "saying" of "quoted as saying": "as saying", "as having said"
QUOTED_AS_SAYING_REACH = 2


def subject_of(verb: Token) -> Token | None:
    """Grammatical subject of a reporting verb, following conjunctions and relative clauses.

    Example:
        >>> from analysis.nlp.pipeline import load_pipeline
        >>> doc = load_pipeline()("The minister, who said no, left.")
        >>> subject_of(doc[4]).text
        'minister'
    """
    seen = 0
    while verb is not None and seen < SUBJECT_HOPS:
        seen += 1
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
                if child.lower_ in ("who", "that", "which") and verb.dep_ == "relcl":
                    return verb.head
                return child
        if verb.dep_ == "relcl":
            return verb.head
        if (verb.dep_ in ("conj", "xcomp") or (verb.dep_ == "advcl" and verb.tag_ == "VBG")) and verb.head is not verb:
            verb = verb.head
            continue
        return None
    return None


def speaker_span(subject: Token, verb: Token | None = None) -> tuple[int, int] | None:
    """The speaker mention: the subject's phrase without relative clauses and appositions.

    For a relative clause ("analysts who claim ...") the mention runs from the antecedent to the
    relative pronoun, so both the named antecedent and the grammatical subject are covered.

    Example:
        >>> from analysis.nlp.pipeline import load_pipeline
        >>> doc = load_pipeline()("Kathryn Wheelbarger, a Pentagon official, said no.")
        >>> s, e = speaker_span(subject_of(doc[7]), doc[7]); doc.text[s:e]
        'Kathryn Wheelbarger'
    """
    relative = verb if verb is not None and verb.dep_ == "relcl" and verb.head == subject else None
    if relative is not None:
        pronoun = next(
            (c for c in relative.children if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("who", "that", "which")), None
        )
        base = _speaker_tokens(subject)
        if pronoun is not None and base and pronoun.i - max(t.i for t in base) <= RELATIVE_PRONOUN_GAP:
            return _token_span(base + [pronoun])
    return _token_span(_speaker_tokens(subject))


def _speaker_tokens(subject: Token) -> list[Token]:
    tokens = _phrase_tokens(subject)
    if tokens and subject.pos_ == "PROPN":  # "Ahmet Yilmaz" with the first name left unattached
        first = min(t.i for t in tokens)
        doc = subject.doc
        while (
            first > 0
            and doc[first - 1].pos_ == "PROPN"
            and doc[first - 1].whitespace_
            and doc[first - 1].head.i not in {t.i for t in tokens} | {subject.head.i}
        ):
            first -= 1
            tokens.append(doc[first])
    if tokens:  # "The Tory co-chairman" parsed with "co" as the subject: the hyphenated word is whole
        doc, last = subject.doc, max(t.i for t in tokens)
        while last + 1 < len(doc) and not doc[last].whitespace_ and "-" in (doc[last].text, doc[last + 1].text):
            last += 1
            if doc[last].is_alpha or doc[last].text == "-":
                tokens.append(doc[last])
    return sorted(tokens, key=lambda t: t.i)


def _phrase_tokens(subject: Token) -> list[Token]:
    drop = [c for c in subject.children if c.dep_ in ("relcl", "acl", "appos", "punct", "cc", "conj") and c.i > subject.i]
    if any(c.dep_ == "conj" for c in subject.children):  # "Trump and Pence said": keep both
        drop = [c for c in drop if c.dep_ not in ("cc", "conj")]
    return [t for t in _subtree_without(subject, drop) if not t.is_punct or t.text in ("’", "'", ".", "-")]


def _subtree_without(token: Token, drop: Iterable[Token]) -> list[Token]:
    dropped: set[int] = set()
    for d in drop:
        dropped.update(t.i for t in subtree(d))
    return [t for t in subtree(token) if t.i not in dropped]


def _via(verb: Token, text: str, *, nested: bool = False) -> tuple[tuple[int, int] | None, str | None]:
    """The medium a statement came through, from the cue verb's prepositions and objects.

    "Quoted as saying by Anadolu" names the medium on the "saying" below the cue, so the search
    looks one level down (``nested`` marks that level) and no further: a chain of reporting verbs
    ("He said he said he said ...") is searched in linear time, not once per path through it.
    """
    candidates: list[Token] = []
    for child in verb.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ in ("by", "in", "on", "to", "with", "during", "at")):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    candidates.append(pobj)
                    if pobj.lemma_.lower() == "interview":
                        candidates.extend(
                            g
                            for p in pobj.children
                            if p.dep_ == "prep" and p.lower_ == "with"
                            for g in p.children
                            if g.dep_ == "pobj"
                        )
        elif child.dep_ in ("dative", "dobj") and verb.lemma_ == "tell":
            candidates.append(child)
        elif not nested and (
            child.lemma_ == "say" or (child.dep_ == "prep" and child.lower_ == "as")
        ):  # "quoted as saying by ..."
            for say in (t for t in subtree(child) if t.lemma_ == "say" and t.i <= child.i + QUOTED_AS_SAYING_REACH):
                v_span, v_name = _via(say, text, nested=True)
                if v_span:
                    return v_span, v_name
    for cand in candidates:
        tokens = [t for t in subtree(cand) if not t.is_punct]
        span = _token_span(tokens)
        if span is None:
            continue
        phrase = text[span[0] : span[1]]
        agency = match_agency(phrase)
        if agency:
            return span, agency
        if cand.lemma_.lower() in VIA_NOUNS or cand.lower_ in VIA_PLATFORMS:
            return span, phrase
        if cand.ent_type_ == "ORG" and re.search(
            r"\b(?:agency|news|television|tv|radio|newspaper|daily|times|post|channel|network|broadcaster)\b", phrase, re.I
        ):
            return span, phrase
    return None, None


def _token_span(tokens: Iterable[Token]) -> tuple[int, int] | None:
    tokens = list(tokens)
    if not tokens:
        return None
    return min(t.idx for t in tokens), max(t.idx + len(t.text) for t in tokens)
