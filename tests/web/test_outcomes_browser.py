"""Outcome measures and explanations in chromium: a heel-rise result recorded through the form
shows on the Progress page as a chart with the unit on its axis and the shaded band where a
change is not yet meaningful, with the change in words; a number out of range is not sent; the
plan's explanations open on a click; the pages pass axe-core."""

from __future__ import annotations

import json
from datetime import date, timedelta

from playwright.sync_api import Browser, Page, expect

from tests.support.browser import axe_check, post_json, shoot
from tests.support.profiles import EXAMPLES
from tests.support.servers import LiveServer


def _achilles(live: LiveServer) -> None:
    profile = json.loads((EXAMPLES / "achilles-runner.json").read_text())
    post_json(live, "/api/v1/onboard", {"profile": profile})
    earlier = (date.today() - timedelta(days=14)).isoformat()
    post_json(live, "/api/v1/outcomes", {"measure": "heel-rise-count", "score": 11,
                                         "side": "left", "day": earlier})  # fmt: skip


def test_a_result_recorded_in_the_form_is_charted_with_its_band(
    live: LiveServer, page: Page, browser: Browser
) -> None:
    _achilles(live)
    page.goto(live.url + "/outcomes")
    card = page.locator("#m-heel-rise-count")
    card.get_by_label("Left (rises)").fill("19")
    card.get_by_label("Right (rises)").fill("900")
    card.get_by_role("button", name="Save Single-leg heel-rise test").click()
    # the browser refuses it before sending (the server's own refusal is tested over HTTP)
    assert card.get_by_label("Right (rises)").evaluate("el => !el.validity.valid")
    expect(page).to_have_url(live.url + "/outcomes")
    card.get_by_label("Right (rises)").fill("24")
    card.get_by_role("button", name="Save Single-leg heel-rise test").click()
    expect(page).to_have_url(live.url + "/history#outcomes")
    trend = page.locator("#trend-heel-rise-count")
    chart = trend.locator("figure.chart")
    expect(chart.locator("figcaption")).to_contain_text("Single-leg heel-rise test")
    expect(chart.locator(".chart-unit")).to_have_text("rises")
    expect(chart.locator(".chart-band")).to_have_count(1)
    expect(chart.locator(".chart-note")).to_have_text("±6.5: not yet a meaningful change")
    legend = chart.locator(".chart-legend li")
    expect(legend).to_have_text(["Left side", "Right side"])
    expect(trend).to_contain_text("Left side: 11 rises → 19 rises, a meaningful improvement")
    band = chart.locator(".chart-band").bounding_box()
    plot = chart.locator(".chart-plot").bounding_box()
    assert band is not None and plot is not None
    assert 0 < band["height"] < plot["height"]  # the band is a part of the plot, not all of it
    shoot(page, "progress-outcomes")
    for path in ("/outcomes", "/history", "/learn", "/learn/flare-up-plan"):
        axe_check(browser, live.url + path)


def test_the_plans_explanations_open_on_a_click(live: LiveServer, page: Page) -> None:
    _achilles(live)
    page.goto(live.url + "/plan")
    card = page.locator("#learn-tendon-compression")
    expect(card.get_by_text("When to stop:")).to_be_hidden()
    card.locator("summary").click()
    expect(card.get_by_text("When to stop:")).to_be_visible()
    expect(page.get_by_role("link", name="Record a result").first).to_be_visible()
    shoot(page, "plan-good-to-know")
