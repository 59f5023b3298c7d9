"""Regression: PySide6 6.12.0 on Python 3.11 aborts ("Fatal Python error: none_dealloc")
after a few thousand calls of methods that return nothing. The dependency pins in
pyproject.toml avoid it; this test fails if an install brings the crash back.

The calls run in a child process so that an abort fails this test instead of killing the
whole test run.
"""

from __future__ import annotations

import os
import subprocess
import sys

CALLS = 20_000

SCRIPT = f"""
from PySide6.QtGui import QGuiApplication, QTextCharFormat, QTextCursor, QTextDocument
app = QGuiApplication([])
document = QTextDocument()
document.setPlainText("Hà Nội " * 1000)
cursor = QTextCursor(document)
fmt = QTextCharFormat()
fmt.setFontUnderline(True)
for i in range({CALLS}):
    cursor.setPosition(i % 6000)
    cursor.setPosition(i % 6000 + 1, QTextCursor.MoveMode.KeepAnchor)
    cursor.mergeCharFormat(fmt)
print("survived", {CALLS})
"""


def test_many_calls_of_methods_returning_none_do_not_crash():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=300
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert f"survived {CALLS}" in result.stdout
