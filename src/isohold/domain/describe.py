"""Plain-words descriptions of plan values, shared by the terminal and the web pages."""

from __future__ import annotations

from isohold.domain.plan import Block
from isohold.domain.vocabulary import MOVING


def num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def intensity(block: Block) -> str:
    value = block.intensity_value
    if block.intensity_kind == "bodyweight" or value is None:
        return "body weight"
    if block.intensity_kind == "pct_mvc":
        return f"{num(value)}% of your maximum"
    if block.intensity_kind == "pct_hr_peak":
        return f"{num(value)}% of peak heart rate"
    return f"effort {num(value)}/10"


def dose(block: Block, kind: str = "isometric") -> str:
    """Sets, reps and hold time; for an exercise that moves (`kind` isotonic or plyometric),
    sets and reps with the time of one repetition."""
    parts = [f"{block.sets} set{'s' if block.sets != 1 else ''}"]
    if kind in MOVING:
        parts.append(f"{block.reps} reps of about {num(block.hold_s)} s each")
        return " × ".join(parts)
    if block.reps != 1:
        parts.append(f"{block.reps} reps")
    parts.append(f"{num(block.hold_s)} s hold")
    return " × ".join(parts)


def phase_word(phase_kind: str, kind: str = "isometric") -> str:
    """What the coach calls a phase: a repetition of an exercise that moves is not a hold."""
    if phase_kind == "hold" and kind in MOVING:
        return "Move"
    return {"ready": "Get ready", "hold": "Hold", "rest": "Rest"}[phase_kind]


def rest(block: Block) -> str:
    out = []
    if block.reps > 1 and block.rest_between_reps_s:
        out.append(f"{num(block.rest_between_reps_s)} s between reps")
    if block.sets > 1 and block.rest_s:
        out.append(f"{num(block.rest_s)} s between sets")
    return ", ".join(out) or "-"


def side(block: Block) -> str:
    return {"each": "each side", "both": "both sides together"}.get(
        block.side, f"{block.side} side"
    )
