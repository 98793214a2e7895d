"""Getting started with a condition issue 21 added, in a real browser: the questions about one
condition appear once it is chosen, and the plan gives its holds with their stages."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from tests.support.browser import axe_check, shoot
from tests.support.servers import LiveServer


def test_a_sore_elbow_is_asked_its_side_and_gets_wrist_holds(
    live: LiveServer, page: Page, browser: Browser
) -> None:
    page.goto(live.url + "/start")
    side = page.get_by_role("group", name="If one side hurts")
    site = page.get_by_role("group", name="If your Achilles hurts, where?")
    hot_joint = page.get_by_label("Is the painful joint hot, red and swollen")
    page.get_by_label("Low back pain").check()
    expect(side).to_be_hidden()
    expect(hot_joint).to_be_hidden()
    page.get_by_label("Low back pain").uncheck()
    page.get_by_label("Pain on the outside of the elbow (tennis elbow)").check()
    expect(side).to_be_visible()
    expect(site).to_be_hidden()
    expect(hot_joint).to_be_visible()
    side.get_by_label("Right").check()
    page.get_by_label("Age in years").fill("46")
    page.get_by_label("Less pain").check()
    page.get_by_label("Your pain right now").fill("4")
    shoot(page, "onboarding-elbow")
    page.get_by_role("button", name="See my plan").click()
    expect(page).to_have_url(live.url + "/plan", timeout=120_000)
    expect(page.get_by_role("heading", name="Wrist lift hold (forearm on a table)")).to_be_visible()
    expect(page.get_by_text("stage 1 of 3 (holds)")).to_be_visible()
    shoot(page, "plan-elbow")
    axe_check(browser, live.url + "/plan")
