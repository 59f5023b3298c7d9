"""Hostile files through the command line, the window and one batch import; tags
and highlights after emoji and zero-width characters; an import that cannot be saved.

Part of the bad-input suite of issue 6 (see tests/bad_input/support.py)."""

from __future__ import annotations

import codecs
import io
import os
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.bad_input.support import (
    ORIGINAL,
    PNG,
    VERSION,
    VI,
    assert_intact,
    cli,
    good_file,
    run_vnreader,
)
from tests.core.test_decoding import RUNNING_TEXT, to_tcvn3, to_vni
from vnreader.core import annotations, themes
from vnreader.core.store import open_store

# --- hostile files --------------------------------------------------------------------------


@dataclass(frozen=True)
class Hostile:
    name: str
    data: bytes
    refusal: str | None = None  # why the file is refused, after "name: "
    text: str | None = None  # else: the text stored (decoded, NFC, "\n" newlines)
    sparse_size: int = 0  # written as a sparse file of this many bytes instead of data


def _junk_docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "xin chào")
        archive.writestr("junk.bin", os.urandom(64))
    return buffer.getvalue()


def _utf16(codec: str, bom: bytes, label: str) -> bytes:
    return bom + f"{VI} ({label})".replace("\n", "\r\n").encode(codec)


EMOJI = "😀 Hà Nội 🇻🇳 đón 👨‍👩‍👧 đoàn 𝕏 khách 🏳️‍🌈 quốc tế."
ZERO_WIDTH = "Hà\u200bNội\u200c và\u200d Đà\u2060 Nẵng\ufeff hợp tác."
CP1258 = b"Ho\xcca bi\xccnh, \xd0\xe0 N\xe3\xdeng, Nguy\xea\xden Thi\xf2 \xc1nh"

HOSTILE = {
    "binary": Hostile("binary.txt", PNG, refusal="looks like a binary file (PNG image), not text"),
    "empty": Hostile("empty.txt", b"", refusal="the file is empty"),
    "whitespace-only": Hostile(
        "blank.txt", " \r\n\t\n\u00a0 \u3000\n".encode(), refusal="the file holds only whitespace"
    ),
    "zero-width-only": Hostile(
        "invisible.txt",
        "\ufeff\u200b\u200b\n\u200d\u2060".encode(),
        refusal="the file holds only invisible characters (zero-width spaces, joiners, controls)",
    ),
    "truncated-utf8": Hostile(
        "cut.txt",
        f"{VI} Nguyễn".encode() + "ễ".encode()[:2],
        refusal="the file ends in the middle of a UTF-8 character (truncated?)",
    ),
    "invalid-utf8-in-the-middle": Hostile(
        "middle.txt",
        VI.encode() + b"\xff" + VI.encode(),
        refusal="not valid UTF-8 or Windows-1258 text"
        f" (bad byte 0xff at offset {len(VI.encode())})",
    ),
    "docx-zip-of-junk": Hostile(
        "junk.docx",
        _junk_docx(),
        refusal="not a Word document (the zip holds no word/document.xml)",
    ),
    "docx-not-a-zip": Hostile("fake.docx", PNG, refusal="not a valid .docx (not a zip archive)"),
    "html-without-article": Hostile(
        "menu.html",
        b"<html><head><title>Trang</title><script>var a = '<p>x</p>';</script></head>"
        b"<body><nav><a href='/'>Trang ch\xe1\xbb\xa7</a></nav><footer>\xc2\xa9</footer></body>",
        refusal="no readable article text in the page",
    ),
    "utf16-le-bom": Hostile(
        "le-bom.txt", _utf16("utf-16-le", codecs.BOM_UTF16_LE, "le bom"), text=f"{VI} (le bom)"
    ),
    "utf16-be-bom": Hostile(
        "be-bom.txt", _utf16("utf-16-be", codecs.BOM_UTF16_BE, "be bom"), text=f"{VI} (be bom)"
    ),
    "utf16-le-no-bom": Hostile("le.txt", _utf16("utf-16-le", b"", "le"), text=f"{VI} (le)"),
    "utf16-be-no-bom": Hostile("be.txt", _utf16("utf-16-be", b"", "be"), text=f"{VI} (be)"),
    "windows-1258": Hostile(
        "cp1258.txt", CP1258, text=unicodedata.normalize("NFC", "Hòa bình, Đà Nẵng, Nguyễn Thị Ánh")
    ),
    "nfd": Hostile(
        "nfd.txt", unicodedata.normalize("NFD", f"{VI} (nfd)").encode(), text=f"{VI} (nfd)"
    ),
    "mixed-newlines": Hostile(
        "newlines.txt",
        "Dòng một\r\nDòng hai\rDòng ba\nDòng bốn\r\n".encode(),
        text="Dòng một\nDòng hai\nDòng ba\nDòng bốn",
    ),
    "zero-width-characters": Hostile("zw.txt", ZERO_WIDTH.encode(), text=ZERO_WIDTH),
    "emoji-outside-the-bmp": Hostile("emoji.txt", EMOJI.encode(), text=EMOJI),
    "tcvn3-font-encoding": Hostile("tcvn3.txt", to_tcvn3(RUNNING_TEXT), text=RUNNING_TEXT),
    "vni-font-encoding": Hostile(
        "vni.txt", to_vni(RUNNING_TEXT + " Bản VNI."), text=RUNNING_TEXT + " Bản VNI."
    ),
    "50-mb-file": Hostile(
        "huge.txt",
        b"",
        refusal="the file is 50.0 MB; vnreader reads files of up to 32 MB. Split it into"
        " smaller files (one per chapter, say) and import those",
        sparse_size=50 * 1024 * 1024,
    ),
}
CASES = pytest.mark.parametrize("case", list(HOSTILE.values()), ids=list(HOSTILE))


