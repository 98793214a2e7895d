"""What to do today: the plan, this week's count, the morning check-in and the last response.

Today's view is computed once for each version of the person's data and kept in memory
(`Context.computed`): every write to the data, by any process, bumps the version in the
database (storage/versions.py), so a read costs one cheap query while nothing has changed. A
view holds for its day only, and only until a blood-pressure reading stamped later today
(an imported one) comes due.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from isohold.domain.day_gate import DayGate
from isohold.domain.errors import NoProfileError
from isohold.domain.models import Catalogue
from isohold.domain.plan import Plan
from isohold.domain.profile import Profile, parse_profile
from isohold.services import checkins as checkins_service
from isohold.services import gate
from isohold.services.context import Context, require_person
from isohold.storage import checkins, people, plan_edits, plans, versions
from isohold.storage import sessions as store
from isohold.storage.sessions import OPEN

#: What the day is, in one word, for every front-end (pages, `isohold today`, the API):
STATES = ("referral", "no_exercise", "resume", "done", "ended_early", "due", "rest")


@dataclass(frozen=True)
class Today:
    day: date
    plan: Plan
    plan_version: int
    sessions_this_week: int
    sessions_per_week: int
    #: a session was completed today
    done_today: bool
    checkin: tuple[int, int] | None  # today's pain, stiffness
    last_session_day: date | None  # the latest session with sets, today included
    last_session_pain: int | None  # worst pain reported during it
    morning_after: int | None  # pain at the check-in the morning after it
    interrupted: tuple[str, ...]  # UUIDs of sessions that can be resumed
    gate: DayGate  # what may be trained today (services/gate.py)
    morning_advice: str | None = None  # this morning's check-in showed a severe flare
    #: today's last session ended before its end (partial or stopped), with its note
    ended_early: tuple[str, str | None] | None = None
    #: the person has hypertension, wants lower blood pressure or trains it: readings matter
    bp_tracked: bool = False
    #: who made the current plan version and why, when a clinician did (storage/plan_edits.py)
    plan_change: dict[str, Any] | None = None

    @property
    def session_due(self) -> bool:
        return self.state in ("due", "ended_early")

    @property
    def state(self) -> str:
        """The one state of the day (STATES), decided here so that no page contradicts
        another: a referral or no-exercise day first, then an unfinished session to resume,
        then a session completed today, one that ended early, a session due, or rest."""
        if self.gate.referral is not None:
            return "referral"
        if not self.gate.exercise_allowed:
            return "no_exercise"
        if self.interrupted:
            return "resume"
        if self.done_today:
            return "done"
        if self.ended_early is not None:
            return "ended_early"
        if self.sessions_this_week < self.sessions_per_week:
            return "due"
        return "rest"


@dataclass
class Computed:
    """Today's view as computed at `since` from the data at `stamp` (its person and data
    version), valid before `until` (the next midnight, or an imported reading stamped later
    today), and its JSON document once rendered (services/documents.py)."""

    stamp: versions.Stamp
    catalogue: Catalogue
    since: datetime
    until: datetime
    view: Today
    json: bytes | None = None

    def holds(self, stamp: versions.Stamp, now: datetime, catalogue: Catalogue) -> bool:
        return (
            stamp == self.stamp and catalogue is self.catalogue and self.since <= now < self.until
        )


def today(ctx: Context) -> Today:
    """Today's view, computed again only when the person's data or the day has changed."""
    return current(ctx).view


def cached(ctx: Context) -> Computed | None:
    """Today's view when the one computed last is still current (one cheap read), else None."""
    now = ctx.now()
    stamp = _stamp(ctx)
    found = ctx.computed.get(("today", stamp[0]))
    return found if isinstance(found, Computed) and found.holds(stamp, now, ctx.catalogue) else None


def current(ctx: Context) -> Computed:
    """Today's view, computed when the person's data or the day has changed since."""
    now = ctx.now()
    # the version is read before the data: a write in between makes the view newer than its
    # version says, and the next read computes it again (never the other way round)
    stamp = _stamp(ctx)
    found = ctx.computed.get(("today", stamp[0]))
    if isinstance(found, Computed) and found.holds(stamp, now, ctx.catalogue):
        return found
    view, until = _compute(ctx, now)
    computed = Computed(stamp, ctx.catalogue, now, until, view)
    ctx.computed[("today", stamp[0])] = computed
    return computed


def _stamp(ctx: Context) -> versions.Stamp:
    stamp = versions.stamp(ctx.db)
    if stamp is None:
        raise NoProfileError()
    return stamp


def _compute(ctx: Context, now: datetime) -> tuple[Today, datetime]:
    day = now.date()
    monday = day - timedelta(days=day.weekday())
    midnight = datetime.combine(day + timedelta(days=1), time.min)
    with ctx.db.reading() as s:
        person = require_person(s)
        version = plans.current_plan(s, person)
        assert version is not None
        plan = plans.plan_of(version)
        week_days = store.training_days(s, person.id, monday, day)
        last = store.last_training_before(s, person.id, day + timedelta(days=1))
        last_pain = store.worst_pain(s, last.id) if last is not None else None
        marks = {
            c.day: c for c in checkins.checkins_between(s, person, day - timedelta(days=31), day)
        }
        after = marks.get(last.day + timedelta(days=1)) if last is not None else None
        todays = marks.get(day)
        interrupted = tuple(t.uuid for t in store.open_sessions(s, person))
        finished = [t for t in store.sessions_between(s, person, day, day) if t.status != OPEN]
        saved = people.latest_profile(s, person)
        later = checkins.first_bp_after(s, person, now, midnight)
        change = (
            plan_edits.authorship(s, [version.id]).get(version.id)
            if version.reason.startswith(plan_edits.BY_CLINICIAN)
            else None
        )
    program = plan.program
    ended = [t for t in finished if t.status in ("partial", "stopped")]
    view = Today(
        day=day,
        plan=plan,
        plan_version=version.version,
        sessions_this_week=len(week_days),
        sessions_per_week=program.sessions_per_week if program else 0,
        done_today=any(t.status == "complete" for t in finished),
        checkin=(todays.pain, todays.stiffness) if todays else None,
        last_session_day=last.day if last else None,
        last_session_pain=last_pain,
        morning_after=after.pain if after else None,
        interrupted=interrupted,
        gate=gate.today(ctx, now),
        morning_advice=checkins_service.morning_advice(ctx, day) if todays else None,
        ended_early=(ended[-1].status, ended[-1].note) if ended else None,
        bp_tracked=_bp_tracked(plan, parse_profile(saved.data) if saved else None, ctx),
        plan_change=change.to_dict() if change is not None else None,
    )
    return view, later or midnight


def _bp_tracked(plan: Plan, profile: Profile | None, ctx: Context) -> bool:
    blocks = plan.program.blocks if plan.program else ()
    trains = any(ctx.catalogue.protocols[b.protocol].blood_pressure for b in blocks
                 if b.protocol in ctx.catalogue.protocols)  # fmt: skip
    wants = profile is not None and (
        "hypertension" in profile.conditions or "blood_pressure" in profile.goals
    )
    return trains or wants
