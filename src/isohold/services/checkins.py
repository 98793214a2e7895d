"""Morning check-ins and blood-pressure readings (with the gate of reference row T8.20)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from isohold.domain.errors import InputError
from isohold.domain.home_bp import POSITIONS, READING_FLAGS, HomeWeek, gate_high
from isohold.domain.ids import check_uuid
from isohold.domain.profile import BloodPressure, parse_profile
from isohold.domain.screening import (
    BP_GATE_DIASTOLIC,
    BP_GATE_SYSTOLIC,
    BP_REFER_DIASTOLIC,
    BP_REFER_SYSTOLIC,
)
from isohold.services.context import Context, require_person
from isohold.storage import checkins as store
from isohold.storage import people


def checkin(
    ctx: Context, pain: int, stiffness: int, day: date | None = None, uuid: str | None = None
) -> bool:
    """Record this morning's pain and stiffness (0-10). False when this UUID was saved before."""
    for name, value in (("pain", pain), ("stiffness", stiffness)):
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
            raise InputError(name, f"must be a whole number from 0 to 10, got {value!r}")
    now = ctx.now()
    with ctx.db.transaction() as s:
        person = require_person(s)
        _, created = store.add_checkin(
            s, person, check_uuid(uuid), day or now.date(), pain, stiffness, now
        )
        return created


def morning_advice(ctx: Context, day: date | None = None) -> str | None:
    """Advice when the day's morning check-in shows a severe flare (escalation rules, DR12):
    7/10 or more, or 3 or more points above the person's usual morning pain."""
    from isohold.domain.escalation import morning_advice as advise
    from isohold.services.progress import baseline_pain
    from isohold.storage import plans

    day = day or ctx.now().date()
    with ctx.db.reading() as s:
        person = require_person(s)
        marks = store.checkins_between(s, person, day, day)
        version = plans.current_plan(s, person)
        if not marks or version is None:
            return None
        usual = baseline_pain(s, person, version)
    return advise(marks[-1].pain, usual)


#: the longest device name a reading keeps
DEVICE_CHARS = 80


@dataclass(frozen=True)
class BpVerdict:
    """What a resting reading means for today's blood-pressure training (T8.20)."""

    code: str  # ok | no_bp_training | no_exercise | measure_first
    text: str


def parse_bp(text: str) -> BloodPressure:
    parts = text.replace(" ", "").split("/")
    # ASCII digits only: "²".isdigit() is true but int() refuses it; three digits at most
    if len(parts) != 2 or not all(p.isascii() and p.isdigit() and len(p) <= 3 for p in parts):
        raise InputError("reading", f"{text!r:.40} must look like 128/82 (systolic/diastolic mmHg)")
    systolic, diastolic = int(parts[0]), int(parts[1])
    if not (60 <= systolic <= 300 and 30 <= diastolic <= 200 and diastolic < systolic):
        raise InputError("reading", f"{text} is not a plausible resting blood pressure")
    return BloodPressure(systolic, diastolic)


def verdict(bp: BloodPressure | None, cleared: bool, home: HomeWeek | None = None) -> BpVerdict:
    """What a reading means for today, with the latest home week's average (day_gate.py
    applies the same rules to the day's plan)."""
    if bp is None:
        return BpVerdict(
            "measure_first",
            "Measure your resting blood pressure (seated, after 5 minutes' rest) before "
            "blood-pressure training.",
        )
    if bp.systolic >= BP_REFER_SYSTOLIC or bp.diastolic >= BP_REFER_DIASTOLIC:
        return BpVerdict(
            "no_exercise",
            f"{bp} is very high: no exercise today. See a doctor today; call an ambulance with "
            "chest pain, severe headache, weakness, or trouble speaking or seeing.",
        )
    if (bp.systolic >= BP_GATE_SYSTOLIC or bp.diastolic >= BP_GATE_DIASTOLIC) and not cleared:
        return BpVerdict(
            "no_bp_training",
            f"{bp} is at or above 160/100: skip blood-pressure training and heavy holds until a "
            "clinician has cleared you.",
        )
    if gate_high(home) and not cleared:
        assert home is not None
        return BpVerdict(
            "no_bp_training",
            f"{bp} today, but your home average for {home.label()} is {home.average_text()}, "
            "at or above 145/90 (the home level of 160/100 in a clinic): skip blood-pressure "
            "training and heavy holds until a clinician has cleared you.",
        )
    return BpVerdict("ok", f"{bp}: fine for today's session.")


def record_bp(
    ctx: Context,
    reading: BloodPressure,
    pulse: int | None = None,
    uuid: str | None = None,
    measured_at: datetime | None = None,
    *,
    device: str | None = None,
    position: str | None = None,
    flags: tuple[str, ...] = (),
) -> tuple[bool, BpVerdict]:
    """Save a reading (its time, the cuff that took it and the position) and say what it
    means for today, the home average included."""
    from isohold.services.home_bp import latest_week

    if pulse is not None and not 25 <= pulse <= 250:
        raise InputError("pulse", f"must be from 25 to 250 beats a minute, got {pulse}")
    if position is not None and position not in POSITIONS:
        raise InputError("position", f"unknown value {position!r:.20}; allowed values: "
                                     f"{', '.join(POSITIONS)}")  # fmt: skip
    if any(f not in READING_FLAGS for f in flags):
        raise InputError("flags", f"allowed values: {', '.join(READING_FLAGS)}")
    if device is not None and not 0 < len(device) <= DEVICE_CHARS:
        raise InputError("device", f"must be 1-{DEVICE_CHARS} characters")
    now = ctx.now()
    when = measured_at or now
    if when > now + timedelta(days=1):
        raise InputError("measured_at", "is more than a day in the future")
    with ctx.db.transaction() as s:
        person = require_person(s)
        _, created = store.add_bp(
            s, person, check_uuid(uuid), when, reading.systolic, reading.diastolic, pulse,
            device=device, position=position, flags=list(flags) or None,
        )  # fmt: skip
        profile = people.latest_profile(s, person)
        cleared = bool(profile and parse_profile(profile.data).bp_cleared)
    return created, verdict(reading, cleared, latest_week(ctx))


def bp_history(ctx: Context, days: int = 90) -> list[tuple[datetime, int, int]]:
    """Readings of the last `days` days, oldest first: (when, systolic, diastolic)."""
    now = ctx.now()
    with ctx.db.reading() as s:
        person = require_person(s)
        rows = store.bp_between(s, person, now - timedelta(days=days), now)
        return [(r.measured_at, r.systolic, r.diastolic) for r in rows]
