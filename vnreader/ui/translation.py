"""The interface language of the window: our catalogues plus Qt's own strings.

PySide6 ships no Vietnamese translation of Qt, so the few Qt strings a user meets (dialog
buttons, the text fields' context menu, the progress dialog's Cancel) come from
``resources/i18n/qt_vi.po`` through :class:`CatalogueTranslator`.
"""

from __future__ import annotations

import os
from importlib import resources

from PySide6.QtCore import QCoreApplication, QLocale, QSettings, QTranslator

from vnreader import i18n

LANGUAGE_KEY = "interface/language"  # "system", "en" or "vi"


def chosen_language(settings: QSettings, override: str | None = None) -> str:
    """The language the settings ask for (or ``override``, a one-run choice), the
    system's when they say "system" (or nothing)."""
    choice = override or str(settings.value(LANGUAGE_KEY, "system"))
    if choice in i18n.LANGUAGES:
        return choice
    return system_language()


def system_language() -> str:
    """The system's language: the locale variables where they are set (Linux and other
    Unix: ``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``), else what Qt reads from
    the platform (Windows, macOS)."""
    if any(os.environ.get(key) for key in i18n.LOCALE_VARIABLES):
        return i18n.system_language()
    languages = QLocale.system().uiLanguages()
    return i18n.language_of_locale(languages[0] if languages else QLocale.system().name())


def install_language(code: str) -> str:
    """Switch this process to ``code``: our messages, Qt's strings and number formats."""
    code = i18n.set_language(code)
    app = QCoreApplication.instance()
    old = getattr(app, "_vnreader_translator", None)
    if old is not None:
        QCoreApplication.removeTranslator(old)
        old.deleteLater()
        app._vnreader_translator = None
    if code != i18n.DEFAULT and app is not None:
        translator = CatalogueTranslator(qt_catalogue(code), app)
        QCoreApplication.installTranslator(translator)
        app._vnreader_translator = translator  # kept alive with the application
    locale = QLocale(QLocale.Language.Vietnamese if code == "vi" else QLocale.Language.English)
    QLocale.setDefault(locale)
    return code


def qt_catalogue(code: str) -> dict[tuple[str, str], str]:
    """``(Qt context, English) -> text`` from ``resources/i18n/qt_<code>.po``."""
    path = resources.files("vnreader") / "resources" / "i18n" / f"qt_{code}.po"
    if not path.is_file():
        return {}
    return {
        (m.context or "", m.source): m.translation
        for m in i18n.parse_po(path.read_text(encoding="utf-8"))
        if m.translation and not m.fuzzy
    }


class CatalogueTranslator(QTranslator):
    """A QTranslator answering from a dictionary instead of a compiled ``.qm`` file."""

    def __init__(self, messages: dict[tuple[str, str], str], parent=None) -> None:
        super().__init__(parent)
        self._messages = messages

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: ARG002
        # An empty answer would blank the string: Qt reads "" as a translation.
        return self._messages.get((context, source)) or source

    def isEmpty(self) -> bool:  # noqa: N802
        return not self._messages
