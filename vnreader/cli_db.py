"""The database of a command: opened with the writer lock when the command writes, and one
line that says what to do for every way the database or its folder can be unusable."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from vnreader.core.lock import writer_lock
from vnreader.core.store import Store, open_store


@contextmanager
def open_database(path: Path, *, writes: bool) -> Iterator[Store]:
    """The store at ``path``. A command that ``writes`` holds the writer lock while it runs
    and gets a database checked for damage first, so that a damaged file is never written."""
    lock = writer_lock(path) if writes else None
    if lock is not None:
        lock.acquire()
    try:
        with open_store(path, check=writes) as store:
            yield store
    finally:
        if lock is not None:
            lock.release()


def database_error_message(path: Path, error: sqlite3.Error) -> str:
    """One line for an SQLite error met while a command was using the database at ``path``."""
    reason = " ".join(str(error).split()) or type(error).__name__
    if "full" in reason:
        return f"cannot write to {path} ({reason}); free some disk space and run the command again"
    if "readonly" in reason or "read-only" in reason:
        return f"{path} is read-only ({reason}); make it writable or choose another one with --db"
    if "malformed" in reason or "not a database" in reason or "corrupt" in reason:
        return (
            f"{path} is damaged ({reason}). Restore a backup"
            " (vnreader backup --list, then vnreader restore BACKUP.db)"
        )
    return f"the database {path} could not be used: {reason}"
