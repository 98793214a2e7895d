"""A personal database's backup loaded into a clinic's as one more person: every row gets a new
id and every reference follows it (the backup's own ids would clash with the clinic's)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from isohold.domain.errors import InputError
from isohold.storage.backup import _decode  # the one decoder of backup values
from isohold.storage.models import data_tables


def load_person(session: Session, tables: dict[str, Any]) -> int:
    """Insert the backup's one person and their rows with new ids; returns the person's id.
    Nothing is written when a row breaks the database's rules (the caller's transaction rolls
    back), for example a backup imported a second time (its UUIDs are taken)."""
    people = tables.get("people") or []
    if len(people) != 1:
        raise InputError("tables.people", f"must hold exactly one person, not {len(people)}")
    new_ids: dict[str, dict[int, int]] = {}
    for table in data_tables():
        mapping = new_ids.setdefault(table.name, {})
        refers = {c.name: next(iter(c.foreign_keys)).column.table.name
                  for c in table.columns if c.foreign_keys}  # fmt: skip
        for i, row in enumerate(tables.get(table.name) or []):
            where = f"{table.name}[{i}]"
            values = {k: _decode(table.columns[k].type, v, f"{where}.{k}")
                      for k, v in row.items() if k != "id"}  # fmt: skip
            for name, target in refers.items():
                if values.get(name) is None:
                    continue
                if values[name] not in new_ids.get(target, {}):
                    raise InputError(f"tables.{where}.{name}", "refers to a row the backup does "
                                                               "not hold")  # fmt: skip
                values[name] = new_ids[target][values[name]]
            try:
                done = session.connection().execute(insert(table).values(values))
            except DBAPIError:  # the message would carry the row: name the place only
                raise InputError(
                    f"tables.{where}",
                    "clashes with data already here (was this backup imported before?)",
                ) from None
            key = done.inserted_primary_key
            assert key is not None
            mapping[int(row["id"])] = int(key[0])
    return next(iter(new_ids["people"].values()))
