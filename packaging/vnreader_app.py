"""Entry point of the packaged (PyInstaller) vnreader: the ``vnreader`` command.

In the packaged app ``sys.executable`` is this program, not a Python interpreter. vnreader
starts its helper processes as ``sys.executable -m vnreader ner-worker`` (entity finding) and
``sys.executable -m vnreader train-ner`` (retraining), so ``-m vnreader`` is accepted and
dropped here; large imports use ``multiprocessing`` with the spawn method, which needs
``freeze_support()``.
"""

from __future__ import annotations

import multiprocessing
import sys


def main() -> int:
    multiprocessing.freeze_support()
    arguments = sys.argv[1:]
    if arguments[:2] == ["-m", "vnreader"]:
        arguments = arguments[2:]
    from vnreader.cli import main as vnreader_main

    return vnreader_main(arguments)


if __name__ == "__main__":
    raise SystemExit(main())
