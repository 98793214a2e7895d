"""`isohold today`: what to do now, this week so far, and the last response."""

from __future__ import annotations

from typing import Any

from isohold.cli.options import DbOption, Format, FormatOption
from isohold.cli.output import json_text


def today(db: DbOption = None, format: FormatOption = Format.text) -> None:
    """What to do today: the session, the morning check-in and yesterday's response."""
    import sys

    from isohold.cli import today_cache
    from isohold.cli.context import services
    from isohold.services import today as today_service

    with services(db) as ctx:
        computed = today_service.current(ctx)
        if format is Format.json:
            from isohold.services.documents import today_document

            text = json_text(today_document(computed.view))
        else:
            text = _text(computed.view, ctx.catalogue)
        sys.stdout.write(text)
        sys.stdout.flush()
        revision = ctx.db.peek("SELECT version_num FROM alembic_version")
        if revision is not None:  # kept for the next `isohold today` (cli/today_cache.py)
            today_cache.remember(db, format.value, computed.stamp, str(revision[0]),
                                 computed.since, computed.until, text)  # fmt: skip


def _text(view: Any, catalogue: Any) -> str:
    """What the terminal shows, as text with the terminal's styles, to print and to keep."""
    from io import StringIO

    from rich.console import Console

    from isohold.cli.output import console

    real = console()
    buffer = StringIO()
    out = Console(file=buffer, highlight=False, soft_wrap=False,
                  force_terminal=real.is_terminal, color_system=real.color_system,
                  width=real.width, no_color=real.no_color)  # fmt: skip
    _render(view, catalogue, out)
    return buffer.getvalue()


def _render(view: Any, catalogue: Any, con: Any) -> None:
    from isohold.domain import describe as d
    from isohold.domain.day_gate import urgency_words

    gate = view.gate
    con.print(f"[bold]Today, {view.day:%A %d %B}[/]")
    if gate.referral is not None:  # after a referral, nothing but the referral
        con.print(f"\n[bold red]{urgency_words(gate.referral.urgency)}[/]")
        con.print(gate.text)
        return
    if view.morning_advice:
        con.print(f"[bold red]{view.morning_advice}[/]")
    if view.checkin is None:
        con.print("• Morning check-in not done yet: [bold]isohold checkin[/]")
    else:
        con.print(f"• Morning check-in: pain {view.checkin[0]}/10, stiffness {view.checkin[1]}/10")
    if view.last_session_day is not None:
        pain = "-" if view.last_session_pain is None else f"{view.last_session_pain}/10"
        if view.morning_after is not None:
            after = f"{view.morning_after}/10"
        else:
            after = "check in tomorrow" if view.last_session_day == view.day else "no check-in"
        con.print(
            f"• Last session {view.last_session_day:%a %d %b}: pain during {pain}, "
            f"next morning {after}"
        )
    con.print(f"• This week: {view.sessions_this_week} of {view.sessions_per_week} sessions")
    if gate.text and gate.exercise_allowed:
        con.print(f"• Blood pressure: {gate.text}")
    for left in gate.left_out:
        ex = catalogue.exercises.get(left.exercise)
        con.print(f"• Left out today: {ex.name if ex else left.exercise} ({left.text})")
    state = view.state
    if state == "no_exercise":
        con.print(f"\n[bold red]{gate.text}[/]")
    elif state == "resume":
        con.print("\nAn unfinished session is waiting, its sets saved: [bold]isohold session[/]")
    elif state == "done":
        con.print("\nDone for today. Well done; rest and check in tomorrow morning.")
    elif state == "ended_early" and view.ended_early[0] == "stopped":
        note = view.ended_early[1]
        con.print(f"\n[yellow]Today's session stopped early.[/] {note or ''}".rstrip())
    elif state in ("due", "ended_early"):
        again = " again" if state == "ended_early" else ""
        con.print(f"\n[bold]Session due today[/] ([bold]isohold session[/]{again}):")
        for b in view.plan.program.blocks if view.plan.program else ():
            if b.exercise in gate.skipped:
                continue
            name = (
                catalogue.exercises[b.exercise].name
                if b.exercise in catalogue.exercises
                else b.exercise
            )
            ex = catalogue.exercises.get(b.exercise)
            dose = d.dose(b, ex.kind if ex is not None else "isometric")
            con.print(f"  {name}: {dose} · {d.intensity(b)} · {d.side(b)}")
    else:
        con.print(
            "\nThis week's sessions are done. Rest, or run the weekly review: isohold progress"
        )
