"""Caseload figures: a meaningful improvement at 4 and 8 weeks against the first week (or the
answers' pain), known only once the week has ended with a check-in; median adherence."""

from __future__ import annotations

from datetime import date, timedelta

from isohold.domain.caseload import Course, caseload, change_at, rows

START = date(2026, 9, 7)


def _course(i: int, weekly: dict[int, int], adherence: float | None = 80.0,
            answered: int | None = 6) -> Course:  # fmt: skip
    mornings = tuple((START + timedelta(days=7 * (w - 1) + 2), p) for w, p in weekly.items())
    return Course(i, f"P{i}", START, answered, mornings, adherence)


def test_improvement_against_the_first_week() -> None:
    better = _course(1, {1: 6, 4: 4, 8: 2})
    today = START + timedelta(days=60)
    assert change_at(better, 4, today) == -2
    assert change_at(better, 8, today) == -4
    # week 8 has not ended yet
    assert change_at(better, 8, START + timedelta(days=50)) is None
    # no first-week check-in: the answers' pain is the baseline
    assert change_at(_course(2, {4: 5}, answered=8), 4, today) == -3


def test_the_figures_count_only_what_is_known() -> None:
    courses = [
        _course(1, {1: 6, 4: 4, 8: 2}, adherence=90),
        _course(2, {1: 5, 4: 5, 8: 5}, adherence=50),
        _course(3, {1: 5}, adherence=70),  # no check-in in weeks 4 and 8
        Course(4, "P4", None, None, (), None),  # no plan yet
    ]
    figures = caseload(courses, START + timedelta(days=60))
    assert figures.patients == 4
    assert (figures.improved[4].improved, figures.improved[4].known) == (1, 2)
    assert figures.improved[8].pct == 50.0
    assert figures.median_adherence_pct == 70
    table = rows(courses, START + timedelta(days=60))
    assert table[0]["improved_week_8"] is True and table[1]["improved_week_4"] is False
    assert table[2]["change_week_4"] is None and table[3]["start"] is None
    assert caseload([], START).median_adherence_pct is None
