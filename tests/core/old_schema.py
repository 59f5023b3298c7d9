"""A database file left at an older schema, as an older vnreader wrote it."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def database_before(db_path: Path, migration: str) -> sqlite3.Connection:
    """A new database at ``db_path`` with every migration before ``migration`` applied and
    the matching ``user_version``; the caller adds rows and closes it."""
    from sqlite_utils import Database

    from vnreader.core.migrations import _NAMES, migrations

    db_path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    migrations.apply(Database(conn), stop_before=migration)
    conn.execute(f"PRAGMA user_version = {_NAMES.index(migration)}")
    return conn
