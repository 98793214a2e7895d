"""A person on the blood-pressure program, and home weeks of readings recorded through the
services (two seated readings morning and evening for 7 days)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from isohold.domain.profile import BloodPressure
from isohold.services import checkins
from isohold.services.context import Context

HYPERTENSION: dict[str, Any] = {
    "age": 58, "conditions": ["hypertension"], "goals": ["blood_pressure"], "pain_now": 0,
    "irritability": "low", "resting_bp": {"systolic": 142, "diastolic": 88},
    "equipment": ["wall", "heart_rate_monitor"],
}  # fmt: skip


def home_week(ctx: Context, start: datetime, first: tuple[int, int], rest: tuple[int, int]) -> None:
    """A home week from `start`: `first` (systolic, diastolic) on its first day, `rest` after."""
    for d in range(7):
        s, di = first if d == 0 else rest
        for hour, minute in ((7, 0), (7, 2), (19, 0), (19, 2)):
            at = (start + timedelta(days=d)).replace(hour=hour, minute=minute)
            checkins.record_bp(ctx, BloodPressure(s, di), measured_at=at, position="seated")
