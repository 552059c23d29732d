"""Find reported statements: direct, partial, mixed and indirect quotes with speaker, cue and via.

Two passes over one parsed article, and a third for the quote model:

1. **Cue-driven.** Every reporting verb of the lexicon (``analysis.lexicons.cues``) with a grammatical
   speaker and content (a clausal complement, an infinitive for intentions, the object of *say*,
   or an adjacent quotation) becomes a statement; ``according to X`` takes the clause it modifies.
   Passive *X was quoted as saying by Y* makes Y the ``via``; *in a statement*, *told CNN Turk*,
   *on Twitter* are recorded as ``via`` too.
2. **Mark-driven.** Quotations not yet covered become continuations of the previous direct quote
   (``"A," he said. "B."`` and multi-paragraph quotes), direct quotes of the paragraph's last
   speaker, quotes with a trailing ``-Name``, or ``partial`` quotes (fragments).
3. **Candidates** (``candidates=True``). Every other verb with a subject and a clause, infinitive,
   object or about-phrase becomes a ``verb`` statement; the quote model
   (:mod:`analysis.models.quotes`) gives every statement its confidence and keeps the likely ones.
   *X said ..., Anadolu reported* and *According to Anadolu, X said ...* make X the speaker and
   Anadolu the ``via``.

Speakers are resolved to actors in :mod:`analysis.extract.speakers`.

    >>> from analysis.io.records import RawArticle
    >>> from analysis.extract.tables import article_tables
    >>> t = article_tables(RawArticle("a", "a.txt", 'Head\\n\\n“We will win,” the minister said.'))
    >>> t["quotes"][["kind", "text", "cue", "speaker"]].values.tolist()
    [['direct', 'We will win,', 'said', 'the minister']]
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from itertools import accumulate

import numpy as np
from spacy.strings import get_string_id
from spacy.symbols import AUX, VERB
from spacy.tokens import Doc, Span, Token

from analysis.extract.speech import DOCUMENT_NOUNS, VIA_NOUNS, _token_span, _via, speaker_span, subject_of
from analysis.lexicons.agencies import agency_kind, match_agency
from analysis.lexicons.cues import load_cues
from analysis.nlp.arrays import attribute, positions, subtree, tree
from analysis.nlp.pipeline import article_text
from analysis.text.quotemarks import QuoteSpan, quotation_spans
from analysis.text.zones import Layout

CLAUSE_DEPS = {"ccomp"}


INTENT_KINDS = {"intention", "belief"}


PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "who", "which", "that"}


OBJECT_SAY = {
    "say",
    "tell",
    "deny",
    "announce",
    "confirm",
    "claim",
    "allege",
    "predict",
    "promise",
    "vow",
    "report",
    "tweet",
    "write",
    "admit",
    "acknowledge",
}


PERSON_OBJECT = {
    "tell",
    "ask",
    "thank",
    "invite",
    "urge",
    "encourage",
    "advise",
    "order",
    "pressure",
    "push",
    "remind",
    "warn",
    "assure",
    "inform",
    "quote",
}


#: entity labels of an object of "tell" that is the addressee ("told Reuters", "told Erdogan"), not the content
ADDRESSEE_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})


WEAK_OBJECTS = {
    "it",
    "this",
    "that",
    "so",
    "nothing",
    "something",
    "anything",
    "everything",
    "what",
    "which",
    "much",
    "little",
    "lot",
    "word",
    "words",
    "thing",
    "things",
    "goodbye",
    "hello",
    "thanks",
    "yes",
    "no",
}


SPEECH_ZONES = {"headline", "dek", "body"}


_DASH_NAME = re.compile(r"\s*[-–—]{1,2}\s*([A-Z][\w.’'-]+(?: [A-Z][\w.’'-]+){0,3})")


_ACCORDING, _TO = get_string_id("according"), get_string_id("to")


#: auxiliaries, negation and particles of a cue lie fewer than this many tokens before it
#: ("had not been said": three before) ...
CUE_AUX_BEFORE = 4

#: ... and fewer than this many after it ("pointed out", "handed it over")
CUE_AUX_AFTER = 3

#: characters after a span searched for the closing mark of a quotation it opens (``.”``, ``,"``)
CLOSE_MARK_REACH = 3

#: a quotation covering this share of a content span (its marks aside) makes the statement direct:
#: what is left is the reporting clause's punctuation and a word or two
DIRECT_SHARE = 0.8

#: the most characters between a quotation and its cue verb ("…,” the minister said.")
#: for the two to be one statement: a longer gap is another clause
ADJACENT_GAP = 60

#: a quotation of fewer words after its verb, with text between them, is a scare-quoted term,
#: not what was said ("called the plan “a disaster”")
SCARE_QUOTE_WORDS = 4

#: the clause around a parenthetical cue needs this many tokens to be a statement
#: ("The outreach, they said, raised worries"), not a stray word
MIN_PARENTHETICAL_TOKENS = 3

#: the words after a say-verb with no parsed complement are its content only from this many words on
MIN_REST_WORDS = 3

#: tokens from the start of a sentence within which a colon makes a ``Name: statement``
COLON_WITHIN = 8

#: the most tokens before the colon of a ``Name: statement``: a name, title or short description
COLON_NAME_TOKENS = 6

#: characters a reporting verb's argument must exceed a quoted fragment (with its marks) by to make a
#: mixed quote: the fragment plus a mark of slack is still a partial quote
MIXED_SLACK = 2

#: the most characters from a statement to the next quotation for that quotation to carry on the
#: statement or inherit its speaker: about a sentence of narration
FLOW_GAP = 120

#: words a quotation needs to continue the previous direct quote or to take a trailing ``-Name``:
#: shorter is a fragment
MIN_QUOTE_WORDS = 3

#: words a quotation opening a sentence needs to be a direct quote on its own (of the paragraph's
#: speaker, or unattributed) rather than a partial quote
MIN_SENTENCE_WORDS = 4


@dataclass
class Statement:
    """A statement found in an article, before typing into a table row."""

    start: int
    end: int
    kind: str
    cue: tuple[int, int] | None = None
    cue_lemma: str | None = None
    speaker: tuple[int, int] | None = None
    via: tuple[int, int] | None = None
    via_name: str | None = None
    source: str = "cue"  # how it was found: cue | according_to | continuation | paragraph_speaker | dash_name | fragment
    segments: list[tuple[int, int]] = field(default_factory=list)
    inherits: Statement | None = None  # a quotation whose speaker is the previous statement's


def _trim(text: str, span: tuple[int, int] | None, *, keep_closing: bool = True) -> tuple[int, int] | None:
    """Strip spaces and edge punctuation (a trailing closing mark stays if its opener is inside)."""
    if span is None:
        return None
    s, e = span
    while s < e and (text[s].isspace() or text[s] in ",;:—–-"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:—–-."):
        e -= 1
    return (s, e) if e > s else None


def _close_quote(text: str, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """Extend a span over ``.”`` when it holds an opening mark whose closing mark follows it."""
    if span is None:
        return None
    s, e = span
    inner = text[s:e]
    if inner.count("“") > inner.count("”"):
        close = text.find("”", e, e + CLOSE_MARK_REACH)
        if close >= 0:
            return s, close + 1
    if inner.count('"') % 2 == 1 and text[e : e + CLOSE_MARK_REACH].find('"') >= 0:
        return s, e + text[e : e + CLOSE_MARK_REACH].find('"') + 1
    return span


def _cue_span(verb: Token) -> tuple[int, int]:
    tokens = [verb] + [
        c
        for c in verb.children
        if c.dep_ in ("aux", "auxpass", "neg", "prt") and c.i < verb.i + CUE_AUX_AFTER and c.i > verb.i - CUE_AUX_BEFORE
    ]
    if verb.lemma_ == "quote":  # "was quoted as saying"
        for child in verb.children:
            if child.dep_ in ("advcl", "xcomp", "prep") and child.i > verb.i:
                extra = (
                    [t for t in subtree(child) if t.i <= child.i]
                    if child.dep_ != "prep"
                    else [child] + [g for g in child.children if g.lemma_ == "say"]
                )
                tokens += [t for t in extra if t.lower_ in ("as", "saying", "say", "to")]
    return _token_span(tokens)  # type: ignore[return-value]


def _clause(verb: Token, child: Token) -> tuple[int, int] | None:
    """Span of a complement clause, taking in a misparsed "that ..." between verb and clause and
    leaving out a leading time expression ("said Tuesday Turkey would ...")."""
    tokens = list(subtree(child))
    first = tokens[0]
    if first.i > verb.i:
        between = [t for t in verb.doc[verb.i + 1 : first.i]]
        that = next((t for t in between if t.lower_ == "that" and t.head == verb), None)
        if that is not None:
            tokens = [t for t in verb.doc[that.i + 1 : first.i]] + tokens
        while (
            tokens
            and tokens[0].ent_type_ in ("DATE", "TIME")
            and tokens[0].head.i != child.i
            or tokens
            and tokens[0].ent_type_ in ("DATE", "TIME")
            and tokens[0].dep_ == "npadvmod"
        ):
            tokens = tokens[1:]
    if tokens and tokens[0].lower_ == "that" and tokens[0].dep_ == "mark":
        tokens = tokens[1:]
    return _token_span(tokens)


def _content(verb: Token, kind: str) -> tuple[int, int] | None:
    for child in verb.children:
        if child.dep_ in CLAUSE_DEPS:
            return _clause(verb, child)
    if verb.lemma_ in ADJACENT_CUES:
        clause = _misattached_clause(verb)
        if clause is not None:
            return clause
    if kind in INTENT_KINDS or verb.lemma_ in ("promise", "vow", "threaten", "pledge", "refuse", "urge", "ask", "call"):
        for child in verb.children:
            if child.dep_ == "xcomp" and child.pos_ in ("VERB", "AUX"):
                return _token_span(subtree(child))
    if verb.lemma_ == "quote":
        for say in (t for t in subtree(verb) if t.lemma_ == "say" and t.i > verb.i):
            return _content(say, kind)
    if verb.lemma_ in OBJECT_SAY or (kind == "speech" and verb.lemma_ not in PERSON_OBJECT):
        objects = [c for c in verb.children if c.dep_ in ("dobj", "oprd")]
        dobj = next((c for c in objects if c.dep_ == "dobj"), None)
        if (
            dobj is not None
            and verb.lemma_ == "tell"
            and any(t.pos_ == "PROPN" or t.ent_type_ in ADDRESSEE_ENTITIES for t in subtree(dobj))
        ):
            dobj = None  # "told BBC Radio 4's Today programme: ...": whom it was told, not what
        if dobj is not None and dobj.lower_ not in WEAK_OBJECTS and dobj.pos_ != "PRON":
            extra = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("of", "for", "over", "as") and c.i > dobj.i]
            return _token_span(t for c in objects + extra for t in subtree(c))
        if verb.lemma_ in ("talk", "refer", "speak", "comment", "complain", "joke", "testify"):
            for child in verb.children:
                if child.dep_ == "prep" and child.lower_ in ("about", "to", "on", "of"):
                    objects = [c for c in child.children if c.dep_ == "pobj" and c.ent_type_ not in ("DATE", "TIME")]
                    if objects:
                        return _token_span(t for c in objects for t in subtree(c))
    if verb.lemma_ == "call":
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in ("for", "on"):
                return _token_span(t for c in child.children for t in subtree(c))
    return None


def _misattached_clause(verb: Token) -> tuple[int, int] | None:
    """ "said in a statement that the deal was final": the that-clause parsed as a relative clause
    of the noun in the verb's prepositional phrase. A relative clause opening with "that" whose
    subject is not a relative pronoun is the verb's complement (a true one, "the letter that was
    sent", has "that" as its subject)."""
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.i > verb.i):
        for token in subtree(prep):
            if token.dep_ != "relcl":
                continue
            clause = list(subtree(token))
            subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if clause[0].lower_ == "that" and subject is not None and subject.lower_ not in ("that", "which", "who"):
                return _token_span(clause[1:])
    return None


