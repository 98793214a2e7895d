"""The terminal coach driven end to end in a pseudo-terminal (pexpect), at a test time scale."""

from __future__ import annotations

import os
import signal
import sqlite3
import sys
from pathlib import Path

import pexpect
import pytest

from tests.support.profiles import EXAMPLES

PAIN = "Pain during that exercise"
EFFORT = "How hard was it"
WARN = "unusual breathlessness"


def _spawn(args: list[str], db: Path, tmp_path: Path) -> pexpect.spawn:
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "ISOHOLD_DB": f"sqlite:///{db}",
        "ISOHOLD_TIME_SCALE": "0.01",
        "COLUMNS": "100",
        "LINES": "40",
        "TERM": "xterm",
    }
    return pexpect.spawn(
        sys.executable, ["-m", "isohold", *args], env=env, cwd=str(tmp_path), timeout=30,
        encoding="utf-8", dimensions=(40, 100), preexec_fn=_as_at_a_terminal,
    )  # fmt: skip


def _as_at_a_terminal() -> None:
    """Ctrl-C as at a terminal: a suite started in the background (a CI job, `make test &`)
    runs with SIGINT ignored, which its children inherit, and Python then never raises
    KeyboardInterrupt."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "isohold.db"
    child = _spawn(["init", "--profile", str(EXAMPLES / "low-back-pain.json")], path, tmp_path)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    return path


def _rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def _answer(child: pexpect.spawn, pain: str = "2", warning: str = "n") -> None:
    child.expect(PAIN)
    child.sendline(pain)
    child.expect(EFFORT)
    child.sendline("4")
    child.expect(WARN)
    child.sendline(warning)


def test_full_session_saves_every_set(db: Path, tmp_path: Path) -> None:
    child = _spawn(["session", "--no-bell"], db, tmp_path)
    for _ in range(3):
        _answer(child)
    child.expect("Session complete")
    child.expect(pexpect.EOF)
    # curl-up 2 sets (both sides together), side plank and bird dog 2 sets x 2 sides
    assert _rows(db, "SELECT count(*) FROM sets") == [(10,)]
    assert _rows(db, "SELECT status FROM sessions") == [("complete",)]
    assert _rows(db, "SELECT count(*) FROM exercise_reports") == [(3,)]
    assert _rows(db, "SELECT min(reps_done), max(reps_done) FROM sets") == [(4, 4)]


def test_pain_above_the_limit_stops_the_session(db: Path, tmp_path: Path) -> None:
    child = _spawn(["session", "--no-bell"], db, tmp_path)
    _answer(child, pain="6")
    child.expect("Session stopped")
    child.expect("above your limit of 5/10")
    child.expect(pexpect.EOF)
    assert _rows(db, "SELECT status FROM sessions") == [("stopped",)]
    assert _rows(db, "SELECT count(*) FROM sets") == [(2,)]


def test_warning_signs_stop_with_advice(db: Path, tmp_path: Path) -> None:
    child = _spawn(["session", "--no-bell"], db, tmp_path)
    _answer(child, warning="y")
    child.expect("call an")
    child.expect(pexpect.EOF)
    assert _rows(db, "SELECT status FROM sessions") == [("stopped",)]


def test_q_ends_and_saves(db: Path, tmp_path: Path) -> None:
    child = _spawn(["session", "--no-bell"], db, tmp_path)
    _answer(child)
    child.expect("Side plank")
    child.send("q")
    child.expect("Session partial")
    child.expect(pexpect.EOF)
    assert _rows(db, "SELECT status FROM sessions") == [("partial",)]
    assert _rows(db, "SELECT count(*) FROM sets WHERE exercise = 'modified-curl-up'") == [(2,)]


def test_ctrl_c_keeps_sets_and_the_session_resumable(db: Path, tmp_path: Path) -> None:
    """Issue 18, finding 13: as the README says, Ctrl-C keeps what was done and the next
    `isohold session` offers to resume."""
    child = _spawn(["session", "--no-bell"], db, tmp_path)
    _answer(child)
    child.expect("Side plank")
    child.sendintr()
    child.expect("Session interrupted")
    child.expect("offers to resume")
    child.expect(pexpect.EOF)
    assert _rows(db, "SELECT status FROM sessions") == [("in_progress",)]
    again = _spawn(["session", "--no-bell"], db, tmp_path)
    again.expect("was not finished")
    again.sendline("n")
    again.expect("Modified curl-up")
    again.send("q")
    again.expect(pexpect.EOF)


def test_kill_9_then_resume_finishes_only_what_is_left(db: Path, tmp_path: Path) -> None:
    child = _spawn(["session", "--no-bell"], db, tmp_path)
    _answer(child)
    child.expect("Side plank")
    os.kill(child.pid, signal.SIGKILL)
    child.expect(pexpect.EOF)
    child.close()
    saved = _rows(db, "SELECT count(*) FROM sets")[0][0]
    assert saved >= 2
    assert _rows(db, "SELECT status FROM sessions") == [("in_progress",)]
    again = _spawn(["session", "--no-bell"], db, tmp_path)
    again.expect("was not finished")
    again.sendline("y")
    for _ in range(2):  # the curl-up was already reported: side plank and bird dog remain
        _answer(again)
    again.expect("Session complete")
    again.expect(pexpect.EOF)
    assert _rows(db, "SELECT count(*) FROM sessions") == [(1,)]
    assert _rows(db, "SELECT count(*) FROM sets") == [(10,)]
    assert _rows(db, "SELECT status FROM sessions") == [("complete",)]


def test_severe_pain_stops_asks_for_reassessment_and_leaves_the_exercise_out(
    db: Path, tmp_path: Path
) -> None:
    """Issue 10, finding 3: 9/10 during a hold is not eased off but stopped, with the red-flag
    reminder; the next session leaves that exercise out until it is reassessed."""
    child = _spawn(["session", "--no-bell"], db, tmp_path)
    _answer(child, pain="9")
    child.expect("Session stopped")
    child.expect("reassess")
    child.expect("numbness between the legs")
    child.expect(pexpect.EOF)
    again = _spawn(["session", "--no-bell", "--new"], db, tmp_path)
    again.expect("Left out today: Modified curl-up")
    again.expect("Side plank")
    again.send("q")
    again.expect(pexpect.EOF)


def _init(profile: dict[str, object], db: Path, tmp_path: Path) -> None:
    import json

    (tmp_path / "profile.json").write_text(json.dumps(profile))
    child = _spawn(["init", "--profile", str(tmp_path / "profile.json")], db, tmp_path)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before


STRONG_HYPERTENSIVE = {
    "age": 52, "conditions": ["patellar_tendinopathy", "hypertension"],
    "goals": ["pain_relief", "blood_pressure"], "irritability": "low", "pain_now": 2,
    "red_flags": [], "equipment": ["leg_extension_machine", "handgrip_dynamometer"],
    "resting_bp": {"systolic": 136, "diastolic": 86}, "bp_medicated": False, "bp_cleared": False,
}  # fmt: skip


def test_a_gated_day_leaves_out_heavy_holds_not_only_bp_training(tmp_path: Path) -> None:
    """Issue 10, finding 2: after `bp add 166/102` the session leaves out the 70% MVC leg
    extension as well as the handgrip training, and says why."""
    db = tmp_path / "isohold.db"
    _init(STRONG_HYPERTENSIVE, db, tmp_path)
    add = _spawn(["bp", "add", "166/102"], db, tmp_path)
    add.expect(pexpect.EOF)
    child = _spawn(["session", "--no-bell"], db, tmp_path)
    child.expect("every hold in today's plan is left out today")
    child.expect("Isometric leg extension: a heavy or all-out hold")
    child.expect("Handgrip hold: blood-pressure training")
    child.expect("at or above 160/100")
    child.expect(pexpect.EOF)
    assert _rows(db, "SELECT count(*) FROM sessions") == [(0,)]


def test_with_hypertension_a_session_asks_for_a_reading_first(tmp_path: Path) -> None:
    db = tmp_path / "isohold.db"
    _init(STRONG_HYPERTENSIVE, db, tmp_path)
    child = _spawn(["session", "--no-bell"], db, tmp_path)
    child.expect("Measure your resting blood pressure")
    child.sendline("186/112")
    child.expect("very high: no exercise today")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
    assert _rows(db, "SELECT count(*) FROM sessions") == [(0,)]
    assert _rows(db, "SELECT systolic, diastolic FROM bp_readings") == [(186, 112)]


def test_after_a_referral_the_session_only_repeats_it(tmp_path: Path) -> None:
    """Issue 10, finding 7: after an emergency referral there is no session to start."""
    db = tmp_path / "isohold.db"
    child = _spawn(["init", "--profile", str(EXAMPLES / "red-flag-referral.json")], db, tmp_path)
    child.expect(pexpect.EOF)
    for command in (["session", "--no-bell"], ["today"]):
        run = _spawn(command, db, tmp_path)
        run.expect("Emergency: go to an emergency department now")
        run.expect(pexpect.EOF)
        assert "check-in" not in (run.before or "").lower()
    assert _rows(db, "SELECT count(*) FROM sessions") == [(0,)]
