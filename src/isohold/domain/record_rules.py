"""The ranges of every number isohold records, in one place: live input (the API, the CLI) and
restored backups are held to the same rules. A value outside them is refused with the field
and the rule, never with the value itself (an import error must not print health data).
"""

from __future__ import annotations

import math
from typing import Any

from isohold.domain.errors import InputError

#: pain, stiffness and effort: the 0-10 numeric rating scale
SCORE = (0, 10)
SET_NUMBER = (1, 100)
REPS = (0, 100)
#: seconds a hold lasted (two hours is far beyond any isometric hold)
HOLD_S = (0.0, 7200.0)
#: the load used, in the block's intensity kind (% MVC, kg, effort...)
LOAD = (0.0, 10_000.0)
#: resting blood pressure, mmHg, and pulse, beats a minute (as `isohold bp add` accepts them)
SYSTOLIC = (60, 300)
DIASTOLIC = (30, 200)
PULSE = (25, 250)
#: an outcome's score: an MVC in newtons, seconds in the target band, a questionnaire score
OUTCOME_SCORE = (0.0, 100_000.0)


def whole(value: Any, field: str, bounds: tuple[int, int], *, optional: bool = False) -> int | None:
    """A whole number within `bounds` (None allowed when `optional`)."""
    if value is None and optional:
        return None
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or not (bounds[0] <= value <= bounds[1])
    ):
        raise InputError(field, f"must be a whole number from {bounds[0]} to {bounds[1]}")
    return value


def number(
    value: Any, field: str, bounds: tuple[float, float], *, optional: bool = False
) -> float | None:
    """A finite number within `bounds` (None allowed when `optional`)."""
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InputError(field, "must be a finite number")
    if not bounds[0] <= value <= bounds[1]:
        raise InputError(field, f"must be from {bounds[0]:g} to {bounds[1]:g}")
    return float(value)
