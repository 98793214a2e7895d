"""`isohold exercises`: list the catalogue, or show one exercise's instructions."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from isohold.cli.options import Format

if TYPE_CHECKING:
    from isohold.domain.models import Catalogue

app = typer.Typer(help="Browse the exercise catalogue.", invoke_without_command=True)


@app.callback()
def list_exercises(
    ctx: typer.Context,
    region: Annotated[str | None, typer.Option(help="Only exercises for this region.")] = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="text or json")] = Format.text,
) -> None:
    """List every exercise (filter with --region); `exercises show ID` for one in full."""
    if ctx.invoked_subcommand is not None:
        return
    from isohold.catalogue import load_catalogue
    from isohold.domain import vocabulary as v
    from isohold.domain.errors import InputError
    from isohold.domain.exercise_json import exercise_dict

    if region is not None and region not in v.REGIONS:
        raise InputError("--region", f"unknown region {region!r}; allowed: {', '.join(v.REGIONS)}")
    catalogue = load_catalogue()
    chosen = [ex for ex in catalogue.exercises.values() if region is None or region in ex.regions]
    if format is Format.json:
        from isohold.cli.output import print_json

        print_json([exercise_dict(ex, catalogue) for ex in chosen])
        return
    from rich.table import Table

    from isohold.cli.output import console

    table = Table(title=f"{len(chosen)} exercises")
    for col in ("id", "name", "regions", "equipment", "evidence"):
        table.add_column(col)
    for ex in chosen:
        gear = ", ".join("/".join(sorted(g)) for g in ex.equipment) or "none"
        table.add_row(ex.id, ex.name, ", ".join(ex.regions), gear, ex.evidence)
    console().print(table)


@app.command("show")
def show(
    exercise_id: Annotated[str, typer.Argument(metavar="ID", help="Exercise id.")],
    format: Annotated[Format, typer.Option("--format", "-f", help="text or json")] = Format.text,
    figure: Annotated[
        Path | None,
        typer.Option("--figure", metavar="FILE", help="Also save its figure (FILE.svg or .png)."),
    ] = None,
    angle: Annotated[
        float | None,
        typer.Option("--angle", help="Draw the figure at this prescribed joint angle (degrees)."),
    ] = None,
    side: Annotated[
        str | None, typer.Option("--side", help="Draw the figure for left, right, both or each.")
    ] = None,
) -> None:
    """Show one exercise: steps, cues, mistakes, safety, progressions and sources."""
    from isohold.catalogue import load_catalogue
    from isohold.domain.errors import InputError
    from isohold.domain.exercise_json import exercise_dict

    catalogue = load_catalogue()
    ex = catalogue.exercises.get(exercise_id)
    if ex is None:
        close = [i for i in catalogue.exercises if exercise_id.split("-")[0] in i][:5]
        hint = f"; did you mean: {', '.join(close)}" if close else ""
        raise InputError("ID", f"no exercise {exercise_id!r}{hint} (`isohold exercises` lists all)")
    if format is Format.json:
        from isohold.cli.output import print_json

        print_json(exercise_dict(ex, catalogue))
    else:
        from isohold.cli.render_exercise import render_exercise

        render_exercise(ex, catalogue)
    if figure is not None:
        _save_figure(catalogue, exercise_id, figure, angle, side)


def _save_figure(
    catalogue: Catalogue, exercise_id: str, path: Path, angle: float | None, side: str | None
) -> None:
    """Draw the exercise (at `angle` and for `side` when given) and save it as SVG or PNG."""
    from isohold.domain.errors import InputError
    from isohold.services.figure_files import save
    from isohold.services.figures import exercise_figure

    if side is not None and side not in ("left", "right", "both", "each"):
        raise InputError("--side", f"{side!r}; allowed: left, right, both, each")
    drawn = exercise_figure(catalogue, exercise_id, joint_angle_deg=angle, side=side)
    if drawn is None:
        raise InputError("--figure", f"exercise {exercise_id!r} has no figure in this catalogue")
    save(drawn, path)
    # with --format json stdout holds the document only, so the note goes to stderr
    typer.echo(f"\nFigure saved to {path}: {drawn.desc}", err=True)
