"""The report view: tables, cell → passages → reader, CSV export, bar chart, refresh."""

from __future__ import annotations

import csv

import pytest

from PySide6.QtCore import QPoint, Qt

from tests.ui.conftest import TEXT
from vnreader.core.annotations import add_annotation
from vnreader.core.themes import create_theme
from vnreader.ui.changes import Change
from vnreader.ui.models.report_tables import CELL_ROLE
from vnreader.ui.report_view import ReportView, open_report_view


def span(text, part, end_part=None):
    start = text.index(part)
    return start, (text.index(end_part) + len(end_part) if end_part else start + len(part))


@pytest.fixture
def report(library, make_window, qtbot):
    store, first, second = library
    economy = create_theme(store, "Kinh tế").id
    trade = create_theme(store, "Thương mại", parent_id=economy).id
    diplomacy = create_theme(store, "Ngoại giao").id
    # "Bùi Thanh Sơn gặp Ngoại trưởng Hoa": the PER whole, "Hoa Kỳ" partly
    add_annotation(store, first, diplomacy, *span(TEXT, "Bùi Thanh", "Ngoại trưởng Hoa"))
    add_annotation(store, first, trade, *span(TEXT, "hợp tác", "Đà Nẵng"))
    add_annotation(store, first, diplomacy, *span(TEXT, "Ông Bùi", "cảm ơn Hà Nội."))
    add_annotation(store, second, trade, 0, 7)
    window = make_window(store)
    window.show()
    view = open_report_view(window)
    qtbot.addWidget(view)
    return view, window, {"first": first, "second": second, "trade": trade, "dip": diplomacy}


