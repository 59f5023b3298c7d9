"""REFI-QDA codebook (.qdc) export and import."""

from __future__ import annotations

import os
import uuid
import xml.etree.ElementTree as ET

import pytest

from vnreader.core.qdc import NAMESPACE, CodebookError, export_codebook, import_codebook
from vnreader.core.store import open_store
from vnreader.core.themes import create_theme, list_themes, theme_paths

NS = {"c": NAMESPACE}


def tree_of(store) -> list[tuple[str, str, str]]:
    """(path, colour, description) of every theme, in tree order."""
    paths = theme_paths(store)
    return [(paths[t.id], t.color, t.description) for t in list_themes(store)]


@pytest.fixture
def codebook(store):
    economy = create_theme(store, "Kinh tế", color="#1F77B4", description="Kinh tế & thị trường")
    create_theme(store, "Thương mại", parent_id=economy.id, color="#ff7f0e", shortcut=1)
    trade = create_theme(store, "Đầu tư", parent_id=economy.id, description="FDI <nước ngoài>")
    create_theme(store, "Nhật Bản", parent_id=trade.id)
    create_theme(store, "An ninh - quốc phòng")
    create_theme(store, "Biển Đông", description="dòng 1\ndòng 2")
    return store


def test_export_writes_a_namespaced_codebook(codebook, tmp_path):
    out = tmp_path / "sach-ma.qdc"
    assert export_codebook(codebook, out) == 6
    raw = out.read_bytes()
    assert raw.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    assert "Kinh tế".encode() in raw  # real UTF-8, not character references
    root = ET.fromstring(raw)
    assert root.tag == f"{{{NAMESPACE}}}CodeBook"
    assert root.get("origin").startswith("vnreader ")
    top = root.findall("c:Codes/c:Code", NS)
    assert [c.get("name") for c in top] == ["Kinh tế", "An ninh - quốc phòng", "Biển Đông"]
    guids = set()
    for code in root.iter(f"{{{NAMESPACE}}}Code"):
        assert code.get("isCodable") == "true"
        assert len(code.get("color")) == 7 and code.get("color").startswith("#")
        guids.add(str(uuid.UUID(code.get("guid"))))
    assert len(guids) == 6
    assert top[0].find("c:Description", NS).text == "Kinh tế & thị trường"
    assert [c.get("name") for c in top[0].findall("c:Code", NS)] == ["Thương mại", "Đầu tư"]
    assert root.find("c:Sets", NS) is not None
    assert b"\n  <Codes>" in raw  # pretty-printed


def test_round_trip_into_a_fresh_store(codebook, tmp_path):
    out = tmp_path / "sach-ma.qdc"
    export_codebook(codebook, out)
    with open_store(tmp_path / "other.db") as fresh:
        result = import_codebook(fresh, out)
        assert len(result.created) == 6
        assert result.existing == [] and result.skipped == []
        assert "Kinh tế > Đầu tư > Nhật Bản" in result.created
        assert tree_of(fresh) == tree_of(codebook)


def test_import_is_idempotent_and_keeps_existing_settings(codebook, tmp_path):
    out = tmp_path / "sach-ma.qdc"
    export_codebook(codebook, out)
    before = tree_of(codebook)
    result = import_codebook(codebook, out)
    assert result.created == []
    assert len(result.existing) == 6
    assert tree_of(codebook) == before


def test_existing_themes_match_by_path_ignoring_case(store, tmp_path):
    create_theme(store, "kinh TẾ", color="#000000", description="mine")
    qdc = tmp_path / "other.qdc"
    qdc.write_text(
        f'<CodeBook xmlns="{NAMESPACE}"><Codes>'
        '<Code guid="a" name="Kinh tế" isCodable="true" color="#ffffff">'
        "<Description>theirs</Description>"
        '<Code guid="b" name="Giá cả" isCodable="true"/></Code></Codes></CodeBook>',
        encoding="utf-8",
    )
    result = import_codebook(store, qdc)
    assert result.existing == ["kinh TẾ"]  # as stored
    assert result.created == ["kinh TẾ > Giá cả"]
    assert tree_of(store)[0] == ("kinh TẾ", "#000000", "mine")
    assert [p for p, _, _ in tree_of(store)] == ["kinh TẾ", "kinh TẾ > Giá cả"]


