"""Prescription: from a screened profile to a plan (DESIGN.md contract 2).

1. Screening decides referral and limits (screening.py).
2. Protocols are chosen by condition and goal (a protocol's `core` and `goal_alone` flags),
   by irritability, and by the blood-pressure gate; within a family the most preferred
   protocol that yields any block wins.
3. In each protocol slot the first option whose exercise fits the person's equipment and
   regions is used; with high irritability the exercise starts at its catalogue regression.
4. The program takes the longest length and the most frequent schedule of its protocols;
   messages explain limits, caveats, breathing and when to stop.
"""

from __future__ import annotations

from dataclasses import dataclass

from isohold.domain.advice import advice
from isohold.domain.messages import MessageBook
from isohold.domain.models import Catalogue, Exercise, Protocol, ProtocolOption
from isohold.domain.pain import ACCEPTABLE_PAIN, SAFE_PAIN
from isohold.domain.plan import Block, Microbreaks, Plan, Program, Referral
from isohold.domain.profile import Profile
from isohold.domain.regions import regions_for
from isohold.domain.screening import Screening, screen
from isohold.domain.substitution import substitute

#: Pain limits during exercise (T6.2; DR3): the acceptable zone, or the safe zone when irritable.
MAX_PAIN_DURING = ACCEPTABLE_PAIN
MAX_PAIN_DURING_IRRITABLE = SAFE_PAIN
#: Pain right now at or above this counts as highly irritable (DR5).
HIGH_PAIN_NOW = 7
#: Holds this hard are "heavy": left out while blood pressure is unknown or above the gate
#: (T8.15: straining near maximum drives blood pressure very high; DR1 maps effort to % MVC).
HEAVY_PCT_MVC = 70
HEAVY_EFFORT = 7


@dataclass(frozen=True, slots=True)
class _Person:
    profile: Profile
    gear: frozenset[str]
    regions: frozenset[str]
    irritable: bool
    #: resting BP above the gate without clearance, or hypertension with no reading
    blocks_heavy: bool

    def fits(self, ex: Exercise) -> bool:
        return ex.fits(self.gear) and any(r in self.regions for r in ex.regions)


def heavy_blocked(profile: Profile, screening: Screening) -> bool:
    """Heavy work (maximal efforts, >= 70% MVC, effort >= 7/10) waits: resting blood pressure
    above the gate without clearance, or hypertension with no reading (T8.20)."""
    return screening.bp_gated or (
        "hypertension" in profile.conditions and profile.resting_bp is None
    )


def is_irritable(profile: Profile) -> bool:
    return profile.irritability == "high" or profile.pain_now >= HIGH_PAIN_NOW


def prescribe(profile: Profile, catalogue: Catalogue) -> Plan:
    """Screen the profile and, when no red flag rules exercise out, build its program."""
    book = MessageBook(catalogue)
    screening = screen(profile, catalogue)
    if screening.referral is not None:
        return _refer(profile, screening, book)
    person = _Person(
        profile=profile,
        gear=profile.gear,
        regions=regions_for(profile),
        irritable=is_irritable(profile),
        blocks_heavy=heavy_blocked(profile, screening),
    )
    chosen = _choose(person, screening, catalogue)
    blocks = tuple(block for _, protocol_blocks in chosen for block in protocol_blocks)
    protocols = [p for p, _ in chosen]
    max_pain = MAX_PAIN_DURING_IRRITABLE if person.irritable else MAX_PAIN_DURING
    program = Program(
        weeks=max((p.weeks for p in protocols), default=4),
        sessions_per_week=max((p.sessions_per_week for p in protocols), default=3),
        blocks=blocks,
        tests=_tests(protocols, person, catalogue),
        microbreaks=_microbreaks(protocols, person, catalogue),
        max_pain_during=max_pain,
    )
    messages = advice(profile, person.irritable, screening, protocols, program, book, catalogue)
    empty = not blocks and program.microbreaks is None
    return Plan(
        status="caution" if screening.bp_gated or empty or person.blocks_heavy else "ok",
        referral=None,
        messages=tuple(messages),
        program=program,
    )


def _refer(profile: Profile, screening: Screening, book: MessageBook) -> Plan:
    ref = screening.referral
    assert ref is not None
    messages = [book.get("referral", reasons=ref.message)]
    if "resting_bp_above_180_110" in ref.reasons:
        messages.append(book.get("bp_gate_refer", bp=str(profile.resting_bp)))
    messages.append(book.get("not_care_substitute"))
    return Plan(
        status="refer",
        referral=Referral(urgency=ref.urgency, reasons=ref.reasons, message=ref.message),
        messages=tuple(messages),
        program=None,
    )


def _selected(protocol: Protocol, person: _Person, screening: Screening) -> bool:
    profile = person.profile
    condition = any(c in protocol.conditions for c in profile.conditions)
    goal = any(g in protocol.goals for g in profile.goals)
    wanted = (condition and (protocol.core or goal)) or (protocol.goal_alone and goal)
    if not wanted:
        return False
    irritability = "high" if person.irritable else profile.irritability
    if irritability not in protocol.irritability:
        return False
    return not (screening.bp_gated and protocol.blood_pressure)


