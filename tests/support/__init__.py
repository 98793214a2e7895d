"""Helpers the tests share (imported by path, unlike fixtures, which live in conftest files)."""
