"""History: past sessions with their sets and reports, newest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from isohold.services.context import Context, require_person
from isohold.storage import sessions as store


@dataclass(frozen=True)
class SetLine:
    exercise: str
    set_number: int
    side: str
    reps_done: int
    planned_reps: int
    hold_s: float
    planned_hold_s: float
    intensity_kind: str
    intensity_value: float | None
    load_value: float | None
    effort: int | None
    pain_during: int | None


@dataclass(frozen=True)
class SessionLine:
    uuid: str
    day: date
    status: str
    note: str | None
    sets: tuple[SetLine, ...]
    reports: tuple[tuple[str, int, int | None], ...]  # exercise, pain, effort


def history(ctx: Context, days: int = 30) -> list[SessionLine]:
    today = ctx.now().date()
    with ctx.db.reading() as s:
        person = require_person(s)
        out = []
        for t in reversed(store.sessions_between(s, person, today - timedelta(days=days), today)):
            sets = tuple(
                SetLine(
                    r.exercise,
                    r.set_number,
                    r.side,
                    r.reps_done,
                    r.planned_reps,
                    r.hold_s,
                    r.planned_hold_s,
                    r.intensity_kind,
                    r.intensity_value,
                    r.load_value,
                    r.effort,
                    r.pain_during,
                )
                for r in store.sets_of(s, t.id)
            )
            reports = tuple(
                (r.exercise, r.pain_during, r.effort) for r in store.reports_of(s, t.id)
            )
            out.append(SessionLine(t.uuid, t.day, t.status, t.note, sets, reports))
        return out
