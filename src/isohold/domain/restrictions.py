"""What a person's health rules out of a program, whatever the protocol asks for.

Each rule names what it leaves out and why (reference rows in brackets):
- Blood pressure at or above the gate without clearance (T8.20b), or hypertension with no
  resting reading (T2.19, T8.20): no blood-pressure training and nothing with a high pressor
  load: no heavy or ballistic holds, no deep-knee holds (T2.11, T2.12), no maximal tests and
  no tests held to exhaustion.
- Blood-pressure training wanted but no resting reading: no blood-pressure training (T2.19).
- Pregnancy: nothing heavy, maximal or held to exhaustion, where straining and breath-holding
  are likely; no lying on the back from 20 weeks, or when the week is not known (T10.1); no
  blood-pressure training, which no trial has tested in pregnancy (DR11).
- Thin bones (osteoporosis): no sustained or loaded forward bending of the spine (T10.4).
- Beta-blockers: no heart-rate targets or heart-rate tests; effort is used instead (T10.5).
- Fluoroquinolone antibiotics with tendon pain: no heavy tendon loading (T10.6).
- Achilles pain: heel-below-step holds are reached by progression only, never a start, and
  never for pain at the heel bone (insertional; T11.7).
- Outer-elbow pain: nothing with a firm, sustained grip (handgrip holds), which loads the sore
  tendon (T11.9); blood-pressure training then uses the legs.
- Outer-hip pain: nothing that brings the thigh across the midline, which squeezes the gluteal
  tendons (T11.13).
- A painful condition isohold has no program for: nothing that loads that region.
"""

from __future__ import annotations

from dataclasses import dataclass

from isohold.domain.models import Catalogue, Exercise, ProtocolOption
from isohold.domain.plan import Program
from isohold.domain.profile import Profile
from isohold.domain.screening import Screening, screen

#: Holds this hard are "heavy" (T8.15: straining near maximum drives blood pressure very high;
#: DR1 maps effort to % MVC).
HEAVY_PCT_MVC = 70
HEAVY_EFFORT = 7
#: Pregnancy week from which lying on the back is avoided (T10.1).
SUPINE_FROM_WEEK = 20

#: Conditions that say where pain is, but that isohold has no program for: the regions their
#: pain is in, which nothing in the program may load (gripping loads the elbow's tendons).
UNCOVERED_REGIONS: dict[str, tuple[str, ...]] = {
    "lateral_elbow_tendinopathy": ("elbow", "hand"),
    "gluteal_tendinopathy": ("hip",),
    "shoulder_pain": ("shoulder",),
    "knee_osteoarthritis": ("knee",),
}
#: Painful conditions whose tendon a trait of other exercises would strain: (condition, trait
#: left out). Gripping loads the outer elbow (T11.9); crossing the thigh over the midline
#: squeezes the gluteal tendons (T11.13). The plan explains both as advice, not as a caution.
SPARED = (
    ("lateral_elbow_tendinopathy", "grip"),
    ("gluteal_tendinopathy", "hip_adduction"),
)
#: Conditions that are not a painful region.
NOT_PAIN = ("hypertension", "osteoporosis", "none")
_TENDON = (
    "patellar_tendinopathy",
    "achilles_tendinopathy",
    "lateral_elbow_tendinopathy",
    "gluteal_tendinopathy",
    "shoulder_pain",
)


@dataclass(frozen=True, slots=True)
class Restrictions:
    #: exercises and tests with any of these traits are left out
    traits: frozenset[str] = frozenset()
    #: exercises with these traits may not start a program (reached only by progression)
    start_traits: frozenset[str] = frozenset()
    #: ballistic holds, >= 70% MVC and effort >= 7/10 are left out
    heavy: bool = False
    #: blood-pressure-targeted protocols are left out
    bp_training: bool = False
    #: heart-rate intensities are left out
    heart_rate: bool = False
    #: regions nothing may load
    regions: frozenset[str] = frozenset()
    #: message codes that explain the restrictions, in order
    reasons: tuple[str, ...] = ()

    def allows_exercise(self, exercise: Exercise, *, start: bool = True) -> bool:
        barred = self.traits | (self.start_traits if start else frozenset())
        return not (exercise.traits & barred) and not (set(exercise.regions) & self.regions)

    def allows_option(self, option: ProtocolOption) -> bool:
        kind = option.dose.intensity.kind
        return not (self.heavy and is_heavy(option)) and not (
            self.heart_rate and kind == "pct_hr_peak"
        )


def is_heavy(option: ProtocolOption) -> bool:
    """Ballistic, >= 70% MVC or effort >= 7/10."""
    return heavy_dose(option.dose.intent, option.dose.intensity.kind, option.dose.intensity.value)


def heavy_dose(intent: str, kind: str, value: float | None) -> bool:
    v = value or 0
    return (
        intent == "ballistic"
        or (kind == "pct_mvc" and v >= HEAVY_PCT_MVC)
        or (kind == "effort" and v >= HEAVY_EFFORT)
    )


def maximal_efforts(program: Program, catalogue: Catalogue) -> bool:
    """Heavy or ballistic holds, or maximal or to-exhaustion tests (T8.15)."""
    return any(
        heavy_dose(b.intent, b.intensity_kind, b.intensity_value) for b in program.blocks
    ) or any(
        catalogue.tests[t].traits & {"maximal", "to_exhaustion"}
        for t, _ in program.tests
        if t in catalogue.tests
    )


