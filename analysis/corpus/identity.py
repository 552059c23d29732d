"""One person, one actor across the corpus: name variants merged after the per-article pass.

The per-article pass resolves each mention within its article ("Erdogan" -> "Recep Tayyip
Erdogan" when the article writes both). This step looks at every actor key of the whole corpus
at once and merges the variants of one name, each merge with the rule that made it:

* ``title``: a person's key that still carries a title ("Tory leader Michael Howard") -> the name;
* ``spelling``: keys equal once case, diacritics, punctuation and common transliteration
  doublings are folded ("PENCE"/"Pence", "Çavuşoğlu"/"Cavusoglu", "Zelensky"/"Zelenskyy");
* ``initials``: a full name with middle initials ("John D. Podesta") -> the same name without them;
* ``acronym``: an initialism ("IMF") -> the one multi-word organisation name of the corpus whose
  initials it is ("International Monetary Fund");
* ``typo``: two adjacent letters swapped in a given name of the same surname ("Kisrty Williams"
  -> "Kirsty Williams"; given names of at least :data:`TYPO_MIN_LENGTH` letters);
* ``surname``: a person's surname alone ("Howard", taken for a person at least once, or a
  speaker label in capitals, "WALLACE") -> the one full person's name of the corpus that ends in
  it; two people of one surname ("Bill Clinton", "Hillary Clinton") keep the surname apart, unless
  one of them holds :data:`DOMINANT_SHARE` of their mentions (``dominant surname``).

The canonical form of a group is the registry's name, else the most used variant (ties: a variant
not written in capitals, then the alphabetically first). Types are decided by evidence: the
registry, then the vote of the entity labels over the corpus, then how the actor speaks (a
speaker whose kind is a person is never a place).

    >>> evidence = {"Michael Howard": ActorEvidence(n=5, labels={"PERSON": 5}),
    ...             "Howard": ActorEvidence(n=3, labels={"PERSON": 2, "GPE": 1}),
    ...             "Tory leader Michael Howard": ActorEvidence(n=1, kinds={"person": 1}),
    ...             "HOWARD": ActorEvidence(n=1, kinds={"person": 1})}
    >>> sorted(resolve_identities(evidence).items())
    [('HOWARD', Merge(actor='Michael Howard', rule='spelling; surname')), ('Howard', Merge(actor='Michael Howard', rule='surname')), ('Tory leader Michael Howard', Merge(actor='Michael Howard', rule='title'))]
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from analysis.extract.names import split_name
from analysis.lexicons.actors import Registry, load_registry
from analysis.lexicons.countries import is_country_name
from analysis.lexicons.titles import NAME_SUFFIXES, is_title_word

#: Letters that Unicode decomposition does not fold to a plain Latin letter.
_LETTERS = str.maketrans({"ı": "i", "ø": "o", "ł": "l", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th"})
#: Transliteration endings written several ways ("Zelenskiy", "Zelenskyi" -> "zelensky").
_ENDINGS = re.compile(r"(?:iy|yi|ij|yy|ii)\b")
_DOUBLED = re.compile(r"([a-z])\1+")
_NOT_WORD = re.compile(r"[^a-z0-9 ]+")
_INITIAL = re.compile(r"^[a-z]$")
#: A surname that several full names of the corpus end in joins the one that holds at least this
#: share of their mentions ("Blair" in a corpus of Tony Blair and, a few times, Cherie Blair): below
#: it ("Clinton" with Bill and Hillary Clinton) the surname stays apart.
DOMINANT_SHARE = 0.95


@lru_cache(maxsize=262144)
def fold_name(name: str) -> str:
    """The spelling-free key of a name: case, diacritics, punctuation, a leading "the", a
    possessive and doubled letters folded.

    Example:
        >>> fold_name("Çavuşoğlu") == fold_name("Cavusoglu"), fold_name("Zelenskyy") == fold_name("Zelensky")
        (True, True)
        >>> fold_name("The New York Times") == fold_name("New York Times"), fold_name("PENCE")
        (True, 'pence')
    """
    text = name.replace("’", "'").casefold()
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.translate(_LETTERS))
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"'s\b", "", text)
    text = _NOT_WORD.sub(" ", text.replace("'", "")).strip()
    text = re.sub(r"^the ", "", " ".join(text.split()))
    return _DOUBLED.sub(r"\1", _ENDINGS.sub("y", text))


@dataclass
class ActorEvidence:
    """What the corpus says about one actor key: mentions, entity labels, how it speaks."""

    n: int = 0
    labels: dict[str, int] = field(default_factory=dict)
    kinds: dict[str, int] = field(default_factory=dict)
    statements: int = 0

    def add(self, other: ActorEvidence) -> None:
        """Add the evidence of another key (a merged variant)."""
        self.n += other.n
        self.statements += other.statements
        for source, target in ((other.labels, self.labels), (other.kinds, self.kinds)):
            for key, count in source.items():
                target[key] = target.get(key, 0) + count


class Merge(NamedTuple):
    """Where a variant key goes: the canonical ``actor`` and the ``rule`` (or rules, ``; ``) that merged it."""

    actor: str
    rule: str


def is_person_evidence(evidence: ActorEvidence, *, registry_type: str | None = None) -> bool:
    """Whether the evidence says person: the registry, else the entity-label vote, else how it speaks.

    Example:
        >>> is_person_evidence(ActorEvidence(labels={"GPE": 1}, kinds={"person": 2})), is_person_evidence(ActorEvidence(labels={"GPE": 3}))
        (True, False)
    """
    if registry_type:
        return registry_type == "person"
    labels = Counter(evidence.labels)
    people = labels.get("PERSON", 0)
    if people and people >= max(labels.values()):
        return True
    kinds = Counter(evidence.kinds)
    return bool(kinds) and kinds.get("person", 0) >= max(kinds.values()) and not (labels.get("ORG", 0) > people)


def _best(names: Iterable[str], evidence: Mapping[str, ActorEvidence], registry: Registry) -> str:
    """The canonical form of a group of variants (see the module docstring)."""
    return min(
        names,
        key=lambda n: (
            not registry.info(n),
            -(evidence[n].n + evidence[n].statements) if n in evidence else 0,
            n.isupper(),
            -len(n.split()),
            n,
        ),
    )


def resolve_identities(evidence: Mapping[str, ActorEvidence], *, registry: Registry | None = None) -> dict[str, Merge]:
    """The merges of a corpus: variant key -> :class:`Merge`; keys that stay as they are are left out.

    Example:
        >>> ev = {"Bill Clinton": ActorEvidence(n=4, labels={"PERSON": 4}), "Hillary Clinton": ActorEvidence(n=9, labels={"PERSON": 9}),
        ...       "Clinton": ActorEvidence(n=6, labels={"PERSON": 6}), "John D. Podesta": ActorEvidence(n=1, labels={"PERSON": 1}),
        ...       "John Podesta": ActorEvidence(n=2, labels={"PERSON": 2})}
        >>> resolve_identities(ev)
        {'John D. Podesta': Merge(actor='John Podesta', rule='initials')}
    """
    registry = registry or load_registry()
    types = {key: registry.info(key).get("type") for key in evidence}
    person = {key: is_person_evidence(ev, registry_type=types[key]) for key, ev in evidence.items()}
    target: dict[str, str] = {key: key for key in evidence}
    rules: dict[str, list[str]] = {key: [] for key in evidence}

    def move(key: str, to: str, rule: str) -> None:
        target[key] = to
        rules[key].append(rule)

    # title: the name apart from a title left in the key
    for key in evidence:
        if person[key] and not types[key]:
            parts = split_name(key)
            if parts.name and parts.name != key and parts.title and any(is_title_word(w) for w in parts.title.split()):
                move(key, parts.name, "title")
    # spelling: one folded key, one actor
    _merge_groups(lambda name: fold_name(name), target, evidence, registry, move, "spelling", person=None)
    # initials: "John D. Podesta" is "John Podesta"
    _merge_groups(_without_initials, target, evidence, registry, move, "initials", person=person)
    # acronym: "IMF" joins "International Monetary Fund" when no other name of the corpus spells it
    expansions: dict[str, set[str]] = {}
    for name in set(target.values()):
        if len(name.split()) > 1 and not person.get(name, False):
            for short in _initialisms(name):
                expansions.setdefault(short, set()).add(name)
    for key in evidence:
        name = target[key]
        if ACRONYM.fullmatch(name) and not types.get(name) and not person[key] and len(expansions.get(name, ())) == 1:
            move(key, next(iter(expansions[name])), "acronym")
    # typo: two letters swapped in a given name of one surname ("Kisrty Williams")
    _merge_groups(_transposition_key, target, evidence, registry, move, "typo", person=person, same=_one_transposition)
    # surname: a surname alone joins the one full name of the corpus that ends in it
    full: dict[str, set[str]] = {}
    for name in set(target.values()):
        if len(name.split()) > 1 and person.get(name, split_name(name).name == name):
            full.setdefault(fold_name(name.split()[-1]), set()).add(name)
    weight = merged_weights(evidence, target)
    for key in evidence:
        name = target[key]
        ev = evidence[key]
        named_once = (
            person[key]
            or ev.labels.get("PERSON", 0) > 0
            or ev.kinds.get("person", 0) > 0
            or (
                key.isupper() and ev.statements > 0
            )  # a transcript's speaker label ("WALLACE:") the recogniser took for an acronym
        )
        if len(name.split()) != 1 or not named_once or is_country_name(name):
            continue
        if types.get(name) and types[name] != "person":
            continue
        candidates = sorted(full.get(fold_name(name), set()), key=lambda c: (-weight.get(c, 0), c))
        if len(candidates) == 1:
            move(key, candidates[0], "surname")
        elif len(candidates) > 1 and weight.get(candidates[0], 0) >= DOMINANT_SHARE * sum(weight.get(c, 0) for c in candidates):
            move(key, candidates[0], "dominant surname")
    # chains end at a key that stays
    out = {}
    for key in evidence:
        end, seen = target[key], {key}
        while target.get(end, end) != end and end not in seen:
            seen.add(end)
            rules[key] += [r for r in rules.get(end, []) if r not in rules[key]]
            end = target[end]
        if end != key:
            out[key] = Merge(end, "; ".join(dict.fromkeys(rules[key])))
    return out


def merged_weights(evidence: Mapping[str, ActorEvidence], target: Mapping[str, str]) -> dict[str, int]:
    """Mentions and statements of each current target, its variants' included.

    Example:
        >>> merged_weights({"A B": ActorEvidence(n=2), "B": ActorEvidence(n=1, statements=1)}, {"A B": "A B", "B": "A B"})
        {'A B': 4}
    """
    out: dict[str, int] = {}
    for key, ev in evidence.items():
        out[target[key]] = out.get(target[key], 0) + ev.n + ev.statements
    return out


def _without_initials(name: str) -> str | None:
    """A person's name folded without middle initials and suffixes, or ``None`` when there are none."""
    words = fold_name(name).split()
    kept = [w for i, w in enumerate(words) if not ((_INITIAL.match(w) and 0 < i < len(words) - 1) or w in NAME_SUFFIXES)]
    return " ".join(kept) if len(kept) != len(words) and len(kept) >= 2 else fold_name(name) if len(words) >= 2 else None


