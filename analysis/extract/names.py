"""Person names within one article: titles stripped, short names mapped to the fullest name of the same person.

>>> person_names(["Recep Tayyip Erdogan", "Erdogan", "Donald Trump"])["Erdogan"]
'Recep Tayyip Erdogan'
"""

from __future__ import annotations

import re
from collections.abc import Iterable

#: Titles, offices and nationality words that precede a name ("US President Donald Trump").
TITLE_WORDS = re.compile(
    r"^(?:(?:US|U\.S\.|American|Turkish|Russian|Turkey['’]s|Russia['’]s|former|then|acting|deputy|vice|"
    r"President|Prime Minister|Minister|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Sen\.?|Senator|Rep\.?|Gov\.?|Governor|"
    r"Secretary(?: of State)?|Chancellor|General|Gen\.?|Judge|Mayor)\s+)+"
)


def person_names(names: Iterable[str]) -> dict[str, str]:
    """Map each person mention to the fullest mention of the same person (same surname).

    Example:
        >>> person_names(["Kathryn Wheelbarger", "Wheelbarger", "Ms. Wheelbarger"])["Ms. Wheelbarger"]
        'Kathryn Wheelbarger'
    """
    cleaned = {n: TITLE_WORDS.sub("", re.sub(r"['’]s?$", "", n.strip())).strip() or n for n in names}
    out: dict[str, str] = {}
    for mention, core in cleaned.items():
        words = core.split()
        best = core
        for other in cleaned.values():
            o_words = other.split()
            if len(o_words) > len(best.split()) and words and o_words[-len(words) :] == words:
                best = other
        out[mention] = best
    return out


def _looks_like_name(mention: str) -> bool:
    words = TITLE_WORDS.sub("", mention).split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words) and "’s" not in mention and "'s" not in mention
