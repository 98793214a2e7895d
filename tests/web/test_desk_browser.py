"""The desk-break page in chromium: a break due now is shown and notified through the browser's
Notification API, guided on the page's timer, and recorded (done with pain, snoozed); the
schedule form saves and refuses bad values with the field named."""

from __future__ import annotations

import re
from typing import Any

import yaml
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.support.browser import axe_check, post_json, rows, shoot
from tests.support.clocks import ZONE
from tests.support.profiles import EXAMPLES
from tests.support.servers import LiveServer

# Records what the page asks the browser to notify (the browser's notification centre is the
# operating-system boundary; headless chromium has none to look at).
RECORD_NOTIFICATIONS = """
window.__shown = [];
class RecordedNotification {
  static permission = "granted";
  static requestPermission() { return Promise.resolve("granted"); }
  constructor(title, options) { window.__shown.push({ title, body: options && options.body }); }
}
window.Notification = RecordedNotification;
"""


def desk_worker(server: LiveServer) -> None:
    """A desk worker in office hours, breaks every 5 minutes (the server's clock starts at
    midday on a Monday)."""
    profile = yaml.safe_load((EXAMPLES / "neck-pain-desk-worker.yaml").read_text())
    post_json(server, "/api/v1/onboard", {"profile": profile})
    post_json(server, "/api/v1/desk/settings", {
        "tz": ZONE, "start": "09:00", "end": "17:00", "interval_min": 5,
        "work_days": ["mon", "tue", "wed", "thu", "fri"],
    })  # fmt: skip


def sent(page: Page) -> None:
    """Wait until the page's offline queue has delivered what it saved."""
    page.wait_for_function(
        "() => !localStorage.getItem('isohold.queue.v1') || "
        "JSON.parse(localStorage.getItem('isohold.queue.v1')).length === 0"
    )


def workday_context(browser: Browser, server: LiveServer, **options: Any) -> BrowserContext:
    """A browser context whose clock reads the server's (the page counts down to the next
    break from it)."""
    context = browser.new_context(**options)
    assert server.clock is not None
    context.clock.set_system_time(server.clock.utc())
    return context


def test_a_due_break_is_notified_guided_and_saved(
    workday_live: LiveServer, browser: Browser
) -> None:
    live = workday_live
    desk_worker(live)
    context = workday_context(browser, live, viewport={"width": 1024, "height": 800})
    context.add_init_script(RECORD_NOTIFICATIONS)
    page = context.new_page()
    page.goto(live.url + "/desk")
    expect(page.get_by_text("Due now")).to_be_visible()
    expect(page.get_by_role("alert")).to_have_text("Time for a break.")
    expect(page.get_by_text("Shoulder blade hold").first).to_be_visible()
    page.get_by_role("button", name="Notify me in this browser").click()
    expect(page.get_by_text("will notify you while this page is open")).to_be_visible()
    page.wait_for_function("() => window.__shown.length > 0")
    shown = page.evaluate("window.__shown")
    assert shown[0]["title"] == "Time for a desk break"
    assert "Shoulder blade hold: 30 s" in shown[0]["body"]
    shoot(page, "desk")

    page.get_by_role("button", name="Start break").click()
    expect(page.locator("#desk-phase")).to_have_text("HOLD")
    page.get_by_label("Pain during the break").fill("2")
    shoot(page, "desk-pain")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Break done and saved")).to_be_visible()
    sent(page)
    saved = rows(live, "SELECT outcome, pain, holds FROM desk_breaks")
    assert [(o, p) for o, p, _ in saved] == [("done", 2)]
    assert "scapular-retraction-hold" in saved[0][2]

    # the rotation moves on: the next break offers the next hold in the plan
    page.reload()
    expect(page.get_by_text("Side wall press").first).to_be_visible()
    page.get_by_role("button", name="Snooze 5 min").click()
    expect(page.get_by_text("Snoozed for 5 minutes")).to_be_visible()
    expect(page.locator("#desk-next")).to_contain_text(re.compile(r"in [45] min( \d+ s)?$"))
    sent(page)
    assert rows(live, "SELECT outcome FROM desk_breaks ORDER BY id")[-1] == ("snoozed",)
    page.reload()
    expect(page.locator("#desk-weeks tr").first).to_contain_text("1")  # one done this week
    context.close()
    axe_check(browser, live.url + "/desk")


def test_the_schedule_form_saves_and_names_a_bad_field(live: LiveServer, browser: Browser) -> None:
    desk_worker(live)
    page = browser.new_page()
    page.goto(live.url + "/desk")
    page.get_by_label("Quiet times").fill("13:00-12:00")
    page.get_by_role("button", name="Save schedule").click()
    expect(page.get_by_text("Not saved: field 'quiet[0]': the end must be after")).to_be_visible()
    page.get_by_label("Minutes between breaks").fill("30")
    page.get_by_label("Quiet times").fill("12:00-13:00")
    page.get_by_label("Fri").uncheck()
    page.get_by_role("button", name="Save schedule").click()
    expect(page.get_by_text("Saved.")).to_be_visible()
    page.reload()
    expect(page.get_by_label("Minutes between breaks")).to_have_value("30")
    expect(page.get_by_label("Quiet times")).to_have_value("12:00-13:00")
    expect(page.get_by_label("Fri")).not_to_be_checked()
    expect(page.get_by_label("Thu")).to_be_checked()
    page.close()
