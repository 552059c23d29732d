"""Actor names and mention counts of the seed article, shared by several test modules."""

from __future__ import annotations

ERDOGAN, WHEELBARGER, OFFICE = "Recep Tayyip Erdogan", "Kathryn Wheelbarger", "Office of the President of Turkey"
SEED_TOP_BODY = [
    ("Turkey", 13),
    ("United States", 6),
    (ERDOGAN, 5),
    ("S-400", 5),
    (WHEELBARGER, 4),
    ("NATO", 4),
    ("Russia", 4),
    ("Anadolu", 2),
    ("Donald Trump", 2),
    ("F-35", 2),
    (OFFICE, 1),
    ("Pentagon", 1),
    ("United States Congress", 1),
]
