"""Outcome measures as a use case: record a result (PSFS, VISA totals, heel rises, hop distance,
decline-squat pain) and read each measure's results over time with the change since the first,
judged by the measure's MCID and MDC (domain/outcomes.py). A measure is a catalogue test with a
`[test.score]` table; a per-side measure is read as one series a side."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from isohold.domain import outcomes as rules
from isohold.domain.errors import InputError
from isohold.domain.ids import check_uuid
from isohold.domain.models import Assessment, Catalogue
from isohold.reports.outcome_charts import OutcomeLine
from isohold.services.context import Context, require_person
from isohold.storage import outcomes as store
from isohold.storage.models import OutcomeScore


def measures(catalogue: Catalogue) -> list[Assessment]:
    """The tests isohold records as outcome measures, in catalogue order."""
    return [t for t in catalogue.tests.values() if t.scoring is not None]


def measure(catalogue: Catalogue, ident: str) -> tuple[Assessment, rules.Scoring]:
    test = catalogue.tests.get(ident)
    if test is None or test.scoring is None:
        known = ", ".join(t.id for t in measures(catalogue))
        raise InputError("measure", f"{str(ident)[:40]!r} is not recorded here; allowed: {known}")
    return test, test.scoring


@dataclass(frozen=True)
class Point:
    uuid: str
    at: datetime
    score: float
    by: str
    activities: tuple[rules.Activity, ...] = ()


@dataclass(frozen=True)
class Series:
    """One measure's results (one side's, for a per-side measure), oldest first."""

    measure: str
    name: str
    scoring: rules.Scoring
    side: str | None
    points: tuple[Point, ...]

    @property
    def label(self) -> str:
        return f"{self.side.capitalize()} side" if self.side else self.name

    @property
    def change(self) -> rules.Change | None:
        """The latest result against the first (None with a single result)."""
        if len(self.points) < 2:
            return None
        return rules.change(self.scoring, self.points[0].score, self.points[-1].score)

    @property
    def activity_changes(self) -> list[tuple[str, float, float, bool]]:
        if len(self.points) < 2:
            return []
        first, latest = self.points[0].activities, self.points[-1].activities
        return rules.activity_changes(self.scoring, first, latest)

    def to_dict(self) -> dict[str, Any]:
        change = self.change
        return {
            "side": self.side,
            "points": [_point_dict(p) for p in self.points],
            "change": None if change is None else {
                "delta": round(change.delta, 2), "verdict": change.verdict,
                "threshold": change.threshold, "words": change.words,
            },
        }  # fmt: skip


def _point_dict(p: Point) -> dict[str, Any]:
    out: dict[str, Any] = {"uuid": p.uuid, "at": p.at.isoformat(), "score": p.score, "by": p.by}
    if p.activities:
        out["activities"] = [{"name": a.name, "rating": a.rating} for a in p.activities]
    return out


@dataclass(frozen=True)
class Recorded:
    saved: bool  # False: this UUID was saved before
    entry: rules.Entry
    series: Series  # the measure's (side's) results, this one included


def record(
    ctx: Context,
    ident: str,
    *,
    score: object = None,
    side: object = None,
    activities: object = None,
    by: object = "person",
    day: date | None = None,
    uuid: str | None = None,
) -> Recorded:
    """Save one result of a measure, now or on an earlier `day` (a test done at a clinic)."""
    test, scoring = measure(ctx.catalogue, ident)
    entry = rules.parse_entry(test.id, scoring, score=score, side=side, activities=activities,
                              by=by)  # fmt: skip
    now = ctx.now()
    if day is not None and day > now.date():
        raise InputError("day", f"{day.isoformat()} is in the future")
    at = now if day is None or day == now.date() else datetime.combine(day, time(12))
    with ctx.db.transaction() as s:
        person = require_person(s)
        _, created = store.add_score(s, person, check_uuid(uuid), test.id, entry.score,
                                     entry.detail(), at)  # fmt: skip
        rows = store.scores_of(s, person, [test.id])
        series = _series(test, scoring, rows)
    mine = next(x for x in series if x.side == entry.side)
    return Recorded(created, entry, mine)


def history(
    ctx: Context,
    ident: str | None = None,
    first: datetime | None = None,
    last: datetime | None = None,
) -> list[Series]:
    """Every recorded measure's series (or one measure's), in catalogue order; measures with no
    result are left out."""
    tests = [measure(ctx.catalogue, ident)[0]] if ident is not None else measures(ctx.catalogue)
    with ctx.db.reading() as s:
        person = require_person(s)
        rows = store.scores_of(s, person, [t.id for t in tests], first, last)
    out: list[Series] = []
    for test in tests:
        assert test.scoring is not None
        out += _series(test, test.scoring, [r for r in rows if r.measure == test.id])
    return out


def _series(test: Assessment, scoring: rules.Scoring, rows: list[OutcomeScore]) -> list[Series]:
    by_side: dict[str | None, list[Point]] = {}
    for r in rows:
        detail = r.detail or {}
        side = detail.get("side") if scoring.kind == "per_side" else None
        activities = tuple(rules.Activity(str(a["name"]), float(a["rating"]))
                           for a in detail.get("activities", []))  # fmt: skip
        point = Point(r.uuid, r.recorded_at, float(r.score), str(detail.get("by", "person")),
                      activities)  # fmt: skip
        by_side.setdefault(side, []).append(point)
    order = [s for s in (None, *rules.SIDES) if s in by_side]
    return [Series(test.id, test.name, scoring, side, tuple(by_side[side])) for side in order]


def lines(found: list[Series]) -> list[OutcomeLine]:
    """Series grouped by measure, as the plain values the charts and reports draw."""
    by_measure: dict[str, list[Series]] = {}
    for s in found:
        by_measure.setdefault(s.measure, []).append(s)
    return [
        OutcomeLine(m, group[0].name, group[0].scoring,
                    tuple((s.side, tuple((p.at, p.score) for p in s.points)) for s in group))
        for m, group in by_measure.items()
    ]  # fmt: skip


def measure_dict(test: Assessment, catalogue: Catalogue) -> dict[str, Any]:
    """A measure as the API and `isohold outcome list` describe it."""
    scoring = test.scoring
    assert scoring is not None
    return {
        "measure": test.id, "name": test.name, "purpose": test.purpose, "kind": scoring.kind,
        "unit": scoring.unit, "range": [scoring.lo, scoring.hi], "whole": scoring.whole,
        "better": scoring.better, "mcid": scoring.mcid, "mdc": scoring.mdc,
        "change": scoring.change, "licence": test.licence, "procedure": list(test.procedure),
        "sources": catalogue.refs(test.sources),
    }  # fmt: skip
