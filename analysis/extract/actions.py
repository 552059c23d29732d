"""Actors in action: who does what to whom, read off the dependency parse.

:func:`action_rows` gives one row per verb with a subject (or a passive verb with a patient): the
doer (``subject``, resolved to ``subject_actor``), the verb lemma, negation, and what it is done to
(``object``, resolved to ``object_actor``)::

    >>> from analysis.nlp.pipeline import load_pipeline
    >>> doc = load_pipeline()("Turkey has defied the mounting pressure.")
    >>> sents = [{"article_id": "a", "sentence_id": 0, "zone": "body", "start_char": 0,
    ...           "end_char": len(doc.text), "text": doc.text}]
    >>> [(r["subject_actor"], r["verb"], r["object"]) for r in action_rows(doc, sents)]
    [('Turkey', 'defy', 'the mounting pressure')]

How the doer of a verb is found (``subject_rule``):

- ``nsubj``: the verb's own subject ("Turkey has defied ...").
- ``agent``: a passive verb's by-phrase ("could be forced ... by a Congress"), also when the parser
  attached it lower in the verb's phrase and it names an actor ("was quoted as saying by the official
  Anadolu news agency"); the passive subject becomes the object (``voice`` is ``passive``).
- ``passive``: a passive verb without a by-phrase: no doer (``subject`` empty), the passive subject
  is the object ("Erdogan was quoted ..." -> (<NA>, quote, Erdogan)).
- ``relcl``: a relative clause whose subject is "which", "who" or "that" acts through its antecedent
  ("the United States, which has threatened sanctions" -> (United States, threaten, sanctions)).
- ``conj``: a coordinated verb without its own subject shares the first verb's ("Turkey has defied
  ... and said ..." -> (Turkey, say)).
- ``control``: an infinitive complement acts through the governing verb's object when it has one,
  else through its subject ("force Washington to hit the country with sanctions" -> (United States,
  hit, the country [Turkey], with sanctions); "does not want to punish Turkey" -> the wanter punishes).
- ``possessor``: an infinitive attached to a possessed noun acts through the possessor ("Ankara's
  desire to buy the system" -> (Turkey, buy, system)).

How mentions become actors (``subject_kind`` / ``object_kind``):

- ``registry``: the actor registry knows the phrase or its named entity ("Ankara" -> Turkey,
  "Washington" -> United States, "the US administration" -> United States).
- ``entity``: an unknown named entity (the actor it is linked to in ``mentions``: "Blair" -> Tony Blair
  when the article names him in full) or proper noun, tidied with :func:`analysis.lexicons.actors.display_name`.
- ``pronoun``: "he"/"she" resolve to the closest earlier person, "it"/"its" to the closest earlier
  non-person actor (the rules of :mod:`analysis.extract.resolve`, shared with the other tables);
  other pronouns ("we", "they", "I", "you") stay as written with an empty actor.
- ``anaphor``: "the country" / "the nation" resolve to the country named most so far, other than
  the clause's doer ("force Washington to hit the country" -> Turkey; :func:`analysis.extract.resolve.country_antecedent`).
- ``possessor``: a common noun owned by an actor acts for it ("Ankara's planned purchase would
  damage ..." -> Turkey).
- ``noun``: any other noun phrase, tidied with ``display_name`` ("consequences").

Every text column comes with offsets into the article text (the span rule): ``text`` (the verb as
written) with ``start_char``/``end_char``, and ``subject``, ``object``, ``oblique`` and ``clause``
with their own ``*_start``/``*_end``.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
import pandas as pd
from spacy.strings import get_string_id
from spacy.symbols import PROPN, VERB
from spacy.tokens import Doc, Span, Token

from analysis.extract.article import entity_rows
from analysis.extract.linking import EntityLink, link_entities, registry_matches
from analysis.extract.resolve import (
    Antecedent,
    antecedents,
    country_antecedent,
    is_country_reference,
    part_of,
    person_antecedent,
    thing_antecedent,
)
from analysis.io.schema import TABLES, Row, Table
from analysis.lexicons.actors import Registry, display_name, load_registry
from analysis.lexicons.cues import cue_class
from analysis.lexicons.words import AGENT_LABELS, PERSON_PRONOUNS, PRONOUNS, RELATIVE_PRONOUNS, THING_PRONOUNS
from analysis.nlp.arrays import Tree, attribute, memo, subtree, tree, values
from analysis.nlp.pipeline import article_text
from analysis.text.spans import SentenceIndex

#: Prepositions whose object is not what the verb acts on (time, manner, concession, ...).
NON_OBJECT_PREPS = frozenset(
    {
        "despite",
        "during",
        "since",
        "after",
        "before",
        "until",
        "till",
        "as",
        "like",
        "than",
        "because",
        "by",
        "per",
        "via",
        "amid",
        "amidst",
        "throughout",
        "following",
        "ago",
    }
)


_OPENING = frozenset({"“", "‘", "«"})


_CLOSING = frozenset({"”", "’", "»"})


_OPENING_IDS = np.array(sorted(get_string_id(m) for m in _OPENING), dtype=np.uint64)


_CLOSING_IDS = np.array(sorted(get_string_id(m) for m in _CLOSING), dtype=np.uint64)


_TIME_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})


_NP_LEFT_SKIP = frozenset({"punct", "cc", "conj", "prep", "relcl", "acl", "appos", "advmod", "preconj", "mark"})


_NP_RIGHT_KEEP = frozenset({"compound", "case", "nummod", "flat"})


@cache
def _ids(names: frozenset[str] | tuple[str, ...]) -> frozenset[int]:
    return frozenset(get_string_id(n) for n in names)


# the same labels and words as string ids, for the token-array paths
_NP_LEFT_SKIP_IDS = _ids(_NP_LEFT_SKIP)


_NP_RIGHT_KEEP_IDS = _ids(_NP_RIGHT_KEEP)


_TIME_IDS = _ids(_TIME_LABELS)


_PASSIVE_IDS = _ids(("nsubjpass", "auxpass", "csubjpass"))


_COORDINATION_IDS = _ids(("conj", "cc"))


_MODIFIER_IDS = _ids(("amod", "compound"))  # participles used as adjectives, nouns' verb parts


_NON_OBJECT_PREP_IDS = _ids(NON_OBJECT_PREPS)


_POBJ_IDS = _ids(("pobj",))


_PREP, _AUX, _CASE, _CC = (get_string_id(n) for n in ("prep", "aux", "case", "cc"))


_TO, _OF = get_string_id("to"), get_string_id("of")


@dataclass
class _Roles:
    subject: Token | None
    patient: Token | None
    rule: str
    voice: str


class _Article:
    """Sentence index, antecedents, linked entity actors and the registry of one article."""

    def __init__(
        self,
        doc: Doc,
        index: SentenceIndex,
        registry: Registry,
        date: str | None,
        links: Sequence[EntityLink],
        mentions: Sequence[Antecedent] | None = None,
    ):
        self.doc = doc
        self.index = index
        self.registry = registry
        self.date = date
        self.mentions = list(mentions) if mentions is not None else antecedents(doc, links, index, registry=registry)
        self.linked = {(link.entity["start_char"], link.entity["end_char"]): link.actor for link in links}
        self.entity_at: dict[int, Span] = {}  # token index -> its named entity
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                self.entity_at.setdefault(i, ent)

    def text(self, start: int, end: int) -> str:
        """Article text [start:end), from the sentence row that holds it (the doc text elsewhere)."""
        found = self.index.text(start, end)
        return found if found is not None else article_text(self.doc)[start:end]


def _is_relative(token: Token) -> bool:
    return token.lower_ in RELATIVE_PRONOUNS and token.tag_ in ("WDT", "WP", "WP$", "IN")


@dataclass(frozen=True)
class _Parse:
    """The token attributes the rules read, as lists of string ids, and the tree (one per Doc,
    fetched once per rule rather than once per attribute)."""

    dep: list[int]
    lower: list[int]
    ent: list[int]
    pos: list[int]
    punct: list[int]
    space: list[int]
    tree: Tree

    def first_child(self, i: int, wanted: frozenset[int]) -> int | None:
        """The first child of token ``i`` whose dependency label id is in ``wanted``."""
        return next((c for c in self.tree.children[i] if self.dep[c] in wanted), None)


def _parse(doc: Doc) -> _Parse:
    def make() -> _Parse:
        return _Parse(*(values(doc, name) for name in ("DEP", "LOWER", "ENT_TYPE", "POS", "IS_PUNCT", "IS_SPACE")), tree(doc))

    return memo(doc, "actions", make)


def _child(token: Token, *deps: str) -> Token | None:
    """The first child of ``token`` attached with one of ``deps``."""
    found = _parse(token.doc).first_child(token.i, _ids(deps))
    return None if found is None else token.doc[found]


def _is_passive(verb: Token) -> bool:
    return _parse(verb.doc).first_child(verb.i, _PASSIVE_IDS) is not None


def _has_infinitive_to(verb: Token) -> bool:
    parse = _parse(verb.doc)
    return any(parse.dep[c] == _AUX and parse.lower[c] == _TO for c in parse.tree.children[verb.i])


def _attached_agent(verb: Token) -> Token | None:
    """The object of a "by" phrase that the parser attached lower down in the passive verb's phrase
    ("hit with sanctions by the United States", "quoted as saying by the official Anadolu news
    agency"), when it names an actor; ``None`` otherwise. Clauses are not searched."""
    stack = [c for c in verb.children if c.dep_ in ("prep", "pobj", "pcomp", "dobj")]
    while stack:
        node = stack.pop(0)
        if node.dep_ in ("prep", "agent") and node.lower_ == "by":
            pobj = _child(node, "pobj")
            if pobj is not None and (
                pobj.ent_type_ in AGENT_LABELS or pobj.pos_ == "PROPN" or any(t.ent_type_ in AGENT_LABELS for t in subtree(pobj))
            ):
                return pobj
            continue
        stack.extend(c for c in node.children if c.dep_ in ("prep", "pobj", "pcomp"))
    return None


def _roles(verb: Token, seen: frozenset[int] = frozenset()) -> _Roles | None:
    """Doer and patient of ``verb`` (see the module docstring for the rules); ``None`` when neither is found."""
    if verb.i in seen:
        return None
    seen = seen | {verb.i}
    if _is_passive(verb):
        patient = _child(verb, "nsubjpass")
        if patient is not None and _is_relative(patient) and verb.dep_ == "relcl":
            patient = verb.head
        agent = _child(verb, "agent")
        doer = _child(agent, "pobj") if agent is not None else _attached_agent(verb)
        if doer is not None:
            return _Roles(doer, patient, "agent", "passive")
        if patient is not None:
            return _Roles(None, patient, "passive", "passive")
    else:
        subject = _child(verb, "nsubj")
        if subject is not None:
            if _is_relative(subject) and verb.dep_ == "relcl":
                return _Roles(verb.head, None, "relcl", "active")
            return _Roles(subject, None, "nsubj", "active")
        if _child(verb, "csubj", "expl") is not None:
            return None
    head = verb.head
    if verb.dep_ == "conj" and head.pos_ in ("VERB", "AUX"):
        roles = _roles(head, seen)
        if roles is None:
            return None
        own_aux = any(c.dep_ in ("aux", "auxpass") for c in verb.children)
        if roles.voice == "passive" and verb.tag_ == "VBN" and not own_aux:
            return _Roles(None, roles.patient, "conj", "passive")
        doer = roles.subject if roles.subject is not None else roles.patient
        return _Roles(doer, None, "conj", "active") if doer is not None else None
    if verb.dep_ == "xcomp" and head.pos_ in ("VERB", "AUX"):
        obj = _child(head, "dobj")
        if obj is not None:
            return _Roles(obj, None, "control", "active")
        roles = _roles(head, seen)
        if roles is None:
            return None
        if roles.voice == "passive":
            return _Roles(roles.patient, None, "control", "active") if roles.patient is not None else None
        return _Roles(roles.subject, None, "control", "active") if roles.subject is not None else None
    if verb.dep_ == "advcl" and _has_infinitive_to(verb) and head.pos_ in ("VERB", "AUX"):
        roles = _roles(head, seen)
        if roles is not None and roles.voice == "active" and roles.subject is not None:
            return _Roles(roles.subject, None, "control", "active")
        return None
    if verb.dep_ == "acl" and _has_infinitive_to(verb) and head.pos_ in ("NOUN", "PROPN"):
        owner = _child(head, "poss")
        if owner is not None:
            return _Roles(owner, None, "possessor", "active")
    return None


def _np_bounds(token: Token) -> tuple[int, int]:
    """Token range of the noun phrase headed by ``token``: left modifiers and name parts, no clauses,
    appositions or prepositional phrases (except "of" inside proper names)."""
    doc, i = token.doc, token.i
    parse = _parse(doc)
    dep, ent, pos, punct, space, t = parse.dep, parse.ent, parse.pos, parse.punct, parse.space, parse.tree
    lo = hi = i
    for child in t.children[i]:
        if child < i:
            if dep[child] in _NP_LEFT_SKIP_IDS or (ent[child] in _TIME_IDS and ent[i] != ent[child]):
                continue
            lo = min(lo, t.left[child])
        else:
            keep = dep[child] in _NP_RIGHT_KEEP_IDS or (
                dep[child] == _PREP
                and parse.lower[child] == _OF
                and pos[i] == PROPN
                and any(pos[g] == PROPN for g in t.children[child])
            )
            if not keep:
                break
            hi = max(hi, t.right[child])
    while lo < hi and (punct[lo] or space[lo]):
        lo += 1
    while hi > lo and (punct[hi] or space[hi] or (dep[hi] == _CASE and t.head[hi] == i)):
        hi -= 1
    return lo, _balance(doc, lo, hi) + 1


def _balance(doc: Doc, lo: int, hi: int) -> int:
    """``hi`` moved past the closing quotation mark (and the punctuation before it) of a quotation
    opened inside [lo, hi]: a “joint working group”, a “done deal.”"""
    marks = _quote_marks(doc)
    opened = marks[hi + 1] - marks[lo]
    if opened <= 0:
        return hi
    end = hi + 1
    while end < len(doc) and end <= hi + 3 and (doc[end].is_punct and doc[end].text not in _OPENING):
        if doc[end].text in _CLOSING:
            return end
        end += 1
    return hi


def _quote_marks(doc: Doc) -> list[int]:
    """Prefix sums of opening minus closing quotation marks per token (made once per Doc)."""

    def count() -> list[int]:
        orth = attribute(doc, "ORTH")
        step = np.isin(orth, _OPENING_IDS).astype(np.int64) - np.isin(orth, _CLOSING_IDS)
        return [0] + np.cumsum(step).tolist()

    return memo(doc, "quote_marks", count)


def _resolve(
    token: Token, phrase: str, article: _Article, group: str, *, exclude: str | None = None, depth: int = 0
) -> tuple[str | None, str]:
    """(actor, kind) of a mention: see the module docstring for the kinds."""
    lower = token.lower_
    if token.pos_ == "PRON" or lower in PRONOUNS:
        if lower in PERSON_PRONOUNS:
            return person_antecedent(article.mentions, before=token.idx, group=group), "pronoun"
        if lower in THING_PRONOUNS:
            return thing_antecedent(article.mentions, before=token.idx, group=group), "pronoun"
        return None, "pronoun"
    if token.pos_ == "NOUN" and all(c.dep_ == "det" for c in token.children):
        words = [c.lower_ for c in token.children if c.i < token.i] + [token.lemma_.lower()]
        if is_country_reference(words):
            actor = country_antecedent(article.mentions, before=token.idx, group=group, exclude=exclude)
            if actor is not None:
                return actor, "anaphor"
    actor = article.registry.resolve(phrase, date=article.date)
    if actor is not None:
        return actor, "registry"
    entity = article.entity_at.get(token.i)
    if entity is not None and entity.label_ in AGENT_LABELS:
        actor = article.linked.get((entity.start_char, entity.end_char)) or article.registry.resolve(
            entity.text, date=article.date
        )
        if actor is None:
            return display_name(entity.text), "entity"
        return actor, "registry" if article.registry.info(actor) else "entity"
    if token.pos_ == "PROPN":
        return display_name(phrase), "entity"
    owner = _child(token, "poss")
    if owner is not None and depth < 2:
        lo, hi = _np_bounds(owner)
        owner_phrase = article.text(token.doc[lo].idx, token.doc[hi - 1].idx + len(token.doc[hi - 1].text))
        actor, kind = _resolve(owner, owner_phrase, article, group, exclude=exclude, depth=depth + 1)
        if actor is not None and kind != "noun":
            return actor, "possessor"
    return display_name(phrase), "noun"


def _object(verb: Token, roles: _Roles) -> tuple[Token | None, str | None, Token | None, str | None]:
    """(object, preposition of the object, oblique, preposition of the oblique)."""
    doc = verb.doc
    parse = _parse(doc)
    preps = []
    for child in parse.tree.children[verb.i]:
        if parse.dep[child] != _PREP or parse.lower[child] in _NON_OBJECT_PREP_IDS:
            continue
        pobj = parse.first_child(child, _POBJ_IDS)
        if pobj is not None and parse.ent[pobj] not in _TIME_IDS:
            preps.append((doc[child], doc[pobj]))
    if roles.voice == "passive":
        obj, obj_prep = roles.patient, None
    else:
        obj, obj_prep = _child(verb, "dobj"), None
        if obj is None and verb.dep_ == "relcl" and roles.rule == "nsubj":
            obj = verb.head  # "the deal Turkey made": the antecedent is what is acted on
    if obj is None and preps:
        prep, obj = preps.pop(0)
        obj_prep = prep.lower_
    oblique, oblique_prep = (preps[0][1], preps[0][0].lower_) if preps else (None, None)
    return obj, obj_prep, oblique, oblique_prep


def _phrase(article: _Article, token: Token | None) -> tuple[str | None, int | None, int | None]:
    if token is None:
        return None, None, None
    lo, hi = _np_bounds(token)
    doc = token.doc
    start, end = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)
    return article.text(start, end), start, end


