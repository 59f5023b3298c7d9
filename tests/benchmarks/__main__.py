"""``make bench``: the numbers behind the performance budgets of DESIGN.md section 6.

Each figure is printed next to a baseline measured in the same run, as a ratio, because
the machine is shared and timings drift.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.benchmarks.compare_bench import bench_compare  # noqa: E402
from tests.benchmarks.ner_bench import bench_ner_accuracy, bench_ner_speed  # noqa: E402
from tests.benchmarks.scale import bench_scale  # noqa: E402
from tests.benchmarks.timing import median_time  # noqa: E402

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def bench_startup(folder: Path) -> None:
    db, ini = folder / "startup.db", folder / "startup.ini"
    probe = [sys.executable, "-m", "tests.benchmarks.startup_probe", str(db), str(ini)]
    subprocess.run(probe, check=True, capture_output=True)  # seeds the database once
    bare = median_time(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), 5)
    window = median_time(lambda: subprocess.run(probe, check=True, capture_output=True), 5)
    vi = [*probe, "vi"]
    vietnamese = median_time(lambda: subprocess.run(vi, check=True, capture_output=True), 5)
    print(
        f"start to first window (5 samples in DB): {window * 1000:7.0f} ms"
        f"   bare interpreter {bare * 1000:.0f} ms   budget 800 ms"
    )
    print(
        f"start to first window in Vietnamese:      {vietnamese * 1000:7.0f} ms"
        f"   ({vietnamese / window:.2f}x English: reading the catalogues)"
    )


def seed_spans() -> list[tuple[int, int, str, str]]:
    """The entities of the first seed, as the window's benchmarks draw them."""
    from vnreader.core.entities import extract_entities

    text = sorted(SEEDS.glob("*.txt"))[0].read_text(encoding="utf-8")
    return [(s.start, s.end, s.label, s.text) for s in extract_entities(text)]


def bench_open(folder: Path, seed_spans) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from vnreader.core.store import open_store
    from vnreader.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    store = open_store(folder / "open.db")
    seed_text = sorted(SEEDS.glob("*.txt"))[0].read_text(encoding="utf-8").strip()
    small = store.add_document("seed", seed_text).document_id
    store.replace_model_entities(small, seed_spans, "bench")
    copies = 1024 * 1024 // len(seed_text.encode("utf-8")) + 1
    big_text = "\n".join([seed_text] * copies)
    step = len(seed_text) + 1
    big_spans = [
        (s + k * step, e + k * step, lab, t) for k in range(copies) for s, e, lab, t in seed_spans
    ]
    big = store.add_document("big", big_text).document_id
    store.replace_model_entities(big, big_spans, "bench")
    window = MainWindow(
        store,
        QSettings(str(folder / "open.ini"), QSettings.Format.IniFormat),
        "bench",
        find_entities_on_show=False,
    )
    window.resize(1200, 800)
    window.show()

    def open_and_paint(doc_id: int) -> None:
        window.open_document(doc_id)
        window.reader.viewport().repaint()
        app.processEvents()

    def switch(doc_id: int) -> float:
        open_and_paint(small if doc_id == big else big)
        start = time.perf_counter()
        open_and_paint(doc_id)
        return time.perf_counter() - start

    small_t = statistics.median(switch(small) for _ in range(9))
    big_t = statistics.median(switch(big) for _ in range(5))
    size = len(big_text.encode("utf-8")) / 1024 / 1024
    print(
        f"open a {len(seed_text.encode()) // 1024} KB report ({len(seed_spans)} highlights):"
        f" {small_t * 1000:6.1f} ms   budget 30 ms"
    )
    print(
        f"open a {size:.1f} MB report ({len(big_spans)} highlights):"
        f" {big_t * 1000:6.1f} ms   ratio to the small one {big_t / small_t:.0f}x"
        "   budget 300 ms"
    )
    window.close()
    store.close()


def bench_tagging(folder: Path) -> None:
    """Key press to highlight for one passage on a 1 MB report, against a plain repaint."""
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from vnreader.core import themes
    from vnreader.core.store import open_store
    from vnreader.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    store = open_store(folder / "tagging.db")
    seed_text = sorted(SEEDS.glob("*.txt"))[0].read_text(encoding="utf-8").strip()
    big_text = "\n".join([seed_text] * (1024 * 1024 // len(seed_text.encode("utf-8")) + 1))
    doc = store.add_document("big", big_text).document_id
    themes.create_theme(store, "Kinh tế", shortcut=1)
    settings = QSettings(str(folder / "tagging.ini"), QSettings.Format.IniFormat)
    window = MainWindow(store, settings, "bench", find_entities_on_show=False)
    window.resize(1200, 800)
    window.show()
    window.open_document(doc)
    reader = window.reader
    middle = len(big_text) // 2

    def tag(k: int) -> float:
        reader.select_span(middle + 40 * k, middle + 40 * k + 25)
        app.processEvents()
        start = time.perf_counter()
        QTest.keyClick(reader, Qt.Key.Key_1)
        reader.viewport().repaint()
        return time.perf_counter() - start

    def repaint() -> float:
        start = time.perf_counter()
        reader.viewport().repaint()
        return time.perf_counter() - start

    tag_t = statistics.median(tag(k) for k in range(15))
    paint_t = statistics.median(repaint() for _ in range(15))
    print(
        f"tag one passage on a 1 MB report, key press to highlight: {tag_t * 1000:6.1f} ms"
        f"   a bare repaint {paint_t * 1000:.1f} ms   ratio {tag_t / paint_t:.1f}x"
    )
    window.close()
    store.close()


def bench_export(folder: Path) -> None:
    """Export 100k annotations to CSV, against writing the same rows with csv alone."""
    import csv

    from vnreader.core import annotations, csv_export, themes
    from vnreader.core.store import open_store

    store = open_store(folder / "export.db")
    seed_text = sorted(SEEDS.glob("*.txt"))[0].read_text(encoding="utf-8").strip()
    docs = [store.add_document(f"Báo cáo {n}", f"{n}\n{seed_text}").document_id for n in range(100)]
    theme_ids = [themes.create_theme(store, f"Chủ đề {n}").id for n in range(10)]
    rows = [
        (
            doc,
            theme_ids[k % 10],
            k % 3000,
            k % 3000 + 30,
            f"{doc}\n{seed_text}"[k % 3000 : k % 3000 + 30],
        )
        for doc in docs
        for k in range(1000)
    ]
    with store.transaction():
        store.db.conn.executemany(
            'INSERT INTO annotations (document_id, theme_id, start, "end", text, note,'
            " created_at, updated_at) VALUES (?, ?, ?, ?, ?, '', '2026-01-01', '2026-01-01')",
            rows,
        )
    count = annotations.count_annotations(store)
    out = folder / "annotations.csv"
    ours = median_time(lambda: csv_export.export_annotations(store, out), 3)
    materialised = list(annotations.iter_annotation_rows(store))

    def plain() -> None:
        with open(folder / "plain.csv", "w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows(materialised)

    base = median_time(plain, 3)
    print(
        f"export {count:,} annotations to CSV: {ours * 1000:6.0f} ms"
        f"   bare csv.writer on the same rows {base * 1000:.0f} ms   ratio {ours / base:.1f}x"
        "   budget 2000 ms"
    )
    store.close()


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        bench_startup(folder)
        bench_ner_accuracy()
        bench_ner_speed()
        bench_open(folder, seed_spans())
        bench_tagging(folder)
        bench_export(folder)
    bench_compare()
    bench_scale(10_000)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
