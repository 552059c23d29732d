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
from collections.abc import Iterable, Sequence

from analysis.extract.statements import Statement
from analysis.lexicons.actors import Registry, display_name, load_registry, name_key

PERSON_PRONOUNS = {"he", "she", "him", "her", "i"}


GROUP_PRONOUNS = {"they", "it", "we", "them"}


ROLE_NOUNS = {
    "official",
    "officials",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "minister",
    "aide",
    "aides",
    "adviser",
    "advisor",
    "diplomat",
    "diplomats",
    "source",
    "sources",
    "officer",
    "leader",
    "president",
    "secretary",
    "ambassador",
    "envoy",
    "lawmaker",
    "senator",
    "congressman",
    "congresswoman",
    "representative",
    "analyst",
    "expert",
    "executive",
    "chief",
    "director",
    "commander",
    "general",
    "candidate",
    "nominee",
    "governor",
    "mayor",
    "chairman",
    "chairwoman",
    "head",
    "negotiator",
    "member",
    "staffer",
    "strategist",
    "campaign",
}


TITLE_WORDS = re.compile(
    r"^(?:(?:US|U\.S\.|American|Turkish|Russian|Turkey['’]s|Russia['’]s|former|then|acting|deputy|vice|"
    r"President|Prime Minister|Minister|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Sen\.?|Senator|Rep\.?|Gov\.?|Governor|"
    r"Secretary(?: of State)?|Chancellor|General|Gen\.?|Judge|Mayor)\s+)+"
)


def person_names(names: Iterable[str]) -> dict[str, str]:
    """Map each person mention to the fullest mention of the same person (same surname).

    Example:
        >>> person_names(["Kathryn Wheelbarger", "Wheelbarger", "Ms. Wheelbarger"])["Ms. Wheelbarger"]
        'Kathryn Wheelbarger'
    """
    cleaned = {n: TITLE_WORDS.sub("", re.sub(r"['’]s?$", "", n.strip())).strip() or n for n in names}
    out: dict[str, str] = {}
    for mention, core in cleaned.items():
        words = core.split()
        best = core
        for other in cleaned.values():
            o_words = other.split()
            if len(o_words) > len(best.split()) and words and o_words[-len(words) :] == words:
                best = other
        out[mention] = best
    return out


def _looks_like_name(mention: str) -> bool:
    words = TITLE_WORDS.sub("", mention).split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words) and "’s" not in mention and "'s" not in mention


def _is_role(phrase: str) -> bool:
    words = [w.lower().strip(",.") for w in phrase.split()]
    return bool(words) and words[-1] in ROLE_NOUNS and not any(w[:1].isupper() for w in phrase.split()[-1:])


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
        if key in PERSON_PRONOUNS | GROUP_PRONOUNS:
            continue  # after the named pass
        actor, person = canonical(mention)
        if actor is None and _is_role(mention):
            continue  # resolved below, once named speakers are known
        if actor is None:
            actor, person = from_entities(*st.speaker)
        if actor is None:
            actor, person = display_name(mention), False
        resolved[index], is_person[index] = actor, person

    # role descriptions, then pronouns, then inherited speakers, in text order
    for index, st in enumerate(statements):
        if st.speaker is None or resolved[index] is not None:
            continue
        mention = text[st.speaker[0] : st.speaker[1]]
        key = name_key(mention)
        here = sentence_of(st.speaker[0])
        if key in PERSON_PRONOUNS:
            earlier = [i for i in range(index) if resolved[i] and is_person[i] and statements[i].start < st.speaker[0]]
            if earlier:
                resolved[index], is_person[index] = resolved[earlier[-1]], True
                continue
            before = [e for e in people if e["end_char"] <= st.speaker[0] and e["zone"] in ("body", "headline", "dek")]
            if before:
                name = full.get(before[-1]["text"], before[-1]["text"])
                resolved[index], is_person[index] = canonical(name)[0] or display_name(name), True
            continue
        if key in GROUP_PRONOUNS:
            earlier = [i for i in range(index) if resolved[i] and not is_person[i]]
            if earlier:
                resolved[index] = resolved[earlier[-1]]
            continue
        # a role description
        definite = key.split(" ")[0] not in ("a", "an", "one", "two", "three", "several", "some", "many")
        nxt = [
            i
            for i in range(index + 1, len(statements))
            if resolved[i] and is_person[i] and 0 <= sentence_of(statements[i].speaker[0]) - here <= 3  # type: ignore[index]
        ]
        prev = [i for i in range(index) if resolved[i] and is_person[i]]
        if not definite and nxt:
            resolved[index], is_person[index] = resolved[nxt[0]], True
        elif definite and prev and sentence_of(statements[prev[-1]].start) >= here - 3:
            resolved[index], is_person[index] = resolved[prev[-1]], True
        else:
            resolved[index] = display_name(re.sub(r"^(?:a|an|one|the)\s+", "", mention, flags=re.I))

    for index, st in enumerate(statements):
        if st.inherits is not None and resolved[index] is None:
            parent = statements.index(st.inherits)
            resolved[index] = resolved[parent]
    return resolved
