"""Force results in the log: MVC tests and %MVC holds, stored as outcome scores."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from isohold.domain.errors import InputError
from isohold.domain.ids import new_uuid
from isohold.services.context import Context, require_person
from isohold.storage.models import OutcomeScore

MVC = "mvc-test"
HOLD = "pct-mvc-hold"


def save_mvc(ctx: Context, efforts_n: list[float], exercise: str | None = None) -> float:
    """The best of the efforts is the MVC (newtons); all efforts are kept in the detail."""
    if not efforts_n or max(efforts_n) <= 0:
        raise InputError("efforts", "no effort above zero was recorded")
    best = max(efforts_n)
    with ctx.db.transaction() as s:
        person = require_person(s)
        s.add(OutcomeScore(uuid=new_uuid(), person_id=person.id, measure=MVC, score=best,
                           detail={"efforts_n": efforts_n, "exercise": exercise},
                           recorded_at=ctx.now()))  # fmt: skip
    return best


def latest_mvc(ctx: Context, exercise: str | None = None) -> float | None:
    with ctx.db.reading() as s:
        person = require_person(s)
        rows = s.scalars(
            select(OutcomeScore)
            .where(OutcomeScore.person_id == person.id, OutcomeScore.measure == MVC)
            .order_by(OutcomeScore.recorded_at.desc(), OutcomeScore.id.desc())
        ).all()
    for row in rows:
        if exercise is None or (row.detail or {}).get("exercise") == exercise:
            return float(row.score)
    return None


def save_hold(ctx: Context, summary: dict[str, Any]) -> None:
    """A guided %MVC hold: time in band, mean %MVC, steadiness (CV)."""
    with ctx.db.transaction() as s:
        person = require_person(s)
        s.add(OutcomeScore(uuid=new_uuid(), person_id=person.id, measure=HOLD,
                           score=float(summary["time_in_band_s"]), detail=summary,
                           recorded_at=ctx.now()))  # fmt: skip
