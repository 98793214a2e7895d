"""`isohold progress`: the weekly review, with each decision and why."""

from __future__ import annotations

from typing import Annotated

import typer

from isohold.cli.options import DbOption, Format, FormatOption


def progress(
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show the decisions without saving a new plan.")
    ] = False,
    db: DbOption = None,
    format: FormatOption = Format.text,
) -> None:
    """Review the last week by the pain-monitoring model and save the next plan version."""
    from isohold.cli.context import services
    from isohold.cli.output import console, print_json
    from isohold.services.progress import weekly_review

    with services(db) as ctx:
        result = weekly_review(ctx, save=not dry_run)
        if format is Format.json:
            print_json(
                {
                    **result.review.to_dict(),
                    "from_plan_version": result.from_version,
                    "to_plan_version": result.to_version,
                    "saved": not dry_run,
                }
            )
            return
        from isohold.cli.render_plan import render_review

        render_review(result.review, ctx.catalogue, footer=False)
    con = console()
    if dry_run:
        con.print("\nNothing saved (--dry-run).")
    else:
        con.print(f"\nSaved as plan version {result.to_version}; `isohold today` shows it.")
