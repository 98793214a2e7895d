"""Options shared by several commands."""

from __future__ import annotations

import math
from collections.abc import Callable
from enum import StrEnum
from typing import Annotated

import typer


class Format(StrEnum):
    text = "text"
    json = "json"


FormatOption = Annotated[Format, typer.Option("--format", "-f", help="text or json")]
DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database URL (default: $ISOHOLD_DB, else a SQLite file in your data folder).",
    ),
]


def finite(lo: float, hi: float, *, above: bool = False) -> Callable[[str], float]:
    """A parser for a number option: refuses `nan`, `inf`, and values outside [lo, hi]
    ((lo, hi] when `above`), with the reason in the usage error (exit code 2)."""

    def parse(text: str | float) -> float:
        try:
            value = float(text)
        except (TypeError, ValueError):
            raise _invalid(f"{str(text)[:40]!r} is not a number") from None
        if not math.isfinite(value):
            raise _invalid("must be a finite number (not nan or infinity)")
        low_ok = value > lo if above else value >= lo
        if not low_ok or value > hi:
            side = "above" if above else "from"
            raise _invalid(f"must be {side} {lo:g} and at most {hi:g}, got {value:g}")
        return value

    return parse


def _invalid(reason: str) -> Exception:
    """An error Typer shows as `Invalid value for '--option': <reason>` (exit code 2)."""
    from pydantic_core import PydanticCustomError

    return PydanticCustomError("isohold_number", reason)
