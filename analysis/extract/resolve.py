"""Who a phrase stands for when it does not name anyone: pronouns, role descriptions, "the country".

One rule per phrase, used by every table that resolves one (``quotes.speaker_actor``,
``mentions``, ``actions.subject_actor``/``object_actor``):

* **he / she** (:data:`~analysis.lexicons.words.PERSON_PRONOUNS`): the closest earlier person in the
  same part of the article (display copy, body, or one caption; a caption is never an antecedent
  for the body). A speaker pronoun first takes the previous person speaker (``he said ...`` after
  ``..., Erdogan said``), then this rule.
* **it / its** (:data:`~analysis.lexicons.words.THING_PRONOUNS`): the closest earlier non-person actor.
* **the country / this nation** (:data:`~analysis.lexicons.words.COUNTRY_NOUNS`): the country named
  (directly, or through one of its offices: "the White House") most often so far (the latest of a tie) in the same part of the article, counting neither places
  only ("in Iraq") nor noun modifiers ("the Iraq war", "Japanese industry"), other than the clause's
  own doer ("force Washington to hit the country"); none when no country is named. A country is one
  the registry types so or one of ``analysis/resources/countries.txt``. Chosen on 45 uses labelled
  in PolNeAR train and BBC (tuning data; ``tests/data/country_references.csv``): right on 26 of the
  30 it answers (0.87), against 24 of 31 (0.77) for the closest earlier country and 26 of 31 (0.84)
  when modifiers count too; 15 uses name no country before them (mostly the outlet's own country).
* **role descriptions** ("a top Pentagon official", "the spokesman"; :func:`is_role_description`):
  an indefinite one takes the named person who speaks next within :data:`ROLE_WINDOW` sentences, a
  definite one the previous person speaker within as many; else it stays its own role actor.

    >>> from analysis.extract.context import ArticleContext
    >>> from analysis.io.records import RawArticle
    >>> ctx = ArticleContext.of(RawArticle("a", "a", "T\\n\\nTurkey bought the S-400. The country defied the United States."))
    >>> country_antecedent(ctx.antecedents, before=ctx.text.index("The country"), group="body")
    'Turkey'
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
from spacy.tokens import Doc

from analysis.extract.linking import EntityLink
from analysis.lexicons.actors import Registry
from analysis.lexicons.countries import is_country_name
from analysis.lexicons.words import (
    AGENT_LABELS,
    COUNTRY_DETERMINERS,
    COUNTRY_NOUNS,
    LABEL_TYPES,
    ROLE_NOUNS,
)
from analysis.text.spans import SentenceIndex

#: A role description resolves to a named speaker at most this many sentences away: beyond that
#: the article has usually moved on to someone else.
ROLE_WINDOW = 3
#: "the country", "this nation", as written (the regular expression of the ``mentions`` table).
COUNTRY_REFERENCE = re.compile(
    rf"\b(?:{'|'.join(sorted(COUNTRY_DETERMINERS))}) (?:{'|'.join(sorted(COUNTRY_NOUNS))})\b", re.IGNORECASE
)
#: Dependency labels of a noun that modifies another noun ("the Iraq war", "US officials"): such a
#: mention names a topic, not the country a later "the country" refers to.
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod"})


def part_of(row: Mapping[str, Any] | None) -> str:
    """The part of the article a sentence belongs to, for antecedents: ``display`` (headline and
    dek), ``body``, or one caption (``caption:<paragraph>``).

    Example:
        >>> part_of({"zone": "dek"}), part_of({"zone": "body"}), part_of({"zone": "caption", "paragraph_id": 2})
        ('display', 'body', 'caption:2')
    """
    zone = row.get("zone") if row is not None else None
    if zone in ("headline", "dek"):
        return "display"
    if zone == "body" or zone is None or (isinstance(zone, float) and pd.isna(zone)):
        return "body"
    return f"{zone}:{row.get('paragraph_id')}"


@dataclass(frozen=True)
class Antecedent:
    """An actor mention a later phrase can refer back to."""

    start: int
    end: int
    actor: str
    type: str
    group: str
    located: bool = False
    modifier: bool = False
    country: str | None = None  # the country of an office ("White House" -> United States), for "the country"


def antecedents(doc: Doc, links: Sequence[EntityLink], index: SentenceIndex, *, registry: Registry) -> list[Antecedent]:
    """The article's agent mentions (:data:`~analysis.lexicons.words.AGENT_LABELS`) in text order,
    with the actors the entities are linked to (a group word the registry does not know, "Kurdish",
    is left out).

    Example:
        >>> from analysis.extract.context import ArticleContext
        >>> from analysis.io.records import RawArticle
        >>> ctx = ArticleContext.of(RawArticle("a", "a", "T\\n\\nErdogan spoke in Ankara about US sanctions."))
        >>> [(a.actor, a.type, a.located, a.modifier) for a in ctx.antecedents]
        [('Recep Tayyip Erdogan', 'person', False, False), ('Turkey', 'country', True, False), ('United States', 'country', False, True)]
    """
    out: list[Antecedent] = []
    for link in links:
        entity = link.entity
        if entity["label"] not in AGENT_LABELS:
            continue
        row = index.containing(entity["start_char"])
        if row is None:
            continue
        if entity["label"] == "NORP" and not registry.info(link.actor):
            continue
        kind = str(registry.info(link.actor).get("type") or LABEL_TYPES[entity["label"]])
        if kind == "place" and is_country_name(link.actor):
            kind = "country"
        span = doc.char_span(entity["start_char"], entity["end_char"], alignment_mode="expand")
        modifier = span is not None and span.root.dep_ in _MODIFIER_DEPS and span.root.head.i >= span.end
        parent = registry.info(link.actor).get("parent")
        country = link.actor if kind == "country" else parent if parent and is_country_name(parent) else None
        out.append(
            Antecedent(entity["start_char"], entity["end_char"], link.actor, kind, part_of(row), link.located, modifier, country)
        )
    return out


def _closest(mentions: Sequence[Antecedent], before: int, group: str, wanted: Any, *, exclude: str | None = None) -> str | None:
    """The actor of the closest mention ending at or before ``before`` in ``group`` that ``wanted`` accepts."""
    for mention in _earlier(mentions, before, group):
        if mention.actor != exclude and wanted(mention):
            return mention.actor
    return None


def _earlier(mentions: Sequence[Antecedent], before: int, group: str) -> Iterator[Antecedent]:
    """The mentions ending at or before ``before`` that ``group`` can refer back to, closest first
    (the body also refers back to the headline and dek it follows; a caption only to itself)."""
    stop = bisect_left([m.end for m in mentions], before + 1)
    groups = (group, "display") if group == "body" else (group,)
    for mention in reversed(mentions[:stop]):
        if mention.group in groups:
            yield mention


def person_antecedent(
    mentions: Sequence[Antecedent], *, before: int, group: str, accept: Callable[[str], bool] | None = None
) -> str | None:
    """The person a "he"/"she" at ``before`` stands for (see the module docstring); ``accept``
    (actor -> bool) can rule people out (a man for "she").

    Example:
        >>> mentions = [Antecedent(0, 5, "Anna Berg", "person", "body"), Antecedent(9, 15, "Turkey", "country", "body")]
        >>> person_antecedent(mentions, before=20, group="body"), person_antecedent(mentions, before=20, group="display")
        ('Anna Berg', None)
    """
    return _closest(mentions, before, group, lambda m: m.type == "person" and (accept is None or accept(m.actor)))


def thing_antecedent(mentions: Sequence[Antecedent], *, before: int, group: str) -> str | None:
    """The non-person actor an "it"/"its" at ``before`` stands for.

    Example:
        >>> mentions = [Antecedent(0, 4, "NATO", "organization", "body"), Antecedent(9, 15, "Anna Berg", "person", "body")]
        >>> thing_antecedent(mentions, before=20, group="body")
        'NATO'
    """
    return _closest(mentions, before, group, lambda m: m.type != "person")


def organisation_antecedent(mentions: Sequence[Antecedent], *, before: int, group: str, noun: str) -> str | None:
    """The organisation a definite noun at ``before`` stands for ("the fund" after "the
    International Monetary Fund"): the closest earlier organisation whose name holds the noun.

    Example:
        >>> mentions = [Antecedent(0, 27, "International Monetary Fund", "organization", "body")]
        >>> organisation_antecedent(mentions, before=40, group="body", noun="fund"), organisation_antecedent(mentions, before=40, group="body", noun="bank")
        ('International Monetary Fund', None)
    """
    wanted = noun.casefold()
    return _closest(mentions, before, group, lambda m: m.type in ORGANISATION_TYPES and wanted in _heads(m.actor))


def _heads(name: str) -> set[str]:
    """The head nouns of an organisation's name: its last word, and the word before "of", "on" or
    "for" ("Commission on Presidential Debates"), so "the state" is not the "US State Department"."""
    words = [w.casefold() for w in name.split()]
    heads = {words[-1]} if words else set()
    heads.update(words[i - 1] for i, w in enumerate(words) if i and w in ("of", "on", "for"))
    return heads


ORGANISATION_TYPES = frozenset({"organization", "office", "legislature", "media"})
"""Actor types a definite organisation noun ("the fund", "the commission") may stand for."""


def country_antecedent(mentions: Sequence[Antecedent], *, before: int, group: str, exclude: str | None = None) -> str | None:
    """The country a "the country" at ``before`` stands for (see the module docstring): the country
    named most often so far, the latest of a tie.

    Example:
        >>> mentions = [Antecedent(0, 6, "Turkey", "country", "body"), Antecedent(8, 12, "Iran", "country", "body"),
        ...             Antecedent(14, 20, "Turkey", "country", "body"), Antecedent(22, 26, "Iraq", "country", "body", modifier=True),
        ...             Antecedent(28, 32, "Iraq", "country", "body", modifier=True), Antecedent(30, 36, "Russia", "country", "body", located=True)]
        >>> country_antecedent(mentions, before=50, group="body"), country_antecedent(mentions, before=50, group="body", exclude="Turkey")
        ('Turkey', 'Iran')
    """
    counts: dict[str, int] = {}
    latest: dict[str, int] = {}
    for mention in _earlier(mentions, before, group):
        country = mention.actor if mention.type == "country" else mention.country
        if country and not mention.located and not mention.modifier and country != exclude:
            counts[country] = counts.get(country, 0) + 1
            latest.setdefault(country, mention.start)  # closest first: the first seen is the latest
    return max(counts, key=lambda actor: (counts[actor], latest[actor])) if counts else None


def is_country_reference(words: Sequence[str]) -> bool:
    """Whether a noun phrase's lowercased words are a definite reference to a country.

    Example:
        >>> is_country_reference(["the", "country"]), is_country_reference(["a", "nation"]), is_country_reference(["nation"])
        (True, False, False)
    """
    return len(words) == 2 and words[0] in COUNTRY_DETERMINERS and words[1] in COUNTRY_NOUNS


def is_role_description(phrase: str) -> bool:
    """Whether a speaker phrase describes a role instead of naming someone ("a top Pentagon official").

    Example:
        >>> is_role_description("a senior U.S. official"), is_role_description("the Tory co-chairman"), is_role_description("Secretary Pompeo")
        (True, True, False)
    """
    words = [w.lower().strip(",.") for w in phrase.split()]
    head = re.sub(r"^(?:co|vice|deputy)-", "", words[-1]) if words else ""  # "the Tory co-chairman"
    return bool(words) and head in ROLE_NOUNS and not any(w[:1].isupper() for w in phrase.split()[-1:])
