"""Messages in the code against the catalogues: what the translation tests check, and a
helper for translators.

    python -m tests.translations            # list messages missing from the vi catalogues
    python -m tests.translations --stubs    # the same as PO entries to paste and translate

A message is the string literal given to ``tr``, ``trn`` (singular and plural) or ``N_``.
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from vnreader.i18n import parse_po

PACKAGE = Path(__file__).resolve().parents[1] / "vnreader"
CATALOGUES = PACKAGE / "resources" / "i18n"
FIELD = re.compile(r"\{(\w*)[^{}]*\}")


@dataclass(frozen=True)
class Message:
    context: str | None
    source: str
    plural: str | None
    where: str  # path:line of its first use


def extract_messages(root: Path = PACKAGE) -> dict[tuple[str | None, str], Message]:
    """Every literal message in the package, keyed like the catalogue."""
    found: dict[tuple[str | None, str], Message] = {}
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            message = _message_of(
                node, f"{path.relative_to(root.parent)}:{getattr(node, 'lineno', 0)}"
            )
            if message is not None:
                found.setdefault((message.context, message.source), message)
    return found


def non_literal_calls(root: Path = PACKAGE) -> list[str]:
    """Calls of ``tr``/``trn`` whose text is not a literal: the extractor cannot see them.
    (``tr(kind.name)`` of an ``N_``-marked constant is the one allowed shape: a name or
    attribute, never an f-string or concatenation.)"""
    bad = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _name(node.func) in ("tr", "trn", "N_"):
                for arg in node.args[: 2 if _name(node.func) == "trn" else 1]:
                    if isinstance(arg, (ast.JoinedStr, ast.BinOp)):
                        bad.append(f"{path.relative_to(root.parent)}:{node.lineno}")
    return bad


def _name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr if func.attr in ("tr", "trn") and _is_i18n(func.value) else None
    return None


def _is_i18n(value: ast.expr) -> bool:
    return isinstance(value, ast.Name) and value.id == "i18n"


def _literal(node: ast.expr | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _message_of(node: ast.AST, where: str) -> Message | None:
    if not isinstance(node, ast.Call):
        return None
    name = _name(node.func)
    if name not in ("tr", "trn", "N_") or not node.args:
        return None
    source = _literal(node.args[0])
    if source is None:
        return None
    plural = _literal(node.args[1]) if name == "trn" and len(node.args) > 1 else None
    context = None
    for keyword in node.keywords:
        if keyword.arg == "context":
            context = _literal(keyword.value)
    if name == "tr" and len(node.args) > 1:
        context = _literal(node.args[1])
    if name == "trn" and len(node.args) > 3:
        context = _literal(node.args[3])
    return Message(context, source, plural, where)


def load_catalogue(code: str) -> dict[tuple[str | None, str], tuple[str, str]]:
    """``(context, English) -> (translation, file:line)`` over all of ``code``'s PO files;
    raises ``ValueError`` on an entry defined twice."""
    entries: dict[tuple[str | None, str], tuple[str, str]] = {}
    for path in sorted((CATALOGUES / code).glob("*.po")):
        for message in parse_po(path.read_text(encoding="utf-8")):
            key = (message.context, message.source)
            where = f"{path.name}:{message.line}"
            if key in entries:
                raise ValueError(f"{where}: {key!r} is already in {entries[key][1]}")
            entries[key] = (message.translation, where)
    return entries


def fields(text: str) -> set[str]:
    return set(FIELD.findall(text.replace("{{", "").replace("}}", "")))


def po_stub(message: Message) -> str:
    lines = [f"#: {message.where}"]
    if message.context is not None:
        lines.append(f"msgctxt {_quote(message.context)}")
    lines.append(f"msgid {_quote(message.source)}")
    if message.plural is not None:
        lines += [f"msgid_plural {_quote(message.plural)}", 'msgstr[0] ""']
    else:
        lines.append('msgstr ""')
    return "\n".join(lines) + "\n"


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped.replace(chr(9), chr(92) + "t")}"'


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stubs", action="store_true", help="print PO entries to translate")
    parser.add_argument("--language", default="vi")
    args = parser.parse_args(argv)
    catalogue = load_catalogue(args.language)
    missing = [m for key, m in extract_messages().items() if not catalogue.get(key, ("",))[0]]
    for message in missing:
        print(po_stub(message) if args.stubs else f"{message.where}: {message.source!r}")
    unused = set(catalogue) - set(extract_messages())
    for key in sorted(unused, key=str):
        print(f"unused: {catalogue[key][1]}: {key[1]!r}", file=sys.stderr)
    return 1 if missing or unused else 0


if __name__ == "__main__":
    raise SystemExit(main())
