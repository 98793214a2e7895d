"""Which holds a desk micro-break offers, and at what dose (pure).

- The holds rotate through the plan's `microbreaks` exercises, one break after another, so the
  neck, shoulders and trunk all get turns.
- A break offers as many holds as fit its length, at least one and at most two: a 30-s break is
  one 30-s hold; a longer break (when the person turned it on) is two different holds.
- The dose follows the plan: the plan's desk-break block (protocol `desk-microbreaks`) gives the
  hold time and effort, so when the weekly review lengthens or eases that block, every break
  follows. When the review swapped that block's exercise for a harder or easier one, the new
  one takes the old one's turn.
- Without a desk-break block, a hold lasts the break length at an easy effort.
"""

from __future__ import annotations

from dataclasses import dataclass

from isohold.domain.models import Catalogue
from isohold.domain.plan import Block, Plan

MAX_HOLDS = 2
#: seconds to change position between two holds in one break (a product choice, DR4-like)
CHANGEOVER_S = 5.0


@dataclass(frozen=True)
class BreakHold:
    exercise: str
    name: str
    hold_s: float
    #: "both" sides at once, or "each" side in turn (a one-sided exercise)
    side: str
    effort: float | None
    cues: tuple[str, ...]
    steps: tuple[str, ...]

    @property
    def seconds(self) -> float:
        return self.hold_s * (2 if self.side == "each" else 1)

    def to_dict(self) -> dict[str, object]:
        return {"exercise": self.exercise, "name": self.name, "hold_s": self.hold_s,
                "side": self.side, "effort": self.effort}  # fmt: skip


def rotation(plan: Plan, catalogue: Catalogue) -> tuple[tuple[str, Block | None], ...]:
    """The break exercises in turn order, each with the plan block that sets its dose."""
    program = plan.program
    if program is None or program.microbreaks is None:
        return ()
    own = [b for b in program.blocks if _is_break_block(b, catalogue)]
    by_exercise = {b.exercise: b for b in own}
    out: list[tuple[str, Block | None]] = []
    for ident in program.microbreaks.exercises:
        swapped = next((b for b in own if _replaced(ident, b.exercise, catalogue)), None)
        chosen = swapped.exercise if swapped is not None else ident
        if chosen not in (e for e, _ in out):
            out.append((chosen, by_exercise.get(chosen)))
    for block in own:  # a block whose exercise the list never named still takes a turn
        if block.exercise not in (e for e, _ in out):
            out.append((block.exercise, block))
    return tuple(out)


def _is_break_block(block: Block, catalogue: Catalogue) -> bool:
    protocol = catalogue.protocols.get(block.protocol)
    return protocol is not None and protocol.microbreaks is not None


def _replaced(listed: str, current: str, catalogue: Catalogue) -> bool:
    """True when the review moved the listed exercise one step to `current`."""
    if listed == current:
        return False
    ex = catalogue.exercises[current]
    return listed in ex.regressions or listed in ex.progressions


def break_holds(
    plan: Plan, catalogue: Catalogue, turn: int, length_s: float
) -> tuple[BreakHold, ...]:
    """The holds for the break that is `turn`-th in rotation (0-based), within `length_s`."""
    turns = rotation(plan, catalogue)
    if not turns:
        return ()
    default = next((b for _, b in turns if b is not None), None)
    holds: list[BreakHold] = []
    used = 0.0
    for k in range(min(MAX_HOLDS, len(turns))):
        ident, block = turns[(turn + k) % len(turns)]
        hold = _hold(ident, block or default, catalogue, length_s)
        extra = hold.seconds + (CHANGEOVER_S if holds else 0.0)
        if holds and used + extra > length_s:
            break
        holds.append(hold)
        used += extra
    return tuple(holds)


def holds_by_exercise(plan: Plan, catalogue: Catalogue) -> dict[str, BreakHold]:
    """Every break exercise's hold at the plan's dose, for a break of the plan's length."""
    turns = rotation(plan, catalogue)
    if not turns or plan.program is None or plan.program.microbreaks is None:
        return {}
    length = plan.program.microbreaks.duration_s
    default = next((b for _, b in turns if b is not None), None)
    return {ident: _hold(ident, block or default, catalogue, length) for ident, block in turns}


def following(plan: Plan, catalogue: Catalogue) -> dict[str, str]:
    """Each break exercise -> the exercise of the plan block whose dose it follows (the block
    the weekly review reads pain in that break against)."""
    turns = rotation(plan, catalogue)
    default = next((b for _, b in turns if b is not None), None)
    out = {}
    for ident, block in turns:
        source = block or default
        if source is not None:
            out[ident] = source.exercise
    return out


def _hold(ident: str, block: Block | None, catalogue: Catalogue, length_s: float) -> BreakHold:
    ex = catalogue.exercises[ident]
    side = "each" if ex.unilateral else "both"
    if block is not None:
        hold_s = block.hold_s
        effort = block.intensity_value if block.intensity_kind == "effort" else None
    else:
        hold_s = length_s / (2 if ex.unilateral else 1)
        effort = None
    return BreakHold(ident, ex.name, hold_s, side, effort, ex.cues, ex.steps)
