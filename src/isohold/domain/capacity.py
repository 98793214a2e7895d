"""Capacity test results the weekly review reads to move a stage on (heel rises, hop distance,
pain on a single-leg decline squat): the latest result of each test, on each side.

`isohold review --tests FILE` and the `tests` of `POST /api/v1/review` give them as
`{"tests": [{"test": "<catalogue test id>", "value": number, "side": "left" | "right"}]}`
(`side` may be left out for a test of both legs); a later entry for the same test and side
replaces an earlier one. The training log gives the same from the outcome measures recorded.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from isohold.domain.errors import InputError

#: test id -> side ("left", "right" or "both") -> the latest value
Results = Mapping[str, Mapping[str, float]]
SIDES = ("left", "right", "both")
#: no test result comes near this (rises, centimetres, points)
MAX_VALUE = 10_000


def parse_results(raw: object, known: Mapping[str, object]) -> Results:
    """Validate `{"tests": [...]}` against the catalogue's test ids; raises InputError naming
    the first bad field."""
    if not isinstance(raw, Mapping) or "tests" not in raw:
        raise InputError("tests", 'must be an object {"tests": [...]}')
    extra = sorted(set(raw) - {"tests"})
    if extra:
        raise InputError(extra[0], "unknown field; allowed fields: tests")
    items = raw["tests"]
    if not isinstance(items, list):
        raise InputError("tests", "must be a list")
    out: dict[str, dict[str, float]] = {}
    for i, item in enumerate(items):
        test, side, value = _entry(item, f"tests[{i}]", known)
        out.setdefault(test, {})[side] = value
    return out


def _entry(item: Any, where: str, known: Mapping[str, object]) -> tuple[str, str, float]:
    if not isinstance(item, Mapping):
        raise InputError(where, "must be an object")
    unknown = sorted(set(item) - {"test", "value", "side"})
    if unknown:
        raise InputError(
            f"{where}.{unknown[0]}", "unknown field; allowed fields: test, value, side"
        )
    test = item.get("test")
    if not isinstance(test, str) or test not in known:
        raise InputError(
            f"{where}.test", f"unknown test {test!r}; catalogue tests: {', '.join(sorted(known))}"
        )
    value = item.get("value")
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= MAX_VALUE:
        raise InputError(f"{where}.value", f"must be a number from 0 to {MAX_VALUE}, got {value!r}")
    side = item.get("side", "both")
    if side not in SIDES:
        raise InputError(f"{where}.side", f"unknown value {side!r}; allowed values: left, right")
    return str(test), str(side), float(value)
