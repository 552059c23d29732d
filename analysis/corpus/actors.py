"""The ``actors`` table: one row per canonical actor, counted block by block."""

from __future__ import annotations

from collections.abc import Mapping

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
    """Per-actor counts for the ``actors`` table, updated chunk by chunk (whole articles per chunk)."""

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
