"""Resolve each statement's speaker mention to an actor within the article.

All speaker rules live here:

* a mention the actor registry knows (alias, dated role, metonym) resolves through it;
* a short or titled name resolves to the fullest name of the same person in the article
  ("Erdogan", "President Erdogan" -> "Recep Tayyip Erdogan");
* pronouns (*he*, *she*) take the nearest preceding person speaker, else the nearest preceding
  person mention; *they*, *it* the nearest organisation or country;
* a person's name is kept apart from its title ("Massachusetts Sen. Elizabeth Warren" ->
  Elizabeth Warren, title "Massachusetts Sen."; "Erdogan spokesman Ibrahim Kalin" is Kalin);
* pronouns (*he*, *she*) take the nearest preceding person speaker of the same gender (honorific
  or given name), else the nearest such person mention; *they*, *it* the nearest organisation or country;
* a role description ("a senior U.S. official") stays an anonymous actor unless the article ties it
  to a named person (:meth:`_Speakers.role_description`): attributing an unnamed source to a named
  person is the worst error the table can make;
* a country's office or ministry is an actor of its own ("Turkey's defense ministry" -> Turkey
  Defense Ministry, whose ``actors.parent`` is Turkey), never folded into the country;
* photo credits, bylines and datelines are never speakers;
* a statement found by its quotation marks alone inherits the previous statement's speaker;
* anything else keeps its own tidy name, with its kind: a document ("the report"), unnamed people
  ("critics"), or unresolved.

    >>> person_names(["Recep Tayyip Erdogan", "Erdogan", "Donald Trump"])["Erdogan"]
    'Recep Tayyip Erdogan'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

from analysis.extract.names import looks_like_name, person_names, split_name
from analysis.extract.resolve import (
    ROLE_WINDOW,
    Antecedent,
    country_antecedent,
    is_country_reference,
    is_role_description,
    organisation_antecedent,
    part_of,
    person_antecedent,
)
from analysis.extract.statements import Statement
from analysis.lexicons.actors import Registry, display_name, load_registry, name_key
from analysis.lexicons.agencies import match_agency
from analysis.lexicons.countries import OFFICE_NOUNS, is_country_name, office_actor
from analysis.lexicons.titles import is_title_word, name_gender
from analysis.lexicons.words import (
    FIRST_PERSON,
    GENERIC_PRONOUNS,
    GROUP_PRONOUNS,
    INDEFINITE_DETERMINERS,
    PERSON_PRONOUNS,
    SURNAME_LABELS,
    THING_PRONOUNS,
)
from analysis.text.spans import SentenceIndex

#: Pronouns that speak as a person: the previous person speaker, else the closest earlier person.
SPEAKER_PERSON_PRONOUNS = PERSON_PRONOUNS | FIRST_PERSON
#: Demonstratives and quantifiers that speak for nobody in particular ("That said", "Others argue").
NOBODY = frozenset({"this", "that", "these", "those", "others", "some", "many", "most", "both", "all", "each", "few"})
#: Pronouns that speak for a group or an organisation: the previous non-person speaker.
SPEAKER_GROUP_PRONOUNS = THING_PRONOUNS | GROUP_PRONOUNS


#: What kind of source each registry type is (``quotes.speaker_kind``).
REGISTRY_KINDS = {
    "person": "person",
    "country": "country",
    "office": "government",
    "legislature": "government",
    "government": "government",
    "military": "government",
    "media": "media",
    "organization": "organization",
}
#: What kind of source an entity label is when the registry does not know the actor.
LABEL_KINDS = {"PERSON": "person", "ORG": "organization", "NORP": "organization", "GPE": "government", "FAC": "organization"}
#: Head nouns of a document that speaks ("the statement said", "a report found").
DOCUMENT_NOUNS = frozenset(
    {
        "statement", "statements", "report", "reports", "letter", "poll", "polls", "survey", "study", "studies",
        "analysis", "memo", "document", "documents", "filing", "complaint", "indictment", "ruling", "brief",
        "book", "ad", "advertisement", "tweet", "tweets", "post", "release", "website", "data", "figures",
        "research", "records", "transcript", "email", "emails", "message", "video", "footage", "lawsuit",
    }
)  # fmt: skip
#: Head nouns of an unnamed government body that speaks ("the authorities", "the government").
GOVERNMENT_NOUNS = frozenset({"government", "administration", "authorities", "regime", "police"})
#: A dateline the parse left at the start of a speaker mention ("Dec 29 (Reuters) - ").
DATELINE_PREFIX = re.compile(r"^.{0,60}?\((?:AFP|AP|Reuters|Anadolu|dpa|Xinhua)\)\s*[-–—]+\s*")
#: A speaker mention that is a photo credit, a byline or a dateline, never a speaker.
CREDIT = re.compile(
    r"Getty Images|/\s*(?:AFP|AP|Reuters|EPA|Getty)\b|\b(?:AFP|AP|Reuters|EPA)\s*/|\((?:AFP|AP|Reuters|Anadolu)\b|"
    r"\b(?:Photo|Photograph|Picture)s?\b|^[-–—]|"
    r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}, \d{4}\b|"
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), "
)
#: Words that tie a role to a named person's title although the title does not repeat them
#: ("a top Pentagon official" ... "Assistant Secretary of Defense").
ROLE_SYNONYMS = {
    "pentagon": ("defense", "defence", "pentagon"),
    "sen": ("senator", "sen"),
    "senator": ("senator", "sen"),
    "rep": ("representative", "rep", "congressman", "congresswoman"),
    "gov": ("governor", "gov"),
    "governor": ("governor", "gov"),
    "spokeswoman": ("spokeswoman", "spokesperson", "spokesman"),
    "spokesman": ("spokesman", "spokesperson", "spokeswoman"),
}
#: Words of a role description that say nothing about which office ("a senior official").
GENERIC_ROLE_WORDS = frozenset(
    {"a", "an", "the", "one", "two", "three", "several", "some", "many", "senior", "top", "high-ranking",
     "former", "unnamed", "anonymous", "other", "another", "his", "her", "their", "its", "this", "that", "u.s.", "us",
     "american", "official", "officials", "government", "administration", "said", "new"}
)  # fmt: skip


class Speaker(NamedTuple):
    """Who speaks in one statement: ``actor`` (``None`` when nobody is named or found), ``title``
    as written around the name ("Defense Secretary"), and ``kind`` (see ``quotes.speaker_kind``)."""

    actor: str | None
    title: str | None
    kind: str | None


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
) -> list[Speaker]:
    """The :class:`Speaker` of each statement (all ``None`` when it has no speaker mention).

    ``entities`` are the article's entity rows (``start_char``, ``end_char``, ``text``, ``label``,
    ``zone``); ``sentence_of(char)`` gives the sentence number of a character offset; ``names``
    are proper-noun subjects (start, end, text) the entity recogniser may have missed.

    Example:
        >>> from analysis.io.records import RawArticle
        >>> from analysis.extract.tables import article_tables
        >>> t = article_tables(RawArticle("a", "a", "T\\n\\nSen. Anna Berg spoke.\\n\\nShe said the race was close."))
        >>> t["quotes"][["speaker", "speaker_actor", "speaker_kind"]].values.tolist()
        [['She', 'Anna Berg', 'person']]
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
    return [Speaker(None if k == "unresolved" else a, t, k) for a, t, k in zip(speakers.resolved, speakers.title, speakers.kind)]


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
        self.full = person_names([e["text"] for e in self.people] + [m for m in mentions if looks_like_name(m)])
        self.surnames: dict[str, set[str]] = {}
        for full in self.full.values():
            if len(full.split()) > 1:
                self.surnames.setdefault(full.split()[-1].casefold(), set()).add(full)
        # the gender an article gives a person: an honorific ("Mr. Trump") or a known given name
        self.gender: dict[str, str] = {}
        n = len(statements)
        self.resolved: list[str | None] = [None] * n
        self.is_person: list[bool] = [False] * n
        self.title: list[str | None] = [None] * n
        self.kind: list[str | None] = [None] * n

    def mention(self, st: Statement) -> str:
        """The speaker mention as written, without a trailing relative pronoun ("the West which")."""
        written = self.text[st.speaker[0] : st.speaker[1]]  # type: ignore[index]
        written = DATELINE_PREFIX.sub("", written)  # "Dec 29 (Reuters) - U.S. candidate Hillary Clinton"
        return re.sub(r"\s+(?:who|which|that)$", "", written)

    def told(self, st: Statement) -> bool:
        """Whether the speaker mention is who was told, not who spoke ("the BBC News Website was told")."""
        if st.cue is None or st.speaker is None or st.cue[0] < st.speaker[1]:
            return False
        return PASSIVE_TOLD.fullmatch(self.text[st.speaker[1] : st.cue[1]]) is not None

    def canonical(self, mention: str) -> tuple[str | None, bool]:
        """(registry actor, is a person) of a mention, or (``None``, ``False``)."""
        found = self.registry.resolve(mention, date=self.date)
        if found:
            return found, self.registry.info(found).get("type") == "person"
        return None, False

    def registry_kind(self, actor: str) -> str | None:
        """The source kind of a registry actor."""
        return REGISTRY_KINDS.get(str(self.registry.info(actor).get("type")))

    def set(self, index: int, actor: str | None, kind: str | None, *, person: bool = False, title: str | None = None) -> None:
        self.resolved[index], self.kind[index], self.is_person[index] = actor, kind, person
        if title is not None:
            self.title[index] = title
        if person and actor and title:
            gender = name_gender(actor, title=title)
            if gender:
                self.gender.setdefault(actor, gender)

    def full_name(self, name: str) -> str:
        """The fullest name of the same person in the article: a short or titled form's long form,
        a surname's one full name (two people of that surname: the surname stays)."""
        full = self.full.get(name, name)
        if full == name and len(name.split()) == 1:
            candidates = self.surnames.get(name.casefold(), set())
            if len(candidates) == 1:
                full = next(iter(candidates))
        return self.registry.resolve_name(name, full, date=self.date) or full

    def apposition(self, st: Statement) -> str | None:
        """The apposition between the speaker and a following cue ("Kathryn Wheelbarger, Acting
        Assistant Secretary of Defense ..., said")."""
        if st.cue is None or st.speaker is None or st.cue[0] <= st.speaker[1]:
            return None
        between = self.text[st.speaker[1] : st.cue[0]]
        match = re.fullmatch(r",\s*([^,;“”\"]{3,120}?),\s*", between)
        return match.group(1) if match else None

    def person_title(self, st: Statement, mention: str) -> str | None:
        """The title written with a person speaker's name: before it, and an apposition after it."""
        return ", ".join(t for t in (split_name(mention).title, self.apposition(st)) if t) or None

    def apposed_person(self, index: int, mention: str) -> bool:
        """Resolve a role whose apposition is a person's name ("Carter's press secretary, Peter
        Cook, said"); whether it was one."""
        apposition = self.apposition(self.statements[index])
        parts = split_name(apposition) if apposition else None
        if parts is None or parts.name is None or parts.title or len(parts.name.split()) < 2:
            return False
        actor = self.full_name(parts.name)
        found, person = self.canonical(actor)
        if found and not person:
            return False
        self.set(index, found or actor, "person", person=True, title=display_name(mention))
        return True

    def named_person(self, index: int, mention: str) -> bool:
        """Resolve a mention that names a person ("Massachusetts Sen. Elizabeth Warren", "PENCE");
        whether it did."""
        st = self.statements[index]
        parts = split_name(mention)
        if parts.name is None:
            return False
        start = st.speaker[0] + max(mention.rfind(parts.name), 0)  # type: ignore[index]
        end = start + len(parts.name)
        inside = [e for e in self.entities if e["start_char"] < end and start < e["end_char"] and e["label"] in LABEL_KINDS]
        entity = next((e for e in inside if e["label"] == "PERSON"), inside[0] if inside else None)
        label = entity["label"] if entity is not None else None
        words = parts.name.split()
        titled = parts.title is not None and any(is_title_word(w) for w in parts.title.split())
        acronym = len(words) == 1 and words[0].isupper() and len(words[0]) <= ACRONYM_MAX
        proper = any(p["start_char"] < end and start < p["end_char"] for p in self.people)
        surname = label in SURNAME_LABELS and self.canonical(parts.name)[0] is None and self.full_name(parts.name) != parts.name
        is_person = (
            label == "PERSON"
            or surname
            or (
                label is None
                and (
                    titled
                    or 2 <= len(words) <= 4
                    or (len(words) == 1 and not acronym and proper and not _plural_noun(words[0]))
                    or self.full_name(parts.name) != parts.name
                )
            )
        )
        if not is_person:
            return False
        name = parts.name if label != "PERSON" else split_name(entity["text"]).name or parts.name
        actor = self.full_name(name)
        found, person = self.canonical(actor)
        if found and not person:
            return False  # "Washington", "NATO": the registry knows it as no person
        self.set(index, found or actor, "person", person=True, title=self.person_title(st, mention))
        return True

    def name_pass(self) -> None:
        """Speakers that name someone: registry, a person's name, entities inside the mention, else
        the tidy mention; pronouns and role descriptions wait for :meth:`reference_pass`."""
        for index, st in enumerate(self.statements):
            if st.speaker is None:
                continue
            mention = self.mention(st)
            key = name_key(mention)
            if key in GENERIC_PRONOUNS | NOBODY or key in SPEAKER_PERSON_PRONOUNS | SPEAKER_GROUP_PRONOUNS:
                continue  # nobody in particular ("you could see"), or resolved once named speakers are known
            if CREDIT.search(mention) or self.told(st):
                self.kind[index] = "unresolved"  # a credit, byline or dateline, or who was told: never a speaker
                continue
            actor, person = self.canonical(mention)
            if actor is not None and person and self.full_name(split_name(mention).name or mention) != actor:
                actor = None  # "Clinton" in an article about Bill Clinton: the article's person, not the registry's
            if actor is not None:
                title = self.person_title(st, mention) if person else None
                self.set(index, actor, self.registry_kind(actor), person=person, title=title)
                continue
            if is_country_reference(key.split()) and self.antecedents is not None:
                start = st.speaker[0]  # "the country said": the country named most so far
                group = part_of(self.index.containing(start))
                country = country_antecedent(self.antecedents, before=start, group=group)
                if country is not None:
                    self.set(index, country, "country")
                    continue
            if self.owned_unit(index, mention) or self.organisation_noun(index, mention):
                continue
            if is_role_description(mention):
                continue
            if self.named_person(index, mention):
                continue
            office = office_actor(mention, registry=self.registry)
            if office is not None:
                self.set(index, office[0], "government")
                continue
            if self.from_entities(index, *st.speaker):
                continue
            if self.apposed_person(index, mention):
                continue
            kind = _noun_kind(mention)
            self.set(index, role_actor(mention) if kind == "anonymous" else display_name(mention), kind)

    def owned_unit(self, index: int, mention: str) -> bool:
        """Resolve a unit named after a person ("Clinton's campaign", "the Trump campaign" -> "Hillary
        Clinton campaign", an organisation of its own); a bare "the campaign" takes the unit named
        last before it. Whether it did."""
        match = OWNED_UNIT.fullmatch(mention.strip())
        if match is None:
            return False
        unit, owner = match.group("unit").casefold(), match.group("owner")
        if owner is None:
            start = self.statements[index].speaker[0]  # type: ignore[index]
            earlier = [u for u in self.units(self.text[:start]) if u.endswith(" " + unit)]
            if not earlier:
                return False
            self.set(index, earlier[-1], "organization")
            return True
        person = self.owner_person(owner)
        if person is None:
            return False
        self.set(index, f"{person} {unit}", "organization")
        return True

    def units(self, text: str) -> list[str]:
        """The units named after a person in ``text``, in order ("... the Trump campaign ...")."""
        out = []
        for match in UNIT_IN_TEXT.finditer(text):
            words = match.group("owner").split()  # "Ohio. Clinton's campaign": the owner is the last words
            person = next((p for k in range(len(words)) if (p := self.owner_person(" ".join(words[k:])))), None)
            if person is not None:
                out.append(f"{person} {match.group('unit').casefold()}")
        return out

    def owner_person(self, owner: str) -> str | None:
        """The full name of a person that ``owner`` names in this article, or ``None``."""
        name = split_name(owner).name or owner
        full = self.full_name(name)
        found, person = self.canonical(full)
        if found:
            return found if person else None
        known = {n.casefold() for n in self.full.values()}
        return full if full.casefold() in known and len(full.split()) > 1 else None

    def organisation_noun(self, index: int, mention: str) -> bool:
        """Resolve a definite organisation noun ("the fund", "The commission") to the closest earlier
        organisation whose name holds it; whether it did."""
        match = DEFINITE_NOUN.fullmatch(mention.strip())
        if match is None or self.antecedents is None or self.index is None:
            return False
        start = self.statements[index].speaker[0]  # type: ignore[index]
        group = part_of(self.index.containing(start))
        actor = organisation_antecedent(self.antecedents, before=start, group=group, noun=match.group(1))
        if actor is None:
            return False
        self.set(index, actor, self.registry_kind(actor) or "organization")
        return True

    def from_entities(self, index: int, start: int, end: int) -> bool:
        """The first organisation or place entity inside the mention; whether there was one."""
        inside = [e for e in self.entities if start <= e["start_char"] and e["end_char"] <= end and e["label"] in LABEL_KINDS]
        for e in sorted(inside, key=lambda e: e["start_char"]):
            if e["label"] == "PERSON":
                continue
            found, person = self.canonical(e["text"])
            if found:
                self.set(index, found, self.registry_kind(found), person=person)
            else:
                kind = "country" if is_country_name(e["text"]) else LABEL_KINDS[e["label"]]
                if match_agency(e["text"]):
                    kind = "media"
                self.set(index, display_name(e["text"]), kind)
            return True
        return False

    def reference_pass(self) -> None:
        """Pronouns and role descriptions, in text order (each may take an earlier one's answer)."""
        for index, st in enumerate(self.statements):
            if st.speaker is None or self.resolved[index] is not None or self.kind[index] is not None:
                continue
            key = name_key(self.mention(st))
            if key in GENERIC_PRONOUNS | NOBODY:
                continue
            if key in SPEAKER_PERSON_PRONOUNS:
                self.person_pronoun(index, key)
            elif key in SPEAKER_GROUP_PRONOUNS:
                earlier = [i for i in range(index) if self.resolved[i] and not self.is_person[i]]
                if earlier:
                    self.set(index, self.resolved[earlier[-1]], self.kind[earlier[-1]])
            else:
                self.role_description(index, key)
            if self.kind[index] is None:
                self.kind[index] = "unresolved"

    def agrees(self, actor: str, pronoun: str) -> bool:
        """Whether a person agrees in gender with he/she (unknown gender agrees with both)."""
        wanted = PRONOUN_GENDERS.get(pronoun)
        if wanted is None:
            return True
        known = self.gender.get(actor) or name_gender(actor)
        return known is None or known == wanted

    def surely_agrees(self, actor: str | None, pronoun: str) -> bool:
        """Whether a person is known to have the gender of he/she (an honorific or a known given name)."""
        wanted = PRONOUN_GENDERS.get(pronoun)
        return bool(actor) and wanted is not None and (self.gender.get(actor) or name_gender(actor)) == wanted

    def person_pronoun(self, index: int, pronoun: str) -> None:
        """He/she/I: a person named since the previous person speaker of the same gender (outside
        quotations; one of known gender when the speaker's is known), else that speaker, else the
        closest earlier person mention."""
        start = self.statements[index].speaker[0]  # type: ignore[index]
        earlier = [
            i
            for i in range(index)
            if self.resolved[i]
            and self.is_person[i]
            and self.statements[i].start < start
            and self.agrees(self.resolved[i], pronoun)
        ]
        mentioned = self.nearer_person(index, pronoun, after=self.statements[earlier[-1]].speaker[0] if earlier else -1)  # type: ignore[index]
        if mentioned is not None and earlier and self.surely_agrees(self.resolved[earlier[-1]], pronoun):
            mentioned = (
                mentioned if self.surely_agrees(mentioned, pronoun) else None
            )  # "Anna Berg said. Ivan Petrov nodded. She ..."
        if mentioned is not None:
            self.set(index, mentioned, "person", person=True)
            return
        if earlier:
            self.set(index, self.resolved[earlier[-1]], "person", person=True)
            return
        if self.antecedents is not None:
            actor = person_antecedent(
                self.antecedents,
                before=start,
                group=part_of(self.index.containing(start)),
                accept=lambda a: self.agrees(a, pronoun),
            )
            if actor is not None:
                self.set(index, actor, "person", person=True)
            return
        before = [
            e
            for e in self.people
            if e["end_char"] <= start
            and e["zone"] in ("body", "headline", "dek")
            and self.agrees(self.full_name(e["text"]), pronoun)
        ]
        if before:
            name = self.full_name(split_name(before[-1]["text"]).name or before[-1]["text"])
            self.set(index, name, "person", person=True)

    def nearer_person(self, index: int, pronoun: str, *, after: int) -> str | None:
        """A person named after the previous speaker and before the pronoun, in the same part of the
        article and outside every statement's content, of the pronoun's gender: "Donald Trump is
        drawing criticism after he ..." is Trump, whoever spoke before. ``None`` when there is none."""
        if self.antecedents is None or self.index is None:
            return None
        start = self.statements[index].speaker[0]  # type: ignore[index]
        group = part_of(self.index.containing(start))
        quoted = [(st.start, st.end) for st in self.statements]
        for mention in reversed(self.antecedents):
            if mention.end > start or mention.type != "person" or mention.group != group:
                continue
            if mention.start <= after:
                return None
            if any(s <= mention.start < e for s, e in quoted) or not self.agrees(mention.actor, pronoun):
                continue
            return mention.actor
        return None

    def role_description(self, index: int, key: str) -> None:
        """A role stays its own anonymous actor ("senior U.S. official") unless the article ties it
        to a named person: an indefinite role to the person who speaks in the same or the next
        sentence with a title that names the same office ("a top Pentagon official" ... "Kathryn
        Wheelbarger, Acting Assistant Secretary of Defense"); a definite one to the previous person
        speaker within :data:`ROLE_WINDOW` sentences whose title holds the role ("the spokesman"
        after "White House spokesman Josh Earnest"). A possessed role ("the prime minister's
        spokesman") and a plural one ("officials") are never a named person. A role followed by
        the person's name in apposition is that person ("Her campaign manager, Robby Mook, said")."""
        st = self.statements[index]
        mention = self.mention(st)
        if self.apposed_person(index, mention):
            return
        here = self.sentence_of(st.speaker[0])  # type: ignore[index]
        words = [w.strip(",.").casefold() for w in mention.split()]
        definite = words[0] not in INDEFINITE_DETERMINERS
        tied = None
        if not ("'s" in key or words[-1].endswith("s") and words[-1] not in ("boss",)):
            if not definite:
                nxt = next((i for i in range(index + 1, len(self.statements)) if self.statements[i].speaker), None)
                if (
                    nxt is not None
                    and self.is_person[nxt]
                    and 0 <= self.sentence_of(self.statements[nxt].speaker[0]) - here <= 1  # type: ignore[index]
                    and _role_matches(words, self.title[nxt], specific=True)
                ):
                    tied = nxt
            else:
                prev = [i for i in range(index) if self.resolved[i] and self.is_person[i]]
                if (
                    prev
                    and self.sentence_of(self.statements[prev[-1]].start) >= here - ROLE_WINDOW
                    and _role_matches(words, self.title[prev[-1]], specific=False)
                ):
                    tied = prev[-1]
                if tied is None:
                    holder = self.titled_holder(words, before=st.speaker[0])  # type: ignore[index]
                    if holder is not None:
                        self.set(index, holder, "person", person=True)
                        return
        if tied is not None:
            self.set(index, self.resolved[tied], "person", person=True)
        elif definite and len(words) == 2:
            self.set(index, self.fuller_role(words[-1], before=st.speaker[0]) or role_actor(mention), "anonymous")  # type: ignore[index]
        else:
            self.set(index, role_actor(mention), "anonymous")

    def fuller_role(self, head: str, *, before: int) -> str | None:
        """The role a bare definite role ("The spokesman") repeats: the last fuller description of the
        same head noun before it ("the prime minister's spokesman"), an unnamed source as well."""
        pattern = re.compile(r"\b(?:the|a|an)\s+((?:[\w’'.-]+\s+){1,3}?)" + re.escape(head) + r"\b", re.IGNORECASE)
        found = [m for m in pattern.finditer(self.text[:before]) if "\n" not in m.group(0)]
        return role_actor(found[-1].group(0)) if found else None

    def titled_holder(self, words: Sequence[str], *, before: int) -> str | None:
        """The person the article named earlier with a title that holds every word of a definite
        role ("the Tory leader" after "Tory leader Michael Howard"; "the chancellor" after
        "Chancellor Gordon Brown"): the latest such person, when only one person has that title."""
        wanted = {w.strip("'’").removesuffix("'s").removesuffix("’s") for w in words if w not in GENERIC_ROLE_WORDS}
        if not wanted:
            return None
        found: list[str] = []
        for person in self.people:
            if person["start_char"] >= before:
                break
            line = self.text[max(0, person["start_char"] - TITLE_REACH) : person["start_char"]].split("\n")[-1]
            line = re.split(r"[.!?;:](?:\s|$)|[,“”\"(]", line)[-1]  # the words since the sentence or clause began
            title = split_name(" ".join(line.split()[-TITLE_WORDS_BEFORE:] + [person["text"]])).title
            held = {w.strip(",.()'’").casefold().removesuffix("'s") for w in (title or "").split()}
            if title and wanted <= held:
                found.append(self.full_name(split_name(person["text"]).name or person["text"]))
        return found[-1] if found and len(set(found)) == 1 else None

    def inherit(self) -> None:
        """A statement found by its quotation marks alone takes its parent statement's speaker."""
        for index, st in enumerate(self.statements):
            if st.inherits is not None and self.resolved[index] is None:
                parent = self.statements.index(st.inherits)
                self.resolved[index], self.kind[index] = self.resolved[parent], self.kind[parent]
                self.title[index], self.is_person[index] = self.title[parent], self.is_person[parent]


