"""`isohold init`: onboarding that saves the profile and its plan in the database."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from isohold.cli.options import DbOption, Format, FormatOption


def init(
    profile: Annotated[
        Path | None,
        typer.Option("--profile", "-p", help="Use this profile file instead of the questions."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Save a new profile and plan over an existing one.")
    ] = False,
    db: DbOption = None,
    format: FormatOption = Format.text,
) -> None:
    """Screen, save your profile and plan, and show the plan (history is kept on --force)."""
    from isohold.cli.context import services
    from isohold.cli.files import read_document
    from isohold.cli.output import console, print_json
    from isohold.services.onboarding import onboard

    with services(db) as ctx:
        if profile is not None:
            raw = read_document(profile, "profile")
        else:
            from isohold.cli.prompts import Asker
            from isohold.cli.screen import ask_profile

            con = console()
            raw = ask_profile(Asker(con), con, ctx.catalogue)
        result = onboard(ctx, raw, replace=force)
        if format is Format.json:
            print_json({"plan_version": result.plan_version, "plan": result.plan.to_dict()})
            return
        from isohold.cli.render_plan import render_plan

        render_plan(result.plan, ctx.catalogue)
        console().print(
            f"\nSaved as plan version {result.plan_version}. "
            "Next: [bold]isohold session[/] to be guided through it."
        )
