"""Theme colours: distinct, readable behind black text (and their dark shades behind
light text), handed out in order."""

from __future__ import annotations

import colorsys

import pytest

from vnreader.core.palette import (
    DARK_PASSAGE_LUMINANCE,
    THEME_PALETTE,
    contrast_ratio,
    is_hex_color,
    next_color,
    passage_background,
    readable_text_color,
    relative_luminance,
    with_luminance,
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


def test_a_passage_on_its_own_is_drawn_in_its_theme_colour():
    assert passage_background(["#fff176"]) == "#fff176"
    assert passage_background(["#FFF176"]) == "#fff176"


def test_overlapping_passages_blend_darker_in_light_mode():
    two = passage_background(["#fff176", "#9ccaff"])
    assert two == "#b4c2a4"  # the mean, 12 % darker (as drawn before dark mode)
    assert relative_luminance(two) < relative_luminance(passage_background(["#9ccaff"]))
    many = passage_background(["#ffffff"] * 9)
    assert many == "#999999"  # never darker than 60 %


def _hue(color: str) -> float:
    return colorsys.rgb_to_hls(*(int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)))[0]


@pytest.mark.parametrize("color", THEME_PALETTE)
def test_dark_mode_passages_are_dark_shades_of_the_same_hue(color):
    shade = passage_background([color], dark=True)
    assert relative_luminance(shade) == pytest.approx(DARK_PASSAGE_LUMINANCE, abs=0.003)
    assert contrast_ratio(shade, "#f0f0f0") >= 7.0
    assert _hue(shade) == pytest.approx(_hue(color), abs=0.03)


def test_dark_mode_overlaps_are_lighter_but_bounded():
    one = relative_luminance(passage_background(["#fff176"], dark=True))
    two = relative_luminance(passage_background(["#fff176", "#9ccaff"], dark=True))
    many = relative_luminance(passage_background(THEME_PALETTE, dark=True))
    assert one < two < many <= 1.4 * DARK_PASSAGE_LUMINANCE + 0.003


def test_with_luminance_keeps_the_hue_and_lifts_black_to_grey():
    assert relative_luminance(with_luminance("#000000", 0.2)) == pytest.approx(0.2, abs=0.003)
    assert with_luminance("#808080", relative_luminance("#808080")) == "#808080"


def test_passage_background_refuses_nothing_and_bad_colours():
    with pytest.raises(ValueError):
        passage_background([])
    with pytest.raises(ValueError, match="#rrggbb"):
        passage_background(["yellow"])
