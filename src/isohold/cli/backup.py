"""`isohold export` and `isohold import`: lossless backup and restore."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from isohold.cli.options import DbOption


class BackupFormat(StrEnum):
    json = "json"
    csv = "csv"


def export(
    format: Annotated[
        BackupFormat,
        typer.Option("--format", "-f", help="json (lossless) or csv (one file a table)"),
    ] = BackupFormat.json,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="File (json) or folder (csv); json default: stdout."),
    ] = None,
    db: DbOption = None,
) -> None:
    """Write everything in the database: JSON for backup, CSV for spreadsheets."""
    from isohold.cli.context import services
    from isohold.cli.output import print_json
    from isohold.domain.errors import InputError
    from isohold.services.backup import export as run_export
    from isohold.services.backup import export_csv

    with services(db) as ctx:
        if format is BackupFormat.csv:
            if out is None:
                raise InputError("--out", "CSV export needs a folder to write its files to")
            for path in export_csv(ctx, out):
                typer.echo(str(path))
            return
        document = run_export(ctx)
    if out is None:
        print_json(document)
    else:
        tmp = out.with_name(out.name + ".tmp")
        tmp.write_text(json.dumps(document, indent=2, ensure_ascii=False), encoding="utf-8")
        tmp.replace(out)  # never leaves a half-written backup behind


def import_(
    file: Annotated[Path, typer.Argument(help="A JSON file written by `isohold export`.")],
    db: DbOption = None,
) -> None:
    """Restore a JSON export into an empty database."""
    from isohold.cli.context import services
    from isohold.cli.files import read_document
    from isohold.services.backup import restore

    document = read_document(file if file.suffix else file.with_suffix(".json"), "backup")
    with services(db) as ctx:
        rows = restore(ctx, document)
    typer.echo(f"Restored {rows} rows.")
