"""The person's data version (`data_versions`, kept by triggers: migration 2026_11_30_0005):
one cheap read tells whether something computed from their data is still current."""

from __future__ import annotations

from isohold.storage.database import Database
from isohold.storage.people import acting_person

# the person (as people.the_person: the acting one, else the first) and their data version
_STAMP = (
    "SELECT p.id, p.uuid, v.version FROM people p JOIN data_versions v ON v.person_id = p.id "
    "{where}ORDER BY p.id LIMIT 1"
)

#: (person id, person UUID, data version): the UUID tells a person apart from an earlier one
#: that had the same id (a database emptied and filled again)
Stamp = tuple[int, str, int]


def stamp(db: Database) -> Stamp | None:
    """The stamp of the database's person; None before there is one."""
    chosen = acting_person.get()
    # an int from the server itself, never from a request's text: safe to write in
    where = "" if chosen is None else f"WHERE p.id = {int(chosen)} "
    row = db.peek(_STAMP.format(where=where))
    return None if row is None else (int(row[0]), str(row[1]), int(row[2]))
