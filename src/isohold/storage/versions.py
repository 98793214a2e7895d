"""The person's data version (`data_versions`, kept by triggers: migration 2026_11_30_0005):
one cheap read tells whether something computed from their data is still current."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.orm import Session

from isohold.storage.database import Database
from isohold.storage.people import acting_person
from isohold.storage.stamp import STAMP_SQL

#: (person id, person UUID, data version): the UUID tells a person apart from an earlier one
#: that had the same id (a database emptied and filled again)
Stamp = tuple[int, str, int]


def stamp(db: Database) -> Stamp | None:
    """The stamp of the database's person; None before there is one."""
    chosen = acting_person.get()
    # an int from the server itself, never from a request's text: safe to write in
    where = "" if chosen is None else f"WHERE p.id = {int(chosen)} "
    row = db.peek(STAMP_SQL.format(where=where))
    return None if row is None else (int(row[0]), str(row[1]), int(row[2]))


def versions_of(session: Session, person_ids: Collection[int]) -> dict[int, int]:
    """Each person's data version: what was computed from a person's data holds while it does."""
    from isohold.storage.models import DataVersion

    rows = session.execute(
        select(DataVersion.person_id, DataVersion.version).where(
            DataVersion.person_id.in_(list(person_ids))
        )
    )
    return {person: int(version) for person, version in rows}