def _choose(
    person: _Person, screening: Screening, catalogue: Catalogue
) -> list[tuple[Protocol, tuple[Block, ...]]]:
    by_family: dict[str, list[Protocol]] = {}
    for protocol in catalogue.protocols.values():
        if _selected(protocol, person, screening):
            by_family.setdefault(protocol.family, []).append(protocol)
    chosen = []
    used: set[str] = set()
    for family in sorted(by_family, key=_family_order):
        for protocol in sorted(by_family[family], key=lambda p: (p.preference, p.id)):
            blocks = _blocks(protocol, person, catalogue, used)
            if blocks or _microbreaks([protocol], person, catalogue) is not None:
                chosen.append((protocol, blocks))
                used.update(b.exercise for b in blocks)
                break
    return chosen


#: Families shown first are the person's main treatment; strength and breaks follow.
_FAMILY_ORDER = (
    "spinal_stability",
    "neck_strength",
    "tendon_analgesia_patellar",
    "tendon_analgesia_achilles",
    "bp_iet",
    "trunk_context",
    "tendon_adaptation",
    "long_length_strength",
    "ballistic_rfd",
    "desk_microbreaks",
    "pir_met",
)


def _family_order(family: str) -> tuple[int, str]:
    known = family in _FAMILY_ORDER
    return (_FAMILY_ORDER.index(family) if known else len(_FAMILY_ORDER), family)


def _blocks(
    protocol: Protocol, person: _Person, catalogue: Catalogue, used: set[str]
) -> tuple[Block, ...]:
    """One block per slot; an exercise appears once in a program (reviews match by exercise)."""
    blocks: list[Block] = []
    taken = set(used)
    for slot in protocol.slots:
        for option in (o for o in protocol.options if o.slot == slot):
            exercise = catalogue.exercises[option.exercise]
            if not person.fits(exercise) or exercise.id in taken:
                continue
            if person.blocks_heavy and is_heavy(option):
                continue
            chosen, evidence = option, option.evidence
            if person.irritable:
                exercise, chosen, evidence = _easier(
                    exercise, protocol, option, person, catalogue, taken
                )
            blocks.append(_block(protocol, chosen, exercise, evidence, person, catalogue))
            taken.add(exercise.id)
            break
    return tuple(blocks)


def is_heavy(option: ProtocolOption) -> bool:
    """Ballistic, >= 70% MVC or effort >= 7/10: left out while blood pressure needs clearing."""
    intensity = option.dose.intensity
    value = intensity.value or 0
    return (
        option.dose.intent == "ballistic"
        or (intensity.kind == "pct_mvc" and value >= HEAVY_PCT_MVC)
        or (intensity.kind == "effort" and value >= HEAVY_EFFORT)
    )


def _easier(
    exercise: Exercise,
    protocol: Protocol,
    option: ProtocolOption,
    person: _Person,
    catalogue: Catalogue,
    taken: set[str],
) -> tuple[Exercise, ProtocolOption, str]:
    """The first regression the person can do whose dose carries over (DR5), else the exercise."""
    for ident in exercise.regressions:
        easier = catalogue.exercises[ident]
        if not person.fits(easier) or ident in taken:
            continue
        swap = substitute(protocol, option, easier)
        if swap is not None:
            return easier, swap[0], swap[1]
    return exercise, option, option.evidence


def block_side(option_side: str, exercise: Exercise, protocol: Protocol, profile: Profile) -> str:
    """The protocol's side, except that unilateral tendon work goes to the affected side and a
    two-sided exercise cannot be done on 'each' side."""
    if not exercise.unilateral:
        return "both" if option_side == "each" else option_side
    if protocol.affected_side and profile.side in ("left", "right"):
        return profile.side
    return option_side


def _block(
    protocol: Protocol,
    option: ProtocolOption,
    exercise: Exercise,
    evidence: str,
    person: _Person,
    catalogue: Catalogue,
) -> Block:
    dose = option.dose
    sources = catalogue.refs([*option.sources, *exercise.sources])
    return Block(
        exercise=exercise.id,
        protocol=protocol.id,
        sets=dose.sets,
        reps=dose.reps,
        hold_s=dose.hold_s,
        rest_between_reps_s=dose.rest_between_reps_s,
        rest_s=dose.rest_s,
        side=block_side(dose.side, exercise, protocol, person.profile),
        intensity_kind=dose.intensity.kind,
        intensity_value=dose.intensity.value,
        intent=dose.intent,
        joint_angle_deg=dose.joint_angle_deg,
        muscle_length=exercise.muscle_length,
        sources=tuple(sources),
        evidence=evidence,
    )


def _tests(
    protocols: list[Protocol], person: _Person, catalogue: Catalogue
) -> tuple[tuple[str, str], ...]:
    seen: dict[str, str] = {}
    for protocol in protocols:
        for ident in protocol.tests:
            test = catalogue.tests[ident]
            if all(group & person.gear for group in test.equipment):
                seen.setdefault(ident, test.purpose)
    return tuple(seen.items())


def _microbreaks(
    protocols: list[Protocol], person: _Person, catalogue: Catalogue
) -> Microbreaks | None:
    for protocol in protocols:
        mb = protocol.microbreaks
        if mb is not None:
            exercises = tuple(e for e in mb.exercises if catalogue.exercises[e].fits(person.gear))
            if exercises:
                return Microbreaks(mb.interval_min, mb.duration_s, exercises)
    return None
