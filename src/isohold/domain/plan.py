"""The plan document (DESIGN.md contract 2): value types, JSON rendering and parsing back."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from isohold.domain import vocabulary as v
from isohold.domain.errors import InputError

PLAN_SCHEMA = "isohold.plan/1"


@dataclass(frozen=True, slots=True)
class Block:
    exercise: str
    protocol: str
    sets: int
    reps: int
    hold_s: float
    rest_between_reps_s: float
    rest_s: float
    side: str
    intensity_kind: str
    intensity_value: float | None
    intent: str
    joint_angle_deg: float | None
    muscle_length: str | None
    sources: tuple[str, ...]
    evidence: str

    def with_(self, **changes: Any) -> Block:
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        return {
            "exercise": self.exercise,
            "protocol": self.protocol,
            "sets": self.sets,
            "reps": self.reps,
            "hold_s": _num(self.hold_s),
            "rest_between_reps_s": _num(self.rest_between_reps_s),
            "rest_s": _num(self.rest_s),
            "side": self.side,
            "intensity": {
                "kind": self.intensity_kind,
                "value": None if self.intensity_value is None else _num(self.intensity_value),
            },
            "intent": self.intent,
            "joint_angle_deg": None if self.joint_angle_deg is None else _num(self.joint_angle_deg),
            "muscle_length": self.muscle_length,
            "sources": list(self.sources),
            "evidence": self.evidence,
        }


@dataclass(frozen=True, slots=True)
class Message:
    level: str
    code: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"level": self.level, "code": self.code, "text": self.text}


@dataclass(frozen=True, slots=True)
class Microbreaks:
    interval_min: float
    duration_s: float
    exercises: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Program:
    weeks: int
    sessions_per_week: int
    blocks: tuple[Block, ...]
    tests: tuple[tuple[str, str], ...]
    microbreaks: Microbreaks | None
    max_pain_during: int
    next_morning_check: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {
            "weeks": self.weeks,
            "sessions_per_week": self.sessions_per_week,
            "blocks": [b.to_dict() for b in self.blocks],
            "tests": [{"test": t, "purpose": p} for t, p in self.tests],
            "microbreaks": None
            if self.microbreaks is None
            else {
                "interval_min": _num(self.microbreaks.interval_min),
                "duration_s": _num(self.microbreaks.duration_s),
                "exercises": list(self.microbreaks.exercises),
            },
            "monitoring": {
                "model": "pain-monitoring",
                "max_pain_during": self.max_pain_during,
                "next_morning_check": self.next_morning_check,
            },
        }


@dataclass(frozen=True, slots=True)
class Referral:
    urgency: str
    reasons: tuple[str, ...]
    message: str


@dataclass(frozen=True, slots=True)
class Plan:
    status: str
    referral: Referral | None
    messages: tuple[Message, ...]
    program: Program | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": PLAN_SCHEMA,
            "status": self.status,
            "referral": None
            if self.referral is None
            else {
                "urgency": self.referral.urgency,
                "reasons": list(self.referral.reasons),
                "message": self.referral.message,
            },
            "messages": [m.to_dict() for m in self.messages],
            "program": None if self.program is None else self.program.to_dict(),
        }


def _num(x: float) -> int | float:
    """Whole numbers print as integers (45, not 45.0); others keep their fraction."""
    return int(x) if float(x).is_integer() else x


# --- parsing a plan document back (for `review`) -------------------------------------------


def _get(obj: Mapping[str, Any], key: str, where: str) -> Any:
    if not isinstance(obj, Mapping):
        raise InputError(where, "must be an object")
    if key not in obj:
        raise InputError(f"{where}.{key}", "is missing")
    return obj[key]


#: no number in a plan comes near this (weeks, sets, seconds, % MVC, degrees)
MAX_PLAN_NUMBER = 100_000


def _number(obj: Mapping[str, Any], key: str, where: str, *, whole: bool = False) -> Any:
    value = _get(obj, key, where)
    ok = isinstance(value, int) if whole else isinstance(value, int | float)
    kind = "whole number" if whole else "number"
    if isinstance(value, bool) or not ok or not 0 <= value <= MAX_PLAN_NUMBER:  # NaN fails too
        raise InputError(
            f"{where}.{key}",
            f"must be a non-negative {kind} of at most {MAX_PLAN_NUMBER}, got {value!r:.40}",
        )
    return value


def _opt_number(obj: Mapping[str, Any], key: str, where: str) -> float | None:
    return None if _get(obj, key, where) is None else float(_number(obj, key, where))


def _enum(obj: Mapping[str, Any], key: str, where: str, allowed: tuple[str, ...]) -> str:
    value = _get(obj, key, where)
    if value not in allowed:
        raise InputError(
            f"{where}.{key}", f"unknown value {value!r}; allowed values: {', '.join(allowed)}"
        )
    return str(value)


_BLOCK_KEYS = frozenset(Block.__dataclass_fields__) - {"intensity_kind", "intensity_value"}


def block_from_dict(raw: Any, where: str) -> Block:
    if isinstance(raw, Mapping):
        extra = sorted(set(raw) - _BLOCK_KEYS - {"intensity"})
        if extra:
            raise InputError(f"{where}.{extra[0]}", "unknown field in a plan block")
    intensity = _get(raw, "intensity", where)
    iwhere = f"{where}.intensity"
    sources = _get(raw, "sources", where)
    if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
        raise InputError(f"{where}.sources", "must be a list of strings")
    length = _get(raw, "muscle_length", where)
    if length is not None and length not in v.MUSCLE_LENGTHS:
        raise InputError(
            f"{where}.muscle_length",
            f"unknown value {length!r}; allowed values: {', '.join(v.MUSCLE_LENGTHS)}",
        )
    exercise = _get(raw, "exercise", where)
    protocol = _get(raw, "protocol", where)
    if not isinstance(exercise, str) or not isinstance(protocol, str):
        raise InputError(f"{where}.exercise", "exercise and protocol must be catalogue ids")
    return Block(
        exercise=exercise,
        protocol=protocol,
        sets=_number(raw, "sets", where, whole=True),
        reps=_number(raw, "reps", where, whole=True),
        hold_s=float(_number(raw, "hold_s", where)),
        rest_between_reps_s=float(_number(raw, "rest_between_reps_s", where)),
        rest_s=float(_number(raw, "rest_s", where)),
        side=_enum(raw, "side", where, v.BLOCK_SIDES),
        intensity_kind=_enum(intensity, "kind", iwhere, v.INTENSITY_KINDS),
        intensity_value=_opt_number(intensity, "value", iwhere),
        intent=_enum(raw, "intent", where, v.INTENTS),
        joint_angle_deg=_opt_number(raw, "joint_angle_deg", where),
        muscle_length=length,
        sources=tuple(sources),
        evidence=_enum(raw, "evidence", where, v.EVIDENCE),
    )


def plan_from_dict(raw: Any) -> Plan:
    """Parse a contract-2 plan document; raises InputError naming the bad field."""
    if not isinstance(raw, Mapping):
        raise InputError("plan", "must be a JSON object (an isohold.plan/1 document)")
    if raw.get("schema") != PLAN_SCHEMA:
        raise InputError("schema", f"must be {PLAN_SCHEMA!r}, got {raw.get('schema')!r}")
    status = _enum(raw, "status", "plan", ("ok", "caution", "refer"))
    ref = _get(raw, "referral", "plan")
    referral = None
    if ref is not None:
        reasons = _get(ref, "reasons", "referral")
        if not isinstance(reasons, list):
            raise InputError("referral.reasons", "must be a list")
        referral = Referral(
            urgency=_enum(ref, "urgency", "referral", v.URGENCIES),
            reasons=tuple(str(r) for r in reasons),
            message=str(_get(ref, "message", "referral")),
        )
    raw_messages = _get(raw, "messages", "plan")
    if not isinstance(raw_messages, list):
        raise InputError("messages", "must be a list")
    messages = tuple(
        Message(
            level=_enum(m, "level", f"messages[{i}]", v.MESSAGE_LEVELS),
            code=str(_get(m, "code", f"messages[{i}]")),
            text=str(_get(m, "text", f"messages[{i}]")),
        )
        for i, m in enumerate(raw_messages)
    )
    prog = _get(raw, "program", "plan")
    return Plan(
        status=status,
        referral=referral,
        messages=messages,
        program=None if prog is None else _program_from_dict(prog),
    )


def _pain_limit(monitoring: Any) -> int:
    value = _number(monitoring, "max_pain_during", "program.monitoring", whole=True)
    if not 0 <= value <= 10:
        raise InputError("program.monitoring.max_pain_during", f"must be 0 to 10, got {value}")
    return int(value)


def _program_from_dict(raw: Any) -> Program:
    blocks = _get(raw, "blocks", "program")
    if not isinstance(blocks, list):
        raise InputError("program.blocks", "must be a list")
    seen: set[object] = set()
    for i, b in enumerate(blocks):
        name = b.get("exercise") if isinstance(b, Mapping) else None
        if name in seen:
            raise InputError(f"program.blocks[{i}].exercise", f"{name!r} appears twice in the plan")
        seen.add(name)
    tests = _get(raw, "tests", "program")
    if not isinstance(tests, list):
        raise InputError("program.tests", "must be a list")
    mb = _get(raw, "microbreaks", "program")
    monitoring = _get(raw, "monitoring", "program")
    return Program(
        weeks=_number(raw, "weeks", "program", whole=True),
        sessions_per_week=_number(raw, "sessions_per_week", "program", whole=True),
        blocks=tuple(block_from_dict(b, f"program.blocks[{i}]") for i, b in enumerate(blocks)),
        tests=tuple(
            (str(_get(t, "test", f"program.tests[{i}]")), str(_get(t, "purpose", "program.tests")))
            for i, t in enumerate(tests)
        ),
        microbreaks=None
        if mb is None
        else Microbreaks(
            interval_min=float(_number(mb, "interval_min", "program.microbreaks")),
            duration_s=float(_number(mb, "duration_s", "program.microbreaks")),
            exercises=tuple(_get(mb, "exercises", "program.microbreaks")),
        ),
        max_pain_during=_pain_limit(monitoring),
        next_morning_check=bool(_get(monitoring, "next_morning_check", "program.monitoring")),
    )
