"""Shared passages of two reports: sentence alignment on accent-folded Vietnamese text.

Each sentence (from :func:`vnreader.core.text.sentence_spans`) becomes a set of folded
syllable unigrams and bigrams, weighted by IDF over the sentences of both documents (so
"của", "và", "các" count for little). Two sentences score the weighted Dice overlap of
their sets, in [0, 1]. Candidates come from an inverted index on each sentence's rarest
shared features, not from all pairs; pairs are chosen greedily one to one by descending
score, which copes with reordered paragraphs. A sentence split in two on the other side
pairs with the two merged (one span covering both). Spans are code points of the texts.
"""

from __future__ import annotations

import heapq
import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property

from vnreader.core.text import fold_same_length, sentence_spans

Span = tuple[int, int]

_WORD = re.compile(r"\w+")
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
MIN_SYLLABLES = 3  # shorter sentences pair only with an identical (folded) sentence
RARE_FEATURES = 8  # candidate postings looked up per sentence
MAX_POSTINGS = 40  # a longer posting list contributes only its entries nearest the diagonal
MERGE_GAIN = 0.05  # merging a neighbour into a pair must raise its score at least this much
STOPWORD_WEIGHT = 0.4
# Frequent function words (folded); IDF alone is unreliable on two short documents.
_STOPWORD_TEXT = (
    "cua va cac da voi la co trong duoc cho nhung ve tai nay mot de khong thi o den tu nhu"
    " cung theo se dang ra vao khi nhat con nen ma hay hoac boi vi tren duoi sau truoc"
)
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())


@dataclass(frozen=True)
class SentencePair:
    """A sentence of the left text and its counterpart in the right text."""

    left: Span
    right: Span
    score: float


@dataclass(frozen=True)
class Alignment:
    """Shared sentences of two texts, and those found on one side only.

    ``left_length``/``right_length`` are the lengths of the aligned texts (for
    :func:`sync_position`).
    """

    pairs: tuple[SentencePair, ...]
    left_only: tuple[Span, ...]
    right_only: tuple[Span, ...]
    left_length: int = 0
    right_length: int = 0

    def swapped(self) -> Alignment:
        """The same alignment seen from the other side (right becomes left)."""
        return Alignment(
            tuple(SentencePair(p.right, p.left, p.score) for p in self.pairs),
            self.right_only,
            self.left_only,
            self.right_length,
            self.left_length,
        )

    @cached_property
    def _by_side(self) -> tuple[list[SentencePair], list[SentencePair]]:
        return sorted(self.pairs, key=lambda p: p.left), sorted(self.pairs, key=lambda p: p.right)

    def counterpart_of_left(self, offset: int) -> SentencePair | None:
        """The pair whose left sentence contains ``offset`` (its end included)."""
        ordered = self._by_side[0]
        k = bisect_right(ordered, offset, key=lambda p: p.left[0]) - 1
        return ordered[k] if k >= 0 and offset <= ordered[k].left[1] else None

    def counterpart_of_right(self, offset: int) -> SentencePair | None:
        """The pair whose right sentence contains ``offset`` (its end included)."""
        ordered = self._by_side[1]
        k = bisect_right(ordered, offset, key=lambda p: p.right[0]) - 1
        return ordered[k] if k >= 0 and offset <= ordered[k].right[1] else None

    @cached_property
    def _anchors(self) -> tuple[list[int], list[int]]:
        """Monotone (left, right) offsets: the longest chain of pairs in the same order."""
        chain = _longest_chain(sorted(self.pairs, key=lambda p: p.left))
        xs, ys = [0], [0]
        for pair in chain:
            xs += [pair.left[0], pair.left[1]]
            ys += [pair.right[0], pair.right[1]]
        xs.append(max(self.left_length, xs[-1]))
        ys.append(max(self.right_length, ys[-1]))
        return xs, ys


