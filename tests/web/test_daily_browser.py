"""Issue 18 in a real browser: the day's state is one thing on every page, and the weekly
review shows what it would change and waits for a week of data."""

from __future__ import annotations

import json

from playwright.sync_api import Browser, Page, expect

from tests.support.browser import post_json, rows, shoot
from tests.support.profiles import EXAMPLES
from tests.support.servers import LiveServer


def _onboard(live: LiveServer) -> None:
    profile = json.loads((EXAMPLES / "low-back-pain.json").read_text())
    post_json(live, "/api/v1/onboard", {"profile": profile})


def test_a_session_ended_after_one_hold_is_not_done_for_today(live: LiveServer, page: Page) -> None:
    _onboard(live)
    page.goto(live.url + "/session")
    page.get_by_role("button", name="Start").click()
    expect(page.locator("#coach-phase")).to_have_text("HOLD", timeout=10_000)
    page.get_by_role("button", name="End and save").click()
    expect(page.get_by_role("heading", name="Session saved")).to_be_visible()
    expect(page.locator("#coach-sync")).to_have_text("All saved.", timeout=15_000)
    page.goto(live.url + "/")
    main = page.get_by_role("main")
    expect(main).to_contain_text("Today's session ended early")
    expect(main).not_to_contain_text("Done for today")
    expect(main).not_to_contain_text("No sessions yet")
    expect(main).not_to_contain_text("unfinished session")
    expect(page.get_by_role("link", name="Start today's session again")).to_be_visible()
    shoot(page, "today-ended-early")
    today = json.loads(page.request.get(live.url + "/api/v1/today").text())
    assert today["state"] == "ended_early" and today["done_today"] is False


def test_the_weekly_review_on_day_one_says_what_it_needs(live: LiveServer, page: Page) -> None:
    _onboard(live)
    page.goto(live.url + "/")
    page.get_by_role("link", name="Review the week").click()
    expect(page.get_by_role("status")).to_contain_text("a week on this plan")
    expect(page.get_by_role("button", name="Apply these changes")).to_have_count(0)
    shoot(page, "review-not-yet")
    assert rows(live, "SELECT count(*) FROM plan_versions") == [(1,)]


def test_the_coach_can_be_trusted(live: LiveServer, page: Page) -> None:
    """Issue 18, finding 4: the length is shown before Start; PAUSED goes away on resume; space
    on a checkbox does not pause; phases are announced; Q ends and saves from the pain form;
    the saved card is in view and the timer is cleared."""
    _onboard(live)
    page.goto(live.url + "/session")
    expect(page.locator("#coach-length")).to_contain_text("3 exercises, about")
    expect(page.locator("#coach-keys")).to_contain_text("end and save")
    page.get_by_label("Speak the cues").focus()
    page.keyboard.press("Space")  # ticks the box, does nothing to a session not started
    page.get_by_role("button", name="Start").click()
    expect(page.locator("#coach-phase")).to_have_text("HOLD", timeout=10_000)
    expect(page.locator("#coach-announce")).to_contain_text("set 1 of 2")
    page.get_by_label("Speak the cues").focus()
    page.keyboard.press("Space")
    expect(page.locator("#coach-phase")).not_to_have_text("PAUSED")
    page.get_by_role("button", name="Pause").click()
    expect(page.locator("#coach-phase")).to_have_text("PAUSED")
    page.get_by_role("button", name="Resume").click()
    expect(page.locator("#coach-phase")).not_to_have_text("PAUSED")
    expect(page.locator("#coach-report")).to_be_visible(timeout=120_000)
    page.get_by_role("group", name="Pain during it").get_by_text("2", exact=True).click()
    page.keyboard.press("q")
    expect(page.get_by_role("heading", name="Session saved")).to_be_in_viewport()
    expect(page.locator("#coach-phase")).to_have_text("")
    expect(page.locator("#coach-clock")).to_be_hidden()
    expect(page.locator("#coach-sync")).to_have_text("All saved.", timeout=15_000)
    shoot(page, "session-ended")
    assert rows(live, "SELECT status FROM sessions") == [("partial",)]


def test_a_refused_write_is_shown_and_kept(live: LiveServer, page: Page) -> None:
    """Issue 18, finding 11: a 4xx is shown with its reason and kept for retry or download,
    never dropped while the page says 'All saved'."""
    _onboard(live)
    refusal = json.dumps({"detail": "field 'hold_s': a test refusal", "field": "hold_s"})
    page.route(
        "**/api/v1/sessions/*/sets",
        lambda route: route.fulfill(status=422, body=refusal, content_type="application/json"),
    )
    page.goto(live.url + "/session")
    page.get_by_role("button", name="Start").click()
    expect(page.locator("#coach-sync")).to_contain_text("not saved", timeout=120_000)
    expect(page.locator("#coach-sync")).to_contain_text("a test refusal")
    expect(page.get_by_role("button", name="Download what was not saved")).to_be_visible()
    shoot(page, "session-refused")
    page.unroute("**/api/v1/sessions/*/sets")
    page.get_by_role("button", name="End and save").click()
    page.get_by_role("button", name="Try saving again").click()
    expect(page.locator("#coach-sync")).to_have_text("All saved.", timeout=15_000)
    assert rows(live, "SELECT count(*) FROM sets")[0][0] >= 1


