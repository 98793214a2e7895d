"""The log as a FHIR R4 Bundle (type `collection`), built from plain values and validated with
the `fhir.resources` models (its R4B package: for the resources used here, Patient, CarePlan,
Observation and Bundle, R4B is the same as R4).

- Patient: pseudonymous by default: an identifier that is isohold's random id for the person,
  nothing else; a name only when asked for.
- CarePlan: the current plan, following the HL7 Physical Activity implementation guide where it
  fits (category PhysicalActivity, intent `plan`, status `active`, a period). One activity a
  block: SNOMED CT 229065009 "Exercise therapy" with isohold's exercise id as a second coding,
  `scheduledTiming` for the sessions a week over the program's weeks, the dose in words as
  `description`, and the dose as numbers in one extension (`DOSE_URL`) in the manner of a
  Dosage: sets, repetitions, the hold and both rests in seconds (UCUM `s`), the intensity
  (UCUM `%` of MVC or of peak heart rate, `{score}` for effort on 0-10) and the side.
- Observations: pain on the 0-10 numeric rating scale (LOINC 72514-3, `{score}`) during
  exercise and on waking; resting blood pressure (panel LOINC 85354-9 with systolic 8480-6 and
  diastolic 8462-4 in `mm[Hg]`, and heart rate 8867-4 in `/min` when measured); MVC force in
  newtons (UCUM `N`; no LOINC code exists for it, so isohold's own code); and each session's
  length (LOINC 55411-3 "Exercise duration", `min`), as the Physical Activity guide records it.

- Outcome measures (PSFS, VISA-A and VISA-P totals, single-leg heel rises, hop distance,
  decline-squat pain): an Observation a result, coded with isohold's own code (the catalogue
  test id) and LOINC only where a code was verified for it (72514-3, a 0-10 pain rating, for the
  decline-squat pain); the side in `bodySite` (as text), each PSFS activity a component. No LOINC
  code was verified for the PSFS or the VISA questionnaires, and their items are not exported
  (isohold stores only the totals of questionnaires it may not reproduce).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from html import escape
from typing import Any

LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"
UCUM = "http://unitsofmeasure.org"
#: the system of an identifier that is a URI (here a urn:uuid)
URI_ID = "urn:ietf:rfc:3986"
OBS_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
PA_CODES = "http://hl7.org/fhir/us/physical-activity/CodeSystem/pa-temporary-codes"
#: isohold's own identifiers, codes and extension
ISOHOLD = "http://isohold.org/fhir"
PERSON_ID = f"{ISOHOLD}/person"
EXERCISES = f"{ISOHOLD}/CodeSystem/exercise"
OBSERVATIONS = f"{ISOHOLD}/CodeSystem/observation"
DOSE_URL = f"{ISOHOLD}/StructureDefinition/isometric-dose"

PAIN = "72514-3"
BP_PANEL, SYSTOLIC, DIASTOLIC, HEART_RATE = "85354-9", "8480-6", "8462-4", "8867-4"
EXERCISE_DURATION = "55411-3"
MMHG, PER_MIN = "mm[Hg]", "/min"


@dataclass(frozen=True)
class Activity:
    exercise: str  # catalogue id
    name: str
    dose_text: str
    sets: int
    reps: int
    hold_s: float
    rest_between_reps_s: float
    rest_s: float
    side: str
    intensity_kind: str
    intensity_value: float | None


@dataclass(frozen=True)
class CarePlanData:
    version: int
    created_at: datetime
    weeks: int
    sessions_per_week: int
    activities: tuple[Activity, ...]


@dataclass(frozen=True)
class PainReading:
    uuid: str
    at: datetime | date
    score: int
    on_waking: bool  # False: during exercise
    exercise: str | None = None  # the exercise's name, during exercise


@dataclass(frozen=True)
class BpReading:
    uuid: str
    at: datetime
    systolic: int
    diastolic: int
    pulse: int | None = None


@dataclass(frozen=True)
class MvcReading:
    uuid: str
    at: datetime
    newtons: float
    exercise: str | None = None


@dataclass(frozen=True)
class OutcomeReading:
    uuid: str
    at: datetime
    measure: str  # the catalogue test id
    name: str
    score: float
    unit: str  # as isohold prints it: "/10", "/100", "rises", "cm"
    questionnaire: bool  # a reported score (survey) rather than a measured test (exam)
    side: str | None = None
    loinc: str | None = None  # only a verified code
    by: str = "person"
    activities: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True)
class SessionLength:
    uuid: str
    started_at: datetime
    ended_at: datetime


@dataclass(frozen=True)
class BundleData:
    person: str  # isohold's random id for the person (a pseudonym)
    generated_at: datetime
    name: str | None = None
    plan: CarePlanData | None = None
    pain: tuple[PainReading, ...] = ()
    bp: tuple[BpReading, ...] = ()
    mvc: tuple[MvcReading, ...] = ()
    sessions: tuple[SessionLength, ...] = ()
    outcomes: tuple[OutcomeReading, ...] = ()


def when(at: datetime | date) -> str:
    """A FHIR dateTime: a date, or a time with the computer's UTC offset for a local time."""
    if isinstance(at, datetime):
        aware = at if at.tzinfo is not None else at.astimezone()
        return aware.isoformat(timespec="seconds")
    return at.isoformat()


