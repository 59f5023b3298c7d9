"""vnreader: a desktop reader and annotator for Vietnamese reports."""

__version__ = "0.1.0"
