"""Subcommands ``eval-ner`` and ``train-ner``: measuring and retraining the entity model.

``eval-ner GOLD`` runs an engine over each gold sentence and prints per-label and overall
strict and partial precision, recall and F1 (see :mod:`vnreader.core.entities.evaluation`).
``train-ner`` trains our CRF on the shipped training data plus the user's corrections,
writes it to the user data directory, and prints held-out scores before and after.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from vnreader.core.entities.pipeline import DEFAULT_ENGINE, ENGINES

EXIT_OK, EXIT_ERROR = 0, 1  # as in vnreader.cli


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Register ``eval-ner`` and ``train-ner`` on the ``vnreader`` subparsers."""
    ev = commands.add_parser(
        "eval-ner",
        help="score the entity pipeline on a gold file (JSONL, or the markup of tests/data/ner)",
    )
    ev.add_argument("gold", metavar="GOLD.jsonl", help="gold sentences with their entities")
    ev.add_argument(
        "--engine",
        choices=(*ENGINES, "all"),
        default=DEFAULT_ENGINE,
        help=f"engine to score (default {DEFAULT_ENGINE}; 'all' scores each one)",
    )
    ev.add_argument("--model", metavar="PATH", help="CRF model file for our engines")
    ev.add_argument(
        "--errors", action="store_true", help="also list each missed and each wrong entity"
    )

    tr = commands.add_parser(
        "train-ner",
        help="retrain the entity model from the shipped data and your corrections",
    )
    tr.add_argument(
        "--out", metavar="PATH", help="where to write the model (default: user data directory)"
    )
    tr.add_argument(
        "--no-corrections",
        action="store_true",
        help="train on the shipped data only (ignore corrections in the library)",
    )


def _eval_ner(args: argparse.Namespace) -> int:
    from vnreader.core.entities.evaluation import format_scores, predictor, score
    from vnreader.core.entities.gold import GoldError, read_gold

    try:
        sentences = read_gold(args.gold)
    except (GoldError, OSError) as error:
        print(f"vnreader: {error}", file=sys.stderr)
        return EXIT_ERROR
    model = Path(args.model) if args.model else None
    if model is not None and not model.is_file():
        print(f"vnreader: {model}: no such model file", file=sys.stderr)
        return EXIT_ERROR
    engines = ENGINES if args.engine == "all" else (args.engine,)
    print(f"{args.gold}: {len(sentences)} sentences")
    for engine in engines:
        predict = predictor(engine, model)
        if args.errors:
            predict = _listing_errors(predict, sentences)
        print()
        print(format_scores(score(sentences, predict), f"engine {engine}"))
    return EXIT_OK


def _listing_errors(predict, sentences):
    gold = {s.text: s.entities for s in sentences}

    def listing(text: str) -> list[tuple[int, int, str]]:
        found = predict(text)
        expected = {g for g in gold.get(text, ()) if g[2] != "MISC"}
        for start, end, label in sorted(expected - set(found)):
            print(f"  missed  {label} {text[start:end]!r}   in: {text}")
        for start, end, label in sorted(set(found) - expected):
            print(f"  wrong   {label} {text[start:end]!r}   in: {text}")
        return found

    return listing


def _train_ner(args: argparse.Namespace) -> int:
    from vnreader.core.entities.retrain import retrain
    from vnreader.core.paths import resolve_database_path
    from vnreader.core.store import open_store

    out = Path(args.out) if args.out else None
    say = lambda line: print(line, file=sys.stderr)  # noqa: E731
    db = resolve_database_path(args.db)
    try:
        if args.no_corrections or not db.is_file():
            report = retrain(None, out, say)
        else:
            # Only reads the library (the window may have it open and keep writing to it).
            with open_store(db) as store:
                report = retrain(store, out, say)
    except OSError as error:
        where = error.filename or out or "the user data directory"
        print(f"vnreader: cannot write the model to {where}: {error.strerror}", file=sys.stderr)
        return EXIT_ERROR
    print(report.describe())
    say("reports are analysed again with the new model when the window next opens")
    return EXIT_OK


HANDLERS = {"eval-ner": _eval_ner, "train-ner": _train_ner}
