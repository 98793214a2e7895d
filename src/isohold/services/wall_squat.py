"""The incremental wall-squat test as a use case: whether it may be done today and how it is
paced, saving its result, the angle in the plan, and when it is due again
(domain/wall_squat_test.py). The live run on a strap is services/wall_squat_live.py."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session

from isohold.domain.errors import ConflictError, InputError
from isohold.domain.ids import new_uuid
from isohold.domain.models import Catalogue
from isohold.domain.plan import Plan
from isohold.domain.profile import parse_profile
from isohold.domain.wall_squat_test import (
    EFFORT_TEST_ID,
    RETEST_BY_DAYS,
    RETEST_FROM_DAYS,
    STAGE_ANGLES,
    STAGE_S,
    STOPS,
    SYMPTOMS,
    TARGET_EFFORT,
    TARGET_PCT_PEAK,
    TEST_ID,
    AngleChoice,
    Stage,
    age_predicted_max,
    choice_from_dict,
    choose_angle,
    choose_angle_by_effort,
    hr_band,
    mode_for,
    peak_hr_of,
    retest_window,
    stop_words,
    wall_squat_blocks,
    with_angle,
)
from isohold.services import gate
from isohold.services.context import Context, require_person
from isohold.storage import outcomes, people, plans
from isohold.storage.models import Person

#: stops after which no angle is set: see a clinician (symptoms, blood pressure) or rest (pain)
UNSAFE_STOPS = ("symptom", "blood_pressure", "pain")


@dataclass(frozen=True)
class Setup:
    """How the test runs for this person today, or why it cannot."""

    mode: str | None  # heart_rate | effort; None: the plan has no blood-pressure wall squat
    allowed: bool
    reason: str
    test_id: str | None
    age_max_hr: float | None
    max_pain: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "mode": self.mode,
            "allowed": self.allowed,
            "reason": self.reason,
            "test": self.test_id,
            "stages": [{"angle_deg": a, "seconds": STAGE_S} for a in STAGE_ANGLES],
            "target_pct_peak": TARGET_PCT_PEAK if self.mode == "heart_rate" else None,
            "target_effort": TARGET_EFFORT if self.mode == "effort" else None,
            "age_predicted_max_hr": self.age_max_hr,
            "max_pain": self.max_pain,
            "symptoms": SYMPTOMS,
        }


def setup(ctx: Context) -> Setup:
    """The test's pacing and whether today's gate allows it: it is a deep, hard knee hold held
    to the end, so it follows the same blood-pressure rules as the wall squat itself."""
    with ctx.db.reading() as s:
        person = require_person(s)
        version = plans.current_plan(s, person)
        assert version is not None
        plan = plans.plan_of(version)
        saved = people.latest_profile(s, person)
    profile = parse_profile(saved.data) if saved is not None else None
    age_max = round(age_predicted_max(profile.age)) if profile is not None else None
    max_pain = plan.program.max_pain_during if plan.program is not None else 5
    mode = mode_for(plan, ctx.catalogue)
    test_id = {"heart_rate": TEST_ID, "effort": EFFORT_TEST_ID}.get(mode or "")
    tests = {t for t, _ in plan.program.tests} if plan.program is not None else set()
    if mode is None or test_id not in tests:
        return Setup(
            None,
            False,
            "Your plan has no blood-pressure wall squat, so there is no wall-squat test to do.",
            None,
            age_max,
            max_pain,
        )
    today = gate.today(ctx)
    if not today.exercise_allowed:
        return Setup(mode, False, today.text, test_id, age_max, max_pain)
    if "wall-sit" in today.skipped:
        return Setup(mode, False, f"Not today: {today.text}", test_id, age_max, max_pain)
    return Setup(mode, True, "", test_id, age_max, max_pain)


def check_allowed(ctx: Context) -> Setup:
    found = setup(ctx)
    if not found.allowed:
        raise ConflictError(found.reason)
    return found


@dataclass(frozen=True)
class Outcome:
    choice: AngleChoice
    stop: str
    advice: str
    saved: bool
    stages: tuple[Stage, ...]
    retest: tuple[date, date] | None = None
    band: tuple[float, float, float] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": "result",
            "mode": self.choice.mode,
            "angle_deg": self.choice.angle_deg,
            "reason": self.choice.reason,
            "stop": self.stop,
            "advice": self.advice,
            "saved": self.saved,
            "peak_hr": _r(self.choice.peak_hr),
            "target": _r(self.choice.target),
            "band_bpm": None if self.band is None else list(self.band),
            "stages": [
                {
                    "angle_deg": s.angle_deg,
                    "held_s": round(s.held_s, 1),
                    "hr": _r(s.hr),
                    "effort": s.effort,
                    "full": s.full,
                }
                for s in self.stages
            ],
            "retest_from": None if self.retest is None else self.retest[0].isoformat(),
            "retest_by": None if self.retest is None else self.retest[1].isoformat(),
        }


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 1)


def parse_stages(raw: Any) -> list[Stage]:
    """Stages typed in or sent by a page: [{"angle_deg", "held_s", "hr"?, "effort"?}], in
    the test's order."""
    if not isinstance(raw, list) or not 1 <= len(raw) <= len(STAGE_ANGLES):
        raise InputError("stages", f"must be a list of 1-{len(STAGE_ANGLES)} stages")
    out = []
    for i, item in enumerate(raw):
        where = f"stages[{i}]"
        if not isinstance(item, dict):
            raise InputError(where, "must be an object")
        angle = item.get("angle_deg", STAGE_ANGLES[i])
        if angle != STAGE_ANGLES[i]:
            raise InputError(
                f"{where}.angle_deg", f"stage {i + 1} is at {STAGE_ANGLES[i]:g} degrees"
            )
        held = _num(item.get("held_s", STAGE_S), f"{where}.held_s", 0, STAGE_S)
        hr = item.get("hr")
        effort = item.get("effort")
        out.append(
            Stage(
                float(angle),
                held,
                None if hr is None else _num(hr, f"{where}.hr", 30, 240),
                None if effort is None else _num(effort, f"{where}.effort", 0, 10),
            )
        )
        if held < STAGE_S - 1 and i < len(raw) - 1:
            raise InputError(f"{where}.held_s", "only the last stage can end early")
    return out


