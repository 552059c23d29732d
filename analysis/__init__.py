"""News coverage analysis: tidy pandas tables of articles, sentences, entities and more.

>>> import analysis
>>> tables = analysis.load_package()          # the seed dataset package in data/
>>> tables["articles"].loc[0, "dateline"]
'ISTANBUL, Turkey'

The names below are imported when first used, so that ``import analysis`` (and the command line's
``--help``) does not load spaCy, pandas and matplotlib until a function needs them.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from analysis.config import __version__

#: Public name -> the module that defines it.
_PUBLIC = {
    "load_package": "analysis.io.package",
    "load_table": "analysis.io.package",
    "read_inputs": "analysis.io.reading",
    "article_tables": "analysis.extract.tables",
    "show": "analysis.display.article",
    "split_zones": "analysis.text.zones",
}

__all__ = ["__version__", *_PUBLIC]


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        value = getattr(import_module(_PUBLIC[name]), name)
        globals()[name] = value
        return value
    try:
        return import_module(f"analysis.{name}")  # a subpackage: analysis.io, analysis.extract, ...
    except ModuleNotFoundError as exc:
        if exc.name != f"analysis.{name}":
            raise
        raise AttributeError(f"module 'analysis' has no attribute {name!r}") from None


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_PUBLIC))