def _clause(verb: Token, roles: _Roles, row: Mapping[str, Any]) -> tuple[int, int]:
    """Character range of the verb's clause: its subtree without coordinated verbs, plus the doer."""
    doc, i = verb.doc, verb.i
    parse = _parse(doc)
    dep, punct, space, t = parse.dep, parse.punct, parse.space, parse.tree
    indices = [i]
    following = [c for c in t.children[i] if c > i and dep[c] in _COORDINATION_IDS]
    limit = min((t.left[c] for c in following), default=len(doc))
    for child in t.children[i]:
        if child in following:
            continue
        left, right = t.left[child], t.right[child]
        if right < limit:  # the subtree's extremes are its edges
            indices += [left, right]
        elif left < limit:  # cut at the coordination (a subtree need not be contiguous)
            indices += [t.i for t in subtree(doc[child]) if t.i < limit]
    for token in (roles.subject, roles.patient):
        if token is not None:
            lo, hi = _np_bounds(token)
            indices += [lo, hi - 1]
    lo, hi = min(indices), max(indices)
    while lo < hi and (space[lo] or punct[lo]):
        lo += 1
    while hi > lo and (space[hi] or dep[hi] == _CC or (punct[hi] and doc[hi].text not in '.!?”"')):
        hi -= 1
    hi = _balance(doc, lo, hi)
    start = max(doc[lo].idx, int(row["start_char"]))
    end = min(doc[hi].idx + len(doc[hi].text), int(row["end_char"]))
    return start, end


