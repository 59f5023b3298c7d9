"""Subcommand ``search``: corpus search from the command line.

One hit per line, ``id<TAB>title<TAB>hits<TAB>snippet``, with the hits in the snippet
marked «like this». No results is not an error: nothing on stdout, "0 documents" on
stderr, exit 0. Any query is safe (quotes, hyphens, brackets, operators); one without a
single word (only punctuation or spaces) is refused with exit 1.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from vnreader.core.paths import resolve_database_path
from vnreader.core.store import open_store

EXIT_OK, EXIT_ERROR = 0, 1  # as in vnreader.cli
_FLAT = str.maketrans({"\t": " ", "\n": " ", "\r": " "})


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Register ``search`` on the ``vnreader`` subparsers."""
    search = commands.add_parser(
        "search",
        help="search the library, ignoring accents (đ = d); prints id, title, hits, snippet",
    )
    search.add_argument(
        "query", metavar="QUERY", help='words (all must match), "a phrase", prefix*'
    )
    search.add_argument(
        "--limit", type=int, default=50, metavar="N", help="at most N documents (default 50)"
    )
    search.add_argument("--exact", action="store_true", help="accents and tones must match too")


def marked_snippet(text: str, spans: tuple[tuple[int, int], ...]) -> str:
    """``text`` with each span wrapped in «», on one line."""
    parts, last = [], 0
    for start, end in spans:
        parts += [text[last:start], "«", text[start:end], "»"]
        last = end
    parts.append(text[last:])
    return "".join(parts).translate(_FLAT)


def _search(args: argparse.Namespace) -> int:
    from vnreader.core.search import parse_query, search

    if args.limit < 1:
        print("vnreader: --limit must be at least 1", file=sys.stderr)
        return EXIT_ERROR
    if not parse_query(args.query):
        shown = args.query if len(args.query) <= 40 else args.query[:40] + "…"
        print(
            f"vnreader: the query {shown.translate(_FLAT)!r} has no word to search for;"
            " type at least one letter or digit",
            file=sys.stderr,
        )
        return EXIT_ERROR
    with open_store(resolve_database_path(args.db)) as store:
        hits = search(store, args.query, limit=args.limit, exact=args.exact)
    for hit in hits:
        title = hit.title.translate(_FLAT)
        snippet = marked_snippet(hit.snippet_text, hit.snippet_spans)
        print(f"{hit.document_id}\t{title}\t{hit.hits}\t{snippet}")
    noun = "document" if len(hits) == 1 else "documents"
    print(f"{len(hits)} {noun}", file=sys.stderr)
    return EXIT_OK


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {"search": _search}
