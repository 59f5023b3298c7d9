"""Everything under vnreader/resources ships in the wheel (package data patterns)."""

from __future__ import annotations

import tomllib
from pathlib import Path

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
