"""`isohold bp`: blood pressure. Readings typed in or from a Bluetooth cuff, the guided home
week and its averages, the wall-squat test that sets the training angle, and live heart rate."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from isohold.cli.options import DbOption, Format, FormatOption

app = typer.Typer(
    help="Blood pressure: readings, the home week, the wall-squat test, heart rate.",
    no_args_is_help=True,
)

_STYLE = {"ok": "green", "no_bp_training": "yellow", "no_exercise": "bold red"}


def _at(text: str | None) -> datetime | None:
    from isohold.domain.errors import InputError

    if text is None:
        return None
    try:
        at = datetime.fromisoformat(text)
    except ValueError:
        raise InputError(
            "--at", f"{text!r:.40} is not a date and time like 2026-11-02T07:30"
        ) from None
    if at.tzinfo is not None:
        raise InputError("--at", "give your local time without a time-zone offset")
    return at.replace(microsecond=0)


@app.command("add")
def add(
    reading: Annotated[str, typer.Argument(help="Systolic/diastolic in mmHg, e.g. 128/82.")],
    pulse: Annotated[int | None, typer.Option(help="Pulse, beats a minute.")] = None,
    at: Annotated[
        str | None, typer.Option(help="When it was taken (local time, 2026-11-02T07:30); now.")
    ] = None,
    position: Annotated[
        str | None, typer.Option(help="seated (the default for home readings), standing, lying.")
    ] = None,
    uuid: Annotated[str | None, typer.Option(help="Client UUID (a replay is stored once).")] = None,
    db: DbOption = None,
    format: FormatOption = Format.text,
) -> None:
    """Save a seated resting reading and say what it means for today's training."""
    from isohold.cli.context import services
    from isohold.cli.output import console, print_json
    from isohold.services.checkins import parse_bp, record_bp

    bp = parse_bp(reading)
    with services(db) as ctx:
        created, verdict = record_bp(
            ctx, bp, pulse=pulse, uuid=uuid, measured_at=_at(at), position=position
        )
    if format is Format.json:
        print_json(
            {
                "saved": created,
                "systolic": bp.systolic,
                "diastolic": bp.diastolic,
                "pulse": pulse,
                "verdict": {"code": verdict.code, "text": verdict.text},
            }
        )
        return
    console().print(f"[{_STYLE.get(verdict.code, 'cyan')}]{verdict.text}[/]")


@app.command("cuff")
def cuff(
    device: Annotated[str, typer.Option(help="cuff (Bluetooth) or simulated.")] = "cuff",
    db: DbOption = None,
    format: FormatOption = Format.text,
) -> None:
    """Read the readings a Bluetooth blood-pressure cuff sends (take one first) and save them."""
    from isohold.cli.context import services
    from isohold.cli.output import console, print_json
    from isohold.services.home_bp import read_cuff

    with services(db) as ctx:
        result = read_cuff(ctx, device)
    if format is Format.json:
        print_json(result.to_dict())
        return
    con = console()
    con.print(
        f"{result.device}: {result.saved} reading(s) saved"
        + (f", {result.repeated} already saved" if result.repeated else "")
        + "."
    )
    for r in result.readings:
        at = datetime.fromisoformat(r["measured_at"])
        pulse = f", pulse {r['pulse']}" if r["pulse"] else ""
        con.print(f"  {at:%a %d %b %H:%M}  {r['systolic']}/{r['diastolic']} mmHg{pulse}")
    if result.readings:
        verdict = result.readings[-1]["verdict"]
        con.print(f"[{_STYLE.get(verdict['code'], 'cyan')}]{verdict['text']}[/]")
    for note in result.notes:
        con.print(f"[yellow]{note}[/]")


@app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(help="JSON or CSV of readings with their times.")],
    db: DbOption = None,
    format: FormatOption = Format.text,
) -> None:
    """Save recorded readings: JSON {"readings": [{"measured_at": "2026-11-02T07:30",
    "systolic": 132, "diastolic": 84, "pulse": 66, "position": "seated"}]} or a CSV with
    those columns. Every reading is checked first; one imported again is stored once."""
    from isohold.cli.context import services
    from isohold.cli.files import read_document, read_text
    from isohold.cli.output import console, print_json
    from isohold.services.home_bp import import_readings, readings_from_csv

    items: Any
    if file.suffix.lower() == ".csv":
        items = readings_from_csv(read_text(file, "file"))
    else:
        document = read_document(file, "file")
        items = document.get("readings") if isinstance(document, dict) else document
    with services(db) as ctx:
        saved, repeated = import_readings(ctx, items, device=None)
    if format is Format.json:
        print_json({"saved": saved, "repeated": repeated})
        return
    console().print(
        f"{saved} reading(s) saved" + (f", {repeated} already saved" if repeated else "") + "."
    )


@app.command("week")
def week(db: DbOption = None, format: FormatOption = Format.text) -> None:
    """The guided home week: what to do now, this week's readings and the latest average."""
    from isohold.cli.context import services
    from isohold.cli.output import console, print_json
    from isohold.services.home_bp import summary

    with services(db) as ctx:
        found = summary(ctx)
    if format is Format.json:
        print_json(found.to_dict())
        return
    con = console()
    con.print(found.guide)
    current = found.current
    if current is not None:
        days = []
        for n in range(1, 8):
            morning, evening = current.day(n)
            days.append(f"day {n}: {morning}+{evening}")
        con.print("Readings (morning+evening): " + ", ".join(days))
    _latest(con, found)


