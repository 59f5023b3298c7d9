"""Bad input (issue 6): every hostile file, argument and database gets one specific line on
the command line (non-zero exit) and in the window, the rest of a batch goes on, and the
database stays intact (``PRAGMA integrity_check`` is ok, what was stored before is there).

Cases covered elsewhere and not repeated here: the decoders in tests/core/test_decoding.py,
each refusal of ``read_document`` in tests/core/test_importers.py, search queries that hold
words in tests/test_cli_search.py, a killed export in tests/test_crash_safety.py.

This module holds what every case shares: the check that the library is still whole,
a good file to import beside a bad one, and ways to run ``vnreader``.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from vnreader.cli import main

ORIGINAL = "Thủ tướng tiếp Đại sứ Nhật Bản tại Hà Nội."
VI = "Bộ trưởng Ngoại giao thăm Đà Nẵng.\nHai bên hội đàm về hợp tác."
VERSION = "test-pipeline"  # the entity pipeline the window believes in: none runs by itself
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))


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


def good_file(folder: Path) -> Path:
    """A readable report in ``folder``, imported beside a bad one."""
    path = folder / "good.txt"
    path.write_text("Báo cáo tốt\nĐoàn công tác làm việc tại Cần Thơ.\n", encoding="utf-8")
    return path


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
