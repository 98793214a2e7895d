"""A weekly review proposed on an older plan, brought onto the plan as it is now: a clinician
may have changed blocks since (plan_edit.py). Blocks the clinician changed keep the clinician's
version (the newer, deliberate choice); every other block takes the review's. Edits never add
or remove blocks, so the older and the current plan match block by block, in order."""

from __future__ import annotations

from dataclasses import dataclass, replace

from isohold.domain.plan import Plan


@dataclass(frozen=True, slots=True)
class Rebased:
    plan: Plan
    #: the exercises (as the review named them) whose block kept the clinician's change
    kept: tuple[str, ...]


def rebase(base: Plan, current: Plan, proposed: Plan) -> Rebased | None:
    """`proposed` (made from `base`) with the changes `current` made to `base`; None when the
    plans no longer match block by block (the review cannot be brought over)."""
    if base.program is None or current.program is None or proposed.program is None:
        return None if current != base else Rebased(proposed, ())
    old, now = base.program.blocks, current.program.blocks
    if len(old) != len(now):
        return None
    changed = {o.exercise: n for o, n in zip(old, now, strict=True) if o != n}
    blocks = tuple(changed.get(b.exercise, b) for b in proposed.program.blocks)
    kept = tuple(b.exercise for b in proposed.program.blocks if b.exercise in changed)
    if len({b.exercise for b in blocks}) != len(blocks):
        return None  # a swap brought in an exercise the review also has
    return Rebased(replace(proposed, program=replace(proposed.program, blocks=blocks)), kept)
