"""Named entities (PER, ORG, LOC) of a stored text, with code-point spans.

Three engines, all run sentence by sentence:

* ``vnreader`` (the default): our CRF over syllable tokens (:mod:`.model`, trained on the
  project's annotated data, or the user's retrained model), then the rules of
  :mod:`.rules`. Tokens carry their own offsets, so no alignment is needed.
* ``crf``: our CRF alone, to measure what the rules add.
* ``underthesea``: underthesea's ``ner()`` (built once per sentence by
  :mod:`.fast_underthesea`), its tokens aligned back to the stored text and its BIO tags
  merged into spans.

The NLP libraries are imported only when :func:`extract_entities` first runs. Every span
is trimmed of punctuation and spaces and satisfies ``text[start:end] == span.text``.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from vnreader.core.entities.align import align_tokens
from vnreader.core.text import sentence_spans

__all__ = [
    "DEFAULT_ENGINE",
    "ENGINES",
    "Cancelled",
    "EntitySpan",
    "LABELS",
    "extract_entities",
    "pipeline_version",
]

log = logging.getLogger(__name__)

LABELS = frozenset({"PER", "ORG", "LOC"})
ENGINES = ("vnreader", "crf", "underthesea")
DEFAULT_ENGINE = "vnreader"
# Bump when tokenising, features, rules, alignment, merging or trimming change the output.
_INTERNAL_VERSION = "rules2"
# Two or more initials at the end of a span keep their final full stop ("D.C.").
_INITIALS = re.compile(r"(?:^|[^\w.])(?:[^\W\d_]\.){2,}$")


class Cancelled(Exception):
    """Raised by :func:`extract_entities` when ``should_stop`` returned True."""


@dataclass(frozen=True)
class EntitySpan:
    """An entity: ``[start, end)`` in code points of the stored text, its label and text.

    ``confidence`` is the model's probability for the whole span (1.0 when the engine
    gives none, as underthesea's does not).
    """

    start: int
    end: int
    label: str
    text: str
    confidence: float = 1.0


def pipeline_version(engine: str = DEFAULT_ENGINE, model: Path | None = None) -> str:
    """Identifies what an engine outputs (for caching), e.g. ``vnreader-1f2e…+rules1``.

    For our engines it names the model file in use and the gazetteers, so retraining or
    extending a gazetteer makes stored entities stale.
    """
    if engine == "underthesea":
        from importlib import metadata

        try:
            upstream = metadata.version("underthesea")
        except metadata.PackageNotFoundError:
            upstream = "unknown"
        return f"underthesea-{upstream}+{_INTERNAL_VERSION}"
    from vnreader.core.entities.gazetteer import gazetteer_fingerprint
    from vnreader.core.entities.model import model_fingerprint

    fingerprint = model_fingerprint(model)
    return f"{engine}-{fingerprint}.{gazetteer_fingerprint()}+{_INTERNAL_VERSION}"


def extract_entities(
    text: str,
    *,
    engine: str = DEFAULT_ENGINE,
    model: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> list[EntitySpan]:
    """Entities of ``text``, sorted and non-overlapping.

    ``engine`` is one of :data:`ENGINES`; ``model`` a CRF model file for our engines
    (default: the user's model if any, else the shipped one). ``progress(done, total)`` is
    called after each sentence with character counts and ends with ``done == total``;
    ``should_stop()`` is checked before each sentence and makes the function raise
    :class:`Cancelled`.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown entity engine {engine!r} (choose from {', '.join(ENGINES)})")
    sentence_entities = _engine(engine, model)
    total = len(text)
    found: list[EntitySpan] = []
    reported = -1
    for start, end in sentence_spans(text):
        if should_stop is not None and should_stop():
            raise Cancelled
        try:
            found.extend(sentence_entities(text, start, end))
        except Exception:
            log.warning("NER failed on sentence at %d-%d; skipped", start, end, exc_info=True)
        if progress is not None and end > reported:
            reported = end
            progress(end, total)
    if progress is not None and reported != total:
        progress(total, total)
    return _without_overlaps(found)


SentenceEntities = Callable[[str, int, int], list[EntitySpan]]


def _engine(engine: str, model_path: Path | None) -> SentenceEntities:
    if engine == "underthesea":
        from vnreader.core.entities.fast_underthesea import ner

        def underthesea_sentence(text: str, start: int, end: int) -> list[EntitySpan]:
            tagged = ner(text[start:end])
            return _sentence_entities(text, tagged, start, end) if tagged else []

        return underthesea_sentence

    from vnreader.core.entities.model import load_model
    from vnreader.core.entities.rules import refine
    from vnreader.core.entities.tokens import tokenize

    model = load_model(model_path)
    with_rules = engine == "vnreader"

    def our_sentence(text: str, start: int, end: int) -> list[EntitySpan]:
        tokens = tokenize(text, start, end)
        matches = model.gazetteer.matches([token.text for token in tokens])
        spans = model.tag(tokens, matches)
        if with_rules:
            spans = refine(tokens, spans, model.gazetteer, matches)
        entities = []
        for span in spans:
            trimmed = _trim(text, tokens[span.first].start, tokens[span.last - 1].end)
            if trimmed is not None and span.label in LABELS:
                s, e = trimmed
                entities.append(EntitySpan(s, e, span.label, text[s:e], span.confidence))
        return entities

    return our_sentence


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
