"""Morning check-ins (pain and stiffness) and blood-pressure readings."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from isohold.storage.models import BloodPressureReading, CheckIn, Person
from isohold.storage.records import insert_once


def add_checkin(
    session: Session, person: Person, uuid: str, day: date, pain: int, stiffness: int, now: datetime
) -> tuple[CheckIn, bool]:
    return insert_once(
        session, CheckIn, uuid, person_id=person.id, day=day, pain=pain, stiffness=stiffness,
        created_at=now,
    )  # fmt: skip


def checkins_between(session: Session, person: Person, first: date, last: date) -> list[CheckIn]:
    """Check-ins in the date range; when a day has several, the latest counts and comes last."""
    return list(
        session.scalars(
            select(CheckIn)
            .where(CheckIn.person_id == person.id, CheckIn.day >= first, CheckIn.day <= last)
            .order_by(CheckIn.day, CheckIn.created_at, CheckIn.id)
        )
    )


def add_bp(
    session: Session,
    person: Person,
    uuid: str,
    measured_at: datetime,
    systolic: int,
    diastolic: int,
    pulse: int | None,
    *,
    device: str | None = None,
    position: str | None = None,
    flags: list[str] | None = None,
) -> tuple[BloodPressureReading, bool]:
    return insert_once(
        session, BloodPressureReading, uuid, person_id=person.id, measured_at=measured_at,
        systolic=systolic, diastolic=diastolic, pulse=pulse, device=device, position=position,
        flags=flags,
    )  # fmt: skip


def bp_between(
    session: Session, person: Person, first: datetime, last: datetime
) -> list[BloodPressureReading]:
    return list(
        session.scalars(
            select(BloodPressureReading)
            .where(
                BloodPressureReading.person_id == person.id,
                BloodPressureReading.measured_at >= first,
                BloodPressureReading.measured_at <= last,
            )
            .order_by(BloodPressureReading.measured_at)
        )
    )


def first_bp_after(
    session: Session, person: Person, after: datetime, before: datetime
) -> datetime | None:
    """When the first reading stamped after `after` and before `before` was taken (one
    imported with a later time today counts from then on)."""
    return session.scalar(
        select(func.min(BloodPressureReading.measured_at)).where(
            BloodPressureReading.person_id == person.id,
            BloodPressureReading.measured_at > after,
            BloodPressureReading.measured_at < before,
        )
    )


def bp_until(session: Session, person: Person, last: datetime) -> list[BloodPressureReading]:
    """Every reading up to `last`, oldest first (home weeks are made from all of them)."""
    return list(
        session.scalars(
            select(BloodPressureReading)
            .where(
                BloodPressureReading.person_id == person.id,
                BloodPressureReading.measured_at <= last,
            )
            .order_by(BloodPressureReading.measured_at, BloodPressureReading.id)
        )
    )
