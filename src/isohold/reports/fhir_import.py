"""Blood-pressure readings from a FHIR R4 Bundle another app wrote (or isohold's own export).

The Bundle must validate with the `fhir.resources` models. Then every Observation in it must be
one isohold understands, or the whole Bundle is refused with an error naming the resource and
the field:

- a blood-pressure panel (LOINC 85354-9) with exactly one systolic (8480-6) and one diastolic
  (8462-4) component in UCUM `mm[Hg]`, and optionally a heart rate (8867-4) in `/min`: imported;
- an Observation isohold writes itself (pain 72514-3, exercise duration 55411-3, isohold's MVC
  code): recognised and left out (isohold keeps those in its own backup);
- anything else (another code, another unit, a component isohold does not know): refused.

Only final, amended or corrected results are readings; entered-in-error and cancelled ones are
left out. The time is `effectiveDateTime` (or the start of `effectivePeriod`) with a time of
day. Each reading keeps a stable UUID: the `urn:uuid` identifier when there is one, else one
derived from the resource, so importing the same Bundle twice stores each reading once.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from isohold.domain.errors import InputError
from isohold.reports.fhir import (
    BP_PANEL,
    DIASTOLIC,
    EXERCISE_DURATION,
    HEART_RATE,
    LOINC,
    MMHG,
    OBSERVATIONS,
    PAIN,
    PER_MIN,
    SYSTOLIC,
    UCUM,
    URI_ID,
)

READINGS = ("final", "amended", "corrected")
NOT_READINGS = ("entered-in-error", "cancelled")
#: Observations isohold exports and does not import from FHIR
KNOWN_OTHERS = {(LOINC, PAIN), (LOINC, EXERCISE_DURATION), (OBSERVATIONS, "mvc-force")}
#: where a derived UUID lives (uuid5 of the resource's own id or full URL)
NAMESPACE = uuid.UUID("5d0f3c3e-9c4e-4d43-a5b6-3f0a9d1b7e21")


@dataclass(frozen=True)
class ImportedReading:
    uuid: str
    measured_at: datetime  # with its UTC offset
    systolic: int
    diastolic: int
    pulse: int | None
    where: str  # "Observation/abc" for messages


@dataclass(frozen=True)
class BpImport:
    readings: tuple[ImportedReading, ...]
    left_out: int  # other Observations isohold recognised and did not import


def _codes(concept: Any) -> set[tuple[str, str]]:
    if not isinstance(concept, dict):
        return set()
    return {(str(c.get("system", "")), str(c.get("code", "")))
            for c in concept.get("coding", []) if isinstance(c, dict)}  # fmt: skip


def _fail(where: str, field: str, reason: str) -> InputError:
    return InputError(f"{where} {field}", reason)


def read_bp_bundle(document: Any) -> BpImport:
    """The blood-pressure readings of a Bundle; raises InputError naming resource and field."""
    if not isinstance(document, dict) or document.get("resourceType") != "Bundle":
        raise InputError("resourceType", "a FHIR import must be a Bundle resource")
    _validate(document)
    readings: list[ImportedReading] = []
    left_out = 0
    for i, entry in enumerate(document.get("entry") or []):
        resource = entry.get("resource") if isinstance(entry, dict) else None
        if not isinstance(resource, dict) or resource.get("resourceType") != "Observation":
            continue
        where = f"Bundle.entry[{i}] Observation/{resource.get('id', '?')}"
        codes = _codes(resource.get("code"))
        if (LOINC, BP_PANEL) not in codes:
            if codes & KNOWN_OTHERS or any(system == OBSERVATIONS for system, _c in codes):
                left_out += 1
                continue
            found = ", ".join(sorted(f"{s or '(no system)'}|{c}" for s, c in codes)) or "none"
            raise _fail(where, "code", f"is {found}; isohold imports blood-pressure panels "
                        f"(LOINC {BP_PANEL} in {LOINC}) only")  # fmt: skip
        status = resource.get("status")
        if status in NOT_READINGS:
            left_out += 1
            continue
        if status not in READINGS:
            raise _fail(where, "status", f"is {status!r}; a reading must be one of "
                        f"{', '.join(READINGS)}")  # fmt: skip
        readings.append(_reading(resource, entry, where))
    return BpImport(tuple(readings), left_out)


def _validate(document: dict[str, Any]) -> None:
    from fhir.resources.R4B.bundle import Bundle
    from pydantic import ValidationError

    try:
        Bundle.model_validate(document)
    except ValidationError as exc:
        first = exc.errors()[0]
        path = ".".join(str(p) for p in first.get("loc", ()))
        reason = f"not valid FHIR R4: {first.get('msg')}"
        raise InputError(f"Bundle {path}".strip(), reason) from None
    except (ValueError, TypeError) as exc:
        raise InputError("Bundle", f"not valid FHIR R4: {exc}") from None


def _reading(resource: dict[str, Any], entry: dict[str, Any], where: str) -> ImportedReading:
    values: dict[str, float] = {}
    for k, component in enumerate(resource.get("component") or []):
        field = f"component[{k}]"
        codes = _codes(component.get("code"))
        wanted = {(LOINC, SYSTOLIC): (SYSTOLIC, MMHG), (LOINC, DIASTOLIC): (DIASTOLIC, MMHG),
                  (LOINC, HEART_RATE): (HEART_RATE, PER_MIN)}  # fmt: skip
        match = [wanted[c] for c in codes if c in wanted]
        if len(match) != 1:
            found = ", ".join(sorted(f"{s}|{c}" for s, c in codes)) or "none"
            expected = (f"LOINC {SYSTOLIC} (systolic), {DIASTOLIC} (diastolic) or {HEART_RATE} "
                        "(heart rate)")  # fmt: skip
            raise _fail(where, f"{field}.code", f"is {found}; expected {expected}")
        code, unit = match[0]
        if code in values:
            raise _fail(where, f"{field}.code", f"LOINC {code} appears twice")
        quantity = component.get("valueQuantity")
        if not isinstance(quantity, dict) or quantity.get("value") is None:
            raise _fail(where, f"{field}.valueQuantity", "is missing: a reading needs a value")
        if quantity.get("system") != UCUM or quantity.get("code") != unit:
            given = f"{quantity.get('system')}|{quantity.get('code')}"
            raise _fail(
                where,
                f"{field}.valueQuantity",
                f"unit is {given}; expected UCUM {unit} ({UCUM}|{unit})",
            )
        values[code] = float(quantity["value"])
    for code, name in ((SYSTOLIC, "systolic"), (DIASTOLIC, "diastolic")):
        if code not in values:
            raise _fail(where, "component", f"has no {name} value (LOINC {code})")
    for code, name in ((SYSTOLIC, "systolic"), (DIASTOLIC, "diastolic"), (HEART_RATE, "pulse")):
        if code in values and not values[code].is_integer():
            raise _fail(where, "component", f"the {name} value {values[code]:g} is not whole")
    return ImportedReading(
        uuid=_uuid(resource, entry), measured_at=_time(resource, where),
        systolic=int(values[SYSTOLIC]), diastolic=int(values[DIASTOLIC]),
        pulse=int(values[HEART_RATE]) if HEART_RATE in values else None, where=where,
    )  # fmt: skip


def _time(resource: dict[str, Any], where: str) -> datetime:
    field, text = "effectiveDateTime", resource.get("effectiveDateTime")
    if text is None and isinstance(resource.get("effectivePeriod"), dict):
        field, text = "effectivePeriod.start", resource["effectivePeriod"].get("start")
    if not isinstance(text, str):
        raise _fail(where, "effectiveDateTime", "is missing: a reading needs its time")
    try:
        at = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise _fail(where, field, f"{text!r} needs a date and a time of day") from None
    if "T" not in text or at.tzinfo is None:
        raise _fail(where, field, f"{text!r} needs a time of day with its UTC offset")
    return at


def _uuid(resource: dict[str, Any], entry: dict[str, Any]) -> str:
    for ident in resource.get("identifier") or []:
        value = str(ident.get("value", "")) if isinstance(ident, dict) else ""
        if ident.get("system") == URI_ID and value.startswith("urn:uuid:"):
            try:
                return str(uuid.UUID(value.removeprefix("urn:uuid:")))
            except ValueError:
                break
    key = str(entry.get("fullUrl") or resource.get("id") or "")
    if not key:
        key = repr(sorted(resource.items()))
    return str(uuid.uuid5(NAMESPACE, key))
