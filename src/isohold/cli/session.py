"""`isohold session`: the guided session in the terminal (the coach)."""

from __future__ import annotations

from typing import Annotated, Any, NoReturn

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
    from isohold.services import checkins, gate, sessions

    con = console()
    ask = Asker(con)
    with services(db) as ctx:
        today = gate.today(ctx)
        if not today.exercise_allowed:
            _refuse(con, today)
        if today.code == "measure_first":
            con.print(today.text)
            reading = ask.blood_pressure("Your resting blood pressure now")
            if reading is not None:
                checkins.record_bp(ctx, BloodPressure(reading["systolic"], reading["diastolic"]))
                today = gate.today(ctx)
                if not today.exercise_allowed:
                    _refuse(con, today)
        unfinished = sessions.interrupted(ctx)
        state = None
        if unfinished and resume is not False:
            last = unfinished[-1]
            question = (
                f"A session from {last.started_at:%a %d %b %H:%M} was not finished "
                f"({len(last.done)} set{'' if len(last.done) == 1 else 's'} saved). Resume it?"
            )
            if resume or ask.yes_no(question, default=True):
                state = sessions.start(ctx, resume=last.uuid)
        if state is None:
            state = sessions.start(ctx)
        if state.gate_text and state.gate_code != "go":
            con.print(f"[yellow]{state.gate_text}[/]")
        elif state.gate_text:
            con.print(state.gate_text)
        for left in state.left_out:
            ex = ctx.catalogue.exercises.get(left.exercise)
            name = ex.name if ex else left.exercise
            con.print(f"[yellow]Left out today: {name} ({left.text}).[/]")
        coach = Coach(ctx, con, Cues(bell=bell, speak=speak))
        outcome = coach.run(state, state.skipped)
    style = {"complete": "bold green", "partial": "yellow", "stopped": "bold red",
             "interrupted": "yellow"}[outcome.status]  # fmt: skip
    saved = f"{outcome.sets_saved} set{'' if outcome.sets_saved == 1 else 's'}"
    con.print(f"\n[{style}]Session {outcome.status}[/]: {saved} saved.")
    if outcome.message:
        con.print(outcome.message)
    if outcome.status == "complete":
        con.print("Well done. Tomorrow morning, record how you feel: [bold]isohold checkin[/]")


def _refuse(con: Any, today: Any) -> NoReturn:
    """After a referral, or with a reading too high to exercise: say so, and nothing else."""
    from isohold.domain.day_gate import urgency_words

    if today.urgency is not None:
        con.print(f"[bold red]{urgency_words(today.urgency)}[/]")
    con.print(today.text)
    con.print("There is no session today: please follow the advice above.")
    raise typer.Exit(1)
