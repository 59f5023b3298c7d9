"""Dock panels around the reader."""
