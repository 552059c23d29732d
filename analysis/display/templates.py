"""HTML and CSS strings of the article view."""

from __future__ import annotations

import html
from string import Template

from analysis.plots.palette import ENTITY_COLOURS, OTHER_COLOUR, OTHER_QUOTE_COLOUR, PAGE_COLOURS, QUOTE_COLOURS

#: The style sheet of the article view; ``$name`` stands for ``PAGE_COLOURS[name]`` (:mod:`analysis.plots.palette`).
_CSS = Template("""
.av-root{font-family:Georgia,'Times New Roman',serif;color:$text;line-height:1.6;max-width:46em;margin:0 auto;padding:0.5em 1em}
.av-root *{box-sizing:border-box}
.av-root .av-meta{font:13px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;color:$meta;margin:0 0 0.4em}
.av-root .av-meta span+span:before{content:" \\00b7 ";color:$faint}
.av-root .av-legend{font:12px/1.9 system-ui,-apple-system,'Segoe UI',sans-serif;color:$secondary;border-top:1px solid $rule;border-bottom:1px solid $rule;padding:0.3em 0;margin:0 0 1em}
.av-root .av-legend .av-legend-title{font-weight:600;margin-right:0.3em}
.av-root .av-legend .av-legend-item{margin-right:0.6em;white-space:nowrap}
.av-root .av-headline{font-size:1.8em;line-height:1.25;margin:0.2em 0 0.3em}
.av-root .av-dek{font-size:1.15em;color:$secondary;margin:0 0 0.8em}
.av-root .av-byline{font:14px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;color:$secondary;margin:0 0 1em}
.av-root .av-time{color:$time}
.av-root .av-tag{display:inline-block;font:11px/1.4 system-ui,-apple-system,'Segoe UI',sans-serif;border:1px solid $faint;border-radius:3px;padding:0 0.35em;margin-left:0.4em;color:$secondary;background:$tag_background;vertical-align:middle}
.av-root .av-caption{margin:1em 0;padding:0.6em 0.8em;border:1px solid $caption_border;border-left:4px solid $caption_accent;background:$caption_background;font:14px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;color:$caption_text}
.av-root .av-caption .av-caption-label{display:block;font-size:11px;text-transform:uppercase;letter-spacing:0.05em;color:$caption_accent;margin-bottom:0.2em}
.av-root .av-caption figcaption{margin:0}
.av-root .av-credit{color:$credit;font-style:italic}
.av-root .av-credit-line{font-size:12px;color:$credit;margin-top:0.3em}
.av-root .av-dateline{font-variant:small-caps;font-weight:bold;letter-spacing:0.03em}
.av-root .av-p{margin:0 0 0.9em}
.av-root .av-quote{border-radius:2px;padding:0.05em 0;color:inherit}
.av-root .av-badge{display:inline-block;font:11px/1.4 system-ui,-apple-system,'Segoe UI',sans-serif;font-weight:normal;font-style:normal;font-variant:normal;letter-spacing:0;background:$badge_background;color:$badge_text;border-radius:3px;padding:0 0.4em;margin:0 0.3em 0 0.1em;vertical-align:middle}
.av-root .av-speaker{border-bottom:2px dotted $text;font-weight:600}
.av-root .av-via{border-bottom:2px dashed $via}
.av-root .av-cue{font-style:italic}
.av-root .av-ent{border-bottom:2px solid $entity;padding-bottom:1px}
.av-root .av-swatch{display:inline-block;width:0.9em;height:0.9em;border-radius:2px;vertical-align:-0.1em;margin-right:0.25em}
.av-root h2{font:600 15px/1.4 system-ui,-apple-system,'Segoe UI',sans-serif;margin:1.6em 0 0.4em;border-bottom:1px solid $rule}
.av-root table{border-collapse:collapse;width:100%;font:13px/1.4 system-ui,-apple-system,'Segoe UI',sans-serif}
.av-root th,.av-root td{border:1px solid $rule;padding:0.25em 0.45em;text-align:left;vertical-align:top}
.av-root th{background:$header_background;font-weight:600}
.av-root .av-none{color:$faint}
""")


def _css() -> str:
    """The style sheet: the rules above, then one rule per entity label and quote kind colour."""
    rules = [_CSS.substitute(PAGE_COLOURS).strip()]
    for label, colour in ENTITY_COLOURS.items():
        rules.append(f".av-root .av-ent-{label}{{border-bottom-color:{colour}}}")
        rules.append(f".av-root .av-swatch-{label}{{background:{colour}}}")
    rules.append(f".av-root .av-swatch-OTHER{{background:{OTHER_COLOUR}}}")
    for kind, colour in QUOTE_COLOURS.items():
        rules.append(f".av-root .av-quote-{kind}{{background:{colour}}}")
    rules.append(f".av-root .av-quote-other{{background:{OTHER_QUOTE_COLOUR}}}")
    return "\n".join(rules) + "\n"


CSS = _css()


def _table(columns: list[str], rows: list[list[str]], empty: str) -> str:
    """An HTML table of already escaped cells, or a paragraph saying ``empty`` when there are no rows."""
    if not rows:
        return f'<p class="av-none">{html.escape(empty)}</p>\n'
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>\n" for row in rows)
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}</tbody>\n</table>\n"
