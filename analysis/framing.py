"""How the story is told: issue frames, loaded words and reporting styles, as tidy tables.

Issue frames follow the 15 frames of the Policy Frames Codebook (Boydstun et al. 2014), the coding
scheme of the Media Frames Corpus. A documented lexicon (``analysis/resources/frames.yml``) lists
lemma cues and multi-word lemma patterns per frame; they are matched with spaCy's ``PhraseMatcher``
on lowercased lemmas (and, as a fallback, lowercased words), built once per vocabulary and lexicon.

- :func:`frame_rows`: rows of the ``frames`` table, one per sentence x frame hit, with a score.
- :func:`frame_profile`: frame profiles per article (or any grouping), headline and lead weighted.
- :func:`primary_frame`: the top frame of a single sentence (``other`` when nothing matches).
- :func:`evaluative_rows`: loaded words (``analysis/resources/evaluative.csv``) flagged per sentence.
- :func:`reporting_styles`: statements per reporting-verb class, per speaker (from ``quotes``).

    >>> primary_frame("NATO allies threatened sanctions over the deal.")
    'external_regulation_reputation'
    >>> primary_frame("The weather was lovely.")
    'other'
"""
from __future__ import annotations

import csv
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Iterable, Mapping, Sequence

import pandas as pd
import yaml
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from .arrays import attribute, memo, positions
from .config import RESOURCES_DIR
from .cues import CUES_FILE, load_cues
from .schema import TABLES, Table, conform

FRAMES_FILE = RESOURCES_DIR / "frames.yml"
EVALUATIVE_FILE = RESOURCES_DIR / "evaluative.csv"

#: Weight of headline and dek sentences in :func:`frame_profile`: the display copy is what most
#: readers see and the strongest framing device of a news story.
HEADLINE_WEIGHT = 3.0
#: Weight of the lead (the first ``LEAD_SENTENCES`` body sentences), which sets the angle of the story.
LEAD_WEIGHT = 2.0
#: Number of body sentences that make the lead.
LEAD_SENTENCES = 3
#: Label of the fallback frame, answered by :func:`primary_frame` when no cue matches.
OTHER = "other"

Row = dict[str, Any]


# --- the lexicon --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Frame:
    """One frame of a lexicon: id, label, description and its terms with their weights."""

    id: str
    label: str
    description: str
    terms: tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class Lexicon:
    """A frame lexicon: frames in order (the order breaks ties), read by :func:`load_lexicon`."""

    frames: tuple[Frame, ...]
    source: str = ""

    @property
    def ids(self) -> tuple[str, ...]:
        """Frame ids in lexicon order."""
        return tuple(f.id for f in self.frames)

    @property
    def labels(self) -> dict[str, str]:
        """Frame id -> label."""
        return {f.id: f.label for f in self.frames}

    @cached_property
    def term_frames(self) -> Mapping[str, tuple[tuple[str, float], ...]]:
        """Term -> ((frame id, weight), ...) for every term of every frame (made once per lexicon)."""
        out: dict[str, list[tuple[str, float]]] = {}
        for frame in self.frames:
            for term, weight in frame.terms:
                out.setdefault(term, []).append((frame.id, weight))
        return MappingProxyType({term: tuple(hits) for term, hits in out.items()})


def _normalize_term(term: object) -> str:
    return " ".join(str(term).lower().split())