def _write(folder: Path, case: Hostile) -> Path:
    path = folder / case.name
    path.write_bytes(case.data)
    if case.sparse_size:
        with path.open("r+b") as handle:
            handle.truncate(case.sparse_size)
    return path


def test_the_table_covers_every_case_of_the_issue():
    assert all((case.refusal is None) != (case.text is None) for case in HOSTILE.values())
    named_in_the_issue = {"tcvn3-font-encoding", "vni-font-encoding", "50-mb-file", "nfd"}
    assert named_in_the_issue <= set(HOSTILE)
    assert "\ufeff" not in ZERO_WIDTH[0] and ZERO_WIDTH.count("\u200b") == 1
    assert any(ord(char) > 0xFFFF for char in EMOJI)


@CASES
def test_cli_import_of_a_hostile_file(case: Hostile, library: Path, tmp_path: Path, capsys):
    """The hostile file first, a good one after it: the good one is imported either way."""
    hostile, good = _write(tmp_path, case), good_file(tmp_path)
    code, out, err = cli(capsys, "--db", library, "import", hostile, good)
    ids = [int(line.split("\t")[0]) for line in out.splitlines()]
    with open_store(library) as store:
        stored = {store.get_document(doc_id).text for doc_id in ids}
    assert "Báo cáo tốt\nĐoàn công tác làm việc tại Cần Thơ." in stored
    if case.refusal:
        assert code == 1
        assert f"vnreader: {case.name}: {case.refusal}\n" in err
        assert "1 imported, 1 could not be read" in err
        assert len(ids) == 1
    else:
        assert code == 0, err
        assert case.text in stored and len(ids) == 2
    assert "Traceback" not in err
    assert_intact(library)


