"""Subcommands for themes, tagging and exports: ``themes``, ``tag``, ``export``.

:func:`add_commands` registers them on the main parser and :data:`HANDLERS` maps each
command name to its handler. Core modules are imported inside the handlers so that
``vnreader --help`` stays fast. Errors are one line ``vnreader: ...`` on stderr, exit 1.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from vnreader.cli_db import open_database
from vnreader.core.paths import resolve_database_path
from vnreader.core.store import Store

EXIT_OK, EXIT_ERROR = 0, 1  # as in vnreader.cli


class _CommandError(Exception):
    """Bad input to a command: printed as one line, exit 1."""


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Register ``themes``, ``tag`` and ``export`` on the ``vnreader`` subparsers."""
    themes = commands.add_parser(
        "themes", help="list the themes of the codebook, add themes, import a .qdc codebook"
    )
    theme_commands = themes.add_subparsers(dest="themes_command", metavar="ACTION")
    listing = theme_commands.add_parser(
        "list", help="one line per theme: id, key, colour, passages, path (the default)"
    )
    listing.add_argument(
        "--tree", action="store_true", default=argparse.SUPPRESS, help="indent names, no paths"
    )
    themes.add_argument("--tree", action="store_true", help="indent names instead of paths")
    add = theme_commands.add_parser("add", help="add a theme to the codebook")
    add.add_argument("name", metavar="NAME", help="name of the new theme")
    add.add_argument("--parent", metavar="PATH", help='parent theme, e.g. "Kinh tế"')
    add.add_argument("--color", metavar="#RRGGBB", help="colour (default: from the palette)")
    add.add_argument(
        "--key", type=int, choices=range(1, 10), metavar="1-9", help="shortcut digit key"
    )
    add.add_argument("--description", default="", metavar="TEXT", help="what the theme means")
    imp = theme_commands.add_parser(
        "import", help="add the codes of a REFI-QDA codebook (.qdc) that are not themes yet"
    )
    imp.add_argument("file", metavar="FILE.qdc", help="codebook file")

    tag = commands.add_parser(
        "tag", help="tag a passage of a document with a theme (offsets in code points)"
    )
    tag.add_argument("--document", type=row_id, required=True, metavar="ID", help="document id")
    tag.add_argument("--start", type=offset, required=True, metavar="S", help="first code point")
    tag.add_argument("--end", type=offset, required=True, metavar="E", help="code point after")
    tag.add_argument("--theme", required=True, metavar="NAME", help='theme name or "A > B" path')
    tag.add_argument("--note", default="", metavar="TEXT", help="a note on the passage")

    export = commands.add_parser(
        "export", help="export annotations or entities to CSV, or the codebook to .qdc"
    )
    kinds = export.add_subparsers(dest="export_kind", metavar="WHAT", required=True)
    ann = kinds.add_parser(
        "annotations", help="tagged passages as CSV (UTF-8 with BOM, offsets in code points)"
    )
    ann.add_argument("--out", required=True, metavar="FILE.csv", help="file to write")
    ann.add_argument(
        "--theme", action="append", default=[], metavar="NAME", help="only this theme (repeat)"
    )
    ann.add_argument(
        "--document", action="append", type=row_id, default=[], metavar="ID", help="only this doc"
    )
    ent = kinds.add_parser("entities", help="named entities as CSV (offsets in code points)")
    ent.add_argument("--out", required=True, metavar="FILE.csv", help="file to write")
    book = kinds.add_parser("codebook", help="the theme tree as a REFI-QDA codebook (.qdc)")
    book.add_argument("--out", required=True, metavar="FILE.qdc", help="file to write")


def _fail(message: str) -> None:
    print(f"vnreader: {message}", file=sys.stderr)


def _guarded(
    run: Callable[[Store, argparse.Namespace], int], writes: Callable[[argparse.Namespace], bool]
) -> Callable[..., int]:
    """Open the store for ``run`` (holding the writer lock if ``writes(args)``) and turn the
    core's validation errors into exit 1."""

    def handler(args: argparse.Namespace) -> int:
        from vnreader.core.annotations import AnnotationError
        from vnreader.core.csv_export import ExportError
        from vnreader.core.qdc import CodebookError
        from vnreader.core.themes import ThemeError

        with open_database(resolve_database_path(args.db), writes=writes(args)) as store:
            try:
                return run(store, args)
            except (_CommandError, AnnotationError, ExportError, CodebookError, ThemeError) as e:
                _fail(str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__)
                return EXIT_ERROR

    return handler