@lru_cache(maxsize=8)
def load_lexicon(path: str | Path = FRAMES_FILE) -> Lexicon:
    """Read a frame lexicon (YAML, see the header of the default file for the format).

    Args:
        path: The YAML file; default ``analysis/resources/frames.yml``.

    Returns:
        The :class:`Lexicon`, frames in file order.

    Raises:
        ValueError: A frame id is repeated, or a weight names a term the frame does not list.

    Example:
        >>> lexicon = load_lexicon()
        >>> len(lexicon.ids), lexicon.ids[0], lexicon.ids[-1]
        (15, 'economic', 'other')
        >>> dict(lexicon.term_frames["missile defense system"])
        {'security_defense': 2.0}
    """
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    defaults = data.get("defaults") or {}
    cue_weight = float(defaults.get("cue_weight", 1.0))
    pattern_weight = float(defaults.get("pattern_weight", 2.0))
    frames: list[Frame] = []
    for entry in data.get("frames") or []:
        frame_id = str(entry["id"])
        if frame_id in {f.id for f in frames}:
            raise ValueError(f"{path}: frame {frame_id!r} is listed twice")
        weights = {_normalize_term(k): float(v) for k, v in (entry.get("weights") or {}).items()}
        terms: dict[str, float] = {}
        for term in entry.get("cues") or []:
            terms.setdefault(_normalize_term(term), cue_weight)
        for term in entry.get("patterns") or []:
            terms.setdefault(_normalize_term(term), pattern_weight)
        unknown = sorted(set(weights) - set(terms))
        if unknown:
            raise ValueError(f"{path}: frame {frame_id!r} gives weights to terms it does not list: {', '.join(unknown)}")
        terms.update(weights)
        frames.append(Frame(frame_id, str(entry.get("label") or frame_id), str(entry.get("description") or ""), tuple(terms.items())))
    return Lexicon(tuple(frames), str(path))


def _lexicon(lexicon: Lexicon | str | Path | None) -> Lexicon:
    if lexicon is None:
        return load_lexicon()
    if isinstance(lexicon, Lexicon):
        return lexicon
    return load_lexicon(str(lexicon))


# --- matching -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TermMatch:
    """A lexicon term found in a Doc: token range, character range and the term."""

    start: int
    end: int
    start_char: int
    end_char: int
    term: str


@lru_cache(maxsize=1)
def _tokenizer():
    import spacy

    return spacy.blank("en").tokenizer


@lru_cache(maxsize=4096)
def _term_tokens(term: str) -> tuple[str, ...]:
    """A term split the way the English tokenizer splits text ("pro-life" -> pro, -, life)."""
    return tuple(t.text.lower() for t in _tokenizer()(term) if not t.is_space)


_MATCHERS: dict[tuple[int, tuple[str, ...]], tuple[Vocab, PhraseMatcher, PhraseMatcher]] = {}


def _matchers(vocab: Vocab, terms: tuple[str, ...]) -> tuple[PhraseMatcher, PhraseMatcher]:
    """PhraseMatchers on LEMMA (run on a lowercased-lemma copy of the Doc) and on LOWER, cached."""
    key = (id(vocab), terms)
    cached = _MATCHERS.get(key)
    if cached is not None and cached[0] is vocab:
        return cached[1], cached[2]
    by_lemma = PhraseMatcher(vocab, attr="LEMMA")
    by_lower = PhraseMatcher(vocab, attr="LOWER")
    for term in terms:
        words = list(_term_tokens(term))
        if not words:
            continue
        by_lemma.add(term, [Doc(vocab, words=words, lemmas=words)])
        by_lower.add(term, [Doc(vocab, words=words)])
    if len(_MATCHERS) > 32:
        _MATCHERS.clear()
    _MATCHERS[key] = (vocab, by_lemma, by_lower)
    return by_lemma, by_lower


@lru_cache(maxsize=32)
def _normalized_terms(terms: tuple) -> tuple[str, ...]:
    return tuple(dict.fromkeys(_normalize_term(t) for t in terms))


def _lemma_doc(doc: Doc) -> Doc:
    """A copy of ``doc`` (same tokens) whose lemmas are the lowercased lemmas (or words); made once
    per Doc and kept in its cache for the frame and evaluative lexicons alike."""

    def copy() -> Doc:
        strings = doc.vocab.strings
        words = [strings[h] for h in attribute(doc, "ORTH").tolist()]
        lemma_ids = attribute(doc, "LEMMA").tolist()
        lowered = {h: strings[h].lower() for h in set(lemma_ids)}  # hash 0, no lemma: ""
        lemmas = [lowered[h] or word.lower() for word, h in zip(words, lemma_ids)]
        spaces = attribute(doc, "SPACY").astype(bool).tolist()
        return Doc(doc.vocab, words=words, spaces=spaces, lemmas=lemmas)

    return memo(doc, "lemma_doc", copy)