def _according_to(token: Token, text: str) -> Statement | None:
    """``according to X``: X is the speaker, the clause it modifies is the content."""
    to = next((c for c in token.children if c.lower_ == "to"), None)
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if pobj is None:
        return None
    content = _trim(text, _token_span(_according_clause(token, phrase={token.i} | {t.i for t in subtree(to)})))
    if content is None:
        return None
    speaker = _token_span(t for t in subtree(pobj) if not t.is_punct or t.text in ("’", "'"))
    cue = _token_span([token, to])
    via = via_name = None
    if pobj.lemma_.lower() in VIA_NOUNS:  # "according to a statement from the ministry": the document is the medium
        speaker, via, via_name = _document_source(pobj, speaker=speaker)
    return Statement(content[0], content[1], "indirect", cue, "according to", speaker, via, via_name, source="according_to")


def _according_clause(token: Token, *, phrase: set[int]) -> list[Token]:
    """The clause ``according to X`` modifies, on its head verb's side of the phrase (the rest of the sentence on a misparse)."""
    head = token.head
    if head.i == token.i or head.pos_ not in ("VERB", "AUX"):  # a misparse: take the rest of the sentence
        clause = [t for t in token.sent if t.i not in phrase and not t.is_space]
        after = token.i == token.sent.start or bool(clause and clause[0].i > max(phrase))
    else:
        clause = [t for t in subtree(head) if t.i not in phrase]
        after = token.i < head.i
    clause = [t for t in clause if t.i > max(phrase)] if after else [t for t in clause if t.i < min(phrase)]
    while clause and (clause[0].is_punct or clause[0].dep_ == "cc"):
        clause = clause[1:]
    return clause


