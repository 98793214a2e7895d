"""The recorded data alerts are made from, for many patients at once: each query takes every
patient of a list together (a clinician's list of hundreds stays a handful of queries), and
reads only the last days the alerts look at, besides each patient's current plan, latest
answers, last session and usual pain."""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Collection
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select
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


def _latest(session: Session, model: Any, person_ids: Collection[int]) -> dict[int, Any]:
    newest = (
        select(model.person_id, func.max(model.version).label("version"))
        .where(model.person_id.in_(person_ids))
        .group_by(model.person_id)
        .subquery()
    )
    rows = session.scalars(
        select(model).join(
            newest, and_(model.person_id == newest.c.person_id, model.version == newest.c.version)
        )
    )
    return {row.person_id: row for row in rows}


def current_plans(session: Session, person_ids: Collection[int]) -> dict[int, PlanVersion]:
    return _latest(session, PlanVersion, person_ids)


def latest_profiles(session: Session, person_ids: Collection[int]) -> dict[int, ProfileVersion]:
    return _latest(session, ProfileVersion, person_ids)


def plan_documents(session: Session, version_ids: Collection[int]) -> dict[int, dict[str, Any]]:
    rows = session.execute(
        select(PlanVersion.id, PlanVersion.document).where(PlanVersion.id.in_(version_ids))
    )
    return {i: doc for i, doc in rows}


def sessions_since(
    session: Session, person_ids: Collection[int], first: date
) -> list[TrainingSession]:
    return list(
        session.scalars(
            select(TrainingSession)
            .where(TrainingSession.person_id.in_(person_ids), TrainingSession.day >= first)
            .order_by(TrainingSession.started_at)
        )
    )


def worst_pains(session: Session, session_ids: Collection[int]) -> dict[int, dict[str, int]]:
    """The highest pain per session and exercise, reported after it or logged with a set."""
    out: dict[int, dict[str, int]] = defaultdict(dict)
    for model in (ExerciseReport, SetRecord):
        rows = session.execute(
            select(model.session_id, model.exercise, func.max(model.pain_during))
            .where(model.session_id.in_(session_ids), model.pain_during.is_not(None))
            .group_by(model.session_id, model.exercise)
        )
        for sid, exercise, pain in rows:
            mine = out[sid]
            mine[exercise] = max(int(pain or 0), mine.get(exercise, 0))
    return out


def checkins_since(session: Session, person_ids: Collection[int], first: date) -> list[CheckIn]:
    """Check-ins from `first` on; a day with several keeps its latest, last."""
    return list(
        session.scalars(
            select(CheckIn)
            .where(CheckIn.person_id.in_(person_ids), CheckIn.day >= first)
            .order_by(CheckIn.day, CheckIn.created_at, CheckIn.id)
        )
    )


def readings_since(
    session: Session, person_ids: Collection[int], first: datetime
) -> list[BloodPressureReading]:
    return list(
        session.scalars(
            select(BloodPressureReading).where(
                BloodPressureReading.person_id.in_(person_ids),
                BloodPressureReading.measured_at >= first,
            )
        )
    )


def decisions_since(
    session: Session, person_ids: Collection[int], first: datetime
) -> list[ProgramDecision]:
    return list(
        session.scalars(
            select(ProgramDecision)
            .where(ProgramDecision.person_id.in_(person_ids), ProgramDecision.created_at >= first)
            .order_by(ProgramDecision.id)
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


def usual_pains(session: Session, starts: dict[int, date]) -> dict[int, int]:
    """The usual morning pain before each patient's plan began (`starts`), as
    services/progress.baseline_pain has it: the median of the check-ins of the week before;
    patients without one are left out (their answers' pain counts)."""
    if not starts:
        return {}
    window = or_(
        *(
            and_(
                CheckIn.person_id == pid, CheckIn.day >= day - timedelta(days=7), CheckIn.day <= day
            )
            for pid, day in starts.items()
        )
    )
    week: dict[int, list[int]] = defaultdict(list)
    for pid, pain in session.execute(select(CheckIn.person_id, CheckIn.pain).where(window)):
        week[pid].append(pain)
    return {pid: round(statistics.median(pains)) for pid, pains in week.items()}


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))
