"""isohold: evidence-based isometric exercise therapy."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    """`isohold.__version__`, read from the installed package's metadata when asked."""
    if name == "__version__":
        from importlib.metadata import version

        return version("isohold")
    raise AttributeError(name)
