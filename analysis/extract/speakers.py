"""Resolve each statement's speaker mention to an actor within the article.

All speaker rules live here:

* a mention the actor registry knows (alias, dated role, metonym) resolves through it;
* a short or titled name resolves to the fullest name of the same person in the article
  ("Erdogan", "President Erdogan" -> "Recep Tayyip Erdogan");
* pronouns (*he*, *she*) take the nearest preceding person speaker, else the nearest preceding
  person mention; *they*, *it* the nearest organisation or country;
* a role description ("a top Pentagon official") takes the named person who speaks next within
  three sentences ("Kathryn Wheelbarger, ..., said"); a definite one ("the official") the last
  person speaker;
* a statement found by its quotation marks alone inherits the previous statement's speaker;
* anything else keeps its own tidy name ("Pentagon official").

    >>> person_names(["Recep Tayyip Erdogan", "Erdogan", "Donald Trump"])["Erdogan"]
    'Recep Tayyip Erdogan'
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from analysis.extract.names import _looks_like_name, person_names
from analysis.extract.resolve import ROLE_WINDOW, is_role_description
from analysis.extract.statements import Statement
from analysis.lexicons.actors import Registry, display_name, load_registry, name_key
from analysis.lexicons.words import (
    FIRST_PERSON,
    GENERIC_PRONOUNS,
    GROUP_PRONOUNS,
    INDEFINITE_DETERMINERS,
    PERSON_PRONOUNS,
    THING_PRONOUNS,
)

#: Pronouns that speak as a person: the previous person speaker, else the closest earlier person.
SPEAKER_PERSON_PRONOUNS = PERSON_PRONOUNS | FIRST_PERSON
#: Pronouns that speak for a group or an organisation: the previous non-person speaker.
SPEAKER_GROUP_PRONOUNS = THING_PRONOUNS | GROUP_PRONOUNS


def resolve_speakers(
    statements: Sequence[Statement],
    *,
    text: str,
    entities: Sequence[dict],
    sentence_of: callable,
    date: str | None = None,
    registry: Registry | None = None,
    names: Sequence[tuple[int, int, str]] = (),
) -> list[str | None]:
    """The ``speaker_actor`` of each statement (``None`` when it has no speaker).

    ``entities`` are the article's entity rows (``start_char``, ``end_char``, ``text``, ``label``,
    ``zone``); ``sentence_of(char)`` gives the sentence number of a character offset; ``names``
    are proper-noun subjects (start, end, text) the entity recogniser may have missed.

    Example:
        >>> from analysis.io.records import RawArticle
        >>> from analysis.extract.tables import article_tables
        >>> t = article_tables(RawArticle("a", "a", "T\\n\\nHillary Clinton spoke.\\n\\nShe said the race was close."))
        >>> t["quotes"][["speaker", "speaker_actor"]].values.tolist()
        [['She', 'Hillary Clinton']]
    """
    registry = registry or load_registry()
    people = [e for e in entities if e["label"] == "PERSON" and e["zone"] != "byline"]
    people += [
        {"start_char": s, "end_char": e, "text": t, "label": "PERSON", "zone": "body"}
        for s, e, t in names
        if not any(p["start_char"] <= s < p["end_char"] for p in people)
    ]
    people.sort(key=lambda e: e["start_char"])
    mentions = [text[st.speaker[0] : st.speaker[1]] for st in statements if st.speaker]
    full = person_names([e["text"] for e in people] + [m for m in mentions if _looks_like_name(m)])
    resolved: list[str | None] = [None] * len(statements)
    is_person: list[bool] = [False] * len(statements)

    def canonical(mention: str) -> tuple[str | None, bool]:
        found = registry.resolve(mention, date=date)
        if found:
            return found, registry.info(found).get("type") == "person"
        return None, False

    def from_entities(start: int, end: int) -> tuple[str | None, bool]:
        inside = [e for e in entities if start <= e["start_char"] and e["end_char"] <= end]
        for e in sorted(inside, key=lambda e: (e["label"] != "PERSON", e["start_char"])):
            if e["label"] == "PERSON":
                name = full.get(e["text"], e["text"])
                found, _ = canonical(name)
                return found or display_name(name), True
            if e["label"] in ("ORG", "GPE", "NORP", "FAC"):
                found, person = canonical(e["text"])
                return found or display_name(e["text"]), person
        return None, False

    for index, st in enumerate(statements):
        if st.speaker is None:
            continue
        mention = text[st.speaker[0] : st.speaker[1]]
        key = name_key(mention)
        if key in GENERIC_PRONOUNS:
            continue  # "you could see": nobody in particular
        if key in SPEAKER_PERSON_PRONOUNS | SPEAKER_GROUP_PRONOUNS:
            continue  # after the named pass
        actor, person = canonical(mention)
        if actor is None and is_role_description(mention):
            continue  # resolved below, once named speakers are known
        if actor is None:
            actor, person = from_entities(*st.speaker)
        if actor is None:
            actor, person = display_name(mention), False
        resolved[index], is_person[index] = actor, person

    # role descriptions, then pronouns, then inherited speakers, in text order
    for index, st in enumerate(statements):
        if st.speaker is None or resolved[index] is not None or name_key(text[st.speaker[0] : st.speaker[1]]) in GENERIC_PRONOUNS:
            continue
        mention = text[st.speaker[0] : st.speaker[1]]
        key = name_key(mention)
        here = sentence_of(st.speaker[0])
        if key in SPEAKER_PERSON_PRONOUNS:
            earlier = [i for i in range(index) if resolved[i] and is_person[i] and statements[i].start < st.speaker[0]]
            if earlier:
                resolved[index], is_person[index] = resolved[earlier[-1]], True
                continue
            before = [e for e in people if e["end_char"] <= st.speaker[0] and e["zone"] in ("body", "headline", "dek")]
            if before:
                name = full.get(before[-1]["text"], before[-1]["text"])
                resolved[index], is_person[index] = canonical(name)[0] or display_name(name), True
            continue
        if key in SPEAKER_GROUP_PRONOUNS:
            earlier = [i for i in range(index) if resolved[i] and not is_person[i]]
            if earlier:
                resolved[index] = resolved[earlier[-1]]
            continue
        # a role description
        definite = key.split(" ")[0] not in INDEFINITE_DETERMINERS
        nxt = [
            i
            for i in range(index + 1, len(statements))
            if resolved[i] and is_person[i] and 0 <= sentence_of(statements[i].speaker[0]) - here <= ROLE_WINDOW  # type: ignore[index]
        ]
        prev = [i for i in range(index) if resolved[i] and is_person[i]]
        if not definite and nxt:
            resolved[index], is_person[index] = resolved[nxt[0]], True
        elif definite and prev and sentence_of(statements[prev[-1]].start) >= here - ROLE_WINDOW:
            resolved[index], is_person[index] = resolved[prev[-1]], True
        else:
            resolved[index] = display_name(re.sub(r"^(?:a|an|one|the)\s+", "", mention, flags=re.I))

    for index, st in enumerate(statements):
        if st.inherits is not None and resolved[index] is None:
            parent = statements.index(st.inherits)
            resolved[index] = resolved[parent]
    return resolved
