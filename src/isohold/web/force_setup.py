"""The Force page's words: the planned exercise named with its side ("Handgrip hold, left
hand"), how to attach a Tindeq Progressor for it, and what to check when the sensor cannot be
reached (a sensor error from the live run, told as one short sentence and a checklist)."""

from __future__ import annotations

import errno
from dataclasses import dataclass

from isohold.domain.models import Exercise

#: the limb an exercise's side refers to, by catalogue region: (one, several)
LIMBS = {"hand": ("hand", "hands"), "knee": ("leg", "legs"), "ankle": ("leg", "legs"),
         "hip": ("leg", "legs")}  # fmt: skip


def exercise_title(exercise: Exercise | None, exercise_id: str, side: str) -> str:
    """`Handgrip hold, left hand`; the bare name when the side means nothing for it."""
    if exercise is None:
        return exercise_id
    limb = next((LIMBS[r] for r in exercise.regions if r in LIMBS), None)
    if limb is None:
        return exercise.name
    one, several = limb
    words = {"left": f"left {one}", "right": f"right {one}", "both": f"both {several}",
             "each": f"each {one} in turn"}  # fmt: skip
    return f"{exercise.name}, {words[side]}" if side in words else exercise.name


#: before every run with a Progressor, whatever the exercise
GENERAL_STEPS = (
    "Charge the Progressor, then press its button to wake it: it switches itself off after "
    "about 10 minutes without a connection.",
    "Keep it within a few metres of this computer, and close the Tindeq app on your phone: a "
    "sensor that is connected to another device does not show up here.",
    "Use straps, slings or chains that do not stretch, and check them and the anchor for wear "
    "before you pull.",
    "Let the sensor hang free in a straight line between its two ends, touching nothing, so it "
    "measures only your pull.",
    "Take up the slack so the line is just taut, then stay relaxed while the page says Get "
    "ready: those seconds are your resting level.",
)

#: how to attach the sensor for an exercise, by catalogue id
EXERCISE_STEPS: dict[str, tuple[str, ...]] = {
    "knee-extension-sensor-hold": (
        "Sit on a sturdy chair or bench that will not tip or slide.",
        "Put a padded ankle strap round the lower shin of the leg you are training, just above "
        "the ankle.",
        "Hook one end of the Progressor to the ankle strap and the other end, with a short strap "
        "or chain, to the chair leg or a solid anchor behind your heel.",
        "Set the length so your knee is bent at about 60 degrees (a straight leg is 0) when the "
        "line is taut, with the pull running straight back from the shin.",
    ),
    "leg-extension-isometric": (
        "Set the leg-extension machine so your knee is bent at 60 degrees (a straight leg is 0).",
        "Loop a strong strap round the machine's shin-pad arm and fix its other end to the frame "
        "below, with the Progressor in the strap, so the arm cannot move when you push.",
        "Check the strap runs in a straight line from the arm to the frame; the weight stack "
        "stays down and takes no part.",
    ),
    "handgrip-isometric": (
        "The Progressor measures a pull, so the hold is a grip on a handle pulled down by the "
        "sensor.",
        "Sit beside a table with your forearm resting on it and your hand just past the edge, "
        "palm up.",
        "Fix a strap to the table leg or something heavy on the floor below your hand, hook the "
        "Progressor to it, and a handle to the Progressor's top end.",
        "Set the length so your fingers close round the handle with the line taut; the pull of "
        "your fingers is what the page shows. With a handgrip dynamometer instead, follow its "
        "own display.",
    ),
    "isometric-mid-thigh-pull": (
        "Stand on a strong platform, or on a strap or chain fixed under your feet.",
        "Connect the Progressor between that anchor and the middle of a bar or handle.",
        "Set the length so the bar is at mid-thigh, with your knees and hips slightly bent, when "
        "the line is taut.",
        "Check the sensor's rated load first: a strong two-legged pull can go beyond it.",
    ),
}

FALLBACK_STEPS = (
    "Fix one end of the Progressor to a solid anchor and the other to the strap or handle you "
    "push or pull on, so the pull runs in a straight line through the sensor.",
)


def setup_steps(exercise_id: str | None) -> tuple[str, ...]:
    """How to attach the sensor for this exercise (the general checks are separate)."""
    if exercise_id is None:
        return FALLBACK_STEPS
    return EXERCISE_STEPS.get(exercise_id, FALLBACK_STEPS)


NO_BLEAK = "isohold's Bluetooth support (the bleak package) is not installed."
NO_ADAPTER = "Bluetooth on this computer is off or could not be found."
#: what Bluetooth stacks say when there is no adapter or it is switched off
OFF_WORDS = ("adapter", "turned off", "powered off", "not powered")


@dataclass(frozen=True)
class SensorProblem:
    code: str  # no-bluetooth-support | no-adapter | not-found | dropped | unreachable
    summary: str  # one short sentence for the page


def sensor_problem(error: BaseException) -> SensorProblem:
    """What most likely went wrong, from a sensor error and the errors that caused it."""
    chain: list[BaseException] = []
    seen: BaseException | None = error
    while seen is not None and len(chain) < 10:
        chain.append(seen)
        seen = seen.__cause__ or seen.__context__
    text = " ".join(str(e) for e in chain).lower()
    if "bluetooth support is not installed" in text or any(
        isinstance(e, ImportError) for e in chain
    ):
        return SensorProblem("no-bluetooth-support", NO_BLEAK)
    system_said_no = any(
        isinstance(e, OSError) and e.errno in (errno.ENOENT, errno.ENODEV, errno.EACCES)
        for e in chain[1:]
    )
    if system_said_no or any(words in text for words in OFF_WORDS):
        return SensorProblem("no-adapter", NO_ADAPTER)
    if "no progressor found" in text:
        return SensorProblem("not-found", "No Progressor answered.")
    if "stopped sending" in text:
        return SensorProblem("dropped", "The sensor stopped sending in the middle of the run.")
    return SensorProblem("unreachable", "The sensor could not be reached.")
