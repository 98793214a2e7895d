"""The progress report PDF: its text (pypdf) holds the plan, the week's figures, the review
reasons and the safety messages; every page rendered by pdftoppm has ink on it."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from isohold.domain.errors import InputError
from isohold.reports.progress_report import report_html
from isohold.services.context import Context
from isohold.services.report import progress_pdf, progress_report
from tests.reports.seed import START, STOPPED_DAY
from tests.support.pdfs import inked_fraction, page_pngs, pdf_text


@pytest.fixture(scope="module")
def patient_pdf(history: Context) -> bytes:
    return progress_pdf(history)


@pytest.fixture(scope="module")
def clinician_pdf(history: Context) -> bytes:
    return progress_pdf(history, clinician=True, name="Alex Example")


def test_the_report_holds_the_plan_with_dose_and_sources(history: Context, patient_pdf: bytes):
    text = pdf_text(patient_pdf)
    report = progress_report(history)
    assert report.blocks
    for block in report.blocks:
        assert block.name in text
        assert " ".join(block.dose.split()) in text
    assert "https://doi.org/" in text
    assert "Current plan" in text and "sessions a week" in text


def test_the_report_holds_the_weekly_figures(history: Context, patient_pdf: bytes):
    text = pdf_text(patient_pdf)
    report = progress_report(history)
    assert "Adherence" in text and "of the sessions due in the period were done" in text
    for week in report.weeks:
        assert f"{week.week_start.day} {week.week_start:%b %Y}" in text
    assert "Morning pain changed by" in text
    assert "±2 points: not yet a real change" in text
    assert "readings, mean" in text  # blood pressure averages
    assert "MVC (N)" in text and "Peak RFD" in text
    assert "Desk breaks" in text and "67%" in text  # 2 done of 3 ended breaks a day


def test_the_report_holds_each_review_with_its_reasons(history: Context, patient_pdf: bytes):
    text = pdf_text(patient_pdf)
    report = progress_report(history)
    assert report.reviews, "the seeded weeks run weekly reviews"
    for review in report.reviews:
        assert f"plan version {review.from_version} → {review.to_version}" in text
        for decision in review.decisions:
            assert " ".join(decision.reason.split())[:60] in text


def test_the_report_holds_the_safety_messages(history: Context, patient_pdf: bytes):
    text = pdf_text(patient_pdf)
    stopped = START.date() + timedelta(days=STOPPED_DAY)
    assert f"{stopped.day} {stopped:%b %Y}: A stop rule ended the session" in text
    assert "Before starting blood-pressure training" in text
    assert "When to stop or ease off, by exercise" in text


def test_the_clinician_version_adds_the_raw_tables(patient_pdf: bytes, clinician_pdf: bytes):
    patient, clinician = pdf_text(patient_pdf), pdf_text(clinician_pdf)
    assert "Raw tables" not in patient and "Raw tables" in clinician
    assert "Reps done/planned" in clinician and "Morning check-ins" in clinician
    assert "Alex Example" in clinician and "not named (pseudonymous)" in patient


def test_every_page_has_ink(patient_pdf: bytes, tmp_path: Path):
    pages = page_pngs(patient_pdf, tmp_path)
    assert len(pages) >= 3
    for page in pages:
        assert inked_fraction(page) > 0.01, f"{page.name} is blank"


def test_the_charts_are_the_pages_own_svg(history: Context):
    html = report_html(progress_report(history))
    assert html.count('<figure class="chart"') >= 4  # adherence, pain, blood pressure, MVC
    assert html.count("<style>") >= html.count("<svg")  # each SVG carries its print style


def test_a_period_leaves_out_what_is_outside_it(history: Context):
    whole = progress_report(history)
    first = START.date() + timedelta(days=21)
    part = progress_report(history, first, first + timedelta(days=13))
    assert part.first_day == first
    assert all(first <= b.measured_at.date() <= first + timedelta(days=13) for b in part.bp)
    assert len(part.bp) < len(whole.bp)
    assert all(r.day >= first for r in part.reviews) and len(part.reviews) < len(whole.reviews)


def test_a_period_that_ends_before_it_starts_is_refused(history: Context):
    with pytest.raises(InputError, match=r"field .from.: 2025-02-01 is after the last day"):
        progress_report(history, date(2025, 2, 1), date(2025, 1, 1))
