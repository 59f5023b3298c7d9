"""One writer per database: an advisory lock on ``<database>.lock`` held while writing.

The window holds it for as long as it is open; CLI commands that write hold it for their
run. A second writer gets :class:`DatabaseBusyError` with a clear message instead of
editing the same data behind the first one's back (its undo history would go stale).
The operating system releases the lock when a process dies, so a crash never leaves the
database locked.
"""

from __future__ import annotations

import os
from pathlib import Path

from vnreader.core.store import StoreError
from vnreader.i18n import tr

try:  # POSIX
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]
    import msvcrt


class DatabaseBusyError(StoreError):
    pass


class WriterLock:
    def __init__(self, database: Path) -> None:
        self.path = Path(str(database) + ".lock")
        self._fd: int | None = None

    def acquire(self) -> WriterLock:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as error:
            database = self.path.with_suffix("")
            reason = (error.strerror or str(error)).lower()
            raise StoreError(
                tr(
                    "cannot write in the folder of {file} ({reason}); make the folder"
                    " writable, or choose a database elsewhere with --db",
                    file=database,
                    reason=reason,
                )
            ) from error
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            else:
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            holder = os.read(fd, 32).decode("ascii", "replace").strip()
            os.close(fd)
            database = self.path.with_suffix("")
            if holder.isdigit():
                message = tr(
                    "{file} is open in another vnreader (process {process}); close it first",
                    file=database,
                    process=holder,
                )
            else:
                message = tr("{file} is open in another vnreader; close it first", file=database)
            raise DatabaseBusyError(message) from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode("ascii"))
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing drops the lock
            self._fd = None

    def __enter__(self) -> WriterLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


def writer_lock(database: Path | None) -> WriterLock | None:
    """A lock for a database file (None for an in-memory database)."""
    return WriterLock(database) if database is not None else None