ACRONYM = re.compile(r"[A-Z]{2,6}")
"""An organisation's initialism as written ("IMF", "AROS"): two to six capitals."""

_MINOR_WORDS = frozenset({"of", "the", "and", "for", "on", "in", "to", "at", "&"})
"""Words an initialism may leave out ("Alliance to Reclaim Our Schools" -> AROS or ARS)."""


def _initialisms(name: str) -> set[str]:
    """The initialisms a multi-word name may be written as: its words' initials, with and without
    the minor words.

    Example:
        >>> sorted(_initialisms("Alliance to Reclaim Our Schools")), sorted(_initialisms("International Monetary Fund"))
        (['AROS', 'ATROS'], ['IMF'])
    """
    words = [w for w in re.split(r"[\s-]+", name.replace("’s", "").replace("'s", "")) if w[:1].isalpha()]
    if len(words) < 2 or not all(w[:1].isupper() or w.casefold() in _MINOR_WORDS for w in words):
        return set()
    every = "".join(w[0].upper() for w in words)
    major = "".join(w[0].upper() for w in words if w.casefold() not in _MINOR_WORDS)
    return {short for short in (every, major) if len(short) >= 2}


def _transposition_key(name: str) -> str | None:
    """A two-word name's surname and the sorted letters of its given name: names that may differ by
    two swapped letters share it."""
    words = fold_name(name).split()
    if len(words) != 2 or len(words[0]) < TYPO_MIN_LENGTH:
        return None
    return "".join(sorted(words[0])) + " " + words[1]


