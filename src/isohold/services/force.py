"""Force results in the log: MVC tests and %MVC holds, stored as outcome scores, each with its
raw recording (linked to the day's training session when there is one)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from isohold.domain.errors import InputError
from isohold.domain.ids import new_uuid
from isohold.domain.plan import Plan
from isohold.force.signal import Recording
from isohold.services.context import Context, require_person
from isohold.storage import force as recordings
from isohold.storage import plans
from isohold.storage.models import OutcomeScore, Person
from isohold.storage.sessions import sessions_between

MVC = "mvc-test"
HOLD = "pct-mvc-hold"


def save_mvc(
    ctx: Context,
    efforts_n: list[float],
    exercise: str | None = None,
    recording: Recording | None = None,
) -> float:
    """The best of the efforts is the MVC (newtons); all efforts are kept in the detail."""
    if not efforts_n or max(efforts_n) <= 0:
        raise InputError("efforts", "no effort above zero was recorded")
    best = max(efforts_n)
    detail = {"efforts_n": efforts_n, "exercise": exercise}
    _save(ctx, MVC, best, detail, recording)
    return best


def latest_mvc(ctx: Context, exercise: str | None = None) -> float | None:
    with ctx.db.reading() as s:
        person = require_person(s)
        rows = s.scalars(
            select(OutcomeScore)
            .where(OutcomeScore.person_id == person.id, OutcomeScore.measure == MVC)
            .order_by(OutcomeScore.recorded_at.desc(), OutcomeScore.id.desc())
        ).all()
    for row in rows:
        if exercise is None or (row.detail or {}).get("exercise") == exercise:
            return float(row.score)
    return None


def save_hold(ctx: Context, summary: dict[str, Any], recording: Recording | None = None) -> None:
    """A guided %MVC hold: time in band, mean %MVC, steadiness (CV)."""
    _save(ctx, HOLD, float(summary["time_in_band_s"]), summary, recording)


def _save(
    ctx: Context, measure: str, score: float, detail: dict[str, Any], rec: Recording | None
) -> None:
    now = ctx.now()
    uuid = new_uuid()
    with ctx.db.transaction() as s:
        person = require_person(s)
        s.add(OutcomeScore(uuid=uuid, person_id=person.id, measure=measure, score=score,
                           detail=detail, recorded_at=now))  # fmt: skip
        if rec is not None:
            recordings.add_recording(
                s, person, new_uuid(), kind=measure, recorded_at=now, t=rec.t, f=rec.f,
                sample_rate_hz=rec.sample_rate_hz, metrics={"outcome_uuid": uuid, **detail},
                session_id=_todays_session(s, person, ctx),
            )  # fmt: skip


def _todays_session(s: Session, person: Person, ctx: Context) -> int | None:
    day = ctx.now().date()
    today = sessions_between(s, person, day, day)
    return today[-1].id if today else None


@dataclass(frozen=True)
class PlannedHold:
    exercise: str
    pct: float
    hold_s: float
    side: str = "both"  # the block's side: left, right, both or each


def _current_plan(ctx: Context) -> Plan | None:
    with ctx.db.reading() as s:
        version = plans.current_plan(s, require_person(s))
        return plans.plan_of(version) if version is not None else None


def planned_hold(ctx: Context) -> PlannedHold | None:
    """The current plan's first block dosed at a % of MVC, if it has one."""
    plan = _current_plan(ctx)
    if plan is None or plan.program is None:
        return None
    for block in plan.program.blocks:
        if block.intensity_kind == "pct_mvc" and block.intensity_value is not None:
            return PlannedHold(block.exercise, block.intensity_value, block.hold_s, block.side)
    return None


HEAVY_WAITS = (
    "maximal efforts and holds at {pct}% of MVC or more wait today, because {why}; lighter "
    "holds are fine"
)
HEAVY_WHY = (
    "your blood pressure needs a resting reading today that is under 160/100 or cleared by a "
    "doctor (see today's page), or your health rules out all-out efforts for now (see your "
    "plan)"
)


def check_allowed(ctx: Context, pct_mvc: float | None) -> None:
    """Refuse what today's gate refuses (services/gate.py): anything after a referral or on a
    day with no exercise, and, while heavy work waits, the MVC test (`pct_mvc` None: maximal)
    and holds at >= 70% MVC."""
    from isohold.domain.errors import ConflictError
    from isohold.domain.profile import parse_profile
    from isohold.domain.restrictions import HEAVY_PCT_MVC
    from isohold.services import gate
    from isohold.storage import people

    today = gate.today(ctx)
    if not today.exercise_allowed:
        raise ConflictError(today.text)
    heavy = pct_mvc is None or pct_mvc >= HEAVY_PCT_MVC
    if not heavy:
        return
    with ctx.db.reading() as s:
        saved = people.latest_profile(s, require_person(s))
    profile = parse_profile(saved.data) if saved is not None else None
    if not gate.heavy_allowed(ctx, today, profile):
        raise ConflictError(HEAVY_WAITS.format(pct=HEAVY_PCT_MVC, why=HEAVY_WHY))


ABOVE_BP_DOSE = (
    "this is above the {dose:g}% of MVC your plan sets for blood-pressure training; the "
    "training guide advises not to go above it, and to breathe normally throughout"
)


def hold_note(ctx: Context, pct_mvc: float, exercise: str | None) -> str | None:
    """A caution when a hold goes above the plan's blood-pressure training dose (T2.7) for
    that exercise (or for any hold, when none is named)."""
    plan = _current_plan(ctx)
    if plan is None or plan.program is None:
        return None
    doses = [
        b.intensity_value
        for b in plan.program.blocks
        if b.intensity_kind == "pct_mvc" and b.intensity_value is not None
        and ctx.catalogue.protocols[b.protocol].blood_pressure
        and (exercise is None or b.exercise == exercise)
    ]  # fmt: skip
    if doses and pct_mvc > min(doses):
        return ABOVE_BP_DOSE.format(dose=min(doses))
    return None
