"""Theme colours: distinct, readable behind black text, handed out in order."""

from __future__ import annotations

import pytest

from vnreader.core.palette import (
    THEME_PALETTE,
    contrast_ratio,
    is_hex_color,
    next_color,
    readable_text_color,
)


def test_palette_has_twelve_or_more_distinct_colours():
    assert len(THEME_PALETTE) >= 12
    assert len(set(THEME_PALETTE)) == len(THEME_PALETTE)
    assert all(is_hex_color(color) and color == color.lower() for color in THEME_PALETTE)


@pytest.mark.parametrize("color", THEME_PALETTE)
def test_black_text_is_readable_on_every_palette_colour(color):
    assert contrast_ratio(color, "#000000") >= 7.0
    assert readable_text_color(color) == "#000000"


def test_contrast_ratio_extremes_and_symmetry():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#777777") == pytest.approx(1.0)
    assert contrast_ratio("#ffffff", "#000000") == contrast_ratio("#000000", "#ffffff")


def test_readable_text_color_on_dark_and_light():
    assert readable_text_color("#000080") == "#ffffff"
    assert readable_text_color("#ffffff") == "#000000"
    assert readable_text_color("#FFF176") == "#000000"


def test_invalid_colour_is_refused():
    with pytest.raises(ValueError, match="#rrggbb"):
        contrast_ratio("red", "#000000")


def test_next_color_takes_the_first_unused():
    assert next_color([]) == THEME_PALETTE[0]
    assert next_color([THEME_PALETTE[0]]) == THEME_PALETTE[1]
    assert next_color([THEME_PALETTE[0].upper(), THEME_PALETTE[2]]) == THEME_PALETTE[1]
    assert next_color(["#123456"]) == THEME_PALETTE[0]


def test_next_color_cycles_when_all_are_used():
    used = list(THEME_PALETTE)
    assert next_color(used) == THEME_PALETTE[0]
    used.append(THEME_PALETTE[0])
    assert next_color(used) == THEME_PALETTE[1]
    assert next_color(list(THEME_PALETTE) * 2) == THEME_PALETTE[0]
