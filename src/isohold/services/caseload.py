"""Caseload figures for a clinician (issue 14, item 6): across their linked patients, the
share with a meaningful pain improvement 4 and 8 weeks after their program began, and the
median adherence (domain/caseload.py holds the rules), as JSON or as CSV with a row a patient.

Adherence is each patient's own, as their Progress page gives it (services/stats.py: sessions
done of those due so far). A patient whose week has not ended, or has no check-in in it, or
who has no plan yet, counts as "not enough data" at that week, never as a failure. Each
patient the figures are made from gets an audit row ("read", or "export" for the CSV) before
anything of theirs is read.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from typing import Any

from isohold.domain.caseload import COLUMNS, MILESTONES, Caseload, Course, caseload, rows
from isohold.domain.errors import NoProfileError
from isohold.domain.escalation import MEANINGFUL_CHANGE
from isohold.services import accounts, audit, kept
from isohold.services.accounts import AccountView, utc
from isohold.services.backup import FORMULA_START
from isohold.services.context import Context
from isohold.services.signin import Who
from isohold.services.stats import stats
from isohold.storage import caseload as store
from isohold.storage.people import acting_person

RULE = (
    f"A meaningful improvement is morning pain at least {MEANINGFUL_CHANGE} points (0-10) "
    "below the first week's (or the pain in the patient's answers when the first week has "
    "no check-in), as the mean of the check-ins of week 4 or 8 of the program. A patient "
    "counts at a week once it has ended and has a check-in; until then: not enough data."
)
NOT_ENOUGH = "not enough data"


@dataclass(frozen=True)
class Report:
    today: date
    courses: list[Course]
    figures: Caseload

    def to_dict(self) -> dict[str, Any]:
        summary = self.figures.to_dict()
        for week in MILESTONES:
            share = summary["improved"][f"week_{week}"]
            share["not_enough_data"] = self.figures.patients - share["known"]
            if share["pct"] is not None:
                share["pct"] = round(share["pct"], 1)
        if summary["median_adherence_pct"] is not None:
            summary["median_adherence_pct"] = round(summary["median_adherence_pct"], 1)
        summary["adherence_known"] = sum(c.adherence_pct is not None for c in self.courses)
        return {
            "today": self.today.isoformat(),
            **summary,
            "rule": RULE,
            "rows": rows(self.courses, self.today),
        }


def report(ctx: Context, who: Who, *, action: str, route: str, address: str | None) -> Report:
    """The figures over `who`'s linked patients; an audit row for each (`action`: read or
    export) is written first."""
    mine = accounts.patients(ctx, who.account_id)
    now = utc(ctx)
    with ctx.db.transaction() as s:
        for patient in mine:
            audit.write(
                s, audit.Entry(action, route, now, patient_id=patient.id, actor=who.actor(address))
            )
    today = ctx.now().date()
    found = courses(ctx, mine)
    return Report(today, found, caseload(found, today))


def courses(ctx: Context, patients: list[AccountView]) -> list[Course]:
    """Each patient's program as the figures need it, in the order given."""
    persons = accounts.persons_of(ctx, [p.id for p in patients])
    ids = list(persons.values())
    with ctx.db.reading() as s:
        starts = store.first_plans(s, ids)
        answers = store.first_answers(s, ids)
        checkins = store.mornings(s, ids)
    adherence = kept.per_person(
        ctx, "adherence", [p for p in ids if p in starts],
        lambda missing, _day: {p: _adherence(ctx, p) for p in missing}, None,
    )  # fmt: skip
    out = []
    for patient in patients:
        person = persons.get(patient.id)
        start = starts.get(person) if person is not None else None
        pain = answers.get(person, {}).get("pain_now") if person is not None else None
        out.append(
            Course(
                patient.id,
                patient.name,
                start.date() if start else None,
                pain if isinstance(pain, int) and not isinstance(pain, bool) else None,
                tuple(checkins.get(person, ())) if person is not None else (),
                adherence.get(person) if person is not None else None,
            )
        )
    return out


def _adherence(ctx: Context, person: int) -> float | None:
    """The patient's adherence so far (services/stats.py); None when no session was due yet.
    Kept while the patient's data and the day hold (services/kept.py)."""
    token = acting_person.set(person)
    try:
        found = stats(ctx)
    except NoProfileError:
        return None
    finally:
        acting_person.reset(token)
    return found.adherence_pct if found.sessions_due > 0 else None


def _cell(value: Any) -> Any:
    """A cell as a spreadsheet should show it: yes/no, blank for unknown, and text that a
    spreadsheet would run as a formula (a name can be anything) starts with an apostrophe."""
    if value is True or value is False:
        return "yes" if value else "no"
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def to_csv(found: Report) -> str:
    """A row a patient (improved: yes, no, or blank when not enough data), then a summary row
    (patient "all")."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows(found.courses, found.today):
        writer.writerow({k: _cell(v) for k, v in row.items()})
    summary: dict[str, Any] = {
        "patient": "all",
        "name": f"summary of {found.figures.patients} patients",
    }
    for week in MILESTONES:
        share = found.figures.improved[week]
        pct = "" if share.pct is None else f" ({share.pct:.0f}%)"
        unknown = found.figures.patients - share.known
        summary[f"improved_week_{week}"] = (
            f"{share.improved} of {share.known}{pct}; {unknown} {NOT_ENOUGH}"
        )
    median = found.figures.median_adherence_pct
    summary["adherence_pct"] = None if median is None else round(median, 1)
    writer.writerow({k: _cell(v) for k, v in summary.items()})
    return out.getvalue()
