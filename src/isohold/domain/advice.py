"""The messages that come with a program: limits, caveats, breathing and when to stop."""

from __future__ import annotations

from isohold.domain.messages import MessageBook
from isohold.domain.models import Catalogue, Protocol
from isohold.domain.notes import notes
from isohold.domain.plan import Block, Message, Program
from isohold.domain.profile import Profile
from isohold.domain.restrictions import (
    Restrictions,
    covered_conditions,
    maximal_efforts,
    pain_without_program,
    uncovered,
)
from isohold.domain.screening import Screening, bp_at_gate, bp_stage2
from isohold.domain.stages import frequency_messages, stage_messages

#: New low back pain outside these ages is a malignancy flag to check (T8.3).
NEW_LBP_AGE_LOW = 20
NEW_LBP_AGE_HIGH = 50

#: What to avoid with a tendon that other exercises could strain (restrictions.SPARED).
_SPARING_ADVICE = (
    ("lateral_elbow_tendinopathy", "elbow_grip"),
    ("gluteal_tendinopathy", "gluteal_compression"),
)
_TENDON = ("tendon_analgesia_patellar", "tendon_analgesia_achilles", "tendon_adaptation")
_TRUNK_REGIONS = ("trunk", "lower_back")


def advice(
    profile: Profile,
    irritable: bool,
    screening: Screening,
    limits: Restrictions,
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
    missing = uncovered(profile, covered_conditions(catalogue))
    names = ", ".join(c.replace("_", " ") for c in missing)

    if screening.bp_gated:
        add(book.get("bp_gate_no_iet", bp=bp))
    elif bp_at_gate(profile):
        add(book.get("bp_high_cleared", bp=bp))
    if profile.cleared_flags:
        add(
            book.get(
                "cleared_flags", flags=", ".join(f.replace("_", " ") for f in profile.cleared_flags)
            )
        )
    for code in limits.reasons:
        add(book.get(code))
    for condition, code in _SPARING_ADVICE:
        if condition in profile.conditions:
            add(book.get(code))
    if missing:
        add(book.get("uncovered_condition", conditions=names))
    if pain_without_program(profile, catalogue):
        add(book.get("uncovered_pain"))
    if not program.blocks and program.microbreaks is None:
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
    if (
        bp_stage2(profile)
        and not profile.bp_medicated
        and not screening.bp_gated
        and maximal_efforts(program, catalogue)
    ):
        add(book.get("bp_stage2_maximal", bp=bp))
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

    out.extend(frequency_messages(protocols, program, book))
    out.extend(stage_messages(protocols, book, catalogue))

    if families & set(_TENDON):
        add(book.get("tendon_evidence_mixed"))
        if profile.in_season and "tendon_analgesia_patellar" in families:
            add(book.get("in_season"))
    if program.microbreaks is not None:
        add(book.get("microbreaks", interval=_whole(program.microbreaks.interval_min)))

    strength_goal = {"strength", "return_to_sport", "rate_of_force_development"} & set(
        profile.goals
    )
    angled = [b for b in program.blocks if b.joint_angle_deg is not None]
    if strength_goal and angled:
        add(book.get("angle_specific", angles=_angles(angled, catalogue)))
    if (
        any(b.intensity_kind == "pct_mvc" for b in program.blocks)
        and "force_sensor" in profile.gear
    ):
        add(book.get("force_measured"))
    out.extend(notes(program, protocols, catalogue))

    add(book.get("breathing"))
    if any(
        r in _TRUNK_REGIONS for b in program.blocks for r in catalogue.exercises[b.exercise].regions
    ):
        add(book.get("over_bracing"))
    add(book.get("pain_monitoring"))
    if any(b.evidence != "confirmed" for b in program.blocks):
        add(book.get("evidence_labels"))
    if any(not p.stage for p in protocols):
        add(book.get("move_to_dynamic"))
    add(book.get("not_care_substitute"))
    return out


#: T3.9: strength rose most within about 15 degrees of the trained angle, so angles 30 degrees
#: apart cover the range between them (DR14).
ANGLE_SPACING_DEG = 30


def _angles(blocks: list[Block], catalogue: Catalogue) -> str:
    """Which angles to train, for each held joint angle: the prescribed one and 30 degrees
    either side (above 0)."""
    parts = []
    for b in blocks:
        assert b.joint_angle_deg is not None
        a = b.joint_angle_deg
        angles = [x for x in (a - ANGLE_SPACING_DEG, a, a + ANGLE_SPACING_DEG) if 0 <= x <= 120]
        name = (
            catalogue.exercises[b.exercise].name
            if b.exercise in catalogue.exercises
            else b.exercise
        )
        parts.append(f"{name} at {', '.join(_whole(x) for x in angles)} degrees")
    return "; ".join(parts)


def _whole(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)
