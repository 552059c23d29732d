"""Word lists and registries the extractors read: actors, agencies, reporting cues, frames, evaluative words."""
