"""The ``actors`` table: one row per canonical actor, counted block by block."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from analysis.io.schema import Row
from analysis.lexicons.actors import Registry, load_registry


class _ActorStat:
    """Counts of one actor (slots: a corpus can name hundreds of thousands of actors)."""

    __slots__ = ("n", "articles", "labels", "speaker", "location")

    def __init__(self) -> None:
        self.n = 0
        self.articles = 0
        self.labels: dict[str, int] = {}
        self.speaker = False
        self.location = True


class ActorCounter:
    """Per-actor counts for the ``actors`` table, updated chunk by chunk (whole articles per chunk).

    Example:
        >>> counter = ActorCounter()
        >>> counter.update([{"article_id": "a", "actor": "NATO", "label": "ORG", "source": "entity", "is_location": False}])
        >>> ActorCounter.from_state(counter.to_state()).to_state()
        {'stats': [['NATO', 1, 1, [['ORG', 1]], False, False]]}
    """

    def __init__(self, *, registry: Registry | None = None) -> None:
        self.registry = registry
        self.stats: dict[str, _ActorStat] = {}

    def _stat(self, actor: str) -> _ActorStat:
        stat = self.stats.get(actor)
        if stat is None:
            stat = self.stats[actor] = _ActorStat()
        return stat

    def merge(self, other: ActorCounter) -> None:
        """Add the counts of another counter (of other articles)."""
        for actor, theirs in other.stats.items():
            mine = self._stat(actor)
            mine.n += theirs.n
            mine.articles += theirs.articles
            for label, n in theirs.labels.items():
                mine.labels[label] = mine.labels.get(label, 0) + n
            mine.speaker |= theirs.speaker
            mine.location &= theirs.location

    def to_state(self) -> dict[str, Any]:
        """The counts as plain lists (for JSON): one ``[actor, n, articles, [[label, n], ...],
        speaker, location]`` per actor, in the counter's order; the registry is not part of it."""
        return {
            "stats": [
                [actor, s.n, s.articles, [[label, n] for label, n in s.labels.items()], s.speaker, s.location]
                for actor, s in self.stats.items()
            ]
        }

    @classmethod
    def from_state(cls, state: Any, *, registry: Registry | None = None) -> ActorCounter:
        """The counter :meth:`to_state` described; ``ValueError`` if ``state`` is not such a description."""
        if type(state) is not dict or set(state) != {"stats"} or type(state["stats"]) is not list:
            raise ValueError("an actor counter state is {'stats': [...]}")
        counter = cls(registry=registry)
        for item in state["stats"]:
            if type(item) is not list or len(item) != len(_ActorStat.__slots__) + 1:
                raise ValueError(f"not an actor's counts: {item!r:.80}")
            actor, n, articles, labels, speaker, location = item
            if type(actor) is not str or actor in counter.stats:
                raise ValueError(f"actor {actor!r:.80} is not a new name")
            if not (_count(n) and _count(articles) and type(speaker) is bool and type(location) is bool):
                raise ValueError(f"counts of {actor!r:.80} are not counts and flags")
            if type(labels) is not list or not all(
                type(pair) is list and len(pair) == 2 and type(pair[0]) is str and _count(pair[1]) for pair in labels
            ):
                raise ValueError(f"labels of {actor!r:.80} are not [[label, count], ...]")
            stat = counter.stats[actor] = _ActorStat()
            stat.n, stat.articles, stat.speaker, stat.location = n, articles, speaker, location
            stat.labels = {label: count for label, count in labels}
            if len(stat.labels) != len(labels):
                raise ValueError(f"labels of {actor!r:.80} repeat")
        return counter

    def update(self, mentions: list[Row]) -> None:
        articles: dict[str, set[str]] = {}
        for row in mentions:
            stat = self._stat(row["actor"])
            stat.n += 1
            label = row["label"]
            if label:
                stat.labels[label] = stat.labels.get(label, 0) + 1
            stat.speaker |= row["source"] == "speaker"
            stat.location &= bool(row["is_location"])
            articles.setdefault(row["actor"], set()).add(row["article_id"])
        for actor, ids in articles.items():
            self.stats[actor].articles += len(ids)

    def rows(self) -> list[Row]:
        registry = self.registry or load_registry()
        out = []
        for actor in sorted(self.stats):
            stat = self.stats[actor]
            info = registry.info(actor)
            out.append(
                {
                    "actor": actor,
                    "name": actor,
                    "type": info.get("type") or _guess_type(stat.labels, stat.speaker),
                    "country": info.get("country"),
                    "in_registry": bool(info),
                    "n_mentions": stat.n,
                    "n_articles": stat.articles,
                    "only_location": stat.location,
                }
            )
        return out


def _count(value: Any) -> bool:
    return type(value) is int and value >= 0


def actor_rows(mentions: list[Row], *, registry: Registry | None = None) -> list[Row]:
    """One row per actor of a set of mentions.

    Example:
        >>> rows = actor_rows([{"article_id": "a", "actor": "Turkey", "label": "GPE", "source": "entity", "is_location": False}])
        >>> rows[0]["type"], rows[0]["n_mentions"]
        ('country', 1)
    """
    counter = ActorCounter(registry=registry)
    counter.update(mentions)
    return counter.rows()


def _guess_type(labels: Mapping[str, int], speaker: bool) -> str:
    labels = {k: v for k, v in labels.items() if k and v}
    label = sorted(labels.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if labels else None
    return {
        "PERSON": "person",
        "ORG": "organization",
        "GPE": "place",
        "NORP": "group",
        "FAC": "place",
        "LOC": "place",
        "PRODUCT": "product",
        "EVENT": "event",
        "LAW": "law",
        "WORK_OF_ART": "work",
    }.get(label, "person" if speaker else "other")
