"""Issue 10 in a real browser: the web coach asks the same gate and escalation service as the
terminal coach, and after a referral every page repeats it and offers nothing else."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import post_json, rows, shoot
from tests.support.profiles import EXAMPLES, profile_dict
from tests.support.servers import LiveServer


def _start(page: Page, live: LiveServer) -> None:
    page.goto(live.url + "/session")
    page.get_by_role("button", name="Start").click()


def _report(page: Page, pain: str) -> None:
    expect(page.locator("#coach-report")).to_be_visible(timeout=120_000)
    page.get_by_role("group", name="Pain during it").get_by_text(pain, exact=True).click()
    page.get_by_role("group", name="How hard was it").get_by_text("4", exact=True).click()
    page.get_by_role("button", name="Continue").click()


def test_severe_pain_stops_with_the_servers_advice(live: LiveServer, page: Page) -> None:
    post_json(live, "/api/v1/onboard", {"profile": json.loads(
        (EXAMPLES / "low-back-pain.json").read_text())})  # fmt: skip
    _start(page, live)
    _report(page, "9")
    expect(page.get_by_role("heading", name="Session stopped")).to_be_visible()
    expect(page.locator("#coach-done-text")).to_contain_text("reassess")
    expect(page.locator("#coach-done-text")).to_contain_text("bowels")
    shoot(page, "session-severe")
    assert rows(live, "SELECT pain_during FROM exercise_reports") == [(9,)]
    # the next session leaves that exercise out until it is reassessed
    gate = json.loads(page.request.get(live.url + "/api/v1/gate").text())
    assert [x["exercise"] for x in gate["left_out"]] == ["modified-curl-up"]


def test_hypertension_asks_for_a_reading_and_a_high_one_leaves_holds_out(
    live: LiveServer, page: Page
) -> None:
    profile = profile_dict(
        conditions=["low_back_pain", "hypertension"], goals=["pain_relief", "blood_pressure"],
        resting_bp={"systolic": 136, "diastolic": 86}, bp_medicated=False,
        equipment=["mat", "handgrip_dynamometer"],
    )  # fmt: skip
    post_json(live, "/api/v1/onboard", {"profile": profile})
    page.goto(live.url + "/session")
    page.get_by_role("button", name="Start").click()
    expect(page.get_by_role("heading", name="Blood pressure first")).to_be_visible()
    shoot(page, "session-bp-first")
    page.get_by_label("Resting blood pressure").fill("166/102")
    page.get_by_role("button", name="Save and start").click()
    expect(page.locator("#coach-gate")).to_contain_text("Handgrip hold: left out today")
    expect(page.locator("#coach-gate")).to_contain_text("160/100")
    expect(page.locator("#coach-phase")).to_have_text("HOLD", timeout=10_000)
    shoot(page, "session-gated")
    assert rows(live, "SELECT systolic, diastolic FROM bp_readings") == [(166, 102)]


@pytest.mark.parametrize("path", ["/", "/session", "/desk", "/force", "/plan"])
def test_after_an_emergency_referral_every_page_repeats_it(
    live: LiveServer, page: Page, path: str
) -> None:
    profile = json.loads((EXAMPLES / "red-flag-referral.json").read_text())
    post_json(live, "/api/v1/onboard", {"profile": profile})
    page.goto(live.url + path)
    expect(page.get_by_role("heading", name="Go to an emergency department now")).to_be_visible()
    for offer in ("Start", "Start today's session", "Save check-in",
                  "Start break", "Measure MVC"):  # fmt: skip
        expect(page.get_by_role("button", name=offer, exact=True)).to_have_count(0)
    for link in ("Start today's session", "Review the week"):
        expect(page.get_by_role("link", name=link)).to_have_count(0)


def test_onboarding_asks_pregnancy_medicines_and_onset(live: LiveServer, page: Page) -> None:
    page.goto(live.url + "/start")
    page.get_by_label("Age in years").fill("31")
    page.get_by_label("Low back pain").check()
    page.get_by_label("Less pain").check()
    page.get_by_label("Your pain right now").fill("4")
    page.get_by_label("An exercise mat").check()
    page.get_by_label("Gradually, or I am not sure").check()
    page.get_by_label("Yes, I am pregnant").check()
    page.get_by_label("Weeks pregnant, or weeks since the birth").fill("26")
    page.get_by_label("A beta-blocker").check()
    page.get_by_role("button", name="See my plan").click()
    expect(page).to_have_url(live.url + "/plan")
    expect(page.get_by_text("You are pregnant, so the plan leaves out")).to_be_visible()
    expect(page.get_by_role("heading", name="Modified curl-up")).to_have_count(0)
    expect(page.get_by_role("heading", name="Side plank")).to_be_visible()
    expect(page.get_by_role("list", name="When to stop").first).to_be_visible()
    shoot(page, "plan-pregnancy")
    saved = rows(live, "SELECT data FROM profile_versions")
    profile = json.loads(str(saved[0][0]))
    assert (profile["pregnancy"], profile["pregnancy_weeks"]) == ("pregnant", 26)
    assert profile["medications"] == ["beta_blocker"] and profile["onset"] == "gradual"
