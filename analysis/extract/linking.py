"""Named entities linked to canonical actors, and the registry phrases the entity recogniser misses.

:func:`link_entities` gives each entity row its actor (the rule of ``entities.actor`` and of the
``entity`` mentions); :func:`registry_matches` finds aliases, dated roles, metonyms and demonyms of
the actor registry in the text.

    >>> from analysis.lexicons.actors import load_registry
    >>> registry_matches("Ankara defied the Western alliance", registry=load_registry())
    [(0, 6, 'Turkey'), (14, 34, 'NATO')]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from analysis.extract.names import person_names
from analysis.io.schema import Row
from analysis.lexicons.actors import Registry, display_name, name_key
from analysis.lexicons.words import MENTION_LABELS, PLACE_LABELS, SURNAME_LABELS
from analysis.text.spans import RangeIndex

LOCATIVE = {"in", "at", "near", "outside", "inside", "across", "around", "throughout", "within", "into"}


TITLE_TOKENS = {
    "president",
    "prime",
    "minister",
    "secretary",
    "foreign",
    "defence",
    "defense",
    "acting",
    "vice",
    "deputy",
    "us",
    "u.s.",
    "chancellor",
    "leader",
    "general",
    "senator",
    "sen.",
    "rep.",
    "gov.",
    "governor",
    "mr.",
    "mrs.",
    "ms.",
    "dr.",
    "king",
    "queen",
    "former",
    "state",
    "speaker",
    "chairman",
    "spokesman",
    "spokeswoman",
}


def _fold(text: str) -> str:
    """Case-folded text of the same length (apostrophes unified), for matching aliases."""
    text = text.replace("’", "'").replace("‘", "'")
    folded = text.lower()
    if len(folded) == len(text):  # the usual case: no character changes length when lowered
        return folded
    out = []
    for ch in text:
        low = ch.lower()
        out.append(low if len(low) == 1 else ch)
    return "".join(out)


@lru_cache(maxsize=8)
def _alias_pattern(registry_id: int) -> re.Pattern | None:
    registry = _REGISTRIES[registry_id]
    keys = set(registry.aliases) | set(registry.roles) | set(registry.metonyms) | set(registry.demonyms)
    keys = sorted((k for k in keys if len(k) > 2 or k in ("us", "eu", "un", "uk")), key=len, reverse=True)
    if not keys:
        return None
    body = "|".join(re.escape(k) for k in keys)
    return re.compile(rf"(?<![\w.-])(?:the )?(?:{body})(?![\w-])")


_REGISTRIES: dict[int, Registry] = {}


def registry_matches(text: str, *, registry: Registry, date: str | None = None) -> list[tuple[int, int, str]]:
    """(start, end, actor) for every registry phrase in ``text``, longest match first.

    Short all-capital aliases ("US", "EU") only match where the text writes them in capitals.

    Example:
        >>> from analysis.lexicons.actors import load_registry
        >>> registry_matches("NATO allies and the US administration", registry=load_registry())
        [(0, 11, 'NATO'), (16, 37, 'United States')]
    """
    _REGISTRIES[id(registry)] = registry
    pattern = _alias_pattern(id(registry))
    if pattern is None:
        return []
    out = []
    for match in pattern.finditer(_fold(text)):
        s, e = match.span()
        written = text[s:e]
        core = written[4:] if written.lower().startswith("the ") else written
        if len(core) <= 3 and not core.isupper():
            continue
        key = name_key(written)
        if written.lower().startswith("the ") and key in registry.demonyms and key not in registry.aliases:
            s += 4  # "the Russian missile": the demonym alone
            written = text[s:e]
        actor = registry.resolve(written, date=date)
        if actor:
            out.append((s, e, actor))
        possessor = re.match(r"(.+?)['’]s\s", written)
        if possessor:  # "the Turkish leader’s office": the leader is mentioned too
            owner = registry.resolve(possessor.group(1), date=date)
            if owner and owner != actor:
                out.append((s, s + len(possessor.group(1)), owner))
    return out


def _widen(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Token range of an entity widened left over titles and a possessor ("Turkey’s President")."""
    i = start - 1
    while i >= 0:
        tok = doc[i]
        if tok.lower_ in TITLE_TOKENS or (tok.tag_ == "POS" and i > 0 and doc[i - 1].ent_type_ in ("GPE", "NORP")):
            i -= 1
            continue
        if tok.ent_type_ in ("GPE", "NORP") and i + 1 < start and (doc[i + 1].tag_ == "POS" or doc[i + 1].lower_ in TITLE_TOKENS):
            i -= 1
            continue
        break
    while end > start and doc[end - 1].tag_ == "POS":
        end -= 1
    return i + 1, end


