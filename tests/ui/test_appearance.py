"""Light and dark palettes: what they measure (WCAG contrast), how they are applied, and
that everything drawn in entity colours follows them."""

from __future__ import annotations

import re
from importlib import resources
from itertools import combinations

import pytest

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QMenu

from tests.ui.conftest import TEXT
from vnreader import i18n
from vnreader.core.palette import THEME_PALETTE, contrast_ratio, passage_background
from vnreader.ui.appearance import (
    APPEARANCE_KEY,
    COLORS,
    FONT_FAMILY_KEY,
    HIGHLIGHTED_TEXT,
    apply_appearance,
    apply_reader_font,
    build_palette,
    default_font_family,
    restore_look,
    saved_appearance,
)
from vnreader.ui.entity_style import (
    ENTITY_KINDS,
    add_kind_actions,
    color_key,
    custom_colors,
    default_color,
    entity_color,
    is_dark_palette,
    load_custom_colors,
    save_custom_colors,
    set_custom_colors,
)
from vnreader.ui.highlighter import LABEL_PROPERTY, THEMES_PROPERTY
from vnreader.ui.reader import ReaderView

MODES = ("light", "dark")
ENTITY_ON_BASE, ENTITY_ON_PASSAGE, TEXT_ON_PASSAGE, TEXT_ON_BASE = 4.5, 3.0, 4.5, 7.0


@pytest.fixture(autouse=True)
def _restored(restored_look):
    """Each test leaves the application's palette, style sheet and colours as it found them."""


def _passages(mode: str, layers: int = 1) -> list[str]:
    return [
        passage_background(list(c), mode == "dark") for c in combinations(THEME_PALETTE, layers)
    ]


# --- contrast (WCAG 2.x) -------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_the_built_palette_has_the_measured_colours(mode):
    palette, colors = build_palette(mode), COLORS[mode]
    for role, key in (
        (QPalette.ColorRole.Base, "base"),
        (QPalette.ColorRole.Window, "window"),
        (QPalette.ColorRole.Text, "text"),
        (QPalette.ColorRole.WindowText, "text"),
        (QPalette.ColorRole.PlaceholderText, "placeholder"),
        (QPalette.ColorRole.AlternateBase, "alternate"),
        (QPalette.ColorRole.Highlight, "highlight"),
    ):
        assert palette.color(role).name(QColor.NameFormat.HexArgb) == "#ff" + colors[key][1:]
    assert is_dark_palette(palette) == (mode == "dark")


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("kind", ENTITY_KINDS, ids=lambda kind: kind.label)
def test_entity_colours_are_readable_on_the_background_and_on_every_passage(mode, kind):
    color, colors = getattr(kind, mode), COLORS[mode]
    assert contrast_ratio(color, colors["base"]) >= ENTITY_ON_BASE
    assert contrast_ratio(color, colors["alternate"]) >= ENTITY_ON_BASE  # the entity panel
    assert min(contrast_ratio(color, bg) for bg in _passages(mode)) >= ENTITY_ON_PASSAGE
    # where two themes' passages overlap too
    assert min(contrast_ratio(color, bg) for bg in _passages(mode, 2)) >= ENTITY_ON_PASSAGE


@pytest.mark.parametrize("mode", MODES)
def test_text_is_readable_on_every_passage_and_on_the_background(mode):
    colors = COLORS[mode]
    assert min(contrast_ratio(colors["text"], bg) for bg in _passages(mode)) >= 7.0
    for layers in (2, 3):
        assert min(contrast_ratio(colors["text"], bg) for bg in _passages(mode, layers)) >= (
            TEXT_ON_PASSAGE
        )
    assert contrast_ratio(colors["text"], colors["base"]) >= TEXT_ON_BASE
    assert contrast_ratio(colors["text"], colors["window"]) >= TEXT_ON_BASE
    assert contrast_ratio(colors["text"], colors["tooltip"]) >= TEXT_ON_BASE


@pytest.mark.parametrize("mode", MODES)
def test_placeholder_links_and_selected_rows_are_readable(mode):
    colors = COLORS[mode]
    for background in ("base", "window", "alternate"):
        assert contrast_ratio(colors["placeholder"], colors[background]) >= 4.5
    assert contrast_ratio(colors["link"], colors["base"]) >= 4.5
    assert contrast_ratio(HIGHLIGHTED_TEXT, colors["highlight"]) >= 4.5


def test_the_readers_selection_colours_are_readable_in_both_modes():
    qss = (resources.files("vnreader") / "resources" / "vnreader.qss").read_text("utf-8")
    reader_rule = qss[qss.index("QPlainTextEdit#reader") :]
    background = re.search(r"selection-background-color:\s*(#[0-9a-fA-F]{6})", reader_rule)
    foreground = re.search(r"selection-color:\s*(\w+)", reader_rule)
    assert background and foreground and foreground.group(1) == "black"  # set, not inherited
    assert contrast_ratio("#000000", background.group(1)) >= 7.0


# --- applying a choice -------------------------------------------------------------------


def test_dark_and_light_are_applied_to_the_application(qapp):
    assert apply_appearance(qapp, "dark") == "dark"
    assert is_dark_palette()
    assert qapp.palette().color(QPalette.ColorRole.Base).name() == COLORS["dark"]["base"]
    assert apply_appearance(qapp, "light") == "light"
    assert not is_dark_palette()
    assert qapp.palette().color(QPalette.ColorRole.Window).name() == COLORS["light"]["window"]