def _one_transposition(a: str, b: str) -> bool:
    """Whether two names differ by one pair of adjacent letters swapped ("kisrty"/"kirsty").

    Example:
        >>> _one_transposition("Kisrty Williams", "Kirsty Williams"), _one_transposition("Myra Smith", "Mary Smith")
        (True, False)
    """
    x, y = fold_name(a), fold_name(b)
    diff = [i for i in range(len(x)) if x[i] != y[i]] if len(x) == len(y) else []
    return len(diff) == 2 and diff[1] == diff[0] + 1 and x[diff[0]] == y[diff[1]] and x[diff[1]] == y[diff[0]]


TYPO_MIN_LENGTH = 5
"""Given names shorter than this are not corrected: a swap in "Mary" makes "Myra", another name."""


def _merge_groups(key_of, target, evidence, registry, move, rule: str, *, person, same=None) -> None:
    """Merge the current targets that share ``key_of(name)`` into their best form (when ``same``
    is given, only the names for which ``same(name, best)`` holds)."""
    groups: dict[str, set[str]] = {}
    for name in set(target.values()):
        if person is not None and not person.get(name, False):
            continue
        key = key_of(name)
        if key:
            groups.setdefault(key, set()).add(name)
    holders: dict[str, list[str]] = {}  # current target -> the keys that point at it
    for key, now in target.items():
        holders.setdefault(now, []).append(key)
    for names in groups.values():
        if len(names) < 2:
            continue
        best = _best(sorted(names), evidence, registry)
        for name in sorted(names - {best}):
            if same is not None and not same(name, best):
                continue
            for key in holders.get(name, []):
                move(key, best, rule)


