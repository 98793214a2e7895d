"""A changed profile without lost progress: where an exercise stays in the new plan, its dose
is the one the weekly reviews had reached (issue 18), unless the new profile's restrictions
rule that dose out (heavy holds while blood pressure needs clearing, for example).

A staged program keeps its stage too (issue 21): where the old plan had moved a protocol on to
a later stage, the new plan's first-stage blocks give way to the old later-stage blocks, when
the new restrictions still allow them; otherwise the new plan starts the road again.
"""

from __future__ import annotations

from dataclasses import replace

from isohold.domain.models import Catalogue
from isohold.domain.plan import Block, Plan
from isohold.domain.restrictions import Restrictions, heavy_dose
from isohold.domain.stages import restaged, road

#: What a weekly review moves; everything else comes from the new prescription.
_DOSE = ("sets", "reps", "hold_s", "rest_between_reps_s", "rest_s", "intensity_value")


def carry_progress(new: Plan, old: Plan | None, limits: Restrictions, catalogue: Catalogue) -> Plan:
    """`new` with each block's dose taken from `old` where the same exercise stays in the same
    protocol with the same kind of intensity, and the old dose is still allowed; and with each
    staged protocol at the stage `old` had reached."""
    if new.program is None or old is None or old.program is None:
        return new
    before = {(b.exercise, b.protocol): b for b in old.program.blocks}
    blocks = tuple(_carried(b, before.get((b.exercise, b.protocol)), limits)
                   for b in new.program.blocks)  # fmt: skip
    staged = _stages(blocks, old.program.blocks, limits, catalogue)
    carried = replace(new, program=replace(new.program, blocks=staged))
    return carried if staged == blocks else restaged(carried, catalogue)


def _carried(block: Block, old: Block | None, limits: Restrictions) -> Block:
    if old is None or old.intensity_kind != block.intensity_kind:
        return block
    if limits.heavy and heavy_dose(old.intent, old.intensity_kind, old.intensity_value):
        return block
    return block.with_(**{name: getattr(old, name) for name in _DOSE})


def _stages(
    blocks: tuple[Block, ...],
    old: tuple[Block, ...],
    limits: Restrictions,
    catalogue: Catalogue,
) -> tuple[Block, ...]:
    out: list[Block] = []
    done: set[str] = set()
    for block in blocks:
        protocol = catalogue.protocols.get(block.protocol)
        if protocol is None or not protocol.stage:
            out.append(block)
            continue
        later = {p.id for p in road(protocol, catalogue)[1:]}
        moved = [b for b in old if b.protocol in later]
        if not moved or not all(_allowed(b, limits, catalogue) for b in moved):
            out.append(block)
        elif block.protocol not in done:
            done.add(block.protocol)
            out += [b for b in moved if b.exercise not in {x.exercise for x in out}]
    return tuple(out)


def _allowed(block: Block, limits: Restrictions, catalogue: Catalogue) -> bool:
    exercise = catalogue.exercises.get(block.exercise)
    return (
        exercise is not None
        and limits.allows_exercise(exercise, start=False)
        and not (
            limits.heavy and heavy_dose(block.intent, block.intensity_kind, block.intensity_value)
        )
    )
