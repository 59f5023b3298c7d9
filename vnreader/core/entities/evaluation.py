"""Scoring predicted entities against gold: strict and partial precision, recall and F1.

*Strict*: a prediction is right when a gold entity has exactly its span and label.
*Partial*: when it overlaps a gold entity of the same label; each gold entity can make
only one prediction right. MISC is never scored (it is dropped from gold and predictions).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from vnreader.core.entities.gold import GoldSentence

__all__ = ["Counts", "Scores", "score", "format_scores"]

SCORED = ("PER", "ORG", "LOC")
Span = tuple[int, int, str]


@dataclass
class Counts:
    gold: int = 0
    predicted: int = 0
    strict: int = 0
    partial: int = 0

    def precision(self, partial: bool = False) -> float:
        right = self.partial if partial else self.strict
        return right / self.predicted if self.predicted else 0.0

    def recall(self, partial: bool = False) -> float:
        right = self.partial if partial else self.strict
        return right / self.gold if self.gold else 0.0

    def f1(self, partial: bool = False) -> float:
        p, r = self.precision(partial), self.recall(partial)
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Scores:
    by_label: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in SCORED})
    sentences: int = 0

    @property
    def overall(self) -> Counts:
        total = Counts()
        for counts in self.by_label.values():
            total.gold += counts.gold
            total.predicted += counts.predicted
            total.strict += counts.strict
            total.partial += counts.partial
        return total

    def add(self, gold: Iterable[Span], predicted: Iterable[Span]) -> None:
        gold = [g for g in gold if g[2] in SCORED]
        predicted = [p for p in predicted if p[2] in SCORED]
        self.sentences += 1
        exact = set(gold)
        unused = list(gold)
        for span in predicted:
            counts = self.by_label[span[2]]
            counts.predicted += 1
            if span in exact:
                counts.strict += 1
            for k, other in enumerate(unused):
                if other[2] == span[2] and other[0] < span[1] and span[0] < other[1]:
                    counts.partial += 1
                    del unused[k]
                    break
        for span in gold:
            self.by_label[span[2]].gold += 1


def predictor(engine: str | None = None, model: Path | None = None) -> Callable[[str], list[Span]]:
    """The spans one engine (default: ours) with one model finds in a text, for :func:`score`."""
    from vnreader.core.entities.pipeline import DEFAULT_ENGINE, extract_entities

    def predict(text: str) -> list[Span]:
        found = extract_entities(text, engine=engine or DEFAULT_ENGINE, model=model)
        return [(e.start, e.end, e.label) for e in found]

    return predict


def score(sentences: Sequence[GoldSentence], predict: Callable[[str], Iterable[Span]]) -> Scores:
    """Run ``predict(text)`` on each gold sentence and count the matches."""
    scores = Scores()
    for sentence in sentences:
        scores.add(sentence.entities, predict(sentence.text))
    return scores


def format_scores(scores: Scores, title: str = "") -> str:
    """A table of per-label and overall strict and partial P/R/F1."""
    lines = [title] if title else []
    lines.append(
        f"{'':8}{'gold':>6}{'pred':>6}   {'strict P':>8}{'R':>7}{'F1':>7}"
        f"   {'partial P':>9}{'R':>7}{'F1':>7}"
    )
    rows = [*scores.by_label.items(), ("overall", scores.overall)]
    for name, c in rows:
        lines.append(
            f"{name:8}{c.gold:6d}{c.predicted:6d}   {c.precision():8.3f}{c.recall():7.3f}"
            f"{c.f1():7.3f}   {c.precision(True):9.3f}{c.recall(True):7.3f}{c.f1(True):7.3f}"
        )
    return "\n".join(lines)
