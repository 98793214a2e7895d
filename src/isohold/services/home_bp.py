"""Home blood-pressure monitoring: the guided week, its averages, the change since the start and
the responder view (domain/home_bp.py), and readings from a Bluetooth cuff."""

from __future__ import annotations

import asyncio
import uuid as uuidlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from isohold.domain.errors import InputError, SensorError
from isohold.domain.home_bp import (
    CHANGE_ERROR_SYSTOLIC,
    HOME_GATE_DIASTOLIC,
    HOME_GATE_SYSTOLIC,
    SD_DIFFERENCE_SYSTOLIC,
    Change,
    HomeReading,
    HomeWeek,
    Responder,
    change_since_start,
    gate_high,
    guide,
    home_weeks,
    latest_complete,
    responder,
)
from isohold.domain.profile import BloodPressure, parse_profile
from isohold.services.context import Context, require_person
from isohold.storage import checkins, people
from isohold.storage.models import BloodPressureReading

#: a UUID namespace for readings from cuffs: a reading sent again is stored once
CUFF_NAMESPACE = uuidlib.UUID("6a3f5d2e-7c1b-4e8a-9f0d-2b4c6e8a1d3f")
#: what a flag a cuff reports means for the reading
FLAG_WORDS = {
    "body_movement": "you moved during the measurement",
    "cuff_loose": "the cuff was too loose",
    "position_improper": "the cuff was not at heart level",
    "irregular_pulse": "an irregular pulse",
    "pulse_above_range": "a pulse above the cuff's range",
    "pulse_below_range": "a pulse below the cuff's range",
}


def _home(rows: Sequence[BloodPressureReading]) -> list[HomeReading]:
    return [HomeReading(r.measured_at, r.systolic, r.diastolic, r.pulse, r.position) for r in rows]


def _readings(ctx: Context, until: datetime | None = None) -> list[HomeReading]:
    end = until or ctx.now()
    with ctx.db.reading() as s:
        return _home(checkins.bp_until(s, require_person(s), end))


def latest_of(rows: Sequence[BloodPressureReading]) -> HomeWeek | None:
    """The latest home week with enough readings, from stored readings (the day's gate)."""
    return latest_complete(home_weeks(_home(rows)))


def weeks(ctx: Context, until: datetime | None = None) -> tuple[HomeWeek, ...]:
    """The home weeks of the readings taken up to `until` (now)."""
    return home_weeks(_readings(ctx, until))


def latest_week(ctx: Context) -> HomeWeek | None:
    """The latest home week with enough readings to decide on (the day's gate uses it)."""
    return latest_complete(weeks(ctx))


@dataclass(frozen=True)
class HomeSummary:
    weeks: tuple[HomeWeek, ...]
    #: the week that is running today, if any
    current: HomeWeek | None
    latest: HomeWeek | None
    change: Change | None
    responder: Responder
    guide: str

    @property
    def gate_high(self) -> bool:
        return gate_high(self.latest)

    def to_dict(self) -> dict[str, Any]:
        return {
            "weeks": [w.to_dict() for w in self.weeks],
            "current": None if self.current is None else self.current.to_dict(),
            "latest": None if self.latest is None else self.latest.to_dict(),
            "home_gate": {
                "systolic": HOME_GATE_SYSTOLIC,
                "diastolic": HOME_GATE_DIASTOLIC,
                "at_or_above": self.gate_high,
            },
            "change": None if self.change is None else self.change.to_dict(),
            "measurement_error": measurement_error(),
            "responder": self.responder.to_dict(),
            "guide": self.guide,
        }


def measurement_error() -> dict[str, Any]:
    """The figure a change is judged against, with its source (rows BP5, DR20)."""
    return {
        "systolic_mmhg": CHANGE_ERROR_SYSTOLIC,
        "text": (
            f"Two home averages can differ by up to about {CHANGE_ERROR_SYSTOLIC} mmHg systolic "
            "without any real change: 1.96 x the standard deviation of the differences between "
            f"home measurements ({SD_DIFFERENCE_SYSTOLIC} mmHg) in 287 people on steady "
            "treatment (Asayama et al. 2021, J Hypertens, doi:10.1097/HJH.0000000000003026)."
        ),
        "rows": ["BP5", "DR20"],
    }