#: An all-capital single word up to this long is an acronym ("IMF"), not a transcript's name label ("WALLACE").
ACRONYM_MAX = 5
#: Characters and words before a person's name searched for their title ("Tory leader Michael Howard").
TITLE_REACH = 80
TITLE_WORDS_BEFORE = 6
#: The gender each third-person singular pronoun asks of its antecedent.
PRONOUN_GENDERS = {"he": "male", "him": "male", "his": "male", "she": "female", "her": "female", "hers": "female"}


def role_actor(mention: str) -> str:
    """The anonymous actor a role description stands for: the role without its determiner.

    Example:
        >>> role_actor("a senior U.S. official"), role_actor("Two diplomats"), role_actor("Critics")
        ('senior U.S. official', 'diplomats', 'critics')
    """
    tidy = display_name(mention)
    role = re.sub(r"^(?:a|an|one|the|two|three|several|some|many|other)\s+", "", tidy, flags=re.I) or tidy
    if " " not in role and role[1:].islower():
        role = role[:1].lower() + role[1:]  # "Critics" at the start of a sentence is "critics"
    return role


def _role_matches(words: Sequence[str], title: str | None, *, specific: bool) -> bool:
    """Whether a named person's title holds the office a role description names: its head noun
    ("official" fits any title) and, for ``specific``, one of its office words ("Pentagon")."""
    if not title:
        return False
    held = {w.strip(",.()").casefold().rstrip(".") for w in title.replace("-", " ").split()}
    head = words[-1]
    if head not in ("official", "officer") and not held & set(ROLE_SYNONYMS.get(head, (head,))):
        return False
    if not specific:
        return True
    office = [w.rstrip(".") for w in words[:-1] if w not in GENERIC_ROLE_WORDS]
    return bool(office) and all(held & set(ROLE_SYNONYMS.get(w, (w,))) for w in office)