def _num(value: Any, field: str, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise InputError(field, f"must be a number from {low:g} to {high:g}")
    return float(value)


def finish(
    ctx: Context,
    stages: Sequence[Stage],
    *,
    stop: str = "complete",
    symptom: str | None = None,
    strap_peak: float | None = None,
    device: str | None = None,
) -> Outcome:
    """Choose the angle from the stages (heart rates or efforts, by the plan's pacing), save
    it and set it in the plan, unless a stop rule ended the test for safety. Refused (as the
    test is) on a day whose blood-pressure gate holds the wall squat back."""
    if stop not in STOPS:
        raise InputError("stop", f"unknown value {stop!r:.20}; allowed values: {', '.join(STOPS)}")
    if symptom is not None and symptom not in SYMPTOMS:
        raise InputError("symptom", f"allowed values: {', '.join(SYMPTOMS)}")
    # today's gate holds for a result typed in or sent as much as for the live test
    found = check_allowed(ctx)
    if found.mode == "effort":
        choice = choose_angle_by_effort(stages)
    else:
        choice = choose_angle(stages, peak_hr_of(stages, strap_peak))
    advice = stop_words(stop, symptom)
    if stop in UNSAFE_STOPS:
        choice = AngleChoice(
            choice.mode,
            None,
            "No angle is set after a test stopped for safety.",
            choice.target,
            choice.peak_hr,
        )
    if choice.angle_deg is None:
        return Outcome(choice, stop, advice, False, tuple(stages))
    now = ctx.now()
    detail = {
        "choice": choice.to_dict(),
        "stop": stop,
        "device": device,
        "stages": [
            {"angle_deg": s.angle_deg, "held_s": s.held_s, "hr": s.hr, "effort": s.effort}
            for s in stages
        ],
    }
    assert found.test_id is not None
    with ctx.db.transaction() as s:
        person = require_person(s)
        outcomes.add_score(s, person, new_uuid(), found.test_id, choice.angle_deg, detail, now)
        version = plans.current_plan(s, person)
        assert version is not None
        plans.set_joint_angles(
            s, version, with_angle(plans.plan_of(version), choice, ctx.catalogue)
        )
    band = None
    if choice.mode == "heart_rate" and choice.peak_hr is not None:
        band = hr_band(choice.peak_hr, TARGET_PCT_PEAK)
    return Outcome(choice, stop, advice, True, tuple(stages), retest_window(now.date()), band)


@dataclass(frozen=True)
class Latest:
    day: date
    test_id: str
    choice: AngleChoice

    @property
    def retest(self) -> tuple[date, date]:
        return retest_window(self.day)


def _latest(s: Session, person: Person) -> Latest | None:
    rows = outcomes.scores_of(s, person, (TEST_ID, EFFORT_TEST_ID))
    if not rows:
        return None
    row = rows[-1]
    raw = (row.detail or {}).get("choice", {})
    return Latest(row.recorded_at.date(), row.measure, choice_from_dict(raw))


def latest(ctx: Context) -> Latest | None:
    with ctx.db.reading() as s:
        return _latest(s, require_person(s))


def with_saved_angle(s: Session, person: Person, plan: Plan, catalogue: Catalogue) -> Plan:
    """A new plan version keeps the latest test's angle, worked out for each wall squat's own
    intensity (a review may have moved it)."""
    found = _latest(s, person)
    if found is None:
        return plan
    return with_angle(plan, found.choice, catalogue)


@dataclass(frozen=True)
class Status:
    """Is the test needed, done, or due again? For Today and the API."""

    needed: bool
    state: str  # none | not_done | done | may_retest | due
    text: str
    latest: Latest | None = None

    def to_dict(self) -> dict[str, Any]:
        found = self.latest
        return {
            "needed": self.needed,
            "state": self.state,
            "text": self.text,
            "tested_on": None if found is None else found.day.isoformat(),
            "angle_deg": None if found is None else found.choice.angle_deg,
            "mode": None if found is None else found.choice.mode,
            "retest_from": None if found is None else found.retest[0].isoformat(),
            "retest_by": None if found is None else found.retest[1].isoformat(),
        }


def status_of(plan: Plan, found: Latest | None, today: date, catalogue: Catalogue) -> Status:
    mode = mode_for(plan, catalogue)
    if mode is None:
        return Status(False, "none", "", found)
    test_mode = None if found is None else found.choice.mode
    if found is None or test_mode != mode:
        return Status(
            True,
            "not_done",
            (
                "Do the wall-squat test before your first wall squats: it sets the knee angle for "
                "your blood-pressure training (about 12 minutes, with someone nearby)."
            ),
        )
    start, due = found.retest
    angle = f"{found.choice.angle_deg:g} degrees"
    if today >= due:
        return Status(
            True,
            "due",
            (
                f"Your wall-squat test is due again (last on {found.day:%d %b}, angle {angle}): "
                "repeat it so the angle keeps up with you."
            ),
            found,
        )
    if today >= start:
        return Status(
            True,
            "may_retest",
            (
                f"You can repeat the wall-squat test now; it is due by {due:%d %b} "
                f"(last on {found.day:%d %b}, angle {angle})."
            ),
            found,
        )
    return Status(
        True,
        "done",
        (
            f"Wall-squat angle {angle}, from your test on {found.day:%d %b}; repeat it between "
            f"{start:%d %b} and {due:%d %b} ({RETEST_FROM_DAYS // 7}-{RETEST_BY_DAYS // 7} weeks)."
        ),
        found,
    )


def status(ctx: Context) -> Status:
    now = ctx.now()
    with ctx.db.reading() as s:
        person = require_person(s)
        version = plans.current_plan(s, person)
        assert version is not None
        plan = plans.plan_of(version)
        found = _latest(s, person)
    return status_of(plan, found, now.date(), ctx.catalogue)


def band_for_block(ctx: Context, exercise: str) -> dict[str, Any] | None:
    """The live heart-rate band for a plan block paced by % of peak heart rate, from the
    latest test: {"low", "target", "high"} in beats a minute; None without one."""
    with ctx.db.reading() as s:
        person = require_person(s)
        version = plans.current_plan(s, person)
        assert version is not None
        plan = plans.plan_of(version)
        found = _latest(s, person)
    if found is None or found.choice.mode != "heart_rate" or found.choice.peak_hr is None:
        return None
    blocks = plan.program.blocks if plan.program is not None else ()
    for i in wall_squat_blocks(plan, ctx.catalogue):
        b = blocks[i]
        if b.exercise == exercise and b.intensity_kind == "pct_hr_peak" and b.intensity_value:
            low, target, high = hr_band(found.choice.peak_hr, b.intensity_value)
            return {
                "low": low,
                "target": target,
                "high": high,
                "pct": b.intensity_value,
                "peak": round(found.choice.peak_hr),
                "tested_on": found.day.isoformat(),
                "retest_by": (found.day + timedelta(days=RETEST_BY_DAYS)).isoformat(),
            }
    return None
