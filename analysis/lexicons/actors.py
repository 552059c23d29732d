"""The actor registry: one canonical name per actor, resolved from aliases, metonyms, demonyms
and dated roles.

The default registry is ``analysis/resources/actors.yml`` (its header documents the fields);
pass your own file to :func:`load_registry` to extend or replace it.

    >>> reg = load_registry()
    >>> reg.resolve("Turkey’s President Recep Tayyip Erdogan")
    'Recep Tayyip Erdogan'
    >>> reg.resolve("the Turkish leader", date="2019-06-04")
    'Recep Tayyip Erdogan'
    >>> reg.resolve("Ankara"), reg.resolve("the US administration"), reg.resolve("S400")
    ('Turkey', 'United States', 'S-400')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from analysis.config import RESOURCES_DIR
from analysis.lexicons.titles import GENDERED_HONORIFICS, is_title_word, name_gender, word_key

REGISTRY_FILE = RESOURCES_DIR / "actors.yml"


TITLES = {
    "president",
    "prime",
    "minister",
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "sen",
    "senator",
    "rep",
    "representative",
    "gov",
    "governor",
    "secretary",
    "chancellor",
    "king",
    "queen",
    "pope",
    "general",
    "gen",
    "adm",
    "admiral",
    "judge",
    "justice",
    "mayor",
    "former",
    "acting",
    "vice",
    "deputy",
    "leader",
    "foreign",
    "defense",
    "defence",
    "state",
    "chief",
    "speaker",
    "candidate",
    "nominee",
    "democratic",
    "republican",
    "gop",
    "sheikh",
    "prince",
    "crown",
    "colonel",
    "col",
    "lt",
    "sgt",
    "professor",
    "prof",
}


_POSSESSIVE = re.compile(r"['’]s?$")


_SPACES = re.compile(r"\s+")


_LEADING_THE = re.compile(r"^the ")


_LEADING_THE_ANY_CASE = re.compile(r"^(?:the|The|THE)\s+")


@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """Normalised lookup key: case-folded, curly apostrophes unified, leading "the" and a final
    possessive removed, whitespace collapsed.

    Example:
        >>> name_key("The  Turkish leader’s")
        'turkish leader'
    """
    key = _SPACES.sub(" ", text.replace("’", "'").replace("‘", "'")).strip(' ,;:."“”-—').casefold()
    key = _LEADING_THE.sub("", key)
    key = _POSSESSIVE.sub("", key) if key.endswith(("'s", "'")) else key
    return key.strip()


@lru_cache(maxsize=65536)
def display_name(text: str) -> str:
    """A tidy display form of an unknown actor mention ("the Pentagon's" -> "Pentagon").

    Example:
        >>> display_name("the Turkish Parliament’s")
        'Turkish Parliament'
    """
    name = _SPACES.sub(" ", text).strip(' ,;:."“”-—')
    name = _LEADING_THE_ANY_CASE.sub("", name)
    return _POSSESSIVE.sub("", name).strip()


@dataclass(frozen=True)
class Role:
    title: str
    start: int | None
    end: int | None
    holder: str


@dataclass
class Registry:
    """Lookup tables built from a registry file."""

    actors: dict[str, dict] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    metonyms: dict[str, str] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)
    roles: dict[str, list[Role]] = field(default_factory=dict)

    def role_holder(self, key: str, *, date: str | None = None) -> str | None:
        """Holder of a role phrase at ``date`` (``YYYY-...``); ``None`` when unknown or ambiguous."""
        holders = self.roles.get(key)
        if not holders:
            return None
        if date:
            year = int(date[:4])
            holders = [r for r in holders if (r.start is None or r.start <= year) and (r.end is None or year <= r.end)]
        names = sorted({r.holder for r in holders})
        return names[0] if len(names) == 1 else None

    def resolve(self, text: str, *, date: str | None = None, metonyms: bool = True, demonyms: bool = True) -> str | None:
        """Canonical actor name of a mention, or ``None`` when the registry does not know it.

        Tried in order: the whole mention as alias, role phrase (by date), metonym, demonym; then
        the mention with leading titles, nationality words and possessors removed
        ("US President Donald Trump" -> "Donald Trump").
        """
        key = name_key(text)
        if not key:
            return None
        for candidate, honorific in self._candidates(key):
            if candidate in self.aliases:
                actor = self.aliases[candidate]
                if honorific and name_gender(actor) not in (None, GENDERED_HONORIFICS[honorific]):
                    continue  # "Mr. Clinton" is not Hillary Clinton
                return actor
            holder = self.role_holder(candidate, date=date)
            if holder:
                return holder
            if metonyms and candidate in self.metonyms:
                return self.metonyms[candidate]
            if demonyms and candidate in self.demonyms:
                return self.demonyms[candidate]
        return None

    def resolve_name(self, written: str, fuller: str, *, date: str | None = None) -> str | None:
        """The registry actor of a person's name written short (``written``) whose fullest form in
        the article is ``fuller``: the fuller name's actor, else the short form's when the fuller
        name is a form of it ("Tayyip Erdogan" of Recep Tayyip Erdogan), else ``None`` ("Clinton"
        in an article that names only Bill Clinton is not the registry's Hillary Clinton).

        Example:
            >>> registry = load_registry()
            >>> registry.resolve_name("Clinton", "Bill Clinton"), registry.resolve_name("Erdogan", "Tayyip Erdogan")
            (None, 'Recep Tayyip Erdogan')
        """
        actor = self.resolve(fuller, date=date)
        if actor or fuller == written:
            return actor
        actor = self.resolve(written, date=date)
        if actor is None:
            return None
        names = {name_key(actor)} | {alias for alias, owner in self.aliases.items() if owner == actor}
        words = set(name_key(fuller).split(" "))
        forms = [set(name.split(" ")) for name in names]
        # the fuller name is a form of the actor's ("Tayyip Erdogan"), or holds a full form of it
        # ("Rip Donald Trump", a headline's verb taken into the name); a surname alone is not a full form
        return actor if any(words <= form or (len(form) > 1 and form <= words) for form in forms) else None

    def _candidates(self, key: str) -> list[tuple[str, str | None]]:
        """The key, then shorter forms with the honorific dropped last (``None`` when none): after a
        possessor ("turkey's erdogan" -> "erdogan"), and with leading title words, nationality words
        and known actors dropped one at a time ("us president donald trump" -> "donald trump",
        "nato chief jens stoltenberg" -> "jens stoltenberg"). A given name is never dropped, so
        "bill clinton" does not shorten to "clinton" (Hillary Clinton).
        """
        out: list[tuple[str, str | None]] = [(key, None)]
        if "'s " in key:
            out.append((key.split("'s ", 1)[1], None))
        words = out[-1][0].split(" ")
        while len(words) > 1 and self._modifier(words[0]):
            dropped, words = words[0], words[1:]
            honorific = word_key(dropped)
            out.append((" ".join(words), honorific if honorific in GENDERED_HONORIFICS else None))
        return out

    def _modifier(self, word: str) -> bool:
        """Whether a leading word may be dropped before a name: a title, a nationality or a known actor."""
        return is_title_word(word) or word in self.demonyms or word in self.aliases or word in self.metonyms

    def info(self, name: str) -> dict:
        """Registry entry of a canonical name (empty dict when unknown)."""
        return self.actors.get(name, {})


@lru_cache(maxsize=8)
def load_registry(path: str | Path = REGISTRY_FILE, *, replace: bool = False) -> Registry:
    """Read a registry file (YAML list of actors, see the default file for the fields).

    A file other than the built-in one extends the built-in registry: its entries come first (an
    alias it gives wins), and an entry of the same name replaces the built-in one; ``replace=True``
    uses the file alone.

    Example:
        >>> load_registry().info("Turkey")["type"], load_registry().info("White House")["parent"]
        ('country', 'United States')
    """
    entries = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or []
    if Path(path) != REGISTRY_FILE and not replace:
        own = {entry["name"] for entry in entries}
        builtin = yaml.safe_load(REGISTRY_FILE.read_text(encoding="utf-8")) or []
        entries = [*entries, *(entry for entry in builtin if entry["name"] not in own)]
    reg = Registry()
    for entry in entries:
        name = entry["name"]
        reg.actors[name] = entry
        reg.aliases[name_key(name)] = name
        for alias in entry.get("aliases") or []:
            reg.aliases.setdefault(name_key(str(alias)), name)
        for metonym in entry.get("metonyms") or []:
            reg.metonyms.setdefault(name_key(str(metonym)), name)
        for demonym in entry.get("demonyms") or []:
            reg.demonyms.setdefault(name_key(str(demonym)), name)
        for role in entry.get("roles") or []:
            for phrase in [role["title"], *(role.get("aliases") or [])]:
                reg.roles.setdefault(name_key(str(phrase)), []).append(
                    Role(role["title"], role.get("from"), role.get("to"), name)
                )
    return reg
