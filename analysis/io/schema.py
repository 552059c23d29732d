"""Column contract of every table: name, pandas dtype and a one-line description.

The same specification types the DataFrames, writes the Frictionless Table Schemas in
``datapackage.json`` and documents the columns in the README.

    >>> [c.name for c in TABLES["sentences"].columns][:4]
    ['article_id', 'sentence_id', 'paragraph_id', 'zone']
    >>> TABLES["entities"].column("actor").dtype
    'string'
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

Row = dict[str, Any]
"""One table row as the extractors make it: column name -> plain value."""


#: pandas dtype -> Frictionless field type
FIELD_TYPES = {"string": "string", "Int64": "integer", "boolean": "boolean", "Float64": "number"}


@dataclass(frozen=True)
class Column:
    name: str
    dtype: str
    description: str
    enum: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Table:
    name: str
    row: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    description: str

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


ZONE_ENUM = ("headline", "dek", "byline", "caption", "body")


PART_ENUM = ("headline", "dek", "byline", "byline_time", "caption", "photo_credit", "dateline", "body")


_AID = Column("article_id", "string", "Article id: the file stem, or the `id` field of a JSONL/CSV row.")


_SID = Column("sentence_id", "Int64", "Sentence number within the article (0-based, text order).")


_START = Column("start_char", "Int64", "Offset of the first character in `articles.text`.")


_END = Column("end_char", "Int64", "Offset after the last character: `text == articles.text[start_char:end_char]`.")


_ZONE = Column("zone", "string", "Zone of the article: headline, dek, byline, caption or body.", ZONE_ENUM)


TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "articles",
            "article",
            (
                _AID,
                Column("source_path", "string", "File the article was read from (as given to the build)."),
                Column("source_line", "Int64", "Line (JSONL) or row start line (CSV) in that file; empty for one-article files."),
                Column("date", "string", "Publication date, ISO `YYYY-MM-DD`, from the header line or the `date` field."),
                Column("headline", "string", "Headline text."),
                Column("dek", "string", "Standfirst under the headline."),
                Column("byline", "string", "Byline without its time stamp (`By AFP`)."),
                Column("byline_time", "string", "Time stamp printed with the byline (`Today, 9:54 am`)."),
                Column("authors", "string", "Author names in the byline, separated by `; `."),
                Column(
                    "agency",
                    "string",
                    "Wire agency from the `agency` metadata field, else named by the byline or dateline (AFP, Reuters, AP, Anadolu, ...).",
                ),
                Column("outlet", "string", "Publishing outlet from the `outlet` field."),
                Column("url", "string", "Address of the article from the `url` field."),
                Column("dateline", "string", "Dateline opening the first body paragraph (`ISTANBUL, Turkey`)."),
                Column("dateline_start", "Int64", "Offset of the dateline in `text`."),
                Column("dateline_end", "Int64", "End offset of the dateline in `text`."),
                Column("n_paragraphs", "Int64", "Number of body paragraphs (captions between them not counted)."),
                Column("n_captions", "Int64", "Number of photo captions."),
                Column("n_sentences", "Int64", "Number of sentences over all zones."),
                Column("n_words", "Int64", "Number of word tokens (no punctuation or spaces) over all zones."),
                Column("language", "string", "Language of the article from the `language` metadata field (as given)."),
                Column("outlet_domain", "string", "Web domain of `url` without `www.` (`hurriyetdailynews.com`)."),
                Column(
                    "story_id",
                    "string",
                    "Story group: the `article_id` of the group's origin guess; copies of one text share it, an article without copies is its own story.",
                ),
                Column("story_size", "Int64", "Articles in the story group (1: no copy in the corpus)."),
                Column(
                    "story_origin",
                    "string",
                    "Origin guess of the group: the wire agency most members credit, else the origin article's outlet.",
                ),
                Column(
                    "copy_share",
                    "Float64",
                    "Share of the article's words (outside quotations) found in group members ranked before it (agency-credited, earlier, fuller); 0 for the origin.",
                ),
                Column("text", "string", "The article text exactly as read; every offset points into it."),
            ),
            ("article_id",),
            "One row per article, with metadata read off its zones and joined from metadata files, and its story group of republished copies.",
        ),
        Table(
            "metadata",
            "user metadata field of an article",
            (
                _AID,
                Column(
                    "field",
                    "string",
                    "Field name as given (lowercased), for fields that are not `articles` columns (`section`, `country`, ...).",
                ),
                Column("value", "string", "The field's value, as a string."),
                Column(
                    "origin",
                    "string",
                    "Where it came from: the article's own record, its sidecar or the --metadata file.",
                    ("record", "sidecar", "metadata file"),
                ),
            ),
            ("article_id", "field"),
            "One row per article and user metadata field (from JSONL/CSV columns, a `<stem>.meta.json` sidecar or --metadata); `outlet`, `url`, `date`, `title`, `byline`, `language` and `agency` go to `articles`.",
        ),
        Table(
            "zones",
            "zone part",
            (
                _AID,
                Column("part_id", "Int64", "Part number within the article (text order)."),
                Column("paragraph_id", "Int64", "Paragraph (text block or line) the part belongs to; empty for the date header."),
                Column("zone", "string", "Zone the part belongs to (empty for the scraper's date header).", ZONE_ENUM),
                Column(
                    "part",
                    "string",
                    "What the span is: headline, dek, byline, byline_time, caption, photo_credit, dateline, body or date_header.",
                    PART_ENUM + ("date_header",),
                ),
                _START,
                _END,
                Column("text", "string", "The span's text."),
            ),
            ("article_id", "part_id"),
            "One row per zone part: the article's layout, every span of it accounted for.",
        ),
        Table(
            "captions",
            "photo caption",
            (
                _AID,
                Column("caption_id", "Int64", "Caption number within the article."),
                Column("paragraph_id", "Int64", "Paragraph the caption stands in."),
                _START,
                _END,
                Column("text", "string", "Caption text without its credit."),
                Column("credit", "string", "Photo credit as printed (`AFP Photo/Natalia Kolesnikova`)."),
                Column("credit_start", "Int64", "Offset of the credit in `articles.text`."),
                Column("credit_end", "Int64", "End offset of the credit."),
                Column("photographer", "string", "Photographer named in the credit."),
                Column("photo_agency", "string", "Agency named in the credit."),
            ),
            ("article_id", "caption_id"),
            "One row per photo caption, with its credit split into photographer and agency.",
        ),
        Table(
            "sentences",
            "sentence",
            (
                _AID,
                _SID,
                Column("paragraph_id", "Int64", "Paragraph number (shared with `zones.paragraph_id`)."),
                _ZONE,
                _START,
                _END,
                Column("n_words", "Int64", "Word tokens in the sentence."),
                Column("text", "string", "Sentence text."),
            ),
            ("article_id", "sentence_id"),
            "One row per sentence; no sentence spans two zones.",
        ),
        Table(
            "entities",
            "entity mention",
            (
                _AID,
                Column("entity_id", "Int64", "Mention number within the article."),
                _SID,
                _ZONE,
                _START,
                _END,
                Column("text", "string", "Mention text."),
                Column("label", "string", "spaCy entity label (PERSON, ORG, GPE, NORP, ...)."),
                Column("actor", "string", "Canonical actor id of the mention (empty until actors are linked)."),
            ),
            ("article_id", "entity_id"),
            "One row per named-entity mention found by the pipeline.",
        ),
        Table(
            "quotes",
            "reported statement",
            (
                _AID,
                Column("quote_id", "Int64", "Statement number within the article (text order)."),
                _SID,
                Column("paragraph_id", "Int64", "Paragraph the statement starts in."),
                _ZONE,
                Column("kind", "string", "direct, partial, mixed or indirect.", ("direct", "partial", "mixed", "indirect")),
                _START,
                _END,
                Column("text", "string", "The reported content (direct quotes without their quotation marks)."),
                Column("cue", "string", "The reporting expression as written (`said`, `was quoted as saying`, `according to`)."),
                Column("cue_start", "Int64", "Offset of the cue."),
                Column("cue_end", "Int64", "End offset of the cue."),
                Column("cue_lemma", "string", "Lemma of the reporting verb (`say`, `warn`) or `according to`."),
                Column(
                    "cue_class",
                    "string",
                    "Class of the cue in the reporting-verb lexicon (neutral, assertive, distancing, threat, belief, intention, attribution).",
                ),
                Column("speaker", "string", "The mention that grammatically speaks (`She`, `a top Pentagon official`)."),
                Column("speaker_start", "Int64", "Offset of the speaker mention."),
                Column("speaker_end", "Int64", "End offset of the speaker mention."),
                Column(
                    "speaker_actor",
                    "string",
                    "Who the speaker is, one actor key across the corpus (`Kathryn Wheelbarger`; an unnamed source keeps its role: `senior U.S. official`).",
                ),
                Column(
                    "speaker_title",
                    "string",
                    "Title, office or apposition written with the speaker's name (`Acting Assistant Secretary of Defense for International Security Affairs`).",
                ),
                Column(
                    "speaker_kind",
                    "string",
                    "What kind of source speaks: person, organization, government, country, media, document, anonymous (an unnamed or role source) or unresolved.",
                    ("person", "organization", "government", "country", "media", "document", "anonymous", "unresolved"),
                ),
                Column(
                    "act",
                    "string",
                    "What kind of act is reported: speech (said, told), writing (wrote, tweeted, posted), document (a statement, report or letter), belief (a belief or intention: thinks, wants, plans) or other.",
                    ("speech", "writing", "document", "belief", "other"),
                ),
                Column("via", "string", "Medium the statement came through (`Anadolu`, `a statement`, `CNN Turk`)."),
                Column("via_text", "string", "The via phrase as written (`the official Anadolu news agency`)."),
                Column("via_start", "Int64", "Offset of the via phrase."),
                Column("via_end", "Int64", "End offset of the via phrase."),
                Column(
                    "via_kind",
                    "string",
                    "What kind of medium the via is: agency (a news agency), outlet (a newspaper, broadcaster or site), document (a statement, letter, report) or platform (Twitter, television).",
                    ("agency", "outlet", "document", "platform"),
                ),
                Column(
                    "method",
                    "string",
                    "How the statement was found: cue, adjacent_quote, according_to, continuation rules (paragraph_speaker, dash_name), fragment, unattributed, or verb (a verb outside the cue lexicon, kept by the quote model).",
                ),
                Column("n_words", "Int64", "Words in the reported content."),
                Column(
                    "confidence",
                    "Float64",
                    "Probability (0 to 1, calibrated on held-out PolNeAR articles) that a coder would mark this statement; rows under the build's --min-quote-confidence are left out unless it was run with --keep-low-confidence.",
                ),
            ),
            ("article_id", "quote_id"),
            "One row per reported statement: direct, partial, mixed or indirect, with speaker, cue and via.",
        ),
        Table(
            "sources",
            "attribution of provenance",
            (
                _AID,
                Column("source_id", "Int64", "Credit number within the article (text order)."),
                Column(
                    "kind",
                    "string",
                    "byline_agency, byline_author, photo_credit, relayed_agency, according_to, statement or other_media.",
                    (
                        "byline_agency",
                        "byline_author",
                        "photo_credit",
                        "relayed_agency",
                        "according_to",
                        "statement",
                        "other_media",
                    ),
                ),
                Column("name", "string", "Who is credited (agency, author, photographer, source)."),
                Column("actor", "string", "Canonical actor of the name where the registry knows it."),
                _START,
                _END,
                Column("text", "string", "The credit as written."),
                Column("agency", "string", "Agency of a photo credit."),
                Column("photographer", "string", "Photographer of a photo credit."),
                Column("relays", "string", "For relayed statements: whose statement the agency relayed."),
                Column("quote_id", "Int64", "The statement this credit belongs to, if any."),
            ),
            ("article_id", "source_id"),
            "One row per provenance credit: bylines, photo credits, relaying agencies, according-to sources, other media.",
        ),
        Table(
            "frames",
            "sentence x frame hit",
            (
                _AID,
                _SID,
                _ZONE,
                Column(
                    "frame",
                    "string",
                    "Frame id from the frame lexicon (`analysis/resources/frames.yml`: economic, security_defense, ...).",
                ),
                Column("score", "Float64", "Sum of the weights of the frame's terms matched in the sentence (4 decimals)."),
                Column("n_terms", "Int64", "Number of term matches behind the score."),
                Column("terms", "string", "Matched lexicon terms (lemmas) in text order, separated by `; `."),
                Column(
                    "probability",
                    "Float64",
                    "The frame model's probability of this frame for the sentence (4 decimals; shipped model `analysis/resources/models/frames.json.gz`).",
                ),
                Column(
                    "primary",
                    "boolean",
                    "Whether this is the sentence's primary frame (the model's top frame; `other` when nothing applies).",
                ),
            ),
            ("article_id", "sentence_id", "frame"),
            "One row per sentence and issue frame (Policy Frames Codebook): the sentence's primary frame, every frame of model probability at least 0.1, and every frame with a lexicon cue.",
        ),
        Table(
            "actions",
            "verb with its doer",
            (
                _AID,
                Column("action_id", "Int64", "Action number within the article (text order)."),
                _SID,
                _ZONE,
                Column("start_char", "Int64", "Offset of the verb in `articles.text`."),
                Column("end_char", "Int64", "End offset of the verb: `text == articles.text[start_char:end_char]`."),
                Column("text", "string", "The verb as written (`defied`)."),
                Column("verb", "string", "Lemma of the verb (`defy`)."),
                Column(
                    "verb_class",
                    "string",
                    "Class of the verb in the reporting-verb lexicon when it is one (neutral, assertive, distancing, threat, belief, intention).",
                ),
                Column("voice", "string", "active or passive.", ("active", "passive")),
                Column("negated", "boolean", "The verb is negated (`would not withdraw`)."),
                Column(
                    "subject", "string", "Who does it, as written (`the United States`); empty for a passive without a by-phrase."
                ),
                Column("subject_start", "Int64", "Offset of the subject phrase."),
                Column("subject_end", "Int64", "End offset of the subject phrase."),
                Column(
                    "subject_actor", "string", "Who the subject is: registry actor, tidied name, or the antecedent of a pronoun."
                ),
                Column(
                    "subject_kind",
                    "string",
                    "How the subject was resolved: registry, entity, pronoun, anaphor, possessor or noun.",
                    ("registry", "entity", "pronoun", "anaphor", "possessor", "noun"),
                ),
                Column(
                    "subject_rule",
                    "string",
                    "How the subject was found: nsubj, agent, passive, relcl, conj, control or possessor.",
                    ("nsubj", "agent", "passive", "relcl", "conj", "control", "possessor"),
                ),
                Column(
                    "object", "string", "What or whom it is done to: direct object, passive subject, or object of a preposition."
                ),
                Column("object_start", "Int64", "Offset of the object phrase."),
                Column("object_end", "Int64", "End offset of the object phrase."),
                Column(
                    "object_prep",
                    "string",
                    "Preposition introducing the object (`from` in `withdraw from a deal`); empty for direct objects.",
                ),
                Column("object_lemma", "string", "Lemma of the object's head word (`pressure`)."),
                Column("object_actor", "string", "Who or what the object is, resolved like the subject."),
                Column(
                    "object_kind",
                    "string",
                    "How the object was resolved: registry, entity, pronoun, anaphor, possessor or noun.",
                    ("registry", "entity", "pronoun", "anaphor", "possessor", "noun"),
                ),
                Column(
                    "oblique_prep",
                    "string",
                    "Preposition of a further prepositional phrase of the verb (`with` in `hit the country with sanctions`).",
                ),
                Column("oblique", "string", "Object of that preposition (`sanctions`)."),
                Column("oblique_start", "Int64", "Offset of the oblique phrase."),
                Column("oblique_end", "Int64", "End offset of the oblique phrase."),
                Column("clause", "string", "The verb's clause (its subtree without coordinated verbs, with the doer)."),
                Column("clause_start", "Int64", "Offset of the clause."),
                Column("clause_end", "Int64", "End offset of the clause."),
            ),
            ("article_id", "action_id"),
            "One row per verb with a doer or a passive patient: who does what to whom, from the dependency parse.",
        ),
        Table(
            "evaluative",
            "loaded word or phrase",
            (
                _AID,
                _SID,
                _ZONE,
                Column("term", "string", "Term of the evaluative lexicon (`analysis/resources/evaluative.csv`), as a lemma."),
                Column(
                    "category", "string", "Category of the term: intensifier, negative, positive, conflict, certainty or hedge."
                ),
                _START,
                _END,
                Column("text", "string", "The word or phrase as written."),
            ),
            ("article_id", "start_char", "term"),
            "One row per evaluative (loaded) word or phrase found in a sentence.",
        ),
        Table(
            "mentions",
            "actor mention",
            (
                _AID,
                Column("mention_id", "Int64", "Mention number within the article (text order)."),
                _SID,
                Column("paragraph_id", "Int64", "Paragraph of the mention."),
                _ZONE,
                _START,
                _END,
                Column("text", "string", "The mention as written (`the Western alliance`, `US President Donald Trump`)."),
                Column("actor", "string", "Canonical actor (`NATO`, `Donald Trump`)."),
                Column(
                    "source",
                    "string",
                    "How it was found: entity, registry, speaker or reference.",
                    ("entity", "registry", "speaker", "reference"),
                ),
                Column("label", "string", "Entity label for `entity` mentions."),
                Column("is_location", "boolean", "True when the mention is only a place here (`in Moscow's Red Square`)."),
                Column(
                    "title",
                    "string",
                    "Title or office written with a person's name in the mention (`US President` in `US President Donald Trump`).",
                ),
            ),
            ("article_id", "mention_id"),
            "One row per actor mention: named entities, registry phrases, quote speakers, references.",
        ),
        Table(
            "actors",
            "canonical actor",
            (
                Column(
                    "actor",
                    "string",
                    "Canonical actor name, the key used by `mentions`, `entities`, `quotes` and `cooccurrence`.",
                ),
                Column("name", "string", "Display name."),
                Column(
                    "type",
                    "string",
                    "person, country, organization, office, legislature, media, military_system, place, group, role (an unnamed source), document, ...: the registry's, else the vote of the entity labels over the corpus, else how the actor speaks.",
                ),
                Column("country", "string", "ISO 3166 alpha-2 code from the registry."),
                Column(
                    "parent", "string", "The actor this one belongs to (`White House` -> `United States`), from the registry."
                ),
                Column("in_registry", "boolean", "Whether the actor registry knows the actor."),
                Column("n_mentions", "Int64", "Mentions in the corpus."),
                Column("n_articles", "Int64", "Articles mentioning the actor."),
                Column("n_statements", "Int64", "Statements (`quotes` rows) the actor speaks."),
                Column("only_location", "boolean", "True when every mention is a location (left out of co-occurrence)."),
                Column(
                    "variants",
                    "string",
                    "Other actor keys of the per-article pass merged into this one across the corpus, separated by `; ` (`Howard; PENCE`).",
                ),
                Column(
                    "merge_rule",
                    "string",
                    "The rules that merged the variants (title, spelling, initials, surname), separated by `; `.",
                ),
            ),
            ("actor",),
            "One row per canonical actor of the corpus.",
        ),
        Table(
            "reuse",
            "pair of articles sharing text",
            (
                Column("article_a", "string", "First article of the pair (ids in sorted order)."),
                Column("article_b", "string", "Second article of the pair."),
                Column(
                    "relation",
                    "string",
                    "copy (one text republished, possibly edited), shared_passage (background reused by different stories) or shared_quote (only the same quotation).",
                    ("copy", "shared_passage", "shared_quote"),
                ),
                Column(
                    "shared_shingles",
                    "Int64",
                    "Distinct five-word shingles in common (quotations masked, except for shared_quote).",
                ),
                Column("containment", "Float64", "Shared masked shingles over the smaller article's: the copy score."),
                Column("share_a", "Float64", "Share of article_a's words inside the shared passages."),
                Column("share_b", "Float64", "Share of article_b's words inside the shared passages."),
                Column("n_passages", "Int64", "Aligned passages (rows of `reuse_passages`)."),
                Column("shared_chars_a", "Int64", "Characters of article_a inside the passages."),
                Column("shared_chars_b", "Int64", "Characters of article_b inside the passages."),
            ),
            ("article_a", "article_b"),
            "One row per pair of articles that share reused text, with its relation and how much each side shares.",
        ),
        Table(
            "reuse_passages",
            "aligned passage",
            (
                Column("article_a", "string", "First article of the pair."),
                Column("article_b", "string", "Second article of the pair."),
                Column("passage_id", "Int64", "Passage number within the pair (order of article_a)."),
                Column("relation", "string", "The pair's relation (as in `reuse`).", ("copy", "shared_passage", "shared_quote")),
                Column("start_a", "Int64", "Offset of the passage in article_a's `articles.text`."),
                Column("end_a", "Int64", "End offset in article_a: `articles.text[start_a:end_a]` is the passage there."),
                Column("start_b", "Int64", "Offset of the passage in article_b's `articles.text`."),
                Column("end_b", "Int64", "End offset in article_b."),
            ),
            ("article_a", "article_b", "passage_id"),
            "One row per aligned passage of a reuse pair: runs of shared five-word shingles, with spans in both articles.",
        ),
        Table(
            "cooccurrence",
            "pair of actors in a window type",
            (
                Column("actor_a", "string", "First actor of the pair (alphabetical order)."),
                Column("actor_b", "string", "Second actor of the pair."),
                Column("window", "string", "sentence, paragraph or article.", ("sentence", "paragraph", "article")),
                Column("n_windows", "Int64", "Windows holding both actors."),
                Column("n_articles", "Int64", "Articles in which they share a window."),
                Column("n_a", "Int64", "Windows holding actor_a."),
                Column("n_b", "Int64", "Windows holding actor_b."),
                Column("n_total", "Int64", "Windows of this type with at least one actor."),
                Column("pmi", "Float64", "Pointwise mutual information log(p(a,b) / (p(a) p(b)))."),
                Column("npmi", "Float64", "PMI normalised to [-1, 1]."),
                Column("jaccard", "Float64", "n_windows / (n_a + n_b - n_windows)."),
            ),
            ("actor_a", "actor_b", "window"),
            "Actor pairs that share a sentence, paragraph or article (body zone), with association measures.",
        ),
    )
}


def empty_frame(table: str) -> pd.DataFrame:
    """An empty DataFrame with the table's columns and dtypes.

    Example:
        >>> list(empty_frame("captions").dtypes.astype(str))[:2]
        ['string', 'Int64']
    """
    spec = TABLES[table]
    return pd.DataFrame({c.name: pd.Series([], dtype=c.dtype) for c in spec.columns})


def conform(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    """Order and type ``frame``'s columns as the contract says; extra columns are kept at the end.

    Empty strings become ``<NA>``.

    Example:
        >>> frame = conform(pd.DataFrame({"article_id": ["a"], "sentence_id": [0]}), "sentences")
        >>> str(frame.dtypes["sentence_id"]), frame.loc[0, "zone"] is pd.NA
        ('Int64', True)
    """
    spec = TABLES[table]
    out = {}
    for column in spec.columns:
        values = frame[column.name] if column.name in frame else pd.Series([pd.NA] * len(frame), index=frame.index)
        if str(values.dtype) == column.dtype or (column.dtype == "string" and isinstance(values.dtype, pd.StringDtype)):
            if column.dtype != "string" or not (values == "").any():
                out[column.name] = values.astype(column.dtype)  # already typed: nothing to convert
                continue
        series = pd.Series(values, index=frame.index).astype(object)
        series = series.where(~series.isin([""]), pd.NA)
        if column.dtype == "boolean":
            series = series.map(lambda v: {"true": True, "false": False}.get(v.lower(), v) if isinstance(v, str) else v)
        elif column.dtype in ("Int64", "Float64") and series.map(lambda v: isinstance(v, str)).any():
            series = pd.to_numeric(series, errors="raise")
        out[column.name] = series.astype(column.dtype)
    extra = [c for c in frame.columns if c not in out]
    for name in extra:
        out[name] = frame[name]
    return pd.DataFrame(out, index=frame.index).reset_index(drop=True)


def markdown() -> str:
    """The table contract as Markdown (one section per table, one line per column), for the README.

    Example:
        >>> markdown().splitlines()[0]
        '### `articles`: one row per article'
    """
    lines: list[str] = []
    for table in TABLES.values():
        lines += [
            f"### `{table.name}`: one row per {table.row}",
            "",
            table.description,
            "",
            "| column | type | meaning |",
            "|---|---|---|",
        ]
        lines += [f"| `{c.name}` | {c.dtype} | {c.description} |" for c in table.columns]
        lines.append("")
    return "\n".join(lines)


def frame_from_rows(rows: list[dict], table: str) -> pd.DataFrame:
    """A typed DataFrame straight from row dicts (the fast path of :func:`conform` for new rows).

    Example:
        >>> frame_from_rows([{"article_id": "a", "caption_id": 0, "text": ""}], "captions").loc[0, "text"] is pd.NA
        True
    """
    spec = TABLES[table]
    columns = {}
    for column in spec.columns:
        values = [row.get(column.name) for row in rows]
        if column.dtype == "string":
            values = [None if v is None or (isinstance(v, str) and not v) else v for v in values]
        elif column.dtype == "Int64" and any(isinstance(v, float) for v in values):
            # a float NaN makes pandas read the whole column as floats, which round integers past 2**53
            values = [None if is_missing(v) else v for v in values]
        columns[column.name] = pd.array(values, dtype=column.dtype)
    return pd.DataFrame(columns)


def is_missing(value: Any, *, blank: bool = False) -> bool:
    """Whether a cell value is missing: ``None``, ``pd.NA`` or a float NaN (and, with ``blank``, a
    string of whitespace only). The one test of the tables, the CSV writer and the views.

    Example:
        >>> is_missing(None), is_missing(float("nan")), is_missing(""), is_missing(" ", blank=True), is_missing(0)
        (True, True, False, True, False)
    """
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return True
    return blank and isinstance(value, str) and not value.strip()


def _csv_string(value: Any) -> str:
    return "" if is_missing(value) else str(value)


def _csv_integer(value: Any) -> str:
    return "" if is_missing(value) else str(int(value))


def _csv_number(value: Any) -> str:
    return "" if is_missing(value) else repr(float(value))


def _csv_boolean(value: Any) -> str:
    return "" if is_missing(value) else "True" if value else "False"


def _csv_column(values: list[Any], dtype: str) -> list[str]:
    """One column as CSV fields, as pandas writes the typed column (missing values empty); the
    common types are written inline, the rest through the converters above."""
    if dtype == "string":
        return [v if type(v) is str else "" if v is None else _csv_string(v) for v in values]
    if dtype == "Int64":
        return [str(v) if type(v) is int else "" if v is None else _csv_integer(v) for v in values]
    if dtype == "Float64":
        return [repr(v) if type(v) is float and v == v else "" if v is None else _csv_number(v) for v in values]
    return [("True" if v else "False") if type(v) is bool else "" if v is None else _csv_boolean(v) for v in values]


def csv_from_rows(rows: list[dict], table: str) -> str:
    """CSV lines (no header) of row dicts, the same text as
    ``frame_from_rows(rows, table).to_csv(index=False, header=False, lineterminator="\\n")``
    without making the DataFrame (the build's streaming path).

    Example:
        >>> csv_from_rows([{"article_id": "a", "caption_id": 0, "text": "Erdogan, in Ankara"}], "captions")
        'a,0,,,,"Erdogan, in Ankara",,,,,\\n'
    """
    columns = [_csv_column([row.get(c.name) for row in rows], c.dtype) for c in TABLES[table].columns]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(zip(*columns))
    return buffer.getvalue()


ARTICLE_TABLES = (
    "articles",
    "metadata",
    "zones",
    "captions",
    "sentences",
    "entities",
    "quotes",
    "sources",
    "mentions",
    "frames",
    "actions",
    "evaluative",
)


CORPUS_TABLES = ("actors", "cooccurrence", "reuse", "reuse_passages")
