"""Figures across a clinician's patients: the share with a meaningful pain improvement 4 and
8 weeks after their program began, and the median adherence.

A patient's pain at week k is the mean of their morning check-ins in the program's k-th week
(days 7(k-1) to 7k-1 after the first plan); their baseline is the first week's mean, or the
pain they gave in their answers when the first week has no check-in. An improvement is
meaningful at 2 points or more on the 0-10 scale (T9.1). A patient counts at week k only once
that week has ended and has a check-in: the figure says of how many it is known.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from isohold.domain.escalation import MEANINGFUL_CHANGE

#: the weeks the figures are given at
MILESTONES = (4, 8)


@dataclass(frozen=True, slots=True)
class Course:
    """One patient's program as the figures need it."""

    patient_id: int
    name: str
    start: date | None  # the first plan's day; None: no plan yet
    answered_pain: int | None  # the pain in their answers
    mornings: tuple[tuple[date, int], ...]  # check-ins (day, pain)
    adherence_pct: float | None  # sessions done of those due so far; None: none due yet


def _week_mean(course: Course, week: int) -> float | None:
    assert course.start is not None
    first = course.start + timedelta(days=7 * (week - 1))
    pains = [p for d, p in course.mornings if first <= d < first + timedelta(days=7)]
    return statistics.fmean(pains) if pains else None


def baseline(course: Course) -> float | None:
    if course.start is None:
        return None
    first = _week_mean(course, 1)
    return first if first is not None else course.answered_pain


def change_at(course: Course, week: int, today: date) -> float | None:
    """Pain at `week` minus the baseline (negative: better); None when not known yet."""
    if course.start is None or today < course.start + timedelta(days=7 * week):
        return None
    start, then = baseline(course), _week_mean(course, week)
    return None if start is None or then is None else then - start


@dataclass(frozen=True, slots=True)
class Share:
    improved: int
    known: int

    @property
    def pct(self) -> float | None:
        return 100.0 * self.improved / self.known if self.known else None


@dataclass(frozen=True, slots=True)
class Caseload:
    patients: int
    improved: dict[int, Share]  # by milestone week
    median_adherence_pct: float | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "patients": self.patients,
            "improved": {
                f"week_{w}": {"improved": s.improved, "known": s.known, "pct": s.pct}
                for w, s in self.improved.items()
            },
            "median_adherence_pct": self.median_adherence_pct,
        }


def improved(change: float | None) -> bool:
    return change is not None and change <= -MEANINGFUL_CHANGE


def caseload(courses: Sequence[Course], today: date) -> Caseload:
    shares = {}
    for week in MILESTONES:
        changes = [change_at(c, week, today) for c in courses]
        known = [x for x in changes if x is not None]
        shares[week] = Share(sum(improved(x) for x in known), len(known))
    adherence = [c.adherence_pct for c in courses if c.adherence_pct is not None]
    median = statistics.median(adherence) if adherence else None
    return Caseload(len(courses), shares, median)


#: the columns of the per-patient table (the CSV export)
COLUMNS = (
    "patient",
    "name",
    "start",
    "baseline_pain",
    *(f"change_week_{w}" for w in MILESTONES),
    *(f"improved_week_{w}" for w in MILESTONES),
    "adherence_pct",
)


def rows(courses: Sequence[Course], today: date) -> list[dict[str, Any]]:
    """One row a patient, numbers rounded to one decimal (blank when not known)."""

    def r(x: float | None) -> float | None:
        return None if x is None else round(x, 1)

    out = []
    for c in courses:
        changes = {w: change_at(c, w, today) for w in MILESTONES}
        row: dict[str, Any] = {
            "patient": c.patient_id,
            "name": c.name,
            "start": c.start.isoformat() if c.start else None,
            "baseline_pain": r(baseline(c)),
        }
        row.update({f"change_week_{w}": r(x) for w, x in changes.items()})
        row.update(
            {f"improved_week_{w}": None if x is None else improved(x) for w, x in changes.items()}
        )
        row["adherence_pct"] = r(c.adherence_pct)
        out.append(row)
    return out
