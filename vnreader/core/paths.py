"""Where the database lives: ``--db`` beats ``VNREADER_DB`` beats the user data directory."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

APP_NAME = "vnreader"
DB_ENV_VAR = "VNREADER_DB"
DB_FILE_NAME = "vnreader.db"


def default_database_path() -> Path:
    return user_data_path(APP_NAME, appauthor=False) / DB_FILE_NAME


def resolve_database_path(cli_value: str | None = None) -> Path:
    if cli_value:
        return Path(cli_value).expanduser()
    from_env = os.environ.get(DB_ENV_VAR, "").strip()
    if from_env:
        return Path(from_env).expanduser()
    return default_database_path()
