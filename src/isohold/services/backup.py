"""Backup and restore: a lossless JSON export (and CSV tables for spreadsheets) and an import
into an empty database."""

from __future__ import annotations

import csv
import math
from pathlib import Path
from typing import Any

from isohold.domain.errors import InputError, StorageError
from isohold.domain.strict_json import check_tree, dumps
from isohold.private import open_private, private_folder
from isohold.services.backup_rules import check_tables
from isohold.services.context import Context
from isohold.storage import backup
from isohold.storage.migrate import current


def export(ctx: Context) -> dict[str, Any]:
    """The whole database as a strict-JSON document (`isohold.backup/1`)."""
    with ctx.db.reading() as s:
        tables = backup.dump(s)
    _finite(tables)
    return {
        "schema": backup.BACKUP_SCHEMA,
        "database_revision": current(ctx.db.engine),
        "exported_at": ctx.now().isoformat(),
        "tables": tables,
    }


def _finite(tables: dict[str, list[dict[str, Any]]]) -> None:
    """An older isohold could save an infinite number (`log --hold-s inf`); JSON has no way to
    write it, so the export names where it is instead of failing half-way."""
    for name, rows in tables.items():
        for i, row in enumerate(rows):
            for column, value in row.items():
                if isinstance(value, float) and not math.isfinite(value):
                    raise StorageError(
                        f"tables.{name}[{i}].{column} holds a number that is not finite, which "
                        "a backup cannot carry; the database is unchanged"
                    )


def export_csv(ctx: Context, folder: Path) -> list[Path]:
    """One CSV file per table (with a header row) in `folder` (made 0700 when missing; each
    file 0600)."""
    private_folder(folder)
    written = []
    for name, rows in export(ctx)["tables"].items():
        path = folder / f"{name}.csv"
        with open_private(path, "w", newline="", encoding="utf-8") as fh:
            columns = list(rows[0]) if rows else []
            writer = csv.DictWriter(fh, fieldnames=columns)
            writer.writeheader()
            for row in rows:
                writer.writerow({k: _cell(v) for k, v in row.items()})
        written.append(path)
    return written


#: a spreadsheet runs a cell that starts with one of these as a formula (CSV injection)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    if isinstance(value, dict | list):
        value = dumps(value, indent=None)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value  # shown as text, never run
    return value


def restore(ctx: Context, document: Any) -> int:
    """Load a JSON export into an empty database in one transaction; returns rows restored."""
    if not isinstance(document, dict) or document.get("schema") != backup.BACKUP_SCHEMA:
        raise InputError("schema", f"not an isohold backup (expected {backup.BACKUP_SCHEMA!r})")
    revision = current(ctx.db.engine)
    if document.get("database_revision") not in (None, revision):
        raise InputError(
            "database_revision",
            f"the backup is from schema {document.get('database_revision')}, this database is "
            f"at {revision}; restore with the isohold version that made it",
        )
    tables = document.get("tables")
    check_tree(tables, "tables")  # no NaN, no 1e308, no absurd nesting
    check_tables(tables)  # every row, before anything is written
    with ctx.db.transaction() as s:
        return backup.load(s, tables)