def summary(ctx: Context, until: datetime | None = None) -> HomeSummary:
    """The home weeks as they stood at `until` (now): what to do, the averages, the change
    since the start and the responder view."""
    now = until or ctx.now()
    found = weeks(ctx, now)
    current = found[-1] if found and not found[-1].over(now.date()) else None
    return HomeSummary(
        found,
        current,
        latest_complete(found),
        change_since_start(found),
        responder(found),
        guide(found, now),
    )


@dataclass(frozen=True)
class CuffResult:
    device: str
    saved: int
    repeated: int
    #: what the readings mean, and why any were refused
    notes: tuple[str, ...] = ()
    readings: tuple[dict[str, Any], ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        return {
            "device": self.device,
            "saved": self.saved,
            "repeated": self.repeated,
            "notes": list(self.notes),
            "readings": list(self.readings),
        }


def simulated_readings(ctx: Context) -> list[Any]:
    """What the simulated cuff has measured: one reading now, near the profile's resting blood
    pressure, with a small wobble from the minute so a week of readings is not flat."""
    from isohold.devices.blood_pressure.simulated import sample_reading

    now = ctx.now()
    with ctx.db.reading() as s:
        saved = people.latest_profile(s, require_person(s))
    rest = parse_profile(saved.data).resting_bp if saved is not None else None
    systolic, diastolic = (rest.systolic, rest.diastolic) if rest else (134, 84)
    wobble = (now.minute * 7 + now.day * 3) % 7 - 3
    return [sample_reading(now, systolic + wobble, diastolic + wobble // 2, 66 + wobble)]


def read_cuff(ctx: Context, kind: str = "simulated") -> CuffResult:
    """Connect to a cuff, save every reading it sends (a reading sent again is stored once),
    and say what they mean for today."""
    from isohold.devices.registry import UnknownDevice, open_cuff

    try:
        client = open_cuff(kind, simulated_readings(ctx) if kind == "simulated" else ())
    except UnknownDevice as error:
        raise InputError("device", str(error)) from None
    try:
        got = asyncio.run(client.read())
    except Exception as error:  # bleak and the OS raise many kinds; the person needs one
        raise SensorError(f"the {client.name} could not be read: {error}") from error
    return save_cuff_readings(ctx, client.name, got, list(client.refused))


def save_cuff_readings(ctx: Context, device: str, got: list[Any], refused: list[str]) -> CuffResult:
    """Store what a cuff sent (BloodPressureMeasurement values) with the device's name."""
    from isohold.services.checkins import parse_bp, record_bp

    now = ctx.now()
    saved = repeated = 0
    notes = [f"A reading was not saved: {why}." for why in refused]
    out: list[dict[str, Any]] = []
    for m in got:
        systolic, diastolic, _ = m.mmhg()
        sys_i, dia_i = round(systolic), round(diastolic)
        try:
            bp: BloodPressure = parse_bp(f"{sys_i}/{dia_i}")
        except InputError:
            notes.append(
                f"A reading of {sys_i}/{dia_i} mmHg is not a plausible resting blood "
                "pressure and was not saved; take it again."
            )
            continue
        pulse = round(m.pulse) if m.pulse is not None and 25 <= m.pulse <= 250 else None
        at: datetime = m.time if m.time is not None else now
        flags = tuple(m.status or ())
        key = f"{device}|{at.isoformat()}|{sys_i}|{dia_i}|{pulse}"
        created, verdict = record_bp(
            ctx,
            bp,
            pulse,
            str(uuidlib.uuid5(CUFF_NAMESPACE, key)),
            at,
            device=device,
            position="seated",
            flags=flags,
        )
        saved += created
        repeated += not created
        out.append(
            {
                "measured_at": at.isoformat(),
                "systolic": sys_i,
                "diastolic": dia_i,
                "pulse": pulse,
                "flags": list(flags),
                "saved": created,
                "verdict": {"code": verdict.code, "text": verdict.text},
            }
        )
        for flag in flags:
            if flag == "irregular_pulse":
                notes.append(
                    "The cuff noticed an irregular pulse. If it shows again, tell your "
                    "doctor: an irregular heartbeat needs checking."
                )
            elif flag in ("body_movement", "cuff_loose", "position_improper"):
                notes.append(
                    f"The cuff says {FLAG_WORDS[flag]}, so this reading may be off: "
                    "sit still with the cuff snug at heart level and take it again."
                )
    if not got and not refused:
        notes.append("The cuff sent no readings: take a reading, then connect again.")
    return CuffResult(device, saved, repeated, tuple(dict.fromkeys(notes)), tuple(out))


#: the most readings one import takes (a year of four a day, with room to spare)
MAX_IMPORT = 5000


def readings_from_csv(text: str) -> list[dict[str, Any]]:
    """Readings from CSV text with a header: measured_at, systolic, diastolic, pulse?,
    position?; empty cells are left out. import_readings checks them."""
    import csv
    import io

    rows = []
    for i, row in enumerate(csv.DictReader(io.StringIO(text))):
        if i >= MAX_IMPORT:
            raise InputError("readings", f"must be a list of 1-{MAX_IMPORT} readings")
        item: dict[str, Any] = {}
        for key, value in row.items():
            if key is None or value is None or not value.strip():
                continue
            value = value.strip()
            if key in ("systolic", "diastolic", "pulse"):
                if not value.isascii() or not value.isdigit() or len(value) > 3:
                    raise InputError(f"row {i + 2}: {key}", "must be a whole number")
                item[key] = int(value)
            else:
                item[key.strip()[:40]] = value
        rows.append(item)
    return rows


def import_readings(ctx: Context, items: Any, device: str | None = None) -> tuple[int, int]:
    """Save recorded readings (from a file or the API): [{"measured_at": ISO local time,
    "systolic", "diastolic", "pulse"?, "position"?, "uuid"?}]. Every item is checked before
    any is saved; an item sent again is stored once. Returns (saved, already saved)."""
    from isohold.services.checkins import parse_bp, record_bp

    if not isinstance(items, list) or not 1 <= len(items) <= MAX_IMPORT:
        raise InputError("readings", f"must be a list of 1-{MAX_IMPORT} readings")
    checked = []
    for i, item in enumerate(items):
        where = f"readings[{i}]"
        if not isinstance(item, dict) or not {"measured_at", "systolic", "diastolic"} <= set(item):
            raise InputError(where, "needs measured_at, systolic and diastolic")
        extra = set(item) - {"measured_at", "systolic", "diastolic", "pulse", "position", "uuid"}
        if extra:
            raise InputError(where, f"unknown field {sorted(extra)[0]!r:.40}")
        at = item["measured_at"]
        try:
            when = datetime.fromisoformat(at) if isinstance(at, str) and len(at) <= 40 else None
        except ValueError:
            when = None
        if when is None or when.tzinfo is not None:
            raise InputError(f"{where}.measured_at", "must be a local time like 2026-11-02T07:30")
        systolic, diastolic = item["systolic"], item["diastolic"]
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in (systolic, diastolic)):
            raise InputError(where, "systolic and diastolic must be whole numbers")
        try:
            bp = parse_bp(f"{systolic}/{diastolic}")
        except InputError as error:
            raise InputError(f"{where}.systolic", error.reason) from None
        pulse = item.get("pulse")
        if pulse is not None and (isinstance(pulse, bool) or not isinstance(pulse, int)):
            raise InputError(f"{where}.pulse", "must be a whole number")
        key = f"import|{when.isoformat()}|{systolic}|{diastolic}|{pulse}"
        uuid = item.get("uuid") or str(uuidlib.uuid5(CUFF_NAMESPACE, key))
        checked.append((bp, pulse, uuid, when.replace(microsecond=0), item.get("position")))
    saved = repeated = 0
    for bp, pulse, uuid, when, position in checked:
        created, _ = record_bp(ctx, bp, pulse, uuid, when, device=device, position=position)
        saved += created
        repeated += not created
    return saved, repeated
