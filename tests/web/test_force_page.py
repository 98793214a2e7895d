"""The Force page as a person sees it, in chromium: the plan's exercise named with its side,
how to attach the sensor, a short friendly message when the Bluetooth sensor cannot be
reached, and a live force-time curve with the target band beside the bar."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.support.browser import axe_check, post_json, shoot
from tests.support.servers import LiveServer
from tests.web.progress_seed import HYPERTENSION_BACK
from tests.web.test_force_browser import PATELLAR

# Records every polyline the curve draws: how many points, and their x and y extents.
WATCH_CURVE = """() => {
  window.curves = [];
  const line = document.getElementById("force-curve-line");
  new MutationObserver(() => {
    const pts = (line.getAttribute("points") || "").trim().split(" ").filter(Boolean)
      .map((p) => p.split(",").map(Number));
    if (!pts.length) return;
    const xs = pts.map((p) => p[0]), ys = pts.map((p) => p[1]);
    window.curves.push({ n: pts.length, x0: Math.min(...xs), x1: Math.max(...xs),
                         y0: Math.min(...ys), y1: Math.max(...ys), last: pts[pts.length - 1] });
  }).observe(line, { attributes: true, attributeFilter: ["points"] });
}"""


def test_the_plan_names_the_exercise_and_shows_the_set_up(
    live: LiveServer, page: Page, browser: Browser
) -> None:
    post_json(live, "/api/v1/onboard", {"profile": PATELLAR})
    page.goto(live.url + "/force")
    name = "Isometric leg extension, left leg"
    expect(page.locator("#mvc-title + .exercise-name")).to_have_text(f"For: {name}")
    expect(page.get_by_text(f"From your plan: {name}, 70% MVC for 45 s.")).to_be_visible()
    expect(page.locator("#live-title")).to_have_text(f"Live: {name}")
    setup = page.locator("#force-setup")
    expect(setup).to_have_attribute("open", "")  # open until the first MVC is saved
    expect(setup.locator("summary")).to_have_text(f"Setting up the Tindeq Progressor for {name}")
    expect(setup).to_contain_text("Loop a strong strap round the machine's shin-pad arm")
    expect(setup).to_contain_text("press its button to wake it")
    axe_check(browser, live.url + "/force")


def test_a_handgrip_plan_names_the_hands(live: LiveServer, page: Page) -> None:
    post_json(live, "/api/v1/onboard", {"profile": HYPERTENSION_BACK})
    page.goto(live.url + "/force")
    expect(page.locator("#mvc-title + .exercise-name")).to_have_text(
        "For: Handgrip hold, each hand in turn"
    )
    expect(page.locator("#force-setup")).to_contain_text("The Progressor measures a pull")


@pytest.mark.parametrize("width", [1280, 390])
def test_no_bluetooth_is_a_short_friendly_message(
    live: LiveServer, browser: Browser, width: int
) -> None:
    """The Progressor over real Bluetooth: in the test machine there is no adapter (or no
    sensor in range), which is exactly what a person without one meets."""
    post_json(live, "/api/v1/onboard", {"profile": PATELLAR})
    context = browser.new_context(viewport={"width": width, "height": 900})
    pg = context.new_page()
    pg.goto(live.url + "/force")
    pg.get_by_label("Force sensor").select_option("progressor")
    pg.get_by_role("button", name="Start the MVC test").click()
    help_box = pg.locator("#force-sensor-help")
    expect(help_box).to_be_visible(timeout=120_000)  # a scan for a sensor lasts up to 10 s
    expect(pg.locator("#force-phase")).to_have_text("Sensor not connected")
    for words in ("Bluetooth is switched on", "charged and awake", "within a few metres",
                  "bleak"):  # fmt: skip
        expect(help_box).to_contain_text(words)
    expect(pg.get_by_text("Errno")).not_to_be_visible()  # only under "What the computer said"
    expect(pg.get_by_role("button", name="Start the MVC test")).to_be_enabled()
    shoot(pg, f"force-no-sensor-{width}")
    context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_a_live_curve_with_the_band_beside_the_bar(
    live: LiveServer, browser: Browser, width: int
) -> None:
    post_json(live, "/api/v1/onboard", {"profile": PATELLAR})
    context = browser.new_context(viewport={"width": width, "height": 900})
    pg = context.new_page()
    pg.goto(live.url + "/force")
    pg.evaluate(WATCH_CURVE)
    pg.get_by_role("button", name="Start the MVC test").click()
    result = pg.locator("#force-result")
    expect(result).to_contain_text("Your MVC", timeout=120_000)
    curves = pg.evaluate("window.curves")
    assert len(curves) > 5 and max(c["n"] for c in curves) > 200, curves[-3:]
    assert min(c["y0"] for c in curves) < 80  # the efforts reach well up the plot
    assert max(c["x1"] for c in curves) == pytest.approx(352, abs=1)  # "now" at the right
    expect(pg.locator("#force-curve-unit")).to_have_text("N")

    pg.get_by_label("Hold, seconds").fill("20")
    pg.evaluate(WATCH_CURVE)
    pg.get_by_role("button", name="Start the hold").click()
    expect(result).to_contain_text("Time in the band", timeout=120_000)
    expect(pg.locator("#force-curve-unit")).to_have_text("% MVC")
    band = pg.locator("#force-curve-band")
    top, height = float(band.get_attribute("y") or 0), float(band.get_attribute("height") or 0)
    # 70 +- 5 % MVC on an axis to 150 % (the bar's 140, up to a nice tick): 160 px tall from 24
    assert top == pytest.approx(24 + 160 * (1 - 75 / 150), abs=0.5)
    assert height == pytest.approx(160 * 10 / 150, abs=0.5)
    pulling = [c["last"][1] for c in pg.evaluate("window.curves") if c["last"][1] < 140]
    # from the first frame drawn in the band to the last (how many frames the rise and the
    # release take depends on how busy the machine is), every frame stays in the band
    inside = [i for i, y in enumerate(pulling) if top - 4 <= y <= top + height + 4]
    assert inside, (top, height, pulling)
    steady = pulling[inside[0] : inside[-1] + 1]
    assert len(steady) > 5 and all(top - 4 <= y <= top + height + 4 for y in steady), (
        top, height, pulling)  # fmt: skip
    live_box = pg.locator(".live-now").bounding_box()
    curve_box = pg.locator("#force-curve").bounding_box()
    assert live_box and curve_box
    if width >= 1000:  # side by side on a wide screen, stacked on a phone
        assert curve_box["x"] > live_box["x"] + live_box["width"] - 1
    else:
        assert curve_box["y"] >= live_box["y"] + live_box["height"] - 1
    assert curve_box["x"] + curve_box["width"] <= width
    pg.locator("#live-title").scroll_into_view_if_needed()
    shoot(pg, f"force-{width}")
    context.close()
