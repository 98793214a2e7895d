"""The incremental isometric wall-squat test, as pure rules (reference rows T2.8, T2.10, T2.11,
BP1, BP2, DR16-DR18).

- Stages: 2 minutes each with the back against a wall at inside knee angles of 135, 125, 115,
  105 and 95 degrees (180 is a straight leg), one after another without rest (T2.10).
- Heart rate per stage: with a strap, the mean of the stage's beats (beats sent without skin
  contact are left out); typed in, the heart rate at the end of each stage.
- Peak heart rate is the test's own (BP1): the mean of the last 30 seconds before the test
  ended, or the highest rate typed in. The age-predicted maximum (208 - 0.7 x age, BP2) is
  shown beside it for context only: a wall squat is not a maximal test.
- Stop rules: the 10 minutes are over; the person cannot hold on (volitional fatigue, T2.10);
  a warning sign (T8.11); a blood-pressure reading above 250 systolic or 115 diastolic during
  the test (T8.12); pain above the plan's limit (T8.13).
- The angle: the least-squares line of stage heart rate on knee angle over the stages held for
  the full 2 minutes, solved for 95% of the peak; never deeper than the deepest full stage nor
  higher than 135 degrees; whole degrees (DR16).
- Effort instead of heart rate, for people on beta-blockers (T10.5, DR17): each stage is rated
  0-10 at its end and the line of effort on angle is solved for 6/10.
- Repeat the test from 2 weeks after it, and by 4 weeks (DR18).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from isohold.domain.models import Catalogue
from isohold.domain.plan import Plan

TEST_ID = "incremental-wall-squat-test"
EFFORT_TEST_ID = "incremental-wall-squat-test-effort"
#: the exercise whose knee angle the test sets
WALL_SQUAT = "wall-sit"
#: inside knee angles of the stages, highest (easiest) first (T2.10)
STAGE_ANGLES: tuple[float, ...] = (135.0, 125.0, 115.0, 105.0, 95.0)
STAGE_S = 120.0
TOTAL_S = STAGE_S * len(STAGE_ANGLES)
#: a stage held this close to its end counts as held to the end (timer granularity)
FULL_STAGE_SLACK_S = 1.0
#: the training target, % of the test's peak heart rate (T2.8, T2.10)
TARGET_PCT_PEAK = 95.0
#: the peak is the mean heart rate over the test's last seconds (BP1)
PEAK_WINDOW_S = 30.0
#: effort at the end of a 2-minute hold for people on beta-blockers (DR17)
TARGET_EFFORT = 6.0
#: the live band either side of the target, % of peak (DR16)
BAND_PCT_PEAK = 5.0
#: a reading above either during exercise stops it (T8.12)
STOP_SYSTOLIC = 250
STOP_DIASTOLIC = 115
#: repeat the test from, and by, this many days after it (DR18)
RETEST_FROM_DAYS = 14
RETEST_BY_DAYS = 28
#: Tanaka et al. 2001 (BP2)
AGE_MAX_INTERCEPT = 208.0
AGE_MAX_SLOPE = 0.7

MODES = ("heart_rate", "effort")
#: why a test ended: the 10 minutes were over, or a stop rule
STOPS = ("complete", "fatigue", "symptom", "blood_pressure", "pain", "quit")
#: warning signs that end the test at once (T8.11), as the person reports them
SYMPTOMS = {
    "chest_pain": "chest pain or pressure",
    "dizziness": "dizziness or light-headedness",
    "breathless": "unusual breathlessness",
    "numbness": "numbness, tingling or weakness",
    "vision": "blurred or double vision, or confusion",
    "unwell": "feeling unwell or that something is wrong",
}

_STOP_WORDS = {
    "complete": "You held all five stages: well done.",
    "fatigue": "You stopped when you could not hold on any longer, as the test asks.",
    "quit": "The test was ended early.",
}


@dataclass(frozen=True, slots=True)
class Stage:
    """A stage as it was done: its angle, how long it was held, and its heart rate (stage
    mean or typed at its end) or effort (0-10 at its end)."""

    angle_deg: float
    held_s: float
    hr: float | None = None
    effort: float | None = None

    @property
    def full(self) -> bool:
        return self.held_s >= STAGE_S - FULL_STAGE_SLACK_S


@dataclass(frozen=True, slots=True)
class StageClock:
    index: int  # 0-based
    angle_deg: float
    remaining_s: float


def stage_at(t_s: float) -> StageClock | None:
    """The stage at `t_s` seconds into the test, or None when the 10 minutes are over."""
    if t_s < 0 or t_s >= TOTAL_S:
        return None
    index = int(t_s // STAGE_S)
    return StageClock(index, STAGE_ANGLES[index], STAGE_S * (index + 1) - t_s)


def stop_words(stop: str, symptom: str | None = None) -> str:
    """What the stop means, in plain words, with when to see a clinician."""
    if stop == "symptom":
        what = SYMPTOMS.get(symptom or "", "a warning sign")
        return (
            f"The test stopped because of {what}. Sit or lie down and rest. If it does not settle "
            "within a few minutes, or with chest pain, call an ambulance. Do not do the test or "
            "wall squats again until a clinician has checked you."
        )
    if stop == "blood_pressure":
        return (
            f"The test stopped because your blood pressure went above {STOP_SYSTOLIC} systolic "
            f"or {STOP_DIASTOLIC} diastolic during the squat. Rest, and talk to your clinician "
            "before you try it again."
        )
    if stop == "pain":
        return (
            "The test stopped because of pain above your plan's limit. Rest; if the pain does "
            "not settle, or keeps coming back, see a clinician before you try again."
        )
    return _STOP_WORDS.get(stop, "The test ended.")


def bp_stops(systolic: int, diastolic: int) -> bool:
    """A reading during the test that ends it (T8.12)."""
    return systolic > STOP_SYSTOLIC or diastolic > STOP_DIASTOLIC


def pain_stops(pain: int, limit: int) -> bool:
    return pain > limit


def age_predicted_max(age: int) -> float:
    """208 - 0.7 x age (Tanaka 2001, BP2): context only, never the training target."""
    return AGE_MAX_INTERCEPT - AGE_MAX_SLOPE * age


def stages_from_beats(
    beats: Sequence[tuple[float, float, bool | None]], ended_s: float
) -> tuple[Stage, ...]:
    """The stages reached before `ended_s`, each with the mean of its beats `(t_s, bpm,
    contact)` (beats without skin contact left out)."""
    out = []
    for index, angle in enumerate(STAGE_ANGLES):
        start = index * STAGE_S
        if ended_s <= start:
            break
        end = min(start + STAGE_S, ended_s)
        rates = [bpm for t, bpm, contact in beats if start <= t < end and contact is not False]
        mean = sum(rates) / len(rates) if rates else None
        out.append(Stage(angle, end - start, mean))
    return tuple(out)


def peak_from_beats(
    beats: Sequence[tuple[float, float, bool | None]], ended_s: float
) -> float | None:
    """The mean heart rate over the last 30 seconds before the test ended (BP1)."""
    rates = [bpm for t, bpm, contact in beats
             if ended_s - PEAK_WINDOW_S <= t < ended_s and contact is not False]  # fmt: skip
    return sum(rates) / len(rates) if rates else None


@dataclass(frozen=True, slots=True)
class AngleChoice:
    """The angle the test gives, or None with the reason; the fitted line (value = slope x
    angle + intercept) lets a changed target be turned into an angle again."""

    mode: str  # heart_rate | effort
    angle_deg: float | None
    reason: str
    #: the value the angle is for: a heart rate (bpm) or an effort (0-10)
    target: float | None = None
    peak_hr: float | None = None
    slope: float | None = None
    intercept: float | None = None
    #: the deepest stage held for the full 2 minutes: no angle is ever deeper
    deepest_deg: float | None = None

    def angle_for(self, target: float) -> float | None:
        """The angle for another target (a heart rate or an effort) on the same line."""
        if self.slope is None or self.intercept is None or self.deepest_deg is None:
            return None
        return _solve(self.slope, self.intercept, target, self.deepest_deg)

    def to_dict(self) -> dict[str, object]:
        return {
            "mode": self.mode, "angle_deg": self.angle_deg, "reason": self.reason,
            "target": _r(self.target), "peak_hr": _r(self.peak_hr), "slope": self.slope,
            "intercept": self.intercept, "deepest_deg": self.deepest_deg,
        }  # fmt: skip


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 1)


def choice_from_dict(raw: dict[str, object]) -> AngleChoice:
    """A stored AngleChoice (to_dict) back."""

    def num(name: str) -> float | None:
        value = raw.get(name)
        return float(value) if isinstance(value, int | float) else None

    return AngleChoice(
        mode=str(raw.get("mode", "heart_rate")), angle_deg=num("angle_deg"),
        reason=str(raw.get("reason", "")), target=num("target"), peak_hr=num("peak_hr"),
        slope=num("slope"), intercept=num("intercept"), deepest_deg=num("deepest_deg"),
    )  # fmt: skip


def _fit(points: Sequence[tuple[float, float]]) -> tuple[float, float] | None:
    """Least-squares line value = slope x angle + intercept, or None when it is flat."""
    n = len(points)
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    sxx = sum((x - mx) ** 2 for x, _ in points)
    if sxx == 0:
        return None
    slope = sum((x - mx) * (y - my) for x, y in points) / sxx
    return slope, my - slope * mx


def _solve(slope: float, intercept: float, target: float, deepest: float) -> float:
    angle = (target - intercept) / slope
    return float(round(min(STAGE_ANGLES[0], max(deepest, angle))))


def _choose(mode: str, points: list[tuple[float, float]], target: float, deepest: float | None,
            peak: float | None, what: str) -> AngleChoice:  # fmt: skip
    if deepest is None or len(points) < 2:
        return AngleChoice(
            mode, None,
            "The test needs at least two stages held for the full 2 minutes (with "
            f"{what}) to draw its line, so it cannot set an angle yet. Rest, and try again on "
            "another day; if 135 degrees cannot be held for 2 minutes, ask a clinician.",
            target, peak,
        )  # fmt: skip
    line = _fit(points)
    if line is None or line[0] >= 0:
        return AngleChoice(
            mode, None,
            f"Your {what} did not rise as the squat got deeper, so the test cannot set an "
            "angle from it. Check the strap's contact and try again another day.",
            target, peak,
        )  # fmt: skip
    slope, intercept = line
    raw = (target - intercept) / slope
    angle = _solve(slope, intercept, target, deepest)
    if raw < deepest:
        how = (
            f"the line points deeper than {deepest:g} degrees, the deepest stage you held for "
            "2 minutes, so your angle is that stage: isohold never sets one deeper"
        )
    elif raw > STAGE_ANGLES[0]:
        how = "the line points higher than the first stage, so your angle is 135 degrees"
    else:
        how = "read off the straight line through your stages"
    return AngleChoice(mode, angle, f"{how}.", target, peak, slope, intercept, deepest)


def choose_angle(stages: Sequence[Stage], peak_hr: float | None,
                 target_pct: float = TARGET_PCT_PEAK) -> AngleChoice:  # fmt: skip
    """The angle that brings heart rate to `target_pct` of the test's peak (T2.10)."""
    full = [s for s in stages if s.full and s.hr is not None]
    deepest = min((s.angle_deg for s in full), default=None)
    if peak_hr is None:
        return AngleChoice(
            "heart_rate", None,
            "No heart rate reached isohold during the test, so it cannot set an angle. "
            "Check the strap (moisten it, wear it snug below the chest) or type the rates in.",
        )  # fmt: skip
    target = peak_hr * target_pct / 100
    return _choose("heart_rate", [(s.angle_deg, s.hr) for s in full if s.hr is not None],
                   target, deepest, peak_hr, "heart rate")  # fmt: skip


