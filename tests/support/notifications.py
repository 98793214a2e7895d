# ruff: noqa: F722, F821  (D-Bus type signatures are written as annotations)
"""A stand-in for the desktop's notification server (org.freedesktop.Notifications) on a
D-Bus session bus: it records what desktop-notifier shows and presses its buttons."""

from dataclasses import dataclass, field
from typing import Any

from dbus_fast.aio import MessageBus
from dbus_fast.service import ServiceInterface, method, signal


@dataclass
class Shown:
    id: int
    app: str
    title: str
    body: str
    actions: dict[str, str]  # key -> button title


@dataclass
class NotificationServer(ServiceInterface):
    shown: list[Shown] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__("org.freedesktop.Notifications")

    @method()
    def GetCapabilities(self) -> "as":
        return ["actions", "body"]

    @method()
    def GetServerInformation(self) -> "ssss":
        return ["isohold-test", "isohold", "1", "1.2"]

    @method()
    def Notify(
        self,
        app: "s",
        replaces: "u",
        icon: "s",
        title: "s",
        body: "s",
        actions: "as",
        hints: "a{sv}",
        timeout: "i",
    ) -> "u":
        pairs = dict(zip(actions[::2], actions[1::2], strict=True))
        self.shown.append(Shown(len(self.shown) + 1, app, title, body, pairs))
        return len(self.shown)

    @method()
    def CloseNotification(self, id: "u"):
        self.NotificationClosed(id, 3)

    @signal()
    def ActionInvoked(self, id: int, key: str) -> "us":
        return [id, key]

    @signal()
    def NotificationClosed(self, id: int, reason: int) -> "uu":
        return [id, reason]

    def press(self, shown: Shown, title: str) -> None:
        key = next(k for k, t in shown.actions.items() if t == title)
        self.ActionInvoked(shown.id, key)


async def serve(address: str) -> tuple[Any, NotificationServer]:
    bus = await MessageBus(bus_address=address).connect()
    server = NotificationServer()
    bus.export("/org/freedesktop/Notifications", server)
    await bus.request_name("org.freedesktop.Notifications")
    return bus, server
