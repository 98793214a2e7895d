"""The day's gate: what may be trained today, decided once for every front-end (the terminal
and browser coaches, the force page, desk breaks, today's summary).

- After a referral nothing is offered but the referral itself, with its urgency.
- A resting reading today of 180/110 or more: no exercise today (T8.20a).
- Holds that raise blood pressure most (blood-pressure training, heavy or ballistic holds,
  deep knee holds; T2.11, T8.15) need today's reading when the person has hypertension or the
  plan trains blood pressure: without one they wait, and with one at 160/100 or more that no
  clinician has cleared they are left out (T8.20b).
- The home average counts too (DR19): the latest home week with enough readings averaging
  145/90 or more (the home level of 160/100 in a clinic, BP4) leaves the same holds out until a
  clinician has cleared them, whatever the day's reading; a single reading of 180/110 or more
  still stops the day.
- An exercise that caused severe pain since the plan was made waits for a clinician's
  reassessment and the weekly review; a severe flare at this morning's check-in means no
  exercise today (DR12).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from isohold.domain.home_bp import HomeWeek, gate_high
from isohold.domain.models import Catalogue
from isohold.domain.plan import Block, Plan, Referral
from isohold.domain.profile import BloodPressure, Profile
from isohold.domain.restrictions import heavy_dose
from isohold.domain.screening import (
    BP_GATE_DIASTOLIC,
    BP_GATE_SYSTOLIC,
    BP_REFER_DIASTOLIC,
    BP_REFER_SYSTOLIC,
)

_URGENCY_WORDS = {
    "emergency": "Emergency: go to an emergency department now, or call an ambulance.",
    "urgent": "Urgent: see a doctor today.",
    "soon": "See your doctor within the next few days.",
    "routine": "Mention it at your next appointment.",
}
_REASONS = {
    "bp_training": "blood-pressure training",
    "heavy": "a heavy or all-out hold, which raises blood pressure a lot",
    "deep_knee": "a deep knee hold, which raises blood pressure a lot",
    "severe_pain": "it caused severe pain; have a clinician reassess it first",
}


@dataclass(frozen=True, slots=True)
class LeftOut:
    exercise: str
    reason: str  # bp_training | heavy | deep_knee | severe_pain

    @property
    def text(self) -> str:
        return _REASONS[self.reason]


@dataclass(frozen=True, slots=True)
class DayGate:
    """`code`: go | measure_first (a resting reading is needed for some holds) |
    no_bp_training (today's reading leaves them out) | no_exercise | referral."""

    code: str
    text: str
    left_out: tuple[LeftOut, ...] = ()
    urgency: str | None = None
    #: maximal efforts and holds at 70% MVC or more may be done today
    heavy_allowed: bool = True
    #: the plan's referral when it rules exercise out (code `referral`)
    referral: Referral | None = None

    @property
    def exercise_allowed(self) -> bool:
        return self.code not in ("no_exercise", "referral")

    @property
    def skipped(self) -> frozenset[str]:
        return frozenset(x.exercise for x in self.left_out)


def urgency_words(urgency: str) -> str:
    return _URGENCY_WORDS[urgency]


def pressor_reason(block: Block, catalogue: Catalogue) -> str | None:
    """Why a block raises blood pressure a lot, or None."""
    protocol = catalogue.protocols.get(block.protocol)
    if protocol is not None and protocol.blood_pressure:
        return "bp_training"
    if heavy_dose(block.intent, block.intensity_kind, block.intensity_value):
        return "heavy"
    exercise = catalogue.exercises.get(block.exercise)
    if exercise is not None and "deep_knee" in exercise.traits:
        return "deep_knee"
    return None


def day_gate(
    plan: Plan,
    profile: Profile | None,
    catalogue: Catalogue,
    reading: BloodPressure | None,
    severe: Collection[str] = (),
    flare: str | None = None,
    home: HomeWeek | None = None,
) -> DayGate:
    """The gate for today from the current plan, the profile, today's latest resting reading,
    the exercises that caused severe pain since the plan was made, the advice after a
    severe flare at this morning's check-in (escalation.morning_advice), if any, and the latest
    home week with enough readings to average (home_bp.latest_complete), if any."""
    blocks = plan.program.blocks if plan.program is not None else ()
    if plan.status == "refer" and plan.referral is not None:
        ref = plan.referral
        return DayGate(
            "referral",
            ref.message,
            urgency=ref.urgency,
            heavy_allowed=False,
            referral=ref,
        )
    if reading is not None and (
        reading.systolic >= BP_REFER_SYSTOLIC or reading.diastolic >= BP_REFER_DIASTOLIC
    ):
        return DayGate(
            "no_exercise",
            f"{reading} is very high: no exercise today. See a doctor today; call an ambulance "
            "with chest pain, a severe headache, weakness, or trouble speaking or seeing.",
            urgency="urgent",
            heavy_allowed=False,
        )
    if flare is not None:
        return DayGate("no_exercise", flare, heavy_allowed=False)
    pressor = {b.exercise: r for b in blocks if (r := pressor_reason(b, catalogue)) is not None}
    cleared = bool(profile and profile.bp_cleared)
    hypertension = profile is not None and "hypertension" in profile.conditions
    needs_reading = hypertension or any(r == "bp_training" for r in pressor.values())
    left = [LeftOut(b.exercise, "severe_pain") for b in blocks if b.exercise in severe]
    code, text = "go", ""
    gated = reading is not None and (
        reading.systolic >= BP_GATE_SYSTOLIC or reading.diastolic >= BP_GATE_DIASTOLIC
    )
    if gated and not cleared:
        code = "no_bp_training"
        text = (
            f"{reading} is at or above 160/100: skip blood-pressure training and holds that "
            "raise blood pressure a lot until a clinician has cleared you."
        )
    elif gate_high(home) and not cleared:
        assert home is not None
        code = "no_bp_training"
        text = (
            f"Your home average for {home.label()} is {home.average_text()}, at or above "
            "145/90 (the home level of 160/100 in a clinic): skip blood-pressure training and "
            "holds that raise blood pressure a lot until a clinician has cleared you. See your "
            "doctor soon; a new home week updates the average."
        )
    elif reading is None and needs_reading:
        code = "measure_first"
        text = (
            "Measure your resting blood pressure (seated, after 5 minutes' rest) before holds "
            "that raise blood pressure; without a reading they are left out today."
        )
    elif reading is not None:
        text = f"{reading}: fine for today's session."
    if code != "go":
        left += [LeftOut(e, r) for e, r in pressor.items() if e not in severe]
    return DayGate(code, text, tuple(left), heavy_allowed=code == "go")
