"""A demo library for screenshots: the samples, a small codebook and overlapping passages.

python -m tests.demo_corpus OUT.png     # builds a temporary database and screenshots it
"""

from __future__ import annotations

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


def main(out: str) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.db"
        with open_store(db) as store:
            build(store)
        command = [sys.executable, "-m", "vnreader", "--db", str(db), "--screenshot", out]
        return subprocess.run(command).returncode


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
