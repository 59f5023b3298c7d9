"""CSV exports: BOM, round trip, formula neutralisation, offsets, filters, atomic writes."""

from __future__ import annotations

import csv
import os

import pytest

from vnreader.core import csv_export
from vnreader.core.annotations import add_annotation
from vnreader.core.csv_export import (
    ANNOTATION_COLUMNS,
    ENTITY_COLUMNS,
    ExportError,
    export_annotations,
    export_entities,
    neutralise,
)
from vnreader.core.themes import create_theme

TEXT_A = "Thủ tướng Phạm Minh Chính thăm Đà Nẵng 😀 và gặp lãnh đạo thành phố."
TEXT_B = "=SUM(A1) là một công thức; Bộ Công Thương họp về xuất khẩu gạo."
INJECTIONS = ("=SUM(A1)", "+1", "-x", "@cmd", "\tx", "\rx")


def read_csv(path):
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


@pytest.fixture
def corpus(store):
    """Two documents, a small theme tree and a few passages; returns useful ids."""
    doc_a = store.add_document("Tin Đà Nẵng", TEXT_A).document_id
    doc_b = store.add_document("@cmd báo cáo", TEXT_B).document_id
    economy = create_theme(store, "Kinh tế", color="#112233")
    trade = create_theme(store, "Thương mại", parent_id=economy.id, description="xuất nhập khẩu")
    formula = create_theme(store, "-x chủ đề")
    a1 = add_annotation(store, doc_a, economy.id, 10, 25, note="Ghi chú tiếng Việt")
    a2 = add_annotation(store, doc_a, trade.id, 31, 40, note="=SUM(A1)")  # spans the emoji
    a3 = add_annotation(store, doc_b, trade.id, 0, 8, note="+1")  # text "=SUM(A1)"
    a4 = add_annotation(store, doc_b, formula.id, 27, 42, note="\tx")
    return {
        "docs": (doc_a, doc_b),
        "themes": (economy, trade, formula),
        "annotations": (a1, a2, a3, a4),
    }


@pytest.mark.parametrize("cell", INJECTIONS)
def test_neutralise_prefixes_formula_starts(cell):
    assert neutralise(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["", "Hà Nội", "'quoted", "1+1", "a=b", " =x"])
def test_neutralise_leaves_ordinary_text(cell):
    assert neutralise(cell) == cell


def test_annotations_round_trip_with_bom_and_crlf(store, corpus, tmp_path):
    out = tmp_path / "passages.csv"
    assert export_annotations(store, out) == 4
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\r\n") == 5
    rows = read_csv(out)
    assert tuple(rows[0]) == ANNOTATION_COLUMNS
    records = [dict(zip(ANNOTATION_COLUMNS, row, strict=True)) for row in rows[1:]]
    first = records[0]
    a1 = corpus["annotations"][0]
    assert first["annotation_id"] == str(a1.id)
    assert first["document_title"] == "Tin Đà Nẵng"
    assert first["theme"] == first["theme_path"] == "Kinh tế"
    assert first["text"] == "Phạm Minh Chính"
    assert first["note"] == "Ghi chú tiếng Việt"
    assert first["created_at"] == a1.created_at
    second = records[1]
    assert second["theme"] == "Thương mại"
    assert second["theme_path"] == "Kinh tế > Thương mại"
    assert "😀" in second["text"]


def test_offsets_index_the_stored_text(store, corpus, tmp_path):
    out = tmp_path / "passages.csv"
    export_annotations(store, out)
    for row in read_csv(out)[1:]:
        record = dict(zip(ANNOTATION_COLUMNS, row, strict=True))
        text = store.get_document(int(record["document_id"])).text
        start, end = int(record["start"]), int(record["end"])
        passage = text[start:end]
        if passage[0] in "=+-@\t\r":  # neutralised: the apostrophe is the only difference
            assert record["text"] == "'" + passage
        else:
            assert record["text"] == passage


def test_injection_cells_are_neutralised(store, corpus, tmp_path):
    out = tmp_path / "passages.csv"
    export_annotations(store, out)
    records = [dict(zip(ANNOTATION_COLUMNS, r, strict=True)) for r in read_csv(out)[1:]]
    by_id = {int(r["annotation_id"]): r for r in records}
    a1, a2, a3, a4 = corpus["annotations"]
    assert by_id[a2.id]["note"] == "'=SUM(A1)"
    assert by_id[a3.id]["note"] == "'+1"
    assert by_id[a3.id]["text"] == "'=SUM(A1)"
    assert by_id[a3.id]["document_title"] == "'@cmd báo cáo"
    assert by_id[a4.id]["note"] == "'\tx"
    assert by_id[a4.id]["theme"] == by_id[a4.id]["theme_path"] == "'-x chủ đề"
    for record in records:
        for column in ("document_title", "theme", "theme_path", "text", "note"):
            assert record[column][:1] not in tuple("=+-@\t\r"), (column, record[column])


