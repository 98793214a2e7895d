"""The heart-rate WebSocket's first message, parsed where it arrives: the wall-squat test or a
live heart-rate monitor for a guided hold, told apart by their `run` field (a discriminated
union), so the services get typed arguments. Errors name the field as every other isohold
input does."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from isohold.domain.errors import InputError

RUNS = ("wall-squat-test", "monitor")


class _Start(BaseModel):
    #: strict: 1 or true is not a device name; fields the page does not send are ignored
    model_config = ConfigDict(strict=True, extra="ignore", frozen=True)

    device: str = "simulated"


class TestStart(_Start):
    """The incremental wall-squat test (services/wall_squat_live.py)."""

    run: Literal["wall-squat-test"]


class MonitorStart(_Start):
    """Live heart rate during a plan's wall squat, against the band from the latest test."""

    run: Literal["monitor"]
    exercise: str = Field("wall-sit", max_length=80)


Start = Annotated[TestStart | MonitorStart, Field(discriminator="run")]
_START: TypeAdapter[TestStart | MonitorStart] = TypeAdapter(Start)


def parse_start(message: Any) -> TestStart | MonitorStart:
    """The client's first message as a typed run, or an InputError naming the field."""
    if not isinstance(message, Mapping):
        raise InputError("body", "send a JSON object")
    if message.get("run") not in RUNS:
        allowed = ", ".join(RUNS)
        raise InputError(
            "run", f"unknown value {message.get('run')!r:.40}; allowed values: {allowed}"
        )
    try:
        return _START.validate_python(dict(message))
    except ValidationError as exc:
        error = exc.errors()[0]
        field = ".".join(str(p) for p in error["loc"][1:]) or "body"
        raise InputError(field, f"{error['msg'].lower()}, got {message.get(field)!r:.40}") from None
