"""Bytes -> text: BOMs, UTF-16 without BOM, binary sniffing, UTF-8 and Windows-1258, and the
old TCVN3 (ABC) and VNI font encodings, recognised from their content and converted.

HTML pages may also declare their charset (:func:`decode_html`).

The result is not yet normalised, except that Windows-1258 text (which spells tones as
combining marks) and converted TCVN3/VNI text are returned in NFC.

TCVN3 and VNI text is converted only when it is recognised (:func:`legacy_font_encoding`),
the converted words read as Vietnamese syllables, and every byte means something in the
encoding, or the only exceptions are a few control-like bytes (at most
``max(3, size / 10,000)`` of 0x81 0x8D 0x8F 0x90 0x9D), which become U+FFFD. Anything else
is refused with a message naming the encoding: see :mod:`.legacy_fonts` for the tables and
for what TCVN3 cannot say (capital letters with tones).
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from vnreader.core.importers import legacy_fonts
from vnreader.i18n import N_, tr


class ContentError(ValueError):
    """A file's content cannot be turned into text; the message is the human reason."""


class DecodeError(ContentError):
    """The bytes are not text in any encoding we read."""


# Translated where raised (tr); tests compare them in English.
TRUNCATED_UTF8 = N_("the file ends in the middle of a UTF-8 character (truncated?)")
TRUNCATED_UTF16 = N_("the file ends in the middle of a UTF-16 character (truncated?)")

# Longest first: the UTF-32 LE BOM starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Leading bytes of common non-text formats, and what to call them.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", N_("PDF file")),
    (b"\x89PNG\r\n\x1a\n", N_("PNG image")),
    (b"GIF87a", N_("GIF image")),
    (b"GIF89a", N_("GIF image")),
    (b"\xff\xd8\xff", N_("JPEG image")),
    (b"PK\x03\x04", N_("ZIP archive")),
    (b"PK\x05\x06", N_("ZIP archive")),
    (b"\x7fELF", N_("program (ELF executable)")),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", N_("old Office document (.doc/.xls)")),
    (b"\x1f\x8b", N_("gzip archive")),
    (b"Rar!\x1a\x07", N_("RAR archive")),
    (b"7z\xbc\xaf\x27\x1c", N_("7-Zip archive")),
    (b"SQLite format 3\x00", N_("SQLite database")),
    (b"{\\rtf", N_("RTF document")),
)

_SAMPLE = 64 * 1024
_VIETNAMESE_SAMPLE = 256 * 1024  # characters judged by looks_vietnamese
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
# C0 control bytes that never occur in text (tab, LF, VT, FF, CR, SUB and ESC do).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\x0b\x0c\r\x1a\x1b") + b"\x7f"
_MAX_CONTROL_SHARE = 0.10

# Windows-1258 spells these tones as combining marks (bytes CC EC DE D2 F2).
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
# Which vowels take which marks: circumflex (â ê ô), breve (ă), horn (ơ ư), and tones.
_MARK_BASES = {
    "\u0302": frozenset("aeoAEO"),
    "\u0306": frozenset("aA"),
    "\u031b": frozenset("ouOU"),
    **dict.fromkeys(_TONE_MARKS, frozenset("aeiouyAEIOUY")),
}
# Marks that other Latin-script languages rarely use; grave, acute, circumflex they do.
_DISTINCT_MARKS = frozenset("\u0303\u0309\u0323\u0306\u031b")


