"""Is the person at the computer? Screen locked or idle, as far as the platform tells.

- Linux: systemd-logind's `LockedHint` and `IdleHint` for this session (`loginctl`); desktops
  that do not report them read as present.
- macOS: seconds since the last keyboard or mouse input (`ioreg`, HIDIdleTime).
- Windows: the same through GetLastInputInfo.
When nothing can be asked, the person counts as present, so breaks keep coming.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
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
    def __init__(self, run: Run = run_command, session: str | None = None) -> None:
        self.run = run
        self.session = session or os.environ.get("XDG_SESSION_ID") or "auto"

    def away(self) -> bool:
        out = self.run(["loginctl", "show-session", self.session,
                        "--property=LockedHint", "--property=IdleHint"])  # fmt: skip
        if out is None:
            return False
        hints = dict(line.split("=", 1) for line in out.splitlines() if "=" in line)
        return hints.get("LockedHint") == "yes" or hints.get("IdleHint") == "yes"


class MacPresence:
    def __init__(self, run: Run = run_command) -> None:
        self.run = run

    def away(self) -> bool:
        out = self.run(["ioreg", "-c", "IOHIDSystem", "-d", "4"])
        found = re.search(r'"HIDIdleTime"\s*=\s*(\d+)', out or "")
        return found is not None and int(found.group(1)) / 1e9 >= IDLE_S


class WindowsPresence:
    def away(self) -> bool:  # pragma: no cover - needs Windows
        import ctypes

        class LastInput(ctypes.Structure):
            _fields_ = [("cbSize", ctypes.c_uint), ("dwTime", ctypes.c_uint)]

        info = LastInput()
        info.cbSize = ctypes.sizeof(info)
        windll = ctypes.windll  # type: ignore[attr-defined]
        if not windll.user32.GetLastInputInfo(ctypes.byref(info)):
            return False
        idle_ms = int(windll.kernel32.GetTickCount()) - int(info.dwTime)
        return idle_ms / 1000.0 >= IDLE_S


def for_this_platform() -> LogindPresence | MacPresence | WindowsPresence:
    if sys.platform == "darwin":
        return MacPresence()
    if sys.platform == "win32":
        return WindowsPresence()
    return LogindPresence()
