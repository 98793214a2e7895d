"""`isohold force export`: a stored raw recording as CSV or Parquet, with its run's metadata;
`isohold force analyze` reads both back."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from isohold.cli.options import DbOption


class FileFormat(StrEnum):
    csv = "csv"
    parquet = "parquet"


def export(
    format: Annotated[
        FileFormat, typer.Option("--format", "-f", help="csv or parquet")
    ] = FileFormat.csv,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="The file to write (csv default: stdout)."),
    ] = None,
    run: Annotated[
        str | None,
        typer.Option(help="The recording's id or its first characters (default: the latest)."),
    ] = None,
    list_runs: Annotated[bool, typer.Option("--list", help="List the recordings.")] = False,
    db: DbOption = None,
) -> None:
    """Write a stored force recording (time in s, force in N, and the run's metadata)."""
    from isohold.cli.context import services
    from isohold.cli.files import check_output, write_output
    from isohold.domain.errors import InputError
    from isohold.services.force_export import export_run, runs

    if list_runs:
        with services(db) as ctx:
            for r in runs(ctx):
                typer.echo(f"{r.uuid}  {r.recorded_at:%Y-%m-%d %H:%M}  {r.kind:<13} "
                           f"{r.samples} samples at {r.sample_rate_hz:g} Hz")  # fmt: skip
        return
    if out is None and format is FileFormat.parquet:
        raise InputError("--out", "Parquet is binary: give a file to write it to")
    if out is not None:
        check_output(out, "--out", f".{format.value}")
    with services(db) as ctx:
        _info, data = export_run(ctx, format.value, run)
    if out is None:
        typer.echo(data.decode("utf-8"), nl=False)
    else:
        write_output(out, data, "--out", f".{format.value}")
