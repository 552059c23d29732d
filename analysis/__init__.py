"""News coverage analysis: tidy pandas tables of articles, sentences, entities and more.

    >>> import analysis
    >>> tables = analysis.load_package()          # the seed dataset package in data/
    >>> tables["articles"].loc[0, "dateline"]
    'ISTANBUL, Turkey'
"""
__version__ = "0.1.0"

from .package import load_package, load_table  # noqa: E402
from .reading import read_inputs  # noqa: E402
from .tables import article_tables  # noqa: E402
from .view import show  # noqa: E402
from .zones import split_zones  # noqa: E402

__all__ = ["__version__", "load_package", "load_table", "read_inputs", "article_tables", "show", "split_zones"]
