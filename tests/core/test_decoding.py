"""decode_bytes: BOMs, UTF-16 without BOM, binary sniffing, UTF-8 errors, Windows-1258."""

from __future__ import annotations

import codecs
import os
import re
import unicodedata

import pytest

from vnreader.core.importers.decoding import (
    DecodeError,
    decode_bytes,
    legacy_font_encoding,
    looks_vietnamese,
)

VIETNAMESE = "Hòa bình, Đà Nẵng, Nguyễn Thị Ánh. Bộ trưởng Ngoại giao gặp Thủ tướng ở Hà Nội."
_NON_TONE_MARKS = "\u0302\u0306\u031b"  # circumflex, breve, horn


def to_cp1258(text: str) -> bytes:
    """Encode as Windows-1258 does: precomposed letters where it has them, else base + tone.

    Python's cp1258 encoder only maps the characters of the code page one to one, so
    "ò" (NFC) must be written as "o" + combining grave first.
    """
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        base, *marks = unicodedata.normalize("NFD", ch)
        letter = base + "".join(m for m in marks if m in _NON_TONE_MARKS)
        tones = "".join(m for m in marks if m not in _NON_TONE_MARKS)
        out += (unicodedata.normalize("NFC", letter) + tones).encode("cp1258")
    return bytes(out)


def test_plain_utf8() -> None:
    assert decode_bytes(VIETNAMESE.encode("utf-8")) == (VIETNAMESE, "utf-8")


def test_empty_bytes_decode_to_empty_text() -> None:
    assert decode_bytes(b"") == ("", "utf-8")


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF8 + VIETNAMESE.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + VIETNAMESE.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + VIETNAMESE.encode("utf-16-be"), "utf-16"),
        (codecs.BOM_UTF32_LE + VIETNAMESE.encode("utf-32-le"), "utf-32"),
    ],
)
def test_byte_order_marks(data: bytes, encoding: str) -> None:
    text, used = decode_bytes(data)
    assert used == encoding
    assert text == VIETNAMESE  # the BOM is consumed


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(codec: str) -> None:
    text = VIETNAMESE + "\nDòng thứ hai.\n"
    assert decode_bytes(text.encode(codec)) == (text, codec)


def test_truncated_utf16_with_bom() -> None:
    data = codecs.BOM_UTF16_LE + "Hà Nội".encode("utf-16-le") + b"\x41"
    with pytest.raises(DecodeError, match="middle of a UTF-16 character"):
        decode_bytes(data)


def test_cp1258_is_decoded_and_composed() -> None:
    data = to_cp1258(VIETNAMESE)
    assert b"\xcc" in data or b"\xde" in data  # combining tones really are in play
    text, encoding = decode_bytes(data)
    assert encoding == "cp1258"
    assert text == unicodedata.normalize("NFC", VIETNAMESE)
    assert unicodedata.is_normalized("NFC", text)


def test_short_cp1258_phrase() -> None:
    original = "Hòa bình, Đà Nẵng, Nguyễn Thị Ánh"
    assert decode_bytes(to_cp1258(original)) == (unicodedata.normalize("NFC", original), "cp1258")


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF file"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP archive"),
        (b"\x7fELF\x02\x01\x01\x00", "ELF"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
        (b"GIF89a\x01\x00\x01\x00", "GIF image"),
    ],
)
def test_known_binary_formats(data: bytes, kind: str) -> None:
    with pytest.raises(DecodeError) as caught:
        decode_bytes(data)
    assert "binary" in str(caught.value)
    assert kind in str(caught.value)


def test_random_bytes_with_nuls_are_binary() -> None:
    data = os.urandom(4096) + b"\x00\x00\x00\x00" + os.urandom(64)
    with pytest.raises(DecodeError, match="binary"):
        decode_bytes(data)


def test_many_control_bytes_are_binary() -> None:
    with pytest.raises(DecodeError, match="binary"):
        decode_bytes(bytes(range(1, 32)) * 20 + b"abc")


