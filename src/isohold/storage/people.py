"""The person and their profile versions."""

from __future__ import annotations

from contextvars import ContextVar
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from isohold.domain.ids import new_uuid
from isohold.storage.models import Person, ProfileVersion

#: The person the current request is about, when a server for several people says so (clinic
#: mode: the signed-in patient, or the patient a clinician opened; NOBODY for an account with
#: no data of its own). Unset (personal mode, the command line): the database's one person.
#: A context variable follows the request into the worker threads that run its services.
acting_person: ContextVar[int | None] = ContextVar("isohold_acting_person", default=None)
NOBODY = 0


def the_person(session: Session) -> Person | None:
    """The person this unit of work is about: `acting_person` when set, else the one person in
    this database (single-user mode; the first, if there are several)."""
    chosen = acting_person.get()
    if chosen is not None:
        return session.get(Person, chosen) if chosen != NOBODY else None
    return session.scalars(select(Person).order_by(Person.id)).first()


def add_person(session: Session, now: datetime, name: str | None = None) -> Person:
    person = Person(uuid=new_uuid(), name=name, created_at=now)
    session.add(person)
    session.flush()
    return person


def add_profile(
    session: Session, person: Person, data: dict[str, Any], now: datetime
) -> ProfileVersion:
    last = session.scalar(
        select(func.max(ProfileVersion.version)).where(ProfileVersion.person_id == person.id)
    )
    row = ProfileVersion(person_id=person.id, version=(last or 0) + 1, created_at=now, data=data)
    session.add(row)
    session.flush()
    return row


def latest_profile(session: Session, person: Person) -> ProfileVersion | None:
    return session.scalars(
        select(ProfileVersion)
        .where(ProfileVersion.person_id == person.id)
        .order_by(ProfileVersion.version.desc())
    ).first()
