"""What to do today: the plan, this week's count, the morning check-in and the last response."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from isohold.domain.day_gate import DayGate
from isohold.domain.plan import Plan
from isohold.services import checkins as checkins_service
from isohold.services import gate
from isohold.services.context import Context, require_person
from isohold.storage import checkins, plans
from isohold.storage import sessions as store


@dataclass(frozen=True)
class Today:
    day: date
    plan: Plan
    plan_version: int
    sessions_this_week: int
    sessions_per_week: int
    done_today: bool
    checkin: tuple[int, int] | None  # today's pain, stiffness
    last_session_day: date | None
    last_session_pain: int | None  # worst pain reported during it
    morning_after: int | None  # pain at the check-in the morning after it
    interrupted: tuple[str, ...]  # UUIDs of sessions that can be resumed
    gate: DayGate  # what may be trained today (services/gate.py)
    morning_advice: str | None = None  # this morning's check-in showed a severe flare

    @property
    def session_due(self) -> bool:
        return (
            self.gate.exercise_allowed
            and not self.done_today
            and self.sessions_this_week < self.sessions_per_week
        )


def today(ctx: Context) -> Today:
    now = ctx.now()
    day = now.date()
    monday = day - timedelta(days=day.weekday())
    with ctx.db.reading() as s:
        person = require_person(s)
        version = plans.current_plan(s, person)
        assert version is not None
        plan = plans.plan_of(version)
        week_days = store.training_days(s, person.id, monday, day)
        last = store.last_training_before(s, person.id, day)
        last_pain = store.worst_pain(s, last.id) if last is not None else None
        marks = {
            c.day: c for c in checkins.checkins_between(s, person, day - timedelta(days=31), day)
        }
        after = marks.get(last.day + timedelta(days=1)) if last is not None else None
        todays = marks.get(day)
        interrupted = tuple(t.uuid for t in store.open_sessions(s, person))
    program = plan.program
    return Today(
        day=day,
        plan=plan,
        plan_version=version.version,
        sessions_this_week=len(week_days),
        sessions_per_week=program.sessions_per_week if program else 0,
        done_today=day in week_days,
        checkin=(todays.pain, todays.stiffness) if todays else None,
        last_session_day=last.day if last else None,
        last_session_pain=last_pain,
        morning_after=after.pain if after else None,
        interrupted=interrupted,
        gate=gate.today(ctx),
        morning_advice=checkins_service.morning_advice(ctx, day) if todays else None,
    )
