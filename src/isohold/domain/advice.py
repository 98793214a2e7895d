"""The messages that come with a program: limits, caveats, breathing and when to stop."""

from __future__ import annotations

from isohold.domain.messages import MessageBook
from isohold.domain.models import Catalogue, Protocol
from isohold.domain.plan import Message, Program
from isohold.domain.profile import Profile
from isohold.domain.screening import Screening

#: New low back pain outside these ages is a malignancy flag to check (T8.3).
NEW_LBP_AGE_LOW = 20
NEW_LBP_AGE_HIGH = 50

_TENDON = ("tendon_analgesia_patellar", "tendon_analgesia_achilles", "tendon_adaptation")
_TRUNK_REGIONS = ("trunk", "lower_back")


def advice(
    profile: Profile,
    irritable: bool,
    screening: Screening,
    protocols: list[Protocol],
    program: Program,
    book: MessageBook,
    catalogue: Catalogue,
) -> list[Message]:
    out: list[Message] = []
    add = out.append
    families = {p.family for p in protocols}
    bp = str(profile.resting_bp) if profile.resting_bp else "not given"
    wants_bp = "hypertension" in profile.conditions or "blood_pressure" in profile.goals

    if screening.bp_gated:
        add(book.get("bp_gate_no_iet", bp=bp))
    if not program.blocks:
        add(book.get("no_protocol"))
    add(book.get("stop_rules", max_pain=program.max_pain_during))
    if irritable:
        add(book.get("high_irritability", max_pain=program.max_pain_during))
    if "low_back_pain" in profile.conditions and not (
        NEW_LBP_AGE_LOW <= profile.age <= NEW_LBP_AGE_HIGH
    ):
        add(book.get("age_low_back"))

    if "hypertension" in profile.conditions and profile.resting_bp is None:
        add(book.get("bp_no_reading"))
    bp_protocols = [p for p in protocols if p.blood_pressure]
    if bp_protocols:
        add(book.get("bp_clearance"))
        if any(p.id == "bp-wall-squat" for p in bp_protocols) and (
            "heart_rate_monitor" not in profile.gear
        ):
            add(book.get("bp_heart_rate"))
        cap = min(p.max_sessions_per_week or p.sessions_per_week for p in bp_protocols)
        if cap < program.sessions_per_week:
            add(book.get("bp_frequency", days=cap))
    elif wants_bp and not screening.bp_gated:
        add(book.get("bp_not_targeted"))

    for p in protocols:
        if not p.blood_pressure and p.sessions_per_week < program.sessions_per_week:
            add(book.get("frequency", protocol=p.name, days=p.sessions_per_week))

    if families & set(_TENDON):
        add(book.get("tendon_evidence_mixed"))
        if profile.in_season and "tendon_analgesia_patellar" in families:
            add(book.get("in_season"))
    if program.microbreaks is not None:
        add(book.get("microbreaks", interval=_whole(program.microbreaks.interval_min)))

    strength_goal = {"strength", "return_to_sport", "rate_of_force_development"} & set(
        profile.goals
    )
    if strength_goal and any(b.joint_angle_deg is not None for b in program.blocks):
        add(book.get("angle_specific"))

    add(book.get("breathing"))
    if any(
        r in _TRUNK_REGIONS for b in program.blocks for r in catalogue.exercises[b.exercise].regions
    ):
        add(book.get("over_bracing"))
    add(book.get("pain_monitoring"))
    if any(b.evidence != "confirmed" for b in program.blocks):
        add(book.get("evidence_labels"))
    add(book.get("move_to_dynamic"))
    add(book.get("not_care_substitute"))
    return out


def _whole(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)
