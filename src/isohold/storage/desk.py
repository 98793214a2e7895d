"""Desk-break settings (one JSON document a person) and the record of each break."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from isohold.storage.models import DeskBreak, DeskSettings, Person
from isohold.storage.records import insert_once

#: outcomes that end a break's turn (a snoozed break comes back)
FINAL = ("done", "skipped")


def settings_of(session: Session, person: Person) -> dict[str, Any] | None:
    row = session.scalars(select(DeskSettings).where(DeskSettings.person_id == person.id)).first()
    return None if row is None else dict(row.data)


def save_settings(session: Session, person: Person, data: dict[str, Any], now: datetime) -> None:
    row = session.scalars(select(DeskSettings).where(DeskSettings.person_id == person.id)).first()
    if row is None:
        session.add(DeskSettings(person_id=person.id, data=data, updated_at=now))
    else:
        row.data, row.updated_at = data, now
    session.flush()


def add_break(session: Session, person: Person, uuid: str, **values: Any) -> tuple[DeskBreak, bool]:
    return insert_once(session, DeskBreak, uuid, person_id=person.id, **values)


def breaks_between(
    session: Session, person: Person, first: datetime, last: datetime
) -> list[DeskBreak]:
    """Breaks recorded in [first, last), oldest first."""
    return list(
        session.scalars(
            select(DeskBreak)
            .where(
                DeskBreak.person_id == person.id,
                DeskBreak.recorded_at >= first,
                DeskBreak.recorded_at < last,
            )
            .order_by(DeskBreak.recorded_at, DeskBreak.id)
        )
    )


def latest_break(
    session: Session, person: Person, outcomes: tuple[str, ...] | None = None
) -> DeskBreak | None:
    """The latest break (of these outcomes), by the moment it was recorded."""
    query = select(DeskBreak).where(DeskBreak.person_id == person.id)
    if outcomes is not None:
        query = query.where(DeskBreak.outcome.in_(outcomes))
    return session.scalars(
        query.order_by(DeskBreak.recorded_utc.desc(), DeskBreak.id.desc())
    ).first()


def turns_taken(session: Session, person: Person) -> int:
    """How many breaks have ended (done or skipped): the rotation's position."""
    return int(
        session.scalar(
            select(func.count(DeskBreak.id)).where(
                DeskBreak.person_id == person.id, DeskBreak.outcome.in_(FINAL)
            )
        )
        or 0
    )
