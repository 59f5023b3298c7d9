"""A generated corpus of Vietnamese reports for benchmarks: sentences of the five seeds,
shuffled into new reports of about 5 KB each (10k reports ~ 50 MB of UTF-8).

``python -m tests.benchmarks.corpus [N]`` imports N reports (default 10,000) into a
temporary database and prints the median corpus search time over 20 queries.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

SEARCH_QUERIES = (
    "Da Nang",
    "bo ngoai giao",
    "hòa bình",
    '"Hoa Ky"',
    "Việt Nam",
    "thuong mai",
    "Blinken",
    "an ninh quoc phong",
    "hop tac*",
    "Hà-Nội",
    "bien dong",
    "kinh te",
    "Bộ trưởng",
    '"doi tac chien luoc toan dien"',
    "Biden",
    "ngoai truong",
    "phát triển",
    "dan chu",
    "quan he",
    "đầu tư",
)


def seed_sentences() -> list[str]:
    """Every sentence of the seed reports, in order."""
    from vnreader.core.text import normalize_text, sentence_spans

    sentences = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = normalize_text(path.read_text(encoding="utf-8"))
        sentences.extend(text[start:end] for start, end in sentence_spans(text))
    return sentences


def generate_reports(n: int, seed: int = 0) -> Iterator[tuple[str, str]]:
    """``n`` distinct ``(title, text)`` reports; the same ``seed`` gives the same reports."""
    rng = random.Random(seed)
    sentences = seed_sentences()
    for number in range(1, n + 1):
        target = rng.randint(3000, 7000)
        paragraphs: list[str] = []
        size = 0
        while size < target:
            paragraph = " ".join(rng.choices(sentences, k=rng.randint(2, 6)))
            paragraphs.append(paragraph)
            size += len(paragraph.encode("utf-8")) + 1
        headline = paragraphs[0].split(". ")[0][:80].rstrip(" ,.;:")
        title = f"Báo cáo {number}: {headline}"
        yield title, title + "\n\n" + "\n".join(paragraphs)


def bench_search(n: int = 10_000) -> float:
    """Import ``n`` generated reports and return the median search time in seconds."""
    from vnreader.core.search import search
    from vnreader.core.store import open_store

    with tempfile.TemporaryDirectory() as folder, open_store(Path(folder) / "b.db") as store:
        start = time.perf_counter()
        with store.transaction():
            for title, text in generate_reports(n):
                store.add_document(title, text)
        imported = time.perf_counter() - start
        times, bare_times, counts = [], [], []
        for query in SEARCH_QUERIES:
            start = time.perf_counter()
            counts.append(len(search(store, query)))
            times.append(time.perf_counter() - start)
            start = time.perf_counter()
            _bare_fts(store, query)
            bare_times.append(time.perf_counter() - start)
        median, bare = statistics.median(times), statistics.median(bare_times)
        print(
            f"search over {n:,} reports ({len(SEARCH_QUERIES)} queries, {sum(counts)} results):"
            f" median {median * 1000:5.1f} ms, max {max(times) * 1000:.1f} ms"
            f"   bare FTS5 MATCH of the 50 best {bare * 1000:.1f} ms   ratio {median / bare:.1f}x"
            f"   budget 50 ms   (import {imported:.1f} s)"
        )
        return median


def _bare_fts(store, raw: str) -> list[int]:
    """The baseline: the FTS5 query alone, ids of the 50 best, no snippets or spans."""
    from vnreader.core.migrations import SEARCH_TABLE
    from vnreader.core.search import parse_query, to_fts

    match = to_fts(parse_query(raw))
    sql = f"SELECT rowid FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH ? ORDER BY rank LIMIT 50"
    return [row[0] for row in store.db.execute(sql, [match])]


if __name__ == "__main__":
    bench_search(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
