"""A WebSocket's first message, parsed where it arrives: the run it asks for, told apart by its
`run` field (a discriminated union of pydantic models, strict), so the services get typed
arguments. Errors name the field as every other isohold input does. Used by the force socket
(web/force_messages.py) and the heart-rate socket (web/heart_rate_messages.py)."""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError

from isohold.domain.errors import InputError

Run = TypeVar("Run")


def parse_run(
    message: Any, runs: Collection[str], adapter: TypeAdapter[Run], numbers: Collection[str] = ()
) -> Run:
    """`message` as one of the runs `adapter` knows, or an InputError naming the field;
    `numbers` are the fields that must be numbers (a huge integer is refused as such)."""
    if not isinstance(message, Mapping):
        raise InputError("body", "send a JSON object")
    if message.get("run") not in runs:
        allowed = ", ".join(runs)
        raise InputError(
            "run", f"unknown value {message.get('run')!r:.40}; allowed values: {allowed}"
        )
    for name in numbers:
        value = message.get(name)
        if isinstance(value, int) and not isinstance(value, bool) and not _fits_float(value):
            raise InputError(name, "is far too large")
    try:
        return adapter.validate_python(dict(message))
    except ValidationError as exc:
        error = exc.errors()[0]
        field = ".".join(str(p) for p in error["loc"][1:]) or "body"
        value = message.get(field)
        if field in numbers:
            raise InputError(field, f"must be a number, got {value!r:.40}") from None
        raise InputError(field, f"{error['msg'].lower()}, got {value!r:.40}") from None


def _fits_float(value: int) -> bool:
    try:
        return math.isfinite(float(value))
    except OverflowError:
        return False