def _plural_noun(word: str) -> bool:
    """A capitalised plural common noun at the start of a sentence ("Mourners"), not a surname.

    Example:
        >>> _plural_noun("Mourners"), _plural_noun("Sanders"), _plural_noun("Blair")
        (True, False, False)
    """
    return word.casefold() in PLURAL_GROUPS


#: Plural nouns of unnamed groups that speak ("critics", "officials"), never a surname.
_OWNER = r"(?P<owner>[A-Z][\w.-]*(?:['’][A-Z]\w*)?(?:\s+[A-Z][\w.-]*(?:['’][A-Z]\w*)?){0,3}?)"
OWNED_UNIT = re.compile(r"(?:[Tt]he\s+)?(?:" + _OWNER + r"(?:['’]s)?\s+)?(?P<unit>campaign)")
"""A unit named after a person as a speaker ("the Trump campaign", "Clinton's campaign", "The campaign")."""
UNIT_IN_TEXT = re.compile(r"\b" + _OWNER + r"(?:['’]s)?\s+(?P<unit>campaign)\b")
"""The same unit named anywhere in the text, for a later bare "the campaign"."""
DEFINITE_NOUN = re.compile(r"[Tt]he\s+([a-z]{3,})")
"""A definite single common noun as a speaker ("the fund", "The commission")."""


