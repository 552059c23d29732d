"""The ``actors`` table and the corpus step that gives every table one actor namespace.

Every actor column (``mentions.actor``, ``entities.actor``, ``quotes.speaker_actor``,
``sources.actor``, ``actions.subject_actor``/``object_actor`` where the doer is an actor) holds
one key of the ``actors`` table. The per-article pass writes each article's keys; the corpus step
(:class:`CorpusActors`) then works on the tables of the whole corpus, chunk by chunk, so it never
needs the parse again and a corpus never has to sit in memory:

1. :meth:`CorpusActors.observe` gathers the evidence of every key (mentions, entity labels, how it
   speaks) from chunks of the article tables;
2. :meth:`CorpusActors.resolve` merges the name variants (:mod:`analysis.corpus.identity`);
3. :meth:`CorpusActors.rename` rewrites the actor columns of each chunk, :meth:`CorpusActors.count`
   counts the renamed mentions (in article order) and :meth:`CorpusActors.rows` gives the table,
   with ``variants``, ``merge_rule`` and the registry's ``parent``.

    >>> import pandas as pd
    >>> mentions = pd.DataFrame({"article_id": ["a", "b"], "actor": ["Michael Howard", "Howard"], "label": ["PERSON"] * 2,
    ...                          "source": ["entity"] * 2, "is_location": [False, False]})
    >>> corpus = CorpusActors()
    >>> corpus.observe("mentions", mentions); _ = corpus.resolve()
    >>> renamed = corpus.rename("mentions", mentions); corpus.count(renamed)
    >>> renamed["actor"].tolist(), [(r["actor"], r["n_articles"], r["variants"], r["merge_rule"]) for r in corpus.rows()]
    (['Michael Howard', 'Michael Howard'], [('Michael Howard', 2, 'Howard', 'surname')])
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from analysis.corpus.cooccurrence import cooccurrence
from analysis.corpus.identity import ActorEvidence, Merge, actor_type, merged_evidence, resolve_identities
from analysis.io.schema import Row, conform, empty_frame, frame_from_rows, is_missing
from analysis.lexicons.actors import Registry, load_registry
from analysis.lexicons.countries import office_actor

#: The actor columns of each article table (one namespace: every value is a key of ``actors``).
ACTOR_COLUMNS: dict[str, tuple[str, ...]] = {
    "entities": ("actor",),
    "mentions": ("actor",),
    "quotes": ("speaker_actor",),
    "sources": ("actor",),
    "actions": ("subject_actor", "object_actor"),
}
#: The columns :meth:`CorpusActors.observe` reads of each table.
EVIDENCE_COLUMNS: dict[str, tuple[str, ...]] = {
    "entities": ("actor",),
    "mentions": ("actor", "label"),
    "quotes": ("speaker_actor", "speaker_kind"),
    "sources": ("actor", "kind", "photographer"),
    "actions": ("subject_actor", "subject_kind", "object_actor", "object_kind"),
}
#: What a credit says about the kind of actor credited (a photographer is a person, a wire a medium).
SOURCE_KINDS = {
    "byline_author": "person",
    "photo_credit": "person",
    "byline_agency": "media",
    "relayed_agency": "media",
    "other_media": "media",
}
#: An action's doer or target of this kind is a noun phrase ("companies"), not an actor key.
NOT_AN_ACTOR = "noun"


class _Count:
    """Counts of one canonical actor over the renamed mentions (slots: a corpus names many actors)."""

    __slots__ = ("n", "articles", "last", "location")

    def __init__(self) -> None:
        self.n, self.articles, self.last, self.location = 0, 0, None, True


class CorpusActors:
    """The corpus step: evidence, merges, renaming and the ``actors`` table (see the module docstring)."""

    def __init__(self, *, registry: Registry | None = None) -> None:
        self.registry = registry or load_registry()
        self.evidence: dict[str, ActorEvidence] = {}
        self.merges: dict[str, Merge] = {}
        self.counts: dict[str, _Count] = {}
        self._map: dict[str, str] = {}

    def _evidence(self, key: str) -> ActorEvidence:
        found = self.evidence.get(key)
        if found is None:
            found = self.evidence[key] = ActorEvidence()
        return found

    def observe(self, table: str, frame: pd.DataFrame) -> None:
        """Gather the evidence of a chunk of an article table (any chunking, any order)."""
        if table not in ACTOR_COLUMNS or not len(frame):
            return
        if table == "mentions":
            for (actor, label), count in _counts(frame, "actor", "label"):
                ev = self._evidence(actor)
                ev.n += count
                if label is not None:
                    ev.labels[label] = ev.labels.get(label, 0) + count
        elif table == "quotes":
            for (actor, kind), count in _counts(frame, "speaker_actor", "speaker_kind"):
                ev = self._evidence(actor)
                ev.statements += count
                if kind is not None:
                    ev.kinds[kind] = ev.kinds.get(kind, 0) + count
        elif table == "sources":
            for actor, kind, photographer in zip(frame["actor"], frame["kind"], frame["photographer"]):
                if not is_missing(actor):
                    ev = self._evidence(str(actor))
                    spoken = SOURCE_KINDS.get(str(kind))
                    if kind == "photo_credit" and photographer != actor:
                        spoken = "media"  # "AFP Photo": the agency is credited
                    if spoken:
                        ev.kinds[spoken] = ev.kinds.get(spoken, 0) + 1
        else:
            for column in ACTOR_COLUMNS[table]:
                for actor in set(_actor_values(frame, table, column)):
                    if not is_missing(actor):
                        self._evidence(str(actor))

    def resolve(self) -> dict[str, Merge]:
        """Merge the name variants of the corpus (:func:`analysis.corpus.identity.resolve_identities`)."""
        self.merges = resolve_identities(self.evidence, registry=self.registry)
        self._map = {key: merge.actor for key, merge in self.merges.items()}
        return self.merges

    @property
    def mapping(self) -> dict[str, str]:
        """Variant key -> canonical key, once :meth:`resolve` has run."""
        return self._map

    def rename(self, table: str, frame: pd.DataFrame) -> pd.DataFrame:
        """A chunk of an article table with its actor columns renamed to the canonical keys."""
        if table not in ACTOR_COLUMNS or not self._map or not len(frame):
            return frame
        out = frame.copy()
        for column in ACTOR_COLUMNS[table]:
            values = out[column]
            mapped = values.map(lambda v: self._map.get(v, v) if isinstance(v, str) else v)
            if table == "actions":
                noun = out[column.replace("_actor", "_kind")].astype("string").eq(NOT_AN_ACTOR).fillna(False)
                mapped = mapped.where(~noun.to_numpy(dtype=bool), values)
            out[column] = mapped.astype(values.dtype) if str(values.dtype) == "string" else mapped
        return out

    def count(self, mentions: pd.DataFrame | Mapping[str, list]) -> None:
        """Count a chunk of renamed mentions (a frame, or lists by column); chunks come in article order."""
        for article, actor, location in zip(mentions["article_id"], mentions["actor"], mentions["is_location"]):
            if is_missing(actor):
                continue
            stat = self.counts.get(actor)
            if stat is None:
                stat = self.counts[actor] = _Count()
            stat.n += 1
            if stat.last != article:
                stat.articles += 1
                stat.last = article
            stat.location &= location == "True" if isinstance(location, str) else (not is_missing(location) and bool(location))

    def rows(self) -> list[Row]:
        """One row per canonical actor, sorted by key."""
        evidence = merged_evidence(self.evidence, self.merges)
        variants: dict[str, list[str]] = {}
        rules: dict[str, set[str]] = {}
        for key, merge in self.merges.items():
            variants.setdefault(merge.actor, []).append(key)
            rules.setdefault(merge.actor, set()).update(merge.rule.split("; "))
        out = []
        for actor in sorted(evidence):
            info = self.registry.info(actor)
            stat = self.counts.get(actor) or _Count()
            ev = evidence[actor]
            out.append(
                {
                    "actor": actor,
                    "name": actor,
                    "type": actor_type(ev, registry_type=info.get("type")),
                    "country": info.get("country"),
                    "parent": info.get("parent") or _office_parent(actor, self.registry),
                    "in_registry": bool(info),
                    "n_mentions": stat.n,
                    "n_articles": stat.articles,
                    "n_statements": ev.statements,
                    "only_location": stat.location if stat.n else False,
                    "variants": "; ".join(sorted(variants.get(actor, []))) or None,
                    "merge_rule": "; ".join(sorted(rules.get(actor, set()))) or None,
                }
            )
        return out


def _office_parent(actor: str, registry: Registry) -> str | None:
    """The country of a country's office named by the speaker rules ("Turkey Defense Ministry")."""
    office = office_actor(actor, registry=registry)
    return office[1] if office is not None and office[0] == actor else None


