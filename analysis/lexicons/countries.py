"""Country names (``analysis/resources/countries.txt``): which places the registry does not know are countries.

>>> is_country_name("Venezuela"), is_country_name("the Philippines"), is_country_name("Seattle")
(True, True, False)
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from analysis.config import RESOURCES_DIR
from analysis.lexicons.actors import name_key

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