PASSIVE_TOLD = re.compile(r"\s+(?:was|were|has been|have been|had been|is being|was being)\s+(?:\w+\s+)?told", re.IGNORECASE)
"""Between a speaker mention and its cue, a passive "told": the mention is the recipient (often the medium)."""


PLURAL_GROUPS = frozenset({"mourners", "supporters", "opponents", "demonstrators", "members", "leaders", "critics", "officials", "analysts", "experts", "residents", "witnesses", "sources", "activists", "protesters", "economists", "voters", "observers", "diplomats", "investigators", "lawmakers", "ministers", "mps", "campaigners", "police", "authorities", "doctors", "scientists", "researchers", "parents", "teachers", "students", "workers", "officers", "locals", "aides"})  # fmt: skip


def _noun_kind(mention: str) -> str:
    """The source kind of a speaker that names nobody: a document, an unnamed government body
    ("the ministry"), a group of unnamed people ("critics", "experts"), or unresolved.

    Example:
        >>> _noun_kind("the report"), _noun_kind("The ministry"), _noun_kind("Critics"), _noun_kind("First Shipment Complete")
        ('document', 'government', 'anonymous', 'unresolved')
    """
    written = display_name(mention).split()
    words = [w.strip(",.").casefold() for w in written]
    if words and words[-1] in DOCUMENT_NOUNS:
        return "document"
    if words and words[-1] in OFFICE_NOUNS | GOVERNMENT_NOUNS:
        return "government"
    if words and not any(w[:1].isupper() for w in written[1:]) and (len(written) > 1 or written[0][1:].islower()):
        return "anonymous"  # "critics", "Mourners" at the start of a sentence
    return "unresolved"
