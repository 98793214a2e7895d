"""Typed reads from one raw TOML table, failing with an error that names file, entry and field."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from isohold.domain.errors import CatalogueError


class Entry:
    """One catalogue entry (a TOML table) being parsed; remembers which fields were read."""

    def __init__(self, where: str, key: str, raw: object) -> None:
        self.where = where
        self.key = key
        if not isinstance(raw, dict):
            raise self.error("entry", "must be a table")
        self.raw: dict[str, Any] = raw
        self._read: set[str] = set()

    def error(self, field: str, reason: str) -> CatalogueError:
        return CatalogueError(f"{self.where} [{self.key}]: field '{field}' {reason}")

    def _get(self, name: str, default: object, required: bool) -> object:
        self._read.add(name)
        if name not in self.raw:
            if required:
                raise self.error(name, "is missing")
            return default
        return self.raw[name]

    def text(self, name: str, *, required: bool = True, default: str = "") -> str:
        value = self._get(name, default, required)
        if not isinstance(value, str) or (required and not value.strip()):
            raise self.error(name, "must be a non-empty string")
        return value.strip()

    def opt_text(self, name: str) -> str | None:
        value = self._get(name, None, False)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.error(name, "must be a non-empty string when given")
        return value.strip()

    def choice(self, name: str, allowed: Iterable[str], *, default: str | None = None) -> str:
        allowed = tuple(allowed)
        value = self._get(name, default, default is None)
        if value not in allowed:
            raise self.error(name, f"has {value!r}; allowed: {', '.join(allowed)}")
        return str(value)

    def texts(self, name: str, *, required: bool = True, min_len: int = 0) -> tuple[str, ...]:
        value = self._get(name, [], required)
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.error(name, "must be a list of non-empty strings")
        if len(value) < min_len:
            raise self.error(name, f"needs at least {min_len} item(s)")
        return tuple(v.strip() for v in value)

    def choices(
        self, name: str, allowed: Iterable[str], *, required: bool = True, min_len: int = 1
    ) -> tuple[str, ...]:
        allowed = tuple(allowed)
        values = self.texts(name, required=required, min_len=min_len)
        for v in values:
            if v not in allowed:
                raise self.error(name, f"has unknown value {v!r}; allowed: {', '.join(allowed)}")
        if len(set(values)) != len(values):
            raise self.error(name, "has repeated values")
        return values

    def number(
        self, name: str, *, lo: float = 0, hi: float = 1e9, default: float | None = None
    ) -> float:
        value = self._get(name, default, default is None)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.error(name, "must be a number")
        if not lo <= value <= hi:
            raise self.error(name, f"is {value}; must be between {lo} and {hi}")
        return float(value)

    def opt_number(self, name: str, *, lo: float = 0, hi: float = 1e9) -> float | None:
        if self.raw.get(name) is None:
            self._read.add(name)
            return None
        return self.number(name, lo=lo, hi=hi)

    def integer(
        self, name: str, *, lo: int = 0, hi: int = 10**6, default: int | None = None
    ) -> int:
        value = self._get(name, default, default is None)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error(name, "must be a whole number")
        if not lo <= value <= hi:
            raise self.error(name, f"is {value}; must be between {lo} and {hi}")
        return value

    def opt_integer(self, name: str, *, lo: int = 0, hi: int = 10**6) -> int | None:
        if self.raw.get(name) is None:
            self._read.add(name)
            return None
        return self.integer(name, lo=lo, hi=hi)

    def flag(self, name: str, *, default: bool = False) -> bool:
        value = self._get(name, default, False)
        if not isinstance(value, bool):
            raise self.error(name, "must be true or false")
        return value

    def table(self, name: str, *, required: bool = True) -> Entry | None:
        value = self._get(name, None, required)
        if value is None:
            return None
        return Entry(self.where, f"{self.key}.{name}", value)

    def tables(self, name: str, *, min_len: int = 1) -> list[Entry]:
        value = self._get(name, [], min_len > 0)
        if not isinstance(value, list) or len(value) < min_len:
            raise self.error(name, f"must be a list of at least {min_len} table(s)")
        return [Entry(self.where, f"{self.key}.{name}[{i}]", v) for i, v in enumerate(value)]

    def done(self) -> None:
        """Refuse fields nobody read: a typo in the data must not pass silently."""
        unknown = sorted(set(self.raw) - self._read)
        if unknown:
            raise self.error(unknown[0], "is not a known field")