def term_matches(doclike: Doc | Span, terms: Iterable[str]) -> list[TermMatch]:
    """Where ``terms`` occur in a parsed text, longest match first where matches overlap.

    Each term is matched on lowercased lemmas and on lowercased words; of overlapping matches the
    longest is kept (then the earliest, then the first term in ``terms``), so that
    "missile defense system" is one match, not also "defense".

    Args:
        doclike: A parsed ``Doc`` or a ``Span`` of one.
        terms: Lowercase lemma terms; multi-word terms separated by spaces.

    Returns:
        The matches in text order.

    Example:
        >>> from analysis.nlp import load_pipeline
        >>> doc = load_pipeline()("The allies bought a missile defense system.")
        >>> [(m.term, doc.text[m.start_char:m.end_char]) for m in term_matches(doc, ["ally", "defense", "missile defense system"])]
        [('ally', 'allies'), ('missile defense system', 'missile defense system')]
    """
    terms = _normalized_terms(tuple(terms))
    doc = doclike.doc if isinstance(doclike, Span) else doclike
    lo, hi = (doclike.start, doclike.end) if isinstance(doclike, Span) else (0, len(doc))
    if not terms or hi <= lo:
        return []
    by_lemma, by_lower = _matchers(doc.vocab, terms)
    order = {term: i for i, term in enumerate(terms)}
    strings = doc.vocab.strings
    found: set[tuple[int, int, str]] = set()
    for matcher, target in ((by_lemma, _lemma_doc(doc)), (by_lower, doc)):
        for match_id, start, end in matcher(target):
            if lo <= start and end <= hi:
                found.add((start, end, strings[match_id]))
    ranked = sorted(found, key=lambda m: (-(m[1] - m[0]), m[0], order.get(m[2], len(order))))
    taken = [False] * len(doc)
    kept: list[tuple[int, int, str]] = []
    for start, end, term in ranked:
        if any(taken[start:end]):
            continue
        taken[start:end] = [True] * (end - start)
        kept.append((start, end, term))
    kept.sort()
    return [TermMatch(s, e, doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text), t) for s, e, t in kept]


@dataclass(frozen=True)
class FrameMatch:
    """A frame cue found in a text: the term, its frame and weight, and where it is."""

    frame: str
    term: str
    weight: float
    start_char: int
    end_char: int


_TITLE_DEPS = ("compound", "nmod", "appos")
_CLAUSE_DEPS = ("relcl", "acl", "advcl", "ccomp")


def _described(token) -> bool:
    """An appositive with a determiner ("a Muslim", "the former governor"): a description, not a title."""
    return token.dep_ == "appos" and any(c.dep_ in ("det", "poss") for c in token.children)


def title_tokens(doclike: Doc | Span) -> set[int]:
    """Indices of the tokens that form a named person's title or appositive description.

    A title is a modifier (``compound``, ``nmod``) or a bare appositive (one without a determiner) of a
    ``PERSON`` entity token that is not part of the name itself, with what it governs, except clauses:
    "Sheriff Joe Arpaio", "Kathryn Wheelbarger, Acting Assistant Secretary of Defense, ...". Frame cues
    inside titles are not counted: a title says who acts or speaks, not what the sentence is about.
    Appositives with a determiner describe the person ("Khan, a Muslim, ...") and are kept.

    Example:
        >>> from analysis.nlp import load_pipeline
        >>> doc = load_pipeline()("Defense Secretary Ash Carter praised the deal.")
        >>> [doc[i].text for i in sorted(title_tokens(doc))]
        ['Defense', 'Secretary']
    """
    doc = doclike.doc if isinstance(doclike, Span) else doclike
    lo, hi = (doclike.start, doclike.end) if isinstance(doclike, Span) else (0, len(doc))
    out: set[int] = set()
    for i in positions(doc, "ENT_TYPE", "PERSON"):
        if not lo <= i < hi:
            continue
        for child in doc[i].children:
            if child.dep_ in _TITLE_DEPS and child.ent_type_ != "PERSON" and not _described(child):
                stack = [child]
                while stack:
                    node = stack.pop()
                    out.add(node.i)
                    stack.extend(c for c in node.children if c.dep_ not in _CLAUSE_DEPS)
    return out


