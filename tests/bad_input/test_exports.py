"""A full disk during an export leaves the old file whole; what a killed export
left behind is removed by the next one.

Part of the bad-input suite of issue 6 (see tests/bad_input/support.py)."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.bad_input.support import assert_intact, run_vnreader
from vnreader.core import annotations, csv_export, themes
from vnreader.core.store import open_store

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
