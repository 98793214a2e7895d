"""Desk breaks as desktop notifications, through the real desktop-notifier and D-Bus, with a
stand-in notification server: the break is offered with buttons, a press comes back as the
person's answer, and a started break is guided one notification a step."""

from __future__ import annotations

import asyncio

from isohold.desktop.notify import NotificationScreen
from isohold.domain.desk_break import BreakHold
from isohold.domain.desk_settings import default_settings
from isohold.services.desk_breaks import DeskStatus
from tests.support.notifications import NotificationServer, serve

HOLDS = (
    BreakHold("scapular-retraction-hold", "Shoulder blade hold", 30.0, "both", 3.0,
              ("Wide across the collarbones",), ("Sit tall.",)),
    BreakHold("shoulder-external-rotation-isometric", "Outward rotation press", 20.0, "each",
              3.0, ("Elbow by your side",), ("Stand side-on to a wall.",)),
)  # fmt: skip


def status() -> DeskStatus:
    return DeskStatus(default_settings("UTC"), None, HOLDS, 90.0, True, None, None)


def _answer_s(button: str | None) -> float:
    """How long the screen waits for a press: far longer than a busy machine takes to deliver
    one when a button is pressed; short when the test lets the question go unanswered."""
    return 0.5 if button is None else 120.0


async def _until(server: NotificationServer, screen: NotificationScreen, count: int) -> None:
    """Wait until `count` notifications are shown and the screen has registered them (a press
    on one the notifier does not know yet would be dropped)."""
    for _ in range(6000):  # a minute at most: the notifications arrive long before on any machine
        known = await screen.notifier.get_current_notifications()
        if len(server.shown) >= count and len(known) >= count:
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"only {len(server.shown)} notifications arrived")


def _answer(address: str, button: str | None) -> tuple[str, NotificationServer]:
    async def go() -> tuple[str, NotificationServer]:
        bus, server = await serve(address)
        screen = NotificationScreen(answer_s=_answer_s(button))
        offer = asyncio.create_task(screen.offer(status()))
        await _until(server, screen, 1)
        if button is not None:
            server.press(server.shown[0], button)
        answer = await offer
        await screen.aclose()
        bus.disconnect()
        await bus.wait_for_disconnect()
        return answer, server

    return asyncio.run(go())


def test_a_break_is_offered_with_three_buttons(session_bus: str) -> None:
    answer, server = _answer(session_bus, "Snooze 5 min")
    assert answer == "snooze"
    shown = server.shown[0]
    assert shown.app == "isohold" and shown.title == "A longer desk break (90 s)"
    assert set(shown.actions.values()) >= {"Start", "Skip", "Snooze 5 min"}
    assert "Shoulder blade hold: 30 s at effort 3/10" in shown.body
    assert "Outward rotation press: 20 s, each side" in shown.body
    assert "Stop if it hurts" in shown.body


def test_each_button_is_its_answer(session_bus: str) -> None:
    assert _answer(session_bus, "Start")[0] == "start"
    assert _answer(session_bus, "Skip")[0] == "skip"


def test_no_answer_in_time_counts_as_ignored(session_bus: str) -> None:
    assert _answer(session_bus, None)[0] == "ignored"


def _guide(address: str, button: str | None) -> tuple[int | None, list[str], list[float]]:
    waited: list[float] = []

    async def sleep(seconds: float) -> None:
        waited.append(seconds)

    async def go() -> tuple[int | None, list[str]]:
        bus, server = await serve(address)
        screen = NotificationScreen(sleep=sleep, answer_s=_answer_s(button))
        guided = asyncio.create_task(screen.guide(status()))
        await _until(server, screen, 7)
        if button is not None:
            server.press(server.shown[6], button)
        result = await guided
        assert result.done
        await screen.aclose()
        bus.disconnect()
        await bus.wait_for_disconnect()
        return result.pain, [s.title for s in server.shown]

    pain, titles = asyncio.run(go())
    return pain, titles, waited


def test_a_started_break_is_guided_step_by_step(session_bus: str) -> None:
    pain, titles, waited = _guide(session_bus, "4-5")
    assert titles == [
        "Get ready: Shoulder blade hold", "Hold 30 s",
        "Get ready: Outward rotation press (left side)", "Hold 20 s (left side)",
        "Get ready: Outward rotation press (right side)", "Hold 20 s (right side)",
        "Break done: any pain during it?",
    ]  # fmt: skip
    assert waited == [5.0, 30.0, 5.0, 20.0, 5.0, 20.0]
    assert pain == 5  # the top of the zone chosen


def test_pain_above_the_limit_gets_advice(session_bus: str) -> None:
    pain, titles, _ = _guide(session_bus, "More than 5")
    assert pain == 6 and titles[-1] == "Leave the break holds for today"


def test_no_pain_answer_leaves_the_pain_unknown(session_bus: str) -> None:
    pain, titles, _ = _guide(session_bus, None)
    assert pain is None and titles[-1] == "Break done: any pain during it?"
