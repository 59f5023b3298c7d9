"""The entity panel's table: one row per distinct (type, name) with its occurrences."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush

from vnreader.core.models import Entity
from vnreader.i18n import N_, tr
from vnreader.ui.entity_style import KIND_BY_LABEL, entity_color
from vnreader.ui.models.rows import Index, RowTableModel

OCCURRENCES_ROLE = Qt.ItemDataRole.UserRole + 1
LABEL_ROLE = Qt.ItemDataRole.UserRole + 2
COLUMNS = (N_("Entity"), N_("Type"), N_("Count"))


@dataclass(frozen=True)
class EntityGroup:
    label: str
    text: str
    occurrences: tuple[tuple[int, int], ...]  # (start, end), in document order


def group_entities(entities: list[Entity]) -> list[EntityGroup]:
    """Occurrences of the same name and type together, most frequent first."""
    spans: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for entity in entities:
        spans[(entity.label, entity.text)].append((entity.start, entity.end))
    groups = [EntityGroup(label, text, tuple(sorted(occ))) for (label, text), occ in spans.items()]
    groups.sort(key=lambda g: (-len(g.occurrences), g.label, g.text.casefold()))
    return groups


class EntityListModel(RowTableModel[EntityGroup]):
    columns = COLUMNS

    def set_entities(self, entities: list[Entity]) -> None:
        self.set_rows(group_entities(entities))

    def group_at(self, row: int) -> EntityGroup:
        return self.row_at(row)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        group = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            kind = tr(KIND_BY_LABEL[group.label].name)
            return (group.text, kind, len(group.occurrences))[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == 0:
            return QBrush(entity_color(group.label))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tr(
                "{name} — {n}× (click to go to the next one)",
                name=group.text,
                n=len(group.occurrences),
            )
        if role == OCCURRENCES_ROLE:
            return group.occurrences
        if role == LABEL_ROLE:
            return group.label
        return None
