"""Aligning two 50 KB reports (budget 0.5 s), against baselines measured in the same run.

Run with ``python -m tests.benchmarks.compare_bench``.
"""

from __future__ import annotations

import difflib
import random
from pathlib import Path

from tests.benchmarks.timing import median_time
from vnreader.core.compare import align_documents
from vnreader.core.text import sentence_spans, strip_marks

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
TARGET_BYTES = 50 * 1024


def _syllables() -> list[str]:
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    return [w.strip(".,;:()|\"'…") for w in text.split() if any(c.isalpha() for c in w)]


def _sentence(rng: random.Random, pool: list[str]) -> str:
    words = [rng.choice(pool) for _ in range(rng.randint(12, 40))]
    return " ".join(words).capitalize() + "."


def make_report_pair(seed: int = 7, target_bytes: int = TARGET_BYTES) -> tuple[str, str]:
    """A ~50 KB report (seed vocabulary, Zipf-like) and an edited copy of it.

    The copy drops and adds sentences, changes words, strips accents from some sentences
    and reorders paragraphs.
    """
    rng = random.Random(seed)
    pool = _syllables()
    paragraphs: list[list[str]] = []
    size = 0
    while size < target_bytes:
        paragraph = [_sentence(rng, pool) for _ in range(rng.randint(2, 6))]
        size += len(" ".join(paragraph).encode("utf-8")) + 1
        paragraphs.append(paragraph)
    edited: list[list[str]] = []
    for paragraph in paragraphs:
        out = []
        for sentence in paragraph:
            roll = rng.random()
            if roll < 0.05:
                continue
            if roll < 0.10:
                out.append(_sentence(rng, pool))
            if roll < 0.40:
                words = sentence.split()
                for _ in range(2):
                    words[rng.randrange(len(words))] = rng.choice(pool)
                sentence = " ".join(words)
            elif roll < 0.45:
                sentence = strip_marks(sentence)
            out.append(sentence)
        edited.append(out)
    for _ in range(len(edited) // 10):
        a, b = rng.randrange(len(edited)), rng.randrange(len(edited))
        edited[a], edited[b] = edited[b], edited[a]
    join = "\n".join
    return join(" ".join(p) for p in paragraphs), join(" ".join(p) for p in edited)


def bench_compare() -> None:
    """Print the time to align two 50 KB reports, with baselines and their ratios."""
    left, right = make_report_pair()
    kb = len(left.encode("utf-8")) / 1024
    n_left, n_right = len(sentence_spans(left)), len(sentence_spans(right))
    ours = median_time(lambda: align_documents(left, right), 5)
    split = median_time(lambda: (sentence_spans(left), sentence_spans(right)), 5)
    pairs = len(align_documents(left, right).pairs)

    # Naive all-pairs difflib on a sample of 40 x 40 sentences, extrapolated.
    sample_l = [left[s:e] for s, e in sentence_spans(left)[:40]]
    sample_r = [right[s:e] for s, e in sentence_spans(right)[:40]]

    def all_pairs() -> None:
        for a in sample_l:
            matcher = difflib.SequenceMatcher(None, a, autojunk=False)
            for b in sample_r:
                matcher.set_seq2(b)
                matcher.ratio()

    naive = median_time(all_pairs, 1) * (n_left * n_right) / (len(sample_l) * len(sample_r))

    # Worst case: the sample reports repeated, so every sentence occurs many times.
    seeds = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    repeated = "\n".join([seeds] * 2)
    dup = median_time(lambda: align_documents(repeated, repeated), 3)
    print(
        f"align two {kb:.0f} KB reports ({n_left} x {n_right} sentences, {pairs} pairs):"
        f" {ours * 1000:6.1f} ms   sentence_spans on both {split * 1000:.1f} ms"
        f" (ratio {ours / split:.0f}x)   naive all-pairs difflib ~{naive:.1f} s"
        f" (ratio {naive / ours:.0f}x faster)   budget 500 ms"
    )
    print(
        f"align two {len(repeated.encode()) / 1024:.0f} KB texts of repeated sample reports:"
        f" {dup * 1000:6.1f} ms"
    )


if __name__ == "__main__":
    bench_compare()
