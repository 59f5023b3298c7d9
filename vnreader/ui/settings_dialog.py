"""Settings: interface language and colours, the reader's font, entity colours, snapping,
and where the database lives. Nothing changes until OK; Restore Defaults only fills in
the defaults (OK still applies them)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, Qt, QTimer, QUrl
from PySide6.QtGui import QColor, QDesktopServices, QFont, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFontComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from vnreader import i18n
from vnreader.core.palette import contrast_ratio
from vnreader.i18n import tr
from vnreader.ui.appearance import (
    APPEARANCE_KEY,
    COLORS,
    FONT_FAMILY_KEY,
    POINT_SIZE_KEY,
    apply_appearance,
    apply_reader_font,
    default_font_family,
    refresh_colors,
    saved_appearance,
    saved_font_family,
)
from vnreader.ui.entity_style import (
    ENTITY_KINDS,
    MODES,
    color_swatch,
    default_color,
    entity_hex,
    save_custom_colors,
)
from vnreader.ui.reader import DEFAULT_POINT_SIZE, MAX_POINT_SIZE, MIN_POINT_SIZE
from vnreader.ui.translation import LANGUAGE_KEY, chosen_language, system_language

MIN_CONTRAST = 4.5  # WCAG AA for normal text
SNAP_KEY = "reader/snapToWords"


def format_ratio(ratio: float) -> str:
    """``4.5:1`` (with the interface's decimal separator)."""
    return f"{QLocale().toString(ratio, 'f', 1)}:1"


class ColorButton(QPushButton):
    """A button showing a colour and its name; clicking it opens a colour dialog."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.color = "#000000"
        self.on_change = None
        self.clicked.connect(self.choose)

    def set_color(self, color: str) -> None:
        self.color = color.lower()
        self.setIcon(color_swatch(QColor(self.color), 14))
        self.setText(self.color)
        if self.on_change:
            self.on_change()

    def choose(self) -> None:
        color = QColorDialog.getColor(QColor(self.color), self, self.title)
        if color.isValid():
            self.set_color(color.name())


class SettingsDialog(QDialog):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(tr("Settings"))
        self.setMinimumWidth(560)
        self.window_ = window
        self.settings = window.settings
        self.color_buttons: dict[tuple[str, str], ColorButton] = {}
        self.ratio_labels: dict[tuple[str, str], QLabel] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(self._interface_group())
        layout.addWidget(self._reader_group())
        layout.addWidget(self._colors_group())
        layout.addWidget(self._data_group())
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults,
            self,
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        restore = self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        restore.clicked.connect(self.restore_defaults)
        layout.addWidget(self.buttons)
        self._load()
        self._set_tab_order()
        self.language.setFocus()

    # --- building ------------------------------------------------------------------

    def _interface_group(self) -> QGroupBox:
        group = QGroupBox(tr("Interface"), self)
        form = QFormLayout(group)
        self.language = QComboBox(group)
        self.language.setObjectName("languageCombo")
        system = i18n.LANGUAGES[system_language()]
        self.language.addItem(tr("System ({language})", language=system), "system")
        for code, name in i18n.LANGUAGES.items():
            self.language.addItem(name, code)  # each language in its own words
        form.addRow(tr("&Language:"), self.language)
        self.appearance = QComboBox(group)
        self.appearance.setObjectName("appearanceCombo")
        self.appearance.addItem(tr("System", context="appearance"), "system")
        self.appearance.addItem(tr("Light", context="appearance"), "light")
        self.appearance.addItem(tr("Dark", context="appearance"), "dark")
        form.addRow(tr("&Appearance:"), self.appearance)
        note = QLabel(tr("A new language takes effect when you click OK; the window reopens."))
        note.setObjectName("settingsNote")
        note.setWordWrap(True)
        form.addRow(note)
        return group

    def _reader_group(self) -> QGroupBox:
        group = QGroupBox(tr("Reader"), self)
        form = QFormLayout(group)
        self.font_family = QFontComboBox(group)
        self.font_family.setObjectName("fontFamilyCombo")
        self.default_family = default_font_family()
        form.addRow(tr("&Font:"), self.font_family)
        self.font_size = QSpinBox(group)
        self.font_size.setObjectName("fontSizeSpin")
        self.font_size.setRange(MIN_POINT_SIZE, MAX_POINT_SIZE)
        self.font_size.setSuffix(tr(" pt"))
        self.font_size.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        form.addRow(tr("Si&ze:"), self.font_size)
        self.snap = QCheckBox(tr("&Snap selection to words"), group)
        self.snap.setObjectName("snapCheck")
        self.snap.setToolTip(tr("A selection in the reader grows to whole words."))
        form.addRow(self.snap)
        return group

    def _colors_group(self) -> QGroupBox:
        group = QGroupBox(tr("Entity colours"), self)
        grid = QGridLayout(group)
        grid.setColumnStretch(0, 1)
        for column, heading in ((1, tr("Light mode")), (3, tr("Dark mode"))):
            label = QLabel(f"<b>{heading}</b>", group)
            grid.addWidget(label, 0, column, 1, 2)
        for row, kind in enumerate(ENTITY_KINDS, start=1):
            name = tr(kind.name)
            grid.addWidget(QLabel(name, group), row, 0)
            for column, mode in ((1, "light"), (3, "dark")):
                title = (
                    tr("Colour of {kind} in light mode", kind=name)
                    if mode == "light"
                    else tr("Colour of {kind} in dark mode", kind=name)
                )
                button = ColorButton(title, group)
                button.setObjectName(f"color{kind.label}{mode.title()}")
                button.setToolTip(title)
                button.setAccessibleName(title)
                button.on_change = self._update_contrasts
                ratio = QLabel(group)
                ratio.setObjectName(f"ratio{kind.label}{mode.title()}")
                ratio.setMinimumWidth(ratio.fontMetrics().horizontalAdvance("⚠ 21.0:1") + 4)
                grid.addWidget(button, row, column)
                grid.addWidget(ratio, row, column + 1)
                self.color_buttons[(kind.label, mode)] = button
                self.ratio_labels[(kind.label, mode)] = ratio
        self.contrast_warning = QLabel(
            tr(
                "⚠ Text in a colour with a contrast below {ratio} against the background "
                "is hard to read.",
                ratio=format_ratio(MIN_CONTRAST),
            ),
            group,
        )
        self.contrast_warning.setObjectName("contrastWarning")
        self.contrast_warning.setWordWrap(True)
        grid.addWidget(self.contrast_warning, len(ENTITY_KINDS) + 1, 0, 1, 5)
        return group

    def _data_group(self) -> QGroupBox:
        group = QGroupBox(tr("Data"), self)
        form = QFormLayout(group)
        path = getattr(self.window_.store, "path", None)
        self.db_path = Path(path) if path is not None else None
        self.path_edit = QLineEdit(group)
        self.path_edit.setObjectName("databasePath")
        self.path_edit.setReadOnly(True)
        self.path_edit.setText(str(self.db_path) if self.db_path else tr("(in memory only)"))
        self.path_edit.setCursorPosition(0)
        self.open_folder = QPushButton(tr("&Open Folder"), group)
        self.open_folder.setObjectName("openFolderButton")
        self.open_folder.clicked.connect(self.open_data_folder)
        self.copy_path = QPushButton(tr("Co&py Path"), group)
        self.copy_path.setObjectName("copyPathButton")
        self.copy_path.clicked.connect(self.copy_database_path)
        for button in (self.open_folder, self.copy_path):
            button.setEnabled(self.db_path is not None)
            button.setAutoDefault(False)
        label = QLabel(tr("&Database file:"), group)
        label.setBuddy(self.path_edit)
        form.addRow(label, self.path_edit)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.open_folder)
        row.addWidget(self.copy_path)
        form.addRow(row)
        return group

    def _set_tab_order(self) -> None:
        chain = [self.language, self.appearance, self.font_family, self.font_size, self.snap]
        chain += [self.color_buttons[(k.label, mode)] for k in ENTITY_KINDS for mode in MODES]
        chain += [self.path_edit, self.open_folder, self.copy_path, self.buttons]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        for button in self.color_buttons.values():
            button.setAutoDefault(False)

    # --- values --------------------------------------------------------------------

    def _load(self) -> None:
        """Fill in what the window uses now."""
        language = str(self.settings.value(LANGUAGE_KEY, "system"))
        self._select(self.language, language if language in i18n.LANGUAGES else "system")
        self.loaded_appearance = saved_appearance(self.settings)
        self._select(self.appearance, self.loaded_appearance)
        family = saved_font_family(self.settings)
        self.font_family.setCurrentFont(QFont(family) if family else QFont(self.default_family))
        self.font_size.setValue(self.window_.reader.point_size())
        self.snap.setChecked(self.window_.snap_action.isChecked())
        for (label, mode), button in self.color_buttons.items():
            button.set_color(entity_hex(label, mode))

    def restore_defaults(self) -> None:
        self._select(self.language, "system")
        self._select(self.appearance, "system")
        self.font_family.setCurrentFont(QFont(self.default_family))
        self.font_size.setValue(DEFAULT_POINT_SIZE)
        self.snap.setChecked(True)
        for (label, mode), button in self.color_buttons.items():
            button.set_color(default_color(label, mode))

    @staticmethod
    def _select(combo: QComboBox, value: str) -> None:
        combo.setCurrentIndex(max(0, combo.findData(value)))

    def chosen_colors(self) -> dict[tuple[str, str], str]:
        return {key: button.color for key, button in self.color_buttons.items()}

    def _update_contrasts(self) -> None:
        low = False
        for (label, mode), button in self.color_buttons.items():
            ratio = contrast_ratio(button.color, COLORS[mode]["base"])
            text = format_ratio(ratio)
            widget = self.ratio_labels[(label, mode)]
            if ratio < MIN_CONTRAST:
                low = True
                widget.setText(f"⚠ {text}")
                widget.setToolTip(
                    tr(
                        "Contrast against the background: {ratio}, below {minimum}: hard to read.",
                        ratio=text,
                        minimum=format_ratio(MIN_CONTRAST),
                    )
                )
            else:
                widget.setText(text)
                widget.setToolTip(tr("Contrast against the background: {ratio}", ratio=text))
            font = widget.font()
            font.setBold(ratio < MIN_CONTRAST)
            widget.setFont(font)
        self.contrast_warning.setVisible(low)

    # --- data folder -----------------------------------------------------------------

    def open_data_folder(self) -> None:
        if self.db_path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.db_path.parent)))

    def copy_database_path(self) -> None:
        if self.db_path is not None:
            QGuiApplication.clipboard().setText(str(self.db_path))
            self.copy_path.setText(tr("Copied"))
            QTimer.singleShot(1500, self, lambda: self.copy_path.setText(tr("Co&py Path")))

    # --- OK ----------------------------------------------------------------------------

    def accept(self) -> None:
        window, settings = self.window_, self.settings
        old_language = str(settings.value(LANGUAGE_KEY, "system"))
        language = self.language.currentData()
        settings.setValue(LANGUAGE_KEY, language)
        appearance = self.appearance.currentData()
        settings.setValue(APPEARANCE_KEY, appearance)
        family = self.font_family.currentFont().family()
        if family == self.default_family:
            family = ""
            settings.remove(FONT_FAMILY_KEY)
        else:
            settings.setValue(FONT_FAMILY_KEY, family)
        settings.setValue(POINT_SIZE_KEY, self.font_size.value())
        apply_reader_font(window, family, self.font_size.value())
        colors_changed = save_custom_colors(settings, self.chosen_colors(), notify=False)
        if appearance != self.loaded_appearance:  # (a one-run override stays otherwise)
            apply_appearance(QApplication.instance(), appearance)  # redraws everything
        elif colors_changed:
            refresh_colors()
        window.snap_action.setChecked(self.snap.isChecked())
        settings.setValue(SNAP_KEY, self.snap.isChecked())
        for reader in window.readers():
            reader.snap_to_words = self.snap.isChecked()
        settings.sync()
        super().accept()
        if language != old_language and chosen_language(settings) != i18n.language():
            QTimer.singleShot(0, window, lambda: _reopen(window))


def _reopen(window) -> None:
    from vnreader.ui.app import reopen_window

    reopen_window(window)


def open_settings(window) -> SettingsDialog:
    """Show the settings dialog (window-modal) and return it."""
    dialog = SettingsDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
