"""Backup and restore: a lossless JSON export (and CSV tables for spreadsheets) and an import
into an empty database."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from isohold.domain.errors import InputError
from isohold.services.context import Context
from isohold.storage import backup
from isohold.storage.migrate import current


def export(ctx: Context) -> dict[str, Any]:
    with ctx.db.reading() as s:
        tables = backup.dump(s)
    return {
        "schema": backup.BACKUP_SCHEMA,
        "database_revision": current(ctx.db.engine),
        "exported_at": ctx.now().isoformat(),
        "tables": tables,
    }


def export_csv(ctx: Context, folder: Path) -> list[Path]:
    """One CSV file per table (with a header row) in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, rows in export(ctx)["tables"].items():
        path = folder / f"{name}.csv"
        with path.open("w", newline="", encoding="utf-8") as fh:
            columns = list(rows[0]) if rows else []
            writer = csv.DictWriter(fh, fieldnames=columns)
            writer.writeheader()
            for row in rows:
                writer.writerow({k: _cell(v) for k, v in row.items()})
        written.append(path)
    return written


def _cell(value: Any) -> Any:
    if isinstance(value, dict | list):
        import json

        return json.dumps(value, ensure_ascii=False)
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
    with ctx.db.transaction() as s:
        return backup.load(s, document.get("tables"))
