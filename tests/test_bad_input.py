"""Bad input (issue 6): every hostile file, argument and database gets one specific line on
the command line (non-zero exit) and in the window, the rest of a batch goes on, and the
database stays intact (``PRAGMA integrity_check`` is ok, what was stored before is there).

Cases covered elsewhere and not repeated here: the decoders in tests/core/test_decoding.py,
each refusal of ``read_document`` in tests/core/test_importers.py, search queries that hold
words in tests/test_cli_search.py, a killed export in tests/test_crash_safety.py.
"""

from __future__ import annotations

import codecs
import io
import os
import resource
import signal
import sqlite3
import subprocess
import sys
import time
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.core.test_decoding import RUNNING_TEXT, to_tcvn3, to_vni
from vnreader.cli import main
from vnreader.core import annotations, csv_export, themes
from vnreader.core.migrations import SCHEMA_VERSION
from vnreader.core.store import open_store

ORIGINAL = "Thủ tướng tiếp Đại sứ Nhật Bản tại Hà Nội."
VI = "Bộ trưởng Ngoại giao thăm Đà Nẵng.\nHai bên hội đàm về hợp tác."
VERSION = "test-pipeline"  # the entity pipeline the window believes in: none runs by itself
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))


# --- what every case checks: the database is whole and still holds its earlier work ------


@pytest.fixture
def library(db_path: Path) -> Path:
    """A database with one document and one tagged passage ("Hà Nội")."""
    with open_store(db_path) as store:
        doc = store.add_document("Tin gốc", ORIGINAL).document_id
        theme = themes.create_theme(store, "Kinh tế").id
        annotations.add_annotation(store, doc, theme, 35, 41, "thủ đô")
    return db_path


def assert_intact(db: Path) -> None:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("SELECT text FROM documents WHERE id = 1").fetchone() == (ORIGINAL,)
        first = 'SELECT start, "end", text, note FROM annotations WHERE document_id = 1'
        assert conn.execute(first).fetchall() == [(35, 41, "Hà Nội", "thủ đô")]
    finally:
        conn.close()


@pytest.fixture
def make_window(qtbot, tmp_path: Path):
    """The main window over a store, as in tests/ui/conftest.py (whose fixtures only the
    tests under tests/ui see)."""
    from PySide6.QtCore import QSettings

    from vnreader.ui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)

    def make(store):
        window = MainWindow(store, settings, VERSION, find_entities_on_show=False)
        qtbot.addWidget(window)
        window.resize(1200, 800)
        return window

    return make


def cli(capsys, *args: str) -> tuple[int, str, str]:
    """Run ``vnreader ARGS`` in this process: exit code (usage errors: 2), stdout, stderr."""
    try:
        code = main([str(arg) for arg in args])
    except SystemExit as exit_info:
        code = exit_info.code
    out, err = capsys.readouterr()
    return code, out, err


def run_vnreader(*args: object, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*prefix, sys.executable, "-m", "vnreader", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
    )


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


def _good(folder: Path) -> Path:
    path = folder / "good.txt"
    path.write_text("Báo cáo tốt\nĐoàn công tác làm việc tại Cần Thơ.\n", encoding="utf-8")
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
    hostile, good = _write(tmp_path, case), _good(tmp_path)
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
    _good(folder)
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
    hostile, good = _write(tmp_path, case), _good(tmp_path)
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
    window.import_paths([str(_good(tmp_path))])
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "errorBox") is not None, timeout=10_000)
    box = window.findChild(QMessageBox, "errorBox")
    assert box.windowTitle() == "Import failed"
    assert box.text().startswith(f"The reports could not be saved in {store.path}:")
    assert "0 were saved before the error" in box.text()
    assert window.import_files_action.isEnabled()
    store.db.execute("PRAGMA query_only = OFF")
    assert store.document_count() == 0


# --- search and command-line arguments ------------------------------------------------------


@pytest.mark.parametrize("query", ['"', "*", "", "   ", "()", "^:+", "😀", "\u200b", "\x00"])
def test_a_query_without_a_word_is_refused(library: Path, capsys, query: str):
    code, out, err = cli(capsys, "--db", library, "search", query)
    assert code == 1 and out == ""
    assert err.startswith("vnreader: the query ")
    assert err.endswith(" has no word to search for; type at least one letter or digit\n")
    assert len(err.splitlines()) == 1
    assert_intact(library)


def test_a_hostile_query_with_words_is_searched_literally(library: Path):
    result = run_vnreader("--db", library, "search", '"Hà Nội" OR (NEAR x* -- \'; DROP')
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert_intact(library)


