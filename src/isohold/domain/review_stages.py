"""Stages in the weekly review (Malliaras 2015, T11.1; design rules DC1-DC3, DC6).

When an exercise of a staged protocol is at the top of its range and the week settled, the
review looks at the next stage's entry. The protocol's exercises move on together, and only
when every one of them is at the top of its range this week, pain during stayed within the
entry's limit, and the entry's capacity tests are met on the painful side (the latest results;
a test with no result is not met). Otherwise the dose stays, and the decision says what is
still needed. The last stage says when a clinician should take over.

A flare in a later stage goes back a stage once the dose cannot ease further (DC6):
`back_a_stage`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from isohold.domain.capacity import Results
from isohold.domain.models import Catalogue, Criterion, Exercise, Protocol, ProtocolOption
from isohold.domain.plan import Block
from isohold.domain.responses import Response
from isohold.domain.restrictions import Restrictions
from isohold.domain.stages import previous
from isohold.domain.substitution import option_for, started

_NO_FIT = "exercises for it that fit your equipment and health (a clinician can suggest others)"


@dataclass(frozen=True, slots=True)
class Move:
    """What the stage rules decide for an exercise at the top of its range: `progress` to the
    next stage's block, or `repeat` the same block; `words` follow the week's pain."""

    action: str
    words: str
    after: Block


@dataclass(frozen=True, slots=True)
class Fit:
    """What the person can do and may do, as far as the review knows (None: not known)."""

    equipment: frozenset[str] | None
    limits: Restrictions | None

    def allows(self, exercise: Exercise, option: ProtocolOption, taken: set[str]) -> bool:
        return (
            exercise.id not in taken
            and (self.equipment is None or exercise.fits(self.equipment))
            and (
                self.limits is None
                or (self.limits.allows_exercise(exercise) and self.limits.allows_option(option))
            )
        )


def stage_moves(
    blocks: tuple[Block, ...],
    at_top: set[str],
    worst: Mapping[str, Response],
    catalogue: Catalogue,
    results: Results | None,
    fit: Fit,
) -> tuple[dict[str, Move], list[Block]]:
    """Moves for the exercises at the top of their range in staged protocols, and the blocks a
    next stage adds for slots its stage before did not have."""
    moves: dict[str, Move] = {}
    added: list[Block] = []
    for ident in dict.fromkeys(b.protocol for b in blocks):
        protocol = catalogue.protocols.get(ident)
        mine = [b for b in blocks if b.protocol == ident]
        tops = [b for b in mine if b.exercise in at_top]
        if protocol is None or not protocol.stage or not tops:
            continue
        if protocol.next_stage is None:
            last = "settled, at the top of its range in the last stage. Keep it as it is. "
            last += protocol.clinician
            moves.update({b.exercise: Move("repeat", last.strip(), b) for b in tops})
            continue
        nxt = catalogue.protocols[protocol.next_stage]
        missing = _missing(mine, tops, nxt, worst, catalogue, results)
        taken = {b.exercise for b in blocks if b.protocol != ident}
        moved = None if missing else _next_blocks(mine, protocol, nxt, catalogue, fit, taken)
        if moved is None:
            if not missing:
                missing = [_NO_FIT]
            wait = (
                f"settled, at the top of its range. The next stage, {nxt.name}, starts when "
                f"{nxt.entry.text if nxt.entry else 'this stage is done'}. Still needed: "
                f"{'; '.join(missing)}. Keep this dose until then."
            )
            moves.update({b.exercise: Move("repeat", wait, b) for b in tops})
            continue
        after, extra = moved
        for b in mine:
            name = catalogue.exercises[after[b.exercise].exercise].name
            words = (
                f"ready for the next stage. Move on to {nxt.name}: {name}, at its starting dose."
            )
            moves[b.exercise] = Move("progress", words, after[b.exercise])
        added += extra
    return moves, added


def _missing(
    mine: list[Block],
    tops: list[Block],
    nxt: Protocol,
    worst: Mapping[str, Response],
    catalogue: Catalogue,
    results: Results | None,
) -> list[str]:
    """What the next stage's entry still needs, in plain words (empty when all is met)."""
    entry = nxt.entry
    assert entry is not None  # the catalogue checks every next stage has one
    out = []
    waiting = [catalogue.exercises[b.exercise].name for b in mine if b not in tops]
    if waiting:
        out.append(f"{', '.join(waiting)} at the top of its range too")
    if any(worst[b.exercise].pain_during > entry.max_pain_during for b in tops):
        out.append(f"pain during at {entry.max_pain_during}/10 or less")
    side = _painful_side(mine)
    out += [t for c in entry.tests if (t := _unmet(c, results, side, catalogue))]
    return out


