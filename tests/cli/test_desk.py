"""`isohold desk`: settings, status, a guided break in the terminal, and the iCalendar export."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pexpect
import pytest

from tests.support.clocks import ZONE, ShiftedClock
from tests.support.commands import Run
from tests.support.profiles import EXAMPLES


def test_desk_export_ics(isohold: Run, tmp_path: Path) -> None:
    out = isohold("desk", "export", "--format", "ics", "--tz", "Europe/London",
                  "--out", str(tmp_path / "breaks.ics"))  # fmt: skip
    assert out.returncode == 0, out.stderr
    text = (tmp_path / "breaks.ics").read_text()
    assert text.count("BEGIN:VEVENT") == 23 and "RRULE:FREQ=WEEKLY" in text
    bad = isohold("desk", "export", "--tz", "Mars/Olympus")
    assert bad.returncode == 2 and "unknown time zone" in bad.stderr


@pytest.fixture
def clock() -> ShiftedClock:
    return ShiftedClock()


@pytest.fixture
def at_work(isohold: Run, clock: ShiftedClock) -> Run:
    """`isohold` run on the clock of `clock` (midday on a Monday, then ticking)."""

    def run(*args: str, **options: Any) -> subprocess.CompletedProcess[str]:
        return isohold(*args, env=clock.subprocess_env(), **options)

    return run


def _desk_worker(isohold: Run) -> None:
    profile = str(EXAMPLES / "neck-pain-desk-worker.yaml")
    assert isohold("init", "--profile", profile).returncode == 0
    out = isohold("desk", "settings", "--start", "09:00", "--end", "17:00", "--interval", "5",
                  "--days", "mon,tue,wed,thu,fri", "--tz", ZONE)  # fmt: skip
    assert out.returncode == 0, out.stderr


def test_desk_settings_and_status(at_work: Run, tmp_path: Path) -> None:
    isohold = at_work
    _desk_worker(isohold)
    shown = json.loads(isohold("desk", "settings", "--format", "json").stdout)
    assert shown["interval_min"] == 5 and shown["start"] == "09:00" and len(shown["work_days"]) == 5
    status = json.loads(isohold("desk", "status", "--format", "json").stdout)
    assert status["holds"][0]["exercise"] == "scapular-retraction-hold"
    assert status["holds"][0]["hold_s"] == 30 and status["length_s"] == 30
    assert "Next desk break: now" in isohold("desk", "status").stdout
    ics = tmp_path / "meetings.ics"
    ics.write_text("not a calendar")
    bad = isohold("desk", "settings", "--calendar", str(ics))
    assert bad.returncode == 2 and "field 'calendar'" in bad.stderr
    assert "not a valid .ics" in bad.stderr
    for args, field in [(("--quiet", "13:00"), "--quiet"), (("--days", "someday"), "work_days"),
                        (("--long-every", "3"), "long_every")]:  # fmt: skip
        refused = isohold("desk", "settings", *args)
        assert refused.returncode == 2 and field in refused.stderr, refused.stderr
        assert "Traceback" not in refused.stderr
    assert json.loads(isohold("desk", "settings", "-f", "json").stdout) == shown  # kept


def test_desk_without_breaks_in_the_plan(isohold: Run) -> None:
    assert isohold("init", "--profile", str(EXAMPLES / "low-back-pain.json")).returncode == 0
    out = isohold("desk", "--terminal", "--breaks", "1")
    assert out.returncode == 1 and "desk_worker" in out.stderr


def test_terminal_break_is_guided_and_recorded(
    at_work: Run, clock: ShiftedClock, tmp_path: Path
) -> None:
    isohold = at_work
    _desk_worker(isohold)
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "ISOHOLD_TIME_SCALE": "0.01",
           "COLUMNS": "100", "LINES": "40", "TERM": "xterm", **clock.subprocess_env()}  # fmt: skip
    child = pexpect.spawn(sys.executable, ["-m", "isohold", "desk", "--terminal", "--breaks", "1"],
                          env=env, cwd=str(tmp_path), timeout=30, encoding="utf-8",
                          dimensions=(40, 100))  # fmt: skip
    child.expect("Time for a desk break")
    child.expect("Enter start")
    child.send("\r")
    child.expect("HOLD")
    child.expect(r"Pain during the break")
    child.sendline("7")
    child.expect("above 5/10")
    child.expect("see a physiotherapist")
    child.expect(pexpect.EOF)
    history = isohold("history").stdout
    assert "1 done, 0 skipped (100% of those offered), 0 snoozed, worst pain 7/10" in history
