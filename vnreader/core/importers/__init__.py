"""Files -> normalised text and a title, with one clear reason for every file we refuse.

``read_document`` reads .txt, .md/.markdown, .html/.htm and .docx files. The text it returns
is what the user will see: decoded, NFC, "\\n" newlines, leading/trailing blank lines dropped.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from vnreader.core.importers.decoding import ContentError, DecodeError, decode_bytes
from vnreader.core.importers.docx_text import docx_to_text
from vnreader.core.importers.html_text import html_to_text
from vnreader.core.importers.legacy_fonts import NAMES as LEGACY_FONT_NAMES
from vnreader.core.importers.markdown_text import markdown_to_text
from vnreader.core.text import TITLE_MAX_CHARS, normalize_text, title_from_text
from vnreader.i18n import tr

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_TEXT_CHARS",
    "SUPPORTED_SUFFIXES",
    "DecodeError",
    "ImportedText",
    "UnreadableFileError",
    "collect_paths",
    "read_document",
]

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".docx")
# Limits that keep the window responsive: a report of 2 million characters (about 800
# pages, 2.6 MB of Vietnamese UTF-8) opens in under a second; a bigger one would freeze the
# window for seconds on every open, so it is refused with a message saying to split it.
MAX_FILE_BYTES = 32 * 1024 * 1024  # a file, before reading (HTML and .docx carry markup)
MAX_TEXT_CHARS = 2_000_000  # the text, once extracted
_MB = 1024 * 1024
_LEADING_BLANK_LINES = re.compile(r"\A(?:[^\S\n]*\n)+")


@dataclass(frozen=True)
class ImportedText:
    """A document read from disk: normalised text, title, where it came from, how decoded."""

    title: str
    text: str
    source_path: str
    encoding: str
    # fold_same_length(text) for the search index, when a bulk import folded it while reading
    folded: str | None = None

    @property
    def converted_from(self) -> str | None:
        """The old font encoding the text was converted from ("TCVN3 (ABC)", "VNI"), if any."""
        return LEGACY_FONT_NAMES.get(self.encoding)


class UnreadableFileError(Exception):
    """A file that cannot be imported; ``str(err)`` is one line: "name: reason"."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path.name or self.path}: {reason}")

    def __reduce__(self) -> tuple[type[UnreadableFileError], tuple[Path, str]]:
        return (type(self), (self.path, self.reason))


def read_document(path: str | os.PathLike[str], *, trim: bool = True) -> ImportedText:
    """Read one file; raise :class:`UnreadableFileError` (only) if it cannot be imported.

    With ``trim=False`` the text keeps its leading and trailing blank lines, so that offsets
    count from the start of the file's (normalised) text.
    """
    file = Path(path)
    try:
        info = file.stat()
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError
        suffix = file.suffix.lower()
        if suffix not in SUPPORTED_SUFFIXES:
            shown = suffix or tr("(no extension)")
            supported = ", ".join(SUPPORTED_SUFFIXES)
            raise UnreadableFileError(
                file,
                tr(
                    "unsupported file type {suffix} (supported: {supported})",
                    suffix=shown,
                    supported=supported,
                ),
            )
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFileError(file, tr("not a regular file"))
        if info.st_size > MAX_FILE_BYTES:
            raise UnreadableFileError(file, _too_big(info.st_size))
        with file.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise UnreadableFileError(file, _os_reason(error)) from None
    if len(data) > MAX_FILE_BYTES:
        raise UnreadableFileError(file, _too_big(len(data)))
    if not data:
        raise UnreadableFileError(file, tr("the file is empty"))
    try:
        title, text, encoding = _READERS[suffix](data)
    except ContentError as error:
        raise UnreadableFileError(file, str(error)) from None
    except RecursionError:
        raise UnreadableFileError(file, tr("the document is nested too deeply to read")) from None
    text = normalize_text(text)
    if len(text) > MAX_TEXT_CHARS:
        raise UnreadableFileError(file, _too_long(len(text)))
    trimmed = _LEADING_BLANK_LINES.sub("", text).rstrip()
    if not trimmed:
        raise UnreadableFileError(file, _no_text_reason(suffix, data))
    if not _has_visible_character(trimmed):
        raise UnreadableFileError(
            file,
            tr("the file holds only invisible characters (zero-width spaces, joiners, controls)"),
        )
    text = trimmed if trim else text
    return ImportedText(_clean_title(title, trimmed), text, os.path.abspath(file), encoding)


