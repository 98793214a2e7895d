"""init, today, checkin, bp, log, history, stats, progress, export and import through the CLI."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from tests.support.commands import Run
from tests.support.profiles import EXAMPLES


def _init(isohold: Run, db: str, example: str = "low-back-pain.json") -> None:
    out = isohold("init", "--profile", str(EXAMPLES / example), "--db", db, "-f", "json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["plan_version"] == 1


def test_init_twice_needs_force(isohold: Run, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'a.db'}"
    _init(isohold, db)
    again = isohold("init", "--profile", str(EXAMPLES / "low-back-pain.json"), "--db", db)
    assert again.returncode == 1 and "--force" in again.stderr
    forced = isohold("init", "-p", str(EXAMPLES / "low-back-pain.json"), "--db", db, "--force")
    assert forced.returncode == 0 and "plan version 2" in forced.stdout


def test_commands_before_init_say_what_to_do(isohold: Run, tmp_path: Path) -> None:
    out = isohold("today", "--db", f"sqlite:///{tmp_path / 'new.db'}")
    assert out.returncode == 1 and "isohold init" in out.stderr and "Traceback" not in out.stderr


def test_a_day_of_use(isohold: Run, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'a.db'}"
    _init(isohold, db)
    assert isohold("checkin", "--pain", "3", "--stiffness", "2", "--db", db).returncode == 0
    set_id = str(uuid.uuid4())
    for _ in range(2):  # a replay is stored once
        out = isohold("log", "bird-dog", "--hold-s", "10", "--reps", "4", "--side", "left",
                      "--pain", "2", "--uuid", set_id, "--db", db, "-f", "json")  # fmt: skip
        assert out.returncode == 0, out.stderr
    today = json.loads(isohold("today", "--db", db, "-f", "json").stdout)
    assert today["done_today"] is True and today["checkin"] == {"pain": 3, "stiffness": 2}
    hist = json.loads(isohold("history", "--db", db, "-f", "json").stdout)
    assert len(hist["sessions"]) == 1 and len(hist["sessions"][0]["sets"]) == 1
    stats = json.loads(isohold("stats", "--db", db, "-f", "json").stdout)
    assert stats["weeks"][-1]["sessions"] == 1
    # on day 1 the weekly review says what it still needs and changes nothing (issue 18)
    early = isohold("progress", "--db", db)
    assert early.returncode == 1 and "needs a week on this plan" in early.stderr
    assert "nothing was changed" in early.stderr


def test_bad_log_input(isohold: Run, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'a.db'}"
    _init(isohold, db)
    out = isohold("log", "wall-sit", "--hold-s", "30", "--db", db)
    assert out.returncode == 2 and "not in this session's plan" in out.stderr
    out = isohold("log", "bird-dog", "--hold-s", "30", "--pain", "12", "--db", db)
    assert out.returncode == 2 and "pain_during" in out.stderr
    out = isohold("log", "bird-dog", "--hold-s", "30", "--uuid", "nope", "--db", db)
    assert out.returncode == 2 and "not a UUID" in out.stderr


def test_blood_pressure_readings_say_what_they_mean(isohold: Run, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'a.db'}"
    _init(isohold, db, "hypertension-cleared.json")
    ok = json.loads(isohold("bp", "add", "132/84", "--db", db, "-f", "json").stdout)
    assert ok["verdict"]["code"] == "ok"
    high = json.loads(isohold("bp", "add", "185/100", "--db", db, "-f", "json").stdout)
    assert high["verdict"]["code"] == "no_exercise"
    bad = isohold("bp", "add", "120-80", "--db", db)
    assert bad.returncode == 2 and "128/82" in bad.stderr


def test_export_import_round_trip(isohold: Run, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'a.db'}"
    _init(isohold, db)
    isohold("checkin", "--pain", "3", "--stiffness", "2", "--db", db)
    assert isohold("export", "--db", db, "--out", str(tmp_path / "b.json")).returncode == 0
    first = json.loads((tmp_path / "b.json").read_text())
    new = f"sqlite:///{tmp_path / 'restored.db'}"
    out = isohold("import", str(tmp_path / "b.json"), "--db", new)
    assert out.returncode == 0, out.stderr
    second = json.loads(isohold("export", "--db", new).stdout)
    assert second["tables"] == first["tables"]
    twice = isohold("import", str(tmp_path / "b.json"), "--db", new)
    assert twice.returncode == 1 and "empty database" in twice.stderr
    csv = isohold("export", "--format", "csv", "--out", str(tmp_path / "csv"), "--db", db)
    assert csv.returncode == 0 and (tmp_path / "csv" / "checkins.csv").exists()


def test_corrupt_database_is_reported_not_overwritten(isohold: Run, tmp_path: Path) -> None:
    path = tmp_path / "broken.db"
    path.write_bytes(b"garbage" * 1000)
    out = isohold("today", "--db", f"sqlite:///{path}")
    assert out.returncode == 4 and "not an SQLite database" in out.stderr
    assert path.read_bytes() == b"garbage" * 1000


def test_profile_edit_changes_one_answer_and_keeps_history(isohold: Run, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'a.db'}"
    _init(isohold, db)
    out = isohold("profile", "edit", "pain_now=6", "irritability=high", "--db", db)
    assert out.returncode == 0, out.stderr
    assert "plan version 2" in out.stdout
    shown = json.loads(isohold("profile", "show", "--db", db, "-f", "json").stdout)
    assert (shown["pain_now"], shown["irritability"], shown["age"]) == (6, "high", 42)
    bad = isohold("profile", "edit", "pain_now=eleven", "--db", db)
    assert bad.returncode == 2 and "pain_now" in bad.stderr and "Traceback" not in bad.stderr
    again = isohold("init", "-p", str(EXAMPLES / "low-back-pain.json"), "--db", db)
    assert "isohold profile edit" in again.stderr
