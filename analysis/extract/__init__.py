"""One parsed article to rows, one module per table."""
