"""`isohold desk export --format ics`: the break schedule for a calendar app."""

from __future__ import annotations

from datetime import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(help="Desk micro-breaks.", no_args_is_help=True)


class CalendarFormat(StrEnum):
    ics = "ics"


def _clock(text: str, field: str) -> time:
    from isohold.domain.errors import InputError

    try:
        return time.fromisoformat(text)
    except ValueError:
        raise InputError(field, f"{text!r} must be a time like 09:00") from None


@app.command("export")
def export(
    format: Annotated[
        CalendarFormat, typer.Option("--format", "-f", help="ics")
    ] = CalendarFormat.ics,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="File (default: stdout).")] = None,
    interval_min: Annotated[
        float, typer.Option(min=5, max=240, help="Minutes between breaks.")
    ] = 20,
    duration_s: Annotated[float, typer.Option(min=10, max=600, help="Break length.")] = 30,
    start: Annotated[str, typer.Option(help="Work day start, HH:MM.")] = "09:00",
    end: Annotated[str, typer.Option(help="Work day end, HH:MM.")] = "17:00",
    tz: Annotated[str, typer.Option(help="Time zone, e.g. Europe/London.")] = "UTC",
) -> None:
    """Write the break schedule (default: 30 s every 20 min, reference row T5.11) as iCalendar."""
    from datetime import date
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from isohold.domain.breaks import BreakSchedule
    from isohold.domain.errors import InputError
    from isohold.services.desk import export_ics

    try:
        zone = ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise InputError("--tz", f"unknown time zone {tz!r}") from None
    try:
        schedule = BreakSchedule(tz=zone, interval_min=interval_min, duration_s=duration_s,
                                 work_start=_clock(start, "--start"),
                                 work_end=_clock(end, "--end"))  # fmt: skip
    except ValueError as error:
        raise InputError("schedule", str(error)) from None
    data = export_ics(schedule, date.today())
    if out is None:
        typer.echo(data.decode())
    else:
        out.write_bytes(data)
