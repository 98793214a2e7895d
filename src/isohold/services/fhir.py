"""FHIR R4: the whole log as a Bundle (reports/fhir.py lays it out), and blood-pressure
readings imported from another app's Bundle (reports/fhir_import.py reads them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from isohold.domain import describe
from isohold.domain.errors import InputError
from isohold.domain.record_rules import DIASTOLIC, PULSE, SYSTOLIC
from isohold.reports import fhir
from isohold.reports.fhir_import import read_bp_bundle
from isohold.services import outcomes
from isohold.services.context import Context, require_person
from isohold.services.force import MVC
from isohold.storage import checkins, plans
from isohold.storage import reports as queries
from isohold.storage.sessions import sessions_between

EVER = (date(1900, 1, 1), date(9999, 12, 31))
#: the same plausibility limits as `isohold bp add` (services/checkins.py)


def export_bundle(ctx: Context, name: str | None = None) -> dict[str, Any]:
    """Everything FHIR can say about the log: the person (pseudonymous unless `name`), the
    current plan, pain, blood pressure, MVC, each session's length and the test results."""
    names = ctx.catalogue.exercises

    def named(exercise: str) -> str:
        return names[exercise].name if exercise in names else exercise

    def kind(exercise: str) -> str:
        return names[exercise].kind if exercise in names else "isometric"

    first, last = EVER
    start, end = datetime.combine(first, datetime.min.time()), datetime(9999, 12, 31)
    with ctx.db.reading() as s:
        person = require_person(s)
        version = plans.current_plan(s, person)
        plan = plans.plan_of(version) if version is not None else None
        care = None
        if version is not None and plan is not None and plan.program is not None:
            care = fhir.CarePlanData(
                version.version, version.created_at, plan.program.weeks,
                plan.program.sessions_per_week,
                tuple(fhir.Activity(
                    b.exercise, named(b.exercise), f"{describe.dose(b, kind(b.exercise))}, "
                    f"{describe.intensity(b)}, {describe.side(b)}, rest {describe.rest(b)}",
                    b.sets, b.reps, b.hold_s,
                    b.rest_between_reps_s, b.rest_s, b.side, b.intensity_kind, b.intensity_value,
                ) for b in plan.program.blocks),
            )  # fmt: skip
        pain = [fhir.PainReading(r.uuid, r.created_at, r.pain_during, False, named(r.exercise))
                for r, _t in queries.reports_between(s, person, first, last)]  # fmt: skip
        pain += [fhir.PainReading(st.uuid, st.completed_at, st.pain_during, False,
                                  named(st.exercise))
                 for st, _t in queries.sets_between(s, person, first, last)
                 if st.pain_during is not None]  # fmt: skip
        pain += [fhir.PainReading(c.uuid, c.day, c.pain, True)
                 for c in checkins.checkins_between(s, person, first, last)]  # fmt: skip
        bp = tuple(fhir.BpReading(r.uuid, r.measured_at, r.systolic, r.diastolic, r.pulse)
                   for r in checkins.bp_between(s, person, start, end))  # fmt: skip
        mvc = tuple(
            fhir.MvcReading(m.uuid, m.recorded_at, float(m.score),
                            named(str((m.detail or {}).get("exercise") or "")) or None)
            for m in queries.scores_between(s, person, MVC, start, end)
        )  # fmt: skip
        lengths = tuple(fhir.SessionLength(t.uuid, t.started_at, t.ended_at)
                        for t in sessions_between(s, person, first, last)
                        if t.ended_at is not None)  # fmt: skip
        data = fhir.BundleData(
            person=person.uuid, generated_at=ctx.now(), name=name or None, plan=care,
            pain=tuple(sorted(pain, key=lambda p: fhir.when(p.at))), bp=bp, mvc=mvc,
            sessions=lengths, outcomes=_outcomes(ctx),
        )  # fmt: skip
    return fhir.bundle(data)


def _outcomes(ctx: Context) -> tuple[fhir.OutcomeReading, ...]:
    return tuple(
        fhir.OutcomeReading(
            p.uuid, p.at, s.measure, s.name, p.score, s.scoring.unit,
            questionnaire=s.scoring.kind != "per_side", side=s.side, loinc=s.scoring.loinc,
            by=p.by, activities=tuple((a.name, a.rating) for a in p.activities),
        )
        for s in outcomes.history(ctx) for p in s.points
    )  # fmt: skip


@dataclass(frozen=True)
class Imported:
    saved: int  # new readings
    already: int  # readings stored before (the same UUID)
    left_out: int  # other Observations isohold recognised and did not import


def import_bp(ctx: Context, document: Any) -> Imported:
    """Store the blood-pressure readings of a Bundle: all of them or, on any error, none."""
    found = read_bp_bundle(document)
    for r in found.readings:
        _check(r.where, "systolic", r.systolic, SYSTOLIC)
        _check(r.where, "diastolic", r.diastolic, DIASTOLIC)
        if r.diastolic >= r.systolic:
            raise InputError(f"{r.where} component", f"diastolic {r.diastolic} is not below "
                             f"systolic {r.systolic}: not a plausible reading")  # fmt: skip
        if r.pulse is not None:
            _check(r.where, "heart rate", r.pulse, PULSE)
    saved = 0
    with ctx.db.transaction() as s:
        person = require_person(s)
        for r in found.readings:
            local = r.measured_at.astimezone().replace(tzinfo=None)
            _, created = checkins.add_bp(s, person, r.uuid, local, r.systolic, r.diastolic,
                                         r.pulse)  # fmt: skip
            saved += created
    return Imported(saved, len(found.readings) - saved, found.left_out)


def _check(where: str, what: str, value: int, limits: tuple[int, int]) -> None:
    lo, hi = limits
    if not lo <= value <= hi:
        raise InputError(f"{where} component", f"{what} {value} is outside {lo}-{hi}: not a "
                         "plausible resting reading")  # fmt: skip
