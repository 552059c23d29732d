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

from analysis.lexicons.agencies import agency_kind, match_agency
from analysis.nlp.arrays import subtree

#: nouns of a document a statement can come through ("in a statement", "a letter to ...")
DOCUMENT_NOUNS = frozenset(
    {
        "statement",
        "letter",
        "release",
        "message",
        "email",
        "e-mail",
        "report",
        "op-ed",
        "column",
        "memo",
        "communique",
        "declaration",
        "essay",
        "book",
        "filing",
        "document",
        "documents",
        "transcript",
        "announcement",
        "note",
    }
)

#: nouns of an online or broadcast medium ("in a tweet", "on its website", "in a video")
PLATFORM_NOUNS = frozenset(
    {"tweet", "post", "video", "podcast", "blog", "website", "site", "account", "page", "feed", "broadcast"}
)

#: every noun that is a medium, not an event: news conferences, briefings, rallies, debates,
#: speeches, hearings and interviews are where something was said, not what carried it, so they are
#: no via (an interview with a named outlet gives the outlet: "in an interview with CNN")
VIA_NOUNS = DOCUMENT_NOUNS | PLATFORM_NOUNS


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

#: words of an organisation's name that make it a news medium ("Defense News", "the Daily Caller")
MEDIA_NAME = re.compile(
    r"\b(?:agency|news|television|tv|radio|newspaper|daily|times|post|channel|network|broadcaster|magazine|journal|press)\b", re.I
)

#: what ``quotes.via_kind`` can be
VIA_KINDS = ("agency", "outlet", "document", "platform")


def via_kind(name: str | None) -> str | None:
    """What kind of medium a via is: agency, outlet, document or platform (``None``: no via).

    Example:
        >>> [via_kind(v) for v in ("Anadolu", "CNN", "a statement", "Twitter", "NPR", None)]
        ['agency', 'outlet', 'document', 'platform', 'outlet', None]
    """
    if not name:
        return None
    agency = match_agency(name)
    if agency:
        return "outlet" if agency_kind(agency) == "outlet" else "agency"
    words = name.lower().replace("’s", "").replace("'s", "").split()
    if not words:
        return None
    if name.lower() in VIA_PLATFORMS or words[-1] in VIA_PLATFORMS or words[-1] in PLATFORM_NOUNS:
        return "platform"
    if words[-1] in DOCUMENT_NOUNS:
        return "document"
    return "outlet"


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
    """The medium a statement came through, from the cue verb's prepositions and objects ("told
    NPR", "in a statement", "in an interview with CNN", "said, as quoted by the Hurriyet Daily
    News") and from its subject ("the minister, quoted by Anadolu, said").

    "Quoted as saying by Anadolu" names the medium on the "saying" below the cue, so the search
    looks one level down (``nested`` marks that level) and no further: a chain of reporting verbs
    ("He said he said he said ...") is searched in linear time, not once per path through it.
    """
    candidates: list[Token] = []
    for child in verb.children:
        if child.dep_ == "agent" or (
            child.dep_ == "prep" and child.lower_ in ("by", "in", "on", "to", "with", "during", "at", "through", "via")
        ):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    candidates.extend(_interview_with(pobj) if pobj.lemma_.lower() == "interview" else [pobj])
        elif child.dep_ in ("dative", "dobj") and verb.lemma_ == "tell":
            candidates.append(child)
        elif child.dep_ in ("advcl", "acl") and child.lemma_ == "quote":  # "said, as quoted by X"
            candidates.extend(_agents(child))
        elif not nested and (
            child.lemma_ == "say" or (child.dep_ == "prep" and child.lower_ == "as")
        ):  # "quoted as saying by ..."
            for say in (t for t in subtree(child) if t.lemma_ == "say" and t.i <= child.i + QUOTED_AS_SAYING_REACH):
                v_span, v_name = _via(say, text, nested=True)
                if v_span:
                    return v_span, v_name
    if not nested:
        subject = subject_of(verb)
        if subject is not None:  # "the minister, quoted by Anadolu, said"
            candidates.extend(g for c in subject.children if c.dep_ == "acl" and c.lemma_ == "quote" for g in _agents(c))
    for cand in candidates:
        found = _medium(cand, text, told=verb.lemma_ == "tell")
        if found is not None:
            return found
    return None, None


def _interview_with(interview: Token) -> list[Token]:
    """ "an interview with CNN": the outlet (an interview is an event, not a medium)."""
    return [g for p in interview.children if p.dep_ == "prep" and p.lower_ == "with" for g in p.children if g.dep_ == "pobj"]


def _agents(verb: Token) -> list[Token]:
    """The objects of a (passive) verb's "by" phrase."""
    return [
        g
        for c in verb.children
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by")
        for g in c.children
        if g.dep_ == "pobj"
    ]


def _medium(cand: Token, text: str, *, told: bool) -> tuple[tuple[int, int], str] | None:
    """The (span, name) of a via candidate that is a medium: an agency or outlet, a document or
    platform noun, a news organisation, or a named non-person told something ("told NPR")."""
    clauses = [c for c in cand.children if c.dep_ in ("relcl", "acl")]  # "a letter that ...": the clause is no part of it
    span = _token_span(t for t in _subtree_without(cand, clauses) if not t.is_punct)
    if span is None:
        return None
    phrase = text[span[0] : span[1]]
    agency = match_agency(phrase)
    if agency:
        return span, agency
    if cand.lemma_.lower() in VIA_NOUNS or cand.lower_ in VIA_PLATFORMS:
        return span, phrase
    if cand.ent_type_ in ("ORG", "WORK_OF_ART") and MEDIA_NAME.search(phrase):
        return span, phrase
    if told and cand.pos_ == "PROPN" and cand.ent_type_ in ("ORG", "WORK_OF_ART", ""):
        return span, phrase
    return None


def _token_span(tokens: Iterable[Token]) -> tuple[int, int] | None:
    tokens = list(tokens)
    if not tokens:
        return None
    return min(t.idx for t in tokens), max(t.idx + len(t.text) for t in tokens)
