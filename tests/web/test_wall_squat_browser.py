"""The wall-squat test page in Debian's chromium against a real server: the whole test on the
simulated heart-rate strap (the stage figures, the live rate, the angle saved and used by the
plan's wall squat), a test stopped for a warning sign (no angle, see a clinician), and the
effort-paced test for a person on a beta-blocker; with the axe check."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from tests.support import home_bp
from tests.support.browser import axe_check, post_json, rows, shoot
from tests.support.profiles import profile_dict
from tests.support.servers import LiveServer

HYPERTENSION = profile_dict(**home_bp.HYPERTENSION)

# records every stage the page shows and every heart rate it writes
WATCH = """() => {
  window.stages = []; window.rates = [];
  const root = document.getElementById("wst");
  new MutationObserver(() => window.stages.push(root.dataset.stage))
    .observe(root, {attributes: true, attributeFilter: ["data-stage"]});
  const bpm = document.getElementById("wst-bpm");
  if (bpm) new MutationObserver(() => window.rates.push(bpm.textContent))
    .observe(bpm, {childList: true, characterData: true, subtree: true});
}"""


def _ready(live: LiveServer, **changes: object) -> None:
    post_json(live, "/api/v1/onboard", {"profile": {**HYPERTENSION, **changes}})
    post_json(live, "/api/v1/bp", {"systolic": 132, "diastolic": 82})


def test_the_whole_test_on_the_simulated_strap_sets_the_plans_angle(
    workday_live: LiveServer, page: Page, browser: Browser
) -> None:
    live = workday_live  # Monday 30 November 2026: the re-test falls 2 to 4 weeks later
    post_json(live, "/api/v1/onboard", {"profile": HYPERTENSION})
    # from Today without typing a number: the simulated cuff's reading, then the test's link
    page.goto(live.url + "/")
    page.get_by_label("Or read it from").select_option("simulated")
    page.get_by_role("button", name="Read the cuff").click()
    expect(page.locator("#today-wall-squat")).to_contain_text("Do the wall-squat test")
    # the guided home week began with that reading: one more this evening
    week = page.locator("#today-home-week")
    expect(week).to_contain_text("Day 1 of 7 of your home week")
    expect(week).to_contain_text("take 1 reading this evening")
    shoot(page, "today-bp-cuff")
    axe_check(browser, live.url + "/")
    assert rows(live, "SELECT device FROM bp_readings") == [("simulated cuff",)]
    page.get_by_role("link", name="Open the wall-squat test").click()
    expect(page.get_by_role("heading", name="The wall-squat test")).to_be_visible()
    expect(page.locator("#wst-status")).to_contain_text("Do the wall-squat test")
    axe_check(browser, live.url + "/wall-squat-test")
    # one figure a stage, at its knee angle; the first shown before the test starts
    figures = page.locator(".wst-figure")
    expect(figures).to_have_count(5)
    expect(figures.nth(0)).to_be_visible()
    expect(figures.nth(0).locator("svg")).to_have_count(1)
    assert figures.nth(4).is_hidden()
    page.get_by_label("Heart rate from").select_option("simulated")
    page.evaluate(WATCH)
    page.get_by_role("button", name="Start the test").click()
    expect(page.locator("#wst-stage")).to_contain_text("knees at 135°")
    expect(page.locator("#wst-figure-3")).to_be_visible(timeout=120_000)
    assert page.locator("#wst-figure-1").is_hidden()
    shoot(page, "wall-squat-test-running")
    result = page.locator("#wst-result")
    expect(result).to_contain_text("Your wall-squat angle", timeout=60_000)
    expect(result).to_contain_text("Saved in your plan")
    expect(result).to_contain_text("Repeat the test between 14 December and 28 December")
    expect(result).to_contain_text("Training band")
    expect(page.locator("#wst-stage")).to_have_text("Done")
    assert page.evaluate("window.stages") == ["1", "2", "3", "4", "5"]
    rates = [int(r) for r in page.evaluate("window.rates") if r.isdigit()]
    assert len(rates) > 10 and max(rates) > min(rates) + 20, rates[:20]
    shoot(page, "wall-squat-test-result")

    (saved,) = rows(live, "SELECT measure, score FROM outcome_scores")
    assert saved[0] == "incremental-wall-squat-test" and 95 <= saved[1] <= 135
    angle = f"{saved[1]:g}"
    expect(result).to_contain_text(f"Your wall-squat angle: {angle}°")
    blocks = post_json(live, "/api/v1/sessions", {})["exercises"]
    wall_sit = next(b["block"] for b in blocks if b["block"]["exercise"] == "wall-sit")
    assert wall_sit["joint_angle_deg"] == saved[1]
    page.goto(live.url + "/wall-squat-test")
    expect(page.locator("#wst-status")).to_contain_text(f"Wall-squat angle {angle} degrees")


def test_a_warning_sign_stops_the_test_and_sets_no_angle(live: LiveServer, page: Page) -> None:
    _ready(live)
    page.goto(live.url + "/wall-squat-test")
    page.get_by_label("Heart rate from").select_option("simulated")
    page.get_by_role("button", name="Start the test").click()
    expect(page.locator("#wst-figure-2")).to_be_visible(timeout=120_000)
    page.get_by_label("Warning sign").select_option("dizziness")
    page.get_by_role("button", name="Stop: warning sign").click()
    result = page.locator("#wst-result")
    expect(result).to_contain_text("No angle set.", timeout=120_000)
    expect(result).to_contain_text("clinician")
    assert rows(live, "SELECT count(*) FROM outcome_scores") == [(0,)]


def test_effort_instead_of_heart_rate_on_a_beta_blocker(
    live: LiveServer, page: Page, browser: Browser
) -> None:
    _ready(live, medications=["beta_blocker"])
    page.goto(live.url + "/wall-squat-test")
    expect(page.locator("#wst-effort-note")).to_contain_text("beta-blocker")
    expect(page.get_by_label("Heart rate from")).to_have_count(0)
    axe_check(browser, live.url + "/wall-squat-test")
    page.get_by_role("button", name="Start the test").click()
    for stage, effort in ((1, 2), (2, 3), (3, 5), (4, 7), (5, 9)):
        page.locator(f'#wst[data-stage="{stage}"]').wait_for(timeout=120_000)
        page.locator("#wst-effort").get_by_role("button", name=str(effort), exact=True).click()
        expect(page.locator("#wst-note")).to_contain_text(f"stage {stage}")
    result = page.locator("#wst-result")
    expect(result).to_contain_text("Your wall-squat angle: 111°", timeout=120_000)
    shoot(page, "wall-squat-test-effort")
    assert rows(live, "SELECT measure, score FROM outcome_scores") == [
        ("incremental-wall-squat-test-effort", 111.0)
    ]


def test_the_page_waits_for_a_blood_pressure_reading(live: LiveServer, page: Page) -> None:
    post_json(live, "/api/v1/onboard", {"profile": HYPERTENSION})
    page.goto(live.url + "/wall-squat-test")
    expect(page.locator("#wst-refused")).to_contain_text("Measure your resting blood pressure")
    expect(page.get_by_role("button", name="Start the test")).to_have_count(0)


def test_the_session_page_shows_live_heart_rate_against_the_band(
    live: LiveServer, page: Page, browser: Browser
) -> None:
    _ready(live)
    stages = [{"hr": hr} for hr in (80, 90, 100, 110, 120)]
    assert post_json(live, "/api/v1/bp/test", {"stages": stages})["angle_deg"] == 101
    page.goto(live.url + "/session")
    panel = page.locator("#coach-hr")
    assert panel.is_hidden()  # only while a hold paced by heart rate runs
    page.get_by_role("button", name="Start", exact=True).click()
    expect(page.locator("#coach-exercise")).to_contain_text("Wall")
    expect(panel).to_be_visible()
    page.get_by_label("Heart rate from").select_option("simulated")
    page.get_by_role("button", name="Connect").click()
    expect(page.locator("#coach-hr-band")).to_contain_text("Aim for about 114 beats a minute")
    expect(page.locator("#coach-hr-band")).to_contain_text("band 108-120")
    page.wait_for_function("() => Number(document.getElementById('coach-hr').dataset.beats) >= 5")
    expect(page.locator("#coach-hr-state")).to_have_text("in the band")
    bpm = int(page.locator("#coach-hr-bpm").inner_text())
    assert 108 <= bpm <= 120
    shoot(page, "session-heart-rate")
    axe_check(browser, live.url + "/session")


def test_no_bluetooth_is_a_short_friendly_message(live: LiveServer, page: Page) -> None:
    """A strap over real Bluetooth: the test machine has no adapter (or no strap in range),
    which is what a person without one meets."""
    _ready(live)
    page.goto(live.url + "/wall-squat-test")
    page.get_by_label("Heart rate from").select_option("strap")
    page.get_by_role("button", name="Start the test").click()
    help_box = page.locator("#wst-sensor-help")
    expect(help_box).to_be_visible(timeout=120_000)  # a scan for a strap lasts up to 10 s
    expect(page.locator("#wst-stage")).to_have_text("Strap not connected")
    for words in ("Bluetooth is switched on", "contacts moistened", "bleak", "Simulated strap"):
        expect(help_box).to_contain_text(words)
    expect(page.locator("#wst-sensor-detail")).not_to_be_visible()  # under a disclosure
    expect(page.get_by_role("button", name="Start the test")).to_be_enabled()
    shoot(page, "wall-squat-test-no-strap")
    assert rows(live, "SELECT count(*) FROM outcome_scores") == [(0,)]


def test_the_session_page_says_when_the_strap_cannot_be_reached(
    live: LiveServer, page: Page
) -> None:
    _ready(live)
    page.goto(live.url + "/session")
    page.get_by_role("button", name="Start", exact=True).click()
    page.get_by_label("Heart rate from").select_option("strap")
    page.get_by_role("button", name="Connect").click()
    state = page.locator("#coach-hr-state")
    expect(state).to_contain_text("Check the strap is worn", timeout=120_000)
    expect(state).not_to_contain_text("--device")  # the terminal's words stay out of the page