def frame_matches(doclike: Doc | Span, *, lexicon: Lexicon | str | Path | None = None) -> list[FrameMatch]:
    """Every frame cue of ``doclike``, in text order (a term listed under two frames gives two).

    Cues inside a named person's title are skipped (see :func:`title_tokens`).

    Args:
        doclike: A parsed ``Doc`` or ``Span``.
        lexicon: A :class:`Lexicon` or the path of a lexicon file; default the built-in one.

    Returns:
        :class:`FrameMatch` objects in text order, frames in lexicon order at the same place.

    Example:
        >>> from analysis.nlp import load_pipeline
        >>> doc = load_pipeline()("Polls show voters fear the war.")
        >>> [(m.frame, m.term) for m in frame_matches(doc)]
        [('public_opinion', 'poll'), ('political', 'voter'), ('security_defense', 'war')]
    """
    lex = _lexicon(lexicon)
    term_frames = lex.term_frames
    titles = title_tokens(doclike)
    out: list[FrameMatch] = []
    for match in term_matches(doclike, term_frames):
        if all(i in titles for i in range(match.start, match.end)):
            continue
        for frame_id, weight in term_frames[match.term]:
            out.append(FrameMatch(frame_id, match.term, weight, match.start_char, match.end_char))
    return out


def frame_scores(doclike: Doc | Span, *, lexicon: Lexicon | str | Path | None = None) -> dict[str, float]:
    """Score of every frame in ``doclike``: the sum of the weights of its matched terms.

    Args:
        doclike: A parsed ``Doc`` or ``Span``.
        lexicon: A :class:`Lexicon` or a lexicon path; default the built-in one.

    Returns:
        Frame id -> score (rounded to 4 decimals) for the frames with a match, in lexicon order.

    Example:
        >>> from analysis.nlp import load_pipeline
        >>> frame_scores(load_pipeline()("The Pentagon warned of sanctions against its NATO ally."))
        {'security_defense': 1.0, 'external_regulation_reputation': 3.0}
    """
    lex = _lexicon(lexicon)
    totals: dict[str, float] = {}
    for match in frame_matches(doclike, lexicon=lex):
        totals[match.frame] = totals.get(match.frame, 0.0) + match.weight
    return {f: round(totals[f], 4) for f in lex.ids if f in totals}


def primary_frame(
    text_or_doc: str | Doc | Span,
    *,
    nlp: Language | None = None,
    lexicon: Lexicon | str | Path | None = None,
) -> str:
    """The top-scoring frame of a single sentence (or any short text).

    Ties go to the frame listed first in the lexicon; a text without any cue gets ``other``.

    Args:
        text_or_doc: A string (parsed with ``nlp``), a parsed ``Doc`` or a ``Span``.
        nlp: Pipeline for strings; default :func:`analysis.nlp.load_pipeline`.
        lexicon: A :class:`Lexicon` or a lexicon path; default the built-in one.

    Returns:
        A frame id.

    Example:
        >>> primary_frame("The Supreme Court struck down the law as unconstitutional.")
        'legality_constitutionality'
        >>> primary_frame("Unemployment fell as the economy added jobs.")
        'economic'
    """
    if isinstance(text_or_doc, str):
        if nlp is None:
            from .nlp import load_pipeline

            nlp = load_pipeline()
        text_or_doc = nlp(text_or_doc)
    scores = frame_scores(text_or_doc, lexicon=lexicon)
    if not scores:
        return OTHER
    best = max(scores.values())
    return next(frame for frame, score in scores.items() if score == best)


# --- table rows ---------------------------------------------------------------------------------


def _records(sentences: Sequence[Mapping[str, Any]] | pd.DataFrame) -> list[Mapping[str, Any]]:
    rows = sentences.to_dict("records") if isinstance(sentences, pd.DataFrame) else list(sentences)
    return sorted(rows, key=lambda r: int(r["start_char"]))


def _sentence_at(rows: list[Mapping[str, Any]], starts: list[int], start: int, end: int) -> Mapping[str, Any] | None:
    """The sentence row holding the character range [start, end), or ``None``."""
    index = bisect_right(starts, start) - 1
    if index < 0:
        return None
    row = rows[index]
    return row if start >= int(row["start_char"]) and end <= int(row["end_char"]) else None


def _slice(row: Mapping[str, Any], start: int, end: int) -> str:
    """Article text [start:end) taken from the sentence row that holds it."""
    offset = int(row["start_char"])
    return str(row["text"])[start - offset : end - offset]


