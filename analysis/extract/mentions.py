"""Link mentions to canonical actors: named entities, registry phrases NER missed, quote speakers.

One ``mentions`` row per actor mention, from three sources:

* ``entity``: a named entity (PERSON, ORG, GPE, NORP, PRODUCT, FAC, LOC, EVENT, LAW), widened
  over titles and possessors on its left ("US President Donald Trump", "Turkey’s Erdogan");
* ``registry``: an alias, dated role, metonym or demonym of the actor registry found in the text
  ("the Western alliance" -> NATO, "the Turkish leader" -> Recep Tayyip Erdogan in 2019,
  "the US administration" -> United States);
* ``speaker``: a quote's speaker mention with its resolved actor ("a top Pentagon official" ->
  Kathryn Wheelbarger, "She" -> Kathryn Wheelbarger);
* ``reference``: "the country", "this nation" -> the closest earlier country (the rule of
  :func:`analysis.extract.resolve.country_antecedent`).

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

from collections.abc import Sequence

from analysis.extract.context import ArticleContext
from analysis.extract.linking import _is_locative
from analysis.extract.names import split_name
from analysis.extract.resolve import COUNTRY_REFERENCE, country_antecedent, part_of
from analysis.io.schema import Row
from analysis.lexicons.actors import name_key
from analysis.text.spans import RangeIndex


def mention_rows(ctx: ArticleContext, quotes: list[Row], actions: Sequence[Row] = ()) -> list[Row]:
    """All actor mentions of one article (see the module docstring); ``quotes`` and ``actions``: its
    ``quotes`` and ``actions`` rows (a "the country" that an action resolved in its clause keeps that actor).

    Example:
        >>> from analysis.extract.context import ArticleContext
        >>> from analysis.io.records import RawArticle
        >>> [r["actor"] for r in mention_rows(ArticleContext.of(RawArticle("a", "a", "T\\n\\nWashington warned Ankara.")), [])]
        ['United States', 'Turkey']
    """
    found = _Mentions(ctx)
    _entity_mentions(found)
    _registry_mentions(found)
    _country_references(found, actions)
    _speaker_mentions(found, quotes)
    rows = sorted(found.rows.values(), key=lambda r: (r["start_char"], -r["end_char"]))
    for n, row in enumerate(rows):
        row["mention_id"] = n
    return rows


class _Mentions:
    """The mentions found so far, one per character range (the first source to find a range keeps it)."""

    def __init__(self, ctx: ArticleContext) -> None:
        self.ctx = ctx
        self.rows: dict[tuple[int, int], Row] = {}
        self.by_actor: dict[str, RangeIndex] = {}  # the rows' ranges, by actor

    def add(self, start: int, end: int, actor: str, source: str, label: str | None, is_location: bool = False) -> None:
        """A mention of ``actor`` at ``[start, end)`` inside one sentence."""
        sentence = self.ctx.index.containing(start)
        if sentence is None or end <= start or (start, end) in self.rows:
            return
        self.rows[(start, end)] = {
            "article_id": self.ctx.article_id,
            "sentence_id": sentence["sentence_id"],
            "paragraph_id": sentence["paragraph_id"],
            "zone": sentence["zone"],
            "start_char": start,
            "end_char": end,
            "text": self.ctx.text[start:end],
            "actor": actor,
            "source": source,
            "label": label,
            "is_location": is_location,
            "title": _title(self.ctx.text[start:end], label, source),
        }
        self.by_actor.setdefault(actor, RangeIndex()).add(start, end)

    def covered(self, start: int, end: int, actor: str) -> bool:
        """Whether a mention of ``actor`` found so far covers ``[start, end)``."""
        index = self.by_actor.get(actor)
        return index is not None and bool(index.containing(start, end))


def _title(text: str, label: str | None, source: str) -> str | None:
    """The title written with a person's name in a mention ("US President" in "US President Donald
    Trump"), for people named by an entity or as a speaker.

    Example:
        >>> _title("Homeland Security Secretary Jeh Johnson", "PERSON", "entity"), _title("NATO", "ORG", "entity")
        ('Homeland Security Secretary', None)
    """
    if label != "PERSON" and source != "speaker":
        return None
    parts = split_name(text)
    return parts.title if parts.name else None


def _entity_mentions(found: _Mentions) -> None:
    """Each linked entity, and the entity widened over its titles and possessor when that differs."""
    for link in found.ctx.links:
        if not link.own:
            continue  # part of a known phrase ("... Secretary of Defense for ..."): the phrase is the mention
        entity = link.entity
        if link.wide != (entity["start_char"], entity["end_char"]):
            found.add(*link.wide, link.actor, "entity", entity["label"], link.located)
        found.add(entity["start_char"], entity["end_char"], link.actor, "entity", entity["label"], link.located)


def _registry_mentions(found: _Mentions) -> None:
    """Registry phrases that no entity mention of the same actor covers ("the Western alliance")."""
    ctx = found.ctx
    for start, end, actor in ctx.phrases:
        if found.covered(start, end, actor):
            continue  # the entity already says it
        span = ctx.doc.char_span(start, end, alignment_mode="expand")
        located = span is not None and _is_locative(span.root) and name_key(ctx.text[start:end]) in ctx.registry.metonyms
        found.add(start, end, actor, "registry", None, located)


def _speaker_mentions(found: _Mentions, quotes: Sequence[Row]) -> None:
    """Every speaker mention with an actor is an actor mention ("a top Pentagon official", "She",
    "a senior U.S. official"): every ``quotes.speaker_actor`` is an actor of the corpus."""
    for quote in quotes:
        actor = quote["speaker_actor"]
        if quote["speaker_start"] is not None and actor:
            found.add(quote["speaker_start"], quote["speaker_end"], actor, "speaker", None)


def _country_references(found: _Mentions, actions: Sequence[Row]) -> None:
    """ "The country": one rule with the actions table (:func:`analysis.extract.resolve.country_antecedent`);
    a reference an action resolved in its clause keeps that clause's answer."""
    ctx = found.ctx
    in_clause = {
        (row[f"{role}_start"], row[f"{role}_end"]): row[f"{role}_actor"]
        for row in actions
        for role in ("subject", "object")
        if row[f"{role}_kind"] == "anaphor"
    }
    for match in COUNTRY_REFERENCE.finditer(ctx.text):
        group = part_of(ctx.index.containing(match.start()))
        actor = in_clause.get(match.span()) or country_antecedent(ctx.antecedents, before=match.start(), group=group)
        if actor is not None:
            found.add(match.start(), match.end(), actor, "reference", None)