def sniff_binary(data: bytes) -> None:
    """Raise DecodeError if ``data`` is evidently not text (magic number, NULs, controls)."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise DecodeError(tr("looks like a binary file ({kind}), not text", kind=tr(kind)))
    sample = data[:_SAMPLE]
    if b"\x00" in sample:
        raise DecodeError(tr("looks like a binary file, not text"))
    if sample:
        controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
        if controls / len(sample) > _MAX_CONTROL_SHARE:
            raise DecodeError(tr("looks like a binary file, not text"))


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding name)`` or raise :class:`DecodeError`."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_with_bom(data, encoding)
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    sniff_binary(data)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        utf8_error = error
    truncated = utf8_error.reason == "unexpected end of data" and utf8_error.start >= len(data) - 3
    # A multibyte prefix that broke off at the very end: the file was cut short.
    if truncated and not data[: utf8_error.start].isascii():
        raise DecodeError(tr(TRUNCATED_UTF8))
    vietnamese = _decode_cp1258(data)
    if vietnamese is not None:
        return vietnamese, "cp1258"
    if truncated:
        raise DecodeError(tr(TRUNCATED_UTF8))
    legacy = legacy_font_encoding(data)
    converted = _convert_legacy(data, legacy) if legacy else None
    if converted is not None:
        return converted, legacy
    bad = data[utf8_error.start]
    raise DecodeError(
        tr(
            "not valid UTF-8 or Windows-1258 text (bad byte 0x{byte:02x} at offset {offset})",
            byte=bad,
            offset=utf8_error.start,
        )
    )


# Bytes that the TCVN3 (ABC) fonts use for Vietnamese letters ("Vi\xd6t" = Việt,
# "H\xb5" = Hà, "\xad\xac" = ươ) and that Windows-1258 or Latin-1 text never has inside
# a word (symbols such as ¢ © ¶ ½ ×, and Ö Ø). They make a third or more of the non-ASCII
# bytes of Vietnamese running text; VNI's marks after vowels, nearly all.
_TCVN3_SHARE, _VNI_SHARE = 0.2, 0.3
_TCVN3_BYTES = frozenset(range(0xA2, 0xAF)) | frozenset(range(0xB5, 0xBA)) | {0xBC, 0xBD, 0xBE}
_TCVN3_BYTES |= {0xD6, 0xD7, 0xD8}
# The bytes VNI fonts write after a vowel for its marks ("Vie\xe4t" = Việt, "Ha\xf8" = Hà),
# lowercase and capital, and the letters they may follow: a tone after any vowel or ơ ư
# (bytes F4 F6 D4 D6), a circumflex (with or without a tone) after a e o, a breve after a.
_VOWELS, _HORNED = b"aeiouyAEIOUY", b"\xf4\xf6\xd4\xd6"
_VNI_MARK_BASES = {
    **dict.fromkeys(b"\xf8\xf9\xfb\xf5\xef", frozenset(_VOWELS + _HORNED)),
    **dict.fromkeys(b"\xe2\xe0\xe1\xe5\xe3\xe4", frozenset(b"aeoAEO")),
    **dict.fromkeys(b"\xea\xe8\xe9\xfa\xfc\xeb", frozenset(b"aA")),
}
_VNI_MARK_BASES |= {byte - 0x20: bases for byte, bases in _VNI_MARK_BASES.items()}
_ASCII_LETTERS = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_MAX_UNMAPPED_SHARE = 1 / 10_000


def legacy_font_encoding(data: bytes) -> str | None:
    """``"tcvn3"`` or ``"vni"`` when ``data`` reads as Vietnamese typed for those fonts.

    Counts the bytes that sit where that encoding puts Vietnamese letters: TCVN3 letters
    next to an ASCII letter; VNI marks right after a vowel that takes them and đ (ñ)
    starting a word, where Spanish, German or French text has them after consonants and
    inside words. :func:`decode_bytes` converts only if the result also reads as Vietnamese.
    """
    sample = data[:_SAMPLE]
    high = sum(1 for byte in sample if byte >= 0x80)
    if high < 3:
        return None
    tcvn3 = vni = 0
    for i, byte in enumerate(sample):
        if byte < 0x80:
            continue
        before = sample[i - 1] if i else 0
        after = sample[i + 1] if i + 1 < len(sample) else 0
        if byte in _TCVN3_BYTES and (before in _ASCII_LETTERS or after in _ASCII_LETTERS):
            tcvn3 += 1
        vni += _vni_signal(byte, before)
    candidates = [
        (count, name)
        for count, name, share in (
            (tcvn3, legacy_fonts.TCVN3, _TCVN3_SHARE),
            (vni, legacy_fonts.VNI, _VNI_SHARE),
        )
        if count >= 3 and count >= share * high
    ]
    return max(candidates)[1] if candidates else None


def _vni_signal(byte: int, before: int) -> bool:
    if before in _VNI_MARK_BASES.get(byte, ()):
        return True
    # đ, Đ start a word: before them comes a space or punctuation, not a letter.
    return byte in (0xF1, 0xD1) and before < 0x80 and before not in _ASCII_LETTERS


def _convert_legacy(data: bytes, encoding: str) -> str | None:
    """TCVN3 or VNI bytes as NFC text; None if the result is not Vietnamese at all;
    DecodeError naming the encoding if it is but cannot be converted (module docstring)."""
    name = legacy_fonts.NAMES[encoding]
    converted = legacy_fonts.convert(data, encoding)
    bad = [offset for offset in converted.unmapped if data[offset] not in legacy_fonts.CONTROL_LIKE]
    readable = legacy_fonts.reads_as_vietnamese(converted.text[:_VIETNAMESE_SAMPLE])
    if not readable and bad:
        return None  # e.g. French "où" and "goût": VNI-like marks, but not VNI
    if not readable:
        raise DecodeError(
            tr(
                "this looks like Vietnamese in the old {name} font encoding, but it does not"
                " convert to readable Vietnamese; convert it to Unicode (e.g. with UniKey's"
                " converter) and import it again",
                name=name,
            )
        )
    allowed = max(3, int(len(data) * _MAX_UNMAPPED_SHARE))
    if bad or len(converted.unmapped) > allowed:
        offset = (bad or converted.unmapped)[0]
        raise DecodeError(
            tr(
                "this looks like Vietnamese in the old {name} font encoding, but byte"
                " 0x{byte:02x} at offset {offset} has no meaning in it; convert it to Unicode"
                " (e.g. with UniKey's converter) and import it again",
                name=name,
                byte=data[offset],
                offset=offset,
            )
        )
    return converted.text


def decode_html(data: bytes) -> tuple[str, str]:
    """Decode page bytes: a BOM first, then a <meta charset>, then :func:`decode_bytes`."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_bytes(data)
    match = _META_CHARSET.search(data[:4096])
    if match:
        declared = _codec_name(match.group(1).decode("ascii"))
        if declared:
            sniff_binary(data)
            legacy = legacy_font_encoding(data) if declared == "cp1252" else None
            # Pages typed in the old font encodings declare Latin-1 (their fonts' code page).
            converted = _convert_legacy(data, legacy) if legacy else None
            if converted is not None:
                return converted, legacy
            try:
                return data.decode(declared), declared
            except UnicodeDecodeError:
                pass  # the declaration is wrong: guess as for plain text
    return decode_bytes(data)


