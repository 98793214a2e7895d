"""Screening: red flags and the blood-pressure gate decide whether a program may be given.

Rules (reference rows in brackets):
- Any red flag means no program: the person is referred with the most urgent level among the
  flags present (T8.1-T8.11). Two or more flags of the same serious category (for example
  cancer history with weight loss) raise the urgency by one level: a product rule, because
  combined flags make serious disease more likely than either alone (T8.1, DR8); this never
  raises a referral to an emergency on its own.
- Resting blood pressure at or above 180 systolic or 110 diastolic: no exercise, see a doctor
  today (T8.20a). Chest pain or neurological flags make it an emergency.
- At or above 160/100 without a clinician's clearance: a program, but no BP-targeted isometric
  training, no heavy, deep-knee, maximal or to-exhaustion work (T8.20b, T2.11, T2.12); the
  plan's status becomes `caution` and it carries a referral to see a doctor soon.
- Pregnant with high blood pressure (140/90 or more, or hypertension) or with a pregnancy
  warning sign: no program, see the maternity team today (T10.2, T10.3, T10.7).
- Red flags a clinician has assessed and cleared (`cleared_flags`) no longer refer. Thin bones
  (osteoporosis) with back or neck pain that began with an injury counts as the flag
  `minor_trauma_with_osteoporosis` (T8.5).
"""

from __future__ import annotations

from dataclasses import dataclass

from isohold.domain.models import Catalogue, RedFlag
from isohold.domain.profile import Profile
from isohold.domain.vocabulary import URGENCIES

#: T8.20 (design rule built on T8.17-T8.19): no exercise at or above these resting values
BP_REFER_SYSTOLIC = 180
BP_REFER_DIASTOLIC = 110
#: T8.20: no BP-targeted training without clearance at or above these resting values
BP_GATE_SYSTOLIC = 160
BP_GATE_DIASTOLIC = 100
#: T8.17: stage 2 hypertension starts here; in pregnancy it needs a medical check (T10.7)
BP_STAGE2_SYSTOLIC = 140
BP_STAGE2_DIASTOLIC = 90

#: With resting BP above the refer line, flags of these kinds make it an emergency (T8.20a).
_BP_EMERGENCY = ("cardiovascular", "cervical_arterial", "myelopathy", "cauda_equina")

#: Categories where a second flag raises the urgency one level (DR8).
_SERIOUS = ("malignancy", "infection", "fracture", "cervical_arterial", "myelopathy")


@dataclass(frozen=True, slots=True)
class Referral:
    urgency: str
    reasons: tuple[str, ...]
    message: str


@dataclass(frozen=True, slots=True)
class Screening:
    referral: Referral | None
    #: resting BP is at or above the gate without clearance: no BP training, no heavy holds
    bp_gated: bool
    #: a referral that still allows a limited program (see a doctor soon, exercise meanwhile)
    advisory: Referral | None = None

    @property
    def refer(self) -> bool:
        return self.referral is not None


def _more_urgent(a: str, b: str) -> str:
    return min(a, b, key=URGENCIES.index)


def _raise(urgency: str) -> str:
    """One level more urgent, but never to emergency: that needs a sign that is one itself."""
    at = URGENCIES.index(urgency)
    return URGENCIES[min(at, max(at - 1, URGENCIES.index("urgent")))]


def bp_refers(profile: Profile) -> bool:
    bp = profile.resting_bp
    return bp is not None and (
        bp.systolic >= BP_REFER_SYSTOLIC or bp.diastolic >= BP_REFER_DIASTOLIC
    )


def bp_at_gate(profile: Profile) -> bool:
    bp = profile.resting_bp
    return bp is not None and (bp.systolic >= BP_GATE_SYSTOLIC or bp.diastolic >= BP_GATE_DIASTOLIC)


def bp_gated(profile: Profile) -> bool:
    return bp_at_gate(profile) and not profile.bp_cleared


def bp_stage2(profile: Profile) -> bool:
    bp = profile.resting_bp
    return bp is not None and (
        bp.systolic >= BP_STAGE2_SYSTOLIC or bp.diastolic >= BP_STAGE2_DIASTOLIC
    )


def pregnancy_bp(profile: Profile) -> bool:
    """Pregnant with raised blood pressure, measured or known (T10.3, T10.7)."""
    return profile.pregnant and (bp_stage2(profile) or "hypertension" in profile.conditions)


_SPINAL_PAIN = ("low_back_pain", "neck_pain")


