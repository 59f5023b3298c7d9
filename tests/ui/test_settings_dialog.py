"""The settings dialog: every setting applied and saved on OK, nothing on Cancel."""

from __future__ import annotations

import pytest

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication
from PySide6.QtWidgets import QApplication, QDialogButtonBox

import vnreader.ui.app
from tests.ui.test_appearance import drawn_entities
from vnreader import i18n
from vnreader.ui.appearance import (
    APPEARANCE_KEY,
    COLORS,
    FONT_FAMILY_KEY,
    POINT_SIZE_KEY,
    default_font_family,
    restore_look,
)
from vnreader.ui.entity_style import color_key, default_color, is_dark_palette
from vnreader.ui.settings_dialog import SettingsDialog, open_settings, system_language
from vnreader.ui.translation import LANGUAGE_KEY

DIFFERENT_FAMILY = "DejaVu Serif"


@pytest.fixture(autouse=True)
def _restored(restored_look):
    """Each test leaves the application's palette, style sheet and colours as it found them."""


@pytest.fixture
def reopened(monkeypatch):
    calls = []
    monkeypatch.setattr(vnreader.ui.app, "reopen_window", calls.append)
    return calls


@pytest.fixture
def window(library, make_window):
    store, first, _ = library
    window = make_window(store)
    window.open_document(first)
    return window


@pytest.fixture
def dialog(qtbot, window):
    dialog = SettingsDialog(window)
    qtbot.addWidget(dialog)
    return dialog


def _entity_colors(reader) -> dict[str, str]:
    return {label: foreground for label, (foreground, _) in drawn_entities(reader).items()}


def _button(dialog, which):
    return dialog.buttons.button(which)


def test_it_shows_what_the_window_uses(dialog, window):
    assert dialog.language.currentData() == "system"
    assert dialog.language.currentText() == f"System ({i18n.LANGUAGES[system_language()]})"
    assert [dialog.language.itemText(i) for i in (1, 2)] == ["English", "Tiếng Việt"]
    assert dialog.appearance.currentData() == "system"
    assert dialog.font_size.value() == window.reader.point_size()
    assert dialog.snap.isChecked()
    assert dialog.color_buttons[("PER", "dark")].color == default_color("PER", "dark")
    assert dialog.path_edit.text() == str(window.store.path)
    assert dialog.path_edit.isReadOnly()