def test_blood_pressure_on_today(live: LiveServer, page: Page) -> None:
    """Issue 18, finding 6: a reading entered on Today gives the day's verdict."""
    profile = json.loads((EXAMPLES / "hypertension-cleared.json").read_text())
    post_json(live, "/api/v1/onboard", {"profile": profile})
    page.goto(live.url + "/")
    form = page.get_by_label("Resting blood pressure")  # asked first: the plan trains BP
    form.fill("132/84")
    page.get_by_role("button", name="Save reading").click()
    expect(page.get_by_role("main")).to_contain_text("132/84 mmHg: fine for today's session.")
    page.get_by_label("A resting reading").fill("150/92")
    page.get_by_role("button", name="Save reading").click()
    expect(page.get_by_role("main")).to_contain_text("150/92 mmHg")
    shoot(page, "today-bp")
    assert rows(live, "SELECT systolic FROM bp_readings ORDER BY id") == [(132,), (150,)]


def test_the_profile_is_edited_in_a_prefilled_form(live: LiveServer, page: Page) -> None:
    """Issue 18, finding 5: change one answer without starting again."""
    _onboard(live)
    page.goto(live.url + "/plan")
    page.get_by_role("link", name="Change your answers").click()
    expect(page.get_by_role("heading", name="Your answers")).to_be_visible()
    expect(page.get_by_label("Age in years")).to_have_value("42")
    expect(page.get_by_label("Low back pain")).to_be_checked()
    expect(page.get_by_label("An exercise mat")).to_be_checked()
    page.get_by_label("Your pain right now").fill("2")
    page.get_by_role("button", name="Save my answers").click()
    expect(page).to_have_url(live.url + "/plan")
    assert rows(live, "SELECT version FROM plan_versions ORDER BY version") == [(1,), (2,)]
    profile = json.loads(str(rows(live, "SELECT data FROM profile_versions ORDER BY id")[-1][0]))
    assert (profile["pain_now"], profile["age"]) == (2, 42)
    assert profile["conditions"] == ["low_back_pain"]


def test_onboarding_needs_a_condition_or_a_goal(live: LiveServer, page: Page) -> None:
    page.goto(live.url + "/start")
    page.get_by_label("Age in years").fill("40")
    page.get_by_label("Your pain right now").fill("3")
    page.get_by_role("button", name="See my plan").click()
    expect(page.get_by_role("alert")).to_contain_text("choose at least one thing")
    expect(page.get_by_label("Age in years")).to_have_value("40")


def test_onboarding_asks_the_safety_questions_that_fit(live: LiveServer, page: Page) -> None:
    """Issue 18, finding 5: spine questions only for regions they concern (all of them for back
    and neck), and short steps on a phone."""
    page.goto(live.url + "/start")
    spine = page.get_by_role("group", name="Nerves at the base of the spine")
    expect(spine).to_be_visible()  # nothing chosen yet: every question
    page.get_by_label("Pain in the Achilles tendon").check()
    expect(spine).to_be_hidden()
    expect(page.get_by_role("group", name="Heart and breathing")).to_be_visible()
    page.get_by_label("Neck pain").check()
    expect(spine).to_be_visible()


def test_onboarding_goes_step_by_step_on_a_phone(live: LiveServer, browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 800}, is_mobile=True)
    phone = context.new_page()
    phone.goto(live.url + "/start")
    expect(phone.get_by_text("Step 1 of 5")).to_be_visible()
    expect(phone.get_by_role("heading", name="2. Safety questions")).to_be_hidden()
    phone.get_by_label("Low back pain").check()
    phone.get_by_role("button", name="Next").click()
    expect(phone.get_by_role("heading", name="2. Safety questions")).to_be_visible()
    phone.get_by_role("button", name="Next").click()
    phone.get_by_role("button", name="Next").click()  # age is required: asked again
    expect(phone.get_by_text("Step 3 of 5")).to_be_visible()
    phone.get_by_label("Age in years").fill("50")
    phone.get_by_label("Your pain right now").fill("3")
    phone.get_by_label("An exercise mat").check()
    phone.get_by_role("button", name="Next").click()
    phone.get_by_role("button", name="Next").click()
    phone.get_by_role("button", name="See my plan").click()
    expect(phone).to_have_url(live.url + "/plan")
    context.close()


def test_a_daily_reminder_and_a_dark_theme(workday_live: LiveServer, browser: Browser) -> None:
    """Issue 18, finding 14: a reminder time set on Today; the theme follows the system. The
    server and the browser read a clock that starts at midday, so the reminder is hours ahead."""
    live = workday_live
    assert live.clock is not None
    _onboard(live)
    context = browser.new_context(color_scheme="dark", timezone_id=live.clock.zone)
    context.clock.set_system_time(live.clock.utc())
    dark = context.new_page()
    dark.goto(live.url + "/")
    background = dark.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(11, 17, 32)"
    dark.get_by_label("Remind me to train at").fill("18:30")
    dark.get_by_role("button", name="Save", exact=True).click()
    expect(dark.get_by_label("Remind me to train at")).to_have_value("18:30")
    expect(dark.locator("#reminder-state")).to_contain_text("Reminder set for 18:30")
    shoot(dark, "today-dark")
    in_ms = dark.evaluate("window.isoholdReminderInMs")
    assert 6.4 * 3600_000 < in_ms <= 6.5 * 3600_000  # 18:30 from just after midday
    context.close()
