"""Every colour of the toolkit's figures and pages, in one place."""

from __future__ import annotations

import math

import pandas as pd

from analysis.io.schema import ZONE_ENUM
from analysis.lexicons.frames import Lexicon
from analysis.views.framing import frame_labels

#: Fixed colour per frame of the default lexicon (15 distinguishable colours; ``other`` grey).
FRAME_COLORS: dict[str, str] = {
    "economic": "#1F77B4",
    "capacity_resources": "#AEC7E8",
    "morality": "#8C564B",
    "fairness_equality": "#C49C94",
    "legality_constitutionality": "#9467BD",
    "policy_prescription": "#C5B0D5",
    "crime_punishment": "#D62728",
    "security_defense": "#FF7F0E",
    "health_safety": "#2CA02C",
    "quality_of_life": "#98DF8A",
    "cultural_identity": "#E377C2",
    "public_opinion": "#17BECF",
    "political": "#7F7F7F",
    "external_regulation_reputation": "#BCBD22",
    "other": "#C7C7C7",
}


#: Fixed colour per reporting-verb class (Okabe-Ito palette).
CLASS_COLORS: dict[str, str] = {
    "neutral": "#0072B2",
    "assertive": "#E69F00",
    "distancing": "#D55E00",
    "threat": "#CC79A7",
    "belief": "#009E73",
    "intention": "#56B4E9",
    "attribution": "#F0E442",
    "unclassified": "#B0B0B0",
}


#: Fixed colour of each statement kind (Okabe-Ito palette).
KIND_COLORS: dict[str, str] = {"direct": "#0072B2", "partial": "#56B4E9", "mixed": "#E69F00", "indirect": "#009E73"}


#: Fill of the boxes of each column of the chain-of-custody graph (light tints of :data:`CHAIN_EDGES`).
CHAIN_FILLS: dict[str, str] = {"speaker_actor": "#DCEBF7", "via": "#FCE9C8", "agency": "#D5F0E6", "outlet": "#F4DCEB"}


#: Outline of the boxes of each column of the chain-of-custody graph (Okabe-Ito palette).
CHAIN_EDGES: dict[str, str] = {"speaker_actor": "#0072B2", "via": "#E69F00", "agency": "#009E73", "outlet": "#CC79A7"}


#: Fill of a chain-of-custody box that stands for a missing link (``(none named)``).
PLACEHOLDER_FILL = "#F4F4F4"


#: Outline of a chain-of-custody box that stands for a missing link.
PLACEHOLDER_EDGE = "#9A9A9A"


#: Text of a chain-of-custody box that stands for a missing link.
PLACEHOLDER_TEXT = "#555555"


#: Arrows of the chain-of-custody graph.
ARROW_COLOR = "#8A8A8A"


#: Outline of the bubbles holding the counts of the chain-of-custody arrows.
COUNT_EDGE_COLOR = "#7A7A7A"


#: Fixed colour of each actor type (Okabe-Ito palette); other types get :data:`OTHER_TYPE_COLOR`.
TYPE_COLORS: dict[str, str] = {
    "country": "#0072B2",
    "person": "#E69F00",
    "organization": "#009E73",
    "office": "#D55E00",
    "legislature": "#CC79A7",
    "media": "#56B4E9",
    "military_system": "#F0E442",
    "group": "#8C6BB1",
}


#: Colour of actors whose type is missing or not in :data:`TYPE_COLORS`.
OTHER_TYPE_COLOR = "#B0B0B0"


#: Lines between the actors of the network.
NETWORK_EDGE_COLOR = "#5A5A5A"


#: Outline of the nodes of the network (and of their legend markers).
NODE_EDGE_COLOR = "#333333"


def type_color(kind: object) -> str:
    """Colour of an actor type (see :data:`TYPE_COLORS`); missing or other types are grey.

    Example:
        >>> type_color("country"), type_color(None), type_color("event")
        ('#0072B2', '#B0B0B0', '#B0B0B0')
    """
    if kind is None or kind is pd.NA or (isinstance(kind, float) and math.isnan(kind)):
        return OTHER_TYPE_COLOR
    return TYPE_COLORS.get(str(kind), OTHER_TYPE_COLOR)


#: Colour of bars that no mapping names, and of the first series.
DEFAULT_COLOR = "#0072B2"


#: Colour of parts outside the five zones (the scraper's date header).
OTHER_COLOR = "#B0B0B0"