def _theme_id(store: Store, name: str) -> int:
    from vnreader.core.themes import find_theme

    theme = find_theme(store, name)
    if theme is None:
        raise _CommandError(f"unknown theme '{name}'; vnreader themes lists the themes")
    return theme.id


# --- themes -------------------------------------------------------------------------------


def _themes(store: Store, args: argparse.Namespace) -> int:
    action = args.themes_command or "list"
    if action == "add":
        return _themes_add(store, args)
    if action == "import":
        return _themes_import(store, args)
    return _themes_list(store, args)


def _themes_list(store: Store, args: argparse.Namespace) -> int:
    from vnreader.core.themes import annotation_counts, list_themes, theme_paths

    themes = list_themes(store)
    paths = theme_paths(store)
    counts = annotation_counts(store)
    depth: dict[int, int] = {}
    for theme in themes:
        depth[theme.id] = depth.get(theme.parent_id, -1) + 1 if theme.parent_id else 0
        key = str(theme.shortcut) if theme.shortcut else "-"
        label = "  " * depth[theme.id] + theme.name if args.tree else paths[theme.id]
        print(f"{theme.id}\t{key}\t{theme.color}\t{counts.get(theme.id, 0)}\t{label}")
    return EXIT_OK


def _themes_add(store: Store, args: argparse.Namespace) -> int:
    from vnreader.core.themes import create_theme, theme_paths

    parent_id = _theme_id(store, args.parent) if args.parent else None
    theme = create_theme(
        store,
        args.name,
        color=args.color,
        parent_id=parent_id,
        description=args.description,
        shortcut=args.key,
    )
    print(f"{theme.id}\t{theme_paths(store)[theme.id]}")
    return EXIT_OK


def _themes_import(store: Store, args: argparse.Namespace) -> int:
    from vnreader.core.qdc import import_codebook

    result = import_codebook(store, Path(args.file))
    for path in result.created:
        print(path)
    for reason in result.skipped:
        _fail(f"{Path(args.file).name}: {reason}")
    summary = f"{len(result.created)} themes created, {len(result.existing)} already present"
    if result.skipped:
        summary += f", {len(result.skipped)} skipped"
    print(summary, file=sys.stderr)
    return EXIT_ERROR if result.skipped else EXIT_OK


# --- tag ----------------------------------------------------------------------------------


def row_id(value: str) -> int:
    """An id as SQLite can hold it (a positive 64-bit integer), or a usage error."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 0 < number < 2**63:
        raise argparse.ArgumentTypeError(f"no such id: {value}")
    return number


def offset(value: str) -> int:
    """A code-point offset (0 or more, within SQLite's integers), or a usage error."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 0 <= number < 2**63:
        raise argparse.ArgumentTypeError(f"offsets count from 0: {value}")
    return number


def _no_document(document_id: int) -> str:
    return f"no document with id {document_id}; vnreader list shows the ids"


def _tag(store: Store, args: argparse.Namespace) -> int:
    from vnreader.core.annotations import add_annotation

    if store.get_document(args.document) is None:
        raise _CommandError(_no_document(args.document))
    theme_id = _theme_id(store, args.theme)
    annotation = add_annotation(store, args.document, theme_id, args.start, args.end, args.note)
    print(f"{annotation.id}\t{annotation.text}")
    return EXIT_OK


# --- export -------------------------------------------------------------------------------


def _export(store: Store, args: argparse.Namespace) -> int:
    from vnreader.core.csv_export import export_annotations, export_entities
    from vnreader.core.qdc import export_codebook

    out = Path(args.out)
    if args.export_kind == "annotations":
        theme_ids = [_theme_id(store, name) for name in args.theme] or None
        document_ids = None
        if args.document:
            known = {doc.id for doc in store.list_documents()}
            missing = [doc_id for doc_id in args.document if doc_id not in known]
            if missing:
                raise _CommandError(_no_document(missing[0]))
            document_ids = args.document
        count = export_annotations(store, out, theme_ids=theme_ids, document_ids=document_ids)
        print(f"{count} annotations written to {out}", file=sys.stderr)
    elif args.export_kind == "entities":
        count = export_entities(store, out)
        print(f"{count} entities written to {out}", file=sys.stderr)
    else:
        count = export_codebook(store, out)
        print(f"{count} themes written to {out}", file=sys.stderr)
    return EXIT_OK


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "themes": _guarded(_themes, lambda args: args.themes_command in ("add", "import")),
    "tag": _guarded(_tag, lambda args: True),
    "export": _guarded(_export, lambda args: False),
}
