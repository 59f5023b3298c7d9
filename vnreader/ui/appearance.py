"""Light and dark: the application palette (following the system or the user's choice),
the reader's font and the refresh of every colour the window has drawn.

Fusion does not switch its palette with the colour scheme on every platform (not on the
offscreen one, nor on X11 without a desktop portal), so both palettes are built here,
after Fusion's own, with colours whose contrasts are measured by the tests: text and
placeholder text readable on every background, selected text on the highlight.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontInfo,
    QGuiApplication,
    QPalette,
)
from PySide6.QtWidgets import QAbstractItemView, QApplication

from vnreader.ui.entity_style import (
    load_custom_colors,
    notify_colors_changed,
)

APPEARANCE_KEY = "interface/appearance"
APPEARANCES = ("system", "light", "dark")
FONT_FAMILY_KEY = "reader/fontFamily"
POINT_SIZE_KEY = "reader/pointSize"

Role = QPalette.ColorRole
Group = QPalette.ColorGroup

# Fusion's colours, with an opaque placeholder grey (Fusion's half-transparent text gives
# 4:1 on white) and a deeper highlight (white on Fusion's blue: 3.7:1).
COLORS = {
    "light": {
        "window": "#efefef",
        "text": "#000000",
        "base": "#ffffff",
        "alternate": "#f7f7f7",
        "placeholder": "#606060",
        "disabled": "#bebebe",
        "highlight": "#2a6db5",
        "tooltip": "#ffffdc",
        "link": "#0000ff",
        "visited": "#a000a0",
    },
    "dark": {
        "window": "#323232",
        "text": "#f0f0f0",
        "base": "#242424",
        "alternate": "#2b2b2b",
        "placeholder": "#a6a6a6",
        "disabled": "#828282",
        "highlight": "#2a6db5",
        "tooltip": "#3c3c3c",
        "link": "#8ab4f8",
        "visited": "#d59cf5",
    },
}
HIGHLIGHTED_TEXT = "#ffffff"


def build_palette(mode: str) -> QPalette:
    """The application palette of ``mode`` ("light" or "dark"), made the way Fusion makes
    its own from a window colour."""
    c = {key: QColor(value) for key, value in COLORS[mode].items()}
    window, text = c["window"], c["text"]
    dark = window.darker(150)
    palette = QPalette(text, window, window.lighter(150), dark, window.darker(130), text, c["base"])
    for group in (Group.Active, Group.Inactive, Group.Disabled):
        palette.setColor(group, Role.Midlight, window.darker(130).lighter(110))
        palette.setColor(group, Role.Shadow, dark.darker(135))
        palette.setColor(group, Role.Button, window)
        palette.setColor(group, Role.AlternateBase, c["alternate"])
        palette.setColor(group, Role.PlaceholderText, c["placeholder"])
        palette.setColor(group, Role.ToolTipBase, c["tooltip"])
        palette.setColor(group, Role.ToolTipText, text)
        palette.setColor(group, Role.Link, c["link"])
        palette.setColor(group, Role.LinkVisited, c["visited"])
        palette.setColor(group, Role.BrightText, QColor("#ffffff"))
        palette.setColor(group, Role.HighlightedText, QColor(HIGHLIGHTED_TEXT))
        palette.setColor(group, Role.Highlight, c["highlight"])
        palette.setColor(group, Role.Accent, c["highlight"])
    for role in (Role.Text, Role.WindowText, Role.ButtonText):
        palette.setColor(Group.Disabled, role, c["disabled"])
    palette.setColor(Group.Disabled, Role.Base, window)
    palette.setColor(Group.Disabled, Role.Highlight, QColor("#919191"))
    palette.setColor(Group.Disabled, Role.Accent, QColor("#919191"))
    palette.setColor(Group.Disabled, Role.Shadow, dark.darker(135).lighter(150))
    return palette


def saved_appearance(settings: QSettings) -> str:
    choice = str(settings.value(APPEARANCE_KEY, "system"))
    return choice if choice in APPEARANCES else "system"


def system_is_dark(scheme: Qt.ColorScheme | None = None) -> bool:
    """Whether the system asks for dark colours (an unknown scheme counts as light)."""
    if scheme is None:
        scheme = QGuiApplication.styleHints().colorScheme()
    return scheme == Qt.ColorScheme.Dark


def appearance_mode(choice: str, scheme: Qt.ColorScheme | None = None) -> str:
    """``"light"`` or ``"dark"`` for a choice of :data:`APPEARANCES`."""
    if choice in ("light", "dark"):
        return choice
    return "dark" if system_is_dark(scheme) else "light"


_SCHEMES = {
    "system": Qt.ColorScheme.Unknown,
    "light": Qt.ColorScheme.Light,
    "dark": Qt.ColorScheme.Dark,
}


def apply_appearance(app: QApplication, choice: str) -> str:
    """Use the palette ``choice`` asks for ("system", "light" or "dark") and redraw; with
    "system", follow the system's later changes too. Returns the mode in use."""
    choice = choice if choice in APPEARANCES else "system"
    app.setProperty("vnreaderAppearance", choice)
    hints = app.styleHints()
    if not app.property("vnreaderFollowsScheme"):
        app.setProperty("vnreaderFollowsScheme", True)
        hints.colorSchemeChanged.connect(lambda scheme: _follow_system(app, scheme))
    # Platform dialogs and window frames follow the override where the platform allows;
    # setting it may report a change at once, which _follow_system ignores while we work.
    app.setProperty("vnreaderApplying", True)
    try:
        hints.setColorScheme(_SCHEMES[choice])
    finally:
        app.setProperty("vnreaderApplying", False)
    return _use_mode(app, appearance_mode(choice))


