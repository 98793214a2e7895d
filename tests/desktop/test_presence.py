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


@pytest.mark.parametrize(
    ("out", "away"),
    [
        ("LockedHint=no\nIdleHint=no\n", False),
        ("LockedHint=yes\nIdleHint=no\n", True),
        ("LockedHint=no\nIdleHint=yes\n", True),
        ("", False),
        (None, False),  # loginctl missing or no session: breaks keep coming
    ],
)
def test_logind_hints(out: str | None, away: bool) -> None:
    calls, run = reply(out)
    assert LogindPresence(run, session="7").away() is away  # type: ignore[arg-type]
    assert calls == [["loginctl", "show-session", "7", "--property=LockedHint",
                      "--property=IdleHint"]]  # fmt: skip


@pytest.mark.parametrize(
    ("idle_s", "away"), [(0.0, False), (IDLE_S - 1, False), (IDLE_S, True), (3600.0, True)]
)
def test_mac_idle_time(idle_s: float, away: bool) -> None:
    out = f'    |   "HIDIdleTime" = {int(idle_s * 1e9)}\n'
    _, run = reply(out)
    assert MacPresence(run).away() is away  # type: ignore[arg-type]


def test_a_missing_command_reads_as_nothing() -> None:
    assert run_command(["isohold-no-such-command"]) is None
    assert run_command(["false"]) is None
    assert run_command(["echo", "IdleHint=no"]) == "IdleHint=no\n"
