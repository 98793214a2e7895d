"""The coach's full-screen view: exercise, phase, a large countdown and a progress bar."""

from __future__ import annotations

from typing import Any

from rich.align import Align
from rich.console import Group
from rich.panel import Panel
from rich.progress_bar import ProgressBar
from rich.text import Text

from isohold.domain.describe import phase_word
from isohold.domain.schedule import Phase

#: 5-row block digits so the countdown can be read from across a room.
_DIGITS = {
    "0": ["███", "█ █", "█ █", "█ █", "███"],
    "1": [" █ ", "██ ", " █ ", " █ ", "███"],
    "2": ["███", "  █", "███", "█  ", "███"],
    "3": ["███", "  █", "███", "  █", "███"],
    "4": ["█ █", "█ █", "███", "  █", "  █"],
    "5": ["███", "█  ", "███", "  █", "███"],
    "6": ["███", "█  ", "███", "█ █", "███"],
    "7": ["███", "  █", "  █", "  █", "  █"],
    "8": ["███", "█ █", "███", "█ █", "███"],
    "9": ["███", "█ █", "███", "  █", "███"],
    ":": ["   ", " █ ", "   ", " █ ", "   "],
}
_STYLE = {"ready": "bold yellow", "hold": "bold green", "rest": "bold cyan"}


def big(text: str) -> str:
    rows = ["", "", "", "", ""]
    for ch in text:
        glyph = _DIGITS.get(ch, ["   "] * 5)
        for i in range(5):
            rows[i] += glyph[i] + " "
    return "\n".join(rows)


def clock_text(seconds: float) -> str:
    whole = int(seconds + 0.999)
    return f"{whole // 60}:{whole % 60:02d}" if whole >= 60 else str(whole)


def render(
    name: str,
    phase: Phase,
    remaining_s: float,
    *,
    cue: str,
    exercise_no: int,
    exercises: int,
    paused: bool,
    kind: str = "isometric",
) -> Any:
    side = "" if phase.side == "both" else f" · {phase.side.upper()} side"
    counters = f"Set {phase.set_number}/{phase.sets} · Rep {phase.rep}/{phase.reps}{side}"
    title = "PAUSED" if paused else phase_word(phase.kind, kind).upper()
    done = 1 - remaining_s / phase.duration_s if phase.duration_s else 1.0
    body = Group(
        Align.center(Text(f"{name}  ({exercise_no}/{exercises})", style="bold")),
        Align.center(Text(counters)),
        Text(""),
        Align.center(Text(title, style=_STYLE[phase.kind])),
        Align.center(Text(big(clock_text(remaining_s)), style=_STYLE[phase.kind])),
        Text(""),
        ProgressBar(total=1.0, completed=max(0.0, min(1.0, done))),
        Text(""),
        Align.center(Text(cue, style="italic")),
        Align.center(Text("space pause · s skip · q end and save", style="dim")),
    )
    return Panel(body, border_style=_STYLE[phase.kind])
