"""Labels for tables and figures: text cut to a width, or wrapped to a few lines.

Plain string functions, shared by the views (shortened statement texts) and the figures (tick
labels, node labels, boxes)::

    >>> shorten("Office of the President of Turkey", 14)
    'Office of the…'
    >>> print(wrap("Office of the President of Turkey", 14, 2))
    Office of the
    President of…
"""

from __future__ import annotations

import textwrap

#: Written at the end of a label that was cut.
ELLIPSIS = "…"


def _cut(text: str, width: int) -> str:
    """``text`` if it fits in ``width`` characters, else its first ``width - 1`` (right-stripped) and an ellipsis."""
    return text if len(text) <= width else text[: max(width - 1, 0)].rstrip() + ELLIPSIS


def shorten(text: object, width: int) -> str:
    """``text`` as a string on one line (runs of whitespace made one space), cut to ``width`` characters.

    A cut text ends with an ellipsis and is at most ``width`` characters long. Missing values are not
    special: ``None`` gives ``'None'`` (keep them missing before calling, as the views do).

    Args:
        text: Any value; it is converted with :func:`str`.
        width: Most characters of the result.

    Returns:
        The shortened text.

    Example:
        >>> shorten("Recep  Tayyip\\nErdogan", 30)
        'Recep Tayyip Erdogan'
        >>> shorten("Recep Tayyip Erdogan", 12), len(shorten("Recep Tayyip Erdogan", 12))
        ('Recep Tayyi…', 12)
        >>> shorten("the talks failed", 10)
        'the talks…'
    """
    return _cut(" ".join(str(text).split()), width)


def wrap(label: object, width: int, lines: int, *, collapse_whitespace: bool = True) -> str:
    """``label`` wrapped to ``width`` characters per line, at most ``lines`` lines.

    Words longer than a line are broken. When the text needs more lines, the last line holds the
    start of the rest, cut to ``width - 1`` characters and ended with an ellipsis. With
    ``collapse_whitespace`` (the default) runs of whitespace count as one space; without it, runs
    inside a line are kept as :func:`textwrap.wrap` leaves them (newlines and tabs become spaces).

    Args:
        label: Any value; it is converted with :func:`str`.
        width: Most characters per line.
        lines: Most lines.
        collapse_whitespace: Make runs of whitespace one space first.

    Returns:
        The lines joined with ``\\n``.

    Example:
        >>> wrap("Acting Assistant Secretary of Defense", 18, 3).splitlines()
        ['Acting Assistant', 'Secretary of', 'Defense']
        >>> wrap("Acting Assistant Secretary of Defense", 18, 2).splitlines()
        ['Acting Assistant', 'Secretary of Defe…']
        >>> wrap("", 10, 2), wrap("NATO", 10, 1)
        ('', 'NATO')
    """
    text = " ".join(str(label).split()) if collapse_whitespace else str(label)
    wrapped = textwrap.wrap(text, width=width, break_long_words=True) or [""]
    if len(wrapped) > lines:
        rest = " ".join(wrapped[lines - 1 :])
        wrapped = wrapped[: lines - 1] + [rest[: width - 1].rstrip() + ELLIPSIS]
    return "\n".join(wrapped)