def flags_present(profile: Profile) -> tuple[str, ...]:
    """The red flags that count: those answered yes, plus the fracture flag that thin bones and
    an injury imply for spinal pain (T8.5), less those a clinician has cleared."""
    flags = list(profile.red_flags)
    injured_bones = (
        "osteoporosis" in profile.conditions
        and profile.onset == "injury"
        and any(c in _SPINAL_PAIN for c in profile.conditions)
    )
    if injured_bones and "minor_trauma_with_osteoporosis" not in flags:
        flags.append("minor_trauma_with_osteoporosis")
    return tuple(f for f in flags if f not in profile.cleared_flags)


#: Reasons for a referral that are not red flags, in plain words.
REASON_WORDS = {
    "resting_bp_above_180_110": "Your resting blood pressure is too high to exercise safely today.",
    "resting_bp_above_160_100": "Your resting blood pressure is high and has not been cleared "
    "by a clinician.",
    "pregnancy_high_bp": "Raised blood pressure in pregnancy needs a check by your midwife or "
    "doctor before you exercise.",
}


def reason_words(code: str, catalogue: Catalogue) -> str:
    """A referral reason in plain words: the red flag's meaning, or the rule's own words."""
    flag = catalogue.red_flags.get(code)
    if flag is not None:
        return flag.meaning
    return REASON_WORDS.get(code, code.replace("_", " "))


_WHEN = {
    "emergency": "Go to an emergency department now, or call an ambulance.",
    "urgent": "See a doctor today.",
    "soon": "See your doctor within the next few days.",
    "routine": "Mention it at your next appointment.",
}


def what_to_do(flags: list[RedFlag], urgency: str) -> list[str]:
    """The actions of the most urgent flags, each said once: an action contained in another
    ("Go to an emergency department now." in "... now. Do not wait ...") is dropped."""
    actions = list(dict.fromkeys(f.action for f in flags if f.urgency == urgency))
    kept = [a for a in actions if not any(a != b and a.rstrip(".") in b for b in actions)]
    return kept or [_WHEN[urgency]]


def screen(profile: Profile, catalogue: Catalogue) -> Screening:
    """Decide referral and limits for a profile; pure and deterministic."""
    flags = [catalogue.red_flags[code] for code in flags_present(profile)]
    reasons = [f.code for f in flags]
    lines = [f.meaning for f in flags]
    urgency = min((f.urgency for f in flags), key=URGENCIES.index, default=None)
    per_category: dict[str, int] = {}
    for flag in flags:
        per_category[flag.category] = per_category.get(flag.category, 0) + 1
    if urgency is not None and any(per_category.get(c, 0) >= 2 for c in _SERIOUS):
        urgency = _raise(urgency)  # DR8, never beyond urgent
    if bp_refers(profile):
        # T8.20a: same-day review; an emergency with chest pain or neurological signs
        neuro = any(f.category in _BP_EMERGENCY for f in flags)
        bp_urgency = "emergency" if neuro else "urgent"
        urgency = bp_urgency if urgency is None else _more_urgent(urgency, bp_urgency)
        reasons.append("resting_bp_above_180_110")
        bp = profile.resting_bp
        lines.append(f"Your resting blood pressure ({bp}) is too high to exercise safely today.")
    if pregnancy_bp(profile):
        urgency = "urgent" if urgency is None else _more_urgent(urgency, "urgent")
        reasons.append("pregnancy_high_bp")
        lines.append(REASON_WORDS["pregnancy_high_bp"])
    if urgency is None:
        return Screening(referral=None, bp_gated=bp_gated(profile), advisory=_advisory(profile))
    todo = what_to_do(flags, urgency)
    message = " ".join([*lines, *todo, "Exercise can start once a clinician has checked you."])
    return Screening(
        referral=Referral(urgency=urgency, reasons=tuple(reasons), message=message),
        bp_gated=bp_gated(profile),
    )


def _advisory(profile: Profile) -> Referral | None:
    """Resting BP of 160/100 or more that no clinician has cleared: see a doctor within days;
    meanwhile only holds that raise blood pressure little (T8.20b)."""
    if not bp_gated(profile):
        return None
    treated = "on treatment" if profile.bp_medicated else "untreated"
    return Referral(
        urgency="soon",
        reasons=("resting_bp_above_160_100",),
        message=(
            f"Your resting blood pressure ({profile.resting_bp}, {treated}) is high. See your "
            "doctor within the next few days. Until they clear you, the plan leaves out "
            "blood-pressure training and holds that raise blood pressure a lot."
        ),
    )
