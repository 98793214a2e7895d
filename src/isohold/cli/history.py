"""`isohold history` and `isohold stats`: what was done, and how it is going."""

from __future__ import annotations

from typing import Annotated

import typer

from isohold.cli.options import DbOption, Format, FormatOption


def history(
    days: Annotated[int, typer.Option(help="How many days back.", min=1, max=3650)] = 30,
    db: DbOption = None,
    format: FormatOption = Format.text,
) -> None:
    """Past sessions with their sets and the pain reported."""
    from isohold.cli.context import services
    from isohold.cli.output import console, print_json
    from isohold.services.desk_breaks import adherence
    from isohold.services.history import history as run_history

    with services(db) as ctx:
        lines = run_history(ctx, days)
        names = {k: e.name for k, e in ctx.catalogue.exercises.items()}
        weeks = [w for w in adherence(ctx, ctx.now().date(), weeks=max(1, days // 7))
                 if w.done or w.skipped or w.snoozed]  # fmt: skip
    if format is Format.json:
        from isohold.services.documents import history_document

        print_json(history_document(lines))
        return
    con = console()
    if not lines:
        con.print(f"No sessions in the last {days} days.")
    for line in lines:
        con.print(
            f"[bold]{line.day:%a %d %b %Y}[/]  {line.status}"
            + (f" ({line.note})" if line.note else "")
        )
        for st in line.sets:
            con.print(
                f"  {names.get(st.exercise, st.exercise)} set {st.set_number} {st.side}: "
                f"{st.reps_done}/{st.planned_reps} reps × {st.hold_s:g}/{st.planned_hold_s:g} s"
                + (f", pain {st.pain_during}/10" if st.pain_during is not None else "")
            )
        for exercise, pain, effort in line.reports:
            extra = f", effort {effort}/10" if effort is not None else ""
            con.print(f"  [dim]{names.get(exercise, exercise)}: pain {pain}/10{extra}[/]")
    if weeks:
        con.print("[bold]Desk breaks[/] by week")
    for w in weeks:
        share = "" if w.adherence is None else f" ({100 * w.adherence:.0f}% of those offered)"
        worst = "" if w.worst_pain is None else f", worst pain {w.worst_pain}/10"
        con.print(f"  week of {w.week:%d %b}: {w.done} done, {w.skipped} skipped{share}, "
                  f"{w.snoozed} snoozed{worst}")  # fmt: skip


def stats(db: DbOption = None, format: FormatOption = Format.text) -> None:
    """Adherence, pain trend and how each exercise's dose has moved."""
    from isohold.cli.context import services
    from isohold.cli.output import console, print_json
    from isohold.services.force_trends import mvc_trend
    from isohold.services.stats import stats as run_stats

    with services(db) as ctx:
        result = run_stats(ctx)
        names = {k: e.name for k, e in ctx.catalogue.exercises.items()}
        mvc = mvc_trend(ctx)
    if format is Format.json:
        from dataclasses import asdict

        from isohold.services.documents import plain, stats_document

        print_json({**stats_document(result), "mvc_tests": [plain(asdict(p)) for p in mvc]})
        return
    con = console()
    con.print(f"[bold]Adherence[/]: {result.adherence_pct:.0f}% of the sessions due so far")
    for w in result.weeks[-8:]:
        pain = "-" if w.mean_morning_pain is None else f"{w.mean_morning_pain:.1f}"
        during = "-" if w.mean_pain_during is None else f"{w.mean_pain_during:.1f}"
        con.print(
            f"  week of {w.week_start:%d %b}: {w.sessions}/{w.planned} sessions, "
            f"morning pain {pain}, pain during {during}"
        )
    change = result.morning_pain_change
    if change is not None:
        verdict = (
            "a meaningful improvement (2 points or more)"
            if result.meaningful_improvement
            else "not yet a meaningful change (2 points)"
        )
        con.print(f"[bold]Morning pain[/] changed by {change:+.1f} points: {verdict}.")
    if result.doses:
        con.print("[bold]Dose[/] (first → latest)")
    for d in result.doses:
        con.print(
            f"  {names.get(d.exercise, d.exercise)}: hold {d.first_hold_s:g} → {d.last_hold_s:g} s"
            + (f", intensity {d.first_intensity:g} → {d.last_intensity:g}"
               if d.first_intensity is not None and d.last_intensity is not None else "")
            + f" ({d.sets} set{'' if d.sets == 1 else 's'})"
        )  # fmt: skip
    if mvc:
        con.print("[bold]MVC tests[/] (force sensor)")
    for p in mvc:
        rfd = "" if p.peak_rfd is None else f", peak RFD {p.peak_rfd:,.0f} N/s"
        early = "" if p.rfd_100 is None else f", RFD 0-100 ms {p.rfd_100:,.0f} N/s"
        con.print(f"  {p.recorded_at:%d %b %Y}: {p.mvc_n:.0f} N{rfd}{early}")