def _painful_side(blocks: list[Block]) -> str | None:
    sides = {b.side for b in blocks if b.side in ("left", "right")}
    return sides.pop() if len(sides) == 1 else None


def _unmet(
    criterion: Criterion, results: Results | None, side: str | None, catalogue: Catalogue
) -> str:
    """Why a capacity test is not met, or "" when it is. With the painful side unknown, the
    weaker side counts."""
    title = catalogue.tests[criterion.test].name
    name = title[0].lower() + title[1:]
    found = (results or {}).get(criterion.test, {})
    if criterion.symmetry_pct is not None:
        pct = criterion.symmetry_pct
        if "left" not in found or "right" not in found:
            return f"a result for the {name} on both legs ({pct:g}% symmetry or more)"
        if side is not None:
            painful, other = found[side], found["right" if side == "left" else "left"]
        else:
            painful, other = sorted((found["left"], found["right"]))
        ratio = 100.0 if other == 0 else painful / other * 100
        if ratio >= pct:
            return ""
        return (
            f"the {name} on the painful side at least {pct:g}% of the other side (now {ratio:.0f}%)"
        )
    values = [
        found[s] for s in ((side, "both") if side else ("left", "right", "both")) if s in found
    ]
    if not values:
        where = f" on the {side} side" if side else ""
        return f"a result for the {name}{where}"
    if criterion.at_most is not None:
        value = max(values)
        return (
            ""
            if value <= criterion.at_most
            else f"the {name} at {criterion.at_most:g} or less (now {value:g})"
        )
    assert criterion.at_least is not None
    value = min(values)
    return (
        ""
        if value >= criterion.at_least
        else f"the {name} at {criterion.at_least:g} or more (now {value:g})"
    )


def _next_blocks(
    mine: list[Block],
    protocol: Protocol,
    nxt: Protocol,
    catalogue: Catalogue,
    fit: Fit,
    taken: set[str],
) -> tuple[dict[str, Block], list[Block]] | None:
    """Each block of the stage in the next stage's same slot (the first option that fits), and
    blocks for the next stage's other slots; None when a slot has no option that fits."""
    after: dict[str, Block] = {}
    used = set(taken)
    slots = {b.exercise: option_for(protocol, b.exercise, catalogue).slot for b in mine}
    for b in mine:
        moved = _in_slot(b, nxt, slots[b.exercise], catalogue, fit, used)
        if moved is None:
            return None
        after[b.exercise] = moved
        used.add(moved.exercise)
    extra = []
    for slot in (s for s in nxt.slots if s not in slots.values()):
        moved = _in_slot(mine[0], nxt, slot, catalogue, fit, used)
        if moved is not None:
            extra.append(moved)
            used.add(moved.exercise)
    return after, extra


def _in_slot(
    block: Block, protocol: Protocol, slot: str, catalogue: Catalogue, fit: Fit, taken: set[str]
) -> Block | None:
    for option in (o for o in protocol.options if o.slot == slot):
        exercise = catalogue.exercises[option.exercise]
        if fit.allows(exercise, option, taken):
            return started(block, exercise, option, option.evidence, catalogue).with_(
                protocol=protocol.id
            )
    return None


def back_a_stage(
    block: Block, protocol: Protocol, catalogue: Catalogue, fit: Fit, taken: set[str]
) -> tuple[Block, str] | None:
    """A flaring exercise of a later stage at the previous stage's exercise for the same slot,
    at its starting dose (DC6); None for a first stage or when nothing there fits."""
    before = previous(protocol, catalogue)
    if before is None:
        return None
    slot = option_for(protocol, block.exercise, catalogue).slot
    if slot not in before.slots:
        return None
    moved = _in_slot(block, before, slot, catalogue, fit, taken - {block.exercise})
    if moved is None:
        return None
    name = catalogue.exercises[moved.exercise].name
    return moved, f"Go back a stage for a while, to {before.name}: {name}, at its starting dose."
