"""The recorded data alerts are made from, for many patients at once: each query takes every
patient of a list together (a clinician's list of hundreds stays a handful of queries), and
reads only the last days the alerts look at, besides each patient's current plan, latest
answers, last session and usual pain."""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Date, Row, and_, cast, func, select
from sqlalchemy.orm import Session

from isohold.storage.models import (
    BloodPressureReading,
    CheckIn,
    DeskBreak,
    ExerciseReport,
    PlanVersion,
    ProfileVersion,
    ProgramDecision,
    SetRecord,
    TrainingSession,
)


@dataclass(frozen=True, slots=True)
class PlanFacts:
    version_id: int
    created_at: datetime
    status: str
    #: the program's pain limit; None: the plan has no program (a referral)
    limit: int | None


def _newest(model: Any, person_ids: Collection[int]) -> Any:
    return (
        select(model.person_id, func.max(model.version).label("version"))
        .where(model.person_id.in_(person_ids))
        .group_by(model.person_id)
        .subquery()
    )


def _limit(document: Any) -> Any:
    return document[("program", "monitoring", "max_pain_during")].as_integer()


def current_plans(session: Session, person_ids: Collection[int]) -> dict[int, PlanFacts]:
    """Each patient's current plan version, read without its document."""
    newest = _newest(PlanVersion, person_ids)
    rows = session.execute(
        select(
            PlanVersion.person_id,
            PlanVersion.id,
            PlanVersion.created_at,
            PlanVersion.status,
            _limit(PlanVersion.document),
        ).join(
            newest,
            and_(
                PlanVersion.person_id == newest.c.person_id, PlanVersion.version == newest.c.version
            ),
        )
    )
    return {pid: PlanFacts(vid, at, status, limit) for pid, vid, at, status, limit in rows}


def latest_profiles(session: Session, person_ids: Collection[int]) -> dict[int, Row[Any]]:
    """Each patient's latest answers: id, person_id, created_at, data (rows, not ORM objects:
    a list of hundreds spent a quarter of its time building them)."""
    newest = _newest(ProfileVersion, person_ids)
    p = ProfileVersion
    rows = session.execute(
        select(p.id, p.person_id, p.created_at, p.data).join(
            newest, and_(p.person_id == newest.c.person_id, p.version == newest.c.version)
        )
    )
    return {row.person_id: row for row in rows}


def plan_limits(session: Session, version_ids: Collection[int]) -> dict[int, int | None]:
    rows = session.execute(
        select(PlanVersion.id, _limit(PlanVersion.document)).where(PlanVersion.id.in_(version_ids))
    )
    return {vid: limit for vid, limit in rows}


def sessions_since(session: Session, person_ids: Collection[int], first: date) -> list[Row[Any]]:
    """Sessions from `first` on: id, person_id, day, started_at, status, note,
    plan_version_id and whether any set was saved in it (`has_sets`)."""
    has_sets = select(SetRecord.id).where(SetRecord.session_id == TrainingSession.id).exists()
    return list(
        session.execute(
            select(
                TrainingSession.id,
                TrainingSession.person_id,
                TrainingSession.day,
                TrainingSession.started_at,
                TrainingSession.status,
                TrainingSession.note,
                TrainingSession.plan_version_id,
                has_sets.label("has_sets"),
            )
            .where(TrainingSession.person_id.in_(person_ids), TrainingSession.day >= first)
            .order_by(TrainingSession.started_at)
        )
    )


def worst_pains(
    session: Session, person_ids: Collection[int], first: date
) -> dict[int, dict[str, int]]:
    """The highest pain per session (from `first` on) and exercise, reported after it or
    logged with a set; the sessions are found by person and day, as `sessions_since` finds
    them (a list of thousands of session ids cost more to send than the query)."""
    out: dict[int, dict[str, int]] = defaultdict(dict)
    t = TrainingSession
    for model in (ExerciseReport, SetRecord):
        rows = session.execute(
            select(model.session_id, model.exercise, func.max(model.pain_during))
            .join(t, t.id == model.session_id)
            .where(t.person_id.in_(person_ids), t.day >= first, model.pain_during.is_not(None))
            .group_by(model.session_id, model.exercise)
        )
        for sid, exercise, pain in rows:
            mine = out[sid]
            mine[exercise] = max(int(pain or 0), mine.get(exercise, 0))
    return out


