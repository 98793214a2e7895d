"""Exercise figures in a real browser: the library, the gallery, the plan (drawn from each block),
the desk page and the session coach (the figure moves from its start to its hold pose, or
switches at once when the person prefers reduced motion), all checked with axe-core."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from isohold.catalogue import load_catalogue
from isohold.catalogue.loader import SHIPPED
from tests.support.browser import AXE, axe_check, post_json, shoot
from tests.support.servers import LiveServer

PATELLAR = {
    "age": 24, "conditions": ["patellar_tendinopathy"], "goals": ["pain_relief"],
    "irritability": "low", "pain_now": 3, "red_flags": [], "side": "left",
    "equipment": ["leg_extension_machine"],
}  # fmt: skip


@pytest.fixture
def real_time(tmp_path: Path) -> Iterator[LiveServer]:
    """A server whose holds last as long as the plan says (the figure's move takes 1.4 s)."""
    with LiveServer(tmp_path / "real.db", time_scale=1.0) as server:
        yield server


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1024, "height": 800})
    pg = context.new_page()
    yield pg
    context.close()


def _figures(page: Page) -> list[dict[str, str]]:
    return page.eval_on_selector_all(
        "svg.figure",
        """els => els.map(e => ({
            title: e.querySelector('title')?.textContent || '',
            desc: e.querySelector('desc')?.textContent || '',
            label: e.getAttribute('aria-labelledby') || '',
            joint: e.querySelector('.fig-angle')?.dataset.joint || '',
            deg: e.querySelector('.fig-angle')?.dataset.deg || '',
        }))""",
    )


def test_the_library_and_the_gallery_show_every_figure(
    live: LiveServer, page: Page, browser: Browser
) -> None:
    page.goto(live.url + "/exercises/figures")
    expect(page.get_by_role("heading", name="Exercise figures")).to_be_visible()
    figures = _figures(page)
    assert len(figures) == len(load_catalogue(SHIPPED).exercises)
    assert all(f["title"] and f["desc"] and f["label"] for f in figures)
    wall = page.get_by_role("img", name=re.compile(r"^Wall sit"))
    expect(wall).to_be_visible()
    shoot(page, "figures-gallery")
    page.goto(live.url + "/exercises/wall-sit")
    one = _figures(page)
    assert len(one) == 1 and "measured inside the knee" in one[0]["desc"]
    shoot(page, "figure-wall-sit")
    page.goto(live.url + "/exercises?region=neck")
    assert len(_figures(page)) == len(page.locator("li.card").all())
    for path in ("/exercises", "/exercises/figures", "/exercises/neck-extension-clasped-hands"):
        axe_check(browser, live.url + path)


def test_the_plan_draws_each_block_at_its_angle_and_side(
    live: LiveServer, page: Page, browser: Browser
) -> None:
    plan = post_json(live, "/api/v1/onboard", {"profile": PATELLAR})["plan"]
    blocks = plan["program"]["blocks"]
    page.goto(live.url + "/plan")
    figures = _figures(page)
    assert len(figures) == len(blocks)
    for block, fig in zip(blocks, figures, strict=True):
        if block["joint_angle_deg"] is not None:
            assert fig["deg"] == f"{block['joint_angle_deg']:g}"
            assert f"{block['joint_angle_deg']:g} degrees" in fig["desc"]
    leg = next(f for f in figures if "leg extension" in f["title"].lower())
    assert "left" in leg["title"] and "The left leg works." in leg["desc"]
    shoot(page, "figure-plan")
    axe_check(browser, live.url + "/plan")


def test_the_desk_break_shows_its_hold(live: LiveServer, page: Page, browser: Browser) -> None:
    profile = {
        "age": 38, "conditions": ["desk_worker"], "goals": ["desk_breaks"],
        "irritability": "low", "pain_now": 2, "red_flags": [], "equipment": ["none"],
    }  # fmt: skip
    post_json(live, "/api/v1/onboard", {"profile": profile})
    page.goto(live.url + "/desk")
    figures = _figures(page)
    assert figures and all(f["desc"] for f in figures)
    axe_check(browser, live.url + "/desk")


def _shape(page: Page, part: str) -> str:
    return str(page.evaluate(
        "p => getComputedStyle(document.querySelector(`#coach-figure path[data-part='${p}']`)).d",
        part,
    ))  # fmt: skip


def test_the_coach_moves_the_figure_from_start_to_hold(real_time: LiveServer, page: Page) -> None:
    live = real_time
    post_json(live, "/api/v1/onboard", {"profile": PATELLAR})
    page.goto(live.url + "/session")
    page.get_by_role("button", name="Start").click()
    figure = page.locator("#coach-figure svg")
    expect(figure).to_be_visible()
    expect(figure).not_to_have_class(re.compile(r"\bat-hold\b"))
    assert "left" in (figure.get_attribute("aria-labelledby") or "")
    start = _shape(page, "shank.work")
    page.keyboard.press("s")  # skip "get ready": the hold begins
    expect(page.locator("#coach-phase")).to_have_text("HOLD")
    expect(figure).to_have_class(re.compile(r"\bat-hold\b"))
    page.wait_for_timeout(300)
    moving = _shape(page, "shank.work")
    hold = page.locator("#coach-figure path[data-part='shank.work']").get_attribute("data-hold")
    assert moving != start  # under way...
    page.wait_for_timeout(1800)  # the move takes 1.4 s (figures.css)
    assert _numbers(_shape(page, "shank.work")) == pytest.approx(_numbers(hold or ""), abs=0.05)
    shoot(page, "figure-coach")


def test_the_coach_respects_reduced_motion(live: LiveServer, browser: Browser) -> None:
    post_json(live, "/api/v1/onboard", {"profile": PATELLAR})
    context = browser.new_context(reduced_motion="reduce")
    page = context.new_page()
    page.goto(live.url + "/session")
    page.get_by_role("button", name="Start").click()
    page.keyboard.press("s")
    expect(page.locator("#coach-phase")).to_have_text("HOLD")
    hold = page.locator("#coach-figure path[data-part='shank.work']").get_attribute("data-hold")
    page.wait_for_timeout(100)  # no transition: the hold shape at once
    assert _numbers(_shape(page, "shank.work")) == pytest.approx(_numbers(hold or ""), abs=0.05)
    duration = page.evaluate(
        "getComputedStyle(document.querySelector('#coach-figure path')).transitionDuration"
    )
    assert duration in ("0s", "0s, 0s")
    context.close()


def _numbers(path: str) -> list[float]:
    return [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?", path)]


def test_the_coach_with_its_figure_passes_axe(live: LiveServer, browser: Browser) -> None:
    post_json(live, "/api/v1/onboard", {"profile": PATELLAR})
    context = browser.new_context(bypass_csp=True)  # axe-core is injected as a script
    page = context.new_page()
    page.goto(live.url + "/session")
    page.get_by_role("button", name="Start").click()
    expect(page.locator("#coach-figure svg")).to_be_visible()
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    context.close()
    bad = [(v["id"], v["impact"]) for v in result["violations"]
           if v["impact"] in ("serious", "critical")]  # fmt: skip
    assert bad == []
