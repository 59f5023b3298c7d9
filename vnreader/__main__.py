"""``python -m vnreader``: the same as the ``vnreader`` command."""

from vnreader.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