def _latest(con: Any, found: Any) -> None:
    latest = found.latest
    if latest is None:
        con.print("No home average yet: it needs at least 12 readings on 3 days after the first.")
        return
    con.print(
        f"Home average for {latest.label()}: [bold]{latest.average_text()}[/] "
        f"({len(latest.used)} readings; the first day's {latest.first_day_left_out} "
        "left out)."
    )
    if found.gate_high:
        con.print(
            "[yellow]That is at or above 145/90 at home (160/100 in a clinic): skip "
            "blood-pressure training until a clinician has cleared you, and see your "
            "doctor soon.[/]"
        )


@app.command("summary")
def summary(db: DbOption = None, format: FormatOption = Format.text) -> None:
    """Every home week's average, the change since the start and whether it is beyond
    measurement error, and after 8 weeks how it compares with the trials."""
    from isohold.cli.context import services
    from isohold.cli.output import console, print_json
    from isohold.services.home_bp import measurement_error
    from isohold.services.home_bp import summary as home_summary

    with services(db) as ctx:
        found = home_summary(ctx)
    if format is Format.json:
        print_json(found.to_dict())
        return
    con = console()
    if not found.weeks:
        con.print("No readings yet: " + found.guide)
        return
    for w in found.weeks:
        mark = "" if w.complete else " (too few readings to decide on)"
        con.print(f"  {w.label()}: {w.average_text()}, {len(w.used)} readings{mark}")
    _latest(con, found)
    if found.change is not None:
        con.print(found.change.text())
    con.print(f"[dim]{measurement_error()['text']}[/]")
    con.print(f"\n[bold]After 8 weeks[/]: {found.responder.text}")
    if found.responder.ready:
        for caveat in found.responder.caveats:
            con.print(f"  • {caveat}")


def _numbers(text: str | None, field: str) -> list[float]:
    from isohold.domain.errors import InputError

    if text is None:
        return []
    try:
        return [float(x) for x in text.split(",") if x.strip()]
    except ValueError:
        raise InputError(field, "give numbers separated by commas, like 82,90,99") from None


@app.command("test")
def test(
    device: Annotated[
        str, typer.Option(help="strap (Bluetooth), simulated, or none (type the rates in).")
    ] = "strap",
    hr: Annotated[
        str | None,
        typer.Option(help="Heart rates already measured, one a stage: 82,90,99,108 (no run)."),
    ] = None,
    effort: Annotated[
        str | None,
        typer.Option(help="Efforts already rated 0-10, one a stage: 2,3,5,7 (no run)."),
    ] = None,
    last_held_s: Annotated[
        float, typer.Option(help="With --hr/--effort: seconds the last stage was held.")
    ] = 120,
    stop: Annotated[str, typer.Option(help="With --hr/--effort: why it ended.")] = "complete",
    db: DbOption = None,
    format: FormatOption = Format.text,
) -> None:
    """The incremental wall-squat test: 2-minute stages from 135 down to 95 degrees; it finds
    your training angle and saves it in your plan."""
    from isohold.cli.context import services
    from isohold.cli.output import print_json
    from isohold.services import wall_squat

    if hr is not None or effort is not None:
        rates, efforts = _numbers(hr, "--hr"), _numbers(effort, "--effort")
        count = max(len(rates), len(efforts))
        raw = [
            {
                "held_s": 120.0 if i < count - 1 else last_held_s,
                **({"hr": rates[i]} if i < len(rates) else {}),
                **({"effort": efforts[i]} if i < len(efforts) else {}),
            }
            for i in range(count)
        ]
        with services(db) as ctx:
            result = wall_squat.finish(ctx, wall_squat.parse_stages(raw), stop=stop).to_dict()
    else:
        from isohold.cli.bp_test import run_live

        result = run_live(db, device, to_stderr=format is Format.json)
    if format is Format.json:
        print_json(result)
        return
    _result(result)


def _result(result: dict[str, Any]) -> None:
    from isohold.cli.output import console

    con = console()
    if result["stop"] != "complete":
        con.print(f"[yellow]{result['advice']}[/]")
    if result["angle_deg"] is None:
        con.print(f"[bold]No angle set.[/] {result['reason']}")
        return
    con.print(
        f"[bold green]Your wall-squat angle: {result['angle_deg']:g} degrees[/] inside the "
        f"knee (180 is a straight leg): {result['reason']}"
    )
    if result["mode"] == "heart_rate" and result["peak_hr"] is not None:
        low, target, high = result["band_bpm"]
        con.print(
            f"Peak heart rate in the test {result['peak_hr']:.0f}; training aims at "
            f"{target} (95% of it), band {low}-{high}."
        )
    con.print(
        f"Saved in your plan. Repeat the test between {result['retest_from']} and "
        f"{result['retest_by']}."
    )


@app.command("heart-rate")
def heart_rate(
    device: Annotated[str, typer.Option(help="strap (Bluetooth) or simulated.")] = "strap",
    seconds: Annotated[float, typer.Option(min=5, max=600, help="How long to show it.")] = 30,
    db: DbOption = None,
) -> None:
    """Live heart rate from a strap, with the wall squat's target band from your latest test
    (check the strap is working)."""
    from isohold.cli.bp_test import show_heart_rate

    show_heart_rate(db, device, seconds)