def collect_paths(
    paths: Iterable[str | os.PathLike[str]],
) -> tuple[list[Path], list[UnreadableFileError]]:
    """Expand folders (recursively, sorted, hidden and unsupported files skipped).

    Files named explicitly are kept whatever their type, so that :func:`read_document`
    can say why it refuses them. Paths are de-duplicated; missing ones become errors.
    """
    files: list[Path] = []
    errors: list[UnreadableFileError] = []
    seen: set[Path] = set()

    def add(file: Path) -> None:
        key = file.resolve()
        if key not in seen:
            seen.add(key)
            files.append(file)

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            _walk(path, add, errors)
        elif path.exists() or path.is_symlink():
            add(path)
        else:
            errors.append(UnreadableFileError(path, tr("file not found")))
    return files, errors


def _walk(folder: Path, add: Callable[[Path], None], errors: list[UnreadableFileError]) -> None:
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: (entry.name.casefold(), entry.name))
    except OSError as error:
        errors.append(UnreadableFileError(folder, _os_reason(error)))
        return
    for entry in entries:
        if entry.name.startswith((".", "~$")):  # hidden files, Office lock files
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                _walk(Path(entry.path), add, errors)
            elif Path(entry.name).suffix.lower() in SUPPORTED_SUFFIXES and entry.is_file():
                add(Path(entry.path))
        except OSError as error:
            errors.append(UnreadableFileError(entry.path, _os_reason(error)))


# --- one reader per format: bytes -> (title or "", text, encoding) ---------------------


def _read_txt(data: bytes) -> tuple[str, str, str]:
    text, encoding = decode_bytes(data)
    return "", text, encoding


def _read_markdown(data: bytes) -> tuple[str, str, str]:
    source, encoding = decode_bytes(data)
    document = markdown_to_text(normalize_text(source))
    return document.title, document.text, encoding


def _read_html(data: bytes) -> tuple[str, str, str]:
    document = html_to_text(data)
    return document.title, document.text, document.encoding


def _read_docx(data: bytes) -> tuple[str, str, str]:
    document = docx_to_text(data)
    return document.title, document.text, "docx"


_READERS: dict[str, Callable[[bytes], tuple[str, str, str]]] = {
    ".txt": _read_txt,
    ".md": _read_markdown,
    ".markdown": _read_markdown,
    ".html": _read_html,
    ".htm": _read_html,
    ".docx": _read_docx,
}


def _clean_title(candidate: str, text: str) -> str:
    title = " ".join(normalize_text(candidate).split())
    if not title:
        return title_from_text(text)
    return title if len(title) <= TITLE_MAX_CHARS else title_from_text(title)


def _no_text_reason(suffix: str, data: bytes) -> str:
    if suffix == ".docx":
        return tr("the document holds no text")
    if suffix in (".html", ".htm"):
        return tr("no readable article text in the page")
    try:
        raw, _ = decode_bytes(data)
    except DecodeError:
        raw = "x"
    if not normalize_text(raw).strip():
        return tr("the file holds only whitespace")
    return tr("the file holds no readable text")


_INVISIBLE = frozenset({"Cc", "Cf", "Cs", "Zs", "Zl", "Zp"})  # Unicode general categories


def _has_visible_character(text: str) -> bool:
    """False for text made only of spaces, format characters (U+200B, U+200D, U+FEFF…) and
    controls: nothing a reader could see or tag. Stops at the first visible character."""
    return any(not char.isspace() and unicodedata.category(char) not in _INVISIBLE for char in text)


def _too_big(size: int) -> str:
    return tr(
        "the file is {size}; vnreader reads files of up to {limit}. Split it into smaller"
        " files (one per chapter, say) and import those",
        size=_size(size, decimals=True),
        limit=_size(MAX_FILE_BYTES),
    )


def _too_long(chars: int) -> str:
    return tr(
        "the text is {millions:.1f} million characters; vnreader opens reports of up to"
        " {limit:g} million (about {pages:,} pages). Split it into smaller files (one per"
        " chapter, say) and import those",
        millions=chars / 1e6,
        limit=MAX_TEXT_CHARS / 1e6,
        pages=MAX_TEXT_CHARS // 2500,
    )


def _size(count: int, decimals: bool = False) -> str:
    if count >= _MB:
        return f"{count / _MB:.1f} MB" if decimals or count % _MB else f"{count // _MB} MB"
    if count >= 1024:
        return f"{count / 1024:.1f} KB" if decimals or count % 1024 else f"{count // 1024} KB"
    return tr("{count} bytes", count=count)


def _os_reason(error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        return tr("file not found")
    if isinstance(error, IsADirectoryError):
        return tr("is a directory")
    if isinstance(error, PermissionError):
        return tr("permission denied")
    return (error.strerror or str(error) or type(error).__name__).lower()
