"""`make wheel-check`: a wheel of this checkout, installed into a fresh venv, is a working app.

Builds the wheel (``pip wheel . --no-deps``), checks it holds the package data (stylesheet,
gazetteers, NER model, the five sample reports), installs it into a new virtualenv (its
dependencies come from the package index), then, outside the checkout so nothing can be read
from it, runs ``vnreader --screenshot`` on a new database (the window's first start imports the
five samples) and ``vnreader list``, which must show them. Exits non-zero on the first failure.

    python packaging/check_wheel.py [--keep WORKDIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from smoke_check import SAMPLES, SmokeCheckFailed, check_png  # packaging/ is on sys.path

REPO = Path(__file__).resolve().parents[1]
REQUIRED = (
    "vnreader/resources/vnreader.qss",
    "vnreader/resources/gazetteers/countries.txt",
    "vnreader/resources/ner/model.crfsuite",
    "vnreader/resources/ner/model.json",
)


class WheelCheckFailed(Exception):
    pass


def step(*command: str | Path, env: dict[str, str] | None = None, cwd: Path = REPO) -> str:
    print("$", " ".join(map(str, command)), flush=True)
    done = subprocess.run(
        [str(part) for part in command], env=env, cwd=cwd, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise WheelCheckFailed(
            f"exit {done.returncode}:\n{done.stdout[-2000:]}{done.stderr[-3000:]}"
        )
    return done.stdout


def missing_from_wheel(wheel: Path) -> list[str]:
    """What the wheel lacks of the package data a user's first start needs."""
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [name for name in REQUIRED if name not in names]
    gazetteers = [n for n in names if n.startswith("vnreader/resources/gazetteers/")]
    expected = {p.name for p in (REPO / "vnreader/resources/gazetteers").glob("*.txt")}
    missing += sorted(expected - {Path(n).name for n in gazetteers})
    seeds = {Path(n).name for n in names if n.startswith("vnreader/resources/seeds/")}
    missing += sorted({p.name for p in (REPO / "seeds").glob("*.txt")} - seeds)
    return missing


def check(work: Path) -> None:
    wheels = work / "wheels"
    step(sys.executable, "-m", "pip", "wheel", ".", "--no-deps", "-q", "-w", wheels)
    (wheel,) = wheels.glob("vnreader-*.whl")
    missing = missing_from_wheel(wheel)
    if missing:
        raise WheelCheckFailed(f"{wheel.name} lacks: {', '.join(missing)}")
    print(f"{wheel.name}: {wheel.stat().st_size / 2**20:.1f} MiB, package data complete")

    venv = work / "venv"
    step(sys.executable, "-m", "venv", venv)
    step(venv / "bin/python", "-m", "pip", "install", "-q", "--disable-pip-version-check", wheel)
    vnreader = venv / "bin/vnreader"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "VNREADER_DB": str(work / "x.db")}
    env.pop("PYTHONPATH", None)
    # From outside the checkout: the seeds must come from the installed package.
    found = step(
        venv / "bin/python",
        "-c",
        "from vnreader.core.seeds import seeds_dir; print(seeds_dir())",
        env=env,
        cwd=work,
    ).strip()
    if not found.startswith(str(venv)):
        raise WheelCheckFailed(f"the installed app reads its samples from {found}")
    shot = work / "shot.png"
    step(vnreader, "--screenshot", shot, env=env, cwd=work)
    check_png(shot)  # the packaged app's check: a real picture of the window
    print(f"screenshot: {shot} ({shot.stat().st_size // 1024} KiB)")
    listing = step(vnreader, "list", env=env, cwd=work)
    print(listing, end="")
    if len(listing.splitlines()) != SAMPLES:
        raise WheelCheckFailed(f"`vnreader list` shows {len(listing.splitlines())} reports")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="vnreader-wheel-"))
    if args.keep:
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
    try:
        check(work.resolve())
    except (WheelCheckFailed, SmokeCheckFailed) as error:
        print(f"wheel check FAILED: {error}", file=sys.stderr)
        return 1
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print("wheel check passed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
