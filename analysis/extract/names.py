"""Person names apart from what stands around them, and short names mapped to the fullest name of
the same person within one article.

A written mention is split into the name and its title (office, rank, honorific, organisation or
possessor before it, or an apposition after it); the title keeps what was written, so "who held
which office when" stays answerable:

    >>> split_name("Homeland Security Secretary Jeh Johnson")
    NameParts(name='Jeh Johnson', title='Homeland Security Secretary')
    >>> person_names(["Recep Tayyip Erdogan", "Erdogan", "Donald Trump"])["Erdogan"]
    'Recep Tayyip Erdogan'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

from analysis.lexicons.actors import display_name
from analysis.lexicons.titles import NAME_PARTICLES, NAME_SUFFIXES, ORGANISATION_WORDS, is_title_word, name_gender, word_key

#: A name of more words than this is a phrase, not a person's name.
MAX_NAME_WORDS = 5
#: Words that continue an office's name ("Secretary of State"): a name never follows them directly.
_TITLE_LINKS = frozenset({"of", "for", "at", "from", "in", "on", "to", "and"})
_INITIAL = re.compile(r"^[A-Z]\.(?:[A-Z]\.)*$")


class NameParts(NamedTuple):
    """A mention split into a person's ``name`` (``None`` when no name is written) and the ``title``
    around it as written (``None`` when there is none)."""

    name: str | None
    title: str | None


def _name_word(word: str) -> bool:
    """A word that can be part of a person's name: capitalised, not a title, not an organisation word."""
    core = word.strip(',;:()[]"“”')
    return (
        core[:1].isupper()
        and not is_title_word(core)
        and word_key(core) not in ORGANISATION_WORDS
        and not any(ch.isdigit() for ch in core)
        and "/" not in core
        and not core.endswith(("'s", "’s", "s'", "s’"))
    )


def _trailing_name(words: list[str]) -> int:
    """Index where the name at the end of ``words`` starts (``len(words)`` when there is none)."""
    j = len(words)
    while j > 0:
        word = words[j - 1]
        if _name_word(word) or (word_key(word) in NAME_SUFFIXES and j == len(words)):
            j -= 1
        elif word.casefold() in NAME_PARTICLES and j < len(words):
            k = j - 1  # "von der Leyen": particles between two name words
            while k > 0 and words[k - 1].casefold() in NAME_PARTICLES:
                k -= 1
            if k == 0 or not _name_word(words[k - 1]):
                break
            j = k
        else:
            break
    name = words[j:]
    if not any(not _INITIAL.match(w) and word_key(w) not in NAME_SUFFIXES for w in name) or len(name) > MAX_NAME_WORDS:
        return len(words)
    return j


@lru_cache(maxsize=65536)
def split_name(mention: str) -> NameParts:
    """The person's name in a mention and the title around it.

    The name is the run of capitalised words at the end of the mention's first part that holds one
    ("Massachusetts Sen. Elizabeth Warren", "Mr. Trump"); a part after a comma is an apposition
    that joins the title ("Kathryn Wheelbarger, Acting Assistant Secretary of Defense"); a role
    before a comma gives way to the name after it ("the White House spokesman, Josh Earnest");
    of several people joined by "and", the first named.
    A mention whose last words name an organisation ("the State Department") has no name.

    Example:
        >>> split_name("Lt. Gen. Michael Flynn"), split_name("Mr. Trump")
        (NameParts(name='Michael Flynn', title='Lt. Gen.'), NameParts(name='Trump', title='Mr.'))
        >>> split_name("the White House spokesman, Josh Earnest,")
        NameParts(name='Josh Earnest', title='White House spokesman')
        >>> split_name("a senior U.S. official"), split_name("Erdogan spokesman")
        (NameParts(name=None, title='a senior U.S. official'), NameParts(name=None, title='Erdogan spokesman'))
    """
    tidy = display_name(mention)
    first = re.split(r"\s+(?:and|&)\s+", tidy, maxsplit=1)[0]  # "Mr. Grassley and Mr. Leahy": the first named
    if first != tidy and split_name(first).name:
        return split_name(first)
    parts = [part.strip() for part in tidy.split(",") if part.strip()]
    for n, part in enumerate(parts):
        words = part.split()
        j = _trailing_name(words)
        if j == len(words):
            continue
        while j < len(words) - 2 and j and words[j - 1].casefold() in _TITLE_LINKS:
            j += 1  # "Secretary of Veterans Affairs Denis McDonough": the office goes on after "of"
        title_words = words[:j]
        if title_words and title_words[-1].casefold() in _TITLE_LINKS:
            continue  # "Bank of England": no name in it
        rest = [" ".join(title_words)] if title_words else []
        rest = [*parts[:n], *rest, *parts[n + 1 :]]
        title = ", ".join(r for r in rest if r) or None
        return NameParts(" ".join(words[j:]).strip(" ,;:"), _tidy_title(title))
    return NameParts(None, _tidy_title(tidy) if tidy else None)


def _tidy_title(title: str | None) -> str | None:
    """A title without a leading "the" and surrounding punctuation."""
    if title is None:
        return None
    title = re.sub(r"^(?:the|The)\s+", "", title.strip(" ,;:-—"))
    return title or None


def person_names(names: Iterable[str]) -> dict[str, str]:
    """Map each person mention to the fullest name of the same person (same surname), titles apart;
    a short form that two full names end in ("Clinton" with "Bill Clinton" and "Hillary Clinton")
    stays as it is.

    Example:
        >>> person_names(["Kathryn Wheelbarger", "Wheelbarger", "Ms. Wheelbarger"])["Ms. Wheelbarger"]
        'Kathryn Wheelbarger'
    """
    cleaned = {n: split_name(n).name or display_name(n) or n for n in names}
    out: dict[str, str] = {}
    cores = sorted(set(cleaned.values()), key=lambda c: (-len(c.split()), c))
    for mention, core in cleaned.items():
        words = core.split()
        longer = [o for o in cores if len(o.split()) > len(words) and words and o.split()[-len(words) :] == words]
        fullest = [o for o in longer if not any(o != p and p.split()[-len(o.split()) :] == o.split() for p in longer)]
        if len(fullest) > 1:  # "Mrs. Clinton" with Bill and Hillary Clinton: the honorific decides
            gender = name_gender(core, title=split_name(mention).title)
            fullest = [o for o in fullest if gender and name_gender(o) == gender] if gender else fullest
        out[mention] = fullest[0] if len(fullest) == 1 else core  # two people of one surname: it stays apart
    return out


def looks_like_name(mention: str) -> bool:
    """Whether a mention is a person's full name, titles apart (two to four capitalised words).

    Example:
        >>> looks_like_name("Sen. Elizabeth Warren"), looks_like_name("Warren"), looks_like_name("the Turkish leader's")
        (True, False, False)
    """
    if "’s" in mention or "'s" in mention:
        return False
    name = split_name(mention).name
    return name is not None and 2 <= len(name.split()) <= 4
