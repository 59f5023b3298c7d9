"""Reports over the tagged passages: themes × documents, entities × themes, theme frequencies.

Every count is aggregated in SQL over the indexes ``annotations_by_document``
``(document_id, start)``, ``annotations_by_theme`` and ``entities_by_document``
``(document_id, start)``; Python only attaches theme paths and colours. A passage counts for
the theme it is tagged with (not for that theme's parents). An entity co-occurs with a
passage when their ``[start, end)`` spans (code points) overlap, even partly.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from vnreader.core.annotations import COLUMNS_OF_A
from vnreader.core.csv_export import write_safe_csv
from vnreader.core.models import Annotation
from vnreader.core.store import Store, in_ids
from vnreader.core.themes import list_themes, theme_paths


@dataclass(frozen=True)
class ThemeInfo:
    id: int
    path: str
    color: str  # "#rrggbb"


@dataclass(frozen=True)
class ThemeDocumentMatrix:
    """Passages per (document, theme): ``documents`` are ``(id, title)`` of the documents
    with at least one passage, by folded title (đ = d, accents ignored); ``themes`` those
    with at least one passage, in tree order."""

    documents: list[tuple[int, str]]
    themes: list[ThemeInfo]
    counts: dict[tuple[int, int], int]  # (document id, theme id) -> passages

    def count(self, document_id: int, theme_id: int) -> int:
        return self.counts.get((document_id, theme_id), 0)


@dataclass(frozen=True)
class EntityThemeRow:
    """An entity (``text`` + ``label``) found in passages of one theme: in how many passages,
    by how many mentions (entity occurrences), in how many documents."""

    theme: ThemeInfo
    text: str
    label: str
    passages: int
    mentions: int
    documents: int


@dataclass(frozen=True)
class ThemeFrequency:
    theme: ThemeInfo
    passages: int
    documents: int


def _theme_infos(store: Store) -> list[ThemeInfo]:
    """Every theme in tree order with its path and colour."""
    paths = theme_paths(store)
    return [ThemeInfo(t.id, paths[t.id], t.color) for t in list_themes(store)]


def theme_document_matrix(store: Store) -> ThemeDocumentMatrix:
    """Passages per theme per document (one grouped query over the annotations)."""
    rows = store.db.execute(
        "SELECT document_id, theme_id, count(*) FROM annotations GROUP BY document_id, theme_id"
    ).fetchall()
    counts = {(doc, theme): n for doc, theme, n in rows}
    used_themes = {theme for _doc, theme in counts}
    used_docs = sorted({doc for doc, _theme in counts})
    documents = list(document_titles(store, used_docs).items())
    themes = [info for info in _theme_infos(store) if info.id in used_themes]
    return ThemeDocumentMatrix(documents, themes, counts)


def _max_entity_length(store: Store) -> int:
    row = store.db.execute('SELECT max("end" - start) FROM entities').fetchone()
    return row[0] or 0


def entity_theme_cooccurrence(
    store: Store, theme_ids: Iterable[int] | None = None
) -> list[EntityThemeRow]:
    """For each theme (or these only), the distinct entities whose span overlaps a passage
    of that theme.

    Ordered by theme (tree order), then most passages first, then text. The join reads, for
    each passage, only the entities of its document that start less than the longest entity
    before the passage, through ``entities_by_document``.
    """
    longest = _max_entity_length(store)
    if longest == 0:
        return []
    where, params = "", [longest]
    if theme_ids is not None:
        clause, param = in_ids("a.theme_id", theme_ids)
        where = f" WHERE {clause}"
        params.append(param)
    rows = store.db.execute(
        "SELECT a.theme_id, e.text, e.label, count(DISTINCT a.id), count(DISTINCT e.id),"
        " count(DISTINCT a.document_id)"
        " FROM annotations a JOIN entities e"
        "   ON e.document_id = a.document_id"
        '  AND e.start >= a.start - ? AND e.start < a."end" AND e."end" > a.start'
        f"{where} GROUP BY a.theme_id, e.text, e.label",
        params,
    ).fetchall()
    infos = _theme_infos(store)
    order = {info.id: number for number, info in enumerate(infos)}
    by_id = {info.id: info for info in infos}
    result = [
        EntityThemeRow(by_id[theme], text, label, passages, mentions, documents)
        for theme, text, label, passages, mentions, documents in rows
        if theme in by_id
    ]
    result.sort(key=lambda r: (order[r.theme.id], -r.passages, -r.mentions, r.text, r.label))
    return result


def theme_frequencies(store: Store, *, include_unused: bool = True) -> list[ThemeFrequency]:
    """Passages and documents per theme, in tree order (themes without passages too, unless
    ``include_unused`` is False)."""
    rows = store.db.execute(
        "SELECT theme_id, count(*), count(DISTINCT document_id) FROM annotations GROUP BY theme_id"
    ).fetchall()
    counts = {theme: (passages, documents) for theme, passages, documents in rows}
    return [
        ThemeFrequency(info, *counts.get(info.id, (0, 0)))
        for info in _theme_infos(store)
        if include_unused or info.id in counts
    ]


def _behind_where(
    store: Store,
    theme_id: int | None,
    document_id: int | None,
    entity: tuple[str, str] | None,
) -> tuple[str, list[object]]:
    clauses: list[str] = []
    params: list[object] = []
    if theme_id is not None:
        clauses.append("a.theme_id = ?")
        params.append(theme_id)
    if document_id is not None:
        clauses.append("a.document_id = ?")
        params.append(document_id)
    if entity is not None:
        clauses.append(
            "EXISTS (SELECT 1 FROM entities e WHERE e.document_id = a.document_id"
            '  AND e.start >= a.start - ? AND e.start < a."end" AND e."end" > a.start'
            "  AND e.text = ? AND e.label = ?)"
        )
        params += [_max_entity_length(store), *entity]
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def passages_behind(
    store: Store,
    theme_id: int | None = None,
    document_id: int | None = None,
    entity: tuple[str, str] | None = None,
    *,
    limit: int | None = None,
) -> list[Annotation]:
    """The passages behind a report cell: of this theme (and document, and overlapping an
    entity ``(text, label)``), ordered by document, start, id; at most ``limit``."""
    where, params = _behind_where(store, theme_id, document_id, entity)
    sql = f"SELECT {COLUMNS_OF_A} FROM annotations a{where}"
    sql += " ORDER BY a.document_id, a.start, a.id"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    return [Annotation(*row) for row in store.db.execute(sql, params).fetchall()]


def count_passages_behind(
    store: Store,
    theme_id: int | None = None,
    document_id: int | None = None,
    entity: tuple[str, str] | None = None,
) -> int:
    """How many passages :func:`passages_behind` returns without a limit."""
    where, params = _behind_where(store, theme_id, document_id, entity)
    return store.db.execute(f"SELECT count(*) FROM annotations a{where}", params).fetchone()[0]


def document_titles(store: Store, document_ids: Iterable[int]) -> dict[int, str]:
    """Titles of these documents (those that exist), read without their texts, in the
    library's order (folded title: đ = d, accents ignored)."""
    clause, param = in_ids("id", document_ids)
    rows = store.db.execute(
        f"SELECT id, title FROM documents WHERE {clause} ORDER BY title_key, id", [param]
    ).fetchall()
    return dict(rows)


# --- CSV ------------------------------------------------------------------------------------


def export_matrix(matrix: ThemeDocumentMatrix, out: Path) -> int:
    """The matrix as shown: one row per document, one column per theme path, and a total."""
    header = ["document_id", "document_title", *(t.path for t in matrix.themes), "total"]
    rows = (
        [doc, title, *counts, sum(counts)]
        for doc, title in matrix.documents
        for counts in ([matrix.count(doc, t.id) for t in matrix.themes],)
    )
    return write_safe_csv(out, header, rows)


def export_cooccurrence(rows: Sequence[EntityThemeRow], out: Path) -> int:
    header = ("theme_id", "theme_path", "entity", "label", "passages", "mentions", "documents")
    return write_safe_csv(
        out,
        header,
        (
            (r.theme.id, r.theme.path, r.text, r.label, r.passages, r.mentions, r.documents)
            for r in rows
        ),
    )


def export_frequencies(rows: Sequence[ThemeFrequency], out: Path) -> int:
    header = ("theme_id", "theme_path", "passages", "documents")
    return write_safe_csv(
        out, header, ((r.theme.id, r.theme.path, r.passages, r.documents) for r in rows)
    )
