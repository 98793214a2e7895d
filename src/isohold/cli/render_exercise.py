"""Readable instructions for one exercise (Rich)."""

from __future__ import annotations

from isohold.cli.output import console
from isohold.domain.models import Catalogue, Exercise


def render_exercise(ex: Exercise, catalogue: Catalogue) -> None:
    con = console()
    con.print(f"[bold]{ex.name}[/]  [dim]({ex.id})[/]")
    con.print(ex.summary)
    gear = ", ".join(" or ".join(sorted(g)) for g in ex.equipment) or "nothing"
    con.print(
        f"\nRegions: {', '.join(ex.regions)}   Muscles: {', '.join(ex.muscles)}\n"
        f"Equipment: {gear}   Muscle length: {ex.muscle_length}"
        + (f"   Joint angle: {ex.joint_angle_deg:g}°" if ex.joint_angle_deg is not None else "")
    )
    con.print("\n[bold]Positions[/]")
    for p in ex.positions:
        con.print(f"  • {p.name} [dim]({p.context})[/]")
    con.print("\n[bold]How to do it[/]")
    for i, step in enumerate(ex.steps, 1):
        con.print(f"  {i}. {step}")
    con.print("\n[bold]Cues[/]")
    for cue in ex.cues:
        con.print(f"  • {cue}")
    con.print("\n[bold]Common mistakes[/]")
    for mistake in ex.mistakes:
        con.print(f"  • {mistake}")
    con.print("\n[bold yellow]Safety[/]")
    for note in ex.safety:
        con.print(f"  • {note}")
    for label, ids in (("Easier", ex.regressions), ("Harder", ex.progressions)):
        if ids:
            names = ", ".join(f"{catalogue.exercises[i].name} ({i})" for i in ids)
            con.print(f"\n{label}: {names}")
    con.print(f"\n[bold]Evidence[/]: {ex.evidence}")
    for ref in catalogue.refs(ex.sources):
        con.print(f"  {ref}")
