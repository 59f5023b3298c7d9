"""The TCVN3 (ABC) and VNI font encodings of 1990s Vietnamese documents -> Unicode.

Both predate Unicode: the text is bytes typed for a font whose glyphs are Vietnamese letters.

- **TCVN3** (TCVN 5712:1993 VN3, the ".VnTime" ABC fonts) is one byte per letter: ASCII,
  the 67 lowercase letters, Ă Â Ê Ô Ơ Ư Đ and a no-break space. It has **no uppercase
  letters with tones**: typists switched to an all-capitals font (".VnTimeH") and typed the
  lowercase codes, so plain text holds "VIệT NAM" for "VIỆT NAM" and "ảnh" for "Ảnh". We
  restore capitals where the text itself shows them (see :func:`_restore_capitals`); the rest
  stay lowercase. The 21 codes that VN3 leaves free are read as in VN2 (16 capitals with
  tones and five combining tones), the only meaning they have in the TCVN family.
- **VNI** (VNI-Windows, the "VNI-Times" fonts) writes a base letter followed by a mark byte:
  "Vie\\xe4t" = Việt, "ha\\xf8" = hà. ơ ư đ ĩ ỉ ì í ị ỵ (and capitals) are single bytes.
  It has every capital. Converted by longest match, the case of the base letter winning.

Bytes 0x80-0x9F are read as Windows-1252 punctuation (curly quotes, dashes, ellipsis: what
Windows wrote when these documents were saved as text), 0xA0-0xBF in VNI as Latin-1.

**Bytes with no meaning** in the encoding (an undefined 0x80-0x9F code, a Latin letter such
as "Š" or "þ" no Vietnamese font draws, a VNI mark with no vowel to sit on) are reported by
:func:`convert`. The caller converts when the only ones are a few control-like C1 codes
(0x81 0x8D 0x8F 0x90 0x9D, shown as U+FFFD) and refuses otherwise: guessing would store
text that differs from the document without saying so.

Tables written for vnreader from the encodings as publicly documented. Tests check the TCVN3
table against glibc's TCVN5712-1 converter (iconv) and both against hand-written reverse
tables (tests/core/test_decoding.py), the VNI one compared with the xvnkb keyboard's table.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

TCVN3 = "tcvn3"
VNI = "vni"
NAMES = {TCVN3: "TCVN3 (ABC)", VNI: "VNI"}
REPLACEMENT = "\ufffd"
# C1 codes that Windows-1252 leaves undefined: what a stray control byte looks like here.
CONTROL_LIKE = frozenset(b"\x81\x8d\x8f\x90\x9d")


@dataclass(frozen=True)
class Conversion:
    """Converted text (NFC) and the offsets of bytes that mean nothing in the encoding."""

    text: str
    unmapped: tuple[int, ...]


def convert(data: bytes, encoding: str) -> Conversion:
    """Convert TCVN3 or VNI bytes; meaningless bytes become U+FFFD and are listed."""
    if encoding == TCVN3:
        text = codecs.charmap_decode(data, "replace", _TCVN3_DECODING)[0]
        unmapped = tuple(m.start() for m in _TCVN3_UNMAPPED.finditer(data))
        text = _restore_capitals(unicodedata.normalize("NFC", text))
        return Conversion(text, unmapped)
    if encoding == VNI:
        return _convert_vni(data)
    raise ValueError(f"unknown legacy font encoding {encoding!r}")


# --- Windows-1252 punctuation in 0x80-0x9F (both encodings) ------------------------------

_C1_PUNCTUATION = {
    byte: bytes([byte]).decode("cp1252")
    for byte in range(0x80, 0xA0)
    if byte not in CONTROL_LIKE and not bytes([byte]).decode("cp1252").isalpha()
}

# --- TCVN3 ------------------------------------------------------------------------------

# (first byte, the characters at that byte and the ones after it); lowercase rows are VN3,
# capitals with tones and the combining tones fill VN3's gaps as in VN2.
_TCVN3_RUNS = (
    (0xA0, "\u00a0ĂÂÊÔƠƯĐăâêôơưđ"),
    (0xAF, "Ằ\u0300\u0309\u0303\u0301\u0323"),  # B0-B4: grave, hook, tilde, acute, dot
    (0xB5, "àảãáạ"),
    (0xBA, "Ẳ"),
    (0xBB, "ằẳẵắ"),
    (0xBF, "ẴẮẦẨẪẤỀ"),
    (0xC6, "ặầẩẫấậè"),
    (0xCD, "Ể"),
    (0xCE, "ẻẽéẹềểễếệìỉ"),
    (0xD9, "ỄẾỒ"),
    (0xDC, "ĩíịò"),
    (0xE0, "Ổ"),
    (0xE1, "ỏõóọồổỗốộờởỡớợù"),
    (0xF0, "Ỗ"),
    (0xF1, "ủũúụừửữứựỳỷỹýỵ"),
    (0xFF, "Ố"),
)


def _tcvn3_table() -> str:
    table = [chr(byte) for byte in range(0x80)] + ["\ufffe"] * 0x80  # U+FFFE: undefined
    for byte, char in _C1_PUNCTUATION.items():
        table[byte] = char
    for first, chars in _TCVN3_RUNS:
        for offset, char in enumerate(chars):
            table[first + offset] = char
    return "".join(table)


_TCVN3_DECODING = _tcvn3_table()
_TCVN3_UNMAPPED = re.compile(
    b"[" + re.escape(bytes(b for b in range(256) if _TCVN3_DECODING[b] == "\ufffe")) + b"]"
)

_TONES = "\u0300\u0301\u0309\u0303\u0323"
# Lowercase letters that TCVN3 (VN3) has no capital for: the vowels with a tone.
_TONED = "".join(
    unicodedata.normalize("NFC", base + tone) for base in "aăâeêioôơuưy" for tone in _TONES
)
_UPPER = "A-ZĂÂÊÔƠƯĐ" + _TONED.upper()
_LOWER = _TONED + "ăâêôơưđ"  # the lowercase letters of TCVN3 beyond ASCII
# A word of capitals and TCVN3 lowercase letters (no ASCII lowercase): "VIệT", "ủY", "Hà".
# (Each pattern starts with a character class: the regex engine then skips ahead fast.)
_CAPS_WORD = re.compile(rf"[{_UPPER}{_LOWER}](?<![^\W\d_].)[{_UPPER}{_LOWER}]*(?![^\W\d_])")
_LINE_WITHOUT_ASCII_LOWERCASE = re.compile(r"^[^a-z\n]+$", re.M)
# "ĐẠI Sứ QUÁN": a capital and TCVN3 lowercase letters between two words in capitals.
_BETWEEN_CAPS = re.compile(
    rf"[{_UPPER}](?<![^\W\d_].)[{_UPPER}]+\s+[{_UPPER}][{_LOWER}]+"
    rf"(?=\s+[{_UPPER}]{{2,}}(?![^\W\d_]))"
)
# A sentence starts at the beginning, after . ! ? (not an ellipsis) or after a blank line.
_OPENING = r"[\s\"'“‘(\[«-]*"
_SENTENCE_STARTS = (
    re.compile(rf"\A{_OPENING}[{_TONED}]"),
    re.compile(rf"[.!?](?<!\.\.)\s+{_OPENING}[{_TONED}]"),
    re.compile(rf"\n[^\S\n]*\n{_OPENING}[{_TONED}]"),
)


def _restore_capitals(text: str) -> str:
    """Capitalise TCVN3's lowercase-only letters where the text shows they were capitals.

    Typists wrote "Ở" and "VIỆT" with the lowercase codes in an all-capitals font. So we
    capitalise: a line whose letters are capitals (at least three; no ASCII lowercase
    letter), a word with two capitals ("VIệT") or a capital after a lowercase letter ("ủY")
    and no ASCII lowercase letter, a word like "Sứ" between two words in capitals, and a
    toned vowel that starts a sentence. Elsewhere ("Ấn Độ" mid-sentence, "BỘ" after a
    lowercase word) a capital cannot be told from a lowercase letter and stays lowercase.
    """
    text = _LINE_WITHOUT_ASCII_LOWERCASE.sub(lambda m: _all_capitals(m.group()), text)
    text = _CAPS_WORD.sub(_capitalised_word, text)
    text = _BETWEEN_CAPS.sub(lambda m: m.group().upper(), text)
    for pattern in _SENTENCE_STARTS:
        text = pattern.sub(_capitalise_last, text)
    return text


def _capitalised_word(match: re.Match[str]) -> str:
    word = match.group()
    if any(ch.islower() for ch in word):
        capitals = sum(ch.isupper() for ch in word)
        if capitals >= 2 or any(a.islower() and b.isupper() for a, b in pairwise(word)):
            return word.upper()
    return word


def _capitalise_last(match: re.Match[str]) -> str:
    return match.group()[:-1] + match.group()[-1].upper()


def _all_capitals(line: str) -> str:
    """``line`` in capitals if it has three capitals and lowercase letters to raise."""
    if sum(ch.isupper() for ch in line) >= 3 and any(ch.islower() for ch in line):
        return line.upper()
    return line


# --- VNI --------------------------------------------------------------------------------

# Mark bytes (lowercase forms; capitals are the Latin-1 capitals), in the order
# none, grave, acute, hook, tilde, dot below.
_VNI_PLAIN = ("", "ø", "ù", "û", "õ", "ï")  # tone only: a e i o u y, ơ (ô) and ư (ö)
_VNI_CIRCUMFLEX = ("â", "à", "á", "å", "ã", "ä")  # â ê ô with a tone
_VNI_BREVE = ("ê", "è", "é", "ú", "ü", "ë")  # ă with a tone
_TONE_ORDER = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
# Letters VNI writes as one byte: đ ơ ư, and i with a tone (grave acute hook tilde dot), ỵ.
_VNI_SINGLE = {"ñ": "đ", "ô": "ơ", "ö": "ư", "ì": "ì", "í": "í", "æ": "ỉ", "ó": "ĩ", "ò": "ị"}
_VNI_SINGLE["î"] = "ỵ"
_LATIN1_SYMBOLS = "×÷"  # 0xD7 0xF7 keep their Latin-1 meaning


def _vni_table() -> dict[str, str]:
    table: dict[str, str] = {}

    def add(spelling: str, base: str, mark: str, tone: str) -> None:
        letter = unicodedata.normalize("NFC", base + mark + tone)
        for spelled, char in ((spelling, letter), (spelling.upper(), letter.upper())):
            table[spelled] = char
            # A capital base with a lowercase mark (or the reverse) still means the letter
            # in the base's case.
            table[spelled[0] + spelled[1:].swapcase()] = char

    for tone, plain in zip(_TONE_ORDER[1:], _VNI_PLAIN[1:], strict=True):
        for base in "aeiouy":
            add(base + plain, base, "", tone)
        add("ô" + plain, "o", "\u031b", tone)  # ơ
        add("ö" + plain, "u", "\u031b", tone)  # ư
    for tone, mark in zip(_TONE_ORDER, _VNI_CIRCUMFLEX, strict=True):
        for base in "aeo":
            add(base + mark, base, "\u0302", tone)
    for tone, mark in zip(_TONE_ORDER, _VNI_BREVE, strict=True):
        add("a" + mark, "a", "\u0306", tone)
    for spelled, char in _VNI_SINGLE.items():
        table.setdefault(spelled, char)
        table.setdefault(spelled.upper(), char.upper())
    return table


_VNI_TABLE = _vni_table()
_VNI_MARKS = "".join({spelled[1:] for spelled in _VNI_TABLE if len(spelled) == 2})
# A letter that takes marks and a mark, or any other character beyond ASCII.
_VNI_SEQUENCE = re.compile(f"[aeiouyAEIOUYôöÔÖ][{_VNI_MARKS}]|[\u0080-\u00ff]")


def _convert_vni(data: bytes) -> Conversion:
    # Latin-1 keeps one character per byte, so match offsets are byte offsets.
    raw = data.decode("latin-1")
    unmapped: list[int] = []

    def single(char: str, offset: int) -> str:
        if char in _VNI_TABLE:
            return _VNI_TABLE[char]
        char = _C1_PUNCTUATION.get(ord(char), char)
        if char in _LATIN1_SYMBOLS or not "\u0080" <= char <= "\u00ff":
            return char
        unmapped.append(offset)
        return REPLACEMENT

    def replace(match: re.Match[str]) -> str:
        spelled = match.group()
        if spelled in _VNI_TABLE:
            return _VNI_TABLE[spelled]
        start = match.start()
        if len(spelled) == 1:
            return single(spelled, start)
        return single(spelled[0], start) + single(spelled[1], start + 1)  # "uâ": no such mark

    text = _VNI_SEQUENCE.sub(replace, raw)
    return Conversion(unicodedata.normalize("NFC", text), tuple(unmapped))


# --- does the result read as Vietnamese? --------------------------------------------------

# Vietnamese syllables, tones removed: initial consonant, then a vowel nucleus that may take
# a final consonant, or one that ends in a glide (ai, ao, ưa, ...) and takes none.
_NUCLEI_WITH_FINAL = "oă uâ uê uô uơ uy oa oe oo iê yê uyê ươ a ă â e ê i o ô ơ u ư y"
_NUCLEI_OPEN = (
    "iêu oai oay oao oeo uây uôi uya uyu ươi ươu yêu"
    " ai ao au ay âu ây eo êu ia iu oi ôi ơi ua ui ưa ưi ưu"
)
_SYLLABLE = re.compile(
    "(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdđghklmnpqrstvx])?"
    f"(?:(?:{_NUCLEI_WITH_FINAL.replace(' ', '|')})(?:ng|nh|ch|[cmnptk])?"
    f"|{_NUCLEI_OPEN.replace(' ', '|')})"
)
_LETTERS = re.compile(r"(?:[^\W\d_]|\ufffd)+")  # a meaningless byte spoils its word
_MIN_SYLLABLE_SHARE = 0.8
_SYLLABLE_SAMPLE = 64 * 1024  # characters


def reads_as_vietnamese(text: str) -> bool:
    """Whether the words with non-ASCII letters are (mostly) well-formed Vietnamese syllables.

    A Latin-1 or Windows-1252 text read as TCVN3 or VNI turns "Straße" into "Straòe" and
    "für" into "fỹr": not syllables. Loan words and names in ASCII are not judged.
    """
    words = [word for word in _LETTERS.findall(text[:_SYLLABLE_SAMPLE]) if not word.isascii()]
    good = sum(1 for word in words if _is_syllable(word.lower()))
    return good >= 2 and good >= _MIN_SYLLABLE_SHARE * len(words)


@lru_cache(maxsize=8192)
def _is_syllable(word: str) -> bool:
    decomposed = unicodedata.normalize("NFD", word)
    toneless = "".join(ch for ch in decomposed if ch not in _TONES)
    if len(decomposed) - len(toneless) > 1:
        return False
    return _SYLLABLE.fullmatch(unicodedata.normalize("NFC", toneless)) is not None
