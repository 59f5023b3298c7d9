"""The sample reports a new user sees: imported once into an empty database."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from vnreader.core.store import Store

if TYPE_CHECKING:  # the importers load only when there is something to seed (start-up)
    from vnreader.core.library import ImportReport

SEEDED_KEY = "seeded"


def seeds_dir() -> Path | None:
    """The sample reports shipped in the package, or the repository's ``seeds/`` folder."""
    packaged = Path(str(resources.files("vnreader") / "resources" / "seeds"))
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "seeds"
    return checkout if checkout.is_dir() else None


def ensure_seeded(store: Store) -> ImportReport | None:
    """Import the sample reports into a database that has never held anything.

    A user who deletes the samples later does not get them back: the database remembers it
    was seeded.
    """
    if store.get_meta(SEEDED_KEY) or store.document_count():
        return None
    folder = seeds_dir()
    if folder is None:
        return None
    from vnreader.core.library import import_files

    with store.transaction():
        report = import_files(store, [folder])
        store.set_meta(SEEDED_KEY, "1")
    return report
