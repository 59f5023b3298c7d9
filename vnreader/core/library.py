"""Importing files into the store: one call for a whole batch, bad files reported, not fatal.

Reading (decoding, extracting text) and storing are separate steps so that a GUI can read
in a background thread and store from its own thread.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from vnreader.core.importers import ImportedText, UnreadableFileError, collect_paths, read_document
from vnreader.core.store import Store

# Documents are committed in groups: one transaction per file would cost an fsync each.
BATCH_SIZE = 200


@dataclass
class ImportReport:
    added: list[tuple[int, str]] = field(default_factory=list)  # (document id, title)
    duplicates: list[tuple[str, int]] = field(default_factory=list)  # (file, existing id)
    failed: list[UnreadableFileError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        parts = [f"{len(self.added)} imported"]
        if self.duplicates:
            parts.append(f"{len(self.duplicates)} already in the library")
        if self.failed:
            parts.append(f"{len(self.failed)} could not be read")
        return ", ".join(parts)


def read_files(
    paths: Iterable[str | os.PathLike[str]],
) -> tuple[list[ImportedText], list[UnreadableFileError]]:
    """Read every supported file under ``paths``; no database involved."""
    files, failed = collect_paths(paths)
    texts: list[ImportedText] = []
    for path in files:
        try:
            texts.append(read_document(path))
        except UnreadableFileError as error:
            failed.append(error)
    return texts, failed


def store_texts(
    store: Store, texts: Iterable[ImportedText], report: ImportReport | None = None
) -> ImportReport:
    """Add read texts to the store in batched transactions; duplicates are not stored twice."""
    report = report or ImportReport()
    batch: list[ImportedText] = []

    def flush() -> None:
        with store.transaction():
            for item in batch:
                result = store.add_document(item.title, item.text, item.source_path)
                if result.created:
                    report.added.append((result.document_id, item.title))
                else:
                    report.duplicates.append((item.source_path, result.document_id))
        batch.clear()

    for item in texts:
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

    def texts():
        for number, path in enumerate(files, start=1):
            try:
                yield read_document(path)
            except UnreadableFileError as error:
                report.failed.append(error)
            if progress:
                progress(number, len(files))

    return store_texts(store, texts(), report)