def checkins_since(session: Session, person_ids: Collection[int], first: date) -> list[Row[Any]]:
    """Check-ins from `first` on (id, person_id, day, pain); a day with several keeps its
    latest, last."""
    return list(
        session.execute(
            select(CheckIn.id, CheckIn.person_id, CheckIn.day, CheckIn.pain)
            .where(CheckIn.person_id.in_(person_ids), CheckIn.day >= first)
            .order_by(CheckIn.day, CheckIn.created_at, CheckIn.id)
        )
    )


def readings_since(
    session: Session, person_ids: Collection[int], first: datetime
) -> list[Row[Any]]:
    """Readings from `first` on: id, person_id, measured_at, systolic, diastolic."""
    r = BloodPressureReading
    return list(
        session.execute(
            select(r.id, r.person_id, r.measured_at, r.systolic, r.diastolic).where(
                r.person_id.in_(person_ids), r.measured_at >= first
            )
        )
    )


def decisions_since(
    session: Session, person_ids: Collection[int], first: datetime
) -> list[Row[Any]]:
    """Review decisions from `first` on: person_id, to_plan_version_id, exercise, action,
    created_at."""
    d = ProgramDecision
    return list(
        session.execute(
            select(d.person_id, d.to_plan_version_id, d.exercise, d.action, d.created_at)
            .where(d.person_id.in_(person_ids), d.created_at >= first)
            .order_by(d.id)
        )
    )


def last_sessions(session: Session, person_ids: Collection[int]) -> dict[int, tuple[int, date]]:
    """Each patient's latest session with a saved set: (session id, day)."""
    has_sets = select(SetRecord.id).where(SetRecord.session_id == TrainingSession.id).exists()
    newest = (
        select(TrainingSession.person_id, func.max(TrainingSession.day).label("day"))
        .where(TrainingSession.person_id.in_(person_ids), has_sets)
        .group_by(TrainingSession.person_id)
        .subquery()
    )
    rows = session.execute(
        select(TrainingSession.person_id, func.max(TrainingSession.id), newest.c.day)
        .join(
            newest,
            and_(
                TrainingSession.person_id == newest.c.person_id,
                TrainingSession.day == newest.c.day,
            ),
        )
        .group_by(TrainingSession.person_id, newest.c.day)
    )
    return {pid: (sid, _day(day)) for pid, sid, day in rows}


def desk_counts(
    session: Session, person_ids: Collection[int], first: datetime, last: datetime
) -> dict[int, tuple[int, int]]:
    """Breaks recorded in [first, last) per patient: (done, done or skipped)."""
    rows = session.execute(
        select(DeskBreak.person_id, DeskBreak.outcome, func.count(DeskBreak.id))
        .where(
            DeskBreak.person_id.in_(person_ids),
            DeskBreak.recorded_at >= first,
            DeskBreak.recorded_at < last,
            DeskBreak.outcome.in_(("done", "skipped")),
        )
        .group_by(DeskBreak.person_id, DeskBreak.outcome)
    )
    out: dict[int, tuple[int, int]] = {}
    for pid, outcome, n in rows:
        done, ended = out.get(pid, (0, 0))
        out[pid] = (done + (n if outcome == "done" else 0), ended + n)
    return out


def usual_pains(session: Session, person_ids: Collection[int]) -> dict[int, int]:
    """The usual morning pain before each patient's current plan began, as
    services/progress.baseline_pain has it: the median of the check-ins of the week before;
    patients without one are left out (their answers' pain counts)."""
    newest = _newest(PlanVersion, person_ids)
    start = (
        select(PlanVersion.person_id, PlanVersion.created_at)
        .join(
            newest,
            and_(
                PlanVersion.person_id == newest.c.person_id, PlanVersion.version == newest.c.version
            ),
        )
        .subquery()
    )
    day = _date(session, start.c.created_at)
    rows = session.execute(
        select(CheckIn.person_id, CheckIn.pain).join(
            start,
            and_(
                CheckIn.person_id == start.c.person_id,
                CheckIn.day <= day,
                CheckIn.day >= _days_before(session, day, 7),
            ),
        )
    )
    week: dict[int, list[int]] = defaultdict(list)
    for pid, pain in rows:
        week[pid].append(pain)
    return {pid: round(statistics.median(pains)) for pid, pains in week.items()}


def _date(session: Session, moment: Any) -> ColumnElement[Any]:
    if session.get_bind().dialect.name == "postgresql":
        return cast(moment, Date)
    return func.date(moment)


def _days_before(session: Session, day: ColumnElement[Any], days: int) -> ColumnElement[Any]:
    if session.get_bind().dialect.name == "postgresql":
        return day - days
    return func.date(day, f"-{days} days")


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))
