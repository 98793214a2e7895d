"""The progress report's tables: a row a week up to half a year, a row a month beyond it, and
over a long period the patient's version lists the last half year's reviews and safety
messages one by one and counts the earlier ones."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from isohold.reports.progress_report import (
    BpLine,
    DecisionLine,
    DeskWeekLine,
    MvcLine,
    ProgressReport,
    ReviewLine,
    SafetyLine,
    WeekLine,
    report_html,
)
from isohold.reports.report_tables import MAX_WEEK_ROWS, report_tables

MONDAY = date(2025, 1, 6)


def weeks(n: int, sessions: int = 2, due: float = 3.0) -> list[WeekLine]:
    return [WeekLine(MONDAY + timedelta(weeks=i), sessions, due, 100.0 * sessions / due,
                     pain_during=2.0 if i % 2 else None, morning_pain=float(i % 4))
            for i in range(n)]  # fmt: skip


def review(day: date, *actions: str) -> ReviewLine:
    return ReviewLine(day, 1, 2, tuple(DecisionLine(f"Exercise {i}", a, f"reason {a} {i}")
                                       for i, a in enumerate(actions)))  # fmt: skip


def tables(n_weeks: int, *, every_line: bool = False, **kw: object):  # type: ignore[no-untyped-def]
    args = {"weeks": weeks(n_weeks), "bp": [], "mvc": [], "desk": [], "reviews": [],
            "safety": [], **kw}  # fmt: skip
    return report_tables(**args, every_line=every_line)  # type: ignore[arg-type]


def test_half_a_year_keeps_a_row_a_week():
    t = tables(MAX_WEEK_ROWS, reviews=[review(MONDAY, "repeat")])
    assert not t.monthly and t.heading == "Week (Monday)"
    assert len(t.weeks) == MAX_WEEK_ROWS and t.label(MONDAY) == "6 Jan 2025"
    assert t.reviews == (review(MONDAY, "repeat"),) and t.since is None


def test_a_longer_period_has_a_row_a_month_with_the_weeks_of_its_mondays():
    t = tables(MAX_WEEK_ROWS + 1)
    assert t.monthly and t.heading == "Month" and t.label(date(2025, 2, 1)) == "Feb 2025"
    january = t.weeks[0]  # Mondays 6, 13, 20 and 27 January
    assert january.week_start == date(2025, 1, 1)
    assert (january.sessions, january.due) == (8, 12.0)
    assert round(january.adherence_pct, 1) == 66.7
    assert january.pain_during == 2.0  # weeks without pain during are left out of the mean
    assert january.morning_pain == 1.5  # mean of 0, 1, 2 and 3
    assert sum(w.sessions for w in t.weeks) == 2 * (MAX_WEEK_ROWS + 1)


def test_a_months_adherence_counts_sessions_only_up_to_each_weeks_due_count():
    long = [WeekLine(MONDAY + timedelta(weeks=i), 5 if i == 0 else 0, 3.0, 0.0, None, None)
            for i in range(MAX_WEEK_ROWS + 1)]  # fmt: skip
    t = report_tables(long, [], [], [], [], [], every_line=False)
    assert t.weeks[0].sessions == 5 and t.weeks[0].adherence_pct == 25.0  # 3 of 12, not 5


def test_blood_pressure_strength_and_desk_breaks_by_month():
    readings = [BpLine(datetime(2025, 1, d, 8), 140 + d, 90, None) for d in (6, 20)]
    readings.append(BpLine(datetime(2025, 2, 3, 8), 130, 80, 60))
    tests = [MvcLine(datetime(2025, 1, d, 9), force, None, None)
             for d, force in ((7, 300.0), (14, 350.0), (21, 320.0))]  # fmt: skip
    desk = [DeskWeekLine(MONDAY, 10, 2, 1, 3), DeskWeekLine(MONDAY + timedelta(weeks=1), 8, 4, 0,
                                                            None)]  # fmt: skip
    t = tables(MAX_WEEK_ROWS + 4, bp=readings, mvc=tests, desk=desk)
    assert [(b.start, b.readings, b.systolic, b.diastolic) for b in t.bp] == [
        (date(2025, 1, 1), 2, 153, 90), (date(2025, 2, 1), 1, 130, 80)]  # fmt: skip
    assert [m.mvc_n for m in t.mvc] == [350.0]  # the month's best test
    (month,) = t.desk
    assert (month.done, month.skipped, month.snoozed, month.worst_pain) == (18, 6, 1, 3)
    assert month.adherence_pct == 75.0


def test_the_patients_long_report_lists_the_last_half_years_changes_and_counts_the_rest():
    n = 2 * MAX_WEEK_ROWS
    last_monday = MONDAY + timedelta(weeks=n - 1)
    since = last_monday - timedelta(weeks=MAX_WEEK_ROWS - 1)
    old, recent = since - timedelta(days=1), since + timedelta(days=6)
    reviews = [review(old, "progress", "repeat"), review(old, "stop"), review(old, "repeat"),
               review(recent, "repeat", "regress"), review(recent, "repeat")]  # fmt: skip
    safety = [SafetyLine("stop", "old stop", old), SafetyLine("warn", "new", recent),
              SafetyLine("info", "always shown")]  # fmt: skip
    t = tables(n, reviews=reviews, safety=safety)
    assert t.since == since
    assert [(r.day, [d.action for d in r.decisions]) for r in t.reviews] == [(recent, ["regress"])]
    assert t.earlier_decisions == (("progress", 1), ("stop", 1))
    assert t.unchanged_reviews == 2
    assert [m.text for m in t.safety] == ["new", "always shown"] and t.earlier_safety == 1
    clinician = tables(n, reviews=reviews, safety=safety, every_line=True)
    assert clinician.reviews == tuple(reviews) and clinician.safety == tuple(safety)
    assert clinician.since is None and clinician.monthly


def test_a_long_report_reads_by_month_and_says_what_it_counts():
    n = 2 * MAX_WEEK_ROWS
    last = MONDAY + timedelta(weeks=n) - timedelta(days=1)
    report = ProgressReport(
        generated_at=datetime(2026, 1, 10, 9), first_day=MONDAY, last_day=last,
        weeks=tuple(weeks(n)),
        reviews=(review(MONDAY + timedelta(days=6), "stop"),
                 review(last - timedelta(days=1), "progress")),
        safety=(SafetyLine("stop", "An early stop", MONDAY + timedelta(days=2)),),
    )  # fmt: skip
    html = report_html(report)
    assert "<th>Month</th>" in html and "Week (Monday)" not in html
    assert "<td>Jan 2025</td>" in html and "<td>6 Jan 2025</td>" not in html
    assert "1 stop." in html and "reason progress 0" in html and "reason stop 0" not in html
    assert "1 earlier message" in html and "An early stop" not in html
    clinician = report_html(ProgressReport(**{**report.__dict__, "clinician": True}))
    assert "reason stop 0" in clinician and "An early stop" in clinician
