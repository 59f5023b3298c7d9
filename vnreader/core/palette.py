"""Theme colours: light background tints that keep black text readable, and contrast maths.

Contrast follows WCAG 2.x: relative luminance of sRGB colours, ratio ``(L1 + 0.05) / (L2 + 0.05)``.
Every palette colour gives black text a contrast of at least 7:1 (WCAG AAA).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

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
