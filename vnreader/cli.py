"""The ``vnreader`` command: the GUI by default, subcommands for headless work.

Qt is imported only when the GUI is started, so subcommands stay fast and work without a
display.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path

from vnreader import __version__, cli_backup, cli_ner, cli_search
from vnreader.cli_db import database_error_message, open_database
from vnreader.cli_export import HANDLERS, add_commands
from vnreader.core.entities.pipeline import DEFAULT_ENGINE, ENGINES
from vnreader.core.paths import DB_ENV_VAR, resolve_database_path
from vnreader.core.store import StoreError, open_store

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vnreader",
        description="Read and annotate Vietnamese reports. Without a command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"vnreader {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH",
        help=f"database file (default: ${DB_ENV_VAR}, else the user data directory)",
    )
    parser.add_argument(
        "--screenshot",
        metavar="OUT.png",
        help="open the window, save a picture of it to OUT.png and exit",
    )
    parser.add_argument(
        "--language",
        choices=("system", "en", "vi"),
        help="interface language of the window for this run (default: the settings, "
        "else the system's)",
    )
    parser.add_argument(
        "--appearance",
        choices=("system", "light", "dark"),
        help="light or dark window for this run (default: the settings, else the system's)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    imp = commands.add_parser(
        "import", help="import .txt, .md, .html and .docx files or folders of them"
    )
    imp.add_argument("paths", nargs="+", metavar="PATH", help="file or folder to import")
    imp.add_argument(
        "--entities",
        action="store_true",
        help="also find named entities now (otherwise the window does it in the background)",
    )

    commands.add_parser("list", help="list the documents in the library (id, characters, title)")

    ent = commands.add_parser(
        "entities",
        help="print the named entities of a text file (offsets in code points of its NFC text)",
    )
    ent.add_argument("file", metavar="FILE", help="file to analyse, or - for standard input")
    ent.add_argument(
        "--format", choices=("jsonl", "tsv"), default="jsonl", help="output format (default jsonl)"
    )
    ent.add_argument(
        "--engine",
        choices=ENGINES,
        default=DEFAULT_ENGINE,
        help=f"entity engine (default {DEFAULT_ENGINE}: our model and rules)",
    )

    add_commands(commands)  # themes, tag, export
    cli_search.add_commands(commands)  # search
    cli_ner.add_commands(commands)  # eval-ner, train-ner
    cli_backup.add_commands(commands)  # backup, restore

    worker = commands.add_parser("ner-worker")  # no help: internal, hidden from --help
    worker.set_defaults(hidden=True)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from vnreader.ui.app import run_gui

        return run_gui(
            resolve_database_path(args.db),
            screenshot=args.screenshot,
            language=args.language,
            appearance=args.appearance,
        )
    handler = {
        **HANDLERS,
        **cli_search.HANDLERS,
        **cli_ner.HANDLERS,
        **cli_backup.HANDLERS,
        "import": _cmd_import,
        "list": _cmd_list,
        "entities": _cmd_entities,
        "ner-worker": _cmd_ner_worker,
    }[args.command]
    try:
        return handler(args)
    except StoreError as error:
        _fail(str(error))
        return EXIT_ERROR
    except sqlite3.DatabaseError as error:
        _fail(database_error_message(resolve_database_path(args.db), error))
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130


def _fail(message: str) -> None:
    print(f"vnreader: {message}", file=sys.stderr)


def _cmd_import(args: argparse.Namespace) -> int:
    from vnreader.core.library import import_files

    path = resolve_database_path(args.db)
    with open_database(path, writes=True) as store:
        report = import_files(store, args.paths)
        for doc_id, title in report.added:
            print(f"{doc_id}\t{title}")
        for file, encoding in report.converted:
            print(
                f"{file}: converted from the {encoding} font encoding to Unicode", file=sys.stderr
            )
        for file, doc_id in report.duplicates:
            print(f"{file}: already in the library as document {doc_id}", file=sys.stderr)
        for error in report.failed:
            _fail(str(error))
        if args.entities:
            _compute_entities(store, [doc_id for doc_id, _ in report.added])
        print(report.summary(), file=sys.stderr)
        return EXIT_OK if report.ok else EXIT_ERROR


def _compute_entities(store, document_ids: list[int]) -> None:
    from vnreader.core.entities import extract_entities, pipeline_version

    version = pipeline_version()
    for doc_id in document_ids:
        document = store.get_document(doc_id)
        spans = extract_entities(document.text)
        store.replace_model_entities(
            doc_id, [(s.start, s.end, s.label, s.text, s.confidence) for s in spans], version
        )


def _cmd_list(args: argparse.Namespace) -> int:
    with open_store(resolve_database_path(args.db)) as store:
        for doc in store.list_documents():
            print(f"{doc.id}\t{doc.char_count}\t{doc.title}")
    return EXIT_OK


def _cmd_entities(args: argparse.Namespace) -> int:
    from vnreader.core.entities import extract_entities
    from vnreader.core.importers import UnreadableFileError, read_document
    from vnreader.core.importers.decoding import DecodeError, decode_bytes
    from vnreader.core.text import normalize_text

    if args.file == "-":
        try:
            text, _encoding = decode_bytes(sys.stdin.buffer.read())
        except DecodeError as error:
            _fail(f"standard input: {error}")
            return EXIT_ERROR
        text = normalize_text(text)
    else:
        try:
            text = read_document(Path(args.file), trim=False).text
        except UnreadableFileError as error:
            _fail(str(error))
            return EXIT_ERROR
    for span in extract_entities(text, engine=args.engine):
        if args.format == "jsonl":
            record = {"start": span.start, "end": span.end, "label": span.label, "text": span.text}
            print(json.dumps(record, ensure_ascii=False))
        else:
            print(f"{span.start}\t{span.end}\t{span.label}\t{span.text}")
    return EXIT_OK


def _cmd_ner_worker(args: argparse.Namespace) -> int:
    from vnreader.core.entity_worker import main as worker_main

    return worker_main()
