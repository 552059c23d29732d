"""The spaCy side: pipeline loading and the zone-aware pass, per-Doc arrays, phrase matching."""
