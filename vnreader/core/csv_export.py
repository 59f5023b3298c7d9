"""CSV exports of annotations and entities, safe to open in a spreadsheet.

Every file is:

- UTF-8 with a BOM (``utf-8-sig``), so that Excel shows Vietnamese correctly, with a header
  row and ``\\r\\n`` line endings (the csv module's default dialect);
- written atomically: rows go to a temporary file in the target's folder, which is flushed,
  fsynced and renamed over the target. If anything fails, the temporary file is removed, the
  target is left as it was and :class:`ExportError` says why in one line. A temporary file
  left behind by an export that was killed is removed by the next export to the same target
  (only files of our own naming pattern, untouched for :data:`STALE_TEMP_AGE_S` seconds, so
  that an export running at the same time keeps its file);
- protected against spreadsheet formula injection (OWASP): a text cell that starts with
  ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading apostrophe ``'``.
  This applies to the free-text columns ``document_title``, ``theme``, ``theme_path``,
  ``text`` and ``note`` (and ``text`` of entities). Ids and offsets are written as plain
  integers; labels, origins and timestamps are never neutralised because the app controls them.

``start`` and ``end`` are ``[start, end)`` offsets in **Python code points of the stored
(NFC) document text**, not UTF-16 units or bytes. Because ``text`` may carry the added
apostrophe, a consumer that needs the exact passage should slice the document text with
``start``/``end``, or undo the apostrophe exactly: drop one leading ``'`` when the cell's
leading apostrophes are followed by one of the characters above (:func:`restore_cell`; a
stored ``'=1`` is written ``''=1``).
"""

from __future__ import annotations

import csv
import errno
import os
import re
import stat
import tempfile
import time
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TextIO

from vnreader.core.store import Store
from vnreader.i18n import tr

ANNOTATION_COLUMNS = (
    "annotation_id",
    "document_id",
    "document_title",
    "theme",
    "theme_path",
    "start",
    "end",
    "text",
    "note",
    "created_at",
    "updated_at",
)
ENTITY_COLUMNS = ("document_id", "document_title", "label", "start", "end", "text", "origin")

_FORMULA_STARTS = "=+-@\t\r"
_NEEDS_APOSTROPHE = re.compile(f"'*[{re.escape(_FORMULA_STARTS)}]")
_ADDED_APOSTROPHE = re.compile(f"'+[{re.escape(_FORMULA_STARTS)}]")
_DEFAULT_MODE = 0o644  # mode of a new export file (a temporary file would be 0o600)
STALE_TEMP_AGE_S = 60  # a temporary file untouched this long is a killed export's
_TEMP_SUFFIX = ".tmp"
_TEMP_RANDOM = re.compile(r"[a-z0-9_]{8}")  # what tempfile puts between prefix and suffix
_DISK_FULL = frozenset({errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)})


class ExportError(Exception):
    """An export could not be written; the message says why in one line."""


def neutralise(cell: str) -> str:
    """Prefix ``'`` to a cell a spreadsheet would read as a formula (OWASP CSV injection).

    A cell whose apostrophes already stand before such a character (``'=1``) gets one more
    too, so that :func:`restore_cell` gives back exactly what was stored."""
    return "'" + cell if _NEEDS_APOSTROPHE.match(cell) else cell


def restore_cell(cell: str) -> str:
    """The stored text of a neutralised cell: the inverse of :func:`neutralise`."""
    return cell[1:] if _ADDED_APOSTROPHE.match(cell) else cell


@contextmanager
def atomic_output(out: Path, *, encoding: str = "utf-8", newline: str = "") -> Iterator[TextIO]:
    """Open a temporary text file next to ``out``; on success it replaces ``out`` atomically.

    On any exception the temporary file is removed, ``out`` is untouched and the error is
    raised again as :class:`ExportError` (``KeyboardInterrupt`` and the like pass through
    unchanged, after the clean-up).
    """
    out = Path(out)
    temp_name: str | None = None
    remove_stale_temp_files(out, before=time.time() - STALE_TEMP_AGE_S)
    try:
        mode = stat.S_IMODE(out.stat().st_mode) if out.is_file() else _DEFAULT_MODE
        with tempfile.NamedTemporaryFile(
            "w",
            encoding=encoding,
            newline=newline,
            dir=out.parent,
            delete=False,
            prefix=_temp_prefix(out),
            suffix=_TEMP_SUFFIX,
        ) as handle:
            temp_name = handle.name
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        with suppress(OSError):
            os.chmod(temp_name, mode)
        os.replace(temp_name, out)
        temp_name = None
    except Exception as error:
        raise ExportError(_cannot_write(out, error)) from error
    finally:
        if temp_name is not None:
            with suppress(OSError):
                os.unlink(temp_name)


