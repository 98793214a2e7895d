"""The person and their profile versions."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from isohold.domain.ids import new_uuid
from isohold.storage.models import Person, ProfileVersion


def the_person(session: Session) -> Person | None:
    """Single-user mode: the one person in this database (the first, if clinic data exists)."""
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
