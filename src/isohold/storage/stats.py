"""Aggregate queries for statistics, grouped by week inside the database so that years of
daily data come back as a few hundred rows."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Date, and_, cast, distinct, func, or_, select
from sqlalchemy.orm import Session

from isohold.storage.models import CheckIn, ExerciseReport, SetRecord, TrainingSession


def _monday(session: Session, day: Any) -> ColumnElement[Any]:
    """The Monday starting the week of `day`, as the database computes it."""
    if session.get_bind().dialect.name == "postgresql":
        return cast(func.date_trunc("week", day), Date)
    # SQLite: 'weekday 0' moves forward to Sunday (or stays), 6 days back is that week's Monday
    return func.date(day, "weekday 0", "-6 days")


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def sessions_per_week(session: Session, person_id: int) -> dict[date, int]:
    """Distinct days with at least one saved set, per week."""
    week = _monday(session, TrainingSession.day)
    has_sets = select(SetRecord.id).where(SetRecord.session_id == TrainingSession.id).exists()
    rows = session.execute(
        select(week, func.count(distinct(TrainingSession.day)))
        .where(TrainingSession.person_id == person_id, has_sets)
        .group_by(week)
    )
    return {_day(w): n for w, n in rows}


def trained_on(session: Session, person_id: int, day: date) -> bool:
    """Whether a session with at least one saved set was held on `day`."""
    has_sets = select(SetRecord.id).where(SetRecord.session_id == TrainingSession.id).exists()
    found = session.scalar(
        select(TrainingSession.id)
        .where(TrainingSession.person_id == person_id, TrainingSession.day == day, has_sets)
        .limit(1)
    )
    return found is not None


def pain_during_per_week(session: Session, person_id: int) -> dict[date, float]:
    week = _monday(session, TrainingSession.day)
    rows = session.execute(
        select(week, func.avg(ExerciseReport.pain_during))
        .join(TrainingSession, ExerciseReport.session_id == TrainingSession.id)
        .where(TrainingSession.person_id == person_id)
        .group_by(week)
    )
    return {_day(w): float(v) for w, v in rows}


def morning_pain_per_week(session: Session, person_id: int) -> dict[date, float]:
    week = _monday(session, CheckIn.day)
    rows = session.execute(
        select(week, func.avg(CheckIn.pain)).where(CheckIn.person_id == person_id).group_by(week)
    )
    return {_day(w): float(v) for w, v in rows}


def dose_ends(session: Session, person_id: int) -> list[tuple[Any, ...]]:
    """Per exercise: (exercise, first day, its hold, its intensity, last day, its hold, its
    intensity, number of sets), the hold and intensity being that day's largest."""
    mine = TrainingSession.person_id == person_id
    joined = select(SetRecord.exercise).join(
        TrainingSession, SetRecord.session_id == TrainingSession.id
    )
    spans = session.execute(
        joined.add_columns(
            func.min(TrainingSession.day), func.max(TrainingSession.day), func.count(SetRecord.id)
        )
        .where(mine)
        .group_by(SetRecord.exercise)
        .order_by(SetRecord.exercise)
    ).all()
    if not spans:
        return []
    wanted = or_(
        *(
            and_(SetRecord.exercise == ex, TrainingSession.day.in_([first, last]))
            for ex, first, last, _n in spans
        )
    )
    ends = {
        (ex, _day(day)): (hold, intensity)
        for ex, day, hold, intensity in session.execute(
            joined.add_columns(
                TrainingSession.day,
                func.max(SetRecord.hold_s),
                func.max(func.coalesce(SetRecord.load_value, SetRecord.intensity_value)),
            )
            .where(mine, wanted)
            .group_by(SetRecord.exercise, TrainingSession.day)
        )
    }
    out = []
    for ex, first, last, n in spans:
        first, last = _day(first), _day(last)
        out.append((ex, first, *ends[(ex, first)], last, *ends[(ex, last)], n))
    return out