def test_invalid_utf8_in_latin_text_names_byte_and_offset() -> None:
    data = b"Hello world, this is plain English. " * 3 + b"caf\xe9 au lait" + b" more text"
    offset = data.index(b"\xe9")
    with pytest.raises(DecodeError) as caught:
        decode_bytes(data)
    message = str(caught.value)
    assert "not valid UTF-8" in message
    assert f"0xe9 at offset {offset}" in message


def test_undecodable_byte_is_reported() -> None:
    prefix = "Đà Nẵng ".encode()
    with pytest.raises(DecodeError, match=rf"bad byte 0x9d at offset {len(prefix)}\)"):
        decode_bytes(prefix + b"\x9d" + " Hà Nội".encode())


def test_utf8_with_a_stray_byte_is_not_mistaken_for_cp1258() -> None:
    data = VIETNAMESE.encode("utf-8") + b"\xa0" + VIETNAMESE.encode("utf-8")
    with pytest.raises(DecodeError, match="not valid UTF-8"):
        decode_bytes(data)


@pytest.mark.parametrize("cut", [1, 2])
def test_truncated_utf8_at_the_end(cut: int) -> None:
    # Ends with the first one or two bytes of a three-byte character.
    data = "Hội nghị ở Đà Nẵng, Nguyễn".encode() + "ễ".encode()[:cut]
    with pytest.raises(DecodeError, match=r"middle of a UTF-8 character \(truncated\?\)"):
        decode_bytes(data)


def test_nfd_is_left_to_the_caller_but_decodes() -> None:
    nfd = unicodedata.normalize("NFD", VIETNAMESE)
    assert decode_bytes(nfd.encode("utf-8"))[0] == nfd


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nguyễn Thị Ánh ở Đà Nẵng", True),
        (unicodedata.normalize("NFD", "Hội nghị thượng đỉnh"), True),
        ("café crème brûlée", False),
        ("Müller aus der Straße", False),
        ("plain ascii", False),
    ],
)
def test_looks_vietnamese(text: str, expected: bool) -> None:
    assert looks_vietnamese(text) is expected


# "Việt Nam và Hoa Kỳ tăng cường hợp tác" typed for the old Vietnamese font encodings.
TCVN3_SAMPLE = b"Vi\xd6t Nam v\xb5 Hoa K\xfa t\xa8ng c\xad\xeang h\xeep t\xb8c"
VNI_SAMPLE = "Vieät Nam vaø Hoa Kyø taêng cöôøng hôïp taùc".encode("cp1252")


@pytest.mark.parametrize(
    ("data", "name"), [(TCVN3_SAMPLE, "TCVN3 (ABC)"), (VNI_SAMPLE, "VNI")], ids=["tcvn3", "vni"]
)
def test_legacy_font_encodings_are_refused_by_name(data: bytes, name: str) -> None:
    assert legacy_font_encoding(data) == name
    with pytest.raises(DecodeError, match=rf"old {re.escape(name)} font encoding.*Unicode"):
        decode_bytes(data)


def test_western_text_is_not_taken_for_a_vietnamese_font_encoding() -> None:
    data = "Müller und Özil über Straße, Señor Núñez à Genève".encode("latin-1")
    assert legacy_font_encoding(data) is None
    with pytest.raises(DecodeError, match="not valid UTF-8 or Windows-1258"):
        decode_bytes(data)


def test_importing_a_tcvn3_file_names_the_file_and_the_encoding(tmp_path) -> None:
    from vnreader.core.importers import UnreadableFileError, read_document

    path = tmp_path / "bao-cao-abc.txt"
    path.write_bytes(TCVN3_SAMPLE * 10)
    with pytest.raises(UnreadableFileError, match=r"bao-cao-abc\.txt.*TCVN3 \(ABC\)"):
        read_document(path)
