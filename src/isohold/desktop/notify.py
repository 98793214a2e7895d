"""Desk breaks as desktop notifications (desktop-notifier: D-Bus on Linux, the notification
centre on macOS, toasts on Windows).

A break is offered with Start, Skip and "Snooze 5 min". Start guides the holds with one
notification a step (get ready, hold, release) on an exact timer; no answer within
`answer_s` counts as skipped.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from isohold.services.desk_breaks import DeskStatus
from isohold.services.desk_runner import Guided

#: seconds to get into position before a hold (same as a session's get-ready, DR4)
READY_S = 5.0
SAFETY = "Breathe normally and keep it comfortable. Stop if it hurts, and note it in isohold."


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

    async def offer(self, st: DeskStatus) -> str:
        from desktop_notifier import Button

        loop = asyncio.get_running_loop()
        answer: asyncio.Future[str] = loop.create_future()

        def choose(choice: str) -> Callable[[], None]:
            def pressed() -> None:
                if not answer.done():
                    answer.set_result(choice)

            return pressed

        kind = "A longer desk break" if st.long else "Time for a desk break"
        await self._say(
            f"{kind} ({st.length_s:g} s)",
            describe(st),
            buttons=[Button("Start", choose("start")), Button("Skip", choose("skip")),
                     Button("Snooze 5 min", choose("snooze"))],
            on_clicked=choose("start"),
            on_dismissed=choose("ignored"),
        )  # fmt: skip
        try:
            return await asyncio.wait_for(answer, self.answer_s)
        except TimeoutError:
            return "ignored"

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
        await self._say("Break done", "Release and carry on. Well done.")
        return Guided(done=True)

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
