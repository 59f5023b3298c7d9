"""Entities the model was unsure of, least certain first, for the user to review.

Only entities shown as the model's (origin ``model``) with a known confidence are listed:
once the user accepts, retypes or rejects one, it leaves the list. The queries spell the
origin out so that SQLite can use the partial index ``entities_by_confidence``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from vnreader.core.models import ORIGIN_MODEL
from vnreader.core.store import Store

DEFAULT_THRESHOLD = 0.8
CONTEXT_CHARS = 40


@dataclass(frozen=True)
class UncertainEntity:
    document_id: int
    document_title: str
    start: int
    end: int
    label: str
    text: str
    confidence: float
    before: str  # up to CONTEXT_CHARS of the same line before the entity ("…" if cut)
    after: str  # ... and after it


def uncertain_entities(
    store: Store, below: float = DEFAULT_THRESHOLD, limit: int = 500
) -> list[UncertainEntity]:
    """Model entities of the library with confidence below ``below``, lowest first (then
    by document title and position), with a little context from their line."""
    reach = CONTEXT_CHARS + 1  # one character more each side tells a cut from a line end
    rows = store.db.execute(
        'SELECT e.document_id, d.title, e.start, e."end", e.label, e.text, e.confidence,'
        " max(e.start - ?, 0),"  # where the slice of text read for the context starts
        ' substr(d.text, max(e.start - ?, 0) + 1, e."end" - max(e.start - ?, 0) + ?)'
        " FROM entities e JOIN documents d ON d.id = e.document_id"
        f" WHERE e.origin = '{ORIGIN_MODEL}' AND e.confidence IS NOT NULL AND e.confidence < ?"
        " ORDER BY e.confidence, d.title COLLATE NOCASE, e.document_id, e.start LIMIT ?",
        [reach, reach, reach, reach, below, limit],
    ).fetchall()
    found = []
    for document_id, title, start, end, label, text, confidence, first, piece in rows:
        before, after = line_context(piece, start - first, end - first)
        found.append(
            UncertainEntity(document_id, title, start, end, label, text, confidence, before, after)
        )
    return found


def count_uncertain(store: Store, below: float = DEFAULT_THRESHOLD) -> int:
    return store.db.execute(
        "SELECT count(*) FROM entities"
        f" WHERE origin = '{ORIGIN_MODEL}' AND confidence IS NOT NULL AND confidence < ?",
        [below],
    ).fetchone()[0]


def percent(confidence: float) -> str:
    """A confidence for people: rounded down, so that "below 80 %" never shows "80 %"."""
    return f"{math.floor(confidence * 100 + 1e-9)} %"


def line_context(text: str, start: int, end: int) -> tuple[str, str]:
    """The entity's line around it, at most CONTEXT_CHARS each side; "…" where cut."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    first, last = max(line_start, start - CONTEXT_CHARS), min(line_end, end + CONTEXT_CHARS)
    before, after = text[first:start], text[end:last]
    before = " ".join(before.split()) + (" " if before[-1:].isspace() else "")
    after = (" " if after[:1].isspace() else "") + " ".join(after.split())
    return ("…" if first > line_start else "") + before, after + ("…" if last < line_end else "")
