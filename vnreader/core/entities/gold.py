"""Gold entity data: the bracket markup we write it in, and the JSONL we evaluate from.

Markup is one sentence (or paragraph) per line, entities written in place as
``[LABEL surface]``, e.g. ``Bộ trưởng [PER Bùi Thanh Sơn] đến [LOC Hà Nội].`` Labels are
PER, ORG, LOC and MISC (MISC is kept but never scored). A literal bracket is written
``\\[`` or ``\\]``. Blank lines and lines starting with ``#`` are skipped; a line
``## NAME`` names the document the following lines come from (it becomes part of their id).

JSONL has one object per line: ``{"id": ..., "text": ..., "entities": [{"start", "end",
"label", "text"}, ...]}`` with ``[start, end)`` in code points of ``text``. Entities may also
be given as ``[start, end, label]`` lists, and the label key may be ``type``.

``python -m vnreader.core.entities.gold SRC.txt [OUT.jsonl]`` checks a markup file and,
given OUT, writes its JSONL.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "GoldError",
    "GoldSentence",
    "parse_markup",
    "read_gold",
    "read_markup",
    "to_markup",
    "write_jsonl",
]

GOLD_LABELS = ("PER", "ORG", "LOC", "MISC")
Span = tuple[int, int, str]


class GoldError(ValueError):
    """A gold file that cannot be read; the message names the file and line."""


@dataclass(frozen=True)
class GoldSentence:
    id: str
    text: str
    entities: tuple[Span, ...] = field(default=())
    document: str = ""


def parse_markup(line: str) -> tuple[str, tuple[Span, ...]]:
    """The plain text of one markup line and its ``(start, end, label)`` spans."""
    out: list[str] = []
    spans: list[Span] = []
    length = 0
    open_at: int | None = None
    label = ""
    i = 0
    while i < len(line):
        ch = line[i]
        if ch == "\\" and i + 1 < len(line) and line[i + 1] in "[]":
            out.append(line[i + 1])
            length += 1
            i += 2
            continue
        if ch == "[":
            if open_at is not None:
                raise GoldError(f"column {i + 1}: '[' inside an entity (nesting is not allowed)")
            head, _, _rest = line[i + 1 :].partition(" ")
            if head not in GOLD_LABELS:
                raise GoldError(
                    f"column {i + 1}: '[' must be followed by one of {', '.join(GOLD_LABELS)}"
                    " and a space (write \\[ for a literal bracket)"
                )
            label, open_at = head, length
            i += len(head) + 2
            continue
        if ch == "]":
            if open_at is None:
                raise GoldError(f"column {i + 1}: ']' closes no entity")
            surface = "".join(out)[open_at:]
            if not surface or surface != surface.strip() or not any(c.isalnum() for c in surface):
                raise GoldError(f"column {i + 1}: entity {surface!r} is empty or has edge spaces")
            spans.append((open_at, length, label))
            open_at = None
            i += 1
            continue
        out.append(ch)
        length += 1
        i += 1
    if open_at is not None:
        raise GoldError("an entity is opened with '[' and never closed")
    return "".join(out), tuple(spans)


def to_markup(text: str, entities: Iterable[Span]) -> str:
    """Inverse of :func:`parse_markup` (entities must not overlap)."""
    parts: list[str] = []
    at = 0

    def escape(s: str) -> str:
        return s.replace("[", "\\[").replace("]", "\\]")

    for start, end, label in sorted(entities):
        parts.append(escape(text[at:start]))
        parts.append(f"[{label} {escape(text[start:end])}]")
        at = end
    parts.append(escape(text[at:]))
    return "".join(parts)


def read_markup(path: Path) -> list[GoldSentence]:
    sentences: list[GoldSentence] = []
    document = ""
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = unicodedata.normalize("NFC", raw.rstrip())
        if line.startswith("## "):
            document = line[3:].strip()
            continue
        if not line.strip() or line.startswith("#"):
            continue
        try:
            text, spans = parse_markup(line)
        except GoldError as error:
            raise GoldError(f"{path.name}, line {number}: {error}") from None
        name = f"{path.stem}/{document}:{number}" if document else f"{path.stem}:{number}"
        sentences.append(GoldSentence(name, text, spans, document))
    return sentences


def read_gold(path: str | Path) -> list[GoldSentence]:
    """Gold sentences from a JSONL file, or from a markup file (any other extension)."""
    path = Path(path)
    if not path.is_file():
        raise GoldError(f"{path}: no such file")
    if path.suffix.lower() != ".jsonl":
        return read_markup(path)
    sentences = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                sentences.append(_sentence_from_json(json.loads(line), f"{path.stem}:{number}"))
            except (ValueError, TypeError, KeyError) as error:
                raise GoldError(f"{path.name}, line {number}: {error}") from None
    return sentences


def _sentence_from_json(record: dict, default_id: str) -> GoldSentence:
    text = record["text"]
    if not isinstance(text, str):
        raise TypeError("'text' must be a string")
    spans: list[Span] = []
    for item in record.get("entities", []):
        if isinstance(item, dict):
            start, end = int(item["start"]), int(item["end"])
            label = item.get("label", item.get("type"))
        else:
            start, end, label = int(item[0]), int(item[1]), item[2]
        if label not in GOLD_LABELS:
            raise ValueError(f"unknown label {label!r}")
        if not 0 <= start < end <= len(text):
            raise ValueError(f"span [{start}, {end}) is outside the text")
        if isinstance(item, dict) and "text" in item and text[start:end] != item["text"]:
            raise ValueError(f"span [{start}, {end}) is {text[start:end]!r}, not {item['text']!r}")
        spans.append((start, end, label))
    return GoldSentence(str(record.get("id", default_id)), text, tuple(sorted(spans)))


def write_jsonl(sentences: Sequence[GoldSentence], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for sentence in sentences:
            record = {
                "id": sentence.id,
                "text": sentence.text,
                "entities": [
                    {"start": s, "end": e, "label": label, "text": sentence.text[s:e]}
                    for s, e, label in sentence.entities
                ],
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def _main(argv: Sequence[str]) -> int:
    if not 1 <= len(argv) <= 2:
        print("usage: python -m vnreader.core.entities.gold SRC.txt [OUT.jsonl]", file=sys.stderr)
        return 2
    try:
        sentences = read_markup(Path(argv[0]))
    except (GoldError, OSError) as error:
        print(error, file=sys.stderr)
        return 1
    counts: dict[str, int] = {}
    for sentence in sentences:
        for _s, _e, label in sentence.entities:
            counts[label] = counts.get(label, 0) + 1
    summary = ", ".join(f"{label} {counts[label]}" for label in sorted(counts))
    print(f"{argv[0]}: {len(sentences)} sentences, {sum(counts.values())} entities ({summary})")
    if len(argv) == 2:
        write_jsonl(sentences, Path(argv[1]))
    return 0


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))
