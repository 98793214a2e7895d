"""Which dose goes with a swapped exercise (a regression at the start, or a review's
progression or regression): a dose is only carried over where it still means something."""

from __future__ import annotations

from isohold.domain.models import Exercise, Protocol, ProtocolOption
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
