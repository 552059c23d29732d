"""Link mentions to canonical actors: named entities, registry phrases NER missed, quote speakers.

One ``mentions`` row per actor mention, from three sources:

* ``entity``: a named entity (PERSON, ORG, GPE, NORP, PRODUCT, FAC, LOC, EVENT, LAW), widened
  over titles and possessors on its left ("US President Donald Trump", "Turkey’s Erdogan");
* ``registry``: an alias, dated role, metonym or demonym of the actor registry found in the text
  ("the Western alliance" -> NATO, "the Turkish leader" -> Recep Tayyip Erdogan in 2019,
  "the US administration" -> United States);
* ``speaker``: a quote's speaker mention with its resolved actor ("a top Pentagon official" ->
  Kathryn Wheelbarger, "She" -> Kathryn Wheelbarger);
* ``reference``: "the country" -> the country the article has named most so far.

Places that are only locations are marked ``is_location``: FAC/LOC entities and cities or
countries governed by a locative preposition ("in Moscow's Red Square"); a capital that acts
("Ankara’s desire", "force Washington to hit") stands for its government. Unknown entities become
their own tidy actor (:func:`analysis.lexicons.actors.display_name`), never dropped.

    >>> from analysis.io.records import RawArticle
    >>> from analysis.extract.tables import article_tables
    >>> t = article_tables(RawArticle("a", "a.txt", "Head\\n\\nAnkara defied the Western alliance in Brussels."))
    >>> t["mentions"][["text", "actor", "is_location"]].values.tolist()
    [['Ankara', 'Turkey', False], ['the Western alliance', 'NATO', False], ['Brussels', 'European Union', True]]
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from functools import lru_cache

from spacy.tokens import Doc, Token

from analysis.extract.speakers import person_names
from analysis.io.schema import Row
from analysis.lexicons.actors import Registry, display_name, load_registry, name_key

ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP", "PRODUCT", "FAC", "LOC", "EVENT", "LAW", "WORK_OF_ART"}


PLACE_LABELS = {"FAC", "LOC"}


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


COUNTRY_REFERENCES = re.compile(r"\b(?:the|this|that) country\b", re.IGNORECASE)


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


def mention_rows(
    doc: Doc,
    *,
    article_id: str,
    text: str,
    sentences: list[Row],
    entities: list[Row],
    quotes: list[Row],
    date: str | None = None,
    registry: Registry | None = None,
) -> list[Row]:
    """All actor mentions of one article (see the module docstring); fills ``entities[i]["actor"]``.

    Example:
        >>> from analysis.io.records import RawArticle
        >>> from analysis.extract.tables import article_tables
        >>> article_tables(RawArticle("a", "a", "T\\n\\nWashington warned Ankara."))["mentions"]["actor"].tolist()
        ['United States', 'Turkey']
    """
    registry = registry or load_registry()
    starts = [r["start_char"] for r in sentences]
    people = person_names([e["text"] for e in entities if e["label"] == "PERSON"])
    found: dict[tuple[int, int], Row] = {}

    def sentence_at(char: int) -> Row | None:
        index = bisect_right(starts, char) - 1
        if index < 0:
            return None
        row = sentences[index]
        return row if row["start_char"] <= char < row["end_char"] else None

    def add(start: int, end: int, actor: str, source: str, label: str | None, is_location: bool = False) -> None:
        sentence = sentence_at(start)
        if sentence is None or end <= start or (start, end) in found:
            return
        found[(start, end)] = {
            "article_id": article_id,
            "sentence_id": sentence["sentence_id"],
            "paragraph_id": sentence["paragraph_id"],
            "zone": sentence["zone"],
            "start_char": start,
            "end_char": end,
            "text": text[start:end],
            "actor": actor,
            "source": source,
            "label": label,
            "is_location": is_location,
        }

    phrases = registry_matches(text, registry=registry, date=date)
    for entity in entities:
        if entity["label"] not in ACTOR_LABELS:
            continue
        inside = [p for p in phrases if p[0] <= entity["start_char"] and entity["end_char"] <= p[1]]
        span = doc.char_span(entity["start_char"], entity["end_char"], alignment_mode="expand")
        if span is None:
            continue
        mention = entity["text"]
        if entity["label"] == "PERSON":
            mention = people.get(mention, mention)
        actor = registry.resolve(mention, date=date) or registry.resolve(entity["text"], date=date)
        if actor is None and inside:
            entity["actor"] = inside[0][2]  # part of a known phrase ("... Secretary of Defense for ...")
            continue
        actor = actor or display_name(mention)
        located = entity["label"] in PLACE_LABELS or (entity["label"] == "GPE" and _is_locative(span.root))
        entity["actor"] = actor
        w_start, w_end = _widen(doc, span.start, span.end)
        wide = doc[w_start:w_end]
        if (wide.start_char, wide.end_char) != (entity["start_char"], entity["end_char"]):
            add(wide.start_char, wide.end_char, actor, "entity", entity["label"], located)
        add(entity["start_char"], entity["end_char"], actor, "entity", entity["label"], located)

    for start, end, actor in phrases:
        if any(r["start_char"] <= start and end <= r["end_char"] and r["actor"] == actor for r in found.values()):
            continue  # the entity already says it
        span = doc.char_span(start, end, alignment_mode="expand")
        located = span is not None and _is_locative(span.root) and name_key(text[start:end]) in registry.metonyms
        add(start, end, actor, "registry", None, located)

    # a speaker counts as an actor mention when it resolves to an actor named elsewhere in the
    # article or known to the registry ("a top Pentagon official", "She"), not "73 percent"
    named = {row["actor"] for row in found.values()}
    for quote in quotes:
        actor = quote["speaker_actor"]
        if quote["speaker_start"] is not None and actor and (actor in named or registry.info(actor)):
            add(quote["speaker_start"], quote["speaker_end"], actor, "speaker", None)

    # "the country": the country named most often so far (ties: the latest)
    for match in COUNTRY_REFERENCES.finditer(text):
        before = Counter()
        latest: dict[str, int] = {}
        for row in found.values():
            noun = (
                row["label"] in (None, "GPE")
                and row["source"] in ("entity", "registry")
                and name_key(row["text"]) not in registry.demonyms
            )
            if (
                noun
                and row["start_char"] < match.start()
                and not row["is_location"]
                and registry.info(row["actor"]).get("type") == "country"
            ):
                before[row["actor"]] += 1
                latest[row["actor"]] = max(latest.get(row["actor"], -1), row["start_char"])
        if before:
            actor = max(before, key=lambda a: (before[a], latest[a]))
            s = match.start() + (0 if text[match.start() : match.start() + 4].lower() != "the " else 0)
            add(s, match.end(), actor, "reference", None)

    rows = sorted(found.values(), key=lambda r: (r["start_char"], -r["end_char"]))
    for n, row in enumerate(rows):
        row["mention_id"] = n
    return rows
