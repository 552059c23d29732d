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
from collections.abc import Callable, Sequence

from analysis.extract.names import _looks_like_name, person_names
from analysis.extract.resolve import ROLE_WINDOW, Antecedent, is_role_description, part_of, person_antecedent
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
from analysis.text.spans import SentenceIndex

#: Pronouns that speak as a person: the previous person speaker, else the closest earlier person.
SPEAKER_PERSON_PRONOUNS = PERSON_PRONOUNS | FIRST_PERSON
#: Pronouns that speak for a group or an organisation: the previous non-person speaker.
SPEAKER_GROUP_PRONOUNS = THING_PRONOUNS | GROUP_PRONOUNS


def resolve_speakers(
    statements: Sequence[Statement],
    *,
    text: str,
    entities: Sequence[dict],
    sentence_of: Callable[[int], int],
    date: str | None = None,
    registry: Registry | None = None,
    names: Sequence[tuple[int, int, str]] = (),
    antecedents: Sequence[Antecedent] | None = None,
    index: SentenceIndex | None = None,
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
    speakers = _Speakers(
        statements,
        antecedents=antecedents if index is not None else None,
        index=index,
        text=text,
        entities=entities,
        sentence_of=sentence_of,
        date=date,
        registry=registry or load_registry(),
        names=names,
    )
    speakers.name_pass()
    speakers.reference_pass()
    speakers.inherit()
    return speakers.resolved


class _Speakers:
    """The speakers of one article's statements, resolved in passes (see the module docstring)."""

    def __init__(
        self,
        statements: Sequence[Statement],
        *,
        text: str,
        entities: Sequence[dict],
        sentence_of: Callable[[int], int],
        date: str | None,
        registry: Registry,
        names: Sequence[tuple[int, int, str]],
        antecedents: Sequence[Antecedent] | None = None,
        index: SentenceIndex | None = None,
    ) -> None:
        self.antecedents, self.index = antecedents, index
        self.statements, self.text, self.entities, self.sentence_of = statements, text, entities, sentence_of
        self.date, self.registry = date, registry
        people = [e for e in entities if e["label"] == "PERSON" and e["zone"] != "byline"]
        people += [
            {"start_char": s, "end_char": e, "text": t, "label": "PERSON", "zone": "body"}
            for s, e, t in names
            if not any(p["start_char"] <= s < p["end_char"] for p in people)
        ]
        self.people = sorted(people, key=lambda e: e["start_char"])
        mentions = [self.mention(st) for st in statements if st.speaker]
        self.full = person_names([e["text"] for e in self.people] + [m for m in mentions if _looks_like_name(m)])
        self.resolved: list[str | None] = [None] * len(statements)
        self.is_person: list[bool] = [False] * len(statements)

    def mention(self, st: Statement) -> str:
        """The speaker mention as written."""
        return self.text[st.speaker[0] : st.speaker[1]]  # type: ignore[index]

    def canonical(self, mention: str) -> tuple[str | None, bool]:
        """(registry actor, is a person) of a mention, or (``None``, ``False``)."""
        found = self.registry.resolve(mention, date=self.date)
        if found:
            return found, self.registry.info(found).get("type") == "person"
        return None, False

    def from_entities(self, start: int, end: int) -> tuple[str | None, bool]:
        """(actor, is a person) of the first person entity inside the mention, else of its first
        organisation or place."""
        inside = [e for e in self.entities if start <= e["start_char"] and e["end_char"] <= end]
        for e in sorted(inside, key=lambda e: (e["label"] != "PERSON", e["start_char"])):
            if e["label"] == "PERSON":
                name = self.full.get(e["text"], e["text"])
                found, _ = self.canonical(name)
                return found or display_name(name), True
            if e["label"] in ("ORG", "GPE", "NORP", "FAC"):
                found, person = self.canonical(e["text"])
                return found or display_name(e["text"]), person
        return None, False

    def name_pass(self) -> None:
        """Speakers that name someone: registry, entities inside the mention, else the tidy mention;
        pronouns and role descriptions wait for :meth:`reference_pass`."""
        for index, st in enumerate(self.statements):
            if st.speaker is None:
                continue
            mention = self.mention(st)
            key = name_key(mention)
            if key in GENERIC_PRONOUNS or key in SPEAKER_PERSON_PRONOUNS | SPEAKER_GROUP_PRONOUNS:
                continue  # nobody in particular ("you could see"), or resolved once named speakers are known
            actor, person = self.canonical(mention)
            if actor is None and is_role_description(mention):
                continue
            if actor is None:
                actor, person = self.from_entities(*st.speaker)
            if actor is None:
                actor, person = display_name(mention), False
            self.resolved[index], self.is_person[index] = actor, person

    def reference_pass(self) -> None:
        """Pronouns and role descriptions, in text order (each may take an earlier one's answer)."""
        for index, st in enumerate(self.statements):
            if st.speaker is None or self.resolved[index] is not None:
                continue
            key = name_key(self.mention(st))
            if key in GENERIC_PRONOUNS:
                continue
            if key in SPEAKER_PERSON_PRONOUNS:
                self.person_pronoun(index)
            elif key in SPEAKER_GROUP_PRONOUNS:
                earlier = [i for i in range(index) if self.resolved[i] and not self.is_person[i]]
                if earlier:
                    self.resolved[index] = self.resolved[earlier[-1]]
            else:
                self.role_description(index, key)

    def person_pronoun(self, index: int) -> None:
        """He/she/I: the previous person speaker, else the closest earlier person mention."""
        start = self.statements[index].speaker[0]  # type: ignore[index]
        earlier = [i for i in range(index) if self.resolved[i] and self.is_person[i] and self.statements[i].start < start]
        if earlier:
            self.resolved[index], self.is_person[index] = self.resolved[earlier[-1]], True
            return
        if self.antecedents is not None:
            actor = person_antecedent(self.antecedents, before=start, group=part_of(self.index.containing(start)))
            if actor is not None:
                self.resolved[index], self.is_person[index] = actor, True
            return
        before = [e for e in self.people if e["end_char"] <= start and e["zone"] in ("body", "headline", "dek")]
        if before:
            name = self.full.get(before[-1]["text"], before[-1]["text"])
            self.resolved[index], self.is_person[index] = self.canonical(name)[0] or display_name(name), True

    def role_description(self, index: int, key: str) -> None:
        """An indefinite role takes the next named person speaker within :data:`ROLE_WINDOW`
        sentences, a definite one the previous; else the role itself is the actor."""
        st = self.statements[index]
        here = self.sentence_of(st.speaker[0])  # type: ignore[index]
        definite = key.split(" ")[0] not in INDEFINITE_DETERMINERS
        nxt = [
            i
            for i in range(index + 1, len(self.statements))
            if self.resolved[i]
            and self.is_person[i]
            and 0 <= self.sentence_of(self.statements[i].speaker[0]) - here <= ROLE_WINDOW  # type: ignore[index]
        ]
        prev = [i for i in range(index) if self.resolved[i] and self.is_person[i]]
        if not definite and nxt:
            self.resolved[index], self.is_person[index] = self.resolved[nxt[0]], True
        elif definite and prev and self.sentence_of(self.statements[prev[-1]].start) >= here - ROLE_WINDOW:
            self.resolved[index], self.is_person[index] = self.resolved[prev[-1]], True
        else:
            self.resolved[index] = display_name(re.sub(r"^(?:a|an|one|the)\s+", "", self.mention(st), flags=re.I))

    def inherit(self) -> None:
        """A statement found by its quotation marks alone takes its parent statement's speaker."""
        for index, st in enumerate(self.statements):
            if st.inherits is not None and self.resolved[index] is None:
                self.resolved[index] = self.resolved[self.statements.index(st.inherits)]
