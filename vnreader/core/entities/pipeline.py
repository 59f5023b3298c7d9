"""Named entities (PER, ORG, LOC) of a stored text, with code-point spans.

underthesea is imported only when :func:`extract_entities` first runs. ``ner()`` is called
per sentence (whole-document calls are quadratic), its tokens are aligned back to the
stored text, BIO tags are merged into flat spans, and span edges are trimmed of
punctuation and spaces. Every returned span satisfies ``text[start:end] == span.text``.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from typing import Any

from vnreader.core.entities.align import align_tokens
from vnreader.core.text import sentence_spans

__all__ = ["Cancelled", "EntitySpan", "LABELS", "extract_entities", "pipeline_version"]

log = logging.getLogger(__name__)

LABELS = frozenset({"PER", "ORG", "LOC"})
# Bump when alignment, merging or trimming changes what the pipeline outputs.
_INTERNAL_VERSION = "align1"
# Two or more initials at the end of a span keep their final full stop ("D.C.").
_INITIALS = re.compile(r"(?:^|[^\w.])(?:[^\W\d_]\.){2,}$")


class Cancelled(Exception):
    """Raised by :func:`extract_entities` when ``should_stop`` returned True."""


@dataclass(frozen=True)
class EntitySpan:
    """An entity: ``[start, end)`` in code points of the stored text, its label and text."""

    start: int
    end: int
    label: str
    text: str


@cache
def pipeline_version() -> str:
    """Identifies the output of this pipeline (for caching), e.g. ``underthesea-9.5.0+align1``."""
    try:
        upstream = metadata.version("underthesea")
    except metadata.PackageNotFoundError:
        upstream = "unknown"
    return f"underthesea-{upstream}+{_INTERNAL_VERSION}"


def __getattr__(name: str) -> Any:
    if name == "PIPELINE_VERSION":
        return pipeline_version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def extract_entities(
    text: str,
    *,
    progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> list[EntitySpan]:
    """Entities of ``text``, sorted and non-overlapping.

    ``progress(done, total)`` is called after each sentence with character counts and ends
    with ``done == total``; ``should_stop()`` is checked before each sentence and makes
    the function raise :class:`Cancelled`.
    """
    from underthesea import ner  # deferred: importing costs ~0.4 s

    total = len(text)
    found: list[EntitySpan] = []
    reported = -1
    for start, end in sentence_spans(text):
        if should_stop is not None and should_stop():
            raise Cancelled
        try:
            tagged = ner(text[start:end])
        except Exception:
            log.warning("NER failed on sentence at %d-%d; skipped", start, end, exc_info=True)
            tagged = []
        if tagged:
            found.extend(_sentence_entities(text, tagged, start, end))
        if progress is not None and end > reported:
            reported = end
            progress(end, total)
    if progress is not None and reported != total:
        progress(total, total)
    return _without_overlaps(found)


def _sentence_entities(
    text: str, tagged: Sequence[Sequence[str]], start: int, end: int
) -> list[EntitySpan]:
    """Merge the BIO tags of one sentence into trimmed entity spans."""
    tokens = [row[0] for row in tagged]
    spans = align_tokens(text, tokens, start, end)
    groups: list[tuple[str, list[tuple[int, int] | None]]] = []
    current: str | None = None
    for row, span in zip(tagged, spans, strict=True):
        tag = row[-1]
        if tag == "O" or "-" not in tag:
            current = None
            continue
        prefix, label = tag.split("-", 1)
        if prefix == "B" or label != current:
            groups.append((label, []))
        groups[-1][1].append(span)
        current = label
    entities: list[EntitySpan] = []
    for label, members in groups:
        if label not in LABELS:
            continue
        resolved = [span for span in members if span is not None]
        if not resolved:
            continue
        trimmed = _trim(text, resolved[0][0], resolved[-1][1])
        if trimmed is None:
            continue
        s, e = trimmed
        entities.append(EntitySpan(s, e, label, text[s:e]))
    return entities


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch)[0] == "M"


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Strip non-alphanumeric edges (keeping "D.C." and a balanced ")"); None if no letter."""
    while start < end and not text[start].isalnum():
        start += 1
        while start < end and _is_mark(text[start]):
            start += 1
    while end > start:
        base = end - 1
        while base > start and _is_mark(text[base]):
            base -= 1
        ch = text[base]
        if ch.isalnum() or _keep_closing(text, start, base):
            break
        end = base
    if end <= start or not any(ch.isalpha() for ch in text[start:end]):
        return None
    return start, end


def _keep_closing(text: str, start: int, last: int) -> bool:
    """Whether the non-alphanumeric character at ``last`` legitimately ends the span."""
    ch = text[last]
    inner = text[start:last]
    if ch == ")":
        return inner.count("(") > inner.count(")")
    if ch == ".":
        return _INITIALS.search(text[start : last + 1]) is not None
    return False


def _without_overlaps(entities: list[EntitySpan]) -> list[EntitySpan]:
    """Sort by position and drop any span that overlaps one kept before it."""
    kept: list[EntitySpan] = []
    for entity in sorted(entities, key=lambda e: (e.start, -e.end)):
        if kept and entity.start < kept[-1].end:
            continue
        kept.append(entity)
    return kept
