"""A demo library for screenshots: the samples, a small codebook and overlapping passages.

python -m tests.demo_corpus OUT.png                     # the window as it opens
python -m tests.demo_corpus --side-by-side OUT.png      # the two versions of sample 004
python -m tests.demo_corpus --reports OUT.png           # the report view, a cell clicked

--language en|vi and --appearance light|dark choose the interface (default: English, light).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from vnreader.core import annotations as ann
from vnreader.core import themes as th
from vnreader.core.seeds import ensure_seeded
from vnreader.core.store import Store, open_store

CODEBOOK = [
    ("Quan hệ song phương", None, 1, "Quan hệ giữa hai nước"),
    ("Kinh tế - thương mại", None, 2, "Đầu tư, thương mại, chuỗi cung ứng"),
    ("Đầu tư", "Kinh tế - thương mại", 3, ""),
    ("An ninh - quốc phòng", None, 4, ""),
    ("Y tế - Covid-19", None, 5, ""),
]
# (phrase to find in the first sample, theme, note)
PASSAGES = [
    ("Tại các cuộc gặp", "Quan hệ song phương", ""),
    ("thúc đẩy quan hệ Việt Nam-Hoa Kỳ", "Quan hệ song phương", "Cách gọi quan hệ"),
    ("hợp tác trong nhiều lĩnh vực như kinh tế - thương mại", "Kinh tế - thương mại", ""),
    ("kinh tế - thương mại, phòng chống dịch Covid-19", "Y tế - Covid-19", "Chồng lên kinh tế"),
    ("nhà đầu tư hàng đầu tại Việt Nam", "Đầu tư", "Đề nghị của Việt Nam"),
]


def build(store: Store) -> int:
    ensure_seeded(store)
    for name, parent, key, description in CODEBOOK:
        parent_id = th.find_theme(store, parent).id if parent else None
        th.create_theme(store, name, parent_id=parent_id, shortcut=key, description=description)
    document = store.get_document(store.list_documents()[0].id)
    for phrase, theme, note in PASSAGES:
        start = document.text.find(phrase)
        if start >= 0:
            theme_id = th.find_theme(store, theme).id
            ann.add_annotation(store, document.id, theme_id, start, start + len(phrase), note)
    return document.id


def add_two_versions(store: Store) -> tuple[int, int]:
    """Sample 004 holds two versions of one report: store each half as its own document."""
    sample = next(d for d in store.list_documents() if d.title.startswith("Đối thoại Việt"))
    text = store.get_document(sample.id).text
    cut = text.index("\nQuang cảnh cuộc Đối thoại")
    first = store.add_document("Đối thoại Việt - Mỹ (bản tin thứ nhất)", text[:cut])
    second = store.add_document("Đối thoại Việt - Mỹ (bản tin thứ hai)", text[cut + 1 :])
    return first.document_id, second.document_id


def _application(language: str, appearance: str):
    from PySide6.QtWidgets import QApplication

    from vnreader.ui.style import apply_style
    from vnreader.ui.translation import install_language

    app = QApplication.instance() or QApplication([])
    install_language(language)
    apply_style(app, appearance)
    return app


def side_by_side(db: Path, out: Path, language: str = "en", appearance: str = "light") -> int:
    """Screenshot the two versions of sample 004 side by side, a shared pair selected."""
    from PySide6.QtCore import QSettings

    from vnreader.core.entities import extract_entities, pipeline_version
    from vnreader.ui.main_window import MainWindow

    app = _application(language, appearance)
    version = pipeline_version()
    with open_store(db) as store:
        left, right = add_two_versions(store)
        for doc_id in (left, right):
            spans = extract_entities(store.get_document(doc_id).text)
            rows = [(s.start, s.end, s.label, s.text) for s in spans]
            store.replace_model_entities(doc_id, rows, version)
        settings = QSettings(str(db.with_suffix(".ini")), QSettings.Format.IniFormat)
        window = MainWindow(store, settings, version, find_entities_on_show=False)
        window.resize(1500, 860)
        window.show()
        window.open_document(left)
        window.open_side_by_side(right)
        while window.compare.alignment is None:
            app.processEvents()
        window.shared_panel.view.selectRow(1)
        window.shared_panel.view.clicked.emit(window.shared_panel.model.index(1, 0))
        for _ in range(5):
            app.processEvents()
        saved = window.grab().save(str(out))
        window.close()
    print(out)
    return 0 if saved else 1


THEMED_WORDS = {  # more passages across the samples, so the report view has something to show
    "Quan hệ song phương": ("quan hệ", "Đối thoại"),
    "Kinh tế - thương mại": ("kinh tế", "thương mại"),
    "Đầu tư": ("đầu tư", "doanh nghiệp"),
    "An ninh - quốc phòng": ("an ninh", "quốc phòng", "Biển Đông"),
    "Y tế - Covid-19": ("Covid", "dịch bệnh", "vắc-xin"),
}


def tag_sentences(store: Store) -> None:
    """Tag every sentence of the samples that holds one of a theme's words with that theme."""
    for summary in store.list_documents():
        text = store.get_document(summary.id).text
        for sentence in re.finditer(r"[^.\n]+", text):
            for theme, words in THEMED_WORDS.items():
                if any(word.lower() in sentence.group().lower() for word in words):
                    theme_id = th.find_theme(store, theme).id
                    start, end = sentence.span()
                    ann.add_annotation(store, summary.id, theme_id, start, end, "")


def reports(db: Path, out: Path, language: str = "en", appearance: str = "light") -> int:
    """Screenshot the report view on the samples with every sample's entities found, its
    themes × reports table showing and the passages of one cell listed."""
    from PySide6.QtCore import QSettings

    from vnreader.core.entities import extract_entities, pipeline_version
    from vnreader.ui.main_window import MainWindow
    from vnreader.ui.report_view import open_report_view

    app = _application(language, appearance)
    version = pipeline_version()
    with open_store(db) as store:
        tag_sentences(store)
        for summary in store.list_documents():
            spans = extract_entities(store.get_document(summary.id).text)
            rows = [(s.start, s.end, s.label, s.text) for s in spans]
            store.replace_model_entities(summary.id, rows, version)
        settings = QSettings(str(db.with_suffix(".ini")), QSettings.Format.IniFormat)
        window = MainWindow(store, settings, version, find_entities_on_show=False)
        view = open_report_view(window)
        view.resize(1200, 760)
        for _ in range(5):
            app.processEvents()
        table = view.matrix_view
        cells = [table.model().index(row, 1) for row in range(table.model().rowCount())]
        busiest = max(cells, key=lambda index: int(index.data() or 0))
        table.setCurrentIndex(busiest)
        table.clicked.emit(busiest)
        for _ in range(20):
            app.processEvents()
        saved = view.grab().save(str(out))
        view.close()
        window.close()
    print(out)
    return 0 if saved else 1


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--side-by-side", action="store_true")
    parser.add_argument("--reports", action="store_true")
    parser.add_argument("--language", choices=("en", "vi"), default="en")
    parser.add_argument("--appearance", choices=("light", "dark"), default="light")
    args = parser.parse_args(argv)
    look = {"language": args.language, "appearance": args.appearance}
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.db"
        with open_store(db) as store:
            build(store)
        if args.side_by_side:
            return side_by_side(db, args.out, **look)
        if args.reports:
            return reports(db, args.out, **look)
        command = [sys.executable, "-m", "vnreader", "--db", str(db), "--screenshot", str(args.out)]
        command += [f"--language={args.language}", f"--appearance={args.appearance}"]
        return subprocess.run(command).returncode


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
