"""The library a page at a time: sorted and filtered by folded title in SQL.

The sidebar of a 10k-report library asks for the rows it shows, not for all of them:
``documents.title_key`` holds the folded title ("Đà Nẵng" -> "da nang", migration 0006)
and an index on ``(title_key, id)`` gives the order, so a page costs the same at any size.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from vnreader.core.models import DocumentSummary
from vnreader.core.store import Store, in_ids
from vnreader.core.text import fold

_COLUMNS = "d.id, d.title, d.char_count, r.entity_count"
_FROM = "documents d LEFT JOIN entity_runs r ON r.document_id = d.id"
_ORDER = "d.title_key, d.id"


@dataclass(frozen=True)
class DocumentQuery:
    """Which documents to list: every folded word in the title, and only ``ids`` if given."""

    words: tuple[str, ...] = ()
    ids: frozenset[int] | None = None

    @classmethod
    def of(cls, text: str = "", ids: Iterable[int] | None = None) -> DocumentQuery:
        return cls(tuple(fold(text).split()), None if ids is None else frozenset(ids))

    def where(self) -> tuple[str, list]:
        clauses, params = ["1"], []
        for word in self.words:
            clauses.append("instr(d.title_key, ?) > 0")
            params.append(word)
        if self.ids is not None:
            clause, param = in_ids("d.id", self.ids)
            clauses.append(clause)
            params.append(param)
        return " AND ".join(clauses), params


ALL = DocumentQuery()


def count_documents(store: Store, query: DocumentQuery = ALL) -> int:
    where, params = query.where()
    return store.db.execute(f"SELECT count(*) FROM documents d WHERE {where}", params).fetchone()[0]


def document_page(
    store: Store, query: DocumentQuery = ALL, offset: int = 0, limit: int = 200
) -> list[DocumentSummary]:
    """Up to ``limit`` documents from position ``offset`` of the sorted, filtered list."""
    where, params = query.where()
    rows = store.db.execute(
        f"SELECT {_COLUMNS} FROM {_FROM} WHERE {where} ORDER BY {_ORDER} LIMIT ? OFFSET ?",
        [*params, max(0, limit), max(0, offset)],
    ).fetchall()
    return [DocumentSummary(*row) for row in rows]


def position_of(store: Store, document_id: int, query: DocumentQuery = ALL) -> int | None:
    """Where ``document_id`` stands in the sorted, filtered list (None: not in it)."""
    where, params = query.where()
    row = store.db.execute(
        f"SELECT d.title_key FROM documents d WHERE d.id = ? AND {where}", [document_id, *params]
    ).fetchone()
    if row is None:
        return None
    return store.db.execute(
        f"SELECT count(*) FROM documents d WHERE {where}"
        " AND (d.title_key < ? OR (d.title_key = ? AND d.id < ?))",
        [*params, row[0], row[0], document_id],
    ).fetchone()[0]