def choose_angle_by_effort(stages: Sequence[Stage],
                           target_effort: float = TARGET_EFFORT) -> AngleChoice:  # fmt: skip
    """The angle at which the end of a 2-minute hold feels `target_effort`/10 (DR17)."""
    full = [s for s in stages if s.full and s.effort is not None]
    deepest = min((s.angle_deg for s in full), default=None)
    points = [(s.angle_deg, s.effort) for s in full if s.effort is not None]
    return _choose("effort", points, target_effort, deepest, None, "effort")


def peak_hr_of(stages: Sequence[Stage], beats_peak: float | None) -> float | None:
    """The peak heart rate: from a strap's last 30 s, else the highest typed stage rate."""
    if beats_peak is not None:
        return beats_peak
    rates = [s.hr for s in stages if s.hr is not None]
    return max(rates) if rates else None


def retest_window(tested: date) -> tuple[date, date]:
    """(from, due by): the test may be repeated from 2 weeks and is due at 4 (DR18)."""
    return tested + timedelta(days=RETEST_FROM_DAYS), tested + timedelta(days=RETEST_BY_DAYS)


def hr_band(peak_hr: float, pct: float) -> tuple[float, float, float]:
    """(low, target, high) heart rate for a target of `pct` % of peak, with the live band of
    5% of peak either side (capped at the peak's 100%) (DR16)."""
    low = peak_hr * (pct - BAND_PCT_PEAK) / 100
    high = peak_hr * min(100.0, pct + BAND_PCT_PEAK) / 100
    return round(low), round(peak_hr * pct / 100), round(high)


