"""The Progress page in chromium at desktop and phone width, after five weeks of training:
every chart spans its card, names the unit of its axis, keeps its tick labels, x labels and
legend inside the card and apart, and the training grid labels its weeks."""

from __future__ import annotations

from datetime import datetime
from itertools import pairwise

import pytest
from playwright.sync_api import Browser, Page, expect

from isohold.catalogue import load_catalogue
from isohold.domain.ids import new_uuid
from isohold.services import sessions
from isohold.services.context import Context
from isohold.storage.database import open_database
from tests.support.browser import axe_check, onboard, shoot
from tests.support.servers import LiveServer
from tests.web.progress_seed import seed_weeks

# Boxes in CSS pixels of what the checks compare, gathered in the page.
LAYOUT = """() => {
  const box = (el) => { const r = el.getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width}; };
  const shown = (el) => getComputedStyle(el).display !== "none";
  return [...document.querySelectorAll("figure.chart")].map((fig) => {
    const card = fig.closest(".card");
    const style = getComputedStyle(card);
    return {
      title: fig.querySelector("figcaption").textContent,
      unit: fig.querySelector(".chart-unit").textContent,
      ticks: fig.dataset.ticks.split(" ").map(Number),
      figure: box(fig), plot: box(fig.querySelector(".chart-plot")),
      card: box(card), padding: parseFloat(style.paddingLeft) + parseFloat(style.paddingRight),
      yLabels: [...fig.querySelectorAll(".chart-y text")].map(box),
      xLabels: [...fig.querySelectorAll(".chart-x text")].filter(shown).map(box),
      legend: [...fig.querySelectorAll(".chart-legend li")].map((li) => ({
        ...box(li), text: li.textContent, clipped: li.scrollWidth > li.clientWidth + 1 })),
    };
  });
}"""


def _apart(boxes: list[dict[str, float]]) -> bool:
    """No two boxes overlap."""
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            if a["left"] < b["right"] - 0.5 and b["left"] < a["right"] - 0.5 and \
                    a["top"] < b["bottom"] - 0.5 and b["top"] < a["bottom"] - 0.5:  # fmt: skip
                return False
    return True


def _is_nice_step(step: float) -> bool:
    import math

    power = 10 ** math.floor(math.log10(step))
    return any(math.isclose(step, m * power) for m in (1, 2, 2.5, 5, 10))


@pytest.mark.parametrize("width", [1280, 390])
def test_charts_are_readable_at_desktop_and_phone_width(
    live: LiveServer, browser: Browser, width: int
) -> None:
    seed_weeks(live.db)
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(live.url + "/history")
    expect(page.get_by_role("heading", name="Blood pressure")).to_be_visible()
    shoot(page, f"progress-{width}")
    fits = "(el) => el.parentElement.scrollWidth <= el.parentElement.clientWidth"
    assert page.locator(".dose-table").evaluate(fits)  # every column shows, even on a phone
    charts = page.evaluate(LAYOUT)
    context.close()
    assert {c["unit"] for c in charts} == {"/10", "s", "N", "N/s", "mmHg"}
    for c in charts:
        name = c["title"]
        steps = {round(b - a, 9) for a, b in pairwise(c["ticks"])}
        assert len(steps) == 1 and _is_nice_step(steps.pop()), (name, c["ticks"])
        inner = c["card"]["width"] - c["padding"] - 2  # 2: the card's border
        assert c["figure"]["width"] >= inner - 1, (name, c["figure"], inner)  # full card width
        for label in c["yLabels"] + c["xLabels"]:  # nothing sticks out of the card
            assert c["card"]["left"] <= label["left"] and label["right"] <= c["card"]["right"], (
                name, label)  # fmt: skip
            assert label["left"] >= 0 and label["right"] <= width
        assert _apart(c["xLabels"]), (name, c["xLabels"])
        assert _apart(c["legend"]) and not any(item["clipped"] for item in c["legend"]), name
        assert all("…" not in item["text"] for item in c["legend"])
    hold = next(c for c in charts if c["unit"] == "s")
    assert [item["text"] for item in hold["legend"]] == [
        "Bird dog", "Handgrip hold", "Modified curl-up", "Side plank (feet staggered)"]  # fmt: skip


def test_the_training_grid_labels_its_weeks(live: LiveServer, browser: Browser) -> None:
    seed_weeks(live.db, weeks=2)
    page = browser.new_page()
    page.goto(live.url + "/history")
    grid = page.get_by_role("img", name="Training days, last 12 weeks")
    labels = grid.locator(".week-label").all_text_contents()
    assert len(labels) == 12 and all(label.split()[0].isdigit() for label in labels)
    monday = datetime.now().date().toordinal() - datetime.now().weekday()
    this_week = datetime.fromordinal(monday)
    assert labels[-1] == f"{this_week.day} {this_week:%b}"
    page.close()


def _single_set_session(live: LiveServer) -> None:
    ctx = Context(db=open_database(f"sqlite:///{live.db}"), catalogue=load_catalogue())
    try:
        state = sessions.start(ctx)
        assert state.plan.program is not None
        block = state.plan.program.blocks[0]
        side = "left" if block.side == "each" else block.side
        sessions.record_set(ctx, state.uuid, sessions.SetDone(
            block.exercise, 1, side, block.reps, block.hold_s, uuid=new_uuid()))  # fmt: skip
        sessions.finish(ctx, state.uuid, "partial")
    finally:
        ctx.close()


def test_one_set_on_the_first_day(live: LiveServer, page: Page, browser: Browser) -> None:
    onboard(live)
    page.goto(live.url + "/history")
    expect(page.locator(".lead")).to_contain_text("No session is due yet")
    _single_set_session(live)
    page.reload()
    expect(page.locator(".lead")).to_contain_text("You did 100% of the sessions due so far.")
    item = page.locator("#recent-sessions li")
    expect(item).to_contain_text("ended early, 1 set")
    expect(item).not_to_contain_text("1 sets")
    expect(page.get_by_role("img", name="Training days, last 12 weeks")).to_have_attribute(
        "aria-label", "Training days, last 12 weeks: trained on 1 day of the last 12 weeks."
    )
    axe_check(browser, live.url + "/history")


def test_axe_finds_nothing_on_a_full_progress_page(live: LiveServer, browser: Browser) -> None:
    seed_weeks(live.db, weeks=2)
    axe_check(browser, live.url + "/history")
