"""The colour palette: one distinct colour per zone."""

from __future__ import annotations

from analysis.plots import palette


def test_zone_colors_cover_every_zone():
    from analysis.io.schema import ZONE_ENUM

    colors = palette.zone_colors()
    assert list(colors) == list(ZONE_ENUM)
    assert len(set(colors.values())) == len(colors)
