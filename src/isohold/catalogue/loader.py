"""Load the catalogue from its TOML files (the shipped folder or one the user points at)."""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from isohold.catalogue import parse
from isohold.catalogue.checks import check_references
from isohold.catalogue.education_parse import topic
from isohold.catalogue.fields import Entry
from isohold.domain.errors import CatalogueError
from isohold.domain.models import Catalogue

SHIPPED = Path(__file__).with_name("data")

T = TypeVar("T")
#: reads one catalogue file into its TOML data (raising tomllib.TOMLDecodeError or OSError)
Reader = Callable[[Path], dict[str, Any]]


def read_toml(file: Path) -> dict[str, Any]:
    with file.open("rb") as fh:
        return tomllib.load(fh)


def load_catalogue(path: Path | str | None = None, read: Reader = read_toml) -> Catalogue:
    """Load and validate a catalogue folder (default: the shipped one; settings pass
    `ISOHOLD_CATALOGUE` in). `read` turns a file into its TOML data (a caller may keep what
    it parsed before: services/catalogue_cache.py).

    Raises CatalogueError naming the file, entry and field of the first problem found.
    The shipped catalogue is parsed once per process and shared (it is immutable).
    """
    return _load(Path(path if path is not None else SHIPPED).resolve(), read)


@lru_cache(maxsize=8)
def _load(root: Path, read: Reader) -> Catalogue:
    if not root.is_dir():
        raise CatalogueError(f"catalogue folder {root} does not exist")
    sources = _keyed(root, read, "sources.toml", "sources", parse.source)
    rows = _keyed(root, read, "rows.toml", "rows", parse.row)
    exercises = _listed(root, read, "exercises", "exercise", "id", parse.exercise)
    protocols = _listed(root, read, "protocols", None, "id", parse.protocol)
    tests = _listed(root, read, "tests.toml", "test", "id", parse.assessment)
    red_flags = _listed(root, read, "red_flags.toml", "red_flag", "code", parse.red_flag)
    messages = _keyed(root, read, "messages.toml", "messages", parse.message)
    education = _listed(root, read, "education.toml", "topic", "id", topic)
    catalogue = Catalogue(
        sources=sources,
        rows=rows,
        exercises=exercises,
        protocols=protocols,
        tests=tests,
        red_flags=red_flags,
        messages=messages,
        origin=str(root),
        education=education,
    )
    check_references(catalogue)
    return catalogue


def _read(root: Path, read: Reader, file: Path) -> dict[str, Any]:
    rel = file.relative_to(root).as_posix()
    try:
        return read(file)
    except FileNotFoundError:
        raise CatalogueError(f"{rel}: file is missing") from None
    except tomllib.TOMLDecodeError as exc:
        raise CatalogueError(f"{rel}: not valid TOML ({exc})") from None


def _files(root: Path, name: str) -> Iterator[Path]:
    target = root / name
    if target.is_dir():
        yield from sorted(target.glob("*.toml"))
        return
    yield target


def _keyed(
    root: Path, read: Reader, name: str, table: str, build: Callable[[Entry], T]
) -> dict[str, T]:
    file = root / name
    data = _read(root, read, file).get(table)
    if not isinstance(data, dict):
        raise CatalogueError(f"{name}: needs a [{table}.<id>] table per entry")
    return {key: build(Entry(name, key, raw)) for key, raw in data.items()}


def _listed(
    root: Path,
    read: Reader,
    name: str,
    array: str | None,
    key: str,
    build: Callable[[Entry], T],
) -> dict[str, T]:
    """Entries from `[[array]]` tables (or one entry per file when `array` is None)."""
    out: dict[str, T] = {}
    where: dict[str, str] = {}
    for file in _files(root, name):
        rel = file.relative_to(root).as_posix()
        data = _read(root, read, file)
        raws = [data] if array is None else data.get(array)
        if not isinstance(raws, list) or not raws:
            raise CatalogueError(f"{rel}: needs at least one [[{array}]] table")
        for i, raw in enumerate(raws):
            ident = raw.get(key) if isinstance(raw, dict) else None
            label = ident if isinstance(ident, str) else f"#{i + 1}"
            if label in out:
                raise CatalogueError(f"{rel} [{label}]: duplicate {key}, also in {where[label]}")
            out[label] = build(Entry(rel, label, raw))
            where[label] = rel
    if not out:
        raise CatalogueError(f"{name}: no entries found")
    return out