def test_system_follows_the_schemes_changes_and_an_override_does_not(qapp):
    hints = qapp.styleHints()
    assert apply_appearance(qapp, "system") == "light"  # offscreen: no scheme, light
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert is_dark_palette()
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert not is_dark_palette()
    apply_appearance(qapp, "light")
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert not is_dark_palette()


def test_an_unknown_choice_counts_as_system(qapp, settings):
    assert apply_appearance(qapp, "purple") == "light"
    assert saved_appearance(settings) == "system"
    settings.setValue(APPEARANCE_KEY, "dark")
    assert saved_appearance(settings) == "dark"


def test_style_sheet_colours_follow_the_new_palette(qtbot, qapp):
    qapp.setStyleSheet("QLabel#documentMeta { color: palette(placeholder-text); }")
    label = QLabel("159 characters")
    label.setObjectName("documentMeta")
    qtbot.addWidget(label)
    label.show()
    apply_appearance(qapp, "dark")
    assert label.palette().color(label.foregroundRole()).name() == COLORS["dark"]["placeholder"]


# --- what is drawn in entity colours -------------------------------------------------------


def drawn_entities(reader: ReaderView) -> dict[str, tuple[str, str | None]]:
    """label -> (text colour, background or None) of the entity formats drawn."""
    found = {}
    block = reader.document().firstBlock()
    while block.isValid():
        for fmt_range in block.layout().formats():
            label = fmt_range.format.property(LABEL_PROPERTY)
            if label:
                themed = fmt_range.format.property(THEMES_PROPERTY)
                background = fmt_range.format.background().color().name() if themed else None
                found[label] = (fmt_range.format.foreground().color().name(), background)
        block = block.next()
    return found


def test_the_reader_redraws_in_the_new_modes_colours(qtbot, qapp):
    reader = ReaderView()
    qtbot.addWidget(reader)
    apply_appearance(qapp, "light")
    reader.show_text("an earlier report", [(3, 10, "ORG", "model")])  # deleted with its document
    spans = [(12, 25, "PER", "model"), (43, 49, "LOC", "user")]
    reader.show_text(TEXT, spans, [(40, 60, 7)], {7: THEME_PALETTE[0]})
    light = passage_background([THEME_PALETTE[0]])
    assert drawn_entities(reader) == {"PER": ("#0d4aa6", None), "LOC": ("#7b2a9e", light)}
    apply_appearance(qapp, "dark")
    dark = passage_background([THEME_PALETTE[0]], dark=True)
    assert drawn_entities(reader) == {"PER": ("#7fb2ff", None), "LOC": ("#d59cf5", dark)}


def test_a_users_colour_is_used_in_its_mode_and_redrawn_at_once(qtbot, qapp):
    reader = ReaderView()
    qtbot.addWidget(reader)
    apply_appearance(qapp, "dark")
    reader.show_text(TEXT, [(12, 25, "PER", "model")])
    assert set_custom_colors({("PER", "dark"): "#FF8080", ("PER", "light"): "#123456"})
    assert entity_color("PER").name() == "#ff8080"
    assert drawn_entities(reader)["PER"][0] == "#ff8080"
    apply_appearance(qapp, "light")
    assert drawn_entities(reader)["PER"][0] == "#123456"
    assert not set_custom_colors({("PER", "dark"): "#ff8080", ("PER", "light"): "#123456"})
    set_custom_colors({("PER", "dark"): default_color("PER", "dark"), ("ORG", "x"): "#000000"})
    assert custom_colors() == {}  # defaults and unknown modes are not kept
    assert drawn_entities(reader)["PER"][0] == "#0d4aa6"


def test_user_colours_are_saved_per_mode_and_loaded(settings):
    save_custom_colors(settings, {("ORG", "light"): "#553300", ("LOC", "dark"): "not a colour"})
    assert settings.value(color_key("ORG", "light")) == "#553300"
    assert not settings.contains(color_key("LOC", "dark"))
    set_custom_colors({})
    load_custom_colors(settings)
    assert custom_colors() == {("ORG", "light"): "#553300"}


def test_kind_actions_show_the_translated_singular():
    menu = QMenu()
    add_kind_actions(menu, lambda label: None, skip="ORG")
    assert [a.text() for a in menu.actions()] == ["Person", "Place"]
    i18n.set_language("vi")
    try:
        menu.clear()
        add_kind_actions(menu, lambda label: None)
        assert [a.text() for a in menu.actions()] == ["Người", "Tổ chức", "Địa điểm"]
    finally:
        i18n.set_language("en")


def _icon_color(button) -> str:
    image = button.icon().pixmap(12, 12).toImage()
    return image.pixelColor(6, 6).name()


def test_the_window_follows_the_mode_and_restores_the_saved_look(
    qapp, library, make_window, settings
):
    store, first, _ = library
    settings.setValue(color_key("PER", "light"), "#004400")
    settings.setValue(FONT_FAMILY_KEY, "DejaVu Serif")
    settings.setValue("reader/pointSize", 15)
    window = make_window(store)
    apply_appearance(qapp, "light")
    restore_look(window)
    window.open_document(first)
    assert drawn_entities(window.reader)["PER"][0] == "#004400"
    assert _icon_color(window.legend.button("PER")) == "#004400"
    assert all(r.font().family() == "DejaVu Serif" for r in window.readers())
    assert window.reader.point_size() == 15
    apply_appearance(qapp, "dark")
    assert drawn_entities(window.reader)["PER"][0] == default_color("PER", "dark")
    assert _icon_color(window.legend.button("LOC")) == default_color("LOC", "dark")
    apply_reader_font(window, "", 11)  # "": the default family
    assert window.reader.font().family() == default_font_family()
    assert window.reader.document().defaultFont().pointSize() == 11
