"""Gazetteers: lists of names and cue words shipped in ``vnreader/resources/gazetteers``.

Each file holds one entry per line (``name | alias | alias``); ``#`` starts a comment line.
The file decides what its entries are (:data:`FILES`). Entries are matched on syllable
tokens, case-sensitively, longest first; an entry that starts with a lowercase letter also
matches with its first letter capitalised (at the start of a sentence).
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from vnreader.core.entities.tokens import tokenize

__all__ = ["FILES", "Gazetteer", "Match", "gazetteer_fingerprint", "load_gazetteer"]

# file name -> kind. Kinds PER/ORG/LOC are entity labels; the others are cue words:
# TITLE (a role or honorific before a name), FIELD (completes a title: "Ngoại giao"),
# ORGHEAD (starts an organisation name: "Bộ", "Tập đoàn"), LOCHEAD (a lowercase
# generic place word kept outside a name: "tỉnh", "thủ đô"), SURNAME (a Vietnamese
# family name: "Nguyễn").
FILES = {
    "countries.txt": "LOC",
    "world_places.txt": "LOC",
    "vietnam_places.txt": "LOC",
    "vietnam_bodies.txt": "ORG",
    "international_orgs.txt": "ORG",
    "news_agencies.txt": "ORG",
    "companies.txt": "ORG",
    "titles.txt": "TITLE",
    "title_fields.txt": "FIELD",
    "org_heads.txt": "ORGHEAD",
    "loc_heads.txt": "LOCHEAD",
    "vietnamese_surnames.txt": "SURNAME",
}


@dataclass(frozen=True)
class Match:
    """Tokens ``[first, last)`` of a sentence form an entry of ``kind``."""

    first: int
    last: int
    kind: str


@dataclass
class Gazetteer:
    # first token -> [(tokens, kind)], longest first
    index: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict)
    # the entity label of each full name ("Hoa Kỳ" -> "LOC")
    labels: dict[str, str] = field(default_factory=dict)

    def add(self, name: str, kind: str) -> None:
        words = tuple(token.text for token in tokenize(unicodedata.normalize("NFC", name)))
        if not words:
            return
        variants = {words}
        if words[0][:1].islower():
            variants.add((words[0][:1].upper() + words[0][1:], *words[1:]))
        for variant in variants:
            entries = self.index.setdefault(variant[0], [])
            if (variant, kind) not in entries:
                entries.append((variant, kind))
                entries.sort(key=lambda entry: -len(entry[0]))
        if kind in ("PER", "ORG", "LOC"):
            for variant in variants:
                self.labels.setdefault(" ".join(variant), kind)

    def is_kind(self, words: Sequence[str], kind: str) -> bool:
        """Whether ``words`` are exactly an entry of ``kind`` ("SURNAME", "TITLE", ...)."""
        return (tuple(words), kind) in self.index.get(words[0], ()) if words else False

    def matches(self, words: Sequence[str]) -> list[Match]:
        """Every entry found in ``words`` (the longest of each kind at each start)."""
        found: list[Match] = []
        for i, word in enumerate(words):
            seen: set[str] = set()
            for entry, kind in self.index.get(word, ()):
                if kind in seen or tuple(words[i : i + len(entry)]) != entry:
                    continue
                seen.add(kind)
                found.append(Match(i, i + len(entry), kind))
        return found

    def label_of_words(self, words: Iterable[str]) -> str | None:
        """The entity label of a full name given as its tokens, or None if it is no entry."""
        return self.labels.get(" ".join(words))


def _entries(text: str) -> Iterable[str]:
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        for name in line.split("|"):
            if name.strip():
                yield name.strip()


def _folder() -> Traversable:
    return resources.files("vnreader") / "resources" / "gazetteers"


@cache
def gazetteer_fingerprint() -> str:
    """A short digest of the shipped gazetteer files (their output depends on them)."""
    digest = hashlib.sha1()
    for name in sorted(FILES):
        source = _folder() / name
        if source.is_file():
            digest.update(name.encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()[:8]


@cache
def load_gazetteer(folder: Path | None = None) -> Gazetteer:
    """The shipped gazetteers (or those in ``folder``); files missing there are skipped."""
    root = _folder() if folder is None else folder
    gazetteer = Gazetteer()
    for name, kind in FILES.items():
        source = root / name
        if source.is_file():
            for entry in _entries(source.read_text(encoding="utf-8")):
                gazetteer.add(entry, kind)
    return gazetteer