def frame_rows(
    doc: Doc,
    sentences: Sequence[Mapping[str, Any]] | pd.DataFrame,
    *,
    lexicon: Lexicon | str | Path | None = None,
) -> list[Row]:
    """Rows of the ``frames`` table for one article: one per sentence x frame with a cue.

    Matches are mapped to sentences by character offset (a match crossing a sentence boundary is
    not counted). ``score`` is the sum of the weights of the matched terms, rounded to 4 decimals;
    ``terms`` lists the matched lexicon terms (lemmas) in text order, joined by ``"; "``.

    Args:
        doc: The article parsed once (offsets index the article text).
        sentences: The article's ``sentences`` rows (dicts or a DataFrame): article_id, sentence_id,
            zone, start_char, end_char.
        lexicon: A :class:`Lexicon` or a lexicon path; default the built-in one.

    Returns:
        Row dicts (article_id, sentence_id, zone, frame, score, n_terms, terms), by sentence, then
        frame in lexicon order.

    Example:
        >>> from analysis.nlp import load_pipeline
        >>> doc = load_pipeline()("NATO allies met. Polls show voters fear war.")
        >>> sents = [{"article_id": "a", "sentence_id": i, "zone": "body", "start_char": s.start_char,
        ...           "end_char": s.end_char, "text": s.text} for i, s in enumerate(doc.sents)]
        >>> [(r["sentence_id"], r["frame"], r["score"], r["terms"]) for r in frame_rows(doc, sents)]
        [(0, 'external_regulation_reputation', 2.0, 'nato; ally'), (1, 'security_defense', 1.0, 'war'), (1, 'public_opinion', 2.0, 'poll'), (1, 'political', 1.0, 'voter')]
    """
    lex = _lexicon(lexicon)
    rows = _records(sentences)
    starts = [int(r["start_char"]) for r in rows]
    order = {f: i for i, f in enumerate(lex.ids)}
    hits: dict[tuple[int, str], list[FrameMatch]] = {}
    for match in frame_matches(doc, lexicon=lex):
        row = _sentence_at(rows, starts, match.start_char, match.end_char)
        if row is not None:
            hits.setdefault((int(row["sentence_id"]), match.frame), []).append(match)
    by_id = {int(r["sentence_id"]): r for r in rows}
    out: list[Row] = []
    for (sentence_id, frame), matches in sorted(hits.items(), key=lambda kv: (kv[0][0], order[kv[0][1]])):
        row = by_id[sentence_id]
        score = 0.0
        for m in matches:
            score += m.weight
        out.append(
            {
                "article_id": row["article_id"],
                "sentence_id": sentence_id,
                "zone": row.get("zone"),
                "frame": frame,
                "score": round(score, 4),
                "n_terms": len(matches),
                "terms": "; ".join(m.term for m in matches),
            }
        )
    return out


# --- profiles -----------------------------------------------------------------------------------


def sentence_part(sentences: pd.DataFrame, *, lead_sentences: int = LEAD_SENTENCES) -> pd.Series:
    """Which part of its article each sentence is in: ``headline``, ``lead`` or ``rest``.

    ``headline`` covers the headline and dek zones (the display copy); ``lead`` the first
    ``lead_sentences`` body sentences of the article (in ``sentence_id`` order); ``rest`` every other
    sentence, captions and byline included.

    Args:
        sentences: The ``sentences`` table (article_id, sentence_id, zone).
        lead_sentences: Body sentences that make the lead.

    Returns:
        A ``string`` Series aligned with ``sentences``.

    Example:
        >>> s = pd.DataFrame({"article_id": ["a"] * 5, "sentence_id": range(5),
        ...                   "zone": ["headline", "dek", "body", "body", "caption"]})
        >>> sentence_part(s, lead_sentences=1).tolist()
        ['headline', 'headline', 'lead', 'rest', 'rest']
    """
    zone = sentences["zone"].astype("string")
    body = zone == "body"
    order = sentences.loc[body].sort_values(["article_id", "sentence_id"], kind="stable")
    rank = order.groupby("article_id", sort=False).cumcount()
    lead_index = rank.index[rank < lead_sentences]
    part = pd.Series("rest", index=sentences.index, dtype="string")
    part[zone.isin(["headline", "dek"]).fillna(False)] = "headline"
    part[part.index.isin(lead_index)] = "lead"
    return part


