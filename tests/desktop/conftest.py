# ruff: noqa: F722, F821  (D-Bus type signatures are written as annotations)
"""A private D-Bus session bus with a stand-in notification server: the operating-system
boundary that desktop-notifier talks to on Linux (org.freedesktop.Notifications)."""

import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
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


@pytest.fixture
def session_bus(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    daemon = shutil.which("dbus-daemon")
    assert daemon, "dbus-daemon is missing: `make test` installs it (Debian package dbus-daemon)"
    proc = subprocess.Popen(
        [daemon, "--session", "--nofork", "--nopidfile", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdout is not None
    address = proc.stdout.readline().strip()
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
    yield address
    proc.terminate()
    proc.wait(timeout=10)
    proc.stdout.close()


async def serve(address: str) -> tuple[Any, NotificationServer]:
    bus = await MessageBus(bus_address=address).connect()
    server = NotificationServer()
    bus.export("/org/freedesktop/Notifications", server)
    await bus.request_name("org.freedesktop.Notifications")
    return bus, server
