"""Weekly review by the pain-monitoring model (DESIGN.md contract 3).

For each exercise with responses this week (the worst response counts, see responses.py):
- stop: pain during above 5/10 (unacceptable, T6.2) together with next-morning pain 2 or
  more points above usual (a meaningful rise, T9.1), or a needed regression has nowhere left
  to go (DR6). The exercise leaves the plan; see a clinician.
- regress: pain during above the plan's limit, or next-morning pain above usual (T6.2, T6.6).
  The dose eases one step (intensity, then reps, then hold), then the catalogue regression,
  then one set fewer (DR2).
- repeat: pain during in the acceptable zone (above 3), or not every set completed, or
  nothing left to progress within the protocol.
- progress: pain during 3/10 or less (safe zone), settled by next morning, all sets done.
  Sets dropped by a regression come back first; then one step of hold time, reps or
  intensity, then the catalogue progression (DR2).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from isohold.domain.errors import InputError
from isohold.domain.models import Catalogue, DoseLimits, Exercise, Protocol, ProtocolOption
from isohold.domain.pain import ACCEPTABLE_PAIN, SAFE_PAIN
from isohold.domain.plan import Block, Plan
from isohold.domain.responses import Response, summarise
from isohold.domain.substitution import substitute

REVIEW_SCHEMA = "isohold.review/1"
#: Above the acceptable zone, pain during exercise is unacceptable (T6.2).
UNACCEPTABLE_PAIN = ACCEPTABLE_PAIN
#: A next-morning rise of this many points is a meaningful change (T9.1; DR6).
MEANINGFUL_RISE = 2


@dataclass(frozen=True, slots=True)
class Decision:
    exercise: str
    action: str
    reason: str
    before: Block
    after: Block | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "exercise": self.exercise,
            "action": self.action,
            "reason": self.reason,
            "from": self.before.to_dict(),
            "to": None if self.after is None else self.after.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class Review:
    decisions: tuple[Decision, ...]
    plan: Plan

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": REVIEW_SCHEMA,
            "decisions": [d.to_dict() for d in self.decisions],
            "plan": self.plan.to_dict(),
        }


def review(plan: Plan, responses: list[Response], catalogue: Catalogue) -> Review:
    """Apply one week's responses to a plan; returns the decisions and the next plan."""
    program = plan.program
    blocks = program.blocks if program is not None else ()
    contexts = [
        _Context(catalogue, b, i, {x.exercise for x in blocks}) for i, b in enumerate(blocks)
    ]
    known = {b.exercise for b in blocks}
    for i, r in enumerate(responses):
        if r.exercise not in known:
            listed = ", ".join(sorted(known)) or "none (this plan has no program)"
            raise InputError(
                f"responses[{i}].exercise",
                f"{r.exercise!r} is not in the plan; plan exercises: {listed}",
            )
    if program is None:
        return Review(decisions=(), plan=plan)
    week = summarise(responses)
    limit = min(program.max_pain_during, UNACCEPTABLE_PAIN)
    decisions = []
    next_blocks = []
    for i, block in enumerate(blocks):
        response = week.get(block.exercise)
        if response is None:
            next_blocks.append(block)
            continue
        decision = _decide(block, response, limit, contexts[i])
        decisions.append(decision)
        if decision.after is not None:
            next_blocks.append(decision.after)
    next_plan = replace(plan, program=replace(program, blocks=tuple(next_blocks)))
    return Review(decisions=tuple(decisions), plan=next_plan)


class _Context:
    """Catalogue look-ups for one block: its protocol, option, limits and neighbours."""

    def __init__(self, catalogue: Catalogue, block: Block, index: int, taken: set[str]) -> None:
        where = f"program.blocks[{index}]"
        protocol = catalogue.protocols.get(block.protocol)
        if protocol is None:
            raise InputError(f"{where}.protocol", f"unknown protocol {block.protocol!r}")
        exercise = catalogue.exercises.get(block.exercise)
        if exercise is None:
            raise InputError(f"{where}.exercise", f"unknown exercise {block.exercise!r}")
        self.catalogue = catalogue
        self.taken = taken
        self.protocol: Protocol = protocol
        self.exercise: Exercise = exercise
        self.option: ProtocolOption = _option_for(protocol, exercise.id, catalogue)

    @property
    def limits(self) -> DoseLimits:
        return self.option.limits

    def neighbour(self, direction: str) -> tuple[Exercise, ProtocolOption, str] | None:
        """The first progression (or regression) needing no equipment beyond the current one
        whose dose carries over (substitution.py), with the option and evidence to use."""
        ids = self.exercise.progressions if direction == "up" else self.exercise.regressions
        have = (
            frozenset().union(*self.exercise.equipment) if self.exercise.equipment else frozenset()
        )
        for ident in ids:
            other = self.catalogue.exercises[ident]
            if not other.fits(have) or ident in self.taken:
                continue
            swap = substitute(self.protocol, self.option, other)
            if swap is not None:
                return other, swap[0], swap[1]
        return None

    def start(self, found: tuple[Exercise, ProtocolOption, str], block: Block) -> Block:
        """The starting dose of `found`'s option on its exercise."""
        exercise, option, evidence = found
        dose = option.dose
        side = block.side
        if exercise.unilateral and side == "both":
            side = "each"
        elif not exercise.unilateral and side != "both":
            side = "both"
        return block.with_(
            exercise=exercise.id,
            sets=dose.sets,
            reps=dose.reps,
            hold_s=dose.hold_s,
            rest_between_reps_s=dose.rest_between_reps_s,
            rest_s=dose.rest_s,
            intensity_kind=dose.intensity.kind,
            intensity_value=dose.intensity.value,
            intent=dose.intent,
            joint_angle_deg=dose.joint_angle_deg,
            muscle_length=exercise.muscle_length,
            side=side,
            sources=tuple(self.catalogue.refs([*option.sources, *exercise.sources])),
            evidence=evidence,
        )


