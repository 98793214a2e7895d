"""A clinician's change to one block of a plan: the exercise, the dose (sets, reps, hold,
rests, intensity), the joint angle or the side.

The catalogue's limits are the protocol option's (the range the weekly review moves the dose
within, and the option's own angle); the patient's answers add what their health rules out
(restrictions.py). A change may go beyond either only with a written reason: `edit_block` says
which limits a change crosses, in plain words, and the service asks for the reason. Values no
plan could hold (a side a two-sided exercise cannot have, a negative hold) are refused, naming
the field.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields, replace
from typing import Any

from isohold.domain import describe
from isohold.domain import vocabulary as v
from isohold.domain.errors import InputError
from isohold.domain.models import Catalogue, DoseLimits
from isohold.domain.plan import Block, Plan
from isohold.domain.restrictions import Restrictions, heavy_dose
from isohold.domain.substitution import option_for, started, substitute

#: the plausible range of each number in a block, beyond any catalogue limit
BOUNDS: dict[str, tuple[float, float]] = {
    "sets": (1, 20),
    "reps": (1, 100),
    "hold_s": (1, 1800),
    "rest_between_reps_s": (0, 1800),
    "rest_s": (0, 1800),
    "intensity_value": (0, 100),
    "joint_angle_deg": (0, 180),
}
_WHOLE = ("sets", "reps")


@dataclass(frozen=True, slots=True)
class BlockEdit:
    """What to change in a block (None: keep). `exercise` swaps the exercise: to one of the
    protocol's own options at that option's starting dose, else keeping the dose."""

    exercise: str | None = None
    sets: int | None = None
    reps: int | None = None
    hold_s: float | None = None
    rest_between_reps_s: float | None = None
    rest_s: float | None = None
    intensity_value: float | None = None
    joint_angle_deg: float | None = None
    side: str | None = None

    def changes(self) -> dict[str, Any]:
        return {
            f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) is not None
        }


@dataclass(frozen=True, slots=True)
class Edited:
    plan: Plan
    before: Block
    after: Block
    #: the limits the change crosses, in plain words (empty: within the catalogue's limits)
    beyond: tuple[str, ...]


def parse_edit(raw: Any) -> BlockEdit:
    """A change from a JSON object; InputError naming the field for anything else."""
    if not isinstance(raw, dict):
        raise InputError("change", "must be an object")
    known = {f.name for f in fields(BlockEdit)}
    extra = sorted(set(raw) - known)
    if extra:
        raise InputError(extra[0], f"cannot be changed; allowed: {', '.join(sorted(known))}")
    values: dict[str, Any] = {}
    for name, value in raw.items():
        if value is None:
            continue
        if name == "exercise" or name == "side":
            if not isinstance(value, str):
                raise InputError(name, "must be a string")
            values[name] = value
            continue
        lo, hi = BOUNDS[name]
        whole = name in _WHOLE
        ok = isinstance(value, int) if whole else isinstance(value, int | float)
        if isinstance(value, bool) or not ok or not math.isfinite(value) or not lo <= value <= hi:
            kind = "a whole number" if whole else "a number"
            raise InputError(name, f"must be {kind} from {lo:g} to {hi:g}")
        values[name] = int(value) if whole else float(value)
    if not values:
        raise InputError("change", "names nothing to change")
    return BlockEdit(**values)


def edit_block(
    plan: Plan,
    exercise: str,
    edit: BlockEdit,
    catalogue: Catalogue,
    limits: Restrictions | None = None,
) -> Edited:
    """The plan with one block changed, and the limits the change crosses."""
    program = plan.program
    blocks = program.blocks if program is not None else ()
    index = next((i for i, b in enumerate(blocks) if b.exercise == exercise), None)
    if program is None or index is None:
        listed = ", ".join(b.exercise for b in blocks) or "none (the plan has no program)"
        raise InputError("exercise", f"{exercise!r} is not in the plan; its exercises: {listed}")
    before = blocks[index]
    beyond: list[str] = []
    after = before
    if edit.exercise is not None and edit.exercise != before.exercise:
        after = _swap(before, edit.exercise, blocks, catalogue, beyond)
    after = after.with_(**{k: val for k, val in edit.changes().items() if k != "exercise"})
    _check_side(after, catalogue)
    if edit.intensity_value is not None and after.intensity_kind == "bodyweight":
        raise InputError("intensity_value", "this exercise is done at body weight: no intensity")
    beyond.extend(_beyond(after, catalogue, limits))
    if after == before:
        raise InputError("change", "changes nothing: the block already has these values")
    new_blocks = (*blocks[:index], after, *blocks[index + 1 :])
    return Edited(
        replace(plan, program=replace(program, blocks=new_blocks)),
        before,
        after,
        tuple(dict.fromkeys(beyond)),
    )


def _swap(
    block: Block, other_id: str, blocks: tuple[Block, ...], catalogue: Catalogue, beyond: list[str]
) -> Block:
    other = catalogue.exercises.get(other_id)
    if other is None:
        raise InputError("exercise", f"unknown exercise {other_id!r}")
    if any(b.exercise == other_id for b in blocks):
        raise InputError("exercise", f"{other_id!r} is in the plan already")
    protocol = catalogue.protocols[block.protocol]
    option = option_for(protocol, block.exercise, catalogue)
    found = substitute(protocol, option, other)
    if found is None:
        beyond.append(f"{other.name} is not one of this protocol's exercises (its dose is kept)")
        return block.with_(
            exercise=other.id, muscle_length=other.muscle_length, evidence="design-rule"
        )
    own, evidence = found
    if own.exercise != other.id:
        beyond.append(f"{other.name} is not one of this protocol's exercises (its dose is kept)")
    return started(block, other, own, evidence, catalogue)


def _check_side(block: Block, catalogue: Catalogue) -> None:
    if block.side not in v.BLOCK_SIDES:
        raise InputError(
            "side", f"unknown value {block.side!r}; allowed: {', '.join(v.BLOCK_SIDES)}"
        )
    exercise = catalogue.exercises[block.exercise]
    if not exercise.unilateral and block.side != "both":
        raise InputError("side", f"{exercise.name} works both sides together: 'both' only")
    if exercise.unilateral and block.side == "both":
        raise InputError("side", f"{exercise.name} is one-sided: left, right or each")


def _beyond(block: Block, catalogue: Catalogue, limits: Restrictions | None) -> list[str]:
    """The catalogue's and the patient's limits that `block` crosses, in plain words."""
    protocol = catalogue.protocols[block.protocol]
    exercise = catalogue.exercises[block.exercise]
    option = option_for(protocol, block.exercise, catalogue)
    out: list[str] = []
    own = option.exercise == block.exercise
    if own:
        out.extend(_dose_limits(block, option.limits, option.dose.sets))
        angle = option.dose.joint_angle_deg
        if angle is not None and block.joint_angle_deg != angle:
            shown = (
                "none"
                if block.joint_angle_deg is None
                else f"{describe.num(block.joint_angle_deg)}°"
            )
            out.append(f"the angle {shown} is not the protocol's {describe.num(angle)}°")
    if limits is not None:
        if not limits.allows_exercise(exercise, start=False):
            out.append(f"{exercise.name} is ruled out by the patient's answers")
        if limits.heavy and heavy_dose(block.intent, block.intensity_kind, block.intensity_value):
            out.append("a heavy hold, which the patient's answers rule out")
        if limits.bp_training and protocol.blood_pressure:
            out.append("blood-pressure training, which the patient's answers rule out")
    return out


def _dose_limits(block: Block, lim: DoseLimits, start_sets: int) -> list[str]:
    out = []
    if block.sets > start_sets:
        out.append(f"{block.sets} sets is more than the protocol's {start_sets}")
    if not lim.hold_s_min <= block.hold_s <= lim.hold_s_max:
        out.append(
            f"a hold of {describe.num(block.hold_s)} s is outside the protocol's "
            f"{describe.num(lim.hold_s_min)}-{describe.num(lim.hold_s_max)} s"
        )
    if not lim.reps_min <= block.reps <= lim.reps_max:
        out.append(f"{block.reps} reps is outside the protocol's {lim.reps_min}-{lim.reps_max}")
    value = block.intensity_value
    low, high = lim.intensity_min, lim.intensity_max
    if value is not None and low is not None and high is not None and not low <= value <= high:
        out.append(
            f"an intensity of {describe.num(value)} is outside the protocol's "
            f"{describe.num(low)}-{describe.num(high)}"
        )
    return out


def check_block(
    block: Block, catalogue: Catalogue, limits: Restrictions | None = None
) -> list[str]:
    """The catalogue's and the patient's limits a whole block crosses (a program template's,
    say), in plain words; InputError naming `exercise` or `side` for a block no plan could
    hold (an exercise or protocol the catalogue does not have, a side the exercise cannot
    have)."""
    exercise = catalogue.exercises.get(block.exercise)
    if exercise is None:
        raise InputError("exercise", f"unknown exercise {block.exercise!r} in this catalogue")
    if block.protocol not in catalogue.protocols:
        raise InputError("exercise", f"{exercise.name}: unknown protocol {block.protocol!r}")
    _check_side(block, catalogue)
    if block.intensity_kind == "bodyweight" and block.intensity_value is not None:
        raise InputError("intensity_value", f"{exercise.name} is done at body weight")
    return _beyond(block, catalogue, limits)