def test_every_injection_prefix_in_a_note(store, corpus, tmp_path):
    doc_a = corpus["docs"][0]
    economy = corpus["themes"][0]
    for offset, note in enumerate(INJECTIONS):
        add_annotation(store, doc_a, economy.id, 41 + offset, 45 + offset, note=note)
    out = tmp_path / "notes.csv"
    export_annotations(store, out, theme_ids=[economy.id])
    notes = {r[ANNOTATION_COLUMNS.index("note")] for r in read_csv(out)[1:]}
    assert {"'" + cell for cell in INJECTIONS} <= notes


def test_filters_by_theme_and_document(store, corpus, tmp_path):
    doc_a, doc_b = corpus["docs"]
    economy, trade, _ = corpus["themes"]
    out = tmp_path / "filtered.csv"
    assert export_annotations(store, out, theme_ids=[trade.id]) == 2
    themes = {r[ANNOTATION_COLUMNS.index("theme")] for r in read_csv(out)[1:]}
    assert themes == {"Thương mại"}
    assert export_annotations(store, out, document_ids=[doc_b]) == 2
    assert {r[1] for r in read_csv(out)[1:]} == {str(doc_b)}
    assert export_annotations(store, out, theme_ids=[trade.id], document_ids=[doc_a]) == 1
    assert export_annotations(store, out, theme_ids=[]) == 0
    assert read_csv(out) == [list(ANNOTATION_COLUMNS)]


def test_a_failing_writer_leaves_the_target_untouched(store, corpus, tmp_path, monkeypatch):
    out = tmp_path / "passages.csv"
    out.write_bytes(b"previous export")

    class Exploding:
        def __init__(self, handle):
            self.handle = handle

        def writerow(self, row):
            self.handle.write(",".join(map(str, row)) + "\r\n")

        def writerows(self, rows):
            for count, row in enumerate(rows):
                if count == 2:
                    raise OSError(28, "No space left on device")
                self.writerow(row)

    monkeypatch.setattr(csv_export.csv, "writer", Exploding)
    with pytest.raises(ExportError) as error:
        export_annotations(store, out)
    assert str(error.value) == (
        f"cannot write {out}: No space left on device; free some disk space and export again"
    )
    assert out.read_bytes() == b"previous export"
    assert sorted(os.listdir(tmp_path)) == ["library", "passages.csv"]


def test_a_failing_rename_leaves_no_temporary_file(store, corpus, tmp_path, monkeypatch):
    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / "passages.csv"
    out.write_bytes(b"previous export")

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(csv_export.os, "replace", refuse)
    with pytest.raises(ExportError, match="Permission denied"):
        export_annotations(store, out)
    assert out.read_bytes() == b"previous export"
    assert os.listdir(folder) == ["passages.csv"]


def test_a_missing_folder_is_a_one_line_error(store, corpus, tmp_path):
    out = tmp_path / "no" / "such" / "folder.csv"
    with pytest.raises(ExportError) as error:
        export_annotations(store, out)
    assert "\n" not in str(error.value)
    assert not out.parent.exists()


def test_new_file_is_readable_by_others(store, corpus, tmp_path):
    out = tmp_path / "passages.csv"
    export_annotations(store, out)
    if os.name == "posix":
        assert out.stat().st_mode & 0o044 == 0o044


def test_entities_export(store, corpus, tmp_path):
    doc_a, doc_b = corpus["docs"]
    store.replace_model_entities(doc_a, [(10, 25, "PER", "Phạm Minh Chính")], "v1")
    store.replace_model_entities(doc_b, [(27, 41, "ORG", "Bộ Công Thương")], "v1")
    out = tmp_path / "entities.csv"
    assert export_entities(store, out) == 2
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = read_csv(out)
    assert tuple(rows[0]) == ENTITY_COLUMNS
    records = [dict(zip(ENTITY_COLUMNS, row, strict=True)) for row in rows[1:]]
    assert records[0] == {
        "document_id": str(doc_a),
        "document_title": "Tin Đà Nẵng",
        "label": "PER",
        "start": "10",
        "end": "25",
        "text": "Phạm Minh Chính",
        "origin": "model",
    }
    assert records[1]["document_title"] == "'@cmd báo cáo"
    assert records[1]["text"] == "Bộ Công Thương"
    assert export_entities(store, out, document_ids=[doc_b]) == 1


def test_export_of_an_empty_library_has_only_the_header(store, tmp_path):
    out = tmp_path / "empty.csv"
    assert export_annotations(store, out) == 0
    assert out.read_bytes() == "\ufeff".encode() + ",".join(ANNOTATION_COLUMNS).encode() + b"\r\n"
