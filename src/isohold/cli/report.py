"""`isohold report` (the progress report) and `isohold handout` (the exercise handout): PDFs."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from isohold.cli.options import DbOption

OutOption = Annotated[Path, typer.Option("--out", "-o", help="The PDF file to write.")]


def _day(text: str | None, field: str) -> date | None:
    from isohold.domain.errors import InputError

    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(field, f"{text[:40]!r} is not a date like 2026-11-02") from None


def report(
    out: OutOption,
    first: Annotated[
        str | None, typer.Option("--from", help="First day (YYYY-MM-DD; default: the first plan).")
    ] = None,
    last: Annotated[
        str | None, typer.Option("--to", help="Last day (YYYY-MM-DD; default: today).")
    ] = None,
    clinician: Annotated[
        bool, typer.Option("--clinician", help="Add the raw tables (sets, check-ins, readings).")
    ] = False,
    name: Annotated[
        str | None, typer.Option(help="A name to print on it (default: none, pseudonymous).")
    ] = None,
    db: DbOption = None,
) -> None:
    """The progress report as a PDF: plan, adherence, pain, blood pressure, strength, desk
    breaks, weekly reviews and safety messages."""
    from isohold.cli.context import services
    from isohold.cli.files import check_output, write_output
    from isohold.services.report import progress_pdf

    check_output(out, "--out", ".pdf")
    start, end = _day(first, "--from"), _day(last, "--to")
    with services(db) as ctx:
        pdf = progress_pdf(ctx, start, end, clinician=clinician, name=name)
    write_output(out, pdf, "--out", ".pdf")
    typer.echo(str(out))


def handout(
    out: OutOption,
    url: Annotated[
        str | None,
        typer.Option(
            help="The guided session's address for the QR code (default: the "
            "server's, from the settings, with /session)."
        ),
    ] = None,
    name: Annotated[str | None, typer.Option(help="A name to print on it.")] = None,
    db: DbOption = None,
) -> None:
    """The exercise handout as a PDF: a page a program, each exercise with its steps, cues,
    dose and what pain is acceptable, and a QR code that opens the guided session."""
    from isohold.cli.context import services
    from isohold.cli.files import check_output, write_output
    from isohold.cli.settings import current
    from isohold.domain.errors import InputError
    from isohold.services.handout import handout_pdf

    check_output(out, "--out", ".pdf")
    if url is None:
        url = current().url + "session"
    elif not url.startswith(("http://", "https://")) or len(url) > 500:
        raise InputError("--url", f"{url[:60]!r} must be an http:// or https:// address")
    with services(db) as ctx:
        pdf = handout_pdf(ctx, url, name)
    write_output(out, pdf, "--out", ".pdf")
    typer.echo(str(out))
