"""Desk breaks as desktop notifications (desktop-notifier: D-Bus on Linux, the notification
centre on macOS, toasts on Windows).

A break is offered with Start, Skip and "Snooze 5 min". Start guides the holds with one
notification a step (get ready, hold) on an exact timer, then asks about pain with one button
a zone of the pain-monitoring model. No answer to the offer within `answer_s` counts as
skipped; no answer about pain leaves the pain unknown (and the break out of the review).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from isohold.domain.pain import ACCEPTABLE_PAIN, SAFE_PAIN
from isohold.services.desk_breaks import DeskStatus
from isohold.services.desk_runner import Guided

#: seconds to get into position before a hold (same as a session's get-ready, DR4)
READY_S = 5.0
SAFETY = "Breathe normally and keep it comfortable. Stop if it hurts, and note it in isohold."
#: A notification has room for a few buttons, not eleven: pain is asked by the zones of the
#: pain-monitoring model (T6.2) and saved as the top of the zone chosen, which is the value
#: the weekly review treats the same way as any pain in that zone.
PAIN_ZONES = {"0-3": SAFE_PAIN, "4-5": ACCEPTABLE_PAIN, "More than 5": ACCEPTABLE_PAIN + 1}
PAIN_QUESTION = "Release and carry on. How much pain did the holds cause, out of 10?"
PAIN_HIGH = (
    "That was more than 5 out of 10; the weekly review will ease the break holds. If the pain "
    "does not settle by tomorrow, or keeps coming back, see a physiotherapist or doctor."
)
T = TypeVar("T")


def _effort(value: float | None) -> str:
    return f"effort {value:g}/10" if value is not None else "a comfortable effort"


def describe(st: DeskStatus) -> str:
    lines = []
    for h in st.holds:
        side = ", each side" if h.side == "each" else ""
        lines.append(f"{h.name}: {h.hold_s:g} s{side} at {_effort(h.effort)}")
    return "\n".join([*lines, SAFETY])


class NotificationScreen:
    def __init__(
        self,
        notifier: Any | None = None,
        *,
        answer_s: float = 600.0,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        if notifier is None:
            from desktop_notifier import DesktopNotifier

            notifier = DesktopNotifier(app_name="isohold")
        self.notifier = notifier
        self.answer_s = answer_s
        self.sleep = sleep

    async def _say(self, title: str, message: str, **kw: Any) -> None:
        await self.notifier.send(title=title, message=message, **kw)

    async def _ask(
        self,
        title: str,
        message: str,
        choices: dict[str, T],
        *,
        default: T | None = None,
        dismissed: T | None = None,
    ) -> T | None:
        """Show buttons and wait for a press; None when no answer comes within `answer_s`."""
        from desktop_notifier import Button

        answer: asyncio.Future[T | None] = asyncio.get_running_loop().create_future()

        def choose(value: T | None) -> Callable[[], None]:
            def pressed() -> None:
                if not answer.done():
                    answer.set_result(value)

            return pressed

        await self._say(
            title, message, buttons=[Button(label, choose(v)) for label, v in choices.items()],
            on_clicked=None if default is None else choose(default),
            on_dismissed=choose(dismissed),
        )  # fmt: skip
        try:
            return await asyncio.wait_for(answer, self.answer_s)
        except TimeoutError:
            return None

    async def offer(self, st: DeskStatus) -> str:
        kind = "A longer desk break" if st.long else "Time for a desk break"
        choice = await self._ask(
            f"{kind} ({st.length_s:g} s)", describe(st),
            {"Start": "start", "Skip": "skip", "Snooze 5 min": "snooze"},
            default="start", dismissed="ignored",
        )  # fmt: skip
        return choice or "ignored"

    async def guide(self, st: DeskStatus) -> Guided:
        for h in st.holds:
            sides = ("left", "right") if h.side == "each" else ("",)
            for side in sides:
                where = f" ({side} side)" if side else ""
                first = h.steps[0] if h.steps else ""
                await self._say(f"Get ready: {h.name}{where}", first)
                await self.sleep(READY_S)
                cue = h.cues[0] if h.cues else ""
                await self._say(f"Hold {h.hold_s:g} s{where}", f"{cue}\n{SAFETY}".strip())
                await self.sleep(h.hold_s)
        pain = await self._ask("Break done: any pain during it?", PAIN_QUESTION, PAIN_ZONES)
        if pain is not None and pain > ACCEPTABLE_PAIN:
            await self._say("Leave the break holds for today", PAIN_HIGH)
        return Guided(done=True, pain=pain)

    async def notice(self, text: str) -> None:
        await self._say("isohold desk breaks", text)

    async def aclose(self) -> None:
        """Close the D-Bus connection desktop-notifier opened (it has no public way to)."""
        bus = getattr(getattr(self.notifier, "_backend", None), "bus", None)
        if bus is not None:
            bus.disconnect()
            await bus.wait_for_disconnect()


def notifications_available() -> bool:
    """False on Linux without a D-Bus session bus (no desktop to show notifications on)."""
    import os
    import sys

    if sys.platform != "linux":
        return True
    if os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return True
    return os.path.exists(f"/run/user/{os.getuid()}/bus")
