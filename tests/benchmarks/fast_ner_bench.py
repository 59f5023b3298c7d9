"""underthesea.ner() against fast_underthesea.ner(), both sentence by sentence.

Run with ``python -m tests.benchmarks.fast_ner_bench``.
"""

from __future__ import annotations

from pathlib import Path

from tests.benchmarks.timing import median_time
from vnreader.core.text import sentence_spans

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def bench_fast_ner(texts: list[str]) -> tuple[float, float]:
    """(KB/s of ``underthesea.ner``, KB/s of ours), each run per sentence, median of 3."""
    from underthesea import ner as plain_ner

    from vnreader.core.entities.fast_underthesea import ner as fast_ner

    sentences = [text[start:end] for text in texts for start, end in sentence_spans(text)]
    kb = sum(len(text.encode("utf-8")) for text in texts) / 1024
    plain_ner("Khởi động.")  # load the models before timing
    fast_ner("Khởi động.")
    plain = median_time(lambda: [plain_ner(s) for s in sentences], 3)
    fast = median_time(lambda: [fast_ner(s) for s in sentences], 3)
    return kb / plain, kb / fast


if __name__ == "__main__":
    texts = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    plain, fast = bench_fast_ner(texts)
    print(
        f"underthesea.ner per sentence {plain:6.1f} KB/s   fast_underthesea.ner {fast:6.1f} KB/s"
        f"   ratio {fast / plain:.1f}x"
    )
