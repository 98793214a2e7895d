"""The progress report: what a person takes to their physiotherapist, as HTML and PDF.

Everything in it arrives as plain values (`ProgressReport`, built by services/report.py); this
module only lays it out: who and when, the current plan with its dose and sources, adherence
per week, pain during exercise and next morning with the 2-point meaningful-change band, blood
pressure readings and averages, MVC and RFD from the stored recordings, test results (outcome
measures) with the band where a change is not yet meaningful, desk-break adherence, each
weekly review's decisions and reasons, and the safety messages. The clinician's version adds
the raw tables (every set, check-in, test result and reading).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from statistics import mean

from isohold.reports import charts
from isohold.reports.home_bp_part import HomeBpPart
from isohold.reports.outcome_charts import OutcomeLine, outcome_chart
from isohold.reports.pdf import html_to_pdf, printable, render_html
from isohold.reports.report_tables import report_tables

#: A change of 2 points on the 0-10 pain scale is meaningful (reference row T9.1).
MEANINGFUL_PAIN_CHANGE = 2
#: more readings than this are drawn as weekly means (a dot a reading would be unreadable)
MAX_BP_POINTS = 90
CALENDAR_WEEKS = 12


@dataclass(frozen=True)
class BlockLine:
    """One exercise of the current plan, in words."""

    name: str
    protocol: str
    dose: str  # in words, as describe.dose writes it
    intensity: str
    side: str
    rest: str
    evidence: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class WeekLine:
    week_start: date
    sessions: int
    due: float
    adherence_pct: float
    pain_during: float | None
    morning_pain: float | None


@dataclass(frozen=True)
class BpLine:
    measured_at: datetime
    systolic: int
    diastolic: int
    pulse: int | None


@dataclass(frozen=True)
class MvcLine:
    recorded_at: datetime
    mvc_n: float
    peak_rfd: float | None  # N/s
    rfd_100: float | None  # N/s


@dataclass(frozen=True)
class DeskWeekLine:
    week_start: date
    done: int
    skipped: int
    snoozed: int
    worst_pain: int | None

    @property
    def adherence_pct(self) -> float | None:
        offered = self.done + self.skipped
        return 100.0 * self.done / offered if offered else None


@dataclass(frozen=True)
class DecisionLine:
    exercise: str  # the exercise's name
    action: str  # progress | repeat | regress | stop
    reason: str


@dataclass(frozen=True)
class ReviewLine:
    """One weekly review: when, which plan versions, and its decisions."""

    day: date
    from_version: int
    to_version: int
    decisions: tuple[DecisionLine, ...]


@dataclass(frozen=True)
class SafetyLine:
    level: str  # info | warn | stop
    text: str
    day: date | None = None


@dataclass(frozen=True)
class DoseLine:
    exercise: str
    first_hold_s: float
    last_hold_s: float
    first_intensity: float | None
    last_intensity: float | None


@dataclass(frozen=True)
class SetRow:
    """A set as recorded (the clinician's raw table)."""

    day: date
    session_status: str
    exercise: str
    set_number: int
    side: str
    reps: str  # "5/5"
    hold_s: str  # "45/45"
    load: str
    effort: int | None
    pain: int | None


@dataclass(frozen=True)
class CheckinRow:
    day: date
    pain: int
    stiffness: int


@dataclass(frozen=True)
class OutcomeResult:
    """A test result as recorded (the clinician's raw table)."""

    at: datetime
    measure: str  # the measure's name
    side: str | None
    score: str  # with its unit
    by: str  # person | clinician
    activities: str  # the PSFS activities and ratings, in words


@dataclass(frozen=True)
class ProgressReport:
    generated_at: datetime
    first_day: date
    last_day: date
    name: str | None = None
    clinician: bool = False
    plan_status: str = "ok"
    plan_version: int = 0
    plan_since: date | None = None
    program_weeks: int | None = None
    sessions_per_week: int | None = None
    max_pain_during: int | None = None
    blocks: tuple[BlockLine, ...] = ()
    microbreaks: str | None = None
    weeks: tuple[WeekLine, ...] = ()
    morning_pain_change: float | None = None
    training_days: frozenset[date] = frozenset()
    doses: tuple[DoseLine, ...] = ()
    bp: tuple[BpLine, ...] = ()
    mvc: tuple[MvcLine, ...] = ()
    desk: tuple[DeskWeekLine, ...] = ()
    reviews: tuple[ReviewLine, ...] = ()
    safety: tuple[SafetyLine, ...] = ()
    exercise_safety: tuple[str, ...] = ()  # each exercise's "stop if..." lines
    sets: tuple[SetRow, ...] = ()
    checkins: tuple[CheckinRow, ...] = ()
    outcomes: tuple[OutcomeLine, ...] = ()  # outcome measures with a result in the period
    outcome_results: tuple[OutcomeResult, ...] = ()
    home_bp: HomeBpPart | None = None  # the home weeks of readings, to the report's day
    notes: tuple[str, ...] = field(default=())

    @property
    def adherence_pct(self) -> float | None:
        due = sum(w.due for w in self.weeks)
        done = sum(min(w.sessions, w.due) for w in self.weeks)
        return None if not due else min(100.0, 100.0 * done / due)


@dataclass(frozen=True)
class BpSummary:
    count: int
    systolic: float
    diastolic: float
    first_week: tuple[float, float] | None  # means of the first 7 days with readings
    last_week: tuple[float, float] | None  # and of the last 7 days


def _day(d: date) -> str:
    """A date in a table: 3 Nov 2026."""
    return f"{d.day} {d:%b %Y}"


def _labeller(first: date, last: date) -> Callable[[date], str]:
    """Chart labels: 3 Nov within one year, 3 Nov 26 when the period spans years."""
    if first.year == last.year:
        return lambda d: f"{d.day} {d:%b}"
    return lambda d: f"{d.day} {d:%b %y}"


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def bp_summary(readings: tuple[BpLine, ...]) -> BpSummary | None:
    if not readings:
        return None

    def means(rows: list[BpLine]) -> tuple[float, float] | None:
        if not rows:
            return None
        return mean(r.systolic for r in rows), mean(r.diastolic for r in rows)

    first = readings[0].measured_at.date()
    last = readings[-1].measured_at.date()
    head = [r for r in readings if r.measured_at.date() < first + timedelta(days=7)]
    tail = [r for r in readings if r.measured_at.date() > last - timedelta(days=7)]
    whole = means(list(readings))
    assert whole is not None
    span = (last - first).days >= 14
    return BpSummary(len(readings), whole[0], whole[1],
                     means(head) if span else None, means(tail) if span else None)  # fmt: skip


def bp_weeks(readings: tuple[BpLine, ...]) -> list[tuple[date, float, float, int]]:
    """(Monday, mean systolic, mean diastolic, readings) of each week with readings."""
    by_week: dict[date, list[BpLine]] = defaultdict(list)
    for r in readings:
        by_week[_monday(r.measured_at.date())].append(r)
    return [(w, mean(r.systolic for r in rows), mean(r.diastolic for r in rows), len(rows))
            for w, rows in sorted(by_week.items())]  # fmt: skip


def _charts(report: ProgressReport) -> dict[str, str | None]:
    """The report's charts: the same drawing code as the Progress page."""
    label = _labeller(report.first_day, report.last_day)
    weeks = report.weeks
    morning = [w.morning_pain for w in weeks]
    first = next((m for m in morning if m is not None), None)
    band = None
    if first is not None:
        band = (first - MEANINGFUL_PAIN_CHANGE, first + MEANINGFUL_PAIN_CHANGE,
                "±2 points: not yet a real change")  # fmt: skip
    pain = charts.line_chart(
        "Pain by week, 0 (none) to 10 (worst): mornings and during exercise",
        [label(w.week_start) for w in weeks],
        [("Morning pain", morning), ("Pain during exercise", [w.pain_during for w in weeks])],
        y_unit="/10", x_label="Week starting (Monday)", lo=0, hi=10, band=band,
    )  # fmt: skip
    adherence = charts.line_chart(
        "Sessions done and due by week",
        [label(w.week_start) for w in weeks],
        [("Done", [float(w.sessions) for w in weeks]), ("Due", [round(w.due, 1) for w in weeks])],
        y_unit="sessions", x_label="Week starting (Monday)", lo=0,
    )  # fmt: skip
    calendar = charts.calendar(
        f"Training days, the last {CALENDAR_WEEKS} weeks of the period",
        set(report.training_days), report.last_day, weeks=CALENDAR_WEEKS,
    )  # fmt: skip
    bp = None
    if report.bp:
        rules = [(160.0, "160 systolic"), (100.0, "100 diastolic")]
        if len(report.bp) <= MAX_BP_POINTS:
            bp = charts.line_chart(
                "Resting blood pressure, each reading, mmHg",
                [label(r.measured_at.date()) for r in report.bp],
                [("Systolic", [float(r.systolic) for r in report.bp]),
                 ("Diastolic", [float(r.diastolic) for r in report.bp])],
                y_unit="mmHg", x_label="Date of the reading", rules=rules,
            )  # fmt: skip
        else:
            weekly = bp_weeks(report.bp)
            bp = charts.line_chart(
                "Resting blood pressure, weekly means, mmHg",
                [label(w) for w, *_ in weekly],
                [("Systolic", [round(s, 1) for _w, s, _d, _n in weekly]),
                 ("Diastolic", [round(d, 1) for _w, _s, d, _n in weekly])],
                y_unit="mmHg", x_label="Week starting (Monday)", rules=rules,
            )  # fmt: skip
    mvc = rfd = None
    if report.mvc:
        labels = [label(p.recorded_at.date()) for p in report.mvc]
        mvc = charts.line_chart("MVC by test, newtons", labels,
                                [("MVC", [p.mvc_n for p in report.mvc])],
                                y_unit="N", x_label="Date of the test", lo=0)  # fmt: skip
        peak = [p.peak_rfd for p in report.mvc]
        early = [p.rfd_100 for p in report.mvc]
        if any(v is not None for v in peak + early):
            rfd = charts.line_chart(
                "Rate of force development by test, newtons per second", labels,
                [("Peak RFD", peak), ("RFD 0-100 ms", early)],
                y_unit="N/s", x_label="Date of the test", lo=0,
            )  # fmt: skip
    out: dict[str, str | None] = {"pain": pain, "adherence": adherence, "calendar": calendar,
                                  "bp": bp, "mvc": mvc, "rfd": rfd}  # fmt: skip
    return {k: None if v is None else printable(v) for k, v in out.items()}


def report_html(report: ProgressReport) -> str:
    tables = report_tables(report.weeks, report.bp, report.mvc, report.desk, report.reviews,
                           report.safety, every_line=report.clinician)  # fmt: skip
    return render_html(
        "progress.html", r=report, t=tables, charts=_charts(report), bp=bp_summary(report.bp),
        day=_day, plural=charts.plural, outcome_charts=_outcome_charts(report),
    )  # fmt: skip


def _outcome_charts(report: ProgressReport) -> list[str]:
    label = _labeller(report.first_day, report.last_day)
    return [printable(outcome_chart(line, label)) for line in report.outcomes]


def report_pdf(report: ProgressReport) -> bytes:
    return html_to_pdf(report_html(report))
