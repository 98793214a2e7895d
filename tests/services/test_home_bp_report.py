"""The progress report's home blood-pressure part, through the report service and the PDF's
text: each home week's average, the change since the start against the measurement error and
its source, the responder view after 8 weeks with its caveats; weeks after the report's last
day left out."""

from __future__ import annotations

from datetime import date, datetime

from isohold.services import onboarding
from isohold.services.context import Context
from isohold.services.report import progress_pdf, progress_report
from tests.support.clocks import FakeClock
from tests.support.home_bp import HYPERTENSION, home_week
from tests.support.pdfs import pdf_text
from tests.support.profiles import profile_dict


def _two_home_weeks(ctx: Context, clock: FakeClock) -> None:
    """Onboarded on 1 September; home weeks from 7 September (146/89) and 9 November (128/81);
    today is 16 November."""
    clock.at = datetime(2026, 9, 1, 8, 0)
    onboarding.onboard(ctx, profile_dict(**HYPERTENSION))
    clock.at = datetime(2026, 11, 16, 8, 0)
    home_week(ctx, datetime(2026, 9, 7), (150, 92), (146, 89))
    home_week(ctx, datetime(2026, 11, 9), (140, 88), (128, 81))


def test_the_report_shows_home_weeks_the_change_and_the_responder_view(
    ctx: Context, clock: FakeClock
) -> None:
    _two_home_weeks(ctx, clock)
    part = progress_report(ctx).home_bp
    assert part is not None and [w.systolic for w in part.weeks] == [146, 128]
    assert part.change is not None and part.change.systolic == -18
    assert part.responder.ready and part.responder.verdict == "meaningful"
    text = pdf_text(progress_pdf(ctx))
    assert "Home weeks: averages and change" in text
    assert "146/89 mmHg" in text and "128/81 mmHg" in text
    assert "fell by 18 mmHg" in text and "more than the 15 mmHg" in text
    assert "Asayama et al. 2021" in text
    assert "After 8 weeks:" in text and "Never change or stop a blood-pressure medicine" in text
    # a report that ends before the second week knows only the first
    earlier = progress_report(ctx, last=date(2026, 10, 1)).home_bp
    assert earlier is not None and len(earlier.weeks) == 1 and earlier.change is None
    assert not earlier.responder.ready


def test_a_high_home_average_in_the_report_says_to_see_a_doctor(
    ctx: Context, clock: FakeClock
) -> None:
    onboarding.onboard(ctx, profile_dict(**HYPERTENSION))
    clock.at = datetime(2026, 11, 9, 8, 0)
    home_week(ctx, datetime(2026, 11, 2), (168, 99), (147, 88))
    text = pdf_text(progress_pdf(ctx))
    assert "147/88 mmHg, is at or above 145/90 at home" in text and "see a doctor soon" in text


def test_no_readings_no_home_part(ctx: Context) -> None:
    onboarding.onboard(ctx, profile_dict(**HYPERTENSION))
    assert progress_report(ctx).home_bp is None
    assert "Home weeks" not in pdf_text(progress_pdf(ctx))


def test_a_report_lists_the_home_weeks_of_its_period_and_counts_the_change_from_the_first(
    ctx: Context, clock: FakeClock
) -> None:
    _two_home_weeks(ctx, clock)
    part = progress_report(ctx, first=date(2026, 11, 1)).home_bp
    assert part is not None and [w.systolic for w in part.weeks] == [128]
    assert part.earlier == 1
    assert part.change is not None and part.change.systolic == -18  # from the first home week
    text = pdf_text(progress_pdf(ctx, first=date(2026, 11, 1)))
    assert "128/81 mmHg" in text and "146/89 mmHg" not in text.split("Average, mmHg")[1][:200]
    assert "1 earlier home week, before this report's period, is not listed" in text
    # a period with no home week has no home part
    assert progress_report(ctx, first=date(2026, 9, 20), last=date(2026, 10, 31)).home_bp is None