def frame_profile(
    frames: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    by: str | Sequence[str] | None = "article_id",
    headline_weight: float = HEADLINE_WEIGHT,
    lead_weight: float = LEAD_WEIGHT,
    lead_sentences: int = LEAD_SENTENCES,
    lexicon: Lexicon | str | Path | None = None,
) -> pd.DataFrame:
    """Frame profiles: how strongly each frame is present, with headline and lead weighted.

    A frame's score is split by where its cues stand (see :func:`sentence_part`): ``score_headline``
    (headline and dek), ``score_lead`` (the first ``lead_sentences`` body sentences) and ``score_rest``.
    The weighted ``score`` is ``headline_weight * score_headline + lead_weight * score_lead +
    score_rest`` (defaults 3, 2 and 1: readers meet the display copy first, and the lead sets the
    story's angle); ``share`` is the frame's part of the group's weighted score.

    Args:
        frames: The ``frames`` table (article_id, sentence_id, frame, score).
        sentences: The ``sentences`` table (article_id, sentence_id, zone; other columns can be used in ``by``).
        by: Column(s) to profile by (of ``frames`` or ``sentences``); ``None`` for one profile of everything.
        headline_weight: Weight of headline and dek sentences.
        lead_weight: Weight of lead sentences.
        lead_sentences: Body sentences that make the lead.
        lexicon: Gives the frame labels and the order of ties; default the built-in lexicon.

    Returns:
        One row per group and frame present: the ``by`` columns, ``frame``, ``label``, ``n_sentences``,
        ``score_headline``, ``score_lead``, ``score_rest``, ``score``, ``share`` and ``rank`` (1 = top
        frame of the group); groups in order, frames by weighted score (ties in lexicon order).

    Example:
        >>> s = pd.DataFrame({"article_id": ["a"] * 3, "sentence_id": [0, 1, 2], "zone": ["headline", "body", "body"]})
        >>> f = pd.DataFrame({"article_id": ["a"] * 3, "sentence_id": [0, 1, 2],
        ...                   "frame": ["security_defense", "economic", "economic"], "score": [1.0, 1.0, 2.0]})
        >>> frame_profile(f, s, lead_sentences=1)[["frame", "score_headline", "score_lead", "score_rest", "score", "share"]].values.tolist()
        [['economic', 0.0, 1.0, 2.0, 4.0, 0.5714], ['security_defense', 1.0, 0.0, 0.0, 3.0, 0.4286]]
    """
    lex = _lexicon(lexicon)
    keys = [] if by is None else [by] if isinstance(by, str) else list(by)
    sent = sentences.copy()
    sent["_part"] = sentence_part(sent, lead_sentences=lead_sentences)
    extra = [k for k in keys if k not in frames.columns and k in sent.columns]
    table = frames[[c for c in frames.columns if c != "zone"]].merge(
        sent[["article_id", "sentence_id", "_part", *extra]], on=["article_id", "sentence_id"], how="left", validate="many_to_one"
    )
    table["_part"] = table["_part"].fillna("rest")
    table["_score"] = pd.to_numeric(table["score"], errors="coerce").astype(float).fillna(0.0)
    columns = [*keys, "frame", "label", "n_sentences", "score_headline", "score_lead", "score_rest", "score", "share", "rank"]
    if table.empty:
        out = pd.DataFrame({c: pd.Series([], dtype="string") for c in [*keys, "frame", "label"]})
        for c in ("n_sentences", "rank"):
            out[c] = pd.Series([], dtype="Int64")
        for c in ("score_headline", "score_lead", "score_rest", "score", "share"):
            out[c] = pd.Series([], dtype="Float64")
        return out[columns]
    group_keys = [*keys, "frame"]
    sums = table.groupby([*group_keys, "_part"], dropna=False)["_score"].sum().unstack("_part", fill_value=0.0)
    sums = sums.reindex(columns=["headline", "lead", "rest"], fill_value=0.0)
    out = pd.DataFrame({"score_headline": sums["headline"], "score_lead": sums["lead"], "score_rest": sums["rest"]})
    out["n_sentences"] = table.groupby(group_keys, dropna=False).size().reindex(out.index).fillna(0).astype(int)
    out["score"] = headline_weight * out["score_headline"] + lead_weight * out["score_lead"] + out["score_rest"]
    out = out.reset_index()
    totals = out.groupby(keys, dropna=False)["score"].transform("sum") if keys else pd.Series(out["score"].sum(), index=out.index)
    out["share"] = (out["score"] / totals.where(totals != 0)).fillna(0.0)
    order = {f: i for i, f in enumerate(lex.ids)}
    out["_order"] = out["frame"].map(lambda f: order.get(f, len(order)))
    out = out.sort_values([*keys, "score", "_order"], ascending=[True] * len(keys) + [False, True], kind="stable")
    out["rank"] = out.groupby(keys, dropna=False).cumcount() + 1 if keys else range(1, len(out) + 1)
    out["label"] = out["frame"].map(lambda f: lex.labels.get(f, f))
    for c in ("score_headline", "score_lead", "score_rest", "score", "share"):
        out[c] = out[c].astype(float).round(4).astype("Float64")
    for c in ("n_sentences", "rank"):
        out[c] = out[c].astype("Int64")
    out["frame"] = out["frame"].astype("string")
    out["label"] = out["label"].astype("string")
    return out[columns].reset_index(drop=True)


