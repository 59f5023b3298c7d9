"""Smoke check of the packaged app in dist/vnreader (run by `make package` after the build).

Runs the built binary the way a user's first and second start would, headless, and checks:

* the Qt platform plugins (offscreen, xcb) and the sample reports are in the bundle;
* ``vnreader --db DB --screenshot shot.png`` exits 0 and writes a PNG of the window's size
  that is not blank, on a new database (imports the samples) and again on the same one;
* ``vnreader --db DB list`` shows the five sample reports;
* ``vnreader entities SEED`` finds entities (the NER model, gazetteers and underthesea's files
  are bundled) and the ``-m vnreader`` form the app uses for its helper processes works.

Prints the start time (launch to screenshot written and process exited). Exits non-zero on
the first failure. Needs PySide6 (the build venv has it) to read the PNG.

    python packaging/smoke_check.py [dist/vnreader]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SCREENSHOT_SIZE = (1360, 820)  # vnreader.ui.app.SCREENSHOT_SIZE
SAMPLES = 5


class SmokeCheckFailed(Exception):
    pass


def run(binary: Path, *arguments: str, timeout: float = 120) -> tuple[float, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("VNREADER_DB", None)
    started = time.perf_counter()
    done = subprocess.run(
        [str(binary), *arguments], env=env, capture_output=True, text=True, timeout=timeout
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SmokeCheckFailed(
            f"`vnreader {' '.join(arguments)}` exited {done.returncode}:\n{done.stderr[-2000:]}"
        )
    return elapsed, done.stdout


def check_png(path: Path) -> None:
    """A real PNG of the window's size with enough different colours to hold a window."""
    if not path.is_file():
        raise SmokeCheckFailed(f"no screenshot at {path}")
    if path.read_bytes()[:8] != b"\x89PNG\r\n\x1a\n":
        raise SmokeCheckFailed(f"{path} is not a PNG")
    from PySide6.QtGui import QImage

    image = QImage(str(path))
    if image.isNull():
        raise SmokeCheckFailed(f"{path} does not decode")
    size = (image.width(), image.height())
    if size != SCREENSHOT_SIZE:
        raise SmokeCheckFailed(f"{path} is {size[0]}x{size[1]}, expected {SCREENSHOT_SIZE}")
    colours = {
        image.pixel(x, y) for x in range(0, size[0], 7) for y in range(0, size[1], 7)
    }  # about 23,000 samples
    if len(colours) < 20:
        raise SmokeCheckFailed(f"{path} looks blank: {len(colours)} colours")


def check_bundle(app: Path) -> Path:
    binary = app / "vnreader"
    if not os.access(binary, os.X_OK):
        raise SmokeCheckFailed(f"no executable {binary}")
    internal = app / "_internal"
    expected = [
        internal / "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        internal / "PySide6/Qt/plugins/platforms/libqxcb.so",
        internal / "vnreader/resources/vnreader.qss",
        internal / "vnreader/resources/ner/model.crfsuite",
    ]
    missing = [str(path.relative_to(app)) for path in expected if not path.exists()]
    seeds = list((internal / "vnreader/resources/seeds").glob("*.txt"))
    if len(seeds) != SAMPLES:
        missing.append(f"vnreader/resources/seeds/*.txt ({len(seeds)} of {SAMPLES})")
    if missing:
        raise SmokeCheckFailed("missing from the bundle: " + ", ".join(missing))
    return binary


def smoke_check(app: Path) -> None:
    binary = check_bundle(app)
    with tempfile.TemporaryDirectory(prefix="vnreader-smoke-") as folder:
        work = Path(folder)
        db = work / "library" / "vnreader.db"
        first, _ = run(binary, "--db", str(db), "--screenshot", str(work / "first.png"))
        check_png(work / "first.png")
        again, _ = run(binary, "--db", str(db), "--screenshot", str(work / "shot.png"))
        check_png(work / "shot.png")
        _, listing = run(binary, "--db", str(db), "list")
        if len(listing.splitlines()) != SAMPLES:
            raise SmokeCheckFailed(f"`list` shows {len(listing.splitlines())} reports:\n{listing}")
        seed = sorted((REPO / "seeds").glob("*.txt"))[0]
        _, entities = run(binary, "-m", "vnreader", "entities", str(seed))
        if '"label": "PER"' not in entities:
            raise SmokeCheckFailed(f"`entities {seed.name}` found no person:\n{entities[:500]}")
    size = sum(p.lstat().st_size for p in app.rglob("*") if p.is_file() and not p.is_symlink())
    print(f"smoke check passed: {app} ({size / 2**20:.0f} MiB)")
    print(f"start to screenshot: {first:.2f} s on a new database (imports {SAMPLES} samples),")
    print(f"                     {again:.2f} s on the same database again")


def main(argv: list[str]) -> int:
    app = Path(argv[0]) if argv else REPO / "dist" / "vnreader"
    try:
        smoke_check(app)
    except (SmokeCheckFailed, subprocess.TimeoutExpired) as error:
        print(f"smoke check FAILED: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
