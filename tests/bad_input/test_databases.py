"""Databases that cannot be used: a second vnreader, newer, foreign, truncated or
damaged files, read-only files and folders; refused and left untouched.

Part of the bad-input suite of issue 6 (see tests/bad_input/support.py)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.bad_input.support import assert_intact, good_file, run_vnreader
from vnreader.core.migrations import SCHEMA_VERSION
from vnreader.core.store import open_store

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
            ("import", good_file(tmp_path)),
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
    for args in (("list",), ("import", good_file(tmp_path)), ("search", "Hà Nội"), ("themes",)):
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
        ("import", good_file(tmp_path)),
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
        imported = run_vnreader("--db", db, "import", good_file(tmp_path), prefix=unprivileged)
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
        imported = run_vnreader("--db", library, "import", good_file(tmp_path), prefix=unprivileged)
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