def _codec_name(label: str) -> str | None:
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    if name.startswith(("utf-16", "utf-32")):
        return "utf-8"  # a page that can state this in ASCII is not UTF-16 (HTML standard)
    # Browsers read Latin-1 and ASCII labels as Windows-1252.
    return "cp1252" if name in ("iso8859-1", "ascii") else name


def _decode_with_bom(data: bytes, encoding: str) -> tuple[str, str]:
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError as error:
        if encoding == "utf-32" and data.startswith(codecs.BOM_UTF16_LE):
            # FF FE 00 00 may also be UTF-16 LE whose first character is U+0000.
            return _decode_with_bom(data, "utf-16")
        if error.reason in ("truncated data", "unexpected end of data"):
            if encoding == "utf-16":
                raise DecodeError(tr(TRUNCATED_UTF16)) from None
            if encoding == "utf-8-sig":
                raise DecodeError(tr(TRUNCATED_UTF8)) from None
        name = {"utf-8-sig": "UTF-8", "utf-16": "UTF-16", "utf-32": "UTF-32"}[encoding]
        raise DecodeError(
            tr(
                "not valid {name} text although it starts with a {name} byte order mark"
                " (bad data at offset {offset})",
                name=name,
                offset=error.start,
            )
        ) from None


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """Recognise UTF-16 text without a BOM from where its NUL bytes fall."""
    sample = data[: _SAMPLE - _SAMPLE % 2]
    pairs = len(sample) // 2
    if pairs < 2 or len(data) % 2:
        return None
    nul_even = sample[0::2].count(0)
    nul_odd = sample[1::2].count(0)
    if nul_odd >= 0.3 * pairs and nul_even <= 0.02 * pairs:
        encoding = "utf-16-le"
    elif nul_even >= 0.3 * pairs and nul_odd <= 0.02 * pairs:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    head = text[:10_000]
    printable = sum(1 for ch in head if ch.isprintable() or ch in "\t\n\r")
    if printable < 0.95 * len(head):
        return None
    return text, encoding


def _decode_cp1258(data: bytes) -> str | None:
    """The text as Windows-1258 (in NFC) if it decodes and reads as Vietnamese, else None."""
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError:
        return None
    if not looks_vietnamese(text[:_VIETNAMESE_SAMPLE]):
        return None
    return unicodedata.normalize("NFC", text)


def looks_vietnamese(text: str) -> bool:
    """Whether the non-ASCII part of ``text`` is plausibly Vietnamese (any normal form)."""
    signals = distinct = misplaced = foreign = symbols = 0
    previous = ""
    for ch in unicodedata.normalize("NFD", text):
        if ch.isascii():
            previous = ch
        elif unicodedata.combining(ch):
            if ch not in _MARK_BASES:
                foreign += 1  # cedilla, umlaut, ring, ...
            elif previous in _MARK_BASES[ch]:
                signals += 1
                distinct += ch in _DISTINCT_MARKS
            else:
                misplaced += 1  # e.g. a tone on a consonant, digit or space
        else:
            previous = ch
            if ch in "đĐ":
                signals += 1
                distinct += 1
            elif ch.isalpha():
                foreign += 1
            elif not ch.isspace():
                symbols += 1
    if distinct == 0:
        return False
    return misplaced <= 0.01 * signals and foreign <= 0.1 * signals and symbols <= 0.5 * signals + 4
