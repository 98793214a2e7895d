"""The phases of one exercise block, in order: get ready, hold, rest (pure, no clock).

A block with side `each` runs every set on the left and then on the right before the rest
between sets; each side of each set is recorded as a set when its last hold ends.
"""

from __future__ import annotations

from dataclasses import dataclass

from isohold.domain.plan import Block

#: Seconds to get into position before the first hold of each set and side (product default,
#: design rule DR4: no source gives a value).
GET_READY_S = 5.0


@dataclass(frozen=True, slots=True)
class Phase:
    kind: str  # ready | hold | rest
    duration_s: float
    exercise: str
    set_number: int
    rep: int
    side: str  # left | right | both
    sets: int
    reps: int
    #: this hold is the last of its set on this side: the set is saved when it ends
    ends_set: bool = False


def sides(block: Block) -> tuple[str, ...]:
    return ("left", "right") if block.side == "each" else (block.side,)


def phases(block: Block, ready_s: float = GET_READY_S) -> list[Phase]:
    out: list[Phase] = []

    def add(
        kind: str, seconds: float, set_no: int, rep: int, side: str, ends: bool = False
    ) -> None:
        if seconds > 0:
            out.append(
                Phase(
                    kind, seconds, block.exercise, set_no, rep, side, block.sets, block.reps, ends
                )
            )

    for set_no in range(1, block.sets + 1):
        for side in sides(block):
            add("ready", ready_s, set_no, 1, side)
            for rep in range(1, block.reps + 1):
                last = rep == block.reps
                add("hold", block.hold_s, set_no, rep, side, ends=last)
                if not last:
                    add("rest", block.rest_between_reps_s, set_no, rep, side)
        if set_no < block.sets:
            add("rest", block.rest_s, set_no, block.reps, sides(block)[-1])
    return out


def total_s(block: Block, ready_s: float = GET_READY_S) -> float:
    return sum(p.duration_s for p in phases(block, ready_s))