#: The colour cycle of the plotting style: :data:`DEFAULT_COLOR` first, then the rest of the Okabe-Ito palette.
CYCLE_COLORS: list[str] = [DEFAULT_COLOR, "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]


#: Background of figures and of the boxes behind labels.
BACKGROUND_COLOR = "white"


#: Grid lines of the plotting style.
GRID_COLOR = "#DDDDDD"


#: Lines between bar segments, strip parts and heatmap cells.
SEPARATOR_COLOR = "white"


#: Dark text drawn on the figures (node labels, box labels, heatmap values).
TEXT_COLOR = "#1A1A1A"


#: Text on dark cells of a heatmap.
LIGHT_TEXT_COLOR = "white"


#: Column headers and counts of the chain-of-custody graph.
SECONDARY_TEXT_COLOR = "#333333"


#: The "no data" message of an empty figure.
NO_DATA_COLOR = "#777777"


#: Bars of negative values (``pmi``, ``npmi``) in the strongest-pairs figure.
NEGATIVE_COLOR = "#D55E00"


#: The zero line of the strongest-pairs figure.
ZERO_LINE_COLOR = "#888888"


#: Colour map of heatmap values from 0 up.
SEQUENTIAL_CMAP = "Blues"


#: Colour map of heatmap values on both sides of 0, centred on it.
DIVERGING_CMAP = "RdBu_r"


#: Heatmap cells without a value (the diagonal of a co-occurrence matrix, undefined measures).
MISSING_CELL_COLOR = "#EEEEEE"


#: Characters of the zone strip that are in no part (blank lines, separators).
NO_PART_COLOR = "#F2F2F2"


#: Outline of the zone strip's background.
NO_PART_EDGE_COLOR = "#BBBBBB"


#: Legend patch of the hatched sub-parts of the zone strip (dateline, credit, time).
SUBPART_COLOR = "#888888"


# Okabe-Ito palette: distinguishable with the common colour-vision deficiencies.
_ZONE_COLORS = {
    "headline": "#D55E00",
    "dek": "#E69F00",
    "byline": "#009E73",
    "caption": "#CC79A7",
    "body": "#0072B2",
}


def zone_colors() -> dict[str, str]:
    """Fixed colour of each zone, in text order (headline, dek, byline, caption, body).

    Example:
        >>> zone_colors()["headline"], list(zone_colors())[-1]
        ('#D55E00', 'body')
    """
    return {zone: _ZONE_COLORS[zone] for zone in ZONE_ENUM}


#: Fixed colour per spaCy entity label (labels not listed use ``OTHER_COLOUR``).
ENTITY_COLOURS: dict[str, str] = {
    "PERSON": "#2563eb",
    "NORP": "#9333ea",
    "FAC": "#a16207",
    "ORG": "#059669",
    "GPE": "#dc2626",
    "LOC": "#ea580c",
    "PRODUCT": "#0891b2",
    "EVENT": "#db2777",
    "WORK_OF_ART": "#7c3aed",
    "LAW": "#4d7c0f",
    "LANGUAGE": "#0f766e",
    "DATE": "#6b7280",
    "TIME": "#64748b",
    "PERCENT": "#78716c",
    "MONEY": "#15803d",
    "QUANTITY": "#854d0e",
    "ORDINAL": "#737373",
    "CARDINAL": "#525252",
}


OTHER_COLOUR = "#374151"


#: Fixed background per quote kind.
QUOTE_COLOURS: dict[str, str] = {
    "direct": "#fde68a",
    "partial": "#fbcfe8",
    "mixed": "#ddd6fe",
    "indirect": "#bfdbfe",
}


OTHER_QUOTE_COLOUR = "#e5e7eb"


#: Colours of the article page (:mod:`analysis.display`), by role in its style sheet.
PAGE_COLOURS: dict[str, str] = {
    "text": "#111827",  # article text, speaker underline
    "meta": "#4b5563",  # outlet, date, agency line
    "faint": "#9ca3af",  # separators, tag outlines, empty cells
    "secondary": "#374151",  # legend, dek, byline, tags
    "rule": "#e5e7eb",  # rules and table borders
    "time": "#6b7280",  # time of the byline
    "tag_background": "#f9fafb",
    "caption_border": "#cbd5e1",
    "caption_accent": "#64748b",  # left border and label of a caption box
    "caption_background": "#f8fafc",
    "caption_text": "#1f2937",
    "credit": "#475569",  # photo credits
    "badge_background": "#1f2937",  # the badge naming a quote's kind and speaker
    "badge_text": "#fff",
    "via": "#92400e",  # underline of the medium a statement came through
    "entity": OTHER_COLOUR,  # underline of an entity before its label's colour
    "header_background": "#f3f4f6",  # table headers
}


#: Colours of the parts of an article in the frame profile.
PART_COLORS: dict[str, str] = {"headline": zone_colors()["headline"], "lead": zone_colors()["dek"], "rest": DEFAULT_COLOR}


#: Colour of the "other verbs" segment of the actor figure.
OTHER_VERBS_COLOR = "#B0B0B0"


def label_colors(lexicon: Lexicon | str | None = None) -> dict[str, str]:
    """Frame label -> fixed colour (:data:`FRAME_COLORS`; frames of other lexicons get the default colour).

    Example:
        >>> label_colors()["Economic"]
        '#1F77B4'
    """
    return {label: FRAME_COLORS.get(frame, DEFAULT_COLOR) for frame, label in frame_labels(lexicon).items()}
