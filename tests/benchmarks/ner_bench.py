"""Entity benchmarks: held-out accuracy per engine, and throughput against ``ner()``.

Run alone with ``python -m tests.benchmarks.ner_bench``; ``make bench`` runs it too.
"""

from __future__ import annotations

from pathlib import Path

from tests.benchmarks.fast_ner_bench import bench_fast_ner
from tests.benchmarks.timing import median_time
from vnreader.core.entities import extract_entities
from vnreader.core.entities.evaluation import Scores
from vnreader.core.entities.gazetteer import load_gazetteer
from vnreader.core.entities.gold import read_gold
from vnreader.core.entities.tokens import tokenize
from vnreader.core.entities.training import heldout_path, shipped_training_path

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


Found = list[list[tuple[int, int, str]]]


def _predictions(engine: str, sentences) -> Found:
    """What ``engine`` finds in each sentence (run once, scored two ways below)."""
    return [
        [(e.start, e.end, e.label) for e in extract_entities(s.text, engine=engine)]
        for s in sentences
    ]


def bench_ner_accuracy() -> None:
    """Strict and partial F1 per label on the held-out sentences, ner() beside ours."""
    heldout = read_gold(heldout_path())
    engines = ("underthesea", "crf", "vnreader")
    found = {engine: _predictions(engine, heldout) for engine in engines}
    results = {engine: Scores() for engine in engines}
    for engine in engines:
        for sentence, spans in zip(heldout, found[engine], strict=True):
            results[engine].add(sentence.entities, spans)
    print(f"entities on {len(heldout)} held-out sentences, F1 strict / partial:")
    print(f"  {'':8}" + "".join(f"{engine:>22}" for engine in engines))
    for label in ("PER", "ORG", "LOC", "overall"):
        cells = []
        for engine in engines:
            counts = (
                results[engine].overall if label == "overall" else results[engine].by_label[label]
            )
            cells.append(f"{counts.f1():.3f} / {counts.f1(partial=True):.3f}")
        print(f"  {label:8}" + "".join(f"{cell:>22}" for cell in cells))
    print("  target: strict F1 >= 0.90 overall")
    for engine in ("underthesea", "vnreader"):
        (known, known_right), (novel, novel_right) = _recall_by_novelty(heldout, found[engine])
        print(
            f"  {engine}: strict recall {known_right / known:.3f} on {known} names seen in"
            f" training or gazetteers, {novel_right / novel:.3f} on {novel} unseen names"
        )


def _recall_by_novelty(heldout, found: Found) -> tuple[tuple[int, int], tuple[int, int]]:
    """(gold, found) for held-out names seen in the training data or a gazetteer, and for
    the others: most held-out names are known ones, so the unseen say more about new text."""
    gazetteer = load_gazetteer()
    seen_in_training = {
        s.text[a:b] for s in read_gold(shipped_training_path()) for a, b, _ in s.entities
    }
    counts = {True: [0, 0], False: [0, 0]}
    for sentence, spans in zip(heldout, found, strict=True):
        for start, end, label in sentence.entities:
            if label == "MISC":
                continue
            surface = sentence.text[start:end]
            words = [token.text for token in tokenize(surface)]
            known = surface in seen_in_training or gazetteer.label_of_words(words) is not None
            counts[known][0] += 1
            counts[known][1] += (start, end, label) in spans
    return tuple(counts[True]), tuple(counts[False])


def bench_ner_speed() -> None:
    """KB/s of text through our pipeline, ner() per sentence, and our faster ner()."""
    texts = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    kb = sum(len(text.encode("utf-8")) for text in texts) / 1024
    extract_entities("Khởi động.")  # load the model before timing
    ours = kb / median_time(lambda: [extract_entities(text) for text in texts], 3)
    plain, fast = bench_fast_ner(texts)
    print(
        f"entity pipeline (ours): {ours:7.1f} KB/s   ner() per sentence {plain:.1f} KB/s"
        f"   ratio {ours / plain:.1f}x   budget 60 KB/s"
    )
    print(
        f"underthesea ner() with features built once: {fast:7.1f} KB/s"
        f"   ratio to ner() {fast / plain:.1f}x (identical output)"
    )


if __name__ == "__main__":
    bench_ner_accuracy()
    bench_ner_speed()
