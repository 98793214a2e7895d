"""Lossless dump and load of every table, in foreign-key order, values as JSON-safe text."""

from __future__ import annotations

import base64
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, DateTime, LargeBinary, insert, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from isohold.domain.errors import ConflictError, InputError
from isohold.storage.models import Person, data_tables

BACKUP_SCHEMA = "isohold.backup/1"


def _encode(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):  # raw force recordings: base64 text in JSON and CSV
        return base64.b64encode(value).decode("ascii")
    return value


def dump(session: Session) -> dict[str, list[dict[str, Any]]]:
    tables: dict[str, list[dict[str, Any]]] = {}
    for table in data_tables():
        rows = session.execute(select(table).order_by(*table.primary_key.columns)).mappings()
        tables[table.name] = [{k: _encode(v) for k, v in row.items()} for row in rows]
    return tables


def load(session: Session, tables: Any) -> int:
    """Insert every row of a dump into an empty database; returns the number of rows."""
    if session.scalars(select(Person.id)).first() is not None:
        raise ConflictError("the database already holds data; import into an empty database")
    if not isinstance(tables, dict):
        raise InputError("tables", "must be an object of table name to rows")
    known = {t.name for t in data_tables()}
    unknown = sorted(set(tables) - known)
    if unknown:
        raise InputError(
            f"tables.{unknown[0]}", f"unknown table; known: {', '.join(sorted(known))}"
        )
    count = 0
    for table in data_tables():
        rows = tables.get(table.name, [])
        if not isinstance(rows, list):
            raise InputError(f"tables.{table.name}", "must be a list of rows")
        decoded = []
        for i, row in enumerate(rows):
            if not isinstance(row, dict) or set(row) - set(table.columns.keys()):
                raise InputError(f"tables.{table.name}[{i}]", "has unknown or missing columns")
            decoded.append({k: _decode(table.columns[k].type, v, f"{table.name}[{i}].{k}")
                            for k, v in row.items()})  # fmt: skip
        if decoded:
            try:
                session.execute(insert(table), decoded)
            except DBAPIError:  # the message would carry the rows: name the table only
                raise InputError(
                    f"tables.{table.name}",
                    "a row breaks the database's rules (a repeated id or a reference to a "
                    "missing row)",
                ) from None
            count += len(decoded)
            if session.get_bind().dialect.name == "postgresql":
                # explicit ids do not advance PostgreSQL sequences: move them past the rows
                session.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                        f"(SELECT max(id) FROM {table.name}))"
                    )
                )
    return count


def _decode(kind: Any, value: Any, where: str) -> Any:
    if value is None:
        return None
    try:
        if isinstance(kind, DateTime):
            return datetime.fromisoformat(value)
        if isinstance(kind, Date):
            return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise InputError(f"tables.{where}", "is not an ISO date or time") from None
    if isinstance(kind, LargeBinary):
        try:
            return base64.b64decode(value, validate=True)
        except (TypeError, ValueError):
            raise InputError(f"tables.{where}", "is not base64 data") from None
    return value