def matrix_text(view: ReportView) -> list[list[str]]:
    model = view.matrix_view.model()
    return [
        [model.index(r, c).data() or "" for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def test_open_report_view_creates_once_and_raises(report):
    view, window, _ = report
    assert open_report_view(window) is view
    assert view.isVisible() and not view.isModal()
    assert [view.tabs.tabText(i) for i in range(3)] == [
        "Themes × Reports",
        "Entities × Themes",
        "Theme Frequencies",
    ]


def test_matrix_rows_are_documents_and_columns_themes(report):
    view, _window, _ = report
    model = view.matrix_view.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Document", "Thương mại", "Ngoại giao", "Total"]
    assert model.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == (
        "Kinh tế > Thương mại"
    )
    assert matrix_text(view) == [
        ["Đà Nẵng đón khách", "1", "", "1"],
        ["Tin ngoại giao", "1", "2", "3"],
    ]
    view.matrix_filter.setText("tin ngoại")
    assert matrix_text(view) == [["Tin ngoại giao", "1", "2", "3"]]


def test_clicking_a_cell_lists_its_passages_and_a_passage_opens_in_the_reader(report, qtbot):
    view, window, ids = report
    table = view.matrix_view
    index = table.model().index(1, 2)  # Tin ngoại giao × Ngoại giao
    assert index.data(CELL_ROLE) == {"theme_id": ids["dip"], "document_id": ids["first"]}
    qtbot.mouseClick(
        table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center()
    )
    rows = [
        [view.passages.index(r, c).data() for c in range(3)]
        for r in range(view.passages.rowCount())
    ]
    assert rows == [
        ["Tin ngoại giao", "Ngoại giao", "Bùi Thanh Sơn gặp Ngoại trưởng Hoa"],
        ["Tin ngoại giao", "Ngoại giao", "Ông Bùi Thanh Sơn cảm ơn Hà Nội."],
    ]
    assert "2" in view.passage_title.text()
    passages = view.passage_view
    first = view.passages.index(1, 2)
    qtbot.mouseClick(
        passages.viewport(), Qt.MouseButton.LeftButton, pos=passages.visualRect(first).center()
    )
    assert window.current_document_id == ids["first"]
    cursor = window.reader.textCursor()
    assert cursor.selectedText() == "Ông Bùi Thanh Sơn cảm ơn Hà Nội."  # past the emoji


def test_entities_by_theme(report, qtbot):
    view, _window, ids = report
    view.tabs.setCurrentIndex(1)  # counted in a thread, with a connection of its own
    model = view.entity_view.model()
    qtbot.waitUntil(lambda: model.rowCount() == 5, timeout=10_000)
    assert view.entity_status.text() == ""
    got = [[model.index(r, c).data() for c in range(6)] for r in range(model.rowCount())]
    assert got == [
        ["Kinh tế > Thương mại", "Liên minh châu Âu", "Organisation", "1", "1", "1"],
        ["Kinh tế > Thương mại", "Đà Nẵng", "Place", "1", "1", "1"],
        ["Ngoại giao", "Bùi Thanh Sơn", "Person", "2", "2", "1"],
        ["Ngoại giao", "Hoa Kỳ", "Place", "1", "1", "1"],
        ["Ngoại giao", "Hà Nội", "Place", "1", "1", "1"],
    ]
    view.theme_picker.setCurrentIndex(view.theme_picker.findData(ids["trade"]))
    view.refresh_entities()
    qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=10_000)
    view.show_cell(model.index(1, 0).data(CELL_ROLE))
    assert view.passages.rowCount() == 1
    assert "mentioning Đà Nẵng" in view.passage_title.text()


def read_csv(path):
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_export_each_table(report, tmp_path):
    view, _window, ids = report
    assert view.export_csv("matrix", tmp_path / "m.csv") == 2
    assert read_csv(tmp_path / "m.csv")[2] == [str(ids["first"]), "Tin ngoại giao", "1", "2", "3"]
    assert view.export_csv("entities", tmp_path / "e.csv") == 5
    assert read_csv(tmp_path / "e.csv")[3][1:5] == ["Ngoại giao", "Bùi Thanh Sơn", "PER", "2"]
    assert view.export_csv("frequencies", tmp_path / "f.csv") == 3
    assert read_csv(tmp_path / "f.csv")[1:] == [
        [str(ids["trade"] - 1), "Kinh tế", "0", "0"],
        [str(ids["trade"]), "Kinh tế > Thương mại", "2", "2"],
        [str(ids["dip"]), "Ngoại giao", "2", "1"],
    ]


def test_bar_chart_matches_frequencies_and_paints(report, qtbot):
    view, _window, ids = report
    view.tabs.setCurrentIndex(2)
    chart = view.chart
    assert [(b.label, b.value) for b in chart.bars()] == [
        ("Kinh tế", 0),
        ("Kinh tế > Thương mại", 2),
        ("Ngoại giao", 2),
    ]
    image = chart.grab().toImage()  # paints without error
    assert not image.isNull()
    rects = chart.bar_rects()
    assert rects[0].width() == 0 and rects[1].width() > 0
    assert rects[1].width() == pytest.approx(rects[2].width())
    with qtbot.waitSignal(chart.theme_clicked) as clicked:
        qtbot.mouseClick(
            chart, Qt.MouseButton.LeftButton, pos=QPoint(20, int(rects[2].center().y()))
        )
    assert clicked.args == [ids["dip"]]
    assert view.passages.rowCount() == 2


def test_refreshes_when_passages_change(report, qtbot):
    view, window, ids = report
    add_annotation(view.store, ids["second"], ids["dip"], 8, 11)
    window.hub.announce(Change(documents=frozenset({ids["second"]})))
    qtbot.waitUntil(lambda: matrix_text(view)[0] == ["Đà Nẵng đón khách", "1", "1", "2"])


def test_screenshot(report, qtbot, tmp_path):
    """Both pages render to a picture (save one elsewhere to look at it)."""
    view, _window, ids = report
    view.resize(1000, 700)
    view.show_cell({"theme_id": ids["dip"], "document_id": ids["first"]})
    qtbot.wait(50)
    assert view.grab().save(str(tmp_path / "report-view.png"))
    view.tabs.setCurrentIndex(2)
    view.show_cell({"theme_id": ids["trade"]})
    qtbot.wait(50)
    assert view.grab().save(str(tmp_path / "report-view-frequencies.png"))
    assert all(
        (tmp_path / name).stat().st_size > 10_000
        for name in ("report-view.png", "report-view-frequencies.png")
    )