def sync_position(alignment: Alignment, left_offset: int) -> int:
    """The right-text offset that matches ``left_offset``, for synchronised scrolling.

    Interpolated linearly between the aligned pairs that keep their order on both sides
    (so the result never goes back as ``left_offset`` grows), within ``[0, right_length]``.
    """
    xs, ys = alignment._anchors
    x = min(max(left_offset, 0), xs[-1])
    k = bisect_right(xs, x) - 1
    if k >= len(xs) - 1:
        return ys[-1]
    x0, x1, y0, y1 = xs[k], xs[k + 1], ys[k], ys[k + 1]
    return y0 + round((x - x0) * (y1 - y0) / (x1 - x0))


def _longest_chain(pairs: list[SentencePair]) -> list[SentencePair]:
    """Longest subsequence of ``pairs`` (sorted by left) whose right spans also increase."""
    tails: list[int] = []  # right start of the last pair of the best chain of each length
    tail_index: list[int] = []
    previous: list[int] = []
    for n, pair in enumerate(pairs):
        k = bisect_left(tails, pair.right[0])
        if k == len(tails):
            tails.append(pair.right[0])
            tail_index.append(n)
        else:
            tails[k], tail_index[k] = pair.right[0], n
        previous.append(tail_index[k - 1] if k else -1)
    chain: list[SentencePair] = []
    n = tail_index[-1] if tail_index else -1
    while n >= 0:
        chain.append(pairs[n])
        n = previous[n]
    return chain[::-1]


# --- sentences as weighted feature sets -------------------------------------------------


class _Side:
    """The sentences of one text: spans, feature sets, exact keys and postings."""

    def __init__(self, text: str, vocabulary: dict[str, int]) -> None:
        folded = fold_same_length(text)
        self.text = text
        self.spans: list[Span] = []
        self.features: list[frozenset[int]] = []
        self.keys: list[str] = []
        self.units: list[bool] = []  # long enough to be matched by similarity
        for start, end in sentence_spans(text):
            words = _WORD.findall(folded, start, end)
            if not words:
                continue  # punctuation or symbols only
            grams = words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]
            ids = frozenset(vocabulary.setdefault(g, len(vocabulary)) for g in grams)
            self.spans.append((start, end))
            self.features.append(ids)
            self.keys.append(" ".join(words))
            self.units.append(len(words) >= MIN_SYLLABLES)

    def spans_of(self, rng: Span) -> Span:
        """The text span of sentences ``rng[0]`` to ``rng[1]`` inclusive."""
        return self.spans[rng[0]][0], self.spans[rng[1]][1]

    def postings(self) -> dict[int, list[int]]:
        index: dict[int, list[int]] = {}
        for n, feats in enumerate(self.features):
            if self.units[n]:
                for f in feats:
                    index.setdefault(f, []).append(n)
        return index


def _weights(vocabulary: dict[str, int], sides: tuple[_Side, _Side]) -> list[float]:
    """IDF of every feature over the sentences of both texts, function words damped."""
    df = [0] * len(vocabulary)
    for side in sides:
        for feats in side.features:
            for f in feats:
                df[f] += 1
    total = sum(len(side.features) for side in sides)
    weights = [math.log(1.0 + total / max(d, 1)) for d in df]
    for gram, f in vocabulary.items():
        if all(w in _STOPWORDS for w in gram.split(" ")):
            weights[f] *= STOPWORD_WEIGHT
    return weights


def _candidates(left: _Side, right: _Side) -> set[tuple[int, int]]:
    """Pairs sharing one of either sentence's rarest shared features, or an exact key."""
    found: set[tuple[int, int]] = set()
    for this, other, flip in ((left, right, False), (right, left, True)):
        index = other.postings()
        ratio = len(other.spans) / max(len(this.spans), 1)
        for n, feats in enumerate(this.features):
            if not this.units[n]:
                continue
            shared = [f for f in feats if f in index]
            rare = heapq.nsmallest(RARE_FEATURES, shared, key=lambda f: len(index[f]))
            for f in rare:
                for m in _nearest(index[f], n * ratio):
                    found.add((m, n) if flip else (n, m))
    keys: dict[str, list[int]] = {}
    for m, key in enumerate(right.keys):
        keys.setdefault(key, []).append(m)
    for n, key in enumerate(left.keys):
        for m in _nearest(keys.get(key, []), n * len(right.spans) / max(len(left.spans), 1)):
            found.add((n, m))
    return found