def _coding(system: str, code: str, display: str) -> dict[str, Any]:
    return {"system": system, "code": code, "display": display}


def _quantity(value: float, unit: str, code: str) -> dict[str, Any]:
    return {"value": _number(value), "unit": unit, "system": UCUM, "code": code}


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else round(float(value), 3)


def _text(summary: str) -> dict[str, str]:
    """A generated narrative (what a person would read)."""
    div = f'<div xmlns="http://www.w3.org/1999/xhtml"><p>{escape(summary)}</p></div>'
    return {"status": "generated", "div": div}


def _category(code: str, display: str) -> list[dict[str, Any]]:
    return [{"coding": [_coding(OBS_CATEGORY, code, display)]}]


def _entry(resource: dict[str, Any]) -> dict[str, Any]:
    return {"fullUrl": f"urn:uuid:{resource['id']}", "resource": resource}


def patient(data: BundleData) -> dict[str, Any]:
    out: dict[str, Any] = {
        "resourceType": "Patient", "id": data.person,
        "text": _text(data.name or "A person using isohold (pseudonymous)"),
        "identifier": [{"system": PERSON_ID, "value": data.person}],
    }  # fmt: skip
    if data.name:
        out["name"] = [{"text": data.name}]
    return out


def _dose_extension(a: Activity) -> dict[str, Any]:
    parts: list[dict[str, Any]] = [
        {"url": "sets", "valueInteger": a.sets},
        {"url": "repetitions", "valueInteger": a.reps},
        {"url": "hold", "valueQuantity": _quantity(a.hold_s, "s", "s")},
        {"url": "restBetweenRepetitions",
         "valueQuantity": _quantity(a.rest_between_reps_s, "s", "s")},
        {"url": "restBetweenSets", "valueQuantity": _quantity(a.rest_s, "s", "s")},
        {"url": "side", "valueCode": a.side},
        {"url": "intensityKind", "valueCode": a.intensity_kind},
    ]  # fmt: skip
    if a.intensity_value is not None:
        units = {"pct_mvc": ("% of MVC", "%"), "pct_hr_peak": ("% of peak heart rate", "%"),
                 "effort": ("effort 0-10", "{score}")}  # fmt: skip
        unit, code = units.get(a.intensity_kind, ("", "1"))
        value = _quantity(a.intensity_value, unit, code)
        parts.append({"url": "intensity", "valueQuantity": value})
    return {"url": DOSE_URL, "extension": parts}