def _counts(frame: pd.DataFrame, key: str, detail: str) -> list[tuple[tuple[str, str | None], int]]:
    """(key, detail) pairs of the rows with a key, with their counts, in sorted order (a missing detail is ``None``).

    Example:
        >>> _counts(pd.DataFrame({"actor": ["A", "A", None, "B"], "label": ["ORG", None, "ORG", "ORG"]}), "actor", "label")
        [(('A', None), 1), (('A', 'ORG'), 1), (('B', 'ORG'), 1)]
    """
    pairs = frame[[key, detail]].astype(object)
    pairs = pairs[pairs[key].notna()].fillna({detail: ""})
    counted = pairs.groupby([key, detail], sort=True).size()
    return [((str(k), str(d) if d != "" else None), int(n)) for (k, d), n in counted.items()]


def _actor_values(frame: pd.DataFrame, table: str, column: str) -> list:
    """The values of an actor column that are actor keys (an action's noun phrases are not)."""
    if table == "actions":
        kinds = frame[column.replace("_actor", "_kind")]
        return [v for v, k in zip(frame[column], kinds) if is_missing(k) or k != NOT_AN_ACTOR]
    return list(frame[column])


def corpus_actors(tables: Mapping[str, pd.DataFrame], *, registry: Registry | None = None) -> dict[str, pd.DataFrame]:
    """The corpus step on tables held in memory: the tables with their actor columns renamed, plus
    the ``actors`` and ``cooccurrence`` tables counted from them.

    Example:
        >>> m = pd.DataFrame({"article_id": ["a", "b"], "sentence_id": [0, 0], "paragraph_id": [0, 0], "zone": ["body"] * 2,
        ...                   "actor": ["Michael Howard", "HOWARD"], "label": ["PERSON", None], "source": ["entity", "speaker"],
        ...                   "is_location": [False, False]})
        >>> q = pd.DataFrame({"speaker_actor": ["HOWARD"], "speaker_kind": ["person"]})
        >>> out = corpus_actors({"mentions": m, "quotes": q})
        >>> out["quotes"]["speaker_actor"].tolist(), out["actors"][["actor", "n_articles", "variants"]].values.tolist()
        (['Michael Howard'], [['Michael Howard', 2, 'HOWARD']])
    """
    corpus = CorpusActors(registry=registry)
    for name, frame in tables.items():
        corpus.observe(name, frame)
    corpus.resolve()
    out = {name: corpus.rename(name, frame) for name, frame in tables.items()}
    mentions = out.get("mentions", empty_frame("mentions"))
    corpus.count(mentions)
    out["actors"] = frame_from_rows(corpus.rows(), "actors")
    out["cooccurrence"] = conform(cooccurrence(mentions), "cooccurrence")
    return out
