"""News coverage analysis: tidy pandas tables of articles, sentences, entities and more.

>>> import analysis
>>> tables = analysis.load_package()          # the seed dataset package in data/
>>> tables["articles"].loc[0, "dateline"]
'ISTANBUL, Turkey'
"""

from analysis.config import __version__
from analysis.display.article import show
from analysis.extract.tables import article_tables
from analysis.io.package import load_package, load_table
from analysis.io.reading import read_inputs
from analysis.text.zones import split_zones

__all__ = ["__version__", "load_package", "load_table", "read_inputs", "article_tables", "show", "split_zones"]
