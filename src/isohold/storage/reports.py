"""Queries for the reports and exports: a period's sets with their session, the weekly
reviews' decisions, sessions with their length, pain reports and MVC scores."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from isohold.storage.models import (
    ExerciseReport,
    OutcomeScore,
    Person,
    PlanVersion,
    ProgramDecision,
    SetRecord,
    TrainingSession,
)


def sets_between(
    session: Session, person: Person, first: date, last: date
) -> list[tuple[SetRecord, TrainingSession]]:
    """Every set of the period with its session, in the order they were done."""
    return list(
        session.execute(
            select(SetRecord, TrainingSession)
            .join(TrainingSession, SetRecord.session_id == TrainingSession.id)
            .where(
                TrainingSession.person_id == person.id,
                TrainingSession.day >= first,
                TrainingSession.day <= last,
            )
            .order_by(TrainingSession.started_at, SetRecord.completed_at, SetRecord.id)
        )
    )


def reports_between(
    session: Session, person: Person, first: date, last: date
) -> list[tuple[ExerciseReport, TrainingSession]]:
    """The pain and effort reported after each exercise, with the session."""
    return list(
        session.execute(
            select(ExerciseReport, TrainingSession)
            .join(TrainingSession, ExerciseReport.session_id == TrainingSession.id)
            .where(
                TrainingSession.person_id == person.id,
                TrainingSession.day >= first,
                TrainingSession.day <= last,
            )
            .order_by(ExerciseReport.created_at, ExerciseReport.id)
        )
    )


def decisions_between(
    session: Session, person: Person, first: datetime, last: datetime
) -> list[tuple[ProgramDecision, int, int]]:
    """The weekly reviews' decisions in the period, oldest first, with the version numbers
    they went from and to."""
    before = PlanVersion.__table__.alias("before")
    after = PlanVersion.__table__.alias("after")
    rows = session.execute(
        select(ProgramDecision, before.c.version, after.c.version)
        .join(before, before.c.id == ProgramDecision.from_plan_version_id)
        .join(after, after.c.id == ProgramDecision.to_plan_version_id)
        .where(
            ProgramDecision.person_id == person.id,
            ProgramDecision.created_at >= first,
            ProgramDecision.created_at <= last,
        )
        .order_by(ProgramDecision.created_at, ProgramDecision.id)
    )
    return [(d, int(a), int(b)) for d, a, b in rows]


def scores_between(
    session: Session, person: Person, measure: str, first: datetime, last: datetime
) -> list[OutcomeScore]:
    return list(
        session.scalars(
            select(OutcomeScore)
            .where(
                OutcomeScore.person_id == person.id,
                OutcomeScore.measure == measure,
                OutcomeScore.recorded_at >= first,
                OutcomeScore.recorded_at <= last,
            )
            .order_by(OutcomeScore.recorded_at, OutcomeScore.id)
        )
    )