def _option_for(protocol: Protocol, exercise_id: str, catalogue: Catalogue) -> ProtocolOption:
    """The option whose exercise is this one or reaches it through progressions/regressions."""
    for option in protocol.options:
        if option.exercise == exercise_id:
            return option
    for option in protocol.options:
        if exercise_id in _reachable(option.exercise, catalogue):
            return option
    return protocol.options[0]


def _reachable(start: str, catalogue: Catalogue) -> set[str]:
    seen = {start}
    todo = [start]
    while todo:
        ex = catalogue.exercises[todo.pop()]
        for nxt in (*ex.progressions, *ex.regressions):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def _decide(block: Block, r: Response, limit: int, ctx: _Context) -> Decision:
    said = (
        f"Pain during was {r.pain_during}/10 and next morning {r.pain_next_morning}/10 "
        f"(usual {r.baseline_pain}/10)"
    )
    if r.pain_during > UNACCEPTABLE_PAIN and r.morning_rise >= MEANINGFUL_RISE:
        return Decision(
            block.exercise,
            "stop",
            f"{said}: both too high. Stop this exercise and check with a clinician "
            "before going on.",
            block,
            None,
        )
    if r.pain_during > limit or r.morning_rise > 0:
        why = (
            f"pain during was above your limit of {limit}/10"
            if r.pain_during > limit
            else "pain was worse the next morning than usual"
        )
        eased = _regress(block, ctx)
        if eased is None:
            return Decision(
                block.exercise,
                "stop",
                f"{said}: {why}, and there is no easier version left. "
                "Stop this exercise and check with a clinician.",
                block,
                None,
            )
        after, change = eased
        return Decision(block.exercise, "regress", f"{said}: {why}. {change}", block, after)
    if r.completed_sets < block.sets:
        return Decision(
            block.exercise,
            "repeat",
            f"{said}, but {r.completed_sets} of {block.sets} sets were done: "
            "repeat this dose until every set feels manageable.",
            block,
            block,
        )
    if r.pain_during > SAFE_PAIN:
        return Decision(
            block.exercise,
            "repeat",
            f"{said}: in the acceptable zone and settled overnight. Repeat this dose.",
            block,
            block,
        )
    raised = _progress(block, ctx)
    if raised is None:
        return Decision(
            block.exercise,
            "repeat",
            f"{said}: settled well, and this exercise is at the top of its range. Keep it as it "
            "is, and ask a clinician about moving on to dynamic loading.",
            block,
            block,
        )
    after, change = raised
    return Decision(block.exercise, "progress", f"{said}: settled well. {change}", block, after)


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _unit(block: Block) -> str:
    return {"pct_mvc": "% MVC", "pct_hr_peak": "% of peak heart rate", "effort": "/10 effort"}.get(
        block.intensity_kind, ""
    )


def _progress(block: Block, ctx: _Context) -> tuple[Block, str] | None:
    lim = ctx.limits
    if block.sets < ctx.option.dose.sets:
        sets = block.sets + 1
        return block.with_(sets=sets), f"Sets go back up from {block.sets} to {sets}."
    if lim.hold_s_step and block.hold_s < lim.hold_s_max:
        new = min(block.hold_s + lim.hold_s_step, lim.hold_s_max)
        return block.with_(
            hold_s=new
        ), f"Hold time goes up from {_num(block.hold_s)} s to {_num(new)} s."
    if lim.reps_step and block.reps < lim.reps_max:
        new_reps = min(block.reps + lim.reps_step, lim.reps_max)
        return block.with_(reps=new_reps), f"Reps go up from {block.reps} to {new_reps}."
    value = block.intensity_value
    top = lim.intensity_max
    if lim.intensity_step and value is not None and top is not None and value < top:
        new_value = min(value + lim.intensity_step, top)
        unit = _unit(block)
        return block.with_(intensity_value=new_value), (
            f"Intensity goes up from {_num(value)}{unit} to {_num(new_value)}{unit}."
        )
    harder = ctx.neighbour("up")
    if harder is None:
        return None
    return ctx.start(harder, block), f"Move on to a harder version: {harder[0].name}."


def _regress(block: Block, ctx: _Context) -> tuple[Block, str] | None:
    lim = ctx.limits
    value = block.intensity_value
    bottom = lim.intensity_min
    if lim.intensity_step and value is not None and bottom is not None and value > bottom:
        new_value = max(value - lim.intensity_step, bottom)
        unit = _unit(block)
        return block.with_(intensity_value=new_value), (
            f"Intensity comes down from {_num(value)}{unit} to {_num(new_value)}{unit}."
        )
    if lim.reps_step and block.reps > lim.reps_min:
        new_reps = max(block.reps - lim.reps_step, lim.reps_min)
        return block.with_(reps=new_reps), f"Reps come down from {block.reps} to {new_reps}."
    if lim.hold_s_step and block.hold_s > lim.hold_s_min:
        new = max(block.hold_s - lim.hold_s_step, lim.hold_s_min)
        return block.with_(
            hold_s=new
        ), f"Hold time comes down from {_num(block.hold_s)} s to {_num(new)} s."
    easier = ctx.neighbour("down")
    if easier is not None:
        return ctx.start(easier, block), f"Switch to an easier version: {easier[0].name}."
    if block.sets > 1:
        sets = block.sets - 1
        return block.with_(sets=sets), f"Sets come down from {block.sets} to {sets}."
    return None