# --- evaluative words ---------------------------------------------------------------------------


@lru_cache(maxsize=8)
def load_evaluative(path: str | Path = EVALUATIVE_FILE) -> dict[str, dict[str, str]]:
    """Term -> row (``category``, ``note``) of the evaluative lexicon; ``#`` lines are comments.

    Example:
        >>> load_evaluative()["devastating"]["category"], load_evaluative()["done deal"]["category"]
        ('negative', 'certainty')
    """
    with open(path, encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if not line.lstrip().startswith("#") and line.strip()]
    out: dict[str, dict[str, str]] = {}
    for row in csv.DictReader(lines):
        term = _normalize_term(row["lemma"])
        out.setdefault(term, {"category": row["category"].strip(), "note": (row.get("note") or "").strip()})
    return out


def evaluative_rows(
    doc: Doc,
    sentences: Sequence[Mapping[str, Any]] | pd.DataFrame,
    *,
    lexicon: str | Path = EVALUATIVE_FILE,
) -> list[Row]:
    """Rows of the ``evaluative`` table for one article: one per loaded word or phrase found.

    Terms of ``analysis/resources/evaluative.csv`` are matched like frame cues (lowercased lemmas or
    words, longest match first); a match inside a name (named entity or proper nouns: "Victory Day")
    is not a loaded word and is skipped. ``text`` is the term as written: ``text == articles.text[start_char:end_char]``.

    Args:
        doc: The article parsed once.
        sentences: The article's ``sentences`` rows (dicts or a DataFrame).
        lexicon: Path of an evaluative lexicon (CSV: lemma, category, note).

    Returns:
        Row dicts (article_id, sentence_id, zone, term, category, start_char, end_char, text) in text order.

    Example:
        >>> from analysis.nlp import load_pipeline
        >>> doc = load_pipeline()("Turkey defied the mounting pressure: a done deal.")
        >>> sents = [{"article_id": "a", "sentence_id": 0, "zone": "body", "start_char": 0, "end_char": len(doc.text), "text": doc.text}]
        >>> [(r["term"], r["category"], r["text"]) for r in evaluative_rows(doc, sents)]
        [('defy', 'conflict', 'defied'), ('mounting', 'intensifier', 'mounting'), ('pressure', 'conflict', 'pressure'), ('done deal', 'certainty', 'done deal')]
    """
    terms = load_evaluative(lexicon)
    rows = _records(sentences)
    starts = [int(r["start_char"]) for r in rows]
    out: list[Row] = []
    for match in term_matches(doc, terms):
        if all(doc[i].ent_iob_ in ("B", "I") or doc[i].pos_ == "PROPN" for i in range(match.start, match.end)):
            continue  # part of a name ("Victory Day", "Freedom Party")
        row = _sentence_at(rows, starts, match.start_char, match.end_char)
        if row is None:
            continue
        out.append(
            {
                "article_id": row["article_id"],
                "sentence_id": int(row["sentence_id"]),
                "zone": row.get("zone"),
                "term": match.term,
                "category": terms[match.term]["category"],
                "start_char": match.start_char,
                "end_char": match.end_char,
                "text": _slice(row, match.start_char, match.end_char),
            }
        )
    return out


