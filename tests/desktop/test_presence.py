"""Presence from what the platform tells: logind hints on Linux, input idle time on macOS."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from isohold.desktop.presence import IDLE_S, LogindPresence, MacPresence, run_command


def reply(text: str | None) -> tuple[list[list[str]], object]:
    calls: list[list[str]] = []

    def run(args: Sequence[str]) -> str | None:
        calls.append(list(args))
        return text

    return calls, run


NOW = 1_795_000_000.0  # the computer's clock, seconds since 1970
IDLE_SINCE = f"IdleSinceHint={int((NOW - 600) * 1e6)}\n"  # idle for the last 10 minutes


@pytest.mark.parametrize(
    ("out", "away"),
    [
        ("LockedHint=no\nIdleHint=no\nIdleSinceHint=0\n", None),
        ("LockedHint=yes\nIdleHint=no\nIdleSinceHint=0\n", 0.0),  # just locked
        ("LockedHint=no\nIdleHint=yes\n" + IDLE_SINCE, 600.0),
        ("LockedHint=no\nIdleHint=yes\nIdleSinceHint=0\n", 0.0),  # idle, since unknown
        ("", None),
        (None, None),  # loginctl missing or no session: breaks keep coming
    ],
)
def test_logind_hints(out: str | None, away: float | None) -> None:
    calls, run = reply(out)
    got = LogindPresence(run, session="7", clock=lambda: NOW).away_s()  # type: ignore[arg-type]
    assert got == (None if away is None else pytest.approx(away, abs=1e-3))
    assert calls == [["loginctl", "show-session", "7", "--property=LockedHint",
                      "--property=IdleHint", "--property=IdleSinceHint"]]  # fmt: skip


@pytest.mark.parametrize(
    ("idle_s", "away"),
    [(0.0, None), (IDLE_S - 1, None), (IDLE_S, IDLE_S), (3600.0, 3600.0)],
)
def test_mac_idle_time(idle_s: float, away: float | None) -> None:
    out = f'    |   "HIDIdleTime" = {int(idle_s * 1e9)}\n'
    _, run = reply(out)
    assert MacPresence(run).away_s() == away  # type: ignore[arg-type]


def test_a_missing_command_reads_as_nothing() -> None:
    assert run_command(["isohold-no-such-command"]) is None
    assert run_command(["false"]) is None
    assert run_command(["echo", "IdleHint=no"]) == "IdleHint=no\n"
