"""What every use case needs: the database, the catalogue and a clock (injectable for tests)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from isohold.domain.errors import NoProfileError
from isohold.domain.models import Catalogue
from isohold.storage.database import Database, open_database
from isohold.storage.models import Person
from isohold.storage.people import acting_person, the_person
from isohold.storage.plans import current_plan


def local_now() -> datetime:
    """Local wall-clock time to the second: days (check-ins, sessions) follow the person's day."""
    return datetime.now().replace(microsecond=0)


def utc_now() -> datetime:
    """The time in UTC to the second, with its zone (schedules compare in UTC)."""
    return datetime.now(UTC).replace(microsecond=0)


@dataclass
class Context:
    db: Database
    catalogue: Catalogue
    #: the two clocks every use case reads (tests give both fake ones): local, naive, for the
    #: person's days; UTC, aware, for schedules
    now: Callable[[], datetime] = field(default=local_now)
    utc: Callable[[], datetime] = field(default=utc_now)
    #: the person's IANA time zone (ISOHOLD_TZ); None: the computer's zone
    zone: str | None = None
    #: views computed from a person's data, by (kind of view, person id), each kept while the
    #: data version it was computed from holds (services/today.py, services/kept.py)
    computed: dict[tuple[str, int], Any] = field(default_factory=dict, repr=False, compare=False)

    def close(self) -> None:
        self.db.dispose()


def open_context(
    db_url: str | None = None, catalogue_path: str | None = None, zone: str | None = None
) -> Context:
    """The database, the catalogue and the person's zone (None: the defaults; `Settings`
    resolves the environment before calling this)."""
    from isohold.services import catalogue_cache

    return Context(db=open_database(db_url), catalogue=catalogue_cache.load(catalogue_path),
                   zone=zone)  # fmt: skip


def require_person(session: Session) -> Person:
    """The person this unit of work is about, once they have a plan. (In personal mode a
    person is made with their first plan; a clinic's patient exists before onboarding.)"""
    person = the_person(session)
    if person is None:
        raise NoProfileError()
    if acting_person.get() is not None and current_plan(session, person) is None:
        raise NoProfileError()
    return person