def test_real_world_file_without_namespace(store, tmp_path):
    qdc = tmp_path / "from-another-tool.qdc"
    qdc.write_bytes(
        (
            "<?xml version='1.0' encoding='UTF-8'?>\r\n"
            '<CodeBook origin="Some QDA 9">\r\n'
            "  <!-- exported codes -->\r\n"
            "  <Codes>\r\n"
            '    <Code guid="9F1A2B3C-0000-4000-8000-00000000000A" name=" Chính  trị "'
            ' isCodable="true" color="#ABCDEF">\r\n'
            "      <Description>  Mô tả  </Description>\r\n"
            '      <Code guid="x" name="Trong nước &gt; Quốc hội" isCodable="false" color="red"/>'
            "\r\n"
            '      <Code guid="y" name="" isCodable="true">'
            '<Code guid="z" name="con" isCodable="true"/></Code>\r\n'
            "    </Code>\r\n"
            '    <Code guid="w" name="Ngoại giao" isCodable="true" color="#12345"/>\r\n'
            "  </Codes>\r\n"
            '  <Sets><Set guid="s" name="set"><MemberCode guid="x"/></Set></Sets>\r\n'
            "</CodeBook>\r\n"
        ).encode()
    )
    result = import_codebook(store, qdc)
    assert result.created == [
        "Chính trị",
        "Chính trị > Trong nước › Quốc hội",
        "Ngoại giao",
    ]
    assert len(result.skipped) == 1
    assert "without a name" in result.skipped[0] and "1 sub-code" in result.skipped[0]
    themes = {t.name: t for t in list_themes(store)}
    assert themes["Chính trị"].color == "#abcdef"
    assert themes["Chính trị"].description == "Mô tả"
    for name in ("Trong nước › Quốc hội", "Ngoại giao"):  # invalid colours: palette
        assert themes[name].color.startswith("#") and len(themes[name].color) == 7
    again = import_codebook(store, qdc)
    assert again.created == []
    assert len(again.existing) == 3


def test_duplicate_codes_in_one_file_are_merged(store, tmp_path):
    qdc = tmp_path / "dup.qdc"
    qdc.write_text(
        '<CodeBook><Codes><Code guid="a" name="X" isCodable="true"/>'
        '<Code guid="b" name="x" isCodable="true"><Code guid="c" name="Y" isCodable="true"/>'
        "</Code></Codes></CodeBook>",
        encoding="utf-8",
    )
    result = import_codebook(store, qdc)
    assert result.created == ["X", "X > Y"]
    assert len(result.skipped) == 1 and "duplicate" in result.skipped[0]


@pytest.mark.parametrize(
    "payload",
    [
        b'<?xml version="1.0"?>\n<!DOCTYPE CodeBook [<!ENTITY x "xx">]>\n'
        b'<CodeBook><Codes><Code guid="a" name="&x;" isCodable="true"/></Codes></CodeBook>',
        b'<!DOCTYPE CodeBook SYSTEM "http://example.invalid/evil.dtd"><CodeBook/>',
        '<!DOCTYPE CodeBook [<!ENTITY a "a">]><CodeBook/>'.encode("utf-16"),
    ],
)
def test_dtds_and_entities_are_refused(store, tmp_path, payload):
    qdc = tmp_path / "evil.qdc"
    qdc.write_bytes(payload)
    with pytest.raises(CodebookError, match="DTD"):
        import_codebook(store, qdc)
    assert list_themes(store) == []


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00garbage", "not a valid XML"),
        (b"<CodeBook><Codes>", "not a valid XML"),
        (b"", "empty"),
        (b'<Project xmlns="urn:QDA-XML:project:1.0"/>', "not a REFI-QDA codebook"),
    ],
)
def test_garbage_is_refused_with_one_line(store, tmp_path, payload, message):
    qdc = tmp_path / "junk.qdc"
    qdc.write_bytes(payload)
    with pytest.raises(CodebookError, match=message) as error:
        import_codebook(store, qdc)
    assert "\n" not in str(error.value)
    assert list_themes(store) == []


def test_missing_file_is_a_codebook_error(store, tmp_path):
    with pytest.raises(CodebookError, match="cannot read"):
        import_codebook(store, tmp_path / "nope.qdc")


def test_export_is_atomic(codebook, tmp_path, monkeypatch):
    from vnreader.core import csv_export

    out = tmp_path / "book.qdc"
    out.write_text("old", encoding="utf-8")

    def refuse(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(csv_export.os, "replace", refuse)
    with pytest.raises(csv_export.ExportError, match="No space left"):
        export_codebook(codebook, out)
    assert out.read_text(encoding="utf-8") == "old"
    assert sorted(os.listdir(tmp_path)) == ["book.qdc", "library"]
