"""Entity layer: named entities (PER, ORG, LOC) with code-point spans of the stored text.

Importing this package is cheap: underthesea is loaded only when entities are extracted.
"""

from vnreader.core.entities.align import align_tokens
from vnreader.core.entities.pipeline import (
    DEFAULT_ENGINE,
    ENGINES,
    Cancelled,
    EntitySpan,
    extract_entities,
    pipeline_version,
)

__all__ = [
    "DEFAULT_ENGINE",
    "ENGINES",
    "Cancelled",
    "EntitySpan",
    "align_tokens",
    "extract_entities",
    "pipeline_version",
]
