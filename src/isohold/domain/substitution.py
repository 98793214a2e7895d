"""Which dose goes with a swapped exercise (a regression at the start, or a review's
progression or regression): a dose is only carried over where it still means something."""

from __future__ import annotations

from isohold.domain.models import Catalogue, Exercise, Protocol, ProtocolOption
from isohold.domain.plan import Block
from isohold.domain.vocabulary import weakest

#: Intensities that travel with the person rather than with the exercise or machine.
_PORTABLE = ("bodyweight", "effort")


def substitute(
    protocol: Protocol, option: ProtocolOption, other: Exercise
) -> tuple[ProtocolOption, str] | None:
    """The option and evidence status to use when `other` replaces `option.exercise`.

    - The protocol's own option for `other`, with its own evidence, when it has one.
    - Otherwise the same dose, labelled at best `design-rule` (DR2), but only when its
      intensity is body weight or effort and the intent is allowed for `other`.
    - None for a measured target (% MVC, % heart rate) or blood-pressure training, whose
      numbers belong to the tested exercise.
    """
    for own in protocol.options:
        if own.exercise == other.id:
            return own, own.evidence
    if protocol.blood_pressure or option.dose.intensity.kind not in _PORTABLE:
        return None
    if option.dose.intent not in other.intents:
        return None
    return option, weakest([option.evidence, "design-rule"])


def started(
    block: Block, exercise: Exercise, option: ProtocolOption, evidence: str, catalogue: Catalogue
) -> Block:
    """`block` moved to `exercise` at the starting dose of `option`: a one-sided exercise keeps a
    named side (or works each side), a two-sided one is done with both."""
    dose = option.dose
    side = block.side
    if exercise.unilateral and side == "both":
        side = "each"
    elif not exercise.unilateral and side != "both":
        side = "both"
    return block.with_(
        exercise=exercise.id,
        sets=dose.sets,
        reps=dose.reps,
        hold_s=dose.hold_s,
        rest_between_reps_s=dose.rest_between_reps_s,
        rest_s=dose.rest_s,
        intensity_kind=dose.intensity.kind,
        intensity_value=dose.intensity.value,
        intent=dose.intent,
        joint_angle_deg=dose.joint_angle_deg,
        muscle_length=exercise.muscle_length,
        side=side,
        sources=tuple(catalogue.refs([*option.sources, *exercise.sources])),
        evidence=evidence,
    )


def option_for(protocol: Protocol, exercise_id: str, catalogue: Catalogue) -> ProtocolOption:
    """The option whose exercise is this one or reaches it through progressions/regressions."""
    for option in protocol.options:
        if option.exercise == exercise_id:
            return option
    for option in protocol.options:
        if exercise_id in _reachable(option.exercise, catalogue):
            return option
    return protocol.options[0]


def _reachable(start: str, catalogue: Catalogue) -> set[str]:
    seen = {start}
    todo = [start]
    while todo:
        ex = catalogue.exercises[todo.pop()]
        for nxt in (*ex.progressions, *ex.regressions):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen
