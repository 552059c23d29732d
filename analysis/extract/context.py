"""One parsed article and everything its extractors share, made once.

:class:`ArticleContext` holds the article as read, its layout, the parsed Doc, the registry, the
publication date, the sentence rows with their index, and the entity rows with their actors.
Every extractor of :mod:`analysis.extract` reads a context and returns its own rows; none changes
another's rows.

    >>> from analysis.io.records import RawArticle
    >>> ctx = ArticleContext.of(RawArticle("a", "a.txt", "Head\\n\\nErdogan met Trump in Ankara."))
    >>> [(e["text"], e["actor"]) for e in ctx.entities]
    [('Erdogan', 'Recep Tayyip Erdogan'), ('Trump', 'Donald Trump'), ('Ankara', 'Turkey')]
    >>> ctx.index.containing(ctx.text.index("Trump"))["zone"]
    'body'
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from analysis.extract.article import article_date, entity_rows, sentence_rows
from analysis.extract.linking import EntityLink, link_entities, registry_matches
from analysis.extract.resolve import Antecedent, antecedents
from analysis.io.records import RawArticle
from analysis.io.schema import Row
from analysis.lexicons.actors import Registry, load_registry
from analysis.nlp.pipeline import load_pipeline, parse
from analysis.text.spans import SentenceIndex
from analysis.text.zones import Layout, split_zones


@dataclass(frozen=True)
class ArticleContext:
    """What every extractor of one article reads (see the module docstring).

    Attributes:
        raw: The article as read (id, source, text, metadata).
        layout: Its zones (:func:`analysis.text.zones.split_zones`).
        doc: The one spaCy pass over it (offsets index ``raw.text``).
        registry: The actor registry its mentions and speakers resolve with.
        date: Publication date (``YYYY-MM-DD``) for dated roles, or ``None``.
        sentences: Rows of the ``sentences`` table.
        index: The sentences found by character offset.
        entities: Rows of the ``entities`` table, ``actor`` filled.
        links: How each entity that names an actor is linked (:class:`analysis.extract.linking.EntityLink`).
        phrases: Registry phrases of the text as (start, end, actor).
        antecedents: Agent mentions later phrases can refer back to (:mod:`analysis.extract.resolve`).
    """

    raw: RawArticle
    layout: Layout
    doc: Doc
    registry: Registry
    date: str | None
    sentences: list[Row]
    index: SentenceIndex
    entities: list[Row]
    links: list[EntityLink]
    phrases: list[tuple[int, int, str]]
    antecedents: list[Antecedent]

    @property
    def article_id(self) -> str:
        return self.raw.article_id

    @property
    def text(self) -> str:
        return self.raw.text

    @classmethod
    def build(cls, raw: RawArticle, layout: Layout, doc: Doc, *, registry: Registry | None = None) -> ArticleContext:
        """The context of an article whose layout and Doc are made (as a build makes them in batches).

        Example:
            >>> from analysis.io.records import RawArticle
            >>> raw = RawArticle("a", "a.txt", "Head\\n\\nThe minister said it was over.")
            >>> layout = split_zones(raw.text)
            >>> ArticleContext.build(raw, layout, parse(raw.text, layout, nlp=load_pipeline())).sentences[1]["text"]
            'The minister said it was over.'
        """
        registry = registry or load_registry()
        date = article_date(raw, layout)
        sentences = sentence_rows(doc, layout, article_id=raw.article_id, text=raw.text)
        index = SentenceIndex(sentences)
        entities = entity_rows(doc, index, article_id=raw.article_id, text=raw.text)
        phrases = registry_matches(raw.text, registry=registry, date=date)
        links = link_entities(doc, entities, registry=registry, date=date, phrases=phrases)
        for link in links:  # the context's own rows, made here: the entity table's actor column
            link.entity["actor"] = link.actor
        mentions = antecedents(doc, links, index, registry=registry)
        return cls(raw, layout, doc, registry, date, sentences, index, entities, links, phrases, mentions)

    @classmethod
    def of(cls, raw: RawArticle, *, nlp: Language | None = None, registry: Registry | None = None) -> ArticleContext:
        """Zones, one spaCy pass and the context of a single article.

        Example:
            >>> from analysis.io.records import RawArticle
            >>> ArticleContext.of(RawArticle("a", "a.txt", "Head\\n\\nTurkey said no.")).date is None
            True
        """
        layout = split_zones(raw.text, title=raw.meta.get("title"))
        return cls.build(raw, layout, parse(raw.text, layout, nlp=nlp or load_pipeline()), registry=registry)
