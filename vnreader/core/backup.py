"""Backups of the database: before every schema migration, on start, and on demand.

A backup is a consistent copy made with SQLite's online backup API (safe while another
connection writes, WAL included) into ``backups/`` next to the database, named
``<stem>-<UTC time>-<reason>-<digest>.db``. The digest (of the copy's bytes) lets an
automatic backup be skipped when nothing changed since the newest one; only the newest
:data:`BACKUPS_KEPT` automatic backups are kept. Restoring copies a backup back into the
database, after backing up what is there now.

Every copy is checked (``PRAGMA quick_check``) before it is kept: a damaged database is
never backed up, so it can never rotate the good backups away, and the window learns of
the damage at start (it makes its start backup in the background).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database

from vnreader.core.store import StoreError, check_schema, integrity_problem
from vnreader.i18n import tr

__all__ = [
    "BACKUPS_KEPT",
    "Backup",
    "DamagedOriginalError",
    "backup_database",
    "list_backups",
    "restore_database",
]

BACKUPS_KEPT = 5
_NAME = re.compile(
    r"^(?P<stem>.+)-(?P<when>\d{8}T\d{6}\d*Z)-(?P<reason>[a-z-]+)-(?P<digest>[0-9a-f]{12})\.db$"
)


class DamagedOriginalError(sqlite3.DatabaseError):
    """The database is damaged: no backup was made and the older ones were kept."""


@dataclass(frozen=True)
class Backup:
    path: Path
    when: str  # e.g. 20261123T124501123456Z (UTC)
    reason: str  # start, before-migration, manual, before-restore
    digest: str


def backup_folder(database: Path) -> Path:
    return database.parent / "backups"


def list_backups(database: Path) -> list[Backup]:
    """Backups of ``database``, newest first."""
    folder = backup_folder(database)
    found = []
    if folder.is_dir():
        for path in folder.iterdir():
            match = _NAME.match(path.name)
            if match and match["stem"] == database.stem:
                found.append(Backup(path, match["when"], match["reason"], match["digest"]))
    return sorted(found, key=lambda b: b.when, reverse=True)


def backup_database(
    database: Path, reason: str, *, skip_unchanged: bool = True, check: bool = True
) -> Backup | None:
    """Copy ``database`` into its backup folder; None if skipped (nothing changed since the
    newest backup) or if there is no database yet. Raises OSError or sqlite3.Error.

    With ``check`` (the default) a damaged database raises :class:`DamagedOriginalError`;
    without it (before a restore) even a damaged file is kept, as its bytes if need be."""
    if not database.is_file():
        return None
    folder = backup_folder(database)
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".backup-", suffix=".db", dir=folder)
    os.close(handle)
    try:
        try:
            _copy(database, Path(temporary))
        except sqlite3.DatabaseError:
            if check:
                raise
            shutil.copyfile(database, temporary)  # too damaged to read: keep the bytes
        problem = _problem(Path(temporary)) if check else None
        if problem:
            raise DamagedOriginalError(
                tr(
                    "{file} is damaged ({problem}); no backup was made of it and the older"
                    " ones are kept. Close vnreader and restore one (vnreader backup --list,"
                    " then vnreader restore BACKUP.db)",
                    file=database,
                    problem=problem,
                )
            )
        with open(temporary, "rb") as copy:  # streamed: a library can be large
            digest = hashlib.file_digest(copy, "sha256").hexdigest()[:12]
        newest = list_backups(database)
        if skip_unchanged and newest and newest[0].digest == digest:
            return None
        when = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        target = folder / f"{database.stem}-{when}-{reason}-{digest}.db"
        os.replace(temporary, target)
    finally:
        Path(temporary).unlink(missing_ok=True)
    _rotate(database)
    return Backup(target, when, reason, digest)


def restore_database(database: Path, source: Path) -> Backup | None:
    """Replace the content of ``database`` with the backup ``source`` (checked first);
    what the database held is backed up before (returned). The caller holds the writer
    lock, so no vnreader writes meanwhile."""
    connection = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        problem = integrity_problem(connection, full=True)
        if problem:
            raise sqlite3.DatabaseError(
                tr("{file} is damaged ({problem})", file=source, problem=problem)
            )
        has_tables = connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        try:  # the same test as opening it: not newer, not another program's database
            check_schema(Database(connection), source)
        except StoreError as error:
            raise sqlite3.DatabaseError(
                tr("{file} is not a vnreader database: {error}", file=source, error=error)
            ) from None
        if not has_tables:
            raise sqlite3.DatabaseError(
                tr("{file} is not a vnreader database (it is empty)", file=source)
            )
    finally:
        connection.close()
    before = backup_database(database, "before-restore", skip_unchanged=False, check=False)
    try:
        _copy(source, database)
    except sqlite3.DatabaseError:  # too damaged for SQLite to write into: replace the file
        for leftover in (Path(f"{database}-wal"), Path(f"{database}-shm")):
            leftover.unlink(missing_ok=True)
        shutil.copyfile(source, database)
    return before


def _problem(copy: Path) -> str | None:
    """What ``PRAGMA quick_check`` finds wrong with our private copy (None: nothing).
    Read-write, so that closing removes the -wal and -shm files a WAL database gets."""
    connection = sqlite3.connect(str(copy))
    try:
        return integrity_problem(connection)
    except sqlite3.DatabaseError as error:
        return str(error)
    finally:
        connection.close()


def _copy(source: Path, target: Path) -> None:
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(str(target))
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def _rotate(database: Path) -> None:
    """Keep the newest BACKUPS_KEPT automatic backups (manual and restore ones stay)."""
    automatic = [b for b in list_backups(database) if b.reason in ("start", "before-migration")]
    for old in automatic[BACKUPS_KEPT:]:
        old.path.unlink(missing_ok=True)