TAG = ("tag", "--document", "1", "--theme", "Kinh tế")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        ((*TAG, "--start", "30", "--end", "500"), 1, "range 30–500 is outside document 1"),
        ((*TAG, "--start", "500", "--end", "501"), 1, "range 500–501 is outside document 1"),
        ((*TAG, "--start", "9", "--end", "3"), 1, "range 9–3 is empty or reversed"),
        ((*TAG, "--start", "4", "--end", "4"), 1, "range 4–4 is empty or reversed"),
        ((*TAG, "--start", "-1", "--end", "3"), 2, "argument --start: offsets count from 0: -1"),
        ((*TAG, "--start", "0", "--end", "-3"), 2, "argument --end: offsets count from 0: -3"),
        ((*TAG, "--start", "a", "--end", "3"), 2, "argument --start: not a number: 'a'"),
        ((*TAG, "--start", "0", "--end", str(2**64)), 2, "offsets count from 0"),
        (
            ("tag", "--document", "77", "--theme", "Kinh tế", "--start", "0", "--end", "2"),
            1,
            "no document with id 77; vnreader list shows the ids",
        ),
        (
            ("tag", "--document", "0", "--theme", "Kinh tế", "--start", "0", "--end", "2"),
            2,
            "argument --document: no such id: 0",
        ),
        (
            ("tag", "--document", "1", "--theme", "Văn hóa", "--start", "0", "--end", "2"),
            1,
            "unknown theme 'Văn hóa'; vnreader themes lists the themes",
        ),
        (
            ("themes", "add", "Con", "--parent", "Không có"),
            1,
            "unknown theme 'Không có'; vnreader themes lists the themes",
        ),
        (
            ("export", "annotations", "--out", "x.csv", "--theme", "Không có"),
            1,
            "unknown theme 'Không có'; vnreader themes lists the themes",
        ),
        (
            ("export", "annotations", "--out", "x.csv", "--document", "42"),
            1,
            "no document with id 42; vnreader list shows the ids",
        ),
        (("search", "Hà Nội", "--limit", "0"), 1, "--limit must be at least 1"),
        (("search", "Hà Nội", "--limit", "nhiều"), 2, "invalid int value: 'nhiều'"),
    ],
    ids=lambda value: value if isinstance(value, int) else None,
)
def test_bad_arguments_get_a_specific_message(
    library, capsys, tmp_path, monkeypatch, args, code, message
):
    monkeypatch.chdir(tmp_path)  # export --out x.csv: never written, nor in the repository
    got, out, err = cli(capsys, "--db", library, *args)
    assert got == code
    assert message in err, err
    assert "Traceback" not in err and out == ""
    if code == 1:
        assert err.startswith("vnreader: ") and len(err.splitlines()) == 1
    assert not (tmp_path / "x.csv").exists()
    assert_intact(library)
    with open_store(library) as store:
        assert [t.name for t in themes.list_themes(store)] == ["Kinh tế"]


# --- the database ---------------------------------------------------------------------------

GUI_PROBE = r"""
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

app = QApplication(sys.argv[:1])


def look():
    box = QApplication.activeModalWidget()
    if isinstance(box, QMessageBox):
        print("BOX " + box.windowTitle() + ": " + " ".join(box.text().split()), flush=True)
        box.done(0)


timer = QTimer()
timer.timeout.connect(look)
timer.start(50)
QTimer.singleShot(30_000, lambda: (print("NO BOX", flush=True), app.exit(99)))
from vnreader.ui.app import run_gui

sys.exit(run_gui(Path(sys.argv[1])))
"""


