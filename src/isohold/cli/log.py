"""`isohold log`: record a set done without the coach."""

from __future__ import annotations

from typing import Annotated

import typer

from isohold.cli.options import DbOption, Format, FormatOption, finite
from isohold.domain.record_rules import HOLD_S, LOAD


def log(
    exercise: Annotated[str, typer.Argument(help="Exercise id from your plan.")],
    hold_s: Annotated[
        float,
        typer.Option("--hold-s", parser=finite(*HOLD_S), help="Seconds each hold lasted."),
    ],
    reps: Annotated[int, typer.Option(help="Holds done in the set.")] = 1,
    set_number: Annotated[int, typer.Option("--set", help="Which set this was (1, 2, ...).")] = 1,
    side: Annotated[str, typer.Option(help="left, right or both.")] = "both",
    pain: Annotated[int | None, typer.Option(help="Pain during the set, 0-10.")] = None,
    effort: Annotated[int | None, typer.Option(help="Effort, 0-10.")] = None,
    load: Annotated[
        float | None, typer.Option(parser=finite(*LOAD), help="Load used, in the plan's unit.")
    ] = None,
    session: Annotated[str | None, typer.Option(help="Add to this session (UUID).")] = None,
    uuid: Annotated[str | None, typer.Option(help="Client UUID (a replay is stored once).")] = None,
    db: DbOption = None,
    format: FormatOption = Format.text,
) -> None:
    """Record one set you did on your own; it counts like a guided one."""
    from isohold.cli.context import services
    from isohold.cli.output import console, print_json
    from isohold.domain.errors import InputError
    from isohold.domain.ids import check_uuid
    from isohold.services.log import log_set
    from isohold.services.sessions import SetDone

    if side not in ("left", "right", "both"):
        raise InputError("--side", f"unknown value {side!r}; allowed values: left, right, both")
    done = SetDone(
        exercise=exercise, set_number=set_number, side=side, reps_done=reps, hold_s=hold_s,
        uuid=check_uuid(uuid), load_value=load, effort=effort, pain_during=pain,
    )  # fmt: skip
    with services(db) as ctx:
        session_uuid = log_set(ctx, done, session)
    if format is Format.json:
        print_json({"set": done.uuid, "session": session_uuid})
    else:
        console().print(f"Saved set {set_number} of {exercise} ({reps} × {hold_s:g} s).")
