"""Desk breaks in the terminal: the break is offered with a bell, then guided full screen with
the session coach's timer, view and cues, and pain is asked at the end."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from isohold.cli.coach.cues import Cues
from isohold.cli.coach.keys import Keys
from isohold.cli.coach.timer import PhaseTimer
from isohold.cli.coach.view import render
from isohold.cli.prompts import Asker
from isohold.domain.desk_break import BreakHold
from isohold.domain.pain import ACCEPTABLE_PAIN
from isohold.domain.record_rules import SCORE
from isohold.domain.schedule import GET_READY_S, Phase
from isohold.services.desk_breaks import DeskStatus
from isohold.services.desk_runner import Guided

_TICK_S = 0.05
PAIN_HIGH = (
    "That was above {limit}/10. Leave the break holds for today; the weekly review will ease "
    "them. If the pain does not settle by tomorrow, or keeps coming back, see a physiotherapist "
    "or doctor."
)


def break_phases(holds: tuple[BreakHold, ...]) -> list[Phase]:
    out = []
    for h in holds:
        for side in ("left", "right") if h.side == "each" else ("both",):
            out.append(Phase("ready", GET_READY_S, h.exercise, 1, 1, side, 1, 1))
            out.append(Phase("hold", h.hold_s, h.exercise, 1, 1, side, 1, 1, ends_set=True))
    return out


class TerminalScreen:
    def __init__(self, con: Any, cues: Cues, *, scale: float = 1.0, answer_s: float = 600.0):
        self.con = con
        self.cues = cues
        self.scale = scale
        self.answer_s = answer_s
        self.keys = Keys()
        self.ask = Asker(con)

    async def offer(self, st: DeskStatus) -> str:
        return await asyncio.to_thread(self._offer, st)

    def _offer(self, st: DeskStatus) -> str:
        kind = "A longer desk break" if st.long else "Time for a desk break"
        self.con.rule(f"{kind} · {st.length_s:g} s")
        for h in st.holds:
            side = ", each side" if h.side == "each" else ""
            effort = f" at {h.effort:g}/10 effort" if h.effort is not None else ""
            self.con.print(f"  [bold]{h.name}[/]: {h.hold_s:g} s{side}{effort}")
        self.con.print("  Breathe normally and keep it comfortable. Stop if it hurts.")
        self.cues.say("Time for a break")
        if not self.keys_ready():
            answer = self.ask.choice("Start (Enter), skip (s) or snooze 5 minutes (z)",
                                     {"": "start", "s": "skip", "z": "snooze"})  # fmt: skip
            return answer
        self.con.print("[dim]Enter start · s skip · z snooze 5 min[/]")
        with self.keys.raw() as keys:
            key = keys.read(self.answer_s)
        return {None: "ignored", "s": "skip", "z": "snooze"}.get(
            key.lower() if key else None, "start"
        )

    def keys_ready(self) -> bool:
        import sys

        return sys.stdin.isatty()

    async def guide(self, st: DeskStatus) -> Guided:
        return await asyncio.to_thread(self._guide, st)

    def _guide(self, st: DeskStatus) -> Guided:
        from rich.live import Live

        todo = break_phases(st.holds)
        names = {h.exercise: h for h in st.holds}
        order = list(names)
        timer = PhaseTimer([p.duration_s for p in todo], scale=self.scale)
        announced = -1
        with self.keys.raw() as keys, Live(console=self.con, auto_refresh=False) as live:
            timer.start()
            while (i := timer.index()) < len(todo):
                if announced < i:
                    announced = i
                    self.cues.say({"ready": "Get ready", "hold": "Hold"}[todo[i].kind])
                phase = todo[i]
                hold = names[phase.exercise]
                cue = hold.cues[0] if hold.cues and phase.kind == "hold" else "Breathe normally"
                live.update(render(hold.name, phase, timer.remaining_s(i), cue=cue,
                                   exercise_no=order.index(phase.exercise) + 1,
                                   exercises=len(order), paused=timer.paused),
                            refresh=True)  # fmt: skip
                wait = min(_TICK_S, max(0.0, timer.end_of(i) - timer.now()))
                key = keys.read(wait) if keys.active else None
                if key is None:
                    if not keys.active:
                        time.sleep(wait)
                elif key == " ":
                    timer.toggle()
                elif key.lower() == "s":
                    timer.skip()
                elif key.lower() == "q":
                    return Guided(done=False)
        self.cues.say("Release")
        pain = self.ask.number("Pain during the break, 0 (none) to 10 (worst)", *SCORE)
        if pain is not None and pain > ACCEPTABLE_PAIN:
            self.con.print(f"[yellow]{PAIN_HIGH.format(limit=ACCEPTABLE_PAIN)}[/]")
        else:
            self.con.print("[green]Break done. Back to work.[/]")
        return Guided(done=True, pain=pain)

    async def notice(self, text: str) -> None:
        self.con.print(f"[yellow]{text}[/]")
