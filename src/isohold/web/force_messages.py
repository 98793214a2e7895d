"""The force WebSocket's first message, parsed where it arrives: a run is an MVC test or a
hold, told apart by its `run` field (a discriminated union), so the services get typed
arguments. Errors name the field as every other isohold input does."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from isohold.domain.errors import InputError
from isohold.services.force_live import DEFAULT_DEVICE, RUNS


class _Start(BaseModel):
    #: strict: "70" or true is not a number; fields the page does not send are ignored
    model_config = ConfigDict(strict=True, extra="ignore", frozen=True)

    device: str = DEFAULT_DEVICE
    exercise: str | None = None


class MvcStart(_Start):
    run: Literal["mvc"]


class HoldStart(_Start):
    run: Literal["hold"]
    #: % of the latest MVC and the hold's length; their ranges are the service's to judge
    pct: float
    seconds: float


Start = Annotated[MvcStart | HoldStart, Field(discriminator="run")]
_START: TypeAdapter[MvcStart | HoldStart] = TypeAdapter(Start)


def parse_start(message: Any) -> MvcStart | HoldStart:
    """The client's first message as a typed run, or an InputError naming the field."""
    if not isinstance(message, Mapping):
        raise InputError("body", "send a JSON object")
    if message.get("run") not in RUNS:
        allowed = ", ".join(RUNS)
        raise InputError("run", f"unknown value {message.get('run')!r}; allowed values: {allowed}")
    for name in ("pct", "seconds"):
        value = message.get(name)
        if isinstance(value, int) and not isinstance(value, bool) and not _fits_float(value):
            raise InputError(name, "is far too large")
    try:
        return _START.validate_python(dict(message))
    except ValidationError as exc:
        error = exc.errors()[0]
        field = ".".join(str(p) for p in error["loc"][1:]) or "body"
        value = message.get(field)
        if field in ("pct", "seconds"):
            raise InputError(field, f"must be a number, got {value!r}") from None
        raise InputError(field, f"{error['msg'].lower()}, got {value!r}") from None


def _fits_float(value: int) -> bool:
    try:
        return math.isfinite(float(value))
    except OverflowError:
        return False
