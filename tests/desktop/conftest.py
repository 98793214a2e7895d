"""A private D-Bus session bus: the operating-system boundary that desktop-notifier talks to
on Linux (the stand-in notification server is tests/support/notifications.py)."""

import shutil
import subprocess
from collections.abc import Iterator

import pytest


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
