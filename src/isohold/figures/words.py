"""The figure in words: its <title> and <desc>, so a screen reader says the position and the
angle that a sighted person sees."""

from __future__ import annotations

from isohold.domain.figure_spec import AngleSpec, FigureSpec
from isohold.domain.models import Exercise

VIEW_WORDS = {
    "side": "Seen from the side",
    "front": "Seen from the front",
    "top": "Seen from above",
}
JOINT_WORDS = {
    "knee": "knee",
    "elbow": "elbow",
    "hip": "hip",
    "shoulder": "shoulder",
    "trunk": "trunk",
}


def number(value: float) -> str:
    return f"{value:.0f}" if abs(value - round(value)) < 0.05 else f"{value:.1f}"


def angle_sentence(spec: AngleSpec, value: float, prescribed: bool) -> str:
    joint = JOINT_WORDS.get(spec.joint, spec.joint)
    about = "" if prescribed else "about "
    if spec.measure == "inside":
        return (
            (
                f"The {joint} angle is {about}{number(value)} degrees, measured inside the "
                f"{joint} (180 degrees is a straight leg)."
            )
            if joint == "knee"
            else (
                f"The {joint} angle is {about}{number(value)} degrees, measured inside the "
                f"{joint} (180 degrees is straight)."
            )
        )
    straight = "a straight leg" if joint == "knee" else "straight"
    return f"The {joint} is bent to {about}{number(value)} degrees (0 degrees is {straight})."


def side_words(side: str, limb: str) -> str:
    """`right leg`, `left side`..."""
    return f"{side} {limb}"


def title(exercise: Exercise, side: str | None) -> str:
    if side in ("left", "right"):
        return f"{exercise.name}: {side} side"
    return f"{exercise.name}: the hold position"


def description(
    exercise: Exercise,
    spec: FigureSpec,
    *,
    angle: tuple[float, bool] | None,
    side: str | None,
    each: bool,
    requested: float | None,
    moving: bool,
) -> str:
    """The position, the angle, the side, the working muscles and the effort, in sentences."""
    position = exercise.positions[0].name
    parts = [f"{VIEW_WORDS[spec.view]}: {position[:1].lower()}{position[1:]}."]
    if moving and spec.start.text:
        parts.append(f"It moves from the start ({spec.start.text}) to the hold.")
    if spec.hold.text:
        parts.append(f"In the hold: {spec.hold.text}.")
    if spec.angle is not None and angle is not None:
        parts.append(angle_sentence(spec.angle, angle[0], angle[1]))
        if requested is not None and abs(requested - angle[0]) > 0.05:
            parts.append(
                f"Your plan says {number(requested)} degrees; the drawing shows the nearest "
                f"angle it can draw."
            )
    if side in ("left", "right"):
        limb = side_words(side, spec.limb)
        if each:
            other = "left" if side == "right" else "right"
            parts.append(f"One side at a time: the {limb} is shown working, then the {other}.")
        else:
            parts.append(f"The {limb} works.")
    if exercise.muscles:
        parts.append(f"Tinted: the working muscles ({', '.join(exercise.muscles)}).")
    for effort in spec.effort:
        parts.append(f"The arrow shows the effort: {effort.text}.")
    return " ".join(parts)
