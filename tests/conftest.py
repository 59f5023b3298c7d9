"""Shared fixtures. Qt runs headless in every test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Tests read English whatever the machine's locale; the ones about Vietnamese switch to it.
# LANGUAGE reaches the windows that tests start as subprocesses (their "system" language).
os.environ["LANGUAGE"] = "en"


def pytest_configure(config: pytest.Config) -> None:
    from PySide6.QtCore import QLocale

    from vnreader import i18n

    i18n.set_language("en")
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))


REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"


@pytest.fixture(autouse=True)
def no_user_entity_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Tests never read or write the user's own retrained entity model."""
    path = tmp_path / "user-data" / "ner-model.crfsuite"
    monkeypatch.setenv("VNREADER_NER_MODEL", str(path))
    return path


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "library" / "vnreader.db"


@pytest.fixture
def store(db_path: Path):
    from vnreader.core.store import open_store

    with open_store(db_path) as opened:
        yield opened


@pytest.fixture
def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))
