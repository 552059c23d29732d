"""Text without spaCy: article zones, quotation marks, spans and dates."""
