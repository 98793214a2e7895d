"""Statistics: weekly adherence, pain trend (during exercise and next morning) and dose
progression per exercise. Aggregation runs in SQL, so years of daily data stay fast."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select

from isohold.services.context import Context, require_person
from isohold.storage import plans
from isohold.storage.models import CheckIn, ExerciseReport, SetRecord, TrainingSession

#: A change of 2 points on the 0-10 pain scale is meaningful (reference row T9.1).
MEANINGFUL_PAIN_CHANGE = 2


@dataclass(frozen=True)
class WeekStats:
    week_start: date
    sessions: int
    planned: int
    mean_pain_during: float | None
    mean_morning_pain: float | None

    @property
    def adherence_pct(self) -> float:
        return 0.0 if not self.planned else min(100.0, 100.0 * self.sessions / self.planned)


@dataclass(frozen=True)
class DoseTrend:
    exercise: str
    first_day: date
    first_hold_s: float
    first_intensity: float | None
    last_day: date
    last_hold_s: float
    last_intensity: float | None
    sets: int


@dataclass(frozen=True)
class Stats:
    weeks: tuple[WeekStats, ...]
    doses: tuple[DoseTrend, ...]
    morning_pain_change: float | None  # last 2 weeks' mean minus the first 2 weeks' mean

    @property
    def adherence_pct(self) -> float:
        planned = sum(w.planned for w in self.weeks)
        done = sum(min(w.sessions, w.planned) for w in self.weeks)
        return 0.0 if not planned else 100.0 * done / planned

    @property
    def meaningful_improvement(self) -> bool:
        change = self.morning_pain_change
        return change is not None and change <= -MEANINGFUL_PAIN_CHANGE


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def stats(ctx: Context) -> Stats:
    today = ctx.now().date()
    with ctx.db.transaction() as s:
        person = require_person(s)
        versions = plans.plan_history(s, person)
        mine = TrainingSession.person_id == person.id
        days_trained = (
            s.execute(
                select(TrainingSession.day)
                .where(
                    mine,
                    select(SetRecord.id).where(SetRecord.session_id == TrainingSession.id).exists(),
                )
                .group_by(TrainingSession.day)
            )
            .scalars()
            .all()
        )
        pain_during = s.execute(
            select(TrainingSession.day, func.avg(ExerciseReport.pain_during))
            .join(TrainingSession, ExerciseReport.session_id == TrainingSession.id)
            .where(mine)
            .group_by(TrainingSession.day)
        ).all()
        mornings = s.execute(
            select(CheckIn.day, func.avg(CheckIn.pain))
            .where(CheckIn.person_id == person.id)
            .group_by(CheckIn.day)
        ).all()
        dose_rows = s.execute(
            select(
                SetRecord.exercise,
                TrainingSession.day,
                func.max(SetRecord.hold_s),
                func.max(func.coalesce(SetRecord.load_value, SetRecord.intensity_value)),
                func.count(SetRecord.id),
            )
            .join(TrainingSession, SetRecord.session_id == TrainingSession.id)
            .where(mine)
            .group_by(SetRecord.exercise, TrainingSession.day)
            .order_by(TrainingSession.day)
        ).all()
    if not versions:
        return Stats((), (), None)
    start = _monday(versions[0].created_at.date())
    per_week = [
        (
            _monday(v.created_at.date()),
            (v.document.get("program") or {}).get("sessions_per_week", 0),
        )
        for v in versions
    ]
    sessions_in: dict[date, int] = defaultdict(int)
    for day in days_trained:
        sessions_in[_monday(day)] += 1
    during = _weekly_means(pain_during)
    morning = _weekly_means(mornings)
    weeks = []
    week = start
    while week <= _monday(today):
        planned = next((n for w, n in reversed(per_week) if w <= week), 0)
        weeks.append(
            WeekStats(week, sessions_in[week], planned, during.get(week), morning.get(week))
        )
        week += timedelta(days=7)
    return Stats(tuple(weeks), _doses(dose_rows), _change([w.mean_morning_pain for w in weeks]))


def _weekly_means(rows: Sequence[Any]) -> dict[date, float]:
    sums: dict[date, list[float]] = defaultdict(list)
    for day, value in rows:
        sums[_monday(day)].append(float(value))
    return {w: sum(v) / len(v) for w, v in sums.items()}


def _doses(rows: Sequence[Any]) -> tuple[DoseTrend, ...]:
    first: dict[str, tuple[Any, ...]] = {}
    last: dict[str, tuple[Any, ...]] = {}
    count: dict[str, int] = defaultdict(int)
    for exercise, day, hold, intensity, n in rows:
        first.setdefault(exercise, (day, hold, intensity))
        last[exercise] = (day, hold, intensity)
        count[exercise] += n
    out = []
    for ex in sorted(first):
        (day0, hold0, int0), (day1, hold1, int1) = first[ex], last[ex]
        out.append(DoseTrend(ex, day0, hold0, int0, day1, hold1, int1, count[ex]))
    return tuple(out)


def _change(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    if len(known) < 4:
        return None
    return sum(known[-2:]) / 2 - sum(known[:2]) / 2