# --- reporting styles ---------------------------------------------------------------------------


def cue_classes(path: str | Path = CUES_FILE) -> tuple[str, ...]:
    """Classes of the reporting-verb lexicon in file order, then ``attribution`` ("according to").

    Example:
        >>> cue_classes()
        ('neutral', 'assertive', 'distancing', 'threat', 'belief', 'intention', 'attribution')
    """
    classes = list(dict.fromkeys(row["class"] for row in load_cues(path).values()))
    if "attribution" not in classes:
        classes.append("attribution")
    return tuple(classes)


def reporting_styles(quotes: pd.DataFrame, *, by: str = "speaker_actor", classes: Sequence[str] | None = None) -> pd.DataFrame:
    """How each speaker's statements are introduced: counts per reporting-verb class.

    Uses the ``cue_class`` of the ``quotes`` table (the class of the reporting verb in
    ``analysis/resources/cues.csv``: neutral "say", assertive "insist", distancing "claim", threat
    "warn", belief "believe", intention "want", and ``attribution`` for "according to"). Statements
    without a class are counted as ``unclassified``; statements without a value in ``by`` come last,
    labelled ``<NA>``.

    Args:
        quotes: The ``quotes`` table (``cue_class`` and the ``by`` column).
        by: Column to group by: ``speaker_actor`` (default), ``speaker`` or an added ``side``.
        classes: Classes to count, in column order; default :func:`cue_classes`.

    Returns:
        Columns ``<by>``, ``n_statements``, one count column per class, ``unclassified``; rows by
        statements (most first), then label.

    Example:
        >>> q = pd.DataFrame({"speaker_actor": ["Ann", "Ann", "Bob", None], "cue_class": ["neutral", "threat", "neutral", None]})
        >>> reporting_styles(q)[["speaker_actor", "n_statements", "neutral", "threat", "unclassified"]].values.tolist()
        [['Ann', 2, 1, 1, 0], ['Bob', 1, 1, 0, 0], [<NA>, 1, 0, 0, 1]]
    """
    classes = tuple(classes) if classes is not None else cue_classes()
    columns = [by, "n_statements", *classes, "unclassified"]
    if quotes.empty:
        out = pd.DataFrame({c: pd.Series([], dtype="Int64") for c in columns})
        out[by] = pd.Series([], dtype="string")
        return out
    label = quotes[by].astype("string")
    cls = quotes["cue_class"].astype("string")
    cls = cls.where(cls.isin(classes), "unclassified").fillna("unclassified")
    table = pd.crosstab(label.fillna("\x00<NA>"), cls).reindex(columns=[*classes, "unclassified"], fill_value=0)
    table.insert(0, "n_statements", table.sum(axis=1))
    table = table.reset_index().rename(columns={table.index.name or "row_0": by})
    table.columns.name = None
    missing = table[by] == "\x00<NA>"
    table["_missing"] = missing
    table = table.sort_values(["_missing", "n_statements", by], ascending=[True, False, True], kind="stable")
    table[by] = table[by].astype("string").mask(table["_missing"], pd.NA)
    for c in columns[1:]:
        table[c] = table[c].astype("Int64")
    return table[columns].reset_index(drop=True)


#: Column contracts of the ``frames`` and ``evaluative`` tables (defined in ``analysis.schema``).
FRAMES_TABLE: Table = TABLES["frames"]
EVALUATIVE_TABLE: Table = TABLES["evaluative"]


def as_table(rows: Iterable[Mapping[str, Any]] | pd.DataFrame, table: Table) -> pd.DataFrame:
    """Rows typed as a table spec says: its columns in order and dtype, extra columns kept at the end.

    A thin spelling of :func:`analysis.schema.conform` for a table spec; empty strings become ``<NA>``.

    Example:
        >>> frame = as_table([{"article_id": "a", "sentence_id": 0, "frame": "economic", "score": 1.5}], FRAMES_TABLE)
        >>> frame.dtypes.astype(str).tolist()
        ['string', 'Int64', 'string', 'string', 'Float64', 'Int64', 'string']
    """
    frame = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame(list(rows))
    return conform(frame, table.name)