def wall_squat_blocks(plan: Plan, catalogue: Catalogue) -> list[int]:
    """Positions of the blood-pressure wall-squat blocks in the plan."""
    blocks = plan.program.blocks if plan.program is not None else ()
    return [
        i for i, b in enumerate(blocks)
        if b.exercise == WALL_SQUAT and b.protocol in catalogue.protocols
        and catalogue.protocols[b.protocol].blood_pressure
    ]  # fmt: skip


def mode_for(plan: Plan, catalogue: Catalogue) -> str | None:
    """How the plan's blood-pressure wall squat is paced: heart_rate, effort, or None when the
    plan has none."""
    blocks = plan.program.blocks if plan.program is not None else ()
    for i in wall_squat_blocks(plan, catalogue):
        return "effort" if blocks[i].intensity_kind == "effort" else "heart_rate"
    return None


def with_angle(plan: Plan, choice: AngleChoice, catalogue: Catalogue) -> Plan:
    """The plan with each blood-pressure wall squat set to the test's angle for its own
    intensity (95% of peak, or a reviewed 85-90%; an effort of 4-6/10). Blocks paced the
    other way than the test keep their angle."""
    if plan.program is None or choice.angle_deg is None:
        return plan
    blocks = list(plan.program.blocks)
    for i in wall_squat_blocks(plan, catalogue):
        b = blocks[i]
        value = b.intensity_value
        if value is None or not math.isfinite(value):
            continue
        if b.intensity_kind == "pct_hr_peak" and choice.mode == "heart_rate":
            assert choice.peak_hr is not None
            angle = choice.angle_for(choice.peak_hr * value / 100)
        elif b.intensity_kind == "effort" and choice.mode == "effort":
            angle = choice.angle_for(value)
        else:
            continue
        if angle is not None:
            blocks[i] = b.with_(joint_angle_deg=angle)
    return replace(plan, program=replace(plan.program, blocks=tuple(blocks)))