def merged_evidence(evidence: Mapping[str, ActorEvidence], merges: Mapping[str, Merge]) -> dict[str, ActorEvidence]:
    """The evidence of each canonical actor: its own and that of the variants merged into it.

    Example:
        >>> merged_evidence({"A B": ActorEvidence(n=2), "B": ActorEvidence(n=1)}, {"B": Merge("A B", "surname")})["A B"].n
        3
    """
    out: dict[str, ActorEvidence] = {}
    for key in sorted(evidence):
        actor = merges[key].actor if key in merges else key
        out.setdefault(actor, ActorEvidence()).add(evidence[key])
    return out


def actor_type(evidence: ActorEvidence, *, registry_type: str | None = None) -> str:
    """The ``actors.type`` the evidence votes for (see the module docstring).

    Example:
        >>> actor_type(ActorEvidence(labels={"GPE": 3}, kinds={"person": 2})), actor_type(ActorEvidence(kinds={"anonymous": 1}))
        ('person', 'role')
    """
    if registry_type:
        return registry_type
    labels = {k: v for k, v in evidence.labels.items() if k and v}
    label = sorted(labels.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if labels else None
    voted = LABEL_TYPES.get(label) if label else None
    kinds = sorted(evidence.kinds.items(), key=lambda kv: (-kv[1], kv[0]))
    spoken = KIND_TYPES.get(kinds[0][0]) if kinds else None
    if voted in ("place", None) and spoken is not None:
        return spoken  # the subject of "said" is never a place
    if voted == "person" or (voted is None and spoken is None and evidence.kinds):
        return "person"
    return voted or spoken or "other"


#: Actor type voted for by each entity label.
LABEL_TYPES = {
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
}
#: Actor type of each speaker kind (``quotes.speaker_kind``) when no entity label says otherwise.
KIND_TYPES = {
    "person": "person",
    "organization": "organization",
    "government": "government",
    "country": "country",
    "media": "media",
    "document": "document",
    "anonymous": "role",
}


__all__ = [
    "ActorEvidence",
    "Merge",
    "actor_type",
    "fold_name",
    "is_person_evidence",
    "merged_evidence",
    "resolve_identities",
]