def test_cli_import_of_every_hostile_file_in_one_batch(library: Path, tmp_path: Path):
    """As a user runs it: one folder, one process; bad files named, the rest imported."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    for case in HOSTILE.values():
        _write(folder, case)
    good_file(folder)
    result = run_vnreader("--db", library, "import", folder)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    refused = [case for case in HOSTILE.values() if case.refusal]
    for case in refused:
        assert f"vnreader: {case.name}: {case.refusal}\n" in result.stderr
    imported = len(HOSTILE) - len(refused) + 1
    assert result.stderr.endswith(
        f"{imported} imported, {len(refused)} could not be read,"
        " 2 converted from an old font encoding\n"
    )
    with open_store(library) as store:
        texts = {store.get_document(doc.id).text for doc in store.list_documents()}
    assert {case.text for case in HOSTILE.values() if case.text} <= texts
    assert_intact(library)


@CASES
def test_gui_import_of_a_hostile_file(case: Hostile, qtbot, store, make_window, tmp_path: Path):
    from PySide6.QtWidgets import QMessageBox

    store.add_document("Tin gốc", ORIGINAL)
    theme = themes.create_theme(store, "Kinh tế").id
    annotations.add_annotation(store, 1, theme, 35, 41, "thủ đô")
    hostile, good = _write(tmp_path, case), good_file(tmp_path)
    window = make_window(store)
    window.import_paths([str(hostile), str(good)])
    qtbot.waitUntil(lambda: window.last_import_report is not None, timeout=10_000)
    report = window.last_import_report
    titles = [title for _, title in report.added]
    assert "Báo cáo tốt" in titles
    assert window.import_files_action.isEnabled()
    box = window.findChild(QMessageBox, "errorBox")
    if case.refusal:
        assert [str(error) for error in report.failed] == [f"{case.name}: {case.refusal}"]
        assert box is not None and box.isVisible()
        assert f"{case.name}: {case.refusal}" in box.text()
        assert box.text().startswith("1 imported, 1 could not be read.")
        assert set(window.library.visible_titles()) == {"Tin gốc", "Báo cáo tốt"}
    else:
        assert box is None and report.failed == []
        doc_id = report.added[0][0]
        assert store.get_document(doc_id).text == case.text
        assert window.current_document_id == doc_id
        assert window.reader.toPlainText() == case.text
    assert_intact(store.path)


def test_gui_tags_land_on_the_right_characters_after_emoji_and_zero_width_ones(
    qtbot, store, make_window, tmp_path: Path
):
    """Imported text with characters outside the BMP (2 UTF-16 units each, or more for
    a flag or a family) and zero-width ones: a tag and an entity cover exactly their words."""
    from PySide6.QtCore import Qt

    text = f"{EMOJI}\n{ZERO_WIDTH}"
    source = tmp_path / "emoji-and-zero-width.txt"
    source.write_bytes(unicodedata.normalize("NFD", text).encode("utf-16"))
    theme = themes.create_theme(store, "Du lịch", shortcut=1)
    window = make_window(store)
    window.show()
    window.import_paths([str(source)])
    qtbot.waitUntil(lambda: window.last_import_report is not None, timeout=10_000)
    window.jobs.stop()  # the entity below is given by hand
    doc_id = window.last_import_report.added[0][0]
    assert store.get_document(doc_id).text == text
    words = {word: text.index(word) for word in ("khách", "Nẵng", "quốc tế")}
    assert len(text[: words["khách"]].encode("utf-16-le")) // 2 > words["khách"] + 6
    store.replace_model_entities(
        doc_id, [(words["Nẵng"], words["Nẵng"] + 4, "LOC", "Nẵng")], VERSION
    )
    window.open_document(doc_id)
    for word, start in words.items():
        window.reader.select_span(start, start + len(word))
        assert window.reader.textCursor().selectedText() == word  # Qt's own reading
        if word != "Nẵng":
            window.reader.setFocus()
            qtbot.keyClick(window.reader, Qt.Key.Key_1)
    stored = annotations.annotations_for_document(store, doc_id)
    assert sorted((a.start, a.end, a.text) for a in stored) == [
        (words["khách"], words["khách"] + 5, "khách"),
        (words["quốc tế"], words["quốc tế"] + 7, "quốc tế"),
    ]
    assert window.reader.passage_ranges() == [
        (words["khách"], words["khách"] + 5, (theme.id,)),
        (words["quốc tế"], words["quốc tế"] + 7, (theme.id,)),
    ]
    assert window.reader.highlighted_ranges() == [(words["Nẵng"], words["Nẵng"] + 4, "LOC")]


def test_gui_import_that_cannot_be_saved_says_why_and_frees_the_menu(
    qtbot, store, make_window, tmp_path: Path
):
    """The database refuses writes (SQLite's query_only, a real refusal) after the files
    were read: a message box, no traceback, the import actions usable again."""
    from PySide6.QtWidgets import QMessageBox

    window = make_window(store)
    store.db.execute("PRAGMA query_only = ON")
    window.import_paths([str(good_file(tmp_path))])
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "errorBox") is not None, timeout=10_000)
    box = window.findChild(QMessageBox, "errorBox")
    assert box.windowTitle() == "Import failed"
    assert box.text().startswith(f"The reports could not be saved in {store.path}:")
    assert "0 were saved before the error" in box.text()
    assert window.import_files_action.isEnabled()
    store.db.execute("PRAGMA query_only = OFF")
    assert store.document_count() == 0