def action_rows(
    doc: Doc,
    sentences: Sequence[Mapping[str, Any]] | pd.DataFrame | SentenceIndex,
    *,
    date: str | None = None,
    registry: Registry | None = None,
    links: Sequence[EntityLink] | None = None,
    mentions: Sequence[Antecedent] | None = None,
) -> list[Row]:
    """Rows of the ``actions`` table for one article: who does what to whom, one row per verb.

    A row is written for every verb (not auxiliaries, not participles used as adjectives) whose doer
    or passive patient can be found (see the module docstring for the rules and the actor kinds).

    Args:
        doc: The article parsed once (offsets index the article text).
        sentences: The article's ``sentences`` rows (dicts, a DataFrame or a :class:`~analysis.text.spans.SentenceIndex`).
        date: Publication date (``YYYY-MM-DD``) for dated roles in the registry ("the Turkish leader").
        registry: Actor registry; default :func:`analysis.lexicons.actors.load_registry`.
        links: The article's linked entities (:attr:`analysis.extract.context.ArticleContext.links`),
            so that an entity names the same actor here as in ``mentions``; default: linked here.
        mentions: The article's antecedents (:attr:`analysis.extract.context.ArticleContext.antecedents`);
            default: made from ``links``.

    Returns:
        Row dicts with the columns of :data:`ACTIONS_TABLE`, in text order.

    Example:
        >>> from analysis.nlp.pipeline import load_pipeline
        >>> doc = load_pipeline()("NATO allies Turkey and the United States, which has threatened sanctions, met.")
        >>> sents = [{"article_id": "a", "sentence_id": 0, "zone": "body", "start_char": 0,
        ...           "end_char": len(doc.text), "text": doc.text}]
        >>> [(r["subject_actor"], r["verb"], r["object"], r["subject_rule"]) for r in action_rows(doc, sents)][:1]
        [('United States', 'threaten', 'sanctions', 'relcl')]
    """
    index = SentenceIndex.of(sentences)
    registry = registry or load_registry()
    if links is None:
        entities = entity_rows(doc, index, article_id="", text=article_text(doc))
        links = link_entities(
            doc, entities, registry=registry, date=date, phrases=registry_matches(article_text(doc), registry=registry, date=date)
        )
    article = _Article(doc, index, registry, date, links, mentions)
    out: list[Row] = []
    parse = _parse(doc)
    verbs = [i for i in np.flatnonzero(attribute(doc, "POS") == VERB).tolist() if parse.dep[i] not in _MODIFIER_IDS]
    for row in index.rows:
        span = doc.char_span(int(row["start_char"]), int(row["end_char"]), alignment_mode="expand")
        if span is None:
            continue
        for i in verbs[bisect_left(verbs, span.start) : bisect_left(verbs, span.end)]:
            verb = doc[i]
            roles = _roles(verb)
            if roles is not None:
                out.append(_action_row(verb, roles, row, article, action_id=len(out)))
    return out


