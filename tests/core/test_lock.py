"""One writer per database: a second writer is refused with a clear message."""

from __future__ import annotations

import subprocess
import sys

import pytest

from vnreader.core.lock import WriterLock


def test_second_writer_in_another_process_is_refused(db_path):
    with WriterLock(db_path):
        probe = (
            "import sys; from vnreader.core.lock import WriterLock, DatabaseBusyError\n"
            "try:\n    WriterLock(sys.argv[1]).acquire()\n"
            "except DatabaseBusyError as e:\n    print(e); sys.exit(3)\n"
        )
        result = subprocess.run(
            [sys.executable, "-c", probe, str(db_path)], capture_output=True, text=True
        )
    assert result.returncode == 3
    assert "is open in another vnreader (process" in result.stdout


def test_lock_is_released_and_can_be_taken_again(db_path):
    lock = WriterLock(db_path).acquire()
    lock.release()
    with WriterLock(db_path):
        pass


def test_cli_write_is_refused_while_a_writer_holds_the_database(db_path, seed_paths):
    with WriterLock(db_path):
        result = subprocess.run(
            [sys.executable, "-m", "vnreader", "--db", str(db_path), "import", str(seed_paths[0])],
            capture_output=True,
            text=True,
        )
        reading = subprocess.run(
            [sys.executable, "-m", "vnreader", "--db", str(db_path), "list"],
            capture_output=True,
            text=True,
        )
    assert result.returncode == 1
    assert "open in another vnreader" in result.stderr
    assert reading.returncode == 0  # reading needs no lock


def test_lock_in_a_folder_that_cannot_exist_fails_cleanly(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(
        Exception, match=r"cannot write in the folder of .*db\.db \(not a directory\)"
    ):
        WriterLock(blocker / "sub" / "db.db").acquire()
