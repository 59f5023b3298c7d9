"""How entity types look: names and colours shared by the reader, legend and panel."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication


@dataclass(frozen=True)
class EntityKind:
    label: str
    name: str
    singular: str
    light: str  # text colour on a light background
    dark: str  # text colour on a dark background


# Blue, orange and purple stay distinct for the common colour-vision deficiencies, and each
# reaches a contrast of at least 4.5:1 against its background.
ENTITY_KINDS = (
    EntityKind("PER", "People", "Person", "#1456b8", "#7fb2ff"),
    EntityKind("ORG", "Organisations", "Organisation", "#8a4b00", "#ffb25e"),
    EntityKind("LOC", "Places", "Place", "#7b2a9e", "#d59cf5"),
)
KIND_BY_LABEL = {kind.label: kind for kind in ENTITY_KINDS}


def is_dark_palette(palette: QPalette | None = None) -> bool:
    palette = palette or QApplication.palette()
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def entity_color(label: str, palette: QPalette | None = None) -> QColor:
    kind = KIND_BY_LABEL[label]
    return QColor(kind.dark if is_dark_palette(palette) else kind.light)


def add_kind_actions(menu, slot, skip: str | None = None) -> None:
    """One action per entity type (its singular name) calling ``slot(label)``; ``skip``
    leaves out the type an entity already has."""
    for kind in ENTITY_KINDS:
        if kind.label != skip:
            menu.addAction(kind.singular, lambda label=kind.label: slot(label))


def entity_spans(entities) -> list[tuple[int, int, str, str]]:
    """What the reader draws of stored entities: ``(start, end, label, origin)``; the
    origin decides the underline (dotted for the model's, solid for the user's)."""
    return [(e.start, e.end, e.label, e.origin) for e in entities]
