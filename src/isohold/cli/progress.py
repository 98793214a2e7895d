"""`isohold progress`: the weekly review, with each decision and why."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from isohold.cli.options import DbOption, Format, FormatOption

if TYPE_CHECKING:
    from isohold.domain.review import Review
    from isohold.services.context import Context
    from isohold.services.progress import WeeklyReview


def progress(
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show the decisions without saving a new plan.")
    ] = False,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Apply the changes without asking first.")
    ] = False,
    db: DbOption = None,
    format: FormatOption = Format.text,
) -> None:
    """Review the last week by the pain-monitoring model: shows what would change, then saves
    the next plan version once you confirm (or with --yes; JSON output saves at once)."""
    import sys

    from isohold.cli.context import services
    from isohold.cli.output import console, print_json
    from isohold.cli.prompts import Asker
    from isohold.services.progress import weekly_review

    con = console()
    with services(db) as ctx:
        if format is Format.text and not dry_run and not yes:
            preview = weekly_review(ctx, save=False)
            from isohold.cli.render_plan import render_review

            render_review(preview.review, ctx.catalogue, footer=False)
            _about(con, ctx, preview.review)
            if not sys.stdin.isatty():
                con.print("\nNothing saved yet: run `isohold progress --yes` to apply these.")
                return
            if not Asker(con).yes_no("\nApply these changes?", default=False):
                con.print("Nothing was changed.")
                return
            result = weekly_review(ctx, save=True)
            con.print(_saved(result))
            return
        result = weekly_review(ctx, save=not dry_run)
        if format is Format.json:
            print_json(
                {
                    **result.review.to_dict(),
                    "from_plan_version": result.from_version,
                    "to_plan_version": result.to_version,
                    "saved": not dry_run and result.proposal_id is None,
                    "proposal_id": result.proposal_id,
                }
            )
            return
        from isohold.cli.render_plan import render_review

        render_review(result.review, ctx.catalogue, footer=False)
        _about(con, ctx, result.review)
    if dry_run:
        con.print("\nNothing saved (--dry-run).")
    else:
        con.print(_saved(result))


def _saved(result: WeeklyReview) -> str:
    if result.proposal_id is not None:  # the clinician set the review to "propose"
        return (f"\nSent to your clinician for approval; you keep plan version "
                f"{result.from_version} until they approve it.")  # fmt: skip
    return f"\nSaved as plan version {result.to_version}; `isohold today` shows it."


def _about(con: Any, ctx: Context, review: Review) -> None:
    """The short explanations behind the decisions, by the command that prints them."""
    from isohold.services.education import for_decisions

    for topic in for_decisions(ctx, [d.action for d in review.decisions]):
        con.print(f"[dim]About these changes: {topic.title}: `isohold learn {topic.id}`[/]")
