"""The interface language: English in the code, Vietnamese from gettext catalogues.

Every string a user sees is written in English and passed through :func:`tr` (or
:func:`trn` when it counts something) where it is shown. The Vietnamese text lives in
``vnreader/resources/i18n/vi/*.po``, standard gettext catalogues that any PO editor opens;
they are read once, the first time a Vietnamese string is needed. Strings defined at import
time (constants, tables) are marked with :func:`N_` and translated where they are shown.

Qt-free: the core raises its messages through :func:`tr` too, so the window shows them in
the chosen language. The language is per process and set once at start
(:func:`set_language`); tests run in English unless they switch.
"""

from __future__ import annotations

import os
import re
import string
from functools import cache
from importlib import resources
from typing import Any

LANGUAGES = {"en": "English", "vi": "Tiếng Việt"}
DEFAULT = "en"

_language = DEFAULT


def set_language(code: str) -> str:
    """Use ``code`` ("en" or "vi"; anything else falls back to English); returns it."""
    global _language
    _language = code if code in LANGUAGES else DEFAULT
    return _language


def language() -> str:
    return _language


LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")  # in the order they win


def _spoken(name: str | None) -> str | None:
    """Our code for a locale name such as ``vi_VN.UTF-8`` or ``en-GB``; None if we do not
    speak its language."""
    code = re.split(r"[_.@-]", (name or "").strip().lower(), maxsplit=1)[0]
    return code if code in LANGUAGES else None


def language_of_locale(name: str | None) -> str:
    """The interface language for a locale name (English for one we do not speak)."""
    return _spoken(name) or DEFAULT


def system_language(environ: dict[str, str] | None = None) -> str:
    """The language the environment asks for (:data:`LOCALE_VARIABLES`, first set wins;
    ``LANGUAGE`` may list several, the first we speak wins)."""
    environ = os.environ if environ is None else environ
    for key in LOCALE_VARIABLES:
        value = environ.get(key, "")
        if not value:
            continue
        spoken = [code for name in value.split(":") if (code := _spoken(name))]
        if spoken or key != "LANGUAGE":
            return spoken[0] if spoken else DEFAULT
    return DEFAULT


def N_(text: str) -> str:  # noqa: N802 - the gettext name every translator knows
    """Mark ``text`` for the catalogue without translating it (translate where shown)."""
    return text


def tr(text: str, /, context: str | None = None, **fields: Any) -> str:
    """``text`` in the interface language, then ``str.format(**fields)`` when fields are
    given. ``context`` tells apart one English word with two meanings (gettext msgctxt)."""
    if _language != DEFAULT:
        text = catalogue(_language).get((context, text)) or text
    return _FORMATTER.format(text, **fields) if fields else text


def trn(singular: str, plural: str, n: int, /, context: str | None = None, **fields: Any) -> str:
    """The form of a counted phrase for ``n``; ``{n}`` and ``fields`` are filled in.
    Vietnamese has one form (``msgstr[0]``)."""
    if _language != DEFAULT:
        translated = catalogue(_language).get((context, singular))
        if translated:
            return _FORMATTER.format(translated, n=n, **fields)
    return _FORMATTER.format(singular if n == 1 else plural, n=n, **fields)


class _Formatter(string.Formatter):
    """``str.format`` whose formatted numbers (``{n:,}``, ``{x:.1f}``) follow the
    language: 1,234.5 in English, 1.234,5 in Vietnamese."""

    def format_field(self, value: Any, format_spec: str) -> str:
        text = format(value, format_spec)
        grouped_or_decimal = "," in format_spec or format_spec[-1:] in ("f", "F", "g", "%")
        if _language == "vi" and grouped_or_decimal and isinstance(value, (int, float)):
            text = text.translate(_VI_NUMBER)
        return text


_FORMATTER = _Formatter()
_VI_NUMBER = str.maketrans({",": ".", ".": ","})


@cache
def catalogue(code: str) -> dict[tuple[str | None, str], str]:
    """Every translated message of ``code``'s catalogues: ``(context, English) -> text``.
    Untranslated and fuzzy entries are left out, so the English shows instead."""
    folder = resources.files("vnreader") / "resources" / "i18n" / code
    messages: dict[tuple[str | None, str], str] = {}
    if not folder.is_dir():
        return messages
    for entry in sorted(folder.iterdir(), key=lambda item: item.name):
        if entry.name.endswith(".po"):
            for message in parse_po(entry.read_text(encoding="utf-8")):
                if message.translation and not message.fuzzy:
                    messages[(message.context, message.source)] = message.translation
    return messages


class PoMessage:
    """One entry of a PO file."""

    __slots__ = ("context", "source", "plural", "translation", "fuzzy", "line")

    def __init__(self, line: int) -> None:
        self.context: str | None = None
        self.source = ""
        self.plural: str | None = None
        self.translation = ""
        self.fuzzy = False
        self.line = line


_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")\s*$')


def parse_po(text: str) -> list[PoMessage]:
    """The entries of a PO file, header left out. Raises ``ValueError`` naming the line of
    anything it does not understand, so a broken catalogue fails its test, not the app."""
    messages: list[PoMessage] = []
    current: PoMessage | None = None
    field: str | None = None
    fuzzy = False

    def finish() -> None:
        if current is not None and current.source:
            messages.append(current)

    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            continue
        match = _KEYWORD.match(line)
        if match:
            keyword, index, literal = match.groups()
            if keyword in ("msgctxt", "msgid") and (
                current is None or field in ("msgstr", "msgstr[]")
            ):
                finish()
                current, fuzzy_now = PoMessage(number), fuzzy
                current.fuzzy, fuzzy = fuzzy_now, False
                seen: set[str] = set()
            if current is None:
                raise ValueError(f"line {number}: {keyword} before msgid")
            name = keyword if index is None else f"msgstr[{index}]"
            if name in seen:
                raise ValueError(f"line {number}: a second {name} (a msgstr missing above?)")
            seen.add(name)
            field = "msgstr" if keyword.startswith("msgstr") else keyword
            if index not in (None, "0"):
                field = "msgstr[]"  # further plural forms: Vietnamese has one
                continue
            _append(current, field, _unquote(literal, number))
        elif line.startswith('"') and current is not None and field is not None:
            if field != "msgstr[]":
                _append(current, field, _unquote(line, number))
        else:
            raise ValueError(f"line {number}: cannot read {raw!r}")
    finish()
    return messages


def _append(message: PoMessage, field: str, value: str) -> None:
    if field == "msgctxt":
        message.context = (message.context or "") + value
    elif field == "msgid":
        message.source += value
    elif field == "msgid_plural":
        message.plural = (message.plural or "") + value
    else:
        message.translation += value


_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')
_ESCAPE = re.compile(r"\\(.)")


def _unquote(literal: str, number: int) -> str:
    """The text of a PO string literal (C escapes \\n, \\t, \\", \\\\)."""
    match = _STRING.fullmatch(literal)
    if match is None:
        raise ValueError(f"line {number}: bad string {literal}")

    def unescape(escape: re.Match) -> str:
        if escape.group(1) not in _ESCAPES:
            raise ValueError(f"line {number}: unknown escape \\{escape.group(1)}")
        return _ESCAPES[escape.group(1)]

    return _ESCAPE.sub(unescape, match.group(1))
