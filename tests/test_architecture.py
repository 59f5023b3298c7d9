"""The architecture rule: nothing under vnreader.core imports Qt, and only the core runs SQL."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "vnreader"

CHECK = """
import importlib, pkgutil, sys
import vnreader.core
for module in pkgutil.walk_packages(vnreader.core.__path__, "vnreader.core."):
    importlib.import_module(module.name)
import vnreader.cli
qt = sorted(name for name in sys.modules if name.startswith(("PySide6", "shiboken6")))
heavy = sorted(name for name in sys.modules if name.startswith("underthesea"))
print(len(list(pkgutil.walk_packages(vnreader.core.__path__, "vnreader.core."))))
assert not qt, qt
assert not heavy, heavy
"""


def test_core_and_cli_import_neither_qt_nor_underthesea():
    result = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip()) >= 10  # every core module was really imported


def test_only_the_core_runs_sql():
    sql = re.compile(r"\.execute(many|script)?\(|\bSELECT\b.+\bFROM\b|\bINSERT INTO\b")
    outside = [p for p in PACKAGE.rglob("*.py") if "core" not in p.relative_to(PACKAGE).parts]
    assert len(outside) > 20  # the UI and the CLI were scanned
    offenders = [str(p.relative_to(PACKAGE)) for p in outside if sql.search(p.read_text("utf-8"))]
    assert offenders == []
