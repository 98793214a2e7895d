"""The force WebSocket's first message: a run is an MVC test or a hold, told apart by its `run`
field (web/ws_start.py parses it)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from isohold.services.force_live import DEFAULT_DEVICE, RUNS
from isohold.web.ws_start import parse_run


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
    return parse_run(message, RUNS, _START, numbers=("pct", "seconds"))
