"""Text contracts: normalisation of imported text, folding, titles and offset units.

Every offset in vnreader counts Python code points of the stored (normalised) text.
Qt counts UTF-16 units; :class:`Utf16Map` converts between the two at the widget boundary.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left

# Line breaks other than "\n" that a text may carry. Qt would turn U+2029 into a block
# break of its own, so all of them become "\n" and offsets stay the same in the widget.
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
# C0/C1 control characters other than tab and newline are never meant to be read.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
_SPACES = re.compile(r"\s+")

TITLE_MAX_CHARS = 120
UNTITLED = "Untitled"


def normalize_text(text: str) -> str:
    """The form in which text is stored: NFC, "\\n" newlines, no BOM, no control characters.

    Idempotent: control characters go first, so none can hide a BOM (``"\\x00\\ufeff"``), and
    every leading BOM is dropped (a file saved twice with one may start with two).
    """
    text = _CONTROL.sub("", text).lstrip("\ufeff")
    text = _LINE_BREAKS.sub("\n", text)
    return unicodedata.normalize("NFC", text)


def strip_marks(text: str) -> str:
    """Remove tones and other diacritics, and turn đ/Đ into d/D (not length-preserving)."""
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return bare.replace("đ", "d").replace("Đ", "D").replace("ð", "d").replace("Ð", "D")


def fold(text: str) -> str:
    """Case- and accent-insensitive form for matching: "Đà Nẵng" -> "da nang"."""
    return _SPACES.sub(" ", strip_marks(text).casefold()).strip()


class _FoldTable(dict):
    """``str.translate`` table for :func:`fold_same_length`, filled in as characters appear."""

    def __missing__(self, code: int) -> str:
        self[code] = folded = _fold_char(chr(code))
        return folded


def _fold_char(ch: str) -> str:
    base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
    if not base:
        # A combining mark on its own (NFD that slipped through, or no precomposed form):
        # it stays as it is, so the length is kept. SQLite's unicode61 tokenizer with
        # remove_diacritics treats such marks as part of the word and drops them, and
        # vnreader.core.search ignores them inside words in the same way.
        return ch
    base = base.replace("đ", "d").replace("Đ", "D").replace("ð", "d").replace("Ð", "D")
    lower = base.lower()
    if len(lower) == 1:
        return lower
    own = ch.lower()
    return own if len(own) == 1 else ch


_FOLD_TABLE = _FoldTable()


def fold_same_length(text: str) -> str:
    """A folded shadow of ``text`` with the same length, so offsets line up one to one.

    Each code point becomes lowercase without tones or other diacritics, and đ/Đ/ð/Ð
    become d ("Đà Nẵng" -> "da nang"). A code point whose fold would not be exactly one
    code point (e.g. "ß" -> "ss" under casefold, a Hangul syllable) keeps its own
    one-character lowercase, or itself; "İ" becomes "i".
    """
    if text.isascii():
        return text.lower()
    return text.translate(_FOLD_TABLE)


# --- sentences -------------------------------------------------------------------------

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    [
        "tp",
        "tt",
        "q",
        "p",
        "ts",
        "ths",
        "pgs",
        "gs",
        "bs",
        "ks",
        "ls",
        "nxb",
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "no",
        "vs",
        "etc",
        "tel",
        "fax",
        "co",
        "ltd",
        "inc",
        "jr",
        "sr",
    ]
)
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s+[\"'“‘«(\[\-–—]*(\S))")
MAX_SENTENCE_CHARS = 400


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) code-point spans of the sentences of ``text``, whitespace trimmed.

    Paragraphs (lines) never share a sentence. Overlong sentences are cut at a comma,
    semicolon or space so that per-sentence work stays bounded.
    """
    spans: list[tuple[int, int]] = []
    line_start = 0
    for line in text.split("\n"):
        start = 0
        for match in _BOUNDARY.finditer(line):
            following = match.group(1)
            if not (following.isupper() or following.isdigit()):
                continue
            if _is_abbreviation(line, match.start()):
                continue
            _add_trimmed(spans, line, line_start, start, match.end())
            start = match.end()
        _add_trimmed(spans, line, line_start, start, len(line))
        line_start += len(line) + 1
    return spans


def _is_abbreviation(line: str, dot: int) -> bool:
    if line[dot] != ".":
        return False
    word_start = dot
    while word_start > 0 and (line[word_start - 1].isalpha() or line[word_start - 1] == "."):
        word_start -= 1
    word = line[word_start:dot].replace(".", "").lower()
    # Initials ("J. Biden", "D.C.") and listed abbreviations ("TP. Hồ Chí Minh").
    return len(word) == 1 or word in _ABBREVIATIONS


def _add_trimmed(
    spans: list[tuple[int, int]], line: str, offset: int, start: int, end: int
) -> None:
    while start < end and line[start].isspace():
        start += 1
    while end > start and line[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE_CHARS:
        cut = _cut_point(line, start, start + MAX_SENTENCE_CHARS)
        spans.append((offset + start, offset + cut))
        start = cut
        while start < end and line[start].isspace():
            start += 1
    if end > start:
        spans.append((offset + start, offset + end))


def _cut_point(line: str, start: int, limit: int) -> int:
    for separators in (";", ",", " "):
        best = max(line.rfind(sep, start + 1, limit) for sep in separators)
        if best > start + MAX_SENTENCE_CHARS // 2:
            return best + 1
    return limit


# --- titles ----------------------------------------------------------------------------

_TITLE_EDGE = " \t#*_>|-–—:;,.·•"


def title_from_text(text: str) -> str:
    """A document title: the first sentence of the first non-empty line, trimmed sensibly."""
    for line in text.split("\n"):
        line = line.strip().strip(_TITLE_EDGE).strip()
        if not line:
            continue
        first = sentence_spans(line)
        if first:
            start, end = first[0]
            line = line[start:end]
        line = _SPACES.sub(" ", line).strip(_TITLE_EDGE).strip()
        if line:
            return _shorten(line)
    return UNTITLED


def _shorten(line: str) -> str:
    if len(line) <= TITLE_MAX_CHARS:
        return line
    cut = line.rfind(" ", 0, TITLE_MAX_CHARS)
    if cut < TITLE_MAX_CHARS // 2:
        cut = TITLE_MAX_CHARS - 1
    return line[:cut].rstrip(_TITLE_EDGE) + "…"


# --- offsets ---------------------------------------------------------------------------


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")  # the characters UTF-16 stores as two units


class Utf16Map:
    """Converts offsets between code points (our unit) and UTF-16 units (Qt's unit)."""

    def __init__(self, text: str) -> None:
        astral = [] if text.isascii() else [m.start() for m in _ASTRAL.finditer(text)]
        self._astral = astral
        self._astral_utf16 = [pos + k for k, pos in enumerate(astral)]

    @property
    def is_identity(self) -> bool:
        return not self._astral

    def to_utf16(self, offset: int) -> int:
        return offset + bisect_left(self._astral, offset)

    def to_code_point(self, position: int) -> int:
        """The code point at or containing UTF-16 ``position`` (a surrogate half maps down)."""
        return position - bisect_left(self._astral_utf16, position)
