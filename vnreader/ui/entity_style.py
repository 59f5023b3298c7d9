"""How entity types look: names and colours shared by the reader, legend and panel.

Each type has a text colour for light backgrounds and one for dark backgrounds: the
defaults below, or the user's own (settings dialog, stored per mode under
``entities/<label>/<mode>``). :func:`colors_changed` fires whenever the colours to draw
with change (a new palette or new user colours); the reader's highlighters redraw on it.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication

from vnreader.core.palette import is_hex_color
from vnreader.i18n import N_, tr


@dataclass(frozen=True)
class EntityKind:
    label: str
    name: str  # marked with N_: shown as tr(kind.name)
    singular: str  # marked with N_: shown as tr(kind.singular)
    light: str  # text colour on a light background
    dark: str  # text colour on a dark background


# Blue, orange and purple stay distinct for the common colour-vision deficiencies. In both
# modes each reaches 4.5:1 against the reader's background and 3:1 against the passage
# background of every default theme colour and of any two overlapping (measured by
# tests/ui/test_appearance.py).
ENTITY_KINDS = (
    EntityKind("PER", N_("People"), N_("Person"), "#0d4aa6", "#7fb2ff"),
    EntityKind("ORG", N_("Organisations"), N_("Organisation"), "#7a4200", "#ffb25e"),
    EntityKind("LOC", N_("Places"), N_("Place"), "#7b2a9e", "#d59cf5"),
)
KIND_BY_LABEL = {kind.label: kind for kind in ENTITY_KINDS}
MODES = ("light", "dark")

_custom: dict[tuple[str, str], str] = {}  # (label, mode) -> "#rrggbb" chosen by the user


class _Signals(QObject):
    changed = Signal()


_signals: _Signals | None = None


def colors_changed():
    """The signal fired when entity colours or the light/dark palette change."""
    global _signals
    if _signals is None:
        _signals = _Signals()
    return _signals.changed


def notify_colors_changed() -> None:
    colors_changed().emit()


def is_dark_palette(palette: QPalette | None = None) -> bool:
    palette = palette or QApplication.palette()
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def palette_mode(palette: QPalette | None = None) -> str:
    """``"dark"`` or ``"light"``: which of a type's colours this palette needs."""
    return "dark" if is_dark_palette(palette) else "light"


def default_color(label: str, mode: str) -> str:
    kind = KIND_BY_LABEL[label]
    return kind.dark if mode == "dark" else kind.light


def custom_colors() -> dict[tuple[str, str], str]:
    """The user's colours, ``(label, mode) -> "#rrggbb"`` (a copy)."""
    return dict(_custom)


def entity_hex(label: str, mode: str) -> str:
    """The colour of a type in a mode: the user's if set, else the default."""
    return _custom.get((label, mode)) or default_color(label, mode)


def entity_color(label: str, palette: QPalette | None = None) -> QColor:
    return QColor(entity_hex(label, palette_mode(palette)))


def color_key(label: str, mode: str) -> str:
    return f"entities/{label}/{mode}"


def set_custom_colors(colors: dict[tuple[str, str], str], *, notify: bool = True) -> bool:
    """Use these colours (anything not given: the default); True if they changed, and
    then (with ``notify``) the highlighters redraw."""
    chosen = {
        (label, mode): color.lower()
        for (label, mode), color in colors.items()
        if label in KIND_BY_LABEL and mode in MODES and is_hex_color(color)
    }
    chosen = {key: color for key, color in chosen.items() if color != default_color(*key)}
    if chosen == _custom:
        return False
    _custom.clear()
    _custom.update(chosen)
    if notify:
        notify_colors_changed()
    return True


def load_custom_colors(settings: QSettings, *, notify: bool = True) -> bool:
    """Use the colours saved in ``settings``; True if they changed."""
    return set_custom_colors(
        {
            (kind.label, mode): str(settings.value(color_key(kind.label, mode), ""))
            for kind in ENTITY_KINDS
            for mode in MODES
        },
        notify=notify,
    )


def save_custom_colors(
    settings: QSettings, colors: dict[tuple[str, str], str], *, notify: bool = True
) -> bool:
    """Store ``colors`` (a default colour is stored as no key) and use them; True if
    they changed (see :func:`set_custom_colors`)."""
    for kind in ENTITY_KINDS:
        for mode in MODES:
            color = colors.get((kind.label, mode), "").lower()
            if is_hex_color(color) and color != default_color(kind.label, mode):
                settings.setValue(color_key(kind.label, mode), color)
            else:
                settings.remove(color_key(kind.label, mode))
    return set_custom_colors(colors, notify=notify)


def add_kind_actions(menu, slot, skip: str | None = None) -> None:
    """One action per entity type (its singular name) calling ``slot(label)``; ``skip``
    leaves out the type an entity already has."""
    for kind in ENTITY_KINDS:
        if kind.label != skip:
            menu.addAction(tr(kind.singular), lambda label=kind.label: slot(label))


def entity_spans(entities) -> list[tuple[int, int, str, str]]:
    """What the reader draws of stored entities: ``(start, end, label, origin)``; the
    origin decides the underline (dotted for the model's, solid for the user's)."""
    return [(e.start, e.end, e.label, e.origin) for e in entities]


def color_swatch(color: QColor, size: int = 12) -> QIcon:
    """A rounded square of ``color`` (the legend's look)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    painter.drawRoundedRect(0, 0, size, size, 3, 3)
    painter.end()
    return QIcon(pixmap)
