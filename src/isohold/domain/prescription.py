"""Prescription: from a screened profile to a plan (DESIGN.md contract 2).

1. Screening decides referral and limits (screening.py); restrictions.py says what the
   person's health rules out (pressor load, pregnancy, bone health, medicines, regions).
2. A person in pain whose conditions name no region a protocol covers gets no exercises for
   that pain, never exercises for another part of the body (blood-pressure training for
   hypertension may still be given).
3. Protocols are chosen by condition and goal (a protocol's `core` and `goal_alone` flags),
   by irritability, and by the restrictions (a later stage of a staged protocol is never
   prescribed: the weekly review moves to it, stages.py); within a family the most preferred
   protocol that yields any block wins (with blood pressure high but cleared, holds with a low
   pressor load are preferred).
4. In each protocol slot the first option whose exercise fits the person's equipment, regions
   and restrictions is used; with high irritability the exercise starts at its regression.
   With a force sensor, a measurable hold dosed by effort is dosed in % MVC instead (DR1).
5. The program takes the longest length and the most frequent schedule of its protocols;
   messages explain limits, caveats, notes, breathing and when to stop.
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
from isohold.domain.restrictions import (
    Restrictions,
    covered_conditions,
    maximal_efforts,
    pain_without_program,
    restrictions,
)
from isohold.domain.screening import Screening, bp_at_gate, bp_stage2, screen
from isohold.domain.substitution import substitute
from isohold.domain.vocabulary import weakest

#: Pain limits during exercise (T6.2; DR3): the acceptable zone, or the safe zone when irritable.
MAX_PAIN_DURING = ACCEPTABLE_PAIN
MAX_PAIN_DURING_IRRITABLE = SAFE_PAIN
#: Pain right now at or above this counts as highly irritable (DR5).
HIGH_PAIN_NOW = 7
#: DR1: effort N/10 stands for N x 10 % MVC; with a force sensor the hold is measured instead.
PCT_MVC_PER_EFFORT = 10
#: The test that measures a maximum, for % MVC targets.
MVC_TEST = "mvc-test"


@dataclass(frozen=True, slots=True)
class _Person:
    profile: Profile
    gear: frozenset[str]
    regions: frozenset[str]
    irritable: bool
    limits: Restrictions

    def fits(self, ex: Exercise, *, start: bool = True) -> bool:
        return (
            ex.fits(self.gear)
            and any(r in self.regions for r in ex.regions)
            and self.limits.allows_exercise(ex, start=start)
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
        limits=restrictions(profile, screening, covered_conditions(catalogue)),
    )
    chosen = _choose(person, catalogue, bp_only=pain_without_program(profile, catalogue))
    blocks = tuple(block for _, protocol_blocks in chosen for block in protocol_blocks)
    protocols = [p for p, _ in chosen]
    max_pain = MAX_PAIN_DURING_IRRITABLE if person.irritable else MAX_PAIN_DURING
    program = Program(
        weeks=max((p.weeks for p in protocols), default=4),
        sessions_per_week=max((p.sessions_per_week for p in protocols), default=3),
        blocks=blocks,
        tests=_tests(protocols, blocks, person, catalogue),
        microbreaks=_microbreaks(protocols, person, catalogue),
        max_pain_during=max_pain,
    )
    messages = advice(
        profile, person.irritable, screening, person.limits, protocols, program, book, catalogue
    )
    empty = not blocks and program.microbreaks is None
    cautious = (
        empty
        or screening.advisory is not None
        or bool(person.limits.reasons)
        or bp_at_gate(profile)
        or (bp_stage2(profile) and not profile.bp_medicated and maximal_efforts(program, catalogue))
    )
    advisory = screening.advisory
    return Plan(
        status="caution" if cautious else "ok",
        referral=None
        if advisory is None
        else Referral(advisory.urgency, advisory.reasons, advisory.message),
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


def _selected(protocol: Protocol, person: _Person) -> bool:
    if protocol.entry is not None:  # a later stage: reached only by the weekly review
        return False
    profile = person.profile
    condition = any(c in protocol.conditions for c in profile.conditions)
    goal = any(g in protocol.goals for g in profile.goals)
    wanted = (condition and (protocol.core or goal)) or (protocol.goal_alone and goal)
    if not wanted:
        return False
    irritability = "high" if person.irritable else profile.irritability
    if irritability not in protocol.irritability:
        return False
    return not (person.limits.bp_training and protocol.blood_pressure)


def _choose(
    person: _Person, catalogue: Catalogue, *, bp_only: bool
) -> list[tuple[Protocol, tuple[Block, ...]]]:
    """`bp_only`: the person's pain is somewhere no protocol covers, so only blood-pressure
    training (which serves a condition, not a painful region) may be given."""
    by_family: dict[str, list[Protocol]] = {}
    for protocol in catalogue.protocols.values():
        if _selected(protocol, person) and (protocol.blood_pressure or not bp_only):
            by_family.setdefault(protocol.family, []).append(protocol)
    # Blood pressure high although cleared: holds with a lower pressor load go first (T2.11).
    gentle_first = bp_at_gate(person.profile)

    def order(p: Protocol) -> tuple[bool, int, str]:
        deep = any("deep_knee" in catalogue.exercises[o.exercise].traits for o in p.options)
        return (gentle_first and deep, p.preference, p.id)

    chosen = []
    used: set[str] = set()
    for family in sorted(by_family, key=_family_order):
        for protocol in sorted(by_family[family], key=order):
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
    "elbow_tendon",
    "gluteal_tendon",
    "shoulder_cuff",
    "knee_oa",
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
            if not person.limits.allows_option(option):
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
    kind, value = dose.intensity.kind, dose.intensity.value
    if kind == "effort" and value is not None and _measured(exercise, protocol, person):
        kind, value = "pct_mvc", value * PCT_MVC_PER_EFFORT
        evidence = weakest([evidence, "design-rule"])
    return Block(
        exercise=exercise.id,
        protocol=protocol.id,
        sets=dose.sets,
        reps=dose.reps,
        hold_s=dose.hold_s,
        rest_between_reps_s=dose.rest_between_reps_s,
        rest_s=dose.rest_s,
        side=block_side(dose.side, exercise, protocol, person.profile),
        intensity_kind=kind,
        intensity_value=value,
        intent=dose.intent,
        joint_angle_deg=dose.joint_angle_deg,
        muscle_length=exercise.muscle_length,
        sources=tuple(sources),
        evidence=evidence,
    )


def _measured(exercise: Exercise, protocol: Protocol, person: _Person) -> bool:
    """A force sensor measures this hold: tendon and strength work is dosed in % MVC (DR1)."""
    return (
        "force_sensor" in person.gear
        and "force_measurable" in exercise.traits
        and not protocol.blood_pressure
        and protocol.microbreaks is None
    )


def _tests(
    protocols: list[Protocol],
    blocks: tuple[Block, ...],
    person: _Person,
    catalogue: Catalogue,
) -> tuple[tuple[str, str], ...]:
    """The protocols' tests the person can do and may do; a % MVC target brings the MVC test."""
    wanted = [ident for p in protocols for ident in p.tests]
    if any(b.intensity_kind == "pct_mvc" for b in blocks) and MVC_TEST in catalogue.tests:
        wanted.append(MVC_TEST)
    seen: dict[str, str] = {}
    for ident in wanted:
        test = catalogue.tests[ident]
        if test.traits & person.limits.traits:
            continue
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
