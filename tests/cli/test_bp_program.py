"""The blood-pressure program from the command line: a week of readings typed with their
times, the averages and the gate that uses them, the simulated cuff, and the wall-squat test
from recorded heart rates, live on the simulated strap, and paced by effort."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _runner(tmp_path: Path, **env: str) -> Any:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        base = {"PATH": "/usr/bin:/bin", "COLUMNS": "100", "HOME": str(tmp_path), **env}
        if "PYTHONPATH" in os.environ:  # a checkout other than the installed one
            base["PYTHONPATH"] = os.environ["PYTHONPATH"]
        return subprocess.run(
            [sys.executable, "-m", "isohold", *args],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            timeout=120,
            env=base,
        )

    return run


def _profile(tmp_path: Path, **changes: Any) -> Path:
    profile = json.loads((EXAMPLES / "hypertension-cleared.json").read_text())
    profile.update({"bp_cleared": False, "equipment": ["wall", "heart_rate_monitor"], **changes})
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(profile))
    return path


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Any, str]:
    run = _runner(tmp_path)
    db = f"sqlite:///{tmp_path / 'bp.db'}"
    out = run("init", "--profile", str(_profile(tmp_path)), "--db", db)
    assert out.returncode == 0, out.stderr
    return run, db


def _add_week(run: Any, db: str, first: str, rest: str) -> None:
    """Two readings each morning and evening, 2-8 November 2026: all but the last by a CSV
    import, the last typed in with its time."""
    lines = ["measured_at,systolic,diastolic,position"]
    for day in range(2, 9):
        for time in ("07:00", "07:02", "19:00", "19:02"):
            reading = first if day == 2 else rest
            lines.append(f"2026-11-0{day}T{time},{reading.replace('/', ',')},seated")
    path = Path(db.removeprefix("sqlite:///")).with_name("week.csv")
    path.write_text("\n".join(lines[:-1]) + "\n")
    out = run("bp", "import", str(path), "--db", db, "-f", "json")
    assert json.loads(out.stdout) == {"saved": 27, "repeated": 0}, out.stderr
    out = run("bp", "add", rest, "--at", "2026-11-08T19:02", "--db", db)
    assert out.returncode == 0, out.stderr
    again = run("bp", "import", str(path), "--db", db, "-f", "json")
    assert json.loads(again.stdout) == {"saved": 0, "repeated": 27}


def test_a_week_of_readings_the_averages_and_the_gate(setup: tuple[Any, str]) -> None:
    run, db = setup
    _add_week(run, db, "171/101", "149/87")
    week = json.loads(run("bp", "week", "--db", db, "-f", "json").stdout)
    latest = week["latest"]
    assert (latest["start"], latest["end"]) == ("2026-11-02", "2026-11-08")
    assert (latest["systolic"], latest["diastolic"]) == (149, 87)
    assert latest["first_day_left_out"] == 4 and latest["averaged"] == 24 and latest["complete"]
    assert week["home_gate"]["at_or_above"] is True
    # a fine reading today still leaves BP training out: the home average is 149/87
    today = json.loads(run("bp", "add", "128/80", "--db", db, "-f", "json").stdout)
    assert today["verdict"]["code"] == "no_bp_training"
    gate = json.loads(run("today", "--db", db, "-f", "json").stdout)["gate"]
    assert gate["code"] == "no_bp_training"
    text = run("bp", "summary", "--db", db).stdout
    assert "149/87" in text and "15 mmHg" in text and "Asayama" in text


def test_a_fine_home_week_lets_training_go(setup: tuple[Any, str]) -> None:
    run, db = setup
    _add_week(run, db, "171/101", "138/84")
    today = json.loads(run("bp", "add", "130/82", "--db", db, "-f", "json").stdout)
    assert today["verdict"]["code"] == "ok"
    assert json.loads(run("today", "--db", db, "-f", "json").stdout)["gate"]["code"] == "go"
    crisis = json.loads(run("bp", "add", "182/95", "--db", db, "-f", "json").stdout)
    assert crisis["verdict"]["code"] == "no_exercise"


def test_the_simulated_cuff(setup: tuple[Any, str]) -> None:
    run, db = setup
    out = json.loads(run("bp", "cuff", "--device", "simulated", "--db", db, "-f", "json").stdout)
    assert out["saved"] == 1 and out["device"] == "simulated cuff"
    bad = run("bp", "cuff", "--device", "omron", "--db", db)
    assert bad.returncode == 2 and "allowed values" in bad.stderr


def test_the_wall_squat_test_from_recorded_heart_rates(setup: tuple[Any, str]) -> None:
    run, db = setup
    run("bp", "add", "132/82", "--db", db)
    out = run(
        "bp",
        "test",
        "--hr",
        "82,90,99,108",
        "--last-held-s",
        "70",
        "--stop",
        "fatigue",
        "--db",
        db,
        "-f",
        "json",
    )
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    # full stages 135:82, 125:90, 115:99; the typed peak is 108, target 102.6: deeper than the
    # deepest full stage, so the angle is that stage
    assert result["angle_deg"] == 115 and result["saved"]
    plan = json.loads(run("today", "--db", db, "-f", "json").stdout)["plan"]
    assert plan["program"]["blocks"][0]["joint_angle_deg"] == 115
    assert "111 degrees" in run("bp", "test", "--hr", "82,90,99,108", "--db", db).stdout
    bad = run("bp", "test", "--hr", "82,nine", "--db", db)
    assert bad.returncode == 2 and "--hr" in bad.stderr


def test_the_live_test_on_the_simulated_strap(tmp_path: Path, setup: tuple[Any, str]) -> None:
    _, db = setup
    run = _runner(tmp_path, ISOHOLD_TIME_SCALE="0.002")
    run("bp", "add", "132/82", "--db", db)
    out = run("bp", "test", "--device", "simulated", "--db", db, "-f", "json")
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert result["stop"] == "complete" and 95 <= result["angle_deg"] <= 135
    assert len(result["stages"]) == 5 and all(s["hr"] for s in result["stages"])


def test_effort_pacing_for_beta_blockers(tmp_path: Path) -> None:
    run = _runner(tmp_path)
    db = f"sqlite:///{tmp_path / 'bb.db'}"
    path = _profile(tmp_path, medications=["beta_blocker"])
    assert run("init", "--profile", str(path), "--db", db).returncode == 0
    run("bp", "add", "132/82", "--db", db)
    result = json.loads(run("bp", "test", "--effort", "2,3,5,7,9", "--db", db, "-f", "json").stdout)
    assert result["mode"] == "effort" and result["angle_deg"] == 111


def test_readings_keep_position_and_refuse_nonsense(setup: tuple[Any, str]) -> None:
    run, db = setup
    out = run("bp", "add", "128/80", "--position", "upside-down", "--db", db)
    assert out.returncode == 2 and "position" in out.stderr
    out = run("bp", "add", "128/80", "--at", "yesterday", "--db", db)
    assert out.returncode == 2 and "--at" in out.stderr
    assert run("bp", "add", "128/80", "--position", "standing", "--db", db).returncode == 0
    export = json.loads(run("export", "--db", db).stdout)
    (row,) = export["tables"]["bp_readings"]
    assert row["position"] == "standing" and row["device"] is None