def _action_row(verb: Token, roles: _Roles, row: Mapping[str, Any], article: _Article, *, action_id: int) -> Row:
    """The ``actions`` row of one verb whose doer or patient is known (``row``: its sentence)."""
    group = part_of(row)
    subject, s_start, s_end = _phrase(article, roles.subject)
    s_actor, s_kind = (None, None)
    if roles.subject is not None:
        s_actor, s_kind = _resolve(roles.subject, subject or "", article, group)
    obj_token, obj_prep, oblique_token, oblique_prep = _object(verb, roles)
    obj, o_start, o_end = _phrase(article, obj_token)
    o_actor, o_kind = (None, None)
    if obj_token is not None:
        o_actor, o_kind = _resolve(obj_token, obj or "", article, group, exclude=s_actor)
    oblique, b_start, b_end = _phrase(article, oblique_token)
    c_start, c_end = _clause(verb, roles, row)
    return {
        "article_id": row["article_id"],
        "action_id": action_id,
        "sentence_id": int(row["sentence_id"]),
        "zone": row.get("zone"),
        "start_char": verb.idx,
        "end_char": verb.idx + len(verb.text),
        "text": article.text(verb.idx, verb.idx + len(verb.text)),
        "verb": verb.lemma_.lower(),
        "verb_class": cue_class(verb.lemma_),
        "voice": roles.voice,
        "negated": _child(verb, "neg") is not None,
        "subject": subject,
        "subject_start": s_start,
        "subject_end": s_end,
        "subject_actor": s_actor,
        "subject_kind": s_kind,
        "subject_rule": roles.rule,
        "object": obj,
        "object_start": o_start,
        "object_end": o_end,
        "object_prep": obj_prep,
        "object_lemma": obj_token.lemma_.lower() if obj_token is not None else None,
        "object_actor": o_actor,
        "object_kind": o_kind,
        "oblique_prep": oblique_prep,
        "oblique": oblique,
        "oblique_start": b_start,
        "oblique_end": b_end,
        "clause": article.text(c_start, c_end),
        "clause_start": c_start,
        "clause_end": c_end,
    }


#: Column contract of the ``actions`` table (defined with the others in ``analysis.io.schema``).
ACTIONS_TABLE: Table = TABLES["actions"]
