"""The PySide6 interface: a thin layer over :mod:`vnreader.core`."""
