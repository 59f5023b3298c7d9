"""Theme colours: light background tints that keep black text readable, and contrast maths.

Contrast follows WCAG 2.x: relative luminance of sRGB colours, ratio ``(L1 + 0.05) / (L2 + 0.05)``.
Every palette colour gives black text a contrast of at least 7:1 (WCAG AAA). In dark mode
the text is light, so a passage is drawn in a dark shade of its theme's colour instead
(:func:`passage_background`): same hue, a fixed low luminance.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

# Ordered so that consecutive picks differ strongly in hue.
THEME_PALETTE: tuple[str, ...] = (
    "#fff176",  # yellow
    "#9ccaff",  # sky blue
    "#a5e0a0",  # green
    "#ff9e9e",  # salmon red
    "#d9a8f5",  # violet
    "#ffc078",  # orange
    "#7fdccb",  # teal
    "#f7a6e0",  # magenta
    "#d4ed7a",  # lime
    "#b8b5ff",  # periwinkle
    "#8fe3f0",  # cyan
    "#ffb3c7",  # pink
    "#dcc3a1",  # tan
    "#cfd8dc",  # blue grey
)

_HEX = re.compile(r"#[0-9a-fA-F]{6}")


def is_hex_color(value: object) -> bool:
    """True for a ``"#rrggbb"`` string (either case)."""
    return isinstance(value, str) and _HEX.fullmatch(value) is not None


def next_color(used: Iterable[str]) -> str:
    """The first palette colour not in ``used``; when all are used, cycle through the palette."""
    taken = [color.lower() for color in used]
    free = set(THEME_PALETTE) - set(taken)
    for color in THEME_PALETTE:
        if color in free:
            return color
    # Every colour is taken: pick the one used least often (earliest in the palette on a tie).
    counts = {color: taken.count(color) for color in THEME_PALETTE}
    return min(THEME_PALETTE, key=lambda color: counts[color])


def _channels(color: str) -> tuple[float, float, float]:
    if not is_hex_color(color):
        raise ValueError(f"invalid colour {color!r}: use #rrggbb")
    return tuple(int(color[i : i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def relative_luminance(color: str) -> float:
    """WCAG relative luminance of a ``"#rrggbb"`` colour, 0 (black) to 1 (white)."""
    red, green, blue = (_linear(c) for c in _channels(color))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours, from 1.0 (same) to 21.0 (black on white)."""
    lighter, darker = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def readable_text_color(bg: str) -> str:
    """``"#000000"`` or ``"#ffffff"``, whichever contrasts more with the background ``bg``."""
    if contrast_ratio(bg, "#000000") >= contrast_ratio(bg, "#ffffff"):
        return "#000000"
    return "#ffffff"


# Dark mode: every passage background has this luminance (near-white text on one passage:
# above 7:1), and each further overlapping theme makes it 20 % lighter, up to 1.4 times.
DARK_PASSAGE_LUMINANCE = 0.07


def _encode(linear: float) -> int:
    linear = max(0.0, min(1.0, linear))
    channel = linear * 12.92 if linear <= 0.0031308 else 1.055 * linear ** (1 / 2.4) - 0.055
    return round(channel * 255)


def _hex(channels: Iterable[float]) -> str:
    """``"#rrggbb"`` of sRGB channels in 0–255 (truncated, clamped)."""
    return "#" + "".join(f"{max(0, min(255, int(c))):02x}" for c in channels)


def with_luminance(color: str, luminance: float) -> str:
    """``color`` scaled in linear light to the given relative luminance: the hue and
    saturation stay, only the brightness changes (a black colour becomes a grey)."""
    linear = [_linear(c) for c in _channels(color)]
    current = relative_luminance(color)
    if current <= 0:
        linear, current = [1.0, 1.0, 1.0], 1.0
    factor = luminance / current
    return "#" + "".join(f"{_encode(c * factor):02x}" for c in linear)


def passage_background(colors: Sequence[str], dark: bool = False) -> str:
    """The background of text inside passages of these theme colours (several where
    passages overlap): their mean, darkened by 12 % per extra layer (to 60 % at most) so
    the overlap stays visible; in ``dark`` mode a dark shade of the mean instead, 20 %
    lighter per extra layer (to 1.4 times at most)."""
    if not colors:
        raise ValueError("no colour to blend")
    channels = [[round(c * 255) for c in _channels(color)] for color in colors]
    mean = [sum(c[i] for c in channels) / len(channels) for i in range(3)]
    layers = len(colors) - 1
    if dark:
        lift = min(1.4, 1 + 0.2 * layers)
        return with_luminance(_hex(mean), DARK_PASSAGE_LUMINANCE * lift)
    factor = max(0.6, 1 - 0.12 * layers)
    return _hex(c * factor for c in mean)
