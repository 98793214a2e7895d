"""The shipped catalogue (exercises, protocols, tests, red flags, sources) and its loader."""

from isohold.catalogue.loader import load_catalogue

__all__ = ["load_catalogue"]
