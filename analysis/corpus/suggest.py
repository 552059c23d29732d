"""Registry suggestions: the frequent actors a corpus names that the registry does not know.

:func:`suggest_actors` reads a built package's ``actors``, ``mentions`` and ``articles`` and gives
one entry per unregistered actor with at least ``min_mentions`` mentions: its name, the variants
written, a type voted by the entity labels of its mentions, and two example contexts.
:func:`suggestions_yaml` writes them in the registry's own format, so a researcher curates the file
(merges variants, fixes types, deletes noise) and builds again with ``--registry``.

    >>> import pandas as pd
    >>> actors = pd.DataFrame({"actor": ["Ann Berg"], "in_registry": [False], "n_mentions": [3], "n_articles": [2]})
    >>> mentions = pd.DataFrame({"article_id": ["a", "a", "b", "b"], "start_char": [0, 20, 0, 10], "end_char": [8, 24, 4, 12],
    ...     "text": ["Ann Berg", "Berg", "Berg's", "She"], "actor": ["Ann Berg"] * 4, "label": ["PERSON", "PERSON", "ORG", None]})
    >>> articles = pd.DataFrame({"article_id": ["a", "b"], "text": ["Ann Berg spoke. Then Berg left.", "Berg's. She won."]})
    >>> [(s["name"], s["type"], s["aliases"]) for s in suggest_actors(actors, mentions, articles, min_mentions=2)]
    [('Ann Berg', 'person', ['Berg'])]
"""

from __future__ import annotations

from collections import Counter

import pandas as pd
import yaml

LABEL_TYPES = {
    "PERSON": "person",
    "GPE": "country",
    "NORP": "country",
    "ORG": "organization",
    "FAC": "place",
    "LOC": "place",
    "PRODUCT": "military_system",
    "EVENT": "event",
    "LAW": "document",
    "WORK_OF_ART": "document",
}
"""Registry type voted for by each entity label of a mention (the registry's own type names where it has one)."""

DEFAULT_MIN_MENTIONS = 3
"""Fewer mentions than this are rarely worth an entry (and are mostly one article's spelling)."""

CONTEXT_CHARS = 60
"""Characters of article text shown on each side of an example mention."""

EXAMPLES = 2
"""Example contexts per suggested actor, from different articles where there are several."""


def suggest_actors(
    actors: pd.DataFrame,
    mentions: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    min_mentions: int = DEFAULT_MIN_MENTIONS,
) -> list[dict]:
    """Registry entries for the unregistered actors with at least ``min_mentions`` mentions, most
    mentioned first (ties by name): ``name``, ``type`` (the vote of the mentions' entity labels;
    ``unknown`` without one), ``aliases`` (the other names written for it by the entity recogniser,
    without possessive endings, most frequent first; pronouns and role phrases resolved to it are
    left out, since as aliases they would name it in every article),
    ``n_mentions``, ``n_articles`` and ``examples`` (text around a mention).

    Example:
        >>> from analysis.io.package import load_table
        >>> found = suggest_actors(load_table("actors"), load_table("mentions"), load_table("articles"), min_mentions=1)
        >>> all(not entry["name"] in ("Turkey", "NATO") for entry in found)  # the seed's registered actors are not suggested
        True
    """
    unknown = actors[~actors["in_registry"].astype(bool) & (actors["n_mentions"] >= min_mentions)]
    unknown = unknown.sort_values(["n_mentions", "actor"], ascending=[False, True], kind="mergesort")
    texts = dict(zip(articles["article_id"], articles["text"]))
    by_actor = {actor: rows for actor, rows in mentions.groupby("actor", sort=False)}
    out = []
    for row in unknown.itertuples(index=False):
        rows = by_actor.get(row.actor)
        if rows is None:
            continue
        labels = Counter(LABEL_TYPES.get(label) for label in rows["label"].dropna() if label in LABEL_TYPES)
        voted = sorted(labels.items(), key=lambda kv: (-kv[1], kv[0]))
        named = rows[rows["label"].notna()]  # entity mentions: pronouns and role phrases are no aliases
        forms = Counter(_bare(str(t)) for t in named["text"])
        forms.pop(row.actor, None)
        examples, seen = [], set()
        for mention in rows.itertuples(index=False):
            if mention.article_id in seen or len(examples) >= EXAMPLES:
                continue
            seen.add(mention.article_id)
            text = texts.get(mention.article_id, "")
            start, end = int(mention.start_char), int(mention.end_char)
            left, right = max(0, start - CONTEXT_CHARS), min(len(text), end + CONTEXT_CHARS)
            snippet = " ".join(f"{text[left:start]}[{text[start:end]}]{text[end:right]}".split())
            examples.append(f"{mention.article_id}: ...{snippet}...")
        out.append(
            {
                "name": row.actor,
                "type": voted[0][0] if voted else "unknown",
                "aliases": [form for form, _ in sorted(forms.items(), key=lambda kv: (-kv[1], kv[0]))],
                "n_mentions": int(row.n_mentions),
                "n_articles": int(row.n_articles),
                "examples": examples,
            }
        )
    return out


def _bare(form: str) -> str:
    """A written form without a possessive ending ("Blair's" -> "Blair")."""
    for ending in ("'s", "’s", "'", "’"):
        if form.endswith(ending) and len(form) > len(ending):
            return form[: -len(ending)]
    return form


def suggestions_yaml(suggestions: list[dict]) -> str:
    """The suggestions as a registry file: each entry's counts and examples as comments above it,
    then ``name``, ``type`` and ``aliases``, ready to curate and pass with ``--registry``.

    Example:
        >>> print(suggestions_yaml([{"name": "Ann Berg", "type": "person", "aliases": ["Berg"], "n_mentions": 3,
        ...     "n_articles": 2, "examples": ["a: ...[Ann Berg] spoke..."]}]))
        # Suggested actors: check each entry, merge variants of one actor, fix types, delete noise.
        <BLANKLINE>
        # 3 mentions in 2 articles
        #   a: ...[Ann Berg] spoke...
        - name: Ann Berg
          type: person
          aliases: [Berg]
        <BLANKLINE>
    """
    lines = ["# Suggested actors: check each entry, merge variants of one actor, fix types, delete noise.", ""]
    for entry in suggestions:
        lines.append(f"# {entry['n_mentions']} mentions in {entry['n_articles']} articles")
        lines += [f"#   {example}" for example in entry["examples"]]
        body = {"name": entry["name"], "type": entry["type"], "aliases": entry["aliases"]}
        dumped = yaml.safe_dump([body], allow_unicode=True, sort_keys=False, default_flow_style=None, width=1000)
        lines += dumped.rstrip("\n").splitlines()
        lines.append("")
    return "\n".join(lines)
