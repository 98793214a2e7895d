"""`isohold export` and `isohold import`: lossless backup and restore."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from isohold.cli.options import DbOption


class BackupFormat(StrEnum):
    json = "json"
    csv = "csv"
    fhir = "fhir"


class ImportFormat(StrEnum):
    json = "json"
    fhir = "fhir"


def export(
    format: Annotated[
        BackupFormat,
        typer.Option(
            "--format", "-f", help="json (lossless), csv (one file a table) or fhir (an R4 Bundle)"
        ),
    ] = BackupFormat.json,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", "-o", help="File (json, fhir) or folder (csv); json and fhir default: stdout."
        ),
    ] = None,
    name: Annotated[
        str | None, typer.Option(help="fhir: a name for the Patient (default: pseudonymous).")
    ] = None,
    db: DbOption = None,
) -> None:
    """Write everything in the database: JSON for backup, CSV for spreadsheets, FHIR R4 for
    health records."""
    from isohold.cli.context import services
    from isohold.cli.files import check_output, write_output
    from isohold.cli.output import print_json
    from isohold.domain.errors import InputError
    from isohold.domain.strict_json import dumps
    from isohold.services.backup import export as run_export
    from isohold.services.backup import export_csv

    if format is BackupFormat.csv:
        if out is None:
            raise InputError("--out", "CSV export needs a folder to write its files to")
        if out.exists() and not out.is_dir():
            raise InputError("--out", f"{out} is not a folder (CSV export writes one file a table)")
    elif out is not None:
        check_output(out, "--out")
    with services(db) as ctx:
        if format is BackupFormat.csv:
            assert out is not None
            try:
                written = export_csv(ctx, out)
            except OSError as exc:
                raise InputError("--out", f"cannot write to {out}: {exc.strerror or exc}") from None
            for path in written:
                typer.echo(str(path))
            return
        if format is BackupFormat.fhir:
            from isohold.services.fhir import export_bundle

            document = export_bundle(ctx, name)
        else:
            document = run_export(ctx)
    if out is None:
        print_json(document)
    else:  # 0600, and never a half-written backup
        write_output(out, dumps(document), "--out")


def import_(
    file: Annotated[Path, typer.Argument(help="A JSON file written by `isohold export`.")],
    format: Annotated[
        ImportFormat,
        typer.Option(
            "--format",
            "-f",
            help="json (an isohold backup) or fhir (blood-pressure Observations in an R4 Bundle)",
        ),
    ] = ImportFormat.json,
    db: DbOption = None,
) -> None:
    """Restore a JSON export into an empty database, or add blood-pressure readings from a FHIR
    Bundle (`--format fhir`)."""
    from isohold.cli.context import services
    from isohold.cli.files import MAX_BACKUP_BYTES, read_document
    from isohold.services.backup import restore

    path = file if file.suffix else file.with_suffix(".json")
    if format is ImportFormat.fhir:
        from isohold.services.fhir import import_bp

        bundle = read_document(path, "bundle", MAX_BACKUP_BYTES)
        with services(db) as ctx:
            done = import_bp(ctx, bundle)
        typer.echo(f"Imported {done.saved} blood-pressure readings ({done.already} already "
                   f"saved; {done.left_out} other observations left out).")  # fmt: skip
        return
    document = read_document(path, "backup", MAX_BACKUP_BYTES)
    with services(db) as ctx:
        rows = restore(ctx, document)
    typer.echo(f"Restored {rows} rows.")