def _follow_system(app: QApplication, scheme: Qt.ColorScheme) -> None:
    if app.property("vnreaderApplying") or app.property("vnreaderAppearance") != "system":
        return
    _use_mode(app, appearance_mode("system", scheme))


def _use_mode(app: QApplication, mode: str) -> str:
    app.setPalette(build_palette(mode))
    # Style sheets resolve palette(...) when set: set it again for the new palette.
    if app.styleSheet():
        app.setStyleSheet(app.styleSheet())
    refresh_colors()
    return mode


def refresh_colors() -> None:
    """Redraw what was drawn in entity colours: the readers and legends listen to
    :func:`~vnreader.ui.entity_style.colors_changed`; the item views (entity panel, review
    list) of every window read the colours when they paint."""
    notify_colors_changed()
    app = QApplication.instance()
    if app is None:
        return
    for widget in app.topLevelWidgets():
        for view in widget.findChildren(QAbstractItemView):
            view.viewport().update()


# --- the reader's font -------------------------------------------------------------------


def default_font_family() -> str:
    """The family of the application's font, resolved ("Sans Serif" is an alias: the font
    list shows the family it stands for)."""
    return QFontInfo(QApplication.font()).family()


def saved_font_family(settings: QSettings) -> str:
    """The reader's font family; "" when the user never chose one (the default font)."""
    return str(settings.value(FONT_FAMILY_KEY, "") or "")


def apply_reader_font(window, family: str | None = None, size: int | None = None) -> None:
    """Set the font family and size of the window's readers: the given ones, else the
    saved ones (nothing saved: the default family, the current size)."""
    if family is None:
        family = saved_font_family(window.settings)
    for reader in window.readers():
        font = QFont(reader.font())
        font.setFamily(family or default_font_family())
        reader.setFont(font)
        reader.document().setDefaultFont(font)
    if size is None:
        try:
            size = int(window.settings.value(POINT_SIZE_KEY))
        except (TypeError, ValueError):
            size = None
    if size is not None:
        window.set_zoom(size)


def restore_look(window) -> None:
    """At start: the saved entity colours (what has drawn them hears of a change) and the
    reader's font and size (the palette is the application's, set by
    :func:`vnreader.ui.style.apply_style`)."""
    load_custom_colors(window.settings)
    apply_reader_font(window)
