"""The JSON documents the CLI (`--format json`) and the API share for today, history and
statistics: one shape, built in one place."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from isohold.domain.day_gate import DayGate, LeftOut
from isohold.services import today as today_service
from isohold.services.context import Context
from isohold.services.history import SessionLine
from isohold.services.stats import Stats
from isohold.services.today import Computed, Today


def plain(value: Any) -> Any:
    """Dates and times as ISO text, tuples as lists: ready for json.dumps."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def today_document(view: Today) -> dict[str, Any]:
    return {
        "day": view.day.isoformat(),
        "plan_version": view.plan_version,
        "state": view.state,
        "session_due": view.session_due,
        "done_today": view.done_today,
        "sessions_this_week": view.sessions_this_week,
        "sessions_per_week": view.sessions_per_week,
        "checkin": None
        if view.checkin is None
        else {"pain": view.checkin[0], "stiffness": view.checkin[1]},
        "last_session": None
        if view.last_session_day is None
        else {
            "day": view.last_session_day.isoformat(),
            "max_pain_during": view.last_session_pain,
            "pain_next_morning": view.morning_after,
        },
        "interrupted_sessions": list(view.interrupted),
        "gate": gate_document(view.gate),
        "plan": view.plan.to_dict(),
        "plan_change": view.plan_change,
    }


def today_json(ctx: Context) -> bytes:
    """Today's document as JSON bytes (the API's answer), rendered once per computed view."""
    return _rendered(today_service.current(ctx))


def cached_today_json(ctx: Context) -> bytes | None:
    """Today's document when the view computed last still holds (one cheap read), else None:
    nothing is computed here, so the caller may run it where waiting is not allowed."""
    computed = today_service.cached(ctx)
    return None if computed is None else _rendered(computed)


def _rendered(computed: Computed) -> bytes:
    if computed.json is None:  # two threads may both render it: the same bytes
        computed.json = dumps_compact(today_document(computed.view))
    return computed.json


def dumps_compact(document: Any) -> bytes:
    """JSON as the web framework writes it (UTF-8, no spaces, no NaN)."""
    return json.dumps(document, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode(
        "utf-8"
    )


def gate_document(gate: DayGate) -> dict[str, Any]:
    return {
        "code": gate.code,
        "text": gate.text,
        "urgency": gate.urgency,
        "exercise_allowed": gate.exercise_allowed,
        "heavy_allowed": gate.heavy_allowed,
        "left_out": [
            {"exercise": x.exercise, "reason": x.reason, "text": x.text} for x in gate.left_out
        ],
    }


def left_out_document(ctx: Context, left: LeftOut) -> dict[str, Any]:
    ex = ctx.catalogue.exercises.get(left.exercise)
    return {
        "exercise": left.exercise,
        "name": ex.name if ex is not None else left.exercise,
        "reason": left.reason,
        "text": left.text,
    }


def history_document(lines: list[SessionLine]) -> dict[str, Any]:
    return {"sessions": [plain(asdict(line)) for line in lines]}


def stats_document(result: Stats) -> dict[str, Any]:
    return {
        "adherence_pct": round(result.adherence_pct, 1),
        "morning_pain_change": result.morning_pain_change,
        "meaningful_improvement": result.meaningful_improvement,
        "weeks": [
            {**plain(asdict(w)), "adherence_pct": round(w.adherence_pct, 1)} for w in result.weeks
        ],
        "doses": [plain(asdict(d)) for d in result.doses],
    }


def offline_stop_rules(limit: int) -> dict[str, Any]:
    """What the browser coach says when it cannot reach the server for a verdict: the same
    escalation texts, without the allowance for the person's usual pain (safer offline)."""
    from isohold.domain import escalation as e

    return {
        "severe_pain": e.SEVERE_PAIN,
        "severe": f"Pain this high during a hold is severe. The session stops here. {e.REASSESS} "
        f"{e.RED_FLAG_REMINDER}",
        "pain": e.STOP_PAIN.format(limit=limit),
        "warning": e.STOP_WARNING,
    }
