"""Home blood-pressure weeks on the Progress page in Debian's chromium, on a server whose clock
is Monday 30 November 2026: each week's average, the change since the start against the
measurement error with its source, and the responder view after 8 weeks with its caveats."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from playwright.sync_api import Browser, Page, expect

from tests.support import home_bp
from tests.support.browser import axe_check, post_json, shoot
from tests.support.profiles import profile_dict
from tests.support.servers import LiveServer

HYPERTENSION = profile_dict(**home_bp.HYPERTENSION)


def _week(start: datetime, first: tuple[int, int], rest: tuple[int, int]) -> list[dict[str, Any]]:
    out = []
    for d in range(7):
        systolic, diastolic = first if d == 0 else rest
        for hour in (7, 19):
            for minute in (0, 2):
                at = (start + timedelta(days=d)).replace(hour=hour, minute=minute)
                out.append({"measured_at": at.isoformat(), "systolic": systolic,
                            "diastolic": diastolic})  # fmt: skip
    return out


def test_progress_shows_home_weeks_the_change_and_the_responder_view(
    workday_live: LiveServer, page: Page, browser: Browser
) -> None:
    live = workday_live
    post_json(live, "/api/v1/onboard", {"profile": HYPERTENSION})
    page.goto(live.url + "/history")
    expect(page.locator("#home-bp")).to_have_count(0)  # no readings, no section
    readings = _week(datetime(2026, 9, 21), (150, 92), (146, 89))
    readings += _week(datetime(2026, 11, 23), (140, 88), (128, 81))
    assert post_json(live, "/api/v1/bp/readings", {"readings": readings})["saved"] == 56
    page.goto(live.url + "/history")
    section = page.locator("#home-bp")
    expect(section.get_by_role("row")).to_have_count(3)
    expect(section.get_by_role("row").nth(1)).to_contain_text("146/89")
    expect(section.get_by_role("row").nth(2)).to_contain_text("128/81")
    expect(page.locator("#home-bp-change")).to_contain_text("fell by 18 mmHg")
    expect(page.locator("#home-bp-change")).to_contain_text("more than the 15 mmHg")
    expect(section).to_contain_text("Asayama et al. 2021")
    expect(page.locator("#home-bp-responder")).to_contain_text("fell by 18 mmHg")
    expect(section.get_by_role("listitem")).to_have_count(3)
    expect(section).to_contain_text("Never change or stop a blood-pressure medicine")
    section.scroll_into_view_if_needed()
    shoot(page, "progress-home-bp")
    axe_check(browser, live.url + "/history")


def test_a_high_home_average_says_to_see_a_doctor(workday_live: LiveServer, page: Page) -> None:
    live = workday_live
    post_json(live, "/api/v1/onboard", {"profile": HYPERTENSION})
    readings = _week(datetime(2026, 11, 23), (168, 99), (147, 88))
    post_json(live, "/api/v1/bp/readings", {"readings": readings})
    page.goto(live.url + "/history")
    section = page.locator("#home-bp")
    expect(section).to_contain_text("147/88 mmHg, is at or above 145/90 at home")
    expect(section).to_contain_text("See your doctor soon.")
    expect(page.locator("#home-bp-change")).to_contain_text("Two home weeks")
