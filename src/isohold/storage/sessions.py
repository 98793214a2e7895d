"""Training sessions, their sets and the pain/effort reported after each exercise."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from isohold.storage.models import ExerciseReport, Person, SetRecord, TrainingSession
from isohold.storage.records import insert_once

OPEN = "in_progress"


def start(
    session: Session, person: Person, plan_version_id: int, uuid: str, now: datetime
) -> tuple[TrainingSession, bool]:
    return insert_once(
        session,
        TrainingSession,
        uuid,
        person_id=person.id,
        plan_version_id=plan_version_id,
        day=now.date(),
        started_at=now,
        status=OPEN,
    )


def open_sessions(session: Session, person: Person) -> list[TrainingSession]:
    return list(
        session.scalars(
            select(TrainingSession)
            .where(TrainingSession.person_id == person.id, TrainingSession.status == OPEN)
            .order_by(TrainingSession.started_at)
        )
    )


def add_set(
    session: Session, training: TrainingSession, uuid: str, **values: Any
) -> tuple[SetRecord, bool]:
    return insert_once(session, SetRecord, uuid, session_id=training.id, **values)


def add_report(
    session: Session, training: TrainingSession, uuid: str, **values: Any
) -> tuple[ExerciseReport, bool]:
    return insert_once(session, ExerciseReport, uuid, session_id=training.id, **values)


def sets_of(session: Session, training_id: int) -> list[SetRecord]:
    return list(
        session.scalars(
            select(SetRecord).where(SetRecord.session_id == training_id).order_by(SetRecord.id)
        )
    )


def reports_of(session: Session, training_id: int) -> list[ExerciseReport]:
    return list(
        session.scalars(
            select(ExerciseReport)
            .where(ExerciseReport.session_id == training_id)
            .order_by(ExerciseReport.id)
        )
    )


def sessions_between(
    session: Session, person: Person, first: date, last: date
) -> list[TrainingSession]:
    return list(
        session.scalars(
            select(TrainingSession)
            .where(
                TrainingSession.person_id == person.id,
                TrainingSession.day >= first,
                TrainingSession.day <= last,
            )
            .order_by(TrainingSession.started_at)
        )
    )
