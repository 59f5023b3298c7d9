"""Reports: themes × documents, entities × themes, theme frequencies, the passages behind a
cell, and their CSV exports, on a small hand-built library (emoji before every span)."""

from __future__ import annotations

import csv

import pytest

from vnreader.core import reports
from vnreader.core.annotations import add_annotation
from vnreader.core.themes import create_theme

TEXT_A = "😀🇻🇳 Bộ trưởng Bùi Thanh Sơn gặp Ngoại trưởng Hoa Kỳ tại Hà Nội. Hai bên bàn việc."
TEXT_B = "🎉 Đà Nẵng đón khách. Hà Nội mời đầu tư."


def span(text: str, part: str, end_part: str | None = None) -> tuple[int, int]:
    start = text.index(part)
    end = text.index(end_part) + len(end_part) if end_part else start + len(part)
    return start, end


def entities(text: str, *pairs: tuple[str, str]) -> list[tuple[int, int, str, str]]:
    return [(*span(text, surface), label, surface) for surface, label in pairs]


@pytest.fixture
def lib(store):
    a = store.add_document("Tin ngoại giao", TEXT_A).document_id
    b = store.add_document("=Đà Nẵng đón khách", TEXT_B).document_id
    store.replace_model_entities(
        a,
        entities(TEXT_A, ("Bùi Thanh Sơn", "PER"), ("Hoa Kỳ", "LOC"), ("Hà Nội", "LOC")),
        "test",
    )
    store.replace_model_entities(b, entities(TEXT_B, ("Đà Nẵng", "LOC"), ("Hà Nội", "LOC")), "test")
    economy = create_theme(store, "Kinh tế").id
    trade = create_theme(store, "Thương mại", parent_id=economy).id
    security = create_theme(store, "An ninh").id

    def tag(doc, text, theme, part, end_part=None):
        return add_annotation(store, doc, theme, *span(text, part, end_part)).id

    ids = {
        # covers the PER fully and "Hoa Kỳ" only partly ("Hoa")
        "p1": tag(a, TEXT_A, trade, "Bùi Thanh", "Ngoại trưởng Hoa"),
        # overlaps p1; holds "Hoa Kỳ" and Hà Nội of document A
        "p2": tag(a, TEXT_A, security, "Hoa Kỳ tại", "Hà Nội."),
        "p3": tag(a, TEXT_A, economy, "Hai bên bàn"),
        "p4": tag(b, TEXT_B, trade, "Đà Nẵng", "Hà Nội"),
        "p5": tag(b, TEXT_B, trade, "Hà Nội mời"),  # overlaps p4 on the same Hà Nội
        "p6": tag(a, TEXT_A, security, " gặp"),  # starts where the PER ends: no overlap
    }
    return store, {"a": a, "b": b, "economy": economy, "trade": trade, "security": security}, ids


def test_theme_document_matrix_counts_passages_per_document_and_theme(lib):
    store, k, _ids = lib
    matrix = reports.theme_document_matrix(store)
    assert [t.path for t in matrix.themes] == ["Kinh tế", "Kinh tế > Thương mại", "An ninh"]
    assert matrix.documents == [(k["b"], "=Đà Nẵng đón khách"), (k["a"], "Tin ngoại giao")]
    assert matrix.count(k["a"], k["trade"]) == 1
    assert matrix.count(k["a"], k["security"]) == 2
    assert matrix.count(k["a"], k["economy"]) == 1  # a parent counts its own passages only
    assert matrix.count(k["b"], k["trade"]) == 2
    assert matrix.count(k["b"], k["security"]) == 0


def test_matrix_leaves_out_unused_themes_and_untagged_documents(lib):
    store, k, _ids = lib
    create_theme(store, "Chưa dùng")
    store.add_document("Không gắn thẻ", "Văn bản khác.")
    matrix = reports.theme_document_matrix(store)
    assert "Chưa dùng" not in [t.path for t in matrix.themes]
    assert len(matrix.documents) == 2


def test_entity_theme_cooccurrence(lib):
    store, k, _ids = lib
    rows = reports.entity_theme_cooccurrence(store)
    got = [(r.theme.path, r.text, r.label, r.passages, r.mentions, r.documents) for r in rows]
    assert got == [
        # two passages share one mention of Hà Nội; "Hoa Kỳ" overlaps p1 only partly
        ("Kinh tế > Thương mại", "Hà Nội", "LOC", 2, 1, 1),
        ("Kinh tế > Thương mại", "Bùi Thanh Sơn", "PER", 1, 1, 1),
        ("Kinh tế > Thương mại", "Hoa Kỳ", "LOC", 1, 1, 1),
        ("Kinh tế > Thương mại", "Đà Nẵng", "LOC", 1, 1, 1),
        ("An ninh", "Hoa Kỳ", "LOC", 1, 1, 1),
        ("An ninh", "Hà Nội", "LOC", 1, 1, 1),
    ]


