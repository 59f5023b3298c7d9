"""What vnreader ships: package data and samples in the wheel, Linux desktop files."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

REPO = Path(__file__).resolve().parents[1]


def test_every_resource_file_is_package_data() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["vnreader"]
    package = REPO / "vnreader"
    shipped = {path for pattern in patterns for path in package.glob(pattern)}
    resources = {
        path
        for path in (package / "resources").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert resources, "no resources found"
    assert not resources - shipped, f"not shipped: {sorted(resources - shipped)}"


# --- the wheel carries the package data and the sample reports ------------------------------

WHEEL_SOURCES = ("vnreader", "seeds", "pyproject.toml", "setup.py", "MANIFEST.in", "README.md")


def test_the_wheel_ships_resources_model_and_samples(tmp_path: Path) -> None:
    """Builds a wheel of a copy of the checkout (~3 s, offline) and looks inside it."""
    source = tmp_path / "source"
    for name in WHEEL_SOURCES:
        origin = REPO / name
        if origin.is_dir():
            shutil.copytree(origin, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            source.mkdir(exist_ok=True)
            shutil.copy2(origin, source / name)
    command = [sys.executable, "-m", "pip", "wheel", str(source), "--no-deps"]
    command += ["--no-build-isolation", "--no-index", "-q", "-w", str(tmp_path / "wheels")]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    (wheel,) = (tmp_path / "wheels").glob("vnreader-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())

    seeds = sorted(path.name for path in (REPO / "seeds").glob("*.txt"))
    assert len(seeds) == 5
    assert {f"vnreader/resources/seeds/{name}" for name in seeds} <= names
    resources = REPO / "vnreader" / "resources"
    for kind in ("gazetteers", "ner"):
        for path in (resources / kind).iterdir():
            assert f"vnreader/resources/{kind}/{path.name}" in names
    assert "vnreader/resources/vnreader.qss" in names
    assert (
        "vnreader.cli"
        in zipfile.ZipFile(wheel)
        .read(next(n for n in names if n.endswith(".dist-info/entry_points.txt")))
        .decode()
    )
    # The samples are copied into the build tree only, never into the source tree.
    assert not (source / "vnreader" / "resources" / "seeds").exists()


def test_a_packaged_seeds_folder_wins_over_the_checkout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where setup.py puts the samples is where vnreader.core.seeds looks first."""
    from vnreader.core import seeds

    package = tmp_path / "vnreader"
    (package / "resources" / "seeds").mkdir(parents=True)
    monkeypatch.setattr(seeds.resources, "files", lambda name: package)
    assert seeds.seeds_dir() == package / "resources" / "seeds"


# --- Linux desktop integration -------------------------------------------------------------

LINUX = REPO / "packaging" / "linux"
APP_ID = "io.github.vnreader.VnReader"


def desktop_entry() -> dict[str, str]:
    lines = (LINUX / f"{APP_ID}.desktop").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    pairs = [line.split("=", 1) for line in lines[1:] if line and not line.startswith("#")]
    assert all(len(pair) == 2 for pair in pairs), pairs
    return dict(pairs)


def test_the_desktop_file_has_the_required_keys() -> None:
    entry = desktop_entry()
    for key in ("Type", "Name", "Exec", "Icon", "Categories"):
        assert entry.get(key), f"no {key}"
    assert entry["Type"] == "Application"
    assert entry["Exec"].split()[0] == "vnreader"  # the [project.scripts] command
    assert entry["Icon"] == APP_ID
    assert entry["Categories"].endswith(";")
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert "vnreader" in config["project"]["scripts"]


def test_the_metainfo_is_well_formed_and_names_the_app() -> None:
    from vnreader import __version__

    root = ElementTree.parse(LINUX / f"{APP_ID}.metainfo.xml").getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == f"{APP_ID}.desktop"
    for tag in ("name", "summary", "metadata_license", "project_license"):
        assert (root.findtext(tag) or "").strip(), f"no <{tag}>"
    assert root.find("description/p") is not None
    assert root.findtext("provides/binary") == desktop_entry()["Exec"].split()[0]
    releases = [release.get("version") for release in root.iter("release")]
    assert __version__ in releases, f"no <release> for {__version__}"


def test_the_icon_is_a_square_svg() -> None:
    root = ElementTree.parse(REPO / "vnreader" / "resources" / "icons" / f"{APP_ID}.svg").getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    _, _, width, height = (float(v) for v in root.get("viewBox", "").split())
    assert width == height > 0
