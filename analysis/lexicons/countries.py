"""Country names (``analysis/resources/countries.txt``): which places the registry does not know are countries.

>>> is_country_name("Venezuela"), is_country_name("the Philippines"), is_country_name("Seattle")
(True, True, False)
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from analysis.config import RESOURCES_DIR
from analysis.lexicons.actors import Registry, name_key

COUNTRIES_FILE = RESOURCES_DIR / "countries.txt"


@lru_cache(maxsize=8)
def load_countries(path: str | Path = COUNTRIES_FILE) -> frozenset[str]:
    """The listed names as lookup keys (:func:`analysis.lexicons.actors.name_key`); ``#`` starts a comment line.

    Example:
        >>> "south korea" in load_countries()
        True
    """
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return frozenset(name_key(line) for line in lines if line.strip() and not line.lstrip().startswith("#"))


def is_country_name(text: str, *, path: str | Path = COUNTRIES_FILE) -> bool:
    """Whether ``text`` names a country of the list (case, a leading "the" and a possessive aside).

    Example:
        >>> is_country_name("Britain’s"), is_country_name("Georgia")
        (True, False)
    """
    return name_key(text) in load_countries(path)


#: Head words of a country's office, ministry or body that is an actor of its own ("Turkey's
#: defense ministry" is not Turkey): it becomes "<country> <office>" with the country as parent.
OFFICE_NOUNS = frozenset(
    {"ministry", "department", "embassy", "presidency", "parliament", "cabinet", "consulate", "military",
     "army", "navy", "forces", "intelligence", "office", "agency", "mission", "delegation", "court"}
)  # fmt: skip


def office_actor(mention: str, *, registry: Registry) -> tuple[str, str] | None:
    """(actor, country) of a country's office named by a mention ("Turkey's Foreign Ministry",
    "the Turkish defense ministry" -> "Turkey Defense Ministry", Turkey), else ``None``.

    Example:
        >>> from analysis.lexicons.actors import load_registry
        >>> office_actor("Turkey’s defense ministry", registry=load_registry()), office_actor("the Turkish Foreign Ministry", registry=load_registry())
        (('Turkey Defense Ministry', 'Turkey'), ('Turkey Foreign Ministry', 'Turkey'))
        >>> office_actor("the ministry", registry=load_registry()) is None
        True
    """
    words = re.sub(r"^(?:the|The)\s+", "", mention.strip(" ,.")).replace("’", "'").split()
    if len(words) < 2 or words[-1].casefold().strip(".,") not in OFFICE_NOUNS:
        return None
    for n in (3, 2, 1):
        if len(words) <= n:
            continue
        head = " ".join(words[:n])
        owner = head[:-2] if head.endswith("'s") else head
        country = registry.resolve(owner, metonyms=False)
        if country is None and is_country_name(owner):
            country = owner
        if country and (registry.info(country).get("type") == "country" or is_country_name(country)):
            rest = [w if w[:1].isupper() else w.capitalize() for w in words[n:]]
            return f"{country} {' '.join(rest)}", country
    return None