def _is_locative(token: Token) -> bool:
    """A place governed (through possessives and compounds) by a locative preposition."""
    node = token
    for _ in range(4):
        if node.dep_ in ("poss", "compound", "amod", "appos") and node.head is not node:
            node = node.head
            continue
        break
    return node.dep_ == "pobj" and node.head.lower_ in LOCATIVE


def _surname_of_person(
    entity: Row, people: dict[str, str], persons: Sequence[str], *, registry: Registry, date: str | None
) -> bool:
    """Whether an entity labelled as something else is the surname of the one person of the article
    who bears it ("Caddell" after "Pat Caddell"): the registry does not know it as written, and
    the article's fullest name for it is a person's name."""
    if entity["label"] not in SURNAME_LABELS or registry.resolve(entity["text"], date=date):
        return False
    fuller = people.get(entity["text"], entity["text"])
    return fuller != entity["text"] and fuller in persons and len(fuller.split()) > len(entity["text"].split())


@dataclass(frozen=True)
class EntityLink:
    """How one entity row is linked: its actor, whether the entity itself names it (``False`` when
    the actor comes from a registry phrase around it), whether it is only a location, and the
    entity widened over titles and a possessor on its left."""

    entity: Row
    actor: str
    own: bool
    located: bool
    wide: tuple[int, int]


def link_entities(
    doc: Doc, entities: Sequence[Row], *, registry: Registry, date: str | None, phrases: Sequence[tuple[int, int, str]]
) -> list[EntityLink]:
    """The actor of every entity that names one (labels in :data:`MENTION_LABELS`), in entity order.

    A person's short or titled name takes the fullest name of the same person in the article
    ("Erdogan" -> "Recep Tayyip Erdogan"); the registry resolves aliases and dated roles; an entity
    inside a longer registry phrase takes the phrase's actor ("... Secretary of Defense for ...");
    an unknown entity becomes its own tidy actor (:func:`analysis.lexicons.actors.display_name`).

    Example:
        >>> from analysis.lexicons.actors import load_registry
        >>> from analysis.nlp.pipeline import load_pipeline
        >>> doc = load_pipeline()("Turkey’s President Recep Tayyip Erdogan spoke. Erdogan left Ankara.")
        >>> rows = [{"start_char": e.start_char, "end_char": e.end_char, "text": e.text, "label": e.label_} for e in doc.ents]
        >>> [(link.entity["text"], link.actor) for link in link_entities(doc, rows, registry=load_registry(), date=None, phrases=[])]
        [('Turkey', 'Turkey'), ('Recep Tayyip Erdogan', 'Recep Tayyip Erdogan'), ('Erdogan', 'Recep Tayyip Erdogan'), ('Ankara', 'Turkey')]
    """
    persons = [e["text"] for e in entities if e["label"] == "PERSON"]
    people = person_names(persons + [e["text"] for e in entities if e["label"] in SURNAME_LABELS])
    known = RangeIndex([(p[0], p[1], p) for p in phrases])
    links: list[EntityLink] = []
    for entity in entities:
        if entity["label"] not in MENTION_LABELS:
            continue
        inside = known.containing(entity["start_char"], entity["end_char"])
        span = doc.char_span(entity["start_char"], entity["end_char"], alignment_mode="expand")
        if span is None:
            continue
        mention = entity["text"]
        if entity["label"] == "PERSON" or _surname_of_person(entity, people, persons, registry=registry, date=date):
            mention = people.get(mention, mention)
        actor = registry.resolve_name(entity["text"], mention, date=date)
        if actor is None and inside:
            links.append(EntityLink(entity, inside[0][2], False, False, (entity["start_char"], entity["end_char"])))
            continue
        located = entity["label"] in PLACE_LABELS or (entity["label"] == "GPE" and _is_locative(span.root))
        w_start, w_end = _widen(doc, span.start, span.end)
        wide = doc[w_start:w_end]
        links.append(EntityLink(entity, actor or display_name(mention), True, located, (wide.start_char, wide.end_char)))
    return links
