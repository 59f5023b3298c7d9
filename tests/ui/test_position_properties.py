"""Property-based tests: code-point offsets agree with Qt's UTF-16 positions.

Qt's ``QTextCursor`` counts UTF-16 units; vnreader counts code points and converts with
:class:`vnreader.core.text.Utf16Map`. These tests check the conversion against a real
``QTextDocument`` and against what the reader and its highlighter actually select and
draw, on text with emoji and other characters outside the BMP.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from PySide6.QtGui import QColor, QTextCursor, QTextDocument

from tests.strategies import stored_text
from vnreader.core.text import Utf16Map

PARAGRAPH = "\u2029"  # QTextCursor.selectedText() shows a block break as U+2029


def select(document: QTextDocument, mapping: Utf16Map, start: int, end: int) -> QTextCursor:
    cursor = QTextCursor(document)
    cursor.setPosition(mapping.to_utf16(start))
    cursor.setPosition(mapping.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
    return cursor


@st.composite
def text_and_range(draw: st.DrawFn) -> tuple[str, int, int]:
    text = draw(stored_text())
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, len(text)))
    return text, start, end


@pytest.fixture(scope="module")
def document(qapp):
    document = QTextDocument()
    yield document
    document.deleteLater()


@pytest.fixture(scope="module")
def reader(qapp):
    from vnreader.ui.reader import ReaderView

    view = ReaderView()
    view.resize(600, 400)
    yield view
    view.deleteLater()


@given(text_and_range())
def test_a_converted_range_selects_the_same_characters_in_qt(document, case) -> None:
    text, start, end = case
    document.setPlainText(text)
    mapping = Utf16Map(text)
    assert document.characterCount() - 1 == mapping.to_utf16(len(text))
    cursor = select(document, mapping, start, end)
    assert cursor.selectedText() == text[start:end].replace("\n", PARAGRAPH)
    assert mapping.to_code_point(cursor.selectionStart()) == start
    assert mapping.to_code_point(cursor.selectionEnd()) == end


@given(stored_text())
def test_qt_cursor_positions_are_never_inside_a_character(document, text: str) -> None:
    document.setPlainText(text)
    mapping = Utf16Map(text)
    cursor = QTextCursor(document)
    positions = [0]
    while cursor.movePosition(QTextCursor.MoveOperation.NextCharacter):
        positions.append(cursor.position())
    assert positions[-1] == mapping.to_utf16(len(text))
    for position in positions:
        offset = mapping.to_code_point(position)
        assert mapping.to_utf16(offset) == position
        assert text[:offset].count("\n") == document.findBlock(position).blockNumber()


@given(stored_text())
def test_blocks_start_where_the_lines_start(document, text: str) -> None:
    document.setPlainText(text)
    mapping = Utf16Map(text)
    lines = text.split("\n")
    assert document.blockCount() == len(lines)
    block, offset = document.firstBlock(), 0
    for line in lines:
        assert mapping.to_code_point(block.position()) == offset
        assert block.text() == line
        offset += len(line) + 1
        block = block.next()


@given(text_and_range())
def test_the_reader_selects_and_reports_code_point_spans(reader, case) -> None:
    text, start, end = case
    reader.show_text(text)
    reader.select_span(start, end)
    assert reader.selected_span() == (start, end)
    assert reader.textCursor().selectedText() == text[start:end].replace("\n", PARAGRAPH)
    reader.set_marks("find", [(start, end)], QColor("yellow"))
    assert reader.marks("find") == [(start, end)]


@st.composite
def text_with_spans(draw: st.DrawFn):
    """Stored text, non-overlapping entities and (possibly overlapping) passages."""
    text = draw(stored_text())
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8, unique=True)))
    entities = [
        (start, end, draw(st.sampled_from(["PER", "ORG", "LOC"])), "model")
        for start, end in zip(cuts[::2], cuts[1::2], strict=False)
    ]
    passages = []
    for theme in draw(st.lists(st.integers(1, 3), max_size=4)):
        start = draw(st.integers(0, len(text)))
        passages.append((start, draw(st.integers(start, len(text))), theme))
    return text, entities, [p for p in passages if p[0] < p[1]]


def per_character(text: str, ranges) -> dict[int, set]:
    """What each code point carries: labels, or theme ids (a range's third item is one of
    them or a tuple of them). Block breaks are left out: Qt draws nothing on them."""
    found: dict[int, set] = {}
    for start, end, value, *_ in ranges:
        values = set(value) if isinstance(value, tuple) else {value}
        for i in range(start, end):
            if text[i] != "\n":
                found.setdefault(i, set()).update(values)
    return found


@given(text_with_spans())
def test_highlights_land_on_the_right_characters(reader, case) -> None:
    text, entities, passages = case
    reader.show_text(text, entities, passages, {1: "#ff0000", 2: "#00ff00", 3: "#0000ff"})
    assert per_character(text, reader.highlighted_ranges()) == per_character(text, entities)
    assert per_character(text, reader.passage_ranges()) == per_character(text, passages)