def care_plan(data: BundleData, plan: CarePlanData) -> dict[str, Any]:
    start = plan.created_at
    end = start + timedelta(weeks=plan.weeks)
    activities = []
    for a in plan.activities:
        activities.append({"detail": {
            "extension": [_dose_extension(a)],
            "kind": "ServiceRequest",
            "code": {"coding": [_coding(SNOMED, "229065009", "Exercise therapy"),
                                _coding(EXERCISES, a.exercise, a.name)], "text": a.name},
            "status": "scheduled",
            "scheduledTiming": {"repeat": {
                "boundsDuration": {"value": plan.weeks, "unit": "wk", "system": UCUM, "code": "wk"},
                "frequency": plan.sessions_per_week, "period": 1, "periodUnit": "wk",
            }},
            "description": f"{a.name}: {a.dose_text}",
        }})  # fmt: skip
    names = "; ".join(f"{a.name}: {a.dose_text}" for a in plan.activities)
    return {
        "resourceType": "CarePlan", "id": _uuid_for(data.person, f"careplan-{plan.version}"),
        "text": _text(f"isohold plan version {plan.version}: {names}"),
        "identifier": [{"system": f"{ISOHOLD}/plan-version", "value": str(plan.version)}],
        "status": "active", "intent": "plan",
        "category": [{"coding": [_coding(PA_CODES, "PhysicalActivity", "Physical Activity")]}],
        "title": f"Isometric exercise plan (isohold plan version {plan.version})",
        "subject": {"reference": f"urn:uuid:{data.person}"},
        "period": {"start": when(start), "end": when(end)},
        "created": when(start),
        "activity": activities,
    }  # fmt: skip


def _uuid_for(person: str, what: str) -> str:
    """A stable UUID for a resource isohold stores without one (the plan version)."""
    import uuid

    return str(uuid.uuid5(uuid.UUID(person), what))


def _observation(data: BundleData, uuid: str, summary: str, **fields: Any) -> dict[str, Any]:
    return {"resourceType": "Observation", "id": uuid, "text": _text(summary),
            "identifier": [{"system": URI_ID, "value": f"urn:uuid:{uuid}"}],
            "status": "final", **fields,
            "subject": {"reference": f"urn:uuid:{data.person}"}}  # fmt: skip


def pain_observation(data: BundleData, p: PainReading) -> dict[str, Any]:
    local = ("pain-on-waking", "Pain on waking") if p.on_waking else (
        "pain-during-exercise", "Pain during exercise")  # fmt: skip
    out = _observation(
        data, p.uuid, f"{local[1]}: {p.score}/10" + (f" ({p.exercise})" if p.exercise else ""),
        category=_category("survey", "Survey"),
        code={"coding": [_coding(LOINC, PAIN, "Pain severity - 0-10 verbal numeric rating "
                                              "[Score] - Reported"),
                         _coding(OBSERVATIONS, *local)], "text": f"{local[1]} (0-10)"},
        effectiveDateTime=when(p.at),
        valueQuantity=_quantity(p.score, "{score}", "{score}"),
    )  # fmt: skip
    if p.exercise:
        out["note"] = [{"text": f"During {p.exercise}"}]
    return out


def bp_observation(data: BundleData, b: BpReading) -> dict[str, Any]:
    components = [
        {"code": {"coding": [_coding(LOINC, SYSTOLIC, "Systolic blood pressure")]},
         "valueQuantity": _quantity(b.systolic, "mmHg", MMHG)},
        {"code": {"coding": [_coding(LOINC, DIASTOLIC, "Diastolic blood pressure")]},
         "valueQuantity": _quantity(b.diastolic, "mmHg", MMHG)},
    ]  # fmt: skip
    if b.pulse is not None:
        rate = _quantity(b.pulse, "beats/minute", PER_MIN)
        components.append({"code": {"coding": [_coding(LOINC, HEART_RATE, "Heart rate")]},
                           "valueQuantity": rate})  # fmt: skip
    return _observation(
        data, b.uuid, f"Resting blood pressure {b.systolic}/{b.diastolic} mmHg",
        category=_category("vital-signs", "Vital Signs"),
        code={"coding": [_coding(LOINC, BP_PANEL, "Blood pressure panel with all children "
                                                  "optional")], "text": "Blood pressure"},
        effectiveDateTime=when(b.at), component=components,
    )  # fmt: skip


