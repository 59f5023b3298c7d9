"""Plain records returned by the store. They hold data only, never a connection or widget."""

from __future__ import annotations

from dataclasses import dataclass

ENTITY_LABELS = ("PER", "ORG", "LOC")
ORIGIN_MODEL = "model"
ORIGIN_USER = "user"


@dataclass(frozen=True)
class DocumentSummary:
    """What the sidebar needs: no text."""

    id: int
    title: str
    char_count: int
    entity_count: int | None  # None until the entity pipeline has run on the document


@dataclass(frozen=True)
class Document:
    id: int
    title: str
    source_path: str | None
    content_hash: str
    text: str
    imported_at: str


@dataclass(frozen=True)
class Entity:
    """A named-entity span: ``[start, end)`` in code points of the document's stored text."""

    id: int
    document_id: int
    start: int
    end: int
    label: str
    text: str
    origin: str  # ORIGIN_MODEL or ORIGIN_USER
    confidence: float | None = None  # the model's probability for the span; None if unknown
    from_dictionary: bool = False  # a user entity put there by an "everywhere" correction


@dataclass(frozen=True)
class AddResult:
    document_id: int
    created: bool  # False when the same content was already stored


@dataclass(frozen=True)
class Theme:
    """A code of the user's codebook. ``shortcut`` is a digit key 1–9 or None."""

    id: int
    name: str
    color: str  # "#rrggbb"
    description: str
    parent_id: int | None
    position: int  # order among its siblings
    shortcut: int | None


@dataclass(frozen=True)
class Annotation:
    """A tagged passage: ``[start, end)`` in code points of the document's stored text."""

    id: int
    document_id: int
    theme_id: int
    start: int
    end: int
    text: str
    note: str
    created_at: str
    updated_at: str
