"""A changed profile without lost progress: where an exercise stays in the new plan, its dose
is the one the weekly reviews had reached (issue 18), unless the new profile's restrictions
rule that dose out (heavy holds while blood pressure needs clearing, for example)."""

from __future__ import annotations

from dataclasses import replace

from isohold.domain.plan import Block, Plan
from isohold.domain.restrictions import Restrictions, heavy_dose

#: What a weekly review moves; everything else comes from the new prescription.
_DOSE = ("sets", "reps", "hold_s", "rest_between_reps_s", "rest_s", "intensity_value")


def carry_progress(new: Plan, old: Plan | None, limits: Restrictions) -> Plan:
    """`new` with each block's dose taken from `old` where the same exercise stays in the same
    protocol with the same kind of intensity, and the old dose is still allowed."""
    if new.program is None or old is None or old.program is None:
        return new
    before = {(b.exercise, b.protocol): b for b in old.program.blocks}
    blocks = tuple(_carried(b, before.get((b.exercise, b.protocol)), limits)
                   for b in new.program.blocks)  # fmt: skip
    return replace(new, program=replace(new.program, blocks=blocks))


def _carried(block: Block, old: Block | None, limits: Restrictions) -> Block:
    if old is None or old.intensity_kind != block.intensity_kind:
        return block
    if limits.heavy and heavy_dose(old.intent, old.intensity_kind, old.intensity_value):
        return block
    return block.with_(**{name: getattr(old, name) for name in _DOSE})