def _document_source(
    pobj: Token, *, speaker: tuple[int, int] | None
) -> tuple[tuple[int, int] | None, tuple[int, int] | None, str | None]:
    """``according to a statement from the ministry``: (speaker, via, via name), the document's owner speaking."""
    via, via_name = speaker, article_text(pobj.doc)[speaker[0] : speaker[1]] if speaker else None
    owner = next((c for c in pobj.children if c.dep_ == "poss"), None)
    if owner is None:
        owner = next(
            (
                g
                for c in pobj.children
                if c.dep_ == "prep" and c.lower_ in ("from", "by", "of")
                for g in c.children
                if g.dep_ == "pobj"
            ),
            None,
        )
    owners = [owner] if owner is not None else [c for c in pobj.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
    owner = owners[0] if owners else None  # "The White House statement": the compound names the owner
    named = [t for o in owners for t in subtree(o) if t.dep_ != "case"]  # "The Pentagon's": without the "'s"
    speaker = _token_span(named) if owner is not None and owner.pos_ != "PRON" else None
    if owner is not None:
        dropped = {t.i for o in owners for t in subtree(o)} | ({owner.head.i} if owner.head.dep_ == "prep" else set())
        via = _token_span(t for t in subtree(pobj) if t.i not in dropped and not t.is_punct)
        via_name = article_text(pobj.doc)[via[0] : via[1]] if via else None
    return speaker, via, via_name


def _kind(span: tuple[int, int], marks: list[QuoteSpan]) -> tuple[str, tuple[int, int]]:
    """direct (content is one quotation: return its inner span), mixed or indirect."""
    s, e = span
    for q in marks:  # one character of slack at either end; ``e - s - 2`` leaves out the two marks
        if q.start <= s + 1 and e <= q.end + 1:
            return "direct", (q.inner_start, q.inner_end)
        if s <= q.start and q.end <= e + 1 and (q.inner_end - q.inner_start) >= DIRECT_SHARE * (e - s - 2):
            return "direct", (q.inner_start, q.inner_end)
    if any(q.start < e and s < q.end for q in marks):
        return "mixed", span
    return "indirect", span


def _adjacent_quote(sent: Span, verb: Token, marks: list[QuoteSpan], used: set[int]) -> QuoteSpan | None:
    """A quotation in the cue's sentence, next to the reporting clause ("…,” he said. / said: “…”)."""
    best = None
    for q in marks:
        if id(q) in used or not (sent.start_char <= q.start < sent.end_char or q.start <= sent.start_char < q.end):
            continue
        if q.start <= verb.idx < q.end:
            continue
        gap = text_between(sent.doc.text, q, verb)
        if len(gap) > ADJACENT_GAP or "\n" in gap:
            continue
        if len(q.inner_text.split()) < SCARE_QUOTE_WORDS and len(gap.strip(" ,:")) > 0 and q.start > verb.idx:
            continue  # a scare-quoted word after the verb is not what was said
        if best is None or abs(q.start - verb.idx) < abs(best.start - verb.idx):
            best = q
    return best


def _parenthetical(verb: Token, speaker: tuple[int, int] | None) -> tuple[int, int] | None:
    """ "The outreach, they said, raised worries": the clause around a parenthetical cue."""
    if verb.dep_ not in ("parataxis", "ccomp", "advcl") or verb.head is verb:
        return None
    own = {t.i for t in subtree(verb)}
    clause = [t for t in subtree(verb.head) if t.i not in own and not t.is_space]
    if len(clause) < MIN_PARENTHETICAL_TOKENS or (speaker and any(speaker[0] <= t.idx < speaker[1] for t in clause)):
        return None
    return _token_span(clause)


def _rest_of_sentence(sent: Span, verb: Token, speaker: tuple[int, int] | None) -> tuple[int, int] | None:
    """Say-verbs with no parsed complement: the words after the verb to the end of the sentence."""
    right = [t for t in sent if t.i > verb.i and not t.is_space]
    if verb.lemma_ == "tell":  # "told BBC Radio 4's Today programme Mr Blair had ...": whom, then what
        whom = {t.i for c in verb.children if c.dep_ in ("dobj", "dative") and c.i > verb.i for t in subtree(c)}
        right = [t for t in right if t.i not in whom]
    while right and (
        right[0].dep_ in ("prep", "npadvmod", "advmod", "prt", "dative")
        or right[0].ent_type_ in ("DATE", "TIME")
        or right[0].lower_ == "that"
    ):
        head = right[0]
        skip = {t.i for t in subtree(head)} if head.dep_ in ("prep", "npadvmod", "dative") and head.head == verb else {head.i}
        right = [t for t in right if t.i not in skip]
    words = [t for t in right if not t.is_punct]
    if len(words) < MIN_REST_WORDS or (speaker and any(speaker[0] <= t.idx < speaker[1] for t in right)):
        return None
    return _token_span(right)


def text_between(text: str, q: QuoteSpan, verb: Token) -> str:
    """Text between a quotation and a cue verb (either order).

    Example:
        >>> from analysis.nlp.pipeline import load_pipeline
        >>> doc = load_pipeline()('“Yes,” she said.')
        >>> text_between(doc.text, quotation_spans(doc.text)[0], doc[5])
        ' she '
    """
    return text[q.end : verb.idx] if q.end <= verb.idx else text[verb.idx + len(verb) : q.start]


ADJACENT_CUES = {
    "say",
    "tell",
    "add",
    "write",
    "tweet",
    "post",
    "ask",
    "reply",
    "respond",
    "answer",
    "explain",
    "insist",
    "warn",
    "argue",
    "declare",
    "state",
    "note",
    "continue",
    "recall",
    "stress",
    "claim",
    "quote",
    "joke",
    "announce",
    "acknowledge",
    "admit",
    "conclude",
    "predict",
    "promise",
    "vow",
    "complain",
    "caution",
}


def _cue_positions(doc: Doc, cues: Iterable[str]) -> list[int]:
    """Indices of the tokens that can introduce a statement: verbs and auxiliaries whose lowercased
    lemma is a speech cue, and "according" before "to"."""
    pos, lemma, lower = attribute(doc, "POS"), attribute(doc, "LEMMA"), attribute(doc, "LOWER")
    verbal = (pos == VERB) | (pos == AUX)
    strings = doc.vocab.strings
    cue_ids = np.array([h for h in np.unique(lemma[verbal]).tolist() if strings[h].lower() in cues], dtype=np.uint64)
    hits = verbal & np.isin(lemma, cue_ids)
    hits[:-1] |= (lower[:-1] == _ACCORDING) & (lower[1:] == _TO)
    return np.flatnonzero(hits).tolist()


def _overlaps_any(parts: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps one of ``parts`` (sorted, disjoint (start, end) pairs)."""
    k = bisect_left(parts, (end,))  # parts that start before end
    return k > 0 and parts[k - 1][1] > start


def find_statements(doc: Doc, layout: Layout, *, text: str, candidates: bool = False) -> list[Statement]:
    """All statements of one article, in text order (see the module docstring); with ``candidates``
    also every other verb with a subject and a complement (``source="verb"``), for the quote model
    to judge (:mod:`analysis.models.quotes`): the rules' own statements are the same either way.

    Example:
        >>> from analysis.nlp.pipeline import load_pipeline, parse
        >>> from analysis.text.zones import split_zones
        >>> t = "Head\\n\\nAccording to Reuters, talks resumed."
        >>> [(s.kind, t[s.start:s.end]) for s in find_statements(parse(t, split_zones(t), nlp=load_pipeline()), split_zones(t), text=t)]
        [('indirect', 'talks resumed')]
    """
    cues = load_cues()
    parts = [(p.start, p.end) for p in layout.text_parts() if p.zone in SPEECH_ZONES]
    marks = quotation_spans(text, parts)
    found = _Found()
    sentences = [s for s in doc.sents if _overlaps_any(parts, s.start_char, s.end_char)]
    _cue_pass(doc, sentences, text=text, marks=marks, cues=cues, found=found)
    _colon_pass(sentences, text=text, marks=marks, found=found)
    found.statements.sort(key=lambda s: s.start)
    _mark_pass(doc, text=text, marks=marks, cues=cues, found=found)
    if candidates:
        _verb_pass(doc, sentences, text=text, marks=marks, found=found)
        found.statements.sort(key=lambda s: s.start)
    for statement in found.statements:  # a speaker at a line's end ("..., says PM\n\n") ends at its last letter
        if statement.speaker is not None:
            start, end = statement.speaker
            stripped = text[start:end].strip()
            if stripped:
                start += text[start:end].index(stripped)
                statement.speaker = (start, start + len(stripped))
    return found.statements


class Taken:
    """Character ranges taken so far, kept as sorted disjoint runs: whether a range is free takes
    a binary search, however many statements an article has.

    Example:
        >>> taken = Taken(); taken.append((10, 20)); taken.append((15, 30)); taken.append((40, 45))
        >>> taken.free((30, 40)), taken.free((29, 31)), taken.free((5, 10)), taken.runs
        (True, False, True, [(10, 30), (40, 45)])
    """

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.points: list[int] = []  # empty ranges (an empty quotation): they block a span around them

    @property
    def runs(self) -> list[tuple[int, int]]:
        return list(zip(self.starts, self.ends))

    def free(self, span: tuple[int, int]) -> bool:
        """Whether ``span`` overlaps no taken run (runs are disjoint, so only the last one that
        starts before ``span`` ends can reach into it)."""
        start, end = span
        k = bisect_left(self.starts, end)
        if k and self.ends[k - 1] > start:
            return False
        p = bisect_right(self.points, start)
        return not (p < len(self.points) and self.points[p] < end)

    def append(self, span: tuple[int, int]) -> None:
        """Take ``span``, merging it with the runs it overlaps (touching runs stay apart)."""
        start, end = span
        if end <= start:
            insort(self.points, start)
            return
        lo = bisect_left(self.ends, start + 1)  # first run that ends after start (overlap needs end > start)
        hi = bisect_left(self.starts, end)  # runs before hi start before end
        if lo < hi:
            start, end = min(start, self.starts[lo]), max(end, self.ends[hi - 1])
        self.starts[lo:hi] = [start]
        self.ends[lo:hi] = [end]


@dataclass
class _Found:
    """The statements found so far, the character ranges they cover and the quotations they used."""

    statements: list[Statement] = field(default_factory=list)
    taken: Taken = field(default_factory=lambda: Taken())
    used_marks: set[int] = field(default_factory=set)  # id() of each QuoteSpan a statement holds
    relays: dict[int, tuple[tuple[int, int], str]] = field(default_factory=dict)  # cue token -> the agency that relayed it

    def free(self, span: tuple[int, int]) -> bool:
        """Whether no statement found so far overlaps ``span``."""
        return self.taken.free(span)

    def add(self, statement: Statement, *, covers: tuple[int, int]) -> None:
        """Record a statement and the characters it takes (its content, with its cue or speaker)."""
        self.statements.append(statement)
        self.taken.append(covers)

    def use_marks_within(self, marks: list[QuoteSpan], start: int, end: int) -> None:
        """Mark as used every quotation whose inner text lies inside ``start:end``."""
        self.used_marks.update(id(m) for m in marks if start <= m.inner_start and m.inner_end <= end)


class _Inside:
    """Whether a character lies inside any of some ranges (which may overlap): a binary search
    over the starts and a running maximum of the ends."""

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        ranges = sorted(ranges)
        self.starts = [s for s, _ in ranges]
        self.reach = list(accumulate((e for _, e in ranges), max))

    def __call__(self, char: int) -> bool:
        k = bisect_right(self.starts, char)
        return k > 0 and self.reach[k - 1] > char


def _cue_pass(doc: Doc, sentences: list[Span], *, text: str, marks: list[QuoteSpan], cues: dict, found: _Found) -> None:
    """Pass 1: each reporting verb (and ``according to``) outside quotation marks with a speaker and content."""
    inside = _Inside([(q.inner_start, q.inner_end) for q in marks])
    candidates = _cue_positions(doc, cues)
    depth = tree(doc).depth
    for sent in sentences:
        verbs = sorted(
            (doc[i] for i in candidates[bisect_left(candidates, sent.start) : bisect_left(candidates, sent.end)]),
            key=lambda t: (t.lower_ != "according", depth[t.i], t.i),
        )
        for verb in verbs:
            if inside(verb.idx) or not found.free((verb.idx, verb.idx + len(verb))):
                continue
            if verb.lower_ == "according":
                _add_according_to(verb, text=text, marks=marks, found=found)
            else:
                _add_cued(verb, sent, text=text, marks=marks, cues=cues, found=found)


def _add_according_to(verb: Token, *, text: str, marks: list[QuoteSpan], found: _Found) -> None:
    """``according to X, ...``: an indirect statement, mixed when its content holds a quotation."""
    to = next((c for c in verb.children if c.lower_ == "to"), None)
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    relay = _relaying_medium(pobj, text) if pobj is not None else None
    if relay is not None and _speech_cue_with_subject(verb.head, cues=load_cues(), outside=verb):
        found.relays[verb.head.i] = relay  # "According to Anadolu, the minister said ...": the minister, via Anadolu
        return
    st = _according_to(verb, text)
    if st and found.free((st.start, st.end)):
        kind, _ = _kind((st.start, st.end), marks)
        st = replace(st, kind="mixed" if kind == "direct" else kind)
        found.add(st, covers=(st.start, st.end))


def _add_cued(verb: Token, sent: Span, *, text: str, marks: list[QuoteSpan], cues: dict, found: _Found) -> None:
    """A reporting verb with a subject: direct when its content is one quotation, else mixed or indirect."""
    if verb.dep_ in ("advcl", "xcomp") and verb.head.lemma_ == "quote":
        return  # the "saying" of "was quoted as saying": the cue is "quoted"
    lemma = verb.lemma_.lower()
    subject = subject_of(verb)
    if subject is None or subject.dep_ == "expl" or (subject.lower_ == "it" and lemma in ("say", "report")):
        return
    speaker = speaker_span(subject, verb)
    relay = _relaying_medium(speaker, text) if lemma in RELAY_VERBS else None
    if relay is not None:
        inner = next(
            (c for c in verb.children if c.dep_ == "ccomp" and _speech_cue_with_subject(c, cues=cues, outside=subject)), None
        )
        if inner is not None:  # "The minister said ..., Anadolu reported": the minister, via Anadolu
            found.relays[inner.i] = relay
            return
    via, via_name = found.relays.get(verb.i) or _via(verb, text)
    if lemma == "quote" and relay is not None:  # "Anadolu quoted the minister as saying ...": the minister, via Anadolu
        quoted = next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ in ("PROPN", "NOUN")), None)
        if quoted is not None:
            speaker, (via, via_name) = speaker_span(quoted), relay
    elif subject.lemma_.lower() in DOCUMENT_NOUNS:  # "The White House statement said": the White House, via the statement
        owner, document, document_name = _document_source(subject, speaker=speaker)
        if owner is not None:
            speaker, via, via_name = owner, document, document_name
    content = _cued_content(verb, sent, speaker=speaker, cue_kind=cues[lemma]["kind"], marks=marks, used=found.used_marks)
    if content is None:
        return
    span, source = content
    span = _close_quote(text, _trim(text, span))
    if span is None or not found.free(span):
        return
    kind, span = _kind(span, marks)
    if kind == "direct":
        _use_direct_marks(span, marks=marks, found=found)
    st = Statement(span[0], span[1], kind, _cue_span(verb), lemma, speaker, via, via_name, source)
    found.add(st, covers=(min(st.start, verb.idx), max(st.end, verb.idx + len(verb))))


#: reporting verbs whose subject, when it is a news agency or outlet, relays another speaker's
#: statement rather than making one ("..., Anadolu reported"; "Anadolu quoted the minister as saying")
RELAY_VERBS = frozenset({"report", "say", "quote", "write", "cite"})


def _relaying_medium(phrase: Token | tuple[int, int] | None, text: str) -> tuple[tuple[int, int], str] | None:
    """(span, canonical name) when a phrase (a token's subtree, or a span) names a news agency or
    outlet ("Anadolu", "the state-run Anadolu news agency"), else ``None``."""
    span = _token_span(t for t in subtree(phrase) if not t.is_punct) if isinstance(phrase, Token) else phrase
    name = match_agency(text[span[0] : span[1]]) if span else None
    return (span, name) if span and name and agency_kind(name) in ("agency", "outlet") else None


def _speech_cue_with_subject(verb: Token, *, cues: dict, outside: Token) -> bool:
    """Whether a verb is a speech cue of the lexicon with a subject of its own, outside the phrase ``outside`` heads."""
    row = cues.get(verb.lemma_.lower())
    if verb.pos_ not in ("VERB", "AUX") or row is None or row["kind"] != "speech" or verb.i == outside.i:
        return False
    subject = subject_of(verb)
    return subject is not None and subject.dep_ != "expl" and subject.i not in {t.i for t in subtree(outside)}


def _cued_content(
    verb: Token, sent: Span, *, speaker: tuple[int, int] | None, cue_kind: str, marks: list[QuoteSpan], used: set[int]
) -> tuple[tuple[int, int], str] | None:
    """What a cue verb reports, and how found: its complement, else (say-verbs) an adjacent quotation, parenthetical or rest."""
    content = _content(verb, cue_kind)
    if content and speaker and content[0] <= speaker[0] < content[1]:
        content = None  # the subject sits inside the complement: a parse we cannot trust
    if content is not None:
        return content, "cue"
    if cue_kind != "speech" or verb.lemma_.lower() not in ADJACENT_CUES:
        return None
    q = _adjacent_quote(sent, verb, marks, used)
    if q is not None:
        return (q.start, q.end), "adjacent_quote"
    content = _parenthetical(verb, speaker)
    if content is not None:
        return content, "parenthetical"
    content = _rest_of_sentence(sent, verb, speaker)
    return (content, "rest_of_sentence") if content is not None else None


def _use_direct_marks(span: tuple[int, int], *, marks: list[QuoteSpan], found: _Found) -> None:
    """A direct statement uses the quotation it starts with and every quotation inside it."""
    first = next((q for q in marks if q.inner_start == span[0]), None)
    found.use_marks_within(marks, span[0], span[1])
    if first is not None:
        found.used_marks.add(id(first))


#: dependency labels of a verb's argument that a candidate statement takes as its content, in order
#: of preference: a clause, an infinitive, an object ("promising to lift", "viewed communists as")
CANDIDATE_DEPS = ("ccomp", "xcomp", "dobj")

#: prepositions whose object is what a verb or adjective is about ("worried about the deal",
#: "critical of the plan", "called for a ban", "voted against it"; not "with": "pushing ahead with the purchase" is an act)
CANDIDATE_PREPS = frozenset({"about", "of", "on", "for", "against", "over", "to"})


def _candidate_content(head: Token) -> Token | None:
    """The argument a candidate statement's head reports: a clause, an infinitive or a non-pronoun
    object, else the object of an about/of/on/... preposition (a person object gives way to it:
    "asked Clinton about her emails")."""
    child = next((c for dep in CANDIDATE_DEPS for c in head.children if c.dep_ == dep), None)
    if child is not None and child.dep_ == "dobj" and (child.lower_ in WEAK_OBJECTS or child.pos_ == "PRON"):
        child = None
    if child is None or (child.dep_ == "dobj" and child.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")):
        prep = next((c for c in head.children if c.dep_ == "prep" and c.lower_ in CANDIDATE_PREPS and c.i > head.i), None)
        pobj = next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
        if pobj is not None and pobj.pos_ != "PRON":
            return pobj
    return child


def _verb_pass(doc: Doc, sentences: list[Span], *, text: str, marks: list[QuoteSpan], found: _Found) -> None:
    """Candidates beyond the cue lexicon: each verb (and each predicative adjective: "critical of")
    outside quotations and outside the statements found, with a subject and a clause, infinitive,
    object or about-phrase, becomes a ``verb`` statement (the quote model keeps the few that
    report what someone said, thought or found)."""
    inside = _Inside([(q.inner_start, q.inner_end) for q in marks])
    heads = set(positions(doc, "POS", "VERB")) | (set(positions(doc, "POS", "ADJ")) & set(positions(doc, "DEP", "acomp")))
    for sent in sentences:
        for head in (doc[i] for i in range(sent.start, sent.end) if i in heads):
            if inside(head.idx) or not found.free((head.idx, head.idx + len(head))):
                continue
            subject = subject_of(head if head.pos_ == "VERB" else head.head)
            if subject is None or subject.dep_ == "expl" or (subject.i > head.i and head.dep_ != "relcl"):
                continue
            child = _candidate_content(head)
            if child is None:
                continue
            speaker = speaker_span(subject, head)
            span = _close_quote(text, _trim(text, _clause(head, child) if child.dep_ == "ccomp" else _token_span(subtree(child))))
            if span is None or not found.free(span) or (speaker and span[0] <= speaker[0] < span[1]):
                continue
            kind, span = _kind(span, marks)
            st = Statement(span[0], span[1], kind, _cue_span(head), head.lemma_.lower(), speaker, source="verb")
            found.add(st, covers=(min(st.start, head.idx), max(st.end, head.idx + len(head))))


def _colon_pass(sentences: list[Span], *, text: str, marks: list[QuoteSpan], found: _Found) -> None:
    """``Name: statement`` in headlines and interview transcripts, where no cue verb took the sentence."""
    for sent in sentences:
        st = _colon_statement(sent, text, marks)
        if st is not None and found.free((st.speaker[0], st.end)):  # type: ignore[index]
            found.add(st, covers=(st.speaker[0], st.end))  # type: ignore[index]
            found.use_marks_within(marks, st.start, st.end)


def _mark_pass(doc: Doc, *, text: str, marks: list[QuoteSpan], cues: dict, found: _Found) -> None:
    """Pass 2: each quotation no statement covers joins a neighbour's statement or becomes one of its own."""
    for index, q in enumerate(marks):
        if id(q) in found.used_marks or not found.free((q.inner_start, q.inner_end)):
            continue
        following = marks[index + 1] if index + 1 < len(marks) else None
        if _joins_following(q, following, statements=found.statements):
            found.taken.append((q.inner_start, q.inner_end))
            continue
        prev = max((s for s in found.statements if s.end <= q.start), key=lambda s: s.end, default=None)
        if prev is not None and _continues_previous(q, prev, text=text):
            prev.segments.append((q.inner_start, q.inner_end))
            prev.end = q.inner_end
        else:
            found.statements.append(_quote_statement(doc, q, prev, text=text, cues=cues))
        found.taken.append((q.inner_start, q.inner_end))
        found.statements.sort(key=lambda s: s.start)


def _joins_following(q: QuoteSpan, following: QuoteSpan | None, *, statements: list[Statement]) -> bool:
    """A quotation running over paragraphs: the statement of its next paragraph takes it in front."""
    if not (q.continued and following is not None and following.continues):
        return False
    follower = next((s for s in statements if s.start == following.inner_start), None)
    if follower is None:
        return False
    follower.start = q.inner_start
    follower.segments.insert(0, (q.inner_start, q.inner_end))
    return True


def _same_flow(q: QuoteSpan, prev: Statement, *, text: str) -> bool:
    """Whether a quotation follows a statement closely: a short gap, or only that statement's own attribution."""
    gap = text[prev.end : q.start]
    # the gap holds only the previous statement's own attribution ("…,” X, a spokesman for Y, said. “…")
    own_cue = prev.cue is not None and prev.end <= prev.cue[0] < q.start and "\n\n" not in gap
    return (len(gap) < FLOW_GAP and gap.count("\n\n") <= 1) or own_cue


def _continues_previous(q: QuoteSpan, prev: Statement, *, text: str) -> bool:
    """Inheritance of a direct quote: a quotation marked as continuing it, or its next sentence in the same paragraph."""
    if prev.kind != "direct":
        return False
    if q.continues:
        return True
    return (
        _opens_sentence(text, q.start)
        and _same_flow(q, prev, text=text)
        and "\n\n" not in text[prev.end : q.start]
        and len(q.inner_text.split()) >= MIN_QUOTE_WORDS
    )


def _quote_statement(doc: Doc, q: QuoteSpan, prev: Statement | None, *, text: str, cues: dict) -> Statement:
    """An uncovered quotation's own statement: dash name, inherited speaker (``prev``), fragment, unattributed, or partial."""
    words = len(q.inner_text.split())
    opens = _opens_sentence(text, q.start)
    dash = _DASH_NAME.match(text, q.end)
    if dash and words >= MIN_QUOTE_WORDS:
        return Statement(q.inner_start, q.inner_end, "direct", None, None, dash.span(1), source="dash_name")
    if opens and words >= MIN_SENTENCE_WORDS and prev is not None and prev.speaker is not None and _same_flow(q, prev, text=text):
        return Statement(q.inner_start, q.inner_end, "direct", source="paragraph_speaker", inherits=prev)
    if words >= 1 and not opens:
        return _fragment(doc, q, text, cues)
    if words >= MIN_SENTENCE_WORDS:
        return Statement(q.inner_start, q.inner_end, "direct", None, None, None, source="unattributed")
    return Statement(q.inner_start, q.inner_end, "partial", None, None, None, source="fragment")


def _fragment(doc: Doc, q: QuoteSpan, text: str, cues: dict) -> Statement:
    """A quoted fragment: partial, or mixed when a reporting verb governs it (then the verb's
    argument holding the fragment is the content and the verb's subject the speaker)."""
    span = doc.char_span(q.inner_start, q.inner_end, alignment_mode="expand")
    plain = Statement(q.inner_start, q.inner_end, "partial", source="fragment")
    if span is None:
        return plain
    inside = {t.i for t in span}
    node = span.root
    child = node
    for ancestor in node.ancestors:
        if ancestor.i in inside:
            child = ancestor
            continue
        if ancestor.pos_ in ("VERB", "AUX"):
            subject = subject_of(ancestor)
            if subject is None or subject.i in inside:
                return plain
            speaker = speaker_span(subject, ancestor)
            lemma = ancestor.lemma_.lower()
            if lemma in cues:
                arg = _token_span(subtree(child))
                if arg and arg[0] <= q.inner_start and q.inner_end <= arg[1] and not (arg[0] <= subject.idx < arg[1]):
                    arg = _close_quote(text, _trim(text, arg)) or arg
                    kind = (
                        "mixed"
                        if (arg[0], arg[1]) != (q.inner_start, q.inner_end) and arg[1] - arg[0] > q.end - q.start + MIXED_SLACK
                        else "partial"
                    )
                    start, end = arg if kind == "mixed" else (q.inner_start, q.inner_end)
                    return Statement(start, end, kind, _cue_span(ancestor), lemma, speaker, source="fragment_cue")
            return Statement(
                q.inner_start,
                q.inner_end,
                "partial",
                _cue_span(ancestor),
                lemma if lemma in cues else None,
                speaker,
                source="fragment_verb",
            )
        child = ancestor
    return plain


def _colon_statement(sent: Span, text: str, marks: list[QuoteSpan]) -> Statement | None:
    """``Name: statement``: a short name phrase, a colon, then what was said."""
    colons = positions(sent.doc, "ORTH", ":")
    if bisect_left(colons, sent.start) == bisect_left(colons, sent.end):  # no colon token: most sentences
        return None
    tokens = [t for t in sent if not t.is_space]
    colon = next((t for t in tokens[:COLON_WITHIN] if t.text == ":"), None)
    if colon is None or colon.i == tokens[0].i:
        return None
    left = [t for t in tokens if t.i < colon.i]
    right = [t for t in tokens if t.i > colon.i and not t.is_space]
    if not right or len(left) > COLON_NAME_TOKENS or any(t.pos_ in ("VERB", "AUX") for t in left):
        return None
    if not any(t.pos_ in ("PROPN", "PRON") or t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") for t in left):
        return None
    if any(t.like_num for t in left):  # times, scores, lists
        return None
    speaker = _token_span(left)
    content = _trim(text, _token_span(right))
    if speaker is None or content is None:
        return None
    kind, content = _kind(content, marks)
    return Statement(
        content[0],
        content[1],
        "direct" if kind == "direct" else "indirect" if kind == "indirect" else "mixed",
        (colon.idx, colon.idx + 1),
        ":",
        speaker,
        source="colon",
    )


def _opens_sentence(text: str, pos: int) -> bool:
    """Whether a quotation mark at ``pos`` opens a sentence: only spaces back to a paragraph
    start, or to sentence-final punctuation (possibly followed by a closing mark)."""
    i = pos - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    if i < 0 or text[i] == "\n":
        return True
    if text[i] in ".!?":
        return True
    j = i
    while j >= 0 and text[j] in "”'\"’»":
        j -= 1
    return j < i and j >= 0 and text[j] in ".!?"


def _starts_sentence(doc: Doc, char: int) -> bool:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None:
        return False
    token = span[0]
    sent = token.sent
    first = next((t for t in sent if not t.is_space), token)
    return first.i == token.i
