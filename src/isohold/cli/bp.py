"""`isohold bp add 128/82`: a resting blood-pressure reading, with today's verdict."""

from __future__ import annotations

from typing import Annotated

import typer

from isohold.cli.options import DbOption, Format, FormatOption

app = typer.Typer(help="Blood-pressure readings.", no_args_is_help=True)


@app.command("add")
def add(
    reading: Annotated[str, typer.Argument(help="Systolic/diastolic in mmHg, e.g. 128/82.")],
    pulse: Annotated[int | None, typer.Option(help="Pulse, beats a minute.")] = None,
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
        created, verdict = record_bp(ctx, bp, pulse=pulse, uuid=uuid)
    if format is Format.json:
        print_json(
            {"saved": created, "systolic": bp.systolic, "diastolic": bp.diastolic,
             "pulse": pulse, "verdict": {"code": verdict.code, "text": verdict.text}}
        )  # fmt: skip
        return
    style = {"ok": "green", "no_bp_training": "yellow", "no_exercise": "bold red"}.get(
        verdict.code, "cyan"
    )
    console().print(f"[{style}]{verdict.text}[/]")
