"""A generated corpus of Vietnamese reports for benchmarks: sentences of the five seeds,
shuffled into new reports of about 5 KB each (10k reports ~ 50 MB of UTF-8).

``python -m tests.benchmarks.corpus FOLDER [--count N]`` (``make corpus``) writes N reports
(default 10,000) as UTF-8 ``.txt`` files, ready for ``vnreader import FOLDER``. The same
count always gives the same files.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
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


def write_corpus(folder: Path, n: int = 10_000) -> Path:
    """Write ``n`` generated reports into ``folder`` (created), one ``.txt`` file each."""
    folder.mkdir(parents=True, exist_ok=True)
    width = len(str(n))
    for number, (_title, text) in enumerate(generate_reports(n), start=1):
        (folder / f"report-{number:0{width}d}.txt").write_text(text, encoding="utf-8")
    return folder


def bench_search(store) -> float:
    """Median time of the search queries over the library in ``store``, in seconds."""
    from vnreader.core.search import search

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
        f"search over {store.document_count():,} reports ({len(SEARCH_QUERIES)} queries,"
        f" {sum(counts)} results): median {median * 1000:5.1f} ms, max {max(times) * 1000:.1f} ms"
        f"   bare FTS5 MATCH of the 50 best {bare * 1000:.1f} ms   ratio {median / bare:.1f}x"
        "   budget 50 ms"
    )
    return median


def _bare_fts(store, raw: str) -> list[int]:
    """The baseline: the FTS5 query alone, ids of the 50 best, no snippets or spans."""
    from vnreader.core.migrations import SEARCH_TABLE
    from vnreader.core.search import parse_query, to_fts

    match = to_fts(parse_query(raw))
    sql = f"SELECT rowid FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH ? ORDER BY rank LIMIT 50"
    return [row[0] for row in store.db.execute(sql, [match])]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.corpus", description=__doc__)
    parser.add_argument("folder", type=Path, help="where to write the .txt files")
    parser.add_argument("--count", type=int, default=10_000, help="number of reports")
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error("--count must be at least 1")
    start = time.perf_counter()
    write_corpus(args.folder, args.count)
    print(f"wrote {args.count:,} reports to {args.folder} in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
