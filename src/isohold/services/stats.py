"""Statistics: weekly adherence, pain trend (during exercise and next morning) and dose
progression per exercise. Aggregation runs in SQL, so years of daily data stay fast.

Adherence is measured against the sessions due so far, not against whole weeks ahead: a week's
planned sessions (the plan's sessions per week) are pro-rated over the days of that week that
count, so one session on the plan's first day is 100%, not 1 of 5 (20%). A day counts when the
plan was in force on it and it has ended; today counts once a session was done today (the day
is not over until then). Each week's done sessions count up to its due ones, so extra sessions
in one week do not make up for missed ones in another. See `sessions_due`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from isohold.services.context import Context, require_person
from isohold.storage import plans
from isohold.storage import stats as queries

#: A change of 2 points on the 0-10 pain scale is meaningful (reference row T9.1).
MEANINGFUL_PAIN_CHANGE = 2


def sessions_due(per_week: int, days_counted: int) -> float:
    """Sessions due after `days_counted` days of a week (0-7), pro-rated: 5 a week are 5/7 due
    after one day and 5 after seven."""
    return per_week * max(0, min(days_counted, 7)) / 7


@dataclass(frozen=True)
class WeekStats:
    week_start: date
    sessions: int
    planned: int  # the whole week's sessions
    mean_pain_during: float | None
    mean_morning_pain: float | None
    #: sessions due in the days of this week that count (module docstring); None: `planned`
    due: float | None = None

    @property
    def sessions_due(self) -> float:
        return float(self.planned) if self.due is None else self.due

    @property
    def adherence_pct(self) -> float:
        due = self.sessions_due
        return 0.0 if not due else min(100.0, 100.0 * self.sessions / due)


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
    def sessions_due(self) -> float:
        """Sessions due so far over all weeks (0 on the plan's first day before training)."""
        return sum(w.sessions_due for w in self.weeks)

    @property
    def adherence_pct(self) -> float:
        due = self.sessions_due
        done = sum(min(w.sessions, w.sessions_due) for w in self.weeks)
        return 0.0 if not due else min(100.0, 100.0 * done / due)

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
        trained_today = queries.trained_on(s, person.id, today)
    if not versions:
        return Stats((), (), None)
    per_week = [(_monday(day), n) for day, n in versions]
    first_day = versions[0][0]
    last_day = today if trained_today else today - timedelta(days=1)
    weeks = []
    week = per_week[0][0]
    while week <= _monday(today):
        planned = next((n for w, n in reversed(per_week) if w <= week), 0)
        counted = (min(week + timedelta(days=6), last_day) - max(week, first_day)).days + 1
        weeks.append(WeekStats(week, trained.get(week, 0), planned, during.get(week),
                               morning.get(week), sessions_due(planned, counted)))  # fmt: skip
        week += timedelta(days=7)
    return Stats(tuple(weeks), doses, _change([w.mean_morning_pain for w in weeks]))


def _change(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    if len(known) < 4:
        return None
    return sum(known[-2:]) / 2 - sum(known[:2]) / 2
