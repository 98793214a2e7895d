"""When pain means more than easing off: severe pain stops an exercise and asks for a
clinician to reassess it (T6.2, T6.4, T8.13, T9.1; design rule DR12).

- Pain during a hold of 7/10 or more is severe, unless it is at least 2 points (a meaningful
  change, T9.1) below the person's usual pain: relief from very high pain is not a flare.
- Next-morning pain is severe at 7/10 or more (with the same exception), or when it is 3 or
  more points above the usual level.
- Otherwise pain during above the plan's limit stops the session and the review eases off.

Pages, the coaches, the morning check-in and the weekly review all use these rules.
"""

from __future__ import annotations

from dataclasses import dataclass

from isohold.domain.pain import ACCEPTABLE_PAIN

#: Pain at or above this is severe (DR12, above the pain-monitoring model's zones, T6.2).
SEVERE_PAIN = 7
#: A rise of this many points above the usual morning pain is a severe flare (DR12).
SEVERE_MORNING_RISE = 3
#: A change of this many points is meaningful (T9.1): this much below usual is relief.
MEANINGFUL_CHANGE = 2

REASSESS = (
    "Stop this exercise and have a clinician (a physiotherapist or doctor) reassess it before "
    "you do it again."
)
RED_FLAG_REMINDER = (
    "Seek care straight away if you also have numbness between the legs or new trouble "
    "passing urine or controlling your bowels, weakness in a leg or arm, fever, unexplained "
    "weight loss, pain at night that does not ease, or chest pain, dizziness or trouble "
    "speaking or seeing."
)
STOP_WARNING = (
    "Stop exercising now. If you have chest pain, or dizziness that does not pass, call an "
    "ambulance. Otherwise rest and see a doctor before your next session."
)
STOP_PAIN = (
    "Pain went above your limit of {limit}/10. The session stops here, which is the right call. "
    "Rest, and if the pain has not settled by tomorrow morning or keeps getting worse, see a "
    "physiotherapist or doctor. The weekly review will ease the plan."
)


def relieved(pain: int, usual: int | None) -> bool:
    """Pain at least a meaningful 2 points below the person's usual pain."""
    return usual is not None and pain <= usual - MEANINGFUL_CHANGE


def severe_during(pain: int, usual: int | None = None) -> bool:
    return pain >= SEVERE_PAIN and not relieved(pain, usual)


def severe_morning(pain: int, usual: int | None) -> bool:
    rise = usual is not None and pain - usual >= SEVERE_MORNING_RISE
    return rise or (pain >= SEVERE_PAIN and not relieved(pain, usual))


@dataclass(frozen=True, slots=True)
class Verdict:
    """What to do after an exercise: `go_on`, or stop the session (`stop_pain`,
    `stop_severe`, `stop_warning`) with the words to say."""

    action: str
    text: str

    @property
    def stops(self) -> bool:
        return self.action != "go_on"


def after_exercise(
    pain_during: int, limit: int, *, warning: bool = False, usual: int | None = None
) -> Verdict:
    """The verdict after an exercise from its pain (0-10), the plan's limit, the person's usual
    pain and whether a warning sign (chest pain, dizziness, numbness, breathlessness) came."""
    if warning:
        return Verdict("stop_warning", STOP_WARNING)
    if severe_during(pain_during, usual):
        return Verdict(
            "stop_severe",
            f"Pain of {pain_during}/10 during a hold is severe. The session stops here. "
            f"{REASSESS} {RED_FLAG_REMINDER}",
        )
    if pain_during > min(limit, ACCEPTABLE_PAIN) and not (
        usual is not None and pain_during <= usual
    ):
        return Verdict("stop_pain", STOP_PAIN.format(limit=limit))
    return Verdict("go_on", "")


def morning_advice(pain: int, usual: int | None) -> str | None:
    """Advice after a morning check-in whose pain is severe, else None."""
    if not severe_morning(pain, usual):
        return None
    said = f"Morning pain of {pain}/10" + (f" (usual {usual}/10)" if usual is not None else "")
    return (
        f"{said} is a severe flare. Do not train today, and have a clinician (a physiotherapist "
        f"or doctor) reassess your exercises before you go on. {RED_FLAG_REMINDER}"
    )
