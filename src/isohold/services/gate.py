"""The day's gate as a use case: every front-end asks here what may be trained today (the
terminal and browser coaches, the force page, desk breaks and today's summary)."""

from __future__ import annotations

from datetime import datetime, time

from isohold.domain.day_gate import DayGate, day_gate
from isohold.domain.escalation import morning_advice, severe_during
from isohold.domain.profile import BloodPressure, Profile, parse_profile
from isohold.domain.restrictions import restrictions_for
from isohold.services import home_bp
from isohold.services.context import Context, require_person
from isohold.storage import checkins, people, plans
from isohold.storage import sessions as store


def today(ctx: Context, now: datetime | None = None) -> DayGate:
    """The gate for today (or for the day of `now`): referral, today's resting blood pressure
    up to now, the latest home week's average, and exercises that caused severe pain since the
    plan was made."""
    from isohold.services.progress import baseline_pain

    now = now or ctx.now()
    with ctx.db.reading() as s:
        person = require_person(s)
        version = plans.current_plan(s, person)
        assert version is not None
        plan = plans.plan_of(version)
        saved = people.latest_profile(s, person)
        readings = checkins.bp_between(s, person, datetime.combine(now.date(), time.min), now)
        worst = store.worst_pain_by_exercise(s, version.id)
        mornings = checkins.checkins_between(s, person, now.date(), now.date())
        usual = baseline_pain(s, person, version) if worst or mornings else None
        home = home_bp.latest_of(checkins.bp_until(s, person, now))
    profile = parse_profile(saved.data) if saved is not None else None
    last = readings[-1] if readings else None
    reading = None if last is None else BloodPressure(last.systolic, last.diastolic)
    severe = {e for e, pain in worst.items() if severe_during(pain, usual)}
    flare = morning_advice(mornings[-1].pain, usual) if mornings else None
    return day_gate(plan, profile, ctx.catalogue, reading, severe, flare, home)


def heavy_allowed(ctx: Context, gate: DayGate, profile: Profile | None) -> bool:
    """Maximal efforts and holds at 70% MVC or more: allowed by today's gate and by what the
    person's health rules out (blood pressure not known or not cleared, pregnancy, ...)."""
    if not gate.heavy_allowed:
        return False
    if profile is None:
        return True
    limits = restrictions_for(profile, ctx.catalogue)
    return not limits.heavy
