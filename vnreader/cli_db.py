"""The database of a command: opened with the writer lock when the command writes, and one
line that says what to do for every way the database or its folder can be unusable."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

from vnreader.core.lock import writer_lock
from vnreader.core.store import Store, database_error, open_store


@contextmanager
def open_database(path: Path, *, writes: bool) -> Iterator[Store]:
    """The store at ``path``. A command that ``writes`` holds the writer lock while it runs
    and gets a database checked for damage first, so that a damaged file is never written."""
    with writer_lock(path) if writes else nullcontext(), open_store(path, check=writes) as store:
        yield store


def database_error_message(path: Path, error: sqlite3.Error) -> str:
    """One line for an SQLite error met while a command was using the database at ``path``."""
    return str(database_error(path, error))
