"""`isohold checkin`: this morning's pain and stiffness."""

from __future__ import annotations

from typing import Annotated

import typer

from isohold.cli.options import DbOption, Format, FormatOption
from isohold.domain.record_rules import SCORE


def checkin(
    pain: Annotated[int | None, typer.Option(help="Pain on waking, 0-10.")] = None,
    stiffness: Annotated[int | None, typer.Option(help="Stiffness on waking, 0-10.")] = None,
    uuid: Annotated[str | None, typer.Option(help="Client UUID (a replay is stored once).")] = None,
    db: DbOption = None,
    format: FormatOption = Format.text,
) -> None:
    """Record this morning's pain and stiffness (asks when not given)."""
    from isohold.cli.context import services
    from isohold.cli.output import console, print_json
    from isohold.cli.prompts import Asker
    from isohold.services.checkins import checkin as run_checkin
    from isohold.services.checkins import morning_advice

    con = console()
    ask = Asker(con)
    if pain is None:
        pain = ask.number("Pain on waking, 0 (none) to 10 (worst)", *SCORE)
    if stiffness is None:
        stiffness = ask.number("Stiffness on waking, 0 (none) to 10 (worst)", *SCORE)
    assert pain is not None and stiffness is not None
    with services(db) as ctx:
        created = run_checkin(ctx, pain, stiffness, uuid=uuid)
        advice = morning_advice(ctx)
    if format is Format.json:
        print_json({"saved": created, "pain": pain, "stiffness": stiffness, "advice": advice})
        return
    con.print("Saved." if created else "Already saved earlier (same UUID).")
    if advice:
        con.print(f"[bold red]{advice}[/]")
