"""Importing files into the store: one call for a whole batch, bad files reported, not fatal.

Reading (decoding, extracting text, folding it for the search index) and storing are
separate steps so that a GUI can read in a background thread and store from its own
thread. A large batch is read by worker processes while this one stores what they have
read: reading and folding are pure Python and would otherwise keep one core busy while
SQLite waits (10k reports: about twice as fast on two cores).
"""

from __future__ import annotations

import os
import pickle
import queue
import signal
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass, field, replace
from pathlib import Path

from vnreader.core.importers import ImportedText, UnreadableFileError, collect_paths, read_document
from vnreader.core.store import Store
from vnreader.core.text import fold_same_length
from vnreader.i18n import language, set_language, trn

# Documents are committed in groups: one transaction per file would cost an fsync each.
BATCH_SIZE = 200
# Below this many files, starting worker processes (~0.3 s) costs more than it saves.
PARALLEL_FROM = 200
CHUNK_FILES = 16  # files a worker reads per message
AHEAD = 4  # messages sent ahead to each worker


@dataclass
class ImportReport:
    added: list[tuple[int, str]] = field(default_factory=list)  # (document id, title)
    duplicates: list[tuple[str, int]] = field(default_factory=list)  # (file, existing id)
    failed: list[UnreadableFileError] = field(default_factory=list)
    # Files read from an old Vietnamese font encoding: (file, "TCVN3 (ABC)" or "VNI")
    converted: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        """One line, e.g. "3 imported, 1 could not be read" (a list of whole phrases)."""
        parts = [trn("{n} imported", "{n} imported", len(self.added))]
        if self.duplicates:
            parts.append(
                trn(
                    "{n} already in the library", "{n} already in the library", len(self.duplicates)
                )
            )
        if self.failed:
            parts.append(trn("{n} could not be read", "{n} could not be read", len(self.failed)))
        if self.converted:
            parts.append(
                trn(
                    "{n} converted from an old font encoding",
                    "{n} converted from an old font encoding",
                    len(self.converted),
                )
            )
        return ", ".join(parts)


def prepare_file(path: str | os.PathLike[str]) -> ImportedText | UnreadableFileError:
    """Read one file and fold its text for the search index; a refusal is returned, not
    raised, so that a batch (and a worker process) goes on."""
    try:
        item = read_document(path)
    except UnreadableFileError as error:
        return error
    return replace(item, folded=fold_same_length(item.text))


def read_files(
    paths: Iterable[str | os.PathLike[str]],
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> tuple[list[ImportedText], list[UnreadableFileError]]:
    """Read every supported file under ``paths``; no database involved. ``progress(done,
    total)`` is called after each file; reading stops early once ``cancelled()`` is true."""
    files, failed = collect_paths(paths)
    return list(_read(files, failed, progress, cancelled)), failed


def _read(
    files: Sequence[Path],
    failed: list[UnreadableFileError],
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Iterator[ImportedText]:
    """The texts of ``files`` in order (refusals go to ``failed``), read by worker processes
    for a big batch; stops early once ``cancelled()`` is true."""
    results = _prepared(files)
    try:
        for number, result in enumerate(results, start=1):
            if isinstance(result, UnreadableFileError):
                failed.append(result)
            else:
                yield result
            if progress:
                progress(number, len(files))
            if cancelled is not None and cancelled():
                return
    finally:
        results.close()  # stops the workers of a batch that ended early


def store_texts(
    store: Store, texts: Iterable[ImportedText], report: ImportReport | None = None
) -> ImportReport:
    """Add read texts to the store in batched transactions; duplicates are not stored twice."""
    report = report or ImportReport()
    batch: list[ImportedText] = []

    def flush() -> None:
        with store.transaction():
            for item in batch:
                result = store.add_document(
                    item.title, item.text, item.source_path, folded=item.folded
                )
                if result.created:
                    report.added.append((result.document_id, item.title))
                else:
                    report.duplicates.append((item.source_path, result.document_id))
        batch.clear()

    for item in texts:
        if item.converted_from:
            report.converted.append((item.source_path, item.converted_from))
        batch.append(item)
        if len(batch) >= BATCH_SIZE:
            flush()
    if batch:
        flush()
    return report


def import_files(
    store: Store,
    paths: Iterable[str | os.PathLike[str]],
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Import files and folders (recursively). Unreadable files are listed in the report."""
    files, missing = collect_paths(paths)
    report = ImportReport(failed=list(missing))
    return store_texts(store, _read(files, report.failed, progress), report)


def _prepared(files: Sequence[Path]) -> Iterator[ImportedText | UnreadableFileError]:
    """:func:`prepare_file` for every file, in order; by worker processes for a big batch.

    Each worker has a pipe of its own and gets chunks in turn (chunk k goes to worker k mod
    n, AHEAD in flight each), so results come back in order. A worker that dies (killed, out
    of memory) closes its pipe: the files not yet returned are then read here. (A shared
    result queue, as in ``ProcessPoolExecutor``, can wait for ever on a message that a
    killed worker left half-sent.)"""
    workers = min(2, os.cpu_count() or 1)
    if len(files) < PARALLEL_FROM or workers < 2:
        yield from map(prepare_file, files)
        return
    import multiprocessing  # here: ~25 ms of imports that only a big batch needs

    context = multiprocessing.get_context("spawn")  # never fork a process with threads
    chunks = [list(files[i : i + CHUNK_FILES]) for i in range(0, len(files), CHUNK_FILES)]
    pool = []
    for _ in range(workers):
        here, there = context.Pipe()
        # A spawned process starts in English: it reads in this process's language, so
        # that its reasons for refusing a file are in the window's language.
        process = context.Process(target=_read_in_worker, args=(there, language()), daemon=True)
        process.start()
        there.close()  # only the worker holds its end: its death is an EOF here
        pool.append((process, here))
    received: queue.Queue[list | None] = queue.Queue()

    def receive() -> None:
        """A thread here drains the pipes while this one stores (a worker blocks on a full
        pipe, ~64 KB, until it is read); None means a worker died or all is done."""
        try:
            for number, chunk in enumerate(chunks[: AHEAD * workers]):
                pool[number % workers][1].send(chunk)
            for number in range(len(chunks)):
                pipe = pool[number % workers][1]
                results = pipe.recv()
                if number + AHEAD * workers < len(chunks):
                    pipe.send(chunks[number + AHEAD * workers])
                received.put(results)
        except (EOFError, OSError, pickle.UnpicklingError):
            pass  # a worker died (or the pipes were closed): the rest is read here
        received.put(None)

    receiver = threading.Thread(target=receive, daemon=True)
    receiver.start()
    done = 0  # chunks whose results were yielded
    try:
        while (results := received.get()) is not None:
            yield from results
            done += 1
        for chunk in chunks[done:]:
            yield from map(prepare_file, chunk)
    finally:
        for _process, pipe in pool:
            with suppress(OSError):
                pipe.send(None)
        for process, _pipe in pool:
            process.join(timeout=2)
            if process.is_alive():
                process.kill()
        receiver.join(timeout=2)
        for _process, pipe in pool:
            pipe.close()


def _read_in_worker(pipe, interface_language: str = "en") -> None:
    """A worker: read and fold each chunk of paths it is sent until None or its parent's end
    of the pipe closes (the parent finished, failed or was killed). Ctrl+C is the parent's.
    Its messages are in ``interface_language``, the parent's."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    set_language(interface_language)
    try:
        while (chunk := pipe.recv()) is not None:
            pipe.send([prepare_file(path) for path in chunk])
    except (EOFError, OSError):
        pass
