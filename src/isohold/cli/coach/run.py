"""The guided session loop: phases on a drift-free timer, each set saved the moment it ends,
pain and effort asked after each exercise, stop rules applied, interruptions kept as partial."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from isohold.cli.coach.cues import Cues
from isohold.cli.coach.keys import Keys
from isohold.cli.coach.timer import PhaseTimer
from isohold.cli.coach.view import render
from isohold.cli.prompts import Asker
from isohold.domain.describe import phase_word
from isohold.domain.ids import new_uuid
from isohold.domain.plan import Block
from isohold.domain.record_rules import SCORE
from isohold.domain.schedule import Phase, phases
from isohold.services import sessions
from isohold.services.context import Context

_TICK_S = 0.05


def time_scale() -> float:
    """ISOHOLD_TIME_SCALE from the settings (a bad value is an error naming it)."""
    from isohold.cli.settings import current

    return current().time_scale


@dataclass
class Outcome:
    status: str = "complete"  # complete | partial | stopped | interrupted (left to resume)
    message: str = ""
    sets_saved: int = 0
    skipped: list[str] = field(default_factory=list)


class Coach:
    def __init__(self, ctx: Context, con: Any, cues: Cues, *, scale: float | None = None) -> None:
        self.ctx = ctx
        self.con = con
        self.cues = cues
        self.scale = time_scale() if scale is None else scale
        self.ask = Asker(con)
        self.keys = Keys()

    def run(self, state: sessions.SessionState, skip: frozenset[str] = frozenset()) -> Outcome:
        """Guide every block not in `skip` (e.g. BP training on a day the gate says no)."""
        outcome = Outcome(skipped=sorted(skip))
        program = state.plan.program
        blocks = program.blocks if program is not None else ()
        try:
            for number, block in enumerate(blocks, 1):
                if block.exercise in skip:
                    continue
                todo = [p for p in phases(block) if not self._done(p, state)]
                if not any(p.kind == "hold" for p in todo):
                    continue
                quit_now = self._exercise(state, block, todo, number, len(blocks), outcome)
                if quit_now:
                    outcome.status = "partial"
                    outcome.message = "Session ended early; every completed set is saved."
                    break
                if block.exercise not in state.reported and self._check(state, block, outcome):
                    break
        except KeyboardInterrupt:  # left open, like a closed terminal: `isohold session` resumes
            outcome.status = "interrupted"
            outcome.message = (
                "Every completed set is saved; `isohold session` offers to resume where you "
                "stopped."
            )
            return outcome
        sessions.finish(self.ctx, state.uuid, outcome.status, note=outcome.message or None)
        return outcome

    @staticmethod
    def _done(phase: Phase, state: sessions.SessionState) -> bool:
        return (phase.exercise, phase.set_number, phase.side) in state.done

    def _intro(self, block: Block, number: int, total: int) -> None:
        ex = self.ctx.catalogue.exercises.get(block.exercise)
        self.con.rule(f"Exercise {number} of {total}")
        if ex is None:
            self.con.print(f"[bold]{block.exercise}[/]")
            return
        self.con.print(f"[bold]{ex.name}[/]")
        for i, step in enumerate(ex.steps, 1):
            self.con.print(f"  {i}. {step}")
        for cue in ex.cues:
            self.con.print(f"  [italic]• {cue}[/]")

    def _exercise(
        self,
        state: sessions.SessionState,
        block: Block,
        todo: list[Phase],
        number: int,
        total: int,
        outcome: Outcome,
    ) -> bool:
        """Run one block's phases; returns True when the person chose to end the session."""
        from rich.live import Live

        self._intro(block, number, total)
        ex = self.ctx.catalogue.exercises.get(block.exercise)
        name = ex.name if ex else block.exercise
        kind = ex.kind if ex else "isometric"
        cues = ex.cues if ex else ()
        timer = PhaseTimer([p.duration_s for p in todo], scale=self.scale)
        holds: dict[tuple[int, str], list[float]] = {}
        announced = -1
        with self.keys.raw() as keys, Live(console=self.con, auto_refresh=False) as live:
            timer.start()
            while True:
                i = timer.index()
                while announced < i:
                    if announced >= 0:
                        self._phase_ended(
                            state, block, todo[announced], timer, announced, holds, outcome
                        )
                    announced += 1
                    if announced < len(todo):
                        self._announce(todo[announced])
                if i >= len(todo):
                    return False
                phase = todo[i]
                cue = cues[(phase.rep - 1) % len(cues)] if cues and phase.kind == "hold" else ""
                live.update(
                    render(name, phase, timer.remaining_s(i), cue=cue, exercise_no=number,
                           exercises=total, paused=timer.paused, kind=kind),
                    refresh=True,
                )  # fmt: skip
                # wake at the phase's absolute end (or the next screen tick, if sooner)
                wait = min(_TICK_S, max(0.0, timer.end_of(i) - timer.now()))
                key = keys.read(wait) if keys.active else None
                if key is None:
                    if not keys.active:
                        time.sleep(wait)
                    continue
                if key == " ":
                    timer.toggle()
                elif key.lower() == "s":
                    timer.skip()
                elif key.lower() == "q":
                    self._phase_ended(state, block, phase, timer, i, holds, outcome, partial=True)
                    return True

    def _announce(self, phase: Phase) -> None:
        ex = self.ctx.catalogue.exercises.get(phase.exercise)
        words = phase_word(phase.kind, ex.kind if ex is not None else "isometric")
        if phase.kind == "ready" and phase.side != "both":
            words = f"Get ready, {phase.side} side"
        self.cues.say(words)

    def _phase_ended(
        self,
        state: sessions.SessionState,
        block: Block,
        phase: Phase,
        timer: PhaseTimer,
        index: int,
        holds: dict[tuple[int, str], list[float]],
        outcome: Outcome,
        *,
        partial: bool = False,
    ) -> None:
        key = (phase.set_number, phase.side)
        if phase.kind == "hold":
            holds.setdefault(key, []).append(round(timer.elapsed_s(index), 1))
        if (phase.kind == "hold" and phase.ends_set) or (partial and key in holds):
            achieved = holds.pop(key)
            sessions.record_set(
                self.ctx,
                state.uuid,
                sessions.SetDone(
                    exercise=block.exercise,
                    set_number=phase.set_number,
                    side=phase.side,
                    reps_done=len(achieved),
                    hold_s=round(sum(achieved) / len(achieved), 1),
                    uuid=new_uuid(),
                    load_value=block.intensity_value,
                ),
            )
            outcome.sets_saved += 1

    def _check(self, state: sessions.SessionState, block: Block, outcome: Outcome) -> bool:
        """Pain and effort after an exercise; True when a stop rule ends the session."""
        self.con.print()
        pain = self.ask.number("Pain during that exercise, 0 (none) to 10 (worst)", *SCORE)
        effort = self.ask.number("How hard was it, 0 (rest) to 10 (maximal)", *SCORE)
        assert pain is not None
        warning = self.ask.yes_no(
            "Any chest pain, dizziness, new numbness or unusual breathlessness?", default=False
        )
        reported = sessions.report_exercise(
            self.ctx, state.uuid, block.exercise, pain, effort, warning=warning
        )
        if reported.verdict.stops:
            outcome.status, outcome.message = "stopped", reported.verdict.text
            return True
        return False
