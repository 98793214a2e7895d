"""Statistics: weekly adherence, pain trend (during exercise and next morning) and dose
progression per exercise. Aggregation runs in SQL, so years of daily data stay fast."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from isohold.services.context import Context, require_person
from isohold.storage import plans
from isohold.storage import stats as queries

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
    with ctx.db.reading() as s:
        person = require_person(s)
        versions = [
            (v.created_at.date(), (v.document.get("program") or {}).get("sessions_per_week", 0))
            for v in plans.plan_history(s, person)
        ]
        trained = queries.sessions_per_week(s, person.id)
        during = queries.pain_during_per_week(s, person.id)
        morning = queries.morning_pain_per_week(s, person.id)
        doses = tuple(DoseTrend(*row) for row in queries.dose_ends(s, person.id))
    if not versions:
        return Stats((), (), None)
    per_week = [(_monday(day), n) for day, n in versions]
    weeks = []
    week = per_week[0][0]
    while week <= _monday(today):
        planned = next((n for w, n in reversed(per_week) if w <= week), 0)
        weeks.append(
            WeekStats(week, trained.get(week, 0), planned, during.get(week), morning.get(week))
        )
        week += timedelta(days=7)
    return Stats(tuple(weeks), doses, _change([w.mean_morning_pain for w in weeks]))


def _change(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    if len(known) < 4:
        return None
    return sum(known[-2:]) / 2 - sum(known[:2]) / 2
