"""`isohold session`: the guided session in the terminal (the coach)."""

from __future__ import annotations

from typing import Annotated

import typer

from isohold.cli.options import DbOption


def session(
    resume: Annotated[
        bool | None,
        typer.Option("--resume/--new", help="Resume an unfinished session, or start a new one."),
    ] = None,
    speak: Annotated[bool, typer.Option(help="Speak the cues (needs espeak-ng).")] = False,
    bell: Annotated[bool, typer.Option(help="Ring the terminal bell at each phase.")] = True,
    db: DbOption = None,
) -> None:
    """Be guided through today's holds: countdowns, cues, pain check after each exercise."""
    from isohold.cli.coach.cues import Cues
    from isohold.cli.coach.run import Coach
    from isohold.cli.context import services
    from isohold.cli.output import console
    from isohold.cli.prompts import Asker
    from isohold.domain.profile import BloodPressure
    from isohold.services import checkins, sessions

    con = console()
    ask = Asker(con)
    with services(db) as ctx:
        unfinished = sessions.interrupted(ctx)
        state = None
        if unfinished and resume is not False:
            last = unfinished[-1]
            question = (
                f"A session from {last.started_at:%a %d %b %H:%M} was not finished "
                f"({len(last.done)} sets saved). Resume it?"
            )
            if resume or ask.yes_no(question, default=True):
                state = sessions.start(ctx, resume=last.uuid)
        if state is None:
            state = sessions.start(ctx)
        skip: set[str] = set()
        blocks = state.plan.program.blocks if state.plan.program else ()
        bp_blocks = {
            b.exercise
            for b in blocks
            if b.protocol in ctx.catalogue.protocols
            and ctx.catalogue.protocols[b.protocol].blood_pressure
        }
        if bp_blocks:
            verdict = checkins.bp_gate_today(ctx)
            if verdict.code == "measure_first":
                con.print(verdict.text)
                reading = ask.blood_pressure("Your resting blood pressure now")
                if reading is not None:
                    bp = BloodPressure(reading["systolic"], reading["diastolic"])
                    _, verdict = checkins.record_bp(ctx, bp)
            if verdict.code == "no_exercise":
                con.print(f"[bold red]{verdict.text}[/]")
                sessions.finish(ctx, state.uuid, "stopped", note=verdict.text)
                raise typer.Exit(1)
            if verdict.code != "ok":
                con.print(f"[yellow]{verdict.text} Blood-pressure holds are left out today.[/]")
                skip |= bp_blocks
        coach = Coach(ctx, con, Cues(bell=bell, speak=speak))
        outcome = coach.run(state, frozenset(skip))
    style = {"complete": "bold green", "partial": "yellow", "stopped": "bold red"}[outcome.status]
    con.print(f"\n[{style}]Session {outcome.status}[/]: {outcome.sets_saved} sets saved.")
    if outcome.message:
        con.print(outcome.message)
    if outcome.status == "complete":
        con.print("Well done. Tomorrow morning, record how you feel: [bold]isohold checkin[/]")
