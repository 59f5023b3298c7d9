"""Vietnamese word spans, for double-click selection and snapping a selection to words.

Qt's word boundaries are per syllable, but Vietnamese words and names span several
("Bộ trưởng", "Bùi Thanh Sơn"). underthesea's word tokeniser finds them; its tokens are
aligned back to the stored text so that spans are code points of that text. Only the
sentence around an offset is tokenised, so the cost does not depend on document length.
"""

from __future__ import annotations

from functools import lru_cache

from vnreader.core.entities.align import align_tokens
from vnreader.core.text import sentence_spans


@lru_cache(maxsize=256)
def _sentence_words(sentence: str) -> tuple[tuple[int, int], ...]:
    from underthesea import word_tokenize  # deferred: importing costs ~0.4 s

    tokens = word_tokenize(sentence)
    spans = align_tokens(sentence, tokens)
    return tuple(span for span in spans if span is not None)


def _sentence_around(text: str, offset: int) -> tuple[int, int] | None:
    line_start = text.rfind("\n", 0, offset) + 1
    line_end = text.find("\n", offset)
    line_end = len(text) if line_end < 0 else line_end
    for start, end in sentence_spans(text[line_start:line_end]):
        if start <= offset - line_start < end or (offset - line_start == end and end > start):
            return line_start + start, line_start + end
    return None


def word_spans(text: str, offset: int) -> list[tuple[int, int]]:
    """The word spans of the sentence holding ``offset`` (empty between sentences)."""
    sentence = _sentence_around(text, offset)
    if sentence is None:
        return []
    start, end = sentence
    return [(start + s, start + e) for s, e in _sentence_words(text[start:end])]


def word_at(text: str, offset: int) -> tuple[int, int] | None:
    """The span of the word covering ``offset`` (a word ending at ``offset`` counts if no
    word starts there), or None on whitespace and outside sentences."""
    before = None
    for start, end in word_spans(text, offset):
        if start <= offset < end:
            return start, end
        if end == offset:
            before = (start, end)
    return before


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Grow ``[start, end)`` so that it does not cut a word in two; trim outer spaces."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return start, end
    first = word_at(text, start)
    if first is not None and first[0] < start < first[1]:
        start = first[0]
    last = word_at(text, end - 1)
    if last is not None and last[0] < end < last[1]:
        end = last[1]
    return start, end
