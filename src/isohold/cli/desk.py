"""`isohold desk`: isometric micro-breaks through the work day.

isohold desk [--terminal]     run in the background: desktop notifications (or the terminal)
isohold desk break            take a guided break now
isohold desk status           when the next break is and what it holds
isohold desk settings ...     work days and hours, interval, quiet times, calendar file
isohold desk autostart        start the reminder with the desktop session
isohold desk export -f ics    the schedule for a calendar app
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from isohold.cli.options import DbOption, Format, FormatOption

app = typer.Typer(help="Desk micro-breaks: short guided holds through the work day.")


class CalendarFormat(StrEnum):
    ics = "ics"


@app.callback(invoke_without_command=True)
def run(
    typer_ctx: typer.Context,
    terminal: Annotated[
        bool, typer.Option("--terminal", help="Offer and guide breaks in this terminal.")
    ] = False,
    breaks: Annotated[
        int | None, typer.Option(min=1, help="Stop after this many breaks (default: never).")
    ] = None,
    speak: Annotated[bool, typer.Option(help="Speak the cues (needs espeak-ng).")] = False,
    db: DbOption = None,
) -> None:
    """Run the break reminder: it waits for each break, skips meetings and quiet times, pauses
    while the screen is locked or the computer idle, and records every break."""
    if typer_ctx.invoked_subcommand is not None:
        return
    import asyncio

    from isohold.cli.coach.cues import Cues
    from isohold.cli.coach.run import time_scale
    from isohold.cli.context import services
    from isohold.cli.desk_terminal import TerminalScreen
    from isohold.cli.output import console
    from isohold.desktop.notify import NotificationScreen, notifications_available
    from isohold.desktop.presence import for_this_platform
    from isohold.domain.errors import InputError
    from isohold.services.desk_breaks import status
    from isohold.services.desk_runner import BreakScreen, DeskRunner

    con = console()
    screen: BreakScreen
    if terminal:
        screen = TerminalScreen(con, Cues(speak=speak), scale=time_scale())
    else:
        if not notifications_available():
            raise InputError(
                "--terminal",
                "no desktop notification service was found here; "
                "run `isohold desk --terminal` instead",
            )
        screen = NotificationScreen()
    with services(db) as ctx:
        st = status(ctx, ctx.utc())
        _print_next(con, st, ctx.utc())
        runner = DeskRunner(ctx, screen, for_this_platform())

        async def serve() -> None:
            try:
                await runner.run(breaks)
            finally:
                if isinstance(screen, NotificationScreen):
                    await screen.aclose()

        try:
            asyncio.run(serve())
        except KeyboardInterrupt:
            con.print("\nDesk breaks stopped. Every break so far is saved.")


def _print_next(con: Any, st: Any, now: Any) -> None:
    if st.next_at is None:
        con.print("No work time in the next two weeks: check `isohold desk settings`.")
        return

    local = st.next_at.astimezone(st.settings.schedule.tz)
    when = "now" if st.due(now) else f"{local:%a %H:%M}"
    names = ", ".join(h.name for h in st.holds) or "none in your plan"
    con.print(f"Next desk break: {when} ({st.length_s:g} s: {names}).")
    if st.warning:
        con.print(f"[yellow]{st.warning}[/]")


@app.command("break")
def take_break(
    speak: Annotated[bool, typer.Option(help="Speak the cues (needs espeak-ng).")] = False,
    db: DbOption = None,
) -> None:
    """Take a guided break now (it counts as the next break)."""
    import asyncio

    from isohold.cli.coach.cues import Cues
    from isohold.cli.coach.run import time_scale
    from isohold.cli.context import services
    from isohold.cli.desk_terminal import TerminalScreen
    from isohold.cli.output import console
    from isohold.domain.errors import NoDeskBreaksError
    from isohold.domain.ids import new_uuid
    from isohold.services import desk_breaks

    con = console()
    with services(db) as ctx:
        now = ctx.utc()
        st = desk_breaks.status(ctx, now)
        if not st.holds:
            raise NoDeskBreaksError()
        if st.stopped is not None:
            from isohold.domain.errors import ConflictError

            raise ConflictError(st.stopped)
        guided = asyncio.run(TerminalScreen(con, Cues(speak=speak), scale=time_scale()).guide(st))
        outcome = "done" if guided.done else "skipped"
        holds = tuple(h.exercise for h in st.holds)
        done = desk_breaks.BreakDone(new_uuid(), outcome, now, holds, guided.pain)
        desk_breaks.record(ctx, done, ctx.utc())
    con.print(f"Break {outcome} and saved.")


@app.command("status")
def show_status(db: DbOption = None, format: FormatOption = Format.text) -> None:
    """When the next break is due and which holds it offers."""
    from isohold.cli.context import services
    from isohold.cli.output import console, print_json
    from isohold.services.desk_breaks import status

    with services(db) as ctx:
        now = ctx.utc()
        st = status(ctx, now)
    if format is Format.json:
        print_json(st.to_dict())
        return
    _print_next(console(), st, now)


@app.command("settings")
def settings(
    start: Annotated[str | None, typer.Option(help="Work day start, HH:MM.")] = None,
    end: Annotated[str | None, typer.Option(help="Work day end, HH:MM.")] = None,
    days: Annotated[str | None, typer.Option(help="Work days, e.g. mon,tue,wed,thu,fri.")] = None,
    interval: Annotated[float | None, typer.Option(help="Minutes between breaks.")] = None,
    duration: Annotated[float | None, typer.Option(help="Break length in seconds.")] = None,
    quiet: Annotated[
        list[str] | None,
        typer.Option(help="A quiet time, HH:MM-HH:MM (repeat the option; 'none' clears)."),
    ] = None,
    calendar: Annotated[
        str | None, typer.Option(help="An .ics file your calendar app exports ('none' clears).")
    ] = None,
    long_every: Annotated[
        int | None, typer.Option(help="Make every Nth break a longer one (0 turns it off).")
    ] = None,
    long_s: Annotated[float | None, typer.Option(help="Length of a longer break, seconds.")] = None,
    tz: Annotated[str | None, typer.Option(help="Time zone, e.g. Europe/London.")] = None,
    db: DbOption = None,
    format: FormatOption = Format.text,
) -> None:
    """Show the break settings, or change the ones given."""
    from isohold.cli.context import services
    from isohold.cli.output import console, print_json
    from isohold.services.desk_breaks import get_settings, update_settings

    changes: dict[str, Any] = {}
    simple = {"start": start, "end": end, "interval_min": interval, "duration_s": duration,
              "tz": tz, "long_s": long_s}  # fmt: skip
    changes.update({k: v for k, v in simple.items() if v is not None})
    if days is not None:
        changes["work_days"] = [d.strip() for d in days.split(",") if d.strip()]
    if quiet is not None:
        changes["quiet"] = [] if quiet == ["none"] else [_span(q) for q in quiet]
    if calendar is not None:
        changes["calendar"] = None if calendar == "none" else str(Path(calendar).expanduser())
    if long_every is not None:
        changes["long_every"] = long_every or None
        if not long_every:
            changes["long_s"] = None
    with services(db) as ctx:
        now = ctx.utc()
        current = update_settings(ctx, changes, now) if changes else get_settings(ctx)
    document = current.to_dict()
    if format is Format.json:
        print_json(document)
        return
    con = console()
    s = current.schedule
    con.print(f"Work days: {', '.join(document['work_days'])}, {document['start']}-"
              f"{document['end']} ({s.tz.key})")  # fmt: skip
    con.print(f"A {s.duration_s:g}-second break every {s.interval_min:g} minutes of work.")
    if current.long_every:
        con.print(f"Every {current.long_every}th break is longer: {current.long_s:g} s.")
    for a, b in document["quiet"]:
        con.print(f"Quiet time: {a}-{b}")
    con.print(f"Calendar: {current.calendar or 'none (breaks do not know about meetings)'}")


def _span(text: str) -> list[str]:
    from isohold.domain.errors import InputError

    parts = text.split("-")
    if len(parts) != 2:
        raise InputError("--quiet", f"{text!r} must look like 12:00-13:00")
    return [parts[0].strip(), parts[1].strip()]


@app.command("autostart")
def autostart(
    remove: Annotated[bool, typer.Option("--remove", help="Stop starting with it.")] = False,
    db: DbOption = None,
) -> None:
    """Start the break reminder with your desktop session (or stop doing so with --remove)."""
    import sys

    from isohold.desktop.autostart import this_computer

    item = this_computer(sys.executable, db)
    if remove:
        item.path.unlink(missing_ok=True)
        typer.echo(f"Removed {item.path}: desk breaks no longer start with your session.")
        return
    item.path.parent.mkdir(parents=True, exist_ok=True)
    item.path.write_bytes(item.text)
    typer.echo(f"Wrote {item.path}: desk breaks start when you next log in.")


@app.command("export")
def export(
    format: Annotated[
        CalendarFormat, typer.Option("--format", "-f", help="ics")
    ] = CalendarFormat.ics,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="File (default: stdout).")] = None,
    interval_min: Annotated[float | None, typer.Option(help="Minutes between breaks.")] = None,
    duration_s: Annotated[float | None, typer.Option(help="Break length, seconds.")] = None,
    start: Annotated[str | None, typer.Option(help="Work day start, HH:MM.")] = None,
    end: Annotated[str | None, typer.Option(help="Work day end, HH:MM.")] = None,
    tz: Annotated[str | None, typer.Option(help="Time zone, e.g. Europe/London.")] = None,
    db: DbOption = None,
) -> None:
    """Write your break schedule (work days, hours, interval, quiet times) as iCalendar; the
    options override your saved settings for this file only."""
    from datetime import date

    from isohold.cli.context import services
    from isohold.domain.desk_settings import parse_settings
    from isohold.reports.ics import export_ics
    from isohold.services.desk_breaks import get_settings

    given = {"interval_min": interval_min, "duration_s": duration_s, "start": start, "end": end,
             "tz": tz}  # fmt: skip
    with services(db) as ctx:
        saved = get_settings(ctx)
    schedule = parse_settings({k: v for k, v in given.items() if v is not None}, saved).schedule
    data = export_ics(schedule, date.today())
    if out is None:
        typer.echo(data.decode())
    else:
        from isohold.cli.files import write_output

        write_output(out, data, "--out")