def mvc_observation(data: BundleData, m: MvcReading) -> dict[str, Any]:
    out = _observation(
        data, m.uuid, f"Maximal voluntary isometric contraction: {_number(m.newtons)} N",
        category=_category("exam", "Exam"),
        code={"coding": [_coding(OBSERVATIONS, "mvc-force", "Maximal voluntary isometric "
                                                          "contraction force")],
              "text": "Maximal voluntary isometric contraction (MVC) force"},
        effectiveDateTime=when(m.at), valueQuantity=_quantity(m.newtons, "N", "N"),
    )  # fmt: skip
    if m.exercise:
        out["note"] = [{"text": f"Measured in {m.exercise}"}]
    return out


#: UCUM for the units isohold prints: scores are {score}, counts {count}
_OUTCOME_UNITS = {"cm": ("cm", "cm"), "rises": ("rises", "{count}")}


def _unit_text(unit: str) -> str:
    return unit if unit.startswith("/") else f" {unit}"


def outcome_observation(data: BundleData, o: OutcomeReading) -> dict[str, Any]:
    unit, code = _OUTCOME_UNITS.get(o.unit, ("score", "{score}"))
    codes = [_coding(LOINC, o.loinc, "Pain severity - 0-10 verbal numeric rating [Score] - "
                     "Reported")] if o.loinc == PAIN else []  # fmt: skip
    codes.append(_coding(OBSERVATIONS, o.measure, o.name))
    side = f", {o.side} side" if o.side else ""
    out = _observation(
        data, o.uuid, f"{o.name}{side}: {_number(o.score)}{_unit_text(o.unit)}",
        category=_category("survey", "Survey") if o.questionnaire else _category("exam", "Exam"),
        code={"coding": codes, "text": o.name},
        effectiveDateTime=when(o.at), valueQuantity=_quantity(o.score, unit, code),
    )  # fmt: skip
    if o.side:
        out["bodySite"] = {"text": f"{o.side.capitalize()} lower limb"}
    if o.activities:
        out["component"] = [
            {"code": {"coding": [_coding(OBSERVATIONS, "psfs-activity", "PSFS activity")],
                      "text": name},
             "valueQuantity": _quantity(rating, "score", "{score}")}
            for name, rating in o.activities
        ]  # fmt: skip
    if o.by == "clinician":
        out["note"] = [{"text": "Entered by a clinician"}]
    return out


def session_observation(data: BundleData, s: SessionLength) -> dict[str, Any]:
    minutes = max(0.0, (s.ended_at - s.started_at).total_seconds() / 60)
    return _observation(
        data, s.uuid, f"Isometric exercise session of {minutes:.1f} minutes",
        category=[{"coding": [_coding(OBS_CATEGORY, "activity", "Activity")]},
                  {"coding": [_coding(PA_CODES, "PhysicalActivity", "Physical Activity")]}],
        code={"coding": [_coding(LOINC, EXERCISE_DURATION, "Exercise duration")],
              "text": "Exercise session duration"},
        effectivePeriod={"start": when(s.started_at), "end": when(s.ended_at)},
        valueQuantity=_quantity(round(minutes, 2), "min", "min"),
    )  # fmt: skip


def bundle(data: BundleData) -> dict[str, Any]:
    """The Bundle as JSON-ready values; every resource is validated (ValueError if not)."""
    resources = [patient(data)]
    if data.plan is not None:
        resources.append(care_plan(data, data.plan))
    resources += [pain_observation(data, p) for p in data.pain]
    resources += [bp_observation(data, b) for b in data.bp]
    resources += [mvc_observation(data, m) for m in data.mvc]
    resources += [session_observation(data, s) for s in data.sessions]
    resources += [outcome_observation(data, o) for o in data.outcomes]
    document = {
        "resourceType": "Bundle", "id": _uuid_for(data.person, f"bundle-{when(data.generated_at)}"),
        "meta": {"lastUpdated": when(data.generated_at)},
        "type": "collection", "timestamp": when(data.generated_at),
        "entry": [_entry(r) for r in resources],
    }  # fmt: skip
    validate(document)
    return document


def validate(document: dict[str, Any]) -> None:
    """Check a Bundle and every resource in it against the FHIR models."""
    from fhir.resources.R4B.bundle import Bundle

    Bundle.model_validate(document)
