"""Is the person at the computer, and if not, for how long? Screen locked or idle, as far as
the platform tells (`away_s`: seconds away, or None while present).

- Linux: systemd-logind's `LockedHint` and `IdleHint` for this session (`loginctl`), with
  `IdleSinceHint` for when idleness began; desktops that do not report them read as present.
- macOS: seconds since the last keyboard or mouse input (`ioreg`, HIDIdleTime).
- Windows: the same through GetLastInputInfo.
When nothing can be asked, the person counts as present, so breaks keep coming.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Sequence

#: No keyboard or mouse input for this long reads as "away" where only idle time is known.
IDLE_S = 300.0

Run = Callable[[Sequence[str]], str | None]


def run_command(args: Sequence[str]) -> str | None:
    """A command's standard output, or None when it cannot run or fails."""
    try:
        done = subprocess.run(list(args), capture_output=True, text=True, timeout=5, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


class LogindPresence:
    def __init__(
        self, run: Run = run_command, session: str | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:  # fmt: skip
        self.run = run
        self.session = session or os.environ.get("XDG_SESSION_ID") or "auto"
        self.clock = clock

    def away_s(self) -> float | None:
        out = self.run(["loginctl", "show-session", self.session, "--property=LockedHint",
                        "--property=IdleHint", "--property=IdleSinceHint"])  # fmt: skip
        if out is None:
            return None
        hints = dict(line.split("=", 1) for line in out.splitlines() if "=" in line)
        if hints.get("IdleHint") == "yes":
            since_us = hints.get("IdleSinceHint", "0")
            if since_us.isdigit() and int(since_us) > 0:
                return max(0.0, self.clock() - int(since_us) / 1e6)
            return 0.0
        return 0.0 if hints.get("LockedHint") == "yes" else None


class MacPresence:
    def __init__(self, run: Run = run_command) -> None:
        self.run = run

    def away_s(self) -> float | None:
        out = self.run(["ioreg", "-c", "IOHIDSystem", "-d", "4"])
        found = re.search(r'"HIDIdleTime"\s*=\s*(\d+)', out or "")
        idle = int(found.group(1)) / 1e9 if found else 0.0
        return idle if idle >= IDLE_S else None


class WindowsPresence:
    def away_s(self) -> float | None:  # pragma: no cover - needs Windows
        import ctypes

        class LastInput(ctypes.Structure):
            _fields_ = [("cbSize", ctypes.c_uint), ("dwTime", ctypes.c_uint)]

        info = LastInput()
        info.cbSize = ctypes.sizeof(info)
        windll = ctypes.windll  # type: ignore[attr-defined]
        if not windll.user32.GetLastInputInfo(ctypes.byref(info)):
            return None
        idle = (int(windll.kernel32.GetTickCount()) - int(info.dwTime)) / 1000.0
        return idle if idle >= IDLE_S else None


def for_this_platform() -> LogindPresence | MacPresence | WindowsPresence:
    if sys.platform == "darwin":
        return MacPresence()
    if sys.platform == "win32":
        return WindowsPresence()
    return LogindPresence()