def test_ok_applies_and_saves_every_setting(qtbot, dialog, window, settings, reopened):
    dialog.appearance.setCurrentIndex(dialog.appearance.findData("dark"))
    dialog.font_family.setCurrentFont(QFont(DIFFERENT_FAMILY))
    dialog.font_size.setValue(17)
    dialog.snap.setChecked(False)
    dialog.color_buttons[("ORG", "dark")].set_color("#ffcc00")
    dialog.color_buttons[("ORG", "light")].set_color("#663300")
    qtbot.mouseClick(_button(dialog, QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert settings.value(APPEARANCE_KEY) == "dark"
    assert settings.value(FONT_FAMILY_KEY) == DIFFERENT_FAMILY
    assert int(settings.value(POINT_SIZE_KEY)) == 17
    assert settings.value("reader/snapToWords") in (False, "false")
    assert settings.value(color_key("ORG", "dark")) == "#ffcc00"
    assert settings.value(color_key("ORG", "light")) == "#663300"
    assert not settings.contains(color_key("PER", "dark"))  # defaults are not stored
    assert settings.value(LANGUAGE_KEY) == "system"
    # ...and applied
    assert is_dark_palette()
    assert all(r.font().family() == DIFFERENT_FAMILY for r in window.readers())
    assert all(r.point_size() == 17 for r in window.readers())
    assert not window.snap_action.isChecked()
    assert not window.reader.snap_to_words
    colors = _entity_colors(window.reader)
    assert colors["ORG"] == "#ffcc00"
    assert colors["PER"] == default_color("PER", "dark")  # dark-mode colours, redrawn
    assert reopened == []  # the language did not change


def test_cancel_changes_nothing(qtbot, dialog, window, settings, reopened):
    before = {key: settings.value(key) for key in settings.allKeys()}
    dialog.language.setCurrentIndex(dialog.language.findData("vi"))
    dialog.appearance.setCurrentIndex(dialog.appearance.findData("dark"))
    dialog.font_size.setValue(30)
    dialog.snap.setChecked(False)
    dialog.color_buttons[("PER", "light")].set_color("#ff0000")
    qtbot.mouseClick(
        _button(dialog, QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton
    )
    assert {key: settings.value(key) for key in settings.allKeys()} == before
    assert not is_dark_palette()
    assert window.reader.point_size() != 30
    assert window.snap_action.isChecked()
    assert _entity_colors(window.reader)["PER"] == default_color("PER", "light")
    qtbot.wait(10)
    assert reopened == []


def test_restore_defaults_fills_in_the_defaults_and_ok_forgets_the_old(
    qtbot, window, settings, reopened
):
    settings.setValue(color_key("LOC", "light"), "#101010")
    settings.setValue(FONT_FAMILY_KEY, DIFFERENT_FAMILY)
    settings.setValue(APPEARANCE_KEY, "dark")
    restore_look(window)  # what the window does at start
    window.set_zoom(20)
    dialog = SettingsDialog(window)
    qtbot.addWidget(dialog)
    assert dialog.color_buttons[("LOC", "light")].color == "#101010"
    assert dialog.font_family.currentFont().family() == DIFFERENT_FAMILY
    assert dialog.appearance.currentData() == "dark"
    dialog.snap.setChecked(False)
    _button(dialog, QDialogButtonBox.StandardButton.RestoreDefaults).click()
    assert dialog.color_buttons[("LOC", "light")].color == default_color("LOC", "light")
    assert dialog.font_size.value() == 12
    assert dialog.snap.isChecked()
    assert dialog.appearance.currentData() == "system"
    assert dialog.font_family.currentFont().family() == dialog.default_family
    dialog.accept()
    assert not settings.contains(color_key("LOC", "light"))
    assert not settings.contains(FONT_FAMILY_KEY)
    assert settings.value(APPEARANCE_KEY) == "system"
    assert window.reader.point_size() == 12
    assert window.reader.font().family() == default_font_family()


def test_a_low_contrast_colour_shows_its_ratio_and_a_warning(qtbot, dialog):
    dialog.show()
    ratio = dialog.ratio_labels[("PER", "light")]
    assert ratio.text() == "8.2:1"
    assert dialog.contrast_warning.isHidden()
    dialog.color_buttons[("PER", "light")].set_color("#aaaaaa")  # 2.3:1 on white
    assert ratio.text() == "⚠ 2.3:1"
    assert "below 4.5:1" in ratio.toolTip()
    assert dialog.contrast_warning.isVisible()
    dialog.color_buttons[("PER", "dark")].set_color("#303030")  # on the dark background
    assert dialog.ratio_labels[("PER", "dark")].text().startswith("⚠")
    dialog.restore_defaults()
    assert dialog.contrast_warning.isHidden()


def test_a_colour_button_opens_the_colour_dialog(qtbot, dialog, monkeypatch):
    answers = [QColor("#123456"), QColor()]  # chosen, then cancelled
    asked = []

    def get_color(initial, parent, title):
        asked.append((initial.name(), title))
        return answers.pop(0)

    monkeypatch.setattr("vnreader.ui.settings_dialog.QColorDialog.getColor", get_color)
    button = dialog.color_buttons[("LOC", "dark")]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert asked == [(default_color("LOC", "dark"), "Colour of Places in dark mode")]
    assert button.color == "#123456" and button.text() == "#123456"
    assert dialog.ratio_labels[("LOC", "dark")].text() == "⚠ 1.2:1"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert button.color == "#123456"


def test_the_ratio_is_measured_against_that_modes_background(dialog):
    dialog.color_buttons[("ORG", "dark")].set_color(COLORS["dark"]["base"])
    assert dialog.ratio_labels[("ORG", "dark")].text() == "⚠ 1.0:1"


def test_a_new_language_reopens_the_window(qtbot, dialog, settings, reopened, window):
    assert i18n.language() == "en"
    dialog.language.setCurrentIndex(dialog.language.findData("vi"))
    dialog.accept()
    assert settings.value(LANGUAGE_KEY) == "vi"
    qtbot.waitUntil(lambda: reopened == [window])


def test_the_same_language_under_another_name_does_not_reopen(qtbot, window, settings, reopened):
    settings.setValue(LANGUAGE_KEY, "en")
    dialog = SettingsDialog(window)
    qtbot.addWidget(dialog)
    assert dialog.language.currentData() == "en"
    dialog.accept()
    qtbot.wait(10)
    assert reopened == []


def test_the_data_folder_opens_and_its_path_is_copied(qtbot, dialog, window, monkeypatch):
    opened = []
    monkeypatch.setattr(
        "vnreader.ui.settings_dialog.QDesktopServices.openUrl", lambda url: opened.append(url)
    )
    qtbot.mouseClick(dialog.open_folder, Qt.MouseButton.LeftButton)
    assert [url.toLocalFile() for url in opened] == [str(window.store.path.parent)]
    qtbot.mouseClick(dialog.copy_path, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == str(window.store.path)
    assert dialog.copy_path.text() == "Copied"


def test_tab_goes_down_the_dialog_and_enter_means_ok(qtbot, dialog):
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    dialog.language.setFocus()
    qtbot.waitUntil(lambda: dialog.language.hasFocus())
    order = [dialog.appearance, dialog.font_family, dialog.font_size, dialog.snap]
    order += [dialog.color_buttons[("PER", "light")], dialog.color_buttons[("PER", "dark")]]
    for expected in order:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        assert focused is expected or expected.isAncestorOf(focused)
    assert dialog.open_folder.text() == "&Open Folder"
    assert not dialog.open_folder.autoDefault() and not order[-1].autoDefault()
    assert _button(dialog, QDialogButtonBox.StandardButton.Ok).isDefault()


def test_open_settings_shows_a_dialog_that_deletes_itself(qtbot, window):
    dialog = open_settings(window)
    assert dialog.isVisible()
    assert dialog.testAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.reject()