def _temp_prefix(out: Path) -> str:
    return "." + out.name + "."


def remove_stale_temp_files(out: Path, *, before: float) -> list[Path]:
    """Remove the temporary files of exports to ``out`` last written before ``before`` (a
    ``time.time()``): exports that were killed. Returns what was removed; never raises."""
    prefix, removed = _temp_prefix(out), []
    try:
        with os.scandir(out.parent) as entries:
            candidates = [
                entry
                for entry in entries
                if entry.name.startswith(prefix)
                and entry.name.endswith(_TEMP_SUFFIX)
                and _TEMP_RANDOM.fullmatch(entry.name[len(prefix) : -len(_TEMP_SUFFIX)])
            ]
        for entry in candidates:
            with suppress(OSError):
                if entry.is_file(follow_symlinks=False) and entry.stat().st_mtime < before:
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    except OSError:
        pass
    return removed


def _cannot_write(out: Path, error: BaseException) -> str:
    """One line saying why ``out`` could not be written."""
    if isinstance(error, OSError) and error.errno in _DISK_FULL:
        return tr(
            "cannot write {file}: {reason}; free some disk space and export again",
            file=out,
            reason=error.strerror or tr("the disk is full"),
        )
    if isinstance(error, OSError) and error.strerror:
        reason = error.strerror
    else:
        text = str(error).strip().splitlines()
        reason = text[0] if text else type(error).__name__
    return tr("cannot write {file}: {reason}", file=out, reason=reason)


def write_csv(out: Path, header: Iterable[str], rows: Iterable[Iterable[object]]) -> int:
    """Write ``header`` and ``rows`` to ``out`` atomically as UTF-8-with-BOM CSV; count rows."""
    counter = _Counter(rows)
    with atomic_output(out, encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(counter)
    return counter.count


class _Counter:
    """Wrap an iterable and count what has been taken from it."""

    def __init__(self, rows: Iterable[Iterable[object]]) -> None:
        self._rows = rows
        self.count = 0

    def __iter__(self) -> Iterator[Iterable[object]]:
        for row in self._rows:
            self.count += 1
            yield row


def export_annotations(
    store: Store,
    out: Path,
    *,
    theme_ids: Collection[int] | None = None,
    document_ids: Collection[int] | None = None,
) -> int:
    """Write the annotations (optionally only these themes / documents) to ``out``.

    Returns the number of rows written. ``theme`` is the theme's own name and ``theme_path``
    its full path in the codebook (``"Kinh tế > Thương mại"``).
    """
    from vnreader.core.annotations import iter_annotation_rows
    from vnreader.core.themes import list_themes, theme_paths

    names = {theme.id: theme.name for theme in list_themes(store)}
    paths = theme_paths(store)
    source = iter_annotation_rows(store, theme_ids=theme_ids, document_ids=document_ids)
    rows = (
        (
            ann_id,
            doc_id,
            neutralise(title),
            neutralise(names.get(theme_id, "")),
            neutralise(paths.get(theme_id, "")),
            start,
            end,
            neutralise(text),
            neutralise(note),
            created_at,
            updated_at,
        )
        for ann_id, doc_id, title, theme_id, start, end, text, note, created_at, updated_at in (
            source
        )
    )
    try:
        return write_csv(out, ANNOTATION_COLUMNS, rows)
    finally:
        source.close()  # a failed write leaves the query unfinished: end it now


def export_entities(store: Store, out: Path, *, document_ids: Collection[int] | None = None) -> int:
    """Write the named entities (optionally only of these documents) to ``out``; count rows."""
    sql = (
        'SELECT e.document_id, d.title, e.label, e.start, e."end", e.text, e.origin'
        " FROM entities e JOIN documents d ON d.id = e.document_id"
    )
    params: list[int] = []
    if document_ids is not None:
        ids = sorted(set(document_ids))
        sql += f" WHERE e.document_id IN ({', '.join('?' * len(ids))})" if ids else " WHERE 0"
        params = ids
    sql += ' ORDER BY e.document_id, e.start, e."end", e.id'
    cursor = store.db.execute(sql, params)
    rows = (
        (doc_id, neutralise(title), label, start, end, neutralise(text), origin)
        for doc_id, title, label, start, end, text, origin in cursor
    )
    try:
        return write_csv(out, ENTITY_COLUMNS, rows)
    finally:
        cursor.close()


def write_safe_csv(out: Path, header: Iterable[str], rows: Iterable[Iterable[object]]) -> int:
    """Like :func:`write_csv`, with every text cell (header included) neutralised: for
    report tables whose every text column is free text (theme paths, titles, entities)."""
    safe_rows = ([neutralise(c) if isinstance(c, str) else c for c in row] for row in rows)
    return write_csv(out, [neutralise(h) for h in header], safe_rows)
