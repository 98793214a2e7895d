"""The desk-break page as a person uses it, in chromium: the time to the next break in words,
the break timer brought into view on a phone, the weekly table updated as soon as a break is
saved, and a searchable time-zone list that starts from the browser's zone."""

from __future__ import annotations

import re
import uuid

import pytest
import yaml
from playwright.sync_api import Browser, Page, expect

from tests.support.browser import axe_check, post_json, shoot
from tests.support.profiles import EXAMPLES
from tests.support.servers import LiveServer
from tests.web.test_desk_browser import desk_worker, workday_context

UNTIL = """async (cases) => {
  const { untilText } = await import("/static/js/wording.js");
  return cases.map((ms) => untilText(ms));
}"""


def test_durations_read_as_words(live: LiveServer, page: Page) -> None:
    desk_worker(live)
    page.goto(live.url + "/desk")
    s, m, h = 1000, 60_000, 3_600_000
    cases = [0, 800, 45 * s, 60 * s, 4 * m + 30 * s, 9 * m + 59 * s, 12 * m + 40 * s,
             307 * m + 18 * s, 2 * h, 26 * h + 5 * m, 72 * h, 24 * h]  # fmt: skip
    assert page.evaluate(UNTIL, cases) == [
        "in 0 s", "in 1 s", "in 45 s", "in 1 min", "in 4 min 30 s", "in 9 min 59 s",
        "in 12 min", "in 5 h 7 min", "in 2 h", "in 1 day 2 h", "in 3 days", "in 1 day",
    ]  # fmt: skip


def test_the_next_break_is_in_hours_and_minutes(workday_live: LiveServer, browser: Browser) -> None:
    live = workday_live  # midday on a Monday: four hours of the working day are left
    desk_worker(live)
    post_json(live, "/api/v1/desk/settings", {"interval_min": 240})
    assert live.clock is not None
    post_json(live, "/api/v1/desk/breaks", {
        "uuid": str(uuid.uuid4()), "outcome": "skipped", "holds": ["scapular-retraction-hold"],
        "due_at": live.clock.utc().isoformat(), "pain": None,
    })  # fmt: skip
    page = workday_context(browser, live).new_page()
    page.goto(live.url + "/desk")
    nxt = page.locator("#desk-next")
    expect(nxt).to_have_text(re.compile(r"^\d\d:\d\d, in [34] h( \d{1,2} min)?$"))
    expect(nxt).not_to_have_text(re.compile(r"in \d+:\d\d"))


def _break_done(page: Page, pain: str = "1") -> None:
    page.get_by_label("Pain during the break").fill(pain)
    page.get_by_role("button", name="Save", exact=True).click()


def test_on_a_phone_the_timer_comes_into_view_and_the_week_updates(
    workday_live: LiveServer, browser: Browser
) -> None:
    live = workday_live  # in working hours, whatever the real time of day
    desk_worker(live)
    context = workday_context(browser, live, viewport={"width": 390, "height": 700},
                              is_mobile=True)  # fmt: skip
    pg = context.new_page()
    pg.goto(live.url + "/desk")
    this_week = pg.locator("#desk-weeks tr").first
    expect(this_week.locator("td").nth(1)).to_have_text("0")  # done
    pg.get_by_role("button", name="Start break").click()
    guide = pg.locator("#desk-guide")
    expect(pg.locator("#desk-phase")).to_have_text(re.compile("GET READY|HOLD"))
    expect(guide).to_be_in_viewport(ratio=0.9)  # the countdown is on screen, not below it
    shoot(pg, "desk-break-390")
    expect(pg.get_by_label("Pain during the break")).to_be_visible(timeout=120_000)
    _break_done(pg)
    expect(pg.get_by_text("Break done and saved")).to_be_visible()
    # no reload: the table shows the break once the queue has sent it
    expect(this_week.locator("td").nth(1)).to_have_text("1")
    expect(this_week.locator("td").nth(4)).to_have_text("100%")
    expect(this_week.locator("td").nth(5)).to_have_text("1/10")
    expect(this_week.locator("td").first).to_have_text(re.compile(r"^\d{1,2} [A-Z][a-z]{2}$"))
    fits = "(el) => el.parentElement.scrollWidth <= el.parentElement.clientWidth"
    assert pg.locator(".weeks-table").evaluate(fits)  # all six columns, no sideways scroll
    pg.get_by_role("button", name="Skip").click()
    expect(this_week.locator("td").nth(2)).to_have_text("1")  # skipped
    expect(this_week.locator("td").nth(4)).to_have_text("50%")
    pg.get_by_role("button", name="Snooze 5 min").click()
    expect(this_week.locator("td").nth(3)).to_have_text("1")  # snoozed
    expect(pg.locator("#desk-next")).to_contain_text(re.compile(r"in [45] min( \d+ s)?$"))
    context.close()


def _desk_profile_only(server: LiveServer) -> None:
    profile = yaml.safe_load((EXAMPLES / "neck-pain-desk-worker.yaml").read_text())
    post_json(server, "/api/v1/onboard", {"profile": profile})


@pytest.mark.parametrize("zone", ["Pacific/Chatham", "America/St_Johns"])
def test_the_time_zone_starts_from_the_browser_and_is_searchable(
    live: LiveServer, browser: Browser, zone: str
) -> None:
    _desk_profile_only(live)  # no desk settings saved yet
    context = browser.new_context(timezone_id=zone, viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.goto(live.url + "/desk")
    tz = pg.get_by_label("Time zone")
    expect(tz).to_have_value(zone)
    expect(pg.locator("#desk-tz-note")).to_be_visible()
    assert tz.get_attribute("list") == "desk-tz-list"
    options = pg.locator("#desk-tz-list option")
    assert options.count() > 300
    assert pg.locator('#desk-tz-list option[value="Europe/London"]').count() == 1
    pg.get_by_role("button", name="Save schedule").click()
    expect(pg.get_by_text("Saved.")).to_be_visible()
    expect(pg.locator("#desk-tz-note")).to_be_hidden()
    shoot(pg, "desk-1280")
    context.close()
    # saved: a browser elsewhere sees the saved zone, not its own
    other = browser.new_context(timezone_id="Asia/Kathmandu")
    pg = other.new_page()
    pg.goto(live.url + "/desk")
    expect(pg.get_by_label("Time zone")).to_have_value(zone)
    expect(pg.locator("#desk-tz-note")).to_be_hidden()
    other.close()


def test_the_desk_page_passes_axe_and_fits_a_phone(
    workday_live: LiveServer, browser: Browser
) -> None:
    live = workday_live  # a break is due only in working hours: the server's clock says when
    desk_worker(live)
    axe_check(browser, live.url + "/desk")
    context = workday_context(browser, live, viewport={"width": 390, "height": 800},
                              is_mobile=True)  # fmt: skip
    pg = context.new_page()
    pg.goto(live.url + "/desk")
    expect(pg.locator("#desk-next")).to_contain_text("Due now")
    assert pg.evaluate("document.documentElement.scrollWidth") <= 390
    shoot(pg, "desk-390")
    context.close()
