"""The heart-rate WebSocket's first message: the wall-squat test or a live heart-rate monitor
for a guided hold, told apart by their `run` field (web/ws_start.py parses it)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from isohold.web.ws_start import parse_run

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
    return parse_run(message, RUNS, _START)
