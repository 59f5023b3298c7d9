"""The Qt-free core of vnreader: text, import, storage and entities.

Nothing under this package may import Qt; ``tests/test_architecture.py`` enforces it.
"""
