"""Title words (``analysis/resources/titles.txt``): the offices, ranks and honorifics that stand
before a person's name, one list for every rule that separates a name from its title.

>>> is_title_word("Sen."), is_title_word("President-elect"), is_title_word("Warren")
(True, True, False)
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from analysis.config import RESOURCES_DIR

TITLES_FILE = RESOURCES_DIR / "titles.txt"

#: Words that end a person's name without being a title ("Jr.", "III").
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
#: Lower-case words inside a name ("Ursula von der Leyen", "Bill de Blasio").
NAME_PARTICLES = frozenset(
    {"de", "da", "di", "du", "del", "der", "den", "van", "von", "la", "le", "bin", "ibn", "al", "el", "dos"}
)
#: Words that make a capitalised phrase an organisation or a place, not a person ("State Department").
ORGANISATION_WORDS = frozenset(
    {
        "department", "ministry", "committee", "commission", "council", "court", "party", "office", "house",
        "agency", "administration", "government", "campaign", "foundation", "institute", "association",
        "university", "college", "group", "news", "times", "post", "press", "journal", "network", "bureau",
        "union", "corporation", "corp", "inc", "company", "bank", "fund", "board", "service", "center",
        "centre", "forces", "army", "navy", "police", "parliament", "senate", "congress", "assembly", "pac",
        # the portfolio of an office ("Homeland Security Secretary", "Minister of Foreign Affairs")
        "affairs", "defense", "defence", "state", "security", "homeland", "treasury", "interior", "health",
        "education", "energy", "commerce", "labor", "agriculture", "transportation", "finance", "foreign",
        "economy", "trade", "intelligence", "armed", "services", "judiciary", "national", "international",
    }
)  # fmt: skip


@lru_cache(maxsize=4)
def load_titles(path: str | Path = TITLES_FILE) -> frozenset[str]:
    """The listed title words (lower case, no final full stop); ``#`` starts a comment line.

    Example:
        >>> {"secretary", "sen", "mr"} <= load_titles()
        True
    """
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#"))


def word_key(word: str) -> str:
    """A word as the title list writes it: lower case, without surrounding punctuation or a final full stop.

    Example:
        >>> word_key("Gen.,"), word_key("(Rep.")
        ('gen', 'rep')
    """
    return word.strip(" ,;:()[]\"“”'’").rstrip(".").casefold()


def is_title_word(word: str) -> bool:
    """Whether a written word is a title word (a hyphenated word when one of its parts is).

    Example:
        >>> is_title_word("Secretary-Treasurer"), is_title_word("Lopez-Cantera")
        (True, False)
    """
    key = word_key(word)
    titles = load_titles()
    return key in titles or ("-" in key and any(part in titles for part in key.split("-")))


FIRST_NAMES_FILE = RESOURCES_DIR / "first_names.csv"
#: Honorifics that say a person's gender ("Mr. Trump", "Ms. Sherry").
GENDERED_HONORIFICS = {"mr": "male", "sir": "male", "lord": "male", "mrs": "female", "ms": "female", "miss": "female", "dame": "female", "lady": "female"}  # fmt: skip


@lru_cache(maxsize=4)
def load_first_names(path: str | Path = FIRST_NAMES_FILE) -> dict[str, str]:
    """Given name (lower case) -> ``male`` or ``female``; ``#`` starts a comment line.

    Example:
        >>> load_first_names()["kathryn"], load_first_names()["donald"]
        ('female', 'male')
    """
    lines = [line for line in Path(path).read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return {name.casefold(): gender for name, gender in (line.split(",") for line in lines[1:])}


def name_gender(name: str, *, title: str | None = None) -> str | None:
    """``male``, ``female`` or ``None``: from a gendered honorific in the title, else the given name.

    Example:
        >>> name_gender("Kathryn Wheelbarger"), name_gender("Sherry", title="Ms."), name_gender("Wheelbarger")
        ('female', 'female', None)
    """
    for word in (title or "").split():
        if word_key(word) in GENDERED_HONORIFICS:
            return GENDERED_HONORIFICS[word_key(word)]
    words = name.split()
    return load_first_names().get(word_key(words[0])) if len(words) > 1 else None