def test_cooccurrence_counts_mentions_across_documents(lib):
    store, k, _ids = lib
    add_annotation(store, k["a"], k["trade"], *span(TEXT_A, "Hà Nội"))
    row = next(
        r
        for r in reports.entity_theme_cooccurrence(store)
        if r.theme.id == k["trade"] and r.text == "Hà Nội"
    )
    assert (row.passages, row.mentions, row.documents) == (3, 2, 2)


def test_cooccurrence_without_entities_is_empty(store):
    doc = store.add_document("Tin", "Một văn bản.").document_id
    add_annotation(store, doc, create_theme(store, "Chủ đề").id, 0, 3)
    assert reports.entity_theme_cooccurrence(store) == []


def test_theme_frequencies(lib):
    store, k, _ids = lib
    create_theme(store, "Chưa dùng")
    got = [(f.theme.path, f.passages, f.documents) for f in reports.theme_frequencies(store)]
    assert got == [
        ("Kinh tế", 1, 1),
        ("Kinh tế > Thương mại", 3, 2),
        ("An ninh", 2, 1),
        ("Chưa dùng", 0, 0),
    ]
    used = reports.theme_frequencies(store, include_unused=False)
    assert [f.theme.path for f in used] == ["Kinh tế", "Kinh tế > Thương mại", "An ninh"]
    assert all(f.theme.color.startswith("#") for f in used)


def test_passages_behind_cells(lib):
    store, k, ids = lib

    def behind(**kwargs):
        return [a.id for a in reports.passages_behind(store, **kwargs)]

    assert behind(theme_id=k["trade"]) == [ids["p1"], ids["p4"], ids["p5"]]
    assert behind(theme_id=k["trade"], document_id=k["b"]) == [ids["p4"], ids["p5"]]
    assert behind(theme_id=k["security"], document_id=k["a"]) == [ids["p6"], ids["p2"]]
    assert behind(theme_id=k["trade"], entity=("Hà Nội", "LOC")) == [ids["p4"], ids["p5"]]
    assert behind(theme_id=k["trade"], entity=("Hoa Kỳ", "LOC")) == [ids["p1"]]  # partial
    assert behind(theme_id=k["security"], entity=("Bùi Thanh Sơn", "PER")) == []  # adjacent
    assert behind(theme_id=k["trade"], entity=("Hà Nội", "PER")) == []  # label matters
    assert behind(theme_id=k["trade"], limit=2) == [ids["p1"], ids["p4"]]
    assert reports.count_passages_behind(store, theme_id=k["trade"]) == 3
    assert reports.count_passages_behind(store, k["trade"], entity=("Hà Nội", "LOC")) == 2
    passage = reports.passages_behind(store, theme_id=k["trade"], entity=("Hoa Kỳ", "LOC"))[0]
    expected = "Bùi Thanh Sơn gặp Ngoại trưởng Hoa"
    assert TEXT_A[passage.start : passage.end] == passage.text == expected


def test_document_titles_reads_only_existing(lib):
    store, k, _ids = lib
    assert reports.document_titles(store, [k["a"], 999]) == {k["a"]: "Tin ngoại giao"}


def read_csv(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_csv_exports(lib, tmp_path):
    store, k, _ids = lib
    matrix = reports.theme_document_matrix(store)
    assert reports.export_matrix(matrix, tmp_path / "m.csv") == 2
    rows = read_csv(tmp_path / "m.csv")
    assert rows[0] == [
        "document_id",
        "document_title",
        "Kinh tế",
        "Kinh tế > Thương mại",
        "An ninh",
        "total",
    ]
    assert rows[1] == [str(k["b"]), "'=Đà Nẵng đón khách", "0", "2", "0", "2"]  # neutralised
    assert rows[2] == [str(k["a"]), "Tin ngoại giao", "1", "1", "2", "4"]

    co = reports.entity_theme_cooccurrence(store)
    assert reports.export_cooccurrence(co, tmp_path / "e.csv") == 6
    rows = read_csv(tmp_path / "e.csv")
    assert rows[0][:4] == ["theme_id", "theme_path", "entity", "label"]
    assert rows[1] == [str(k["trade"]), "Kinh tế > Thương mại", "Hà Nội", "LOC", "2", "1", "1"]

    freq = reports.theme_frequencies(store)
    assert reports.export_frequencies(freq, tmp_path / "f.csv") == 3
    assert read_csv(tmp_path / "f.csv")[2] == [str(k["trade"]), "Kinh tế > Thương mại", "3", "2"]


def test_cooccurrence_of_chosen_themes(lib):
    store, k, _ids = lib
    rows = reports.entity_theme_cooccurrence(store, theme_ids=[k["security"]])
    assert [(r.theme.path, r.text) for r in rows] == [("An ninh", "Hoa Kỳ"), ("An ninh", "Hà Nội")]
    assert reports.entity_theme_cooccurrence(store, theme_ids=[]) == []