def gui_message(db: Path, tmp_path: Path, prefix: tuple[str, ...] = ()) -> str:
    """Start the window on ``db`` in a new process; the message box it shows instead."""
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(home)}
    env["XDG_CONFIG_HOME"] = env["XDG_DATA_HOME"] = str(home)
    result = subprocess.run(
        [*prefix, sys.executable, "-c", GUI_PROBE, str(db)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    [line] = [line for line in result.stdout.splitlines() if line.startswith("BOX ")]
    return line.removeprefix("BOX vnreader cannot open its database: ")


HOLDER = r"""
import sys
from vnreader.core.lock import WriterLock
lock = WriterLock(sys.argv[1]).acquire()
print("holding", flush=True)
sys.stdin.read()
"""


def test_a_second_vnreader_on_the_same_database(library: Path, tmp_path: Path):
    """Another process holds the writer lock (as an open window does): commands that write
    and the window are refused with its process id; reading still works."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(library)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "holding"
        before = library.read_bytes()
        busy = f"{library} is open in another vnreader (process {holder.pid}); close it first"
        for args in (
            ("import", _good(tmp_path)),
            ("tag", "--document", "1", "--start", "0", "--end", "3", "--theme", "Kinh tế"),
            ("themes", "add", "Xã hội"),
        ):
            result = run_vnreader("--db", library, *args)
            assert (result.returncode, result.stderr) == (1, f"vnreader: {busy}\n"), args
        assert run_vnreader("--db", library, "list").returncode == 0
        assert gui_message(library, tmp_path) == busy
        assert library.read_bytes() == before
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    assert_intact(library)


def _newer(library: Path) -> Path:
    with sqlite3.connect(library) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    return library


def _truncated(library: Path) -> Path:
    data = library.read_bytes()
    library.write_bytes(data[: len(data) // 3])
    return library


def _schema_page_overwritten(library: Path) -> Path:
    data = bytearray(library.read_bytes())
    data[100:4096] = b"\xa5" * (4096 - 100)  # page 1 past the header: the table list
    library.write_bytes(bytes(data))
    return library


def _not_sqlite(library: Path) -> Path:
    library.write_bytes("Ghi chú của tôi, không phải cơ sở dữ liệu.\n".encode() * 50)
    return library


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (_newer, "was written by a newer vnreader (schema {v}, this version knows {known});"),
        (_truncated, "is damaged ("),
        (_schema_page_overwritten, "is damaged ("),
        (_not_sqlite, "is not a SQLite database; it was left untouched"),
    ],
    ids=["newer-version", "truncated", "schema-page-overwritten", "not-sqlite"],
)
def test_a_database_that_cannot_be_used_is_refused_and_untouched(
    library: Path, tmp_path: Path, spoil, message: str
):
    db = spoil(library)
    message = message.format(v=SCHEMA_VERSION + 1, known=SCHEMA_VERSION)
    before = sorted(p.name for p in db.parent.iterdir()), db.read_bytes()
    for args in (("list",), ("import", _good(tmp_path)), ("search", "Hà Nội"), ("themes",)):
        result = run_vnreader("--db", db, *args)
        assert result.returncode == 1, args
        assert result.stderr.startswith(f"vnreader: {db} {message}"), result.stderr
        assert len(result.stderr.splitlines()) == 1, result.stderr
    shown = gui_message(db, tmp_path)
    assert shown.startswith(f"{db} {message}")
    assert (
        sorted(p.name for p in db.parent.iterdir() if p.suffix != ".lock"),
        db.read_bytes(),
    ) == (
        [name for name in before[0] if not name.endswith(".lock")],
        before[1],
    )


def test_damage_inside_the_data_is_found_before_a_command_writes(tmp_path: Path):
    """The table list is fine but pages of document text are not: commands that write
    read the whole file first and refuse before writing anything."""
    db = tmp_path / "big.db"
    with open_store(db) as store, store.transaction():
        for n in range(150):
            store.add_document(f"Tin {n}", f"Báo cáo số {n} về Hà Nội và Đà Nẵng. " * 100)
    data = bytearray(db.read_bytes())
    middle = len(data) // 4096 // 2 * 4096
    data[middle : middle + 8 * 4096] = b"\xff" * (8 * 4096)
    db.write_bytes(bytes(data))
    before = db.read_bytes()
    for args in (
        ("import", _good(tmp_path)),
        ("themes", "add", "Mới"),
        ("tag", "--document", "1", "--start", "0", "--end", "3", "--theme", "Mới"),
    ):
        result = run_vnreader("--db", db, *args)
        assert result.returncode == 1, args
        assert result.stderr.startswith(f"vnreader: {db} is damaged ("), result.stderr
        assert "vnreader restore BACKUP.db" in result.stderr
        assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) == 1
    assert db.read_bytes() == before


# --- read-only places: file permissions must bind the child process, even as root --------

DROP_PRIVILEGE = r"""
import ctypes, os, sys
libc = ctypes.CDLL(None, use_errno=True)
for capability in (1, 2, 3):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER
    if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
        sys.exit(77)
os.execv(sys.argv[1], sys.argv[1:])
"""


@pytest.fixture
def unprivileged(tmp_path: Path) -> tuple[str, ...]:
    """A command prefix under which permission bits apply. As root, chmod stops nothing, so
    the child drops the capabilities that bypass them (Linux); skip if that is impossible."""
    if os.name != "posix":
        pytest.skip("permission bits are POSIX")
    prefix: tuple[str, ...] = ()
    if os.geteuid() == 0:
        prefix = (sys.executable, "-c", DROP_PRIVILEGE)
    probe = tmp_path / "probe"
    probe.mkdir()
    probe.chmod(0o555)
    try:
        result = subprocess.run(
            [*prefix, sys.executable, "-c", f"open({str(probe / 'x')!r}, 'w')"],
            capture_output=True,
        )
    finally:
        probe.chmod(0o755)
    if result.returncode == 0:
        pytest.skip("running as root without a way to drop CAP_DAC_OVERRIDE: chmod binds nothing")
    return prefix


def test_a_folder_without_write_permission(tmp_path: Path, unprivileged, capsys):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    db = folder / "vnreader.db"
    try:
        imported = run_vnreader("--db", db, "import", _good(tmp_path), prefix=unprivileged)
        listed = run_vnreader("--db", db, "list", prefix=unprivileged)
        shown = gui_message(db, tmp_path, unprivileged)
    finally:
        folder.chmod(0o755)
    assert (imported.returncode, imported.stderr) == (
        1,
        f"vnreader: cannot write in the folder of {db} (permission denied); make the folder"
        " writable, or choose a database elsewhere with --db\n",
    )
    assert (listed.returncode, listed.stderr) == (
        1,
        f"vnreader: cannot open {db} (unable to open database file); check that you may write"
        f" in {folder}, or choose another database with --db\n",
    )
    # The window takes the writer lock first and says the same.
    assert shown == (
        f"cannot write in the folder of {db} (permission denied); make the folder"
        " writable, or choose a database elsewhere with --db"
    )
    assert list(folder.iterdir()) == []


def test_a_read_only_database_file(library: Path, tmp_path: Path, unprivileged):
    before = library.read_bytes()
    library.chmod(0o444)
    try:
        listed = run_vnreader("--db", library, "list", prefix=unprivileged)
        imported = run_vnreader("--db", library, "import", _good(tmp_path), prefix=unprivileged)
        tagged = run_vnreader(
            "--db", library, "tag", "--document", "1", "--start", "0", "--end", "3",
            "--theme", "Kinh tế", prefix=unprivileged,
        )  # fmt: skip
    finally:
        library.chmod(0o644)
    assert listed.returncode == 0 and listed.stdout.startswith("1\t")  # reading works
    read_only = (
        f"vnreader: {library} is read-only (attempt to write a readonly database); make it"
        " writable or choose another one with --db\n"
    )
    assert (imported.returncode, imported.stderr) == (1, read_only)
    assert (tagged.returncode, tagged.stderr) == (1, read_only)
    assert library.read_bytes() == before
    assert_intact(library)


# --- a full disk during an export -----------------------------------------------------------

SMALL_DISK = r"""
import os, resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
limit = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))
os.execv(sys.executable, [sys.executable, "-m", "vnreader", *sys.argv[2:]])
"""

KILLED_HALF_WAY = r"""
import os, signal, sys
from vnreader import cli
from vnreader.core import csv_export

