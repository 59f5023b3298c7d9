"""decode_bytes: BOMs, UTF-16 without BOM, binary sniffing, UTF-8 errors, Windows-1258, and
the old TCVN3 (ABC) and VNI font encodings (converted; see the section at the end)."""

from __future__ import annotations

import codecs
import os
import re
import subprocess
import unicodedata
from pathlib import Path

import pytest

from vnreader.core.importers import legacy_fonts
from vnreader.core.importers.decoding import (
    DecodeError,
    decode_bytes,
    decode_html,
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


# --- the old TCVN3 (ABC) and VNI font encodings --------------------------------------------
#
# The encoders below are the tests' own reverse tables, written out by hand (TCVN3 as one row
# of codes per vowel, VNI as the spelling of every letter), not derived from the module's
# tables. `test_tcvn3_letters_agree_with_glibc` checks the TCVN3 codes against a third,
# independent source when the system's iconv has it.

# Codes for grave, hook, tilde, acute, dot below (TCVN 5712:1993, VN3).
TCVN3_TONED_ROWS = {
    "a": "b5 b6 b7 b8 b9",
    "ă": "bb bc bd be c6",
    "â": "c7 c8 c9 ca cb",
    "e": "cc ce cf d0 d1",
    "ê": "d2 d3 d4 d5 d6",
    "i": "d7 d8 dc dd de",
    "o": "df e1 e2 e3 e4",
    "ô": "e5 e6 e7 e8 e9",
    "ơ": "ea eb ec ed ee",
    "u": "ef f1 f2 f3 f4",
    "ư": "f5 f6 f7 f8 f9",
    "y": "fa fb fc fd fe",
}
TCVN3_BASES = "ĂA1 ÂA2 ÊA3 ÔA4 ƠA5 ƯA6 ĐA7 ăA8 âA9 êAA ôAB ơAC ưAD đAE"
TONES = "\u0300\u0309\u0303\u0301\u0323"  # the order of the rows above

# Every lowercase Vietnamese letter beyond ASCII and its VNI spelling (VNI-Windows); compared
# by hand with the VNI table of the xvnkb keyboard driver (lamdao/xvnkb, vni.h).
VNI_SPELLINGS = """
    à aø á aù ả aû ã aõ ạ aï   ă aê ằ aè ắ aé ẳ aú ẵ aü ặ aë   â aâ ầ aà ấ aá ẩ aå ẫ aã ậ aä
    è eø é eù ẻ eû ẽ eõ ẹ eï   ê eâ ề eà ế eá ể eå ễ eã ệ eä   ì ì í í ỉ æ ĩ ó ị ò
    ò oø ó où ỏ oû õ oõ ọ oï   ô oâ ồ oà ố oá ổ oå ỗ oã ộ oä   ơ ô ờ ôø ớ ôù ở ôû ỡ ôõ ợ ôï
    ù uø ú uù ủ uû ũ uõ ụ uï   ư ö ừ öø ứ öù ử öû ữ öõ ự öï   ỳ yø ý yù ỷ yû ỹ yõ ỵ î
    đ ñ
"""


def _tcvn3_codes() -> dict[str, int]:
    codes = {}
    for vowel, row in TCVN3_TONED_ROWS.items():
        for tone, code in zip(TONES, row.split(), strict=True):
            codes[unicodedata.normalize("NFC", vowel + tone)] = int(code, 16)
    for entry in TCVN3_BASES.split():
        codes[entry[0]] = int(entry[1:], 16)
    return codes


TCVN3_CODES = _tcvn3_codes()
VNI_LOWER = dict(zip(*[iter(VNI_SPELLINGS.split())] * 2, strict=True))
VNI_CODES = {**VNI_LOWER, **{k.upper(): v.upper() for k, v in VNI_LOWER.items()}}
LOWER_LETTERS = "".join(VNI_LOWER)  # the 67 lowercase letters beyond ASCII
TONED_LOWER = "".join(ch for ch in LOWER_LETTERS if ch not in "ăâêôơưđ")
# TCVN3 has no code for these 60 capitals: .VnTimeH fonts drew the lowercase codes as them.
CAPITALS_TCVN3_LACKS = TONED_LOWER.upper()


def to_tcvn3(text: str) -> bytes:
    """Unicode -> TCVN3 as typed with the ABC fonts: a capital with a tone takes the code of
    its lowercase letter (typed in the all-capitals font); punctuation as Windows wrote it."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        if ch.isascii():
            out += ch.encode()
        elif ch in TCVN3_CODES:
            out.append(TCVN3_CODES[ch])
        elif ch in CAPITALS_TCVN3_LACKS:
            out.append(TCVN3_CODES[ch.lower()])
        else:
            out += ch.encode("cp1252")
    return bytes(out)


def to_vni(text: str) -> bytes:
    """Unicode -> VNI-Windows bytes: every letter spelled as in VNI_SPELLINGS."""
    spelled = "".join(VNI_CODES.get(ch, ch) for ch in unicodedata.normalize("NFC", text))
    return spelled.encode("cp1252")


def seed_texts() -> list[str]:
    seeds = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))
    assert seeds
    return [unicodedata.normalize("NFC", path.read_text(encoding="utf-8")) for path in seeds]


RUNNING_TEXT = (
    "Tại cuộc hội đàm, hai bên nhất trí đánh giá quan hệ hai nước chưa bao giờ phát triển"
    " mạnh mẽ như hiện nay, khẳng định coi trọng quan hệ Đối tác toàn diện."
)


def test_the_reverse_tables_cover_every_vietnamese_letter() -> None:
    assert len(LOWER_LETTERS) == 67 and len(set(LOWER_LETTERS)) == 67
    assert set(TCVN3_CODES) == set(LOWER_LETTERS) | set("ĂÂÊÔƠƯĐ")
    assert len(set(TCVN3_CODES.values())) == len(TCVN3_CODES)  # one code per letter
    assert all(unicodedata.is_normalized("NFC", ch) for ch in LOWER_LETTERS)


# "Việt Nam và Hoa Kỳ tăng cường hợp tác" typed for the old Vietnamese font encodings.
SENTENCE = "Việt Nam và Hoa Kỳ tăng cường hợp tác"
TCVN3_SAMPLE = b"Vi\xd6t Nam v\xb5 Hoa K\xfa t\xa8ng c\xad\xeang h\xeep t\xb8c"
VNI_SAMPLE = "Vieät Nam vaø Hoa Kyø taêng cöôøng hôïp taùc".encode("cp1252")


@pytest.mark.parametrize(
    ("data", "encoding"), [(TCVN3_SAMPLE, "tcvn3"), (VNI_SAMPLE, "vni")], ids=["tcvn3", "vni"]
)
def test_legacy_font_encodings_are_detected_and_converted(data: bytes, encoding: str) -> None:
    assert legacy_font_encoding(data) == encoding
    assert decode_bytes(data) == (SENTENCE, encoding)
    assert (to_tcvn3 if encoding == "tcvn3" else to_vni)(SENTENCE) == data


def test_every_letter_and_tone_converts_from_vni_in_both_cases() -> None:
    words = [*LOWER_LETTERS, *LOWER_LETTERS.upper(), "đi", "Đi", "ĐI", "ươ", "ƯƠ", "Ươ"]
    text = "chữ: " + " ".join(words)
    converted, encoding = decode_bytes(to_vni(text))
    assert encoding == "vni"
    assert converted == text


def test_every_lowercase_letter_converts_from_tcvn3() -> None:
    # TCVN3 is recognised by its common letters' places in words: start with running text.
    syllables = " ".join([*(f"t{ch}n" for ch in LOWER_LETTERS), *"ĂÂÊÔƠƯĐ", "Đi"])
    text = f"{RUNNING_TEXT}\nchữ: {syllables}"
    assert decode_bytes(to_tcvn3(text)) == (text, "tcvn3")


def test_tcvn3_capitals_with_tones_come_back_lowercase_unless_the_text_shows_them() -> None:
    # TCVN3 has no codes for the 60 capitals with a tone (Ấ, Ở, Ý, ...): typed with the
    # lowercase codes in a capitals font, they read as lowercase in plain text. vnreader
    # capitalises them at the start of a sentence and in words and lines written in capitals.
    words = " ".join(f"{ch}n" for ch in CAPITALS_TCVN3_LACKS)
    converted, _ = decode_bytes(to_tcvn3(f"{RUNNING_TEXT} Ông nói ở {words} và Ấn Độ, châu Á."))
    assert converted == f"{RUNNING_TEXT} Ông nói ở {words.lower()} và ấn Độ, châu á."
    sentences = "Ảnh: TTXVN. Ở Hà Nội. (Ủy ban) họp.\n\nỞ đây… ở đó."
    assert decode_bytes(to_tcvn3(sentences))[0] == sentences
    capitals = "HỘI NGHỊ Ở HÀ NỘI\nBáo cáo của ỦY BAN TỈNH, ĐẠI SỨ QUÁN và BỘ NGOẠI GIAO."
    converted = decode_bytes(to_tcvn3(f"{RUNNING_TEXT}\n{capitals}"))[0]
    # "BỘ" after a lowercase word reads as the title-case word "Bộ" (as in "Bộ GD-ĐT").
    assert converted == f"{RUNNING_TEXT}\n{capitals}".replace("BỘ", "Bộ")


def test_tcvn3_vn2_codes_for_capitals_are_read() -> None:
    # VN3 leaves 21 codes free; VN2 puts 16 capitals with tones and five combining tones there.
    data = to_tcvn3(RUNNING_TEXT + " Hội nghị ở ") + b"\xc4n \xa7\xe9, v\xb5 \xc1U"
    assert decode_bytes(data) == (RUNNING_TEXT + " Hội nghị ở Ấn Độ, và ẦU", "tcvn3")
    data = to_tcvn3(RUNNING_TEXT + " Hà Nội và ") + b"ha\xb0 na\xb4i"
    assert decode_bytes(data)[0] == RUNNING_TEXT + " Hà Nội và hà nại"


@pytest.mark.parametrize("index", range(5))
def test_seed_reports_round_trip_through_vni(index: int) -> None:
    original = seed_texts()[index]
    assert decode_bytes(to_vni(original)) == (original, "vni")


@pytest.mark.parametrize("index", range(5))
def test_seed_reports_round_trip_through_tcvn3(index: int) -> None:
    original = seed_texts()[index]
    converted, encoding = decode_bytes(to_tcvn3(original))
    assert encoding == "tcvn3"
    assert_tcvn3_round_trip(original, converted)
    if ". Ảnh" in original or ". (Ảnh" in original:
        assert "Ảnh" in converted  # restored at the start of a sentence


def assert_tcvn3_round_trip(original: str, converted: str) -> None:
    """Exact, except capitals with tones in mid-sentence ("Ấn Độ", "châu Á"), which TCVN3
    cannot tell from lowercase letters."""
    assert unicodedata.is_normalized("NFC", converted)
    assert len(converted) == len(original)
    for position, (was, now) in enumerate(zip(original, converted, strict=True)):
        if was != now:
            context = original[max(0, position - 20) : position + 5]
            assert was in CAPITALS_TCVN3_LACKS and now == was.lower(), context


def test_tcvn3_letters_agree_with_glibc() -> None:
    """The module's TCVN3 table, byte by byte, against glibc's TCVN5712-1 converter."""
    codes = [b for b in range(0xA0, 0x100)]
    data = b" ".join(b"x" + bytes([b]) + b"x" for b in codes)
    try:
        result = subprocess.run(
            ["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=data, capture_output=True
        )
    except OSError:
        pytest.skip("no iconv")
    if result.returncode:
        pytest.skip("iconv cannot read TCVN5712-1")
    expected = unicodedata.normalize("NFC", result.stdout.decode())
    converted = legacy_fonts.convert(data, "tcvn3")
    assert converted.text == expected
    assert converted.unmapped == ()
    # And the tests' own table agrees with both.
    for letter, code in TCVN3_CODES.items():
        assert expected.split(" ")[codes.index(code)] == f"x{letter}x"


def test_vni_capitals_with_lowercase_marks_keep_the_base_letters_case() -> None:
    assert decode_bytes("VIEäT NAM vaØ Hoa Kyø".encode("cp1252"))[0] == "VIỆT NAM và Hoa Kỳ"


@pytest.mark.parametrize("byte", [b"\x81", b"\x8d", b"\x9d"])
@pytest.mark.parametrize("encode", [to_tcvn3, to_vni], ids=["tcvn3", "vni"])
def test_a_few_control_like_bytes_become_replacement_characters(encode, byte: bytes) -> None:
    data = encode(SENTENCE) + byte + encode(" và " + SENTENCE)
    converted, _ = decode_bytes(data)
    assert converted == SENTENCE + "\ufffd và " + SENTENCE


@pytest.mark.parametrize("encode", [to_tcvn3, to_vni], ids=["tcvn3", "vni"])
def test_many_control_like_bytes_are_refused(encode) -> None:
    data = (encode(SENTENCE) + b"\x81") * 5
    with pytest.raises(DecodeError, match=r"old (TCVN3 \(ABC\)|VNI) font encoding.*0x81"):
        decode_bytes(data)


@pytest.mark.parametrize(
    ("encode", "tail", "name", "byte"),
    [
        (to_tcvn3, "Škoda", "TCVN3 (ABC)", 0x8A),  # a letter no Vietnamese font has
        (to_vni, " Mø", "VNI", 0xF8),  # a tone on a consonant
        (to_vni, " þ", "VNI", 0xFE),
    ],
    ids=["tcvn3-letter", "vni-lone-mark", "vni-letter"],
)
def test_bytes_with_no_meaning_are_refused_by_name(encode, tail: str, name: str, byte) -> None:
    prefix = encode(SENTENCE)
    data = prefix + tail.encode("cp1252")
    offset = data.index(bytes([byte]), len(prefix))
    pattern = rf"old {re.escape(name)} font encoding, but byte 0x{byte:02x} at offset {offset}"
    with pytest.raises(DecodeError, match=pattern + ".*Unicode"):
        decode_bytes(data)


def test_detected_text_that_does_not_convert_to_vietnamese_is_refused_by_name() -> None:
    data = b"xz\xb5q qw\xb8rtz pl\xb6ck " * 5  # TCVN3's letters, but no Vietnamese syllables
    assert legacy_font_encoding(data) == "tcvn3"
    with pytest.raises(DecodeError, match=r"old TCVN3 \(ABC\) font encoding.*readable"):
        decode_bytes(data)


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("Müller und Özil über Straße, Señor Núñez à Genève", "latin-1"),
        ("Die Männer können die Bären sehen; schön, Köln, Höhe, Größe", "cp1252"),
        ("Où est la rue? Le goût du café, août, Noël, poème, naïve, où", "cp1252"),
        ("El niño español, mañana, señor, año, peña — ¿qué más?", "cp1252"),
    ],
    ids=["mixed", "german", "french", "spanish"],
)
def test_western_text_is_not_taken_for_a_vietnamese_font_encoding(text: str, codec: str) -> None:
    data = text.encode(codec)
    if not text.startswith("Où"):  # French "où", "goût" look like VNI until converted
        assert legacy_font_encoding(data) is None
    with pytest.raises(DecodeError, match="not valid UTF-8 or Windows-1258"):
        decode_bytes(data)


@pytest.mark.parametrize("encode", [to_tcvn3, to_vni], ids=["tcvn3", "vni"])
def test_a_page_that_declares_latin1_but_is_typed_for_the_old_fonts(encode) -> None:
    head = b'<html><head><meta charset="iso-8859-1"><title>Tin</title></head><body><p>'
    data = head + encode(RUNNING_TEXT) + b"</p></body></html>"
    text, encoding = decode_html(data)
    assert RUNNING_TEXT in text
    assert encoding == ("tcvn3" if encode is to_tcvn3 else "vni")
    western = head + "Müller und Özil über Straße</p>".encode("latin-1")
    assert decode_html(western) == (western.decode("cp1252"), "cp1252")


def test_importing_a_tcvn3_file_reports_the_conversion(tmp_path) -> None:
    from vnreader.core.importers import read_document

    path = tmp_path / "bao-cao-abc.txt"
    path.write_bytes(to_tcvn3("Hội nghị\r\n\r\n" + SENTENCE + ".\r\n"))
    document = read_document(path)
    assert document.text == "Hội nghị\n\n" + SENTENCE + "."
    assert (document.encoding, document.converted_from) == ("tcvn3", "TCVN3 (ABC)")
    assert document.title == "Hội nghị"


def test_cli_import_converts_a_tcvn3_file_and_says_so(tmp_path, capsys) -> None:
    from vnreader.cli import main
    from vnreader.core.store import open_store

    original = seed_texts()[3]
    path = tmp_path / "bao-cao-abc.txt"
    path.write_bytes(to_tcvn3(original))
    db = tmp_path / "library.db"
    assert main(["--db", str(db), "import", str(path)]) == 0
    out, err = capsys.readouterr()
    assert f"{path}: converted from the TCVN3 (ABC) font encoding to Unicode" in err
    doc_id = int(out.split("\t")[0])
    with open_store(db) as store:
        stored = store.get_document(doc_id).text
    assert_tcvn3_round_trip(original.strip(), stored)
    assert "Việt Nam" in stored
