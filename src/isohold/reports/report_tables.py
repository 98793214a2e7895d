"""The rows of the progress report's tables: a row a week for a period of up to half a year,
a row a month beyond it (two years of weekly rows ran to forty pages that nobody reads, and
took most of the time to lay out). The charts keep every week and every test; the clinician's
version keeps every review decision and the raw tables.

Over such a long period the patient's version also gives the reviews and the dated safety
messages of the last half year one by one, and counts the earlier ones (the clinician's
version lists them all). A week belongs to the month of its Monday. A month's adherence
counts its weeks' sessions up to each week's due count, as the whole period's figure does; its
pain is the mean of its weeks' means; blood pressure is the mean of the month's readings;
strength is the month's best MVC test; desk breaks add up, with the worst pain of the month.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from statistics import mean
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:  # progress_report lays these tables out and imports this module
    from isohold.reports.progress_report import (
        BpLine,
        DeskWeekLine,
        MvcLine,
        ReviewLine,
        SafetyLine,
        WeekLine,
    )

#: up to this many weeks the tables keep a row a week
MAX_WEEK_ROWS = 26
#: a review's decisions that change the plan, in the order the report counts them
ACTIONS = ("progress", "regress", "stop")

T = TypeVar("T")


@dataclass(frozen=True)
class BpRow:
    start: date  # the week's Monday or the month's first day
    readings: int
    systolic: float
    diastolic: float


@dataclass(frozen=True)
class ReportTables:
    """What the tables show and how their first column is headed and written."""

    monthly: bool
    weeks: tuple[WeekLine, ...]
    bp: tuple[BpRow, ...]
    mvc: tuple[MvcLine, ...]
    desk: tuple[DeskWeekLine, ...]
    reviews: tuple[ReviewLine, ...]
    safety: tuple[SafetyLine, ...]
    #: where the one-by-one lists start (None: the whole period)
    since: date | None = None
    #: reviews left out because they kept every exercise as it was (a long period's table
    #: also leaves out the exercises a review kept as they were)
    unchanged_reviews: int = 0
    #: the decisions of the reviews before `since` that changed the plan, by action
    earlier_decisions: tuple[tuple[str, int], ...] = ()
    #: dated safety messages before `since`
    earlier_safety: int = 0

    @property
    def heading(self) -> str:
        return "Month" if self.monthly else "Week (Monday)"

    def label(self, start: date) -> str:
        return f"{start:%b %Y}" if self.monthly else f"{start.day} {start:%b %Y}"


def report_tables(
    weeks: Sequence[WeekLine],
    bp: Sequence[BpLine],
    mvc: Sequence[MvcLine],
    desk: Sequence[DeskWeekLine],
    reviews: Sequence[ReviewLine],
    safety: Sequence[SafetyLine],
    *,
    every_line: bool,
) -> ReportTables:
    """The tables' rows; `every_line` keeps every review and safety message one by one (the
    clinician's version)."""
    if len(weeks) <= MAX_WEEK_ROWS:
        return ReportTables(False, tuple(weeks), tuple(_bp_rows(bp, _monday)), tuple(mvc),
                            tuple(desk), tuple(reviews), tuple(safety))  # fmt: skip
    tables = ReportTables(
        monthly=True,
        weeks=tuple(_month_weeks(weeks)),
        bp=tuple(_bp_rows(bp, _first_of_month)),
        mvc=tuple(max(rows, key=lambda m: m.mvc_n)
                  for _m, rows in _by(mvc, lambda m: _first_of_month(m.recorded_at.date()))),
        desk=tuple(_month_desk(desk)),
        reviews=tuple(reviews),
        safety=tuple(safety),
    )  # fmt: skip
    if every_line:
        return tables
    since = weeks[-1].week_start - timedelta(weeks=MAX_WEEK_ROWS - 1)
    changed = [
        replace(r, decisions=tuple(d for d in r.decisions if d.action != "repeat"))
        for r in reviews
        if any(d.action != "repeat" for d in r.decisions)
    ]
    earlier = Counter(d.action for r in changed if r.day < since for d in r.decisions)
    return replace(
        tables,
        since=since,
        reviews=tuple(r for r in changed if r.day >= since),
        safety=tuple(m for m in safety if m.day is None or m.day >= since),
        unchanged_reviews=len(reviews) - len(changed),
        earlier_decisions=tuple((a, earlier[a]) for a in ACTIONS if earlier[a]),
        earlier_safety=sum(1 for m in safety if m.day is not None and m.day < since),
    )


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _first_of_month(d: date) -> date:
    return d.replace(day=1)


def _by(items: Iterable[T], key: Callable[[T], date]) -> list[tuple[date, list[T]]]:
    groups: dict[date, list[T]] = defaultdict(list)
    for item in items:
        groups[key(item)].append(item)
    return sorted(groups.items(), key=lambda g: g[0])


def _mean_of(values: Iterable[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return mean(known) if known else None


def _month_weeks(weeks: Sequence[WeekLine]) -> list[WeekLine]:
    out = []
    for month, rows in _by(weeks, lambda w: _first_of_month(w.week_start)):
        due = sum(w.due for w in rows)
        done = sum(min(w.sessions, w.due) for w in rows)
        out.append(replace(
            rows[0],
            week_start=month,
            sessions=sum(w.sessions for w in rows),
            due=due,
            adherence_pct=min(100.0, 100.0 * done / due) if due else 0.0,
            pain_during=_mean_of(w.pain_during for w in rows),
            morning_pain=_mean_of(w.morning_pain for w in rows),
        ))  # fmt: skip
    return out


def _bp_rows(bp: Sequence[BpLine], start: Callable[[date], date]) -> list[BpRow]:
    return [BpRow(first, len(rows), mean(r.systolic for r in rows),
                  mean(r.diastolic for r in rows))
            for first, rows in _by(bp, lambda r: start(r.measured_at.date()))]  # fmt: skip


def _month_desk(desk: Sequence[DeskWeekLine]) -> list[DeskWeekLine]:
    out = []
    for month, rows in _by(desk, lambda w: _first_of_month(w.week_start)):
        pains = [w.worst_pain for w in rows if w.worst_pain is not None]
        out.append(replace(
            rows[0],
            week_start=month,
            done=sum(w.done for w in rows),
            skipped=sum(w.skipped for w in rows),
            snoozed=sum(w.snoozed for w in rows),
            worst_pain=max(pains) if pains else None,
        ))  # fmt: skip
    return out
