"""The catalogue's files kept parsed in the cache folder: the same catalogue from the cache as
from the files, a changed file parsed again, a damaged cache ignored, private file modes."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from isohold.catalogue import loader
from isohold.services import catalogue_cache


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the catalogue files parsed from TOML (not taken from the cache)."""
    names: list[str] = []
    read = catalogue_cache.read_toml

    def counting(file: Path) -> dict[str, object]:
        names.append(file.name)
        return read(file)

    monkeypatch.setattr(catalogue_cache, "read_toml", counting)
    catalogue_cache._keeper.cache_clear()
    return names


def _fresh_process() -> None:
    """What a new process starts with: no keeper and no loaded catalogue in memory."""
    catalogue_cache._keeper.cache_clear()


def test_the_cache_gives_the_same_catalogue_without_parsing(
    tmp_path: Path, parsed: list[str], catalogue_copy: Callable[[], Path]
) -> None:
    folder = catalogue_copy()
    first = catalogue_cache.load(str(folder), tmp_path / "cache")
    assert parsed, "the first load parses the files"
    parsed.clear()
    _fresh_process()
    again = catalogue_cache.load(str(folder), tmp_path / "cache")
    assert parsed == []
    assert again == first == loader.load_catalogue(folder)


def test_a_changed_file_is_parsed_again(
    tmp_path: Path, parsed: list[str], catalogue_copy: Callable[[], Path]
) -> None:
    folder = catalogue_copy()
    catalogue_cache.load(str(folder), tmp_path / "cache")
    messages = folder / "messages.toml"
    messages.write_text(messages.read_text() + "\n# an edit\n")
    parsed.clear()
    _fresh_process()
    catalogue_cache.load(str(folder), tmp_path / "cache")
    assert parsed == ["messages.toml"]


@pytest.mark.parametrize("damage", [b"{not json", b"[1, 2]", b'{"x": [1, 2, "three"]}', b""])
def test_a_damaged_cache_is_ignored_and_written_again(
    tmp_path: Path, parsed: list[str], catalogue_copy: Callable[[], Path], damage: bytes
) -> None:
    folder = catalogue_copy()
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / catalogue_cache.CACHE_FILE).write_bytes(damage)
    loaded = catalogue_cache.load(str(folder), cache)
    assert loaded == loader.load_catalogue(folder) and parsed
    parsed.clear()
    _fresh_process()
    catalogue_cache.load(str(folder), cache)
    assert parsed == []


def test_the_cache_is_private_and_keeps_only_the_files_read(
    tmp_path: Path, parsed: list[str], catalogue_copy: Callable[[], Path]
) -> None:
    cache = tmp_path / "cache"
    catalogue_cache.load(str(catalogue_copy()), cache)
    _fresh_process()
    second = catalogue_copy()
    catalogue_cache.load(str(second), cache)
    file = cache / catalogue_cache.CACHE_FILE
    assert stat.S_IMODE(file.stat().st_mode) == 0o600
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    import json

    kept = json.loads(file.read_text())
    assert kept and all(key.startswith(str(second)) for key in kept)


def test_a_cache_folder_that_cannot_be_written_changes_nothing(
    tmp_path: Path, parsed: list[str], catalogue_copy: Callable[[], Path]
) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("")
    folder = catalogue_copy()
    assert catalogue_cache.load(str(folder), blocked / "cache") == loader.load_catalogue(folder)
    assert not os.path.exists(blocked / "cache")
