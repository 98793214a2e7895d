"""`isohold profile`: show the saved answers, or change some of them without losing progress."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from isohold.cli.options import DbOption, Format, FormatOption

app = typer.Typer(help="Your saved answers: show them, or change one without losing progress.")

#: Answers that are lists (given as comma-separated words on the command line).
LISTS = ("conditions", "goals", "red_flags", "equipment", "medications", "cleared_flags")


@app.command("show")
def show(db: DbOption = None, format: FormatOption = Format.text) -> None:
    """Print the saved profile (contract 1)."""
    from isohold.cli.context import services
    from isohold.cli.output import console, print_json
    from isohold.services.onboarding import current_profile

    with services(db) as ctx:
        profile = current_profile(ctx)
    if format is Format.json:
        print_json(profile)
        return
    con = console()
    for name, value in profile.items():
        shown = ", ".join(map(str, value)) if isinstance(value, list) else json.dumps(value)
        con.print(f"{name}: {shown.strip(chr(34))}")


@app.command("edit")
def edit(
    answers: Annotated[
        list[str],
        typer.Argument(
            help="FIELD=VALUE pairs, e.g. pain_now=5 goals=pain_relief,strength "
            "resting_bp=138/86; FIELD= removes an optional answer."
        ),
    ],
    db: DbOption = None,
    format: FormatOption = Format.text,
) -> None:
    """Change some answers; exercises that stay keep the dose your reviews reached."""
    from isohold.cli.context import services
    from isohold.cli.output import console, print_json
    from isohold.services.onboarding import edit_profile

    changes = dict(_parse(a) for a in answers)
    with services(db) as ctx:
        result = edit_profile(ctx, changes)
        if format is Format.json:
            print_json({"plan_version": result.plan_version, "plan": result.plan.to_dict()})
            return
        from isohold.cli.render_plan import render_plan

        render_plan(result.plan, ctx.catalogue)
    console().print(f"\nSaved as plan version {result.plan_version}; your history is kept.")


def _parse(answer: str) -> tuple[str, Any]:
    """`field=value` to a profile value: numbers, true/false, lists, 128/82 for blood pressure;
    an empty value removes an optional answer."""
    from isohold.domain.errors import InputError

    name, sep, text = answer.partition("=")
    name = name.strip()
    if not sep or not name:
        raise InputError("answers", f"{answer!r} must look like FIELD=VALUE (e.g. pain_now=5)")
    text = text.strip()
    if not text:
        return name, None
    if name in LISTS:
        return name, [part.strip() for part in text.split(",") if part.strip()]
    if name == "resting_bp":
        from isohold.services.checkins import parse_bp

        bp = parse_bp(text)
        return name, {"systolic": bp.systolic, "diastolic": bp.diastolic}
    if text.lower() in ("true", "false"):
        return name, text.lower() == "true"
    if text.isascii() and text.isdigit() and len(text) <= 6:
        return name, int(text)
    return name, text
