"""How the model's entities and the user's corrections combine into the entities shown.

Pure functions over one document's text (no SQL); :meth:`Store.refresh_entities` feeds
them. The rules, strongest first:

1. A user entity (marked, retyped or accepted) stays, and hides every model entity and
   dictionary match that overlaps it.
2. A rejected span hides the model entity or dictionary match with exactly that span.
3. A dictionary entry "surface → not an entity" hides every model entity with that text.
4. A dictionary entry "surface → label" puts an entity on every whole-word occurrence of
   the surface, replacing the model entities it overlaps, except where a (kept) model
   entity strictly contains it: "Hoa Kỳ" → LOC does not break up the model's ORG "Bộ
   Ngoại giao Hoa Kỳ". Overlapping matches: the longest wins, then the leftmost.

Surfaces match case-sensitively, on word boundaries ("Nam" matches in "Việt Nam" and
"Nam-Bắc" but not in "Namibia"), and a space in a surface matches any run of spaces.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

_SPACE_RUN = re.compile(r"\s+")


@dataclass(frozen=True)
class ModelSpan:
    """One entity of the pipeline's output, as stored in ``model_entities``."""

    start: int
    end: int
    label: str
    text: str
    confidence: float | None = None


@dataclass(frozen=True)
class Derived:
    """The entities to show besides the user's own: model ones and dictionary matches."""

    model: list[ModelSpan]
    dictionary: list[tuple[int, int, str]]  # (start, end, label)


def normalize_surface(text: str) -> str:
    """The dictionary key of an entity text: NFC, trimmed, spaces collapsed to one."""
    return _SPACE_RUN.sub(" ", unicodedata.normalize("NFC", text)).strip()


@lru_cache(maxsize=1024)
def _pattern(surface: str) -> re.Pattern[str]:
    body = r"[^\S\n]+".join(re.escape(part) for part in surface.split(" "))
    before = r"(?<!\w)" if _is_word_char(surface[0]) else ""
    after = r"(?!\w)" if _is_word_char(surface[-1]) else ""
    return re.compile(before + body + after)


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def find_surface(text: str, surface: str) -> list[tuple[int, int]]:
    """The whole-word occurrences of ``surface`` (normalised) in ``text``.

    Candidates are found with ``str.find`` on the first word (a regular expression that
    starts with a look-behind has no literal prefix to search for, and would try every
    position of a long text); the pattern then checks each candidate.
    """
    if not surface:
        return []
    first = surface.split(" ", 1)[0]
    pattern = _pattern(surface)
    found: list[tuple[int, int]] = []
    at = text.find(first)
    while at >= 0:
        match = pattern.match(text, at)
        if match is not None:
            found.append(match.span())
            at = text.find(first, match.end())
        else:
            at = text.find(first, at + 1)
    return found


def is_occurrence(text: str, start: int, end: int, surface: str) -> bool:
    """Whether ``text[start:end]`` is a whole-word occurrence of ``surface``."""
    match = _pattern(surface).match(text, start)
    return match is not None and match.end() == end


class Intervals:
    """Sorted ``[start, end)`` spans with fast lookups of those that meet an interval."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self.spans = sorted(spans)
        self._starts = [start for start, _ in self.spans]
        self._longest = max((end - start for start, end in self.spans), default=0)

    def meeting(self, start: int, end: int) -> list[tuple[int, int]]:
        """Spans overlapping ``[start, end)``."""
        first = bisect_left(self._starts, start - self._longest + 1)
        last = bisect_left(self._starts, end)
        return [span for span in self.spans[first:last] if span[1] > start]

    def overlaps(self, start: int, end: int) -> bool:
        return bool(self.spans) and bool(self.meeting(start, end))

    def strictly_contains(self, start: int, end: int) -> bool:
        """Whether a span other than ``[start, end)`` itself covers all of it."""
        first = bisect_left(self._starts, end - self._longest)
        last = bisect_right(self._starts, start)
        return any(
            s <= start and end <= e and (s, e) != (start, end) for s, e in self.spans[first:last]
        )


def derive(
    text: str,
    model: Iterable[ModelSpan],
    user: Iterable[tuple[int, int]],
    rejected: Iterable[tuple[int, int]],
    dictionary: Mapping[str, str | None],
) -> Derived:
    """The model entities and dictionary matches to show next to the ``user`` entities
    (their spans), by the rules in this module's docstring."""
    user_spans = Intervals(user)
    rejected = set(rejected)
    not_entities = {surface for surface, label in dictionary.items() if label is None}
    kept = [
        span
        for span in model
        if (span.start, span.end) not in rejected
        and not user_spans.overlaps(span.start, span.end)
        and not (not_entities and normalize_surface(span.text) in not_entities)
    ]
    kept_spans = Intervals((span.start, span.end) for span in kept)
    candidates = []
    for surface, label in dictionary.items():
        if label is None:
            continue
        for start, end in find_surface(text, surface):
            if (
                (start, end) not in rejected
                and not user_spans.overlaps(start, end)
                and not kept_spans.strictly_contains(start, end)
            ):
                candidates.append((start, end, label))
    chosen = _longest_first(candidates)
    chosen_spans = Intervals((s, e) for s, e, _ in chosen)
    kept = [span for span in kept if not chosen_spans.overlaps(span.start, span.end)]
    return Derived(kept, chosen)


def _longest_first(candidates: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Non-overlapping matches: the longest first, then the leftmost; in text order."""
    chosen: list[tuple[int, int, str]] = []
    starts: list[int] = []
    for start, end, label in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
        at = bisect_left(starts, start)
        if at > 0 and chosen[at - 1][1] > start:
            continue
        if at < len(chosen) and chosen[at][0] < end:
            continue
        chosen.insert(at, (start, end, label))
        starts.insert(at, start)
    return chosen