def bp_unknown(profile: Profile) -> bool:
    """Hypertension with no resting reading: nothing that raises blood pressure much yet."""
    return "hypertension" in profile.conditions and profile.resting_bp is None


def pressor_limited(profile: Profile, screening: Screening) -> bool:
    """Blood pressure needs clearing, or is not known: no high pressor load (T8.20)."""
    return screening.bp_gated or bp_unknown(profile)


def covered_conditions(catalogue: Catalogue) -> frozenset[str]:
    """Conditions some protocol serves."""
    return frozenset(c for p in catalogue.protocols.values() for c in p.conditions)


def pain_without_program(profile: Profile, catalogue: Catalogue) -> bool:
    """In pain, but no condition names a painful region a protocol covers."""
    covered = covered_conditions(catalogue) - set(NOT_PAIN)
    return profile.pain_now > 0 and not any(c in covered for c in profile.conditions)


def uncovered(profile: Profile, covered: frozenset[str]) -> tuple[str, ...]:
    """Painful conditions the catalogue has no program for."""
    return tuple(c for c in profile.conditions if c not in covered and c not in NOT_PAIN)


def restrictions(profile: Profile, screening: Screening, covered: frozenset[str]) -> Restrictions:
    """What this person's health rules out; `covered` are the conditions protocols serve."""
    traits: set[str] = set()
    start: set[str] = set()
    regions: set[str] = set()
    heavy = bp = hr = False
    reasons: list[str] = []
    if pressor_limited(profile, screening):
        heavy = bp = True
        traits |= {"deep_knee", "maximal", "to_exhaustion"}
        reasons.append("pressor_left_out")
    wants_bp = "hypertension" in profile.conditions or "blood_pressure" in profile.goals
    if wants_bp and profile.resting_bp is None:
        bp = True
    if profile.pregnant:
        heavy = bp = True
        traits |= {"maximal", "to_exhaustion"}
        weeks = profile.pregnancy_weeks
        if weeks is None or weeks >= SUPINE_FROM_WEEK:
            traits.add("supine")
            reasons.append("pregnancy_supine")
        reasons.append("pregnancy")
    elif profile.pregnancy == "postpartum":
        reasons.append("postpartum")
    if "osteoporosis" in profile.conditions:
        traits.add("spinal_flexion")
        reasons.append("osteoporosis")
    if profile.takes("beta_blocker"):
        hr = True
        traits.add("heart_rate")
        reasons.append("beta_blocker")
    if profile.takes("fluoroquinolone"):
        if any(c in _TENDON for c in profile.conditions):
            heavy = True
        reasons.append("fluoroquinolone")
    if profile.takes("anticoagulant"):
        reasons.append("anticoagulant")
    if "achilles_tendinopathy" in profile.conditions:
        start.add("heel_below_step")
        if profile.tendon_site == "insertional":
            traits.add("heel_below_step")
            reasons.append("achilles_insertional")
    traits.update(trait for condition, trait in SPARED if condition in profile.conditions)
    for condition in uncovered(profile, covered):
        regions.update(UNCOVERED_REGIONS.get(condition, ()))
    return Restrictions(
        traits=frozenset(traits),
        start_traits=frozenset(start),
        heavy=heavy,
        bp_training=bp,
        heart_rate=hr,
        regions=frozenset(regions),
        reasons=tuple(reasons),
    )


def restrictions_for(profile: Profile, catalogue: Catalogue) -> Restrictions:
    """`restrictions` with the profile screened against the catalogue."""
    return restrictions(profile, screen(profile, catalogue), covered_conditions(catalogue))


#: What a plan's own messages say its restrictions were, for a review that has only the plan
#: (`isohold review`): message code -> (traits left out, heavy holds left out, heart rate left out).
_FROM_MESSAGES: dict[str, tuple[frozenset[str], bool, bool]] = {
    "pressor_left_out": (frozenset({"deep_knee", "maximal", "to_exhaustion"}), True, False),
    "pregnancy": (frozenset({"maximal", "to_exhaustion"}), True, False),
    "pregnancy_supine": (frozenset({"supine"}), False, False),
    "osteoporosis": (frozenset({"spinal_flexion"}), False, False),
    "beta_blocker": (frozenset({"heart_rate"}), False, True),
    "fluoroquinolone": (frozenset(), True, False),
    "achilles_insertional": (frozenset({"heel_below_step"}), False, False),
    "elbow_grip": (frozenset({"grip"}), False, False),
    "gluteal_compression": (frozenset({"hip_adduction"}), False, False),
}


def restrictions_from_messages(codes: list[str] | tuple[str, ...]) -> Restrictions:
    """The restrictions a plan was built under, read back from its message codes: a review of a
    plan document alone never moves to what the prescription had left out (an insertional
    Achilles to heel-below-step holds, for example)."""
    traits: set[str] = set()
    heavy = heart_rate = False
    for code in codes:
        found = _FROM_MESSAGES.get(code)
        if found is not None:
            traits |= found[0]
            heavy = heavy or found[1]
            heart_rate = heart_rate or found[2]
    return Restrictions(traits=frozenset(traits), heavy=heavy, heart_rate=heart_rate)