def _nearest(posting: list[int], centre: float) -> list[int]:
    """A posting list, or its MAX_POSTINGS entries nearest ``centre`` when it is long."""
    if len(posting) <= MAX_POSTINGS:
        return posting
    k = bisect_left(posting, centre)
    lo = min(max(k - MAX_POSTINGS // 2, 0), len(posting) - MAX_POSTINGS)
    return posting[lo : lo + MAX_POSTINGS]


class _Scorer:
    """Weighted Dice overlap of feature sets."""

    def __init__(self, weights: list[float]) -> None:
        self.weight = weights.__getitem__

    def mass(self, feats: frozenset[int]) -> float:
        return sum(map(self.weight, feats))

    def score(self, a: frozenset[int], b: frozenset[int], mass_a: float, mass_b: float) -> float:
        if a == b:
            return 1.0
        shared = sum(map(self.weight, a & b))
        return min(1.0, 2.0 * shared / (mass_a + mass_b)) if mass_a + mass_b else 0.0


# --- alignment --------------------------------------------------------------------------


def align_documents(left: str, right: str, *, threshold: float = 0.5) -> Alignment:
    """Pair the sentences that ``left`` and ``right`` share or paraphrase."""
    vocabulary: dict[str, int] = {}
    sides = (_Side(left, vocabulary), _Side(right, vocabulary))
    lside, rside = sides
    scorer = _Scorer(_weights(vocabulary, sides))
    lmass = [scorer.mass(f) for f in lside.features]
    rmass = [scorer.mass(f) for f in rside.features]
    nl, nr = max(len(lside.spans), 1), max(len(rside.spans), 1)
    scored = []
    for i, j in _candidates(lside, rside):
        s = scorer.score(lside.features[i], rside.features[j], lmass[i], rmass[j])
        if s >= threshold:
            scored.append((-s, abs(i / nl - j / nr), i, j))
    scored.sort()
    matches: list[_Match] = []
    used: tuple[set[int], set[int]] = (set(), set())
    for neg, _drift, i, j in scored:
        if i not in used[0] and j not in used[1]:
            matches.append([(i, i), (j, j), -neg])
            used[0].add(i)
            used[1].add(j)
    _merge_neighbours(sides, scorer, sorted(matches), used)
    pairs = []
    for (li, lj), (ri, rj), score in sorted(matches):
        span_l = (lside.spans[li][0], lside.spans[lj][1])
        span_r = (rside.spans[ri][0], rside.spans[rj][1])
        pairs.append(SentencePair(span_l, span_r, round(score, 4)))
    return Alignment(
        pairs=tuple(pairs),
        left_only=tuple(s for n, s in enumerate(lside.spans) if n not in used[0]),
        right_only=tuple(s for n, s in enumerate(rside.spans) if n not in used[1]),
        left_length=len(left),
        right_length=len(right),
    )


_Match = list  # [left index range, right index range (both inclusive), score]


def _merge_neighbours(
    sides: tuple[_Side, _Side],
    scorer: _Scorer,
    matches: list[_Match],
    used: tuple[set[int], set[int]],
) -> None:
    """Extend matches by an unpaired neighbour sentence when that raises the score enough.

    Sentences across a blank line are never merged. ``matches`` and ``used`` change in place.
    """
    for match in matches:
        for side in (0, 1):
            this = sides[side]
            for step in (-1, 1):
                lo, hi = match[side]
                n = lo - 1 if step < 0 else hi + 1
                trial = list(match)
                trial[side] = (min(n, lo), max(n, hi))
                if not 0 <= n < len(this.spans) or n in used[side]:
                    continue
                if _BLANK_LINE.search(this.text, *this.spans_of(trial[side])):
                    continue
                a = _union(sides[0].features, trial[0])
                b = _union(sides[1].features, trial[1])
                s = scorer.score(a, b, scorer.mass(a), scorer.mass(b))
                if s >= match[2] + MERGE_GAIN:
                    match[side], match[2] = trial[side], s
                    used[side].add(n)


def _union(features: list[frozenset[int]], rng: Span) -> frozenset[int]:
    return frozenset().union(*features[rng[0] : rng[1] + 1])
