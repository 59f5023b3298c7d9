"""Subcommands ``backup`` and ``restore``: copies of the database in ``backups/`` beside it.

vnreader also backs the database up by itself before every schema upgrade and each time
the window opens (skipped when nothing changed; the newest five are kept).
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path

from vnreader.core.lock import writer_lock
from vnreader.core.paths import resolve_database_path

EXIT_OK, EXIT_ERROR = 0, 1  # as in vnreader.cli


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Register ``backup`` and ``restore`` on the ``vnreader`` subparsers."""
    backup = commands.add_parser(
        "backup", help="copy the database into backups/ beside it (--list shows the copies)"
    )
    backup.add_argument("--list", action="store_true", help="list the backups, newest first")
    restore = commands.add_parser(
        "restore",
        help="replace the database with a backup (what it holds now is backed up first)",
    )
    restore.add_argument("backup", metavar="BACKUP.db", help="a file listed by backup --list")


def _fail(message: str) -> int:
    print(f"vnreader: {message}", file=sys.stderr)
    return EXIT_ERROR


def _backup(args: argparse.Namespace) -> int:
    from vnreader.core.backup import backup_database, list_backups  # not at every command

    database = resolve_database_path(args.db)
    if not database.is_file():
        return _fail(f"{database}: no database to back up")
    if args.list:
        for backup in list_backups(database):
            print(f"{backup.path}\t{backup.reason}")
        return EXIT_OK
    try:
        made = backup_database(database, "manual", skip_unchanged=False)
    except (OSError, sqlite3.Error) as error:
        return _fail(f"cannot back up {database}: {error}")
    print(made.path)
    return EXIT_OK


def _restore(args: argparse.Namespace) -> int:
    from vnreader.core.backup import restore_database

    database = resolve_database_path(args.db)
    source = Path(args.backup)
    if not source.is_file():
        return _fail(f"{source}: no such backup file")
    try:
        with writer_lock(database):
            before = restore_database(database, source)
    except (OSError, sqlite3.Error) as error:
        return _fail(f"cannot restore {source}: {error}")
    if before is not None:
        print(f"the previous database was backed up to {before.path}", file=sys.stderr)
    print(f"{database} restored from {source}")
    return EXIT_OK


HANDLERS = {"backup": _backup, "restore": _restore}
