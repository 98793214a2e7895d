"""Weekly review by the pain-monitoring model (DESIGN.md contract 3).

For each exercise with responses this week (the worst response counts, see responses.py):
- stop: severe pain (escalation.py: 7/10 or more during or next morning, or next morning 3
  or more points above usual; DR12), pain during above 5/10 (unacceptable, T6.2) together
  with next-morning pain 2 or more points above usual (a meaningful rise, T9.1), or a needed
  regression has nowhere left to go (DR6). The exercise leaves the plan; a clinician should
  reassess it.
- regress: next-morning pain above usual, or pain during above the plan's limit and above the
  person's usual pain (T6.2, T6.6; DR13: pain is judged against the usual level). The dose
  eases one step (intensity, then reps, then hold), then the catalogue regression, then one
  set fewer (DR2). Knee pain in wall-squat blood-pressure training swaps to handgrip training
  instead (T2.7, T2.8).
- repeat: not every set completed (blood-pressure holds that could not be sustained drop to
  the protocol's fallback intensity instead, T2.7, T2.8), pain during in the acceptable zone,
  effort of 9/10 or more in a hold not meant to be maximal (DR13), no check-in the morning
  after it (nothing is known about how it settled), morning stiffness rising over the week
  (T6.5), blood pressure at or above the gate this week for holds that raise it (T8.20), or
  nothing left to progress within the protocol.
- progress: settled by next morning, all sets done, and pain during 3/10 or less, or below the
  usual level and within 5/10 (relief counts as a good response, DR13). Sets dropped by a
  regression come back first; then one step of hold time, reps or intensity, then the
  catalogue progression (DR2).
When the plan's pain limit was lowered for irritable pain (DR3) and the week settled (usual
pain below 7, nothing worse next morning, nothing eased off), the limit returns to 5/10.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from isohold.domain import escalation
from isohold.domain.capacity import Results
from isohold.domain.errors import InputError
from isohold.domain.messages import MessageBook
from isohold.domain.models import Catalogue, DoseLimits, Exercise, Protocol, ProtocolOption
from isohold.domain.pain import ACCEPTABLE_PAIN, SAFE_PAIN
from isohold.domain.plan import Block, Message, Plan, Program
from isohold.domain.responses import Response, summarise
from isohold.domain.restrictions import Restrictions, heavy_dose, restrictions_from_messages
from isohold.domain.review_stages import Fit, Move, back_a_stage, stage_moves
from isohold.domain.stages import restaged
from isohold.domain.substitution import option_for, started, substitute

REVIEW_SCHEMA = "isohold.review/1"
#: Above the acceptable zone, pain during exercise is unacceptable (T6.2).
UNACCEPTABLE_PAIN = ACCEPTABLE_PAIN
#: A next-morning rise of this many points is a meaningful change (T9.1; DR6).
MEANINGFUL_RISE = 2
#: Effort at or above this in a hold not meant to be maximal: do not add load (DR13).
NEAR_MAXIMAL_EFFORT = 9
#: Usual pain below this (not highly irritable, DR5) lets the pain limit return to 5/10.
SETTLED_BELOW = 7


@dataclass(frozen=True, slots=True)
class Week:
    """What the training log knows about the week beyond the responses (all optional)."""

    #: mean morning stiffness rose compared with the week before (T6.5)
    stiffness_rising: bool = False
    #: a resting reading this week at or above 160/100 without clearance (T8.20)
    bp_gated: bool = False
    #: the person's equipment (None: not known, as in `isohold review`)
    equipment: frozenset[str] | None = None
    #: what the person's health rules out (None: not known)
    limits: Restrictions | None = None
    #: exercises done at least once with a check-in the next morning (None: all known, as in
    #: `isohold review`, whose responses carry their next-morning pain)
    morning_known: frozenset[str] | None = None
    #: the latest capacity test results, for a stage's entry (None: none given)
    tests: Results | None = None


@dataclass(frozen=True, slots=True)
class Decision:
    exercise: str
    action: str
    reason: str
    before: Block
    after: Block | None
    #: settled and at the top of its range: the stage rules may move it on (not in the JSON)
    at_top: bool = False

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


def review(
    plan: Plan, responses: list[Response], catalogue: Catalogue, week: Week | None = None
) -> Review:
    """Apply one week's responses to a plan; returns the decisions and the next plan."""
    week = week or Week()
    if week.limits is None:  # only the plan is known: its own messages say what it left out
        week = replace(week, limits=restrictions_from_messages([m.code for m in plan.messages]))
    program = plan.program
    blocks = program.blocks if program is not None else ()
    contexts = [
        _Context(catalogue, b, i, {x.exercise for x in blocks}, week) for i, b in enumerate(blocks)
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
    worst = summarise(responses)
    limit = min(program.max_pain_during, UNACCEPTABLE_PAIN)
    decisions = [
        _decide(block, worst[block.exercise], limit, contexts[i])
        for i, block in enumerate(blocks)
        if block.exercise in worst
    ]
    moves, added = stage_moves(
        blocks,
        {d.exercise for d in decisions if d.at_top},
        worst,
        catalogue,
        week.tests,
        _fit(week),
    )
    decisions = [_moved(d, moves.get(d.exercise), worst[d.exercise]) for d in decisions]
    changed = {d.exercise: d.after for d in decisions}
    next_blocks = [changed.get(b.exercise, b) for b in blocks]
    next_program = replace(program, blocks=(*(b for b in next_blocks if b is not None), *added))
    next_plan = replace(plan, program=next_program)
    if added or any(
        d.after is not None and d.after.protocol != d.before.protocol for d in decisions
    ):
        next_plan = restaged(next_plan, catalogue)
    if _settled(program, list(worst.values()), decisions):
        next_plan = _raise_limit(next_plan, next_plan.program or next_program, catalogue)
    return Review(decisions=tuple(decisions), plan=next_plan)


def _fit(week: Week) -> Fit:
    return Fit(equipment=week.equipment, limits=week.limits)


def _moved(decision: Decision, move: Move | None, r: Response) -> Decision:
    """The decision with the stage rules applied to an exercise at the top of its range."""
    if move is None:
        return decision
    return replace(
        decision, action=move.action, reason=f"{_said(r)}: {move.words}", after=move.after
    )


def _settled(program: Program, week: list[Response], decisions: list[Decision]) -> bool:
    """A lowered pain limit may return to 5/10: usual pain is no longer high, nothing was worse
    next morning and nothing was eased off or stopped this week (DR13)."""
    return (
        program.max_pain_during < ACCEPTABLE_PAIN
        and bool(week)
        and all(r.baseline_pain < SETTLED_BELOW and r.morning_rise <= 0 for r in week)
        and all(d.action in ("progress", "repeat") for d in decisions)
    )


def _raise_limit(plan: Plan, program: Program, catalogue: Catalogue) -> Plan:
    book = MessageBook(catalogue)
    messages: list[Message] = []
    for m in plan.messages:
        if m.code == "high_irritability":
            continue
        if m.code == "stop_rules":
            m = book.get("stop_rules", max_pain=ACCEPTABLE_PAIN)
        messages.append(m)
    messages.insert(0, book.get("pain_limit_raised", max_pain=ACCEPTABLE_PAIN))
    return replace(
        plan,
        messages=tuple(messages),
        program=replace(program, max_pain_during=ACCEPTABLE_PAIN),
    )


class _Context:
    """Catalogue look-ups for one block: its protocol, option, limits and neighbours."""

    def __init__(
        self, catalogue: Catalogue, block: Block, index: int, taken: set[str], week: Week
    ) -> None:
        where = f"program.blocks[{index}]"
        protocol = catalogue.protocols.get(block.protocol)
        if protocol is None:
            raise InputError(f"{where}.protocol", f"unknown protocol {block.protocol!r}")
        exercise = catalogue.exercises.get(block.exercise)
        if exercise is None:
            raise InputError(f"{where}.exercise", f"unknown exercise {block.exercise!r}")
        self.catalogue = catalogue
        self.taken = taken
        self.week = week
        self.protocol: Protocol = protocol
        self.exercise: Exercise = exercise
        self.option: ProtocolOption = option_for(protocol, exercise.id, catalogue)

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
        limits = self.week.limits
        for ident in ids:
            other = self.catalogue.exercises[ident]
            if not other.fits(have) or ident in self.taken:
                continue
            if limits is not None and not limits.allows_exercise(other, start=False):
                continue
            swap = substitute(self.protocol, self.option, other)
            if swap is not None:
                return other, swap[0], swap[1]
        return None

    def raises_bp(self, block: Block) -> bool:
        """Blood-pressure training, heavy holds and deep knee holds raise blood pressure most."""
        return (
            self.protocol.blood_pressure
            or heavy_dose(block.intent, block.intensity_kind, block.intensity_value)
            or "deep_knee" in self.exercise.traits
        )

    def gentler_bp_training(self, block: Block) -> tuple[Block, str] | None:
        """Knee pain in wall-squat blood-pressure training: the first other blood-pressure
        protocol without deep knee holds the person can do (handgrip), at its starting dose
        (T2.7, T2.8): painful knees are a reason to change the mode, not to stop."""
        if not (self.protocol.blood_pressure and "deep_knee" in self.exercise.traits):
            return None
        gear = self.week.equipment
        others = sorted(
            (p for p in self.catalogue.protocols.values() if p.blood_pressure),
            key=lambda p: (p.preference, p.id),
        )
        for protocol in others:
            for option in protocol.options:
                ex = self.catalogue.exercises[option.exercise]
                if "deep_knee" in ex.traits or ex.id in self.taken:
                    continue
                limits = self.week.limits
                if limits is not None and not limits.allows_exercise(ex):
                    continue
                if gear is not None and not ex.fits(gear):
                    continue
                after = self.start((ex, option, option.evidence), block)
                needs = "" if gear is not None else " (it needs a grip dynamometer or force sensor)"
                return after.with_(protocol=protocol.id), (
                    "Painful knees are a reason to change how you train, not to stop: switch to "
                    f"{protocol.name.lower()}{needs}, which also lowered blood pressure in trials."
                )
        return None

    def start(self, found: tuple[Exercise, ProtocolOption, str], block: Block) -> Block:
        """The starting dose of `found`'s option on its exercise."""
        exercise, option, evidence = found
        return started(block, exercise, option, evidence, self.catalogue)


def _said(r: Response) -> str:
    return (
        f"Pain during was {r.pain_during}/10 and next morning {r.pain_next_morning}/10 "
        f"(usual {r.baseline_pain}/10)"
    )


def _decide(block: Block, r: Response, limit: int, ctx: _Context) -> Decision:
    said = _said(r)

    def decision(action: str, reason: str, after: Block | None, top: bool = False) -> Decision:
        return Decision(block.exercise, action, reason, block, after, top)

    usual = r.baseline_pain
    if escalation.severe_during(r.pain_during, usual) or escalation.severe_morning(
        r.pain_next_morning, usual
    ):
        return decision(
            "stop",
            f"{said}: that is severe. {escalation.REASSESS} {escalation.RED_FLAG_REMINDER}",
            None,
        )
    if r.pain_during > UNACCEPTABLE_PAIN and r.morning_rise >= MEANINGFUL_RISE:
        return decision(
            "stop",
            f"{said}: both too high. Stop this exercise and check with a clinician "
            "before going on.",
            None,
        )
    worse_during = r.pain_during > limit and r.pain_during > usual
    if worse_during or r.morning_rise > 0:
        why = (
            f"pain during was above your limit of {limit}/10"
            if worse_during
            else "pain was worse the next morning than usual"
        )
        swap = ctx.gentler_bp_training(block)
        if swap is not None:
            return decision("regress", f"{said}: {why}. {swap[1]}", swap[0])
        eased = _regress(block, ctx)
        if eased is None:
            return decision(
                "stop",
                f"{said}: {why}, and there is no easier version left. "
                "Stop this exercise and check with a clinician.",
                None,
            )
        after, change = eased
        return decision("regress", f"{said}: {why}. {change}", after)
    if r.completed_sets < block.sets:
        fallback = _fallback(block, ctx)
        if fallback is not None:
            return decision("regress", f"{said}, but {r.completed_sets} of {block.sets} sets "
                            f"were done. {fallback[1]}", fallback[0])  # fmt: skip
        return decision(
            "repeat",
            f"{said}, but {r.completed_sets} of {block.sets} sets were done: "
            "repeat this dose until every set feels manageable.",
            block,
        )
    held = _held_back(block, r, ctx)
    if held is not None:
        return decision("repeat", f"{said}. {held}", block)
    relief = r.pain_during < usual and r.pain_during <= ACCEPTABLE_PAIN
    if r.pain_during > SAFE_PAIN and not relief:
        return decision(
            "repeat",
            f"{said}: in the acceptable zone and settled overnight. Repeat this dose.",
            block,
        )
    how = (
        "eased below your usual pain and settled"
        if relief and r.pain_during > SAFE_PAIN
        else ("settled well")
    )
    raised = _progress(block, ctx)
    if raised is None:
        return decision(
            "repeat",
            f"{said}: {how}, and this exercise is at the top of its range. Keep it as it "
            "is, and ask a clinician about moving on to dynamic loading.",
            block,
            top=True,
        )
    after, change = raised
    return decision("progress", f"{said}: {how}. {change}", after)


def _held_back(block: Block, r: Response, ctx: _Context) -> str | None:
    """Why a settled week still does not add load, or None."""
    maximal = block.intent == "ballistic"
    if r.effort is not None and r.effort >= NEAR_MAXIMAL_EFFORT and not maximal:
        return (
            f"The effort was {r.effort}/10, close to all-out for a hold that should not be: "
            "repeat this dose until it feels more manageable."
        )
    known = ctx.week.morning_known
    if known is not None and block.exercise not in known:
        return (
            "No check-in was saved the morning after it, so the plan cannot tell whether it "
            "settled: the dose stays the same. Record how you feel each morning after training."
        )
    if ctx.week.stiffness_rising:
        return "Morning stiffness rose over the week, so the dose stays the same until it settles."
    if ctx.week.bp_gated and ctx.raises_bp(block):
        return (
            "A resting blood pressure this week was 160/100 or higher: no increase in holds "
            "that raise blood pressure until a clinician has cleared you."
        )
    return None


def _fallback(block: Block, ctx: _Context) -> tuple[Block, str] | None:
    """Blood-pressure holds that could not be sustained drop to the protocol's fallback
    intensity (T2.7: 15-20% MVC for handgrip; T2.8: a higher knee angle for wall squats)."""
    value = block.intensity_value
    target = ctx.option.fallback_intensity
    if not ctx.protocol.blood_pressure or value is None or target is None or value <= target:
        return None
    unit = _unit(block)
    return block.with_(intensity_value=target), (
        f"The holds could not be sustained, so the intensity comes down from {_num(value)}"
        f"{unit} to {_num(target)}{unit}, as the training guide advises."
    )


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
        if not _too_heavy(block, new_value, ctx):
            unit = _unit(block)
            return block.with_(intensity_value=new_value), (
                f"Intensity goes up from {_num(value)}{unit} to {_num(new_value)}{unit}."
            )
    harder = ctx.neighbour("up")
    if harder is None:
        return None
    return ctx.start(harder, block), f"Move on to a harder version: {harder[0].name}."


def _too_heavy(block: Block, value: float, ctx: _Context) -> bool:
    """A step up that would make the dose heavy when the person's health rules heavy loads out
    (blood pressure not known to be safe, pregnancy; restrictions.py)."""
    limits = ctx.week.limits
    heavy = heavy_dose(block.intent, block.intensity_kind, value)
    return limits is not None and limits.heavy and heavy


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
    back = back_a_stage(block, ctx.protocol, ctx.catalogue, _fit(ctx.week), ctx.taken)
    if back is not None:
        return back
    if block.sets > 1:
        sets = block.sets - 1
        return block.with_(sets=sets), f"Sets come down from {block.sets} to {sets}."
    return None
