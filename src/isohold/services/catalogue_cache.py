"""The catalogue's files parsed once and kept in the user's cache folder, so a command that
starts (`isohold today`) reads one JSON file instead of parsing some fifty TOML files, most of
the catalogue's load time. A file's entry holds while its size and modification time stay;
anything else (a missing, unreadable or damaged cache) parses the files as before. The cache
holds the catalogue only (shipped, or the folder ISOHOLD_CATALOGUE names), no personal data,
and is written 0600 in a 0700 folder like isohold's other files.
"""

from __future__ import annotations

import json
from contextlib import suppress
from functools import lru_cache
from pathlib import Path
from typing import Any

from isohold.catalogue.loader import load_catalogue, read_toml
from isohold.domain.models import Catalogue
from isohold.private import private_folder, write_private

#: the cache's name; a new layout gets a new name
CACHE_FILE = "catalogue-v1.json"
#: the largest cache read back (the shipped catalogue's is about 0.4 MiB)
MAX_CACHE_BYTES = 16 * 2**20


def cache_folder() -> Path:
    from platformdirs import user_cache_path

    return user_cache_path("isohold", appauthor=False)


def load(path: str | None = None, folder: Path | None = None) -> Catalogue:
    """The catalogue at `path` (None: the shipped one), its files' TOML data kept in `folder`
    (default: the user's cache folder)."""
    keeper = _keeper((folder or cache_folder()) / CACHE_FILE)
    try:
        return load_catalogue(path, keeper)
    finally:
        keeper.save()


class _Keeper:
    """Reads a catalogue file through the cache (the loader's `read`)."""

    def __init__(self, file: Path) -> None:
        self.file = file
        self.kept: dict[str, list[Any]] = _read_cache(file)
        self.used: set[str] = set()
        self.changed = False

    def __call__(self, toml: Path) -> dict[str, Any]:
        stat = toml.stat()  # before reading: a change after it shows as a new stamp next time
        stamp = [stat.st_mtime_ns, stat.st_size]
        key = str(toml)
        self.used.add(key)
        found = self.kept.get(key)
        if found is not None and found[:2] == stamp and isinstance(found[2], dict):
            return found[2]
        data = read_toml(toml)
        if _plain(data):  # TOML dates and times do not survive JSON: such files are parsed
            self.kept[key] = [*stamp, data]
            self.changed = True
        return data

    def save(self) -> None:
        if not self.changed:
            return
        # only the files read here: a catalogue folder used once (a test's copy) leaves nothing
        kept = {k: v for k, v in self.kept.items() if k in self.used}
        with suppress(OSError):  # a read-only home or a full disk: parse again next time
            private_folder(self.file.parent)
            write_private(self.file, json.dumps(kept, separators=(",", ":")))
            self.changed = False


@lru_cache(maxsize=4)
def _keeper(file: Path) -> _Keeper:
    """One keeper a cache file and process, so the loader's own memory of a loaded catalogue
    (keyed by the reader) holds too."""
    return _Keeper(file)


def _read_cache(file: Path) -> dict[str, list[Any]]:
    try:
        if file.stat().st_size > MAX_CACHE_BYTES:
            return {}
        kept = json.loads(file.read_bytes())
    except (OSError, ValueError):
        return {}
    if not isinstance(kept, dict):
        return {}
    return {k: v for k, v in kept.items() if isinstance(v, list) and len(v) == 3}


def _plain(value: Any) -> bool:
    """Only what JSON keeps exactly: objects with text keys, lists, text, numbers, booleans."""
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_plain(v) for v in value)
    if isinstance(value, float):
        return value == value and value not in (float("inf"), float("-inf"))
    return isinstance(value, str | int | bool)
