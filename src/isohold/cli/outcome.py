"""`isohold outcome`: outcome measures (PSFS, VISA-A and VISA-P totals, single-leg heel rises,
hop distance, decline-squat pain): what each is, record a result, and see them over time."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import typer

from isohold.cli.options import DbOption, Format, FormatOption

app = typer.Typer(help="Outcome measures: list them, record a result, see the trend.",
                  no_args_is_help=True)  # fmt: skip


def _num(x: float) -> str:
    return f"{x:g}"


@app.command("list")
def list_(db: DbOption = None, format: FormatOption = Format.text) -> None:
    """The measures isohold records, with their meaningful change and licence note."""
    from isohold.cli.context import services
    from isohold.cli.output import console, print_json
    from isohold.services.outcomes import measure_dict, measures

    with services(db) as ctx:
        found = [measure_dict(t, ctx.catalogue) for t in measures(ctx.catalogue)]
    if format is Format.json:
        print_json({"measures": found})
        return
    con = console()
    for m in found:
        side = " (each side)" if m["kind"] == "per_side" else ""
        con.print(f"[bold]{m['measure']}[/]: {m['name']}{side}, {m['unit']}, "
                  f"{m['better']} is better")  # fmt: skip
        con.print(f"  {m['change']}")
        con.print(f"  [dim]Licence: {m['licence']}[/]")


def _activities(items: list[str]) -> list[dict[str, str]] | None:
    from isohold.domain.errors import InputError

    if not items:
        return None
    out = []
    for item in items:
        name, sep, rating = item.rpartition("=")
        if not sep or not name.strip():
            raise InputError("--activity", f"{item[:40]!r} must look like 'Climbing stairs=4'")
        out.append({"name": name, "rating": rating.strip()})
    return out


def _day(text: str | None) -> date | None:
    from isohold.domain.errors import InputError

    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError("--day", f"{text[:40]!r} must be a date like 2026-11-20") from None


@app.command("add")
def add(
    measure: Annotated[str, typer.Argument(help="The measure's id (see `isohold outcome list`).")],
    score: Annotated[
        str | None, typer.Argument(help="The result: a total, a count, cm or pain 0-10.")
    ] = None,
    side: Annotated[str | None, typer.Option(help="left or right, for a one-leg test.")] = None,
    activity: Annotated[
        list[str] | None,
        typer.Option(
            help="PSFS: an activity and its rating 0-10, as 'Climbing stairs=4' "
            "(repeat for up to 5)."
        ),
    ] = None,
    by: Annotated[str, typer.Option(help="Who entered it: person or clinician.")] = "person",
    day: Annotated[str | None, typer.Option(help="The day of the test (default today).")] = None,
    uuid: Annotated[str | None, typer.Option(help="Client UUID (a replay is stored once).")] = None,
    db: DbOption = None,
    format: FormatOption = Format.text,
) -> None:
    """Record a result; prints the change since the first and whether it is meaningful."""
    from isohold.cli.context import services
    from isohold.cli.output import console, print_json
    from isohold.services.outcomes import record

    activities = _activities(activity or [])
    when = _day(day)
    with services(db) as ctx:
        done = record(ctx, measure, score=score, side=side, activities=activities, by=by,
                      day=when, uuid=uuid)  # fmt: skip
    if format is Format.json:
        print_json({"saved": done.saved, "measure": measure, **done.series.to_dict()})
        return
    con = console()
    series, entry = done.series, done.entry
    where = f" ({entry.side})" if entry.side else ""
    con.print(("Saved" if done.saved else "Already saved earlier (same UUID)")
              + f": {series.name}{where} {series.scoring.text(entry.score)}.")  # fmt: skip
    con.print(_trend(series))


def _trend(series: Any) -> str:
    points, change = series.points, series.change
    if change is None:
        return "The first result: later ones are compared with it."
    first = points[0]
    return (f"Since the first ({_num(first.score)} on {first.at:%d %b %Y}): "
            f"{change.delta:+g}, {change.words}.")  # fmt: skip


@app.command("history")
def history(
    measure: Annotated[str | None, typer.Argument(help="One measure (default: all).")] = None,
    db: DbOption = None,
    format: FormatOption = Format.text,
) -> None:
    """Every result of each measure, with the change since the first."""
    from isohold.cli.context import services
    from isohold.cli.output import console, print_json
    from isohold.services.outcomes import history as run_history

    with services(db) as ctx:
        found = run_history(ctx, measure)
    if format is Format.json:
        print_json({"series": [{"measure": s.measure, **s.to_dict()} for s in found]})
        return
    con = console()
    if not found:
        con.print("No results yet: record one with `isohold outcome add`.")
    for s in found:
        side = f", {s.side} side" if s.side else ""
        con.print(f"[bold]{s.name}{side}[/]")
        for p in s.points:
            extra = "; ".join(f"{a.name} {_num(a.rating)}" for a in p.activities)
            extra = f" ({extra})" if extra else ""
            who = " [dim]entered by a clinician[/]" if p.by == "clinician" else ""
            con.print(f"  {p.at:%d %b %Y}: {s.scoring.text(p.score)}{extra}{who}")
        con.print(f"  {_trend(s)}")
