"""The web app in a real browser: Debian's chromium driven by Playwright against a live server.

Every page visited is saved as a screenshot under test-output/screenshots/ and checked with
axe-core (no serious or critical violations).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.support.browser import axe_check, onboard, rows, shoot
from tests.support.servers import LiveServer


def test_onboarding_to_a_plan(live: LiveServer, page: Page, browser: Browser) -> None:
    page.goto(live.url + "/")
    shoot(page, "welcome")
    page.get_by_role("link", name="Start: about 3 minutes").click()
    shoot(page, "onboarding")
    page.get_by_label("Age in years").fill("44")
    page.get_by_label("Low back pain").check()
    page.get_by_label("Less pain").check()
    page.get_by_label("Your pain right now").fill("4")
    page.get_by_label("An exercise mat").check()
    page.get_by_role("button", name="See my plan").click()
    expect(page).to_have_url(live.url + "/plan")
    expect(page.get_by_role("heading", name="Modified curl-up")).to_be_visible()
    expect(page.get_by_text("Why:").first).to_be_visible()
    shoot(page, "plan")
    for path in ("/start", "/plan", "/", "/exercises", "/exercises/side-plank", "/history"):
        axe_check(browser, live.url + path)
    page.goto(live.url + "/")
    shoot(page, "today")
    page.get_by_label("Pain on waking, 0-10").fill("3")
    page.get_by_label("Stiffness on waking, 0-10").fill("2")
    page.get_by_role("button", name="Save check-in").click()
    expect(page.get_by_text("Done: pain 3/10, stiffness 2/10.")).to_be_visible()
    page.goto(live.url + "/exercises?region=neck")
    shoot(page, "exercises")
    page.goto(live.url + "/exercises/side-plank")
    shoot(page, "exercise")


def test_referral_case(live: LiveServer, page: Page, browser: Browser) -> None:
    page.goto(live.url + "/start")
    page.get_by_label("Is there numbness or pins and needles around your back passage").check()
    page.get_by_label("Age in years").fill("52")
    page.get_by_label("Low back pain").check()
    page.get_by_label("Your pain right now").fill("8")
    page.get_by_role("button", name="See my plan").click()
    expect(page.get_by_role("heading", name="Go to an emergency department now")).to_be_visible()
    expect(page).to_have_url(live.url + "/referral")  # its own address (issue 18)
    action = "Go to an emergency department now. Do not wait to see whether it settles."
    assert page.get_by_role("main").inner_text().count(action) == 1  # said once
    shoot(page, "referral")
    axe_check(browser, live.url + "/plan")
    assert rows(live, "SELECT status FROM plan_versions") == [("refer",)]


def _answer(page: Page, pain: str = "2") -> None:
    form = page.locator("#coach-report")
    expect(form).to_be_visible(timeout=120_000)
    page.get_by_role("group", name="Pain during it").get_by_text(pain, exact=True).click()
    page.get_by_role("group", name="How hard was it").get_by_text("4", exact=True).click()
    page.get_by_role("button", name="Continue").click()


def test_full_guided_session_saves_every_set(live: LiveServer, page: Page) -> None:
    onboard(live)
    page.goto(live.url + "/session")
    page.get_by_role("button", name="Start").click()
    expect(page.locator("#coach-phase")).to_have_text("HOLD", timeout=10_000)
    shoot(page, "session")
    for _ in range(3):
        _answer(page)
    expect(page.get_by_role("heading", name="Session complete")).to_be_visible()
    expect(page.locator("#coach-sync")).to_have_text("All saved.", timeout=15_000)
    shoot(page, "session-done")
    assert rows(live, "SELECT count(*) FROM sets") == [(10,)]
    assert rows(live, "SELECT status FROM sessions") == [("complete",)]
    assert rows(live, "SELECT count(*) FROM exercise_reports") == [(3,)]
    log = page.evaluate("window.isoholdTimer.log")
    # every phase ended, in order, never before its scheduled end (how late a busy machine
    # wakes the page is measured in bench/timer.py)
    assert [entry["index"] for entry in log] == sorted(entry["index"] for entry in log)
    assert all(entry["actual"] >= entry["scheduled"] - 1 for entry in log)


def test_pain_above_the_limit_stops(live: LiveServer, page: Page) -> None:
    onboard(live)
    page.goto(live.url + "/session")
    page.get_by_role("button", name="Start").click()
    _answer(page, pain="7")
    expect(page.get_by_role("heading", name="Session stopped")).to_be_visible()
    expect(page.locator("#coach-sync")).to_have_text("All saved.", timeout=15_000)
    assert rows(live, "SELECT status FROM sessions") == [("stopped",)]


def test_offline_mid_session_syncs_exactly_once(live: LiveServer, page: Page) -> None:
    onboard(live)
    page.goto(live.url + "/session")
    page.get_by_role("button", name="Start").click()
    _answer(page)
    expect(page.locator("#coach-sync")).to_have_text("All saved.", timeout=15_000)
    page.context.set_offline(True)
    for _ in range(2):
        _answer(page)
    expect(page.get_by_role("heading", name="Session complete")).to_be_visible()
    expect(page.locator("#coach-sync")).to_contain_text("waiting to sync")
    shoot(page, "session-offline")
    assert rows(live, "SELECT count(*) FROM sets") == [(2,)]  # only the first exercise's sets
    page.context.set_offline(False)
    expect(page.locator("#coach-sync")).to_have_text("All saved.", timeout=20_000)
    page.reload()  # a reload must not send anything twice
    page.wait_for_timeout(1000)
    assert rows(live, "SELECT count(*) FROM sets") == [(10,)]
    assert rows(live, "SELECT count(DISTINCT uuid) FROM sets") == [(10,)]
    assert rows(live, "SELECT count(*) FROM sessions") == [(1,)]
    assert rows(live, "SELECT status FROM sessions") == [("complete",)]


@pytest.mark.parametrize(
    "path", ["/", "/plan", "/session", "/history", "/exercises", "/start", "/desk", "/force"]
)
def test_phone_viewport_has_no_sideways_scroll(
    live: LiveServer, browser: Browser, path: str
) -> None:
    onboard(live)
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    pg = context.new_page()
    pg.goto(live.url + path)
    width = pg.evaluate("document.documentElement.scrollWidth")
    shoot(pg, "phone" + (path.replace("/", "-") if path != "/" else "-today"))
    context.close()
    assert width <= 360