cells, neutralise = [0], csv_export.neutralise


def neutralise_then_die(cell):  # SIGKILL after some 1,000 rows: nothing can clean up
    cells[0] += 1
    if cells[0] == 5000:
        sys.stdout.flush()
        os.kill(os.getpid(), signal.SIGKILL)
    return neutralise(cell)


csv_export.neutralise = neutralise_then_die
cli.main(sys.argv[1:])
"""


@pytest.fixture
def big_library(library: Path) -> Path:
    """1,500 more passages: their export (about 150 KB) is far larger than 64 KB."""
    with open_store(library) as store, store.transaction():
        doc = store.add_document("Tin dài", LONG_TEXT).document_id
        theme = themes.find_theme(store, "Kinh tế").id
        for k in range(1500):
            annotations.add_annotation(store, doc, theme, k, k + 12)
    return library


LONG_TEXT = "Hà Nội và Đà Nẵng hợp tác phát triển. " * 60
FILE_SIZE_LIMIT = 64 * 1024  # above SQLite's 32 KB shared-memory file, below the export


@pytest.mark.skipif(not hasattr(resource, "RLIMIT_FSIZE"), reason="needs RLIMIT_FSIZE")
def test_a_full_disk_during_an_export_leaves_the_old_file_whole(big_library, tmp_path):
    """A real failed write (EFBIG under a file-size limit) half-way through the rows."""
    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / "passages.csv"
    out.write_bytes(b"\xef\xbb\xbfold export\r\n")
    result = subprocess.run(
        [sys.executable, "-c", SMALL_DISK, str(FILE_SIZE_LIMIT), "--db", str(big_library),
         "export", "annotations", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr == (
        f"vnreader: cannot write {out}: File too large; free some disk space and export again\n"
    )
    assert out.read_bytes() == b"\xef\xbb\xbfold export\r\n"
    assert os.listdir(folder) == ["passages.csv"]  # no partial file, no temporary file
    assert_intact(big_library)


@pytest.mark.skipif(not hasattr(resource, "RLIMIT_FSIZE"), reason="needs RLIMIT_FSIZE")
def test_a_full_disk_during_an_export_from_the_window(
    qtbot, store, make_window, tmp_path: Path, monkeypatch
):
    """The same failure from the File menu, in this process: the soft file-size limit is
    lowered around the export only (the hard limit stays, so it can be raised back)."""
    from PySide6.QtWidgets import QMessageBox

    from vnreader.ui import file_actions

    doc = store.add_document("Tin", LONG_TEXT).document_id
    theme = themes.create_theme(store, "Kinh tế").id
    with store.transaction():
        for k in range(1500):
            annotations.add_annotation(store, doc, theme, k, k + 12)
    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / "passages.csv"
    out.write_bytes(b"old export")
    window = make_window(store)
    monkeypatch.setattr(  # the save dialog answers at once
        file_actions.QFileDialog, "getSaveFileName", lambda *args: (str(out), "CSV (*.csv)")
    )
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    try:
        resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_SIZE_LIMIT, hard))
        window.files.export_all()
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous)
    box = window.findChild(QMessageBox, "errorBox")
    assert box is not None and box.windowTitle() == "Export failed"
    assert (
        box.text() == f"cannot write {out}: File too large; free some disk space and export again"
    )
    assert out.read_bytes() == b"old export"
    assert os.listdir(folder) == ["passages.csv"]


# --- temporary files of an export that was killed -------------------------------------------


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_the_next_export_removes_what_a_killed_export_left(big_library: Path, tmp_path: Path):
    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / "passages.csv"
    out.write_bytes(b"old export")
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_HALF_WAY, "--db", str(big_library), "export",
         "annotations", "--out", str(out)],
        capture_output=True,
        timeout=120,
    )  # fmt: skip
    assert killed.returncode == -signal.SIGKILL
    assert out.read_bytes() == b"old export"
    [left] = [path for path in folder.iterdir() if path.name != "passages.csv"]
    assert left.name.startswith(".passages.csv.") and left.name.endswith(".tmp")
    assert left.read_bytes().startswith(b"\xef\xbb\xbfannotation_id,")
    hour_ago = time.time() - 3600  # the user exports again later
    stale = [left, folder / ".passages.csv.k1ll3d_0.tmp"]
    stale[1].write_text("annotation_id,docu")
    for path in stale:
        os.utime(path, (hour_ago, hour_ago))
    running = folder / ".passages.csv.running.tmp"  # another export, writing right now
    running.write_text("x")
    kept = [
        folder / ".other.csv.abcdefgh.tmp",  # another target's
        folder / ".passages.csv.not-ours!.tmp",  # not tempfile's naming
        folder / "passages.csv.abcdefgh.tmp",  # not hidden: not ours either
    ]
    for path in kept:
        path.write_text("keep me")
        os.utime(path, (hour_ago, hour_ago))
    result = run_vnreader("--db", big_library, "export", "annotations", "--out", out)
    assert result.returncode == 0, result.stderr
    assert sorted(os.listdir(folder)) == sorted(
        ["passages.csv", running.name, *(path.name for path in kept)]
    )
    assert all(path.read_text() == "keep me" for path in kept)
    assert out.read_bytes().count(b"\r\n") == 1 + 1 + 1500


def test_stale_temporary_files_are_removed_by_the_core_writer_too(tmp_path: Path):
    out = tmp_path / "codebook.csv"
    stale = tmp_path / ".codebook.csv.zz99yy88.tmp"
    stale.write_text("half")
    os.utime(stale, (time.time() - 120, time.time() - 120))
    assert csv_export.write_csv(out, ["a"], [["b"]]) == 1
    assert not stale.exists()
    assert out.read_bytes() == b"\xef\xbb\xbfa\r\nb\r\n"
