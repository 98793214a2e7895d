"""Databases the command cannot or must not use, and calendars that break: one clear line and
an exit code, never a traceback, never a changed file."""

from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path

import pytest

from tests.services.test_calendar import REFUSED, SECONDLY, ics
from tests.support.commands import Run
from tests.support.profiles import EXAMPLES


def _clean(out: object, code: int, *words: str) -> None:
    assert out.returncode == code, (out.returncode, out.stderr)  # type: ignore[attr-defined]
    assert "Traceback" not in out.stderr  # type: ignore[attr-defined]
    for word in words:
        assert word in out.stderr, out.stderr  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "url",
    ["foo", "://", "sqlite:/x.db", "nosuchdb://u@h/db", "mysql://u@h/db", "sqlite://",
     "sqlite:///x.db?timeout=abc", "postgresql+psycopg://u@h:port/db", "sqlite+nodriver:///x"],
)  # fmt: skip
def test_a_malformed_db_url_is_bad_input(isohold: Run, url: str) -> None:
    _clean(isohold("today", "--db", url), 2, "--db")


def test_a_bad_isohold_db_variable_is_named_too(tmp_path: Path) -> None:
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-m", "isohold", "today"], capture_output=True, text=True, cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "ISOHOLD_DB": "nonsense"},
        timeout=60,
    )  # fmt: skip
    _clean(out, 2, "database URL")


def test_another_programs_database_is_named_and_not_changed(isohold: Run, tmp_path: Path) -> None:
    path = tmp_path / "app.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
        conn.execute("INSERT INTO alembic_version VALUES ('ae1027a6acf')")
        conn.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY)")
    conn.close()
    before = path.read_bytes()
    out = isohold("init", "--profile", str(EXAMPLES / "low-back-pain.json"), "--db",
                  f"sqlite:///{path}")  # fmt: skip
    _clean(out, 4, "another program's Alembic database")
    assert "newer" not in out.stderr
    assert path.read_bytes() == before and not Path(f"{path}-wal").exists()


def test_a_read_only_database_says_read_only(isohold: Run, tmp_path: Path) -> None:
    path = tmp_path / "ro.db"
    db = f"sqlite:///{path}"
    assert isohold("init", "--profile", str(EXAMPLES / "low-back-pain.json"), "--db",
                   db).returncode == 0  # fmt: skip
    out = isohold("checkin", "--pain", "3", "--stiffness", "2", "--db",
                  f"sqlite:///file:{path}?mode=ro&uri=true")  # fmt: skip
    _clean(out, 4, "read-only")
    assert "busy" not in out.stderr


def test_a_calendar_that_breaks_blocks_no_desk_command(isohold: Run, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'desk.db'}"
    init = isohold("init", "--profile", str(EXAMPLES / "neck-pain-desk-worker.yaml"), "--db", db)
    assert init.returncode == 0, init.stderr
    bomb = ics(tmp_path, SECONDLY, name="bomb.ics")
    _clean(isohold("desk", "settings", "--calendar", str(bomb), "--db", db), 2, "calendar")
    good = ics(tmp_path, "DTSTART:20261019T100000Z\r\nDTEND:20261019T110000Z", name="work.ics")
    assert isohold("desk", "settings", "--calendar", str(good), "--db", db).returncode == 0
    good.write_text(bomb.read_text())
    os.utime(good, (1_900_000_000, 1_900_000_000))
    status = isohold("desk", "status", "--db", db)
    assert status.returncode == 0 and re.search(REFUSED, status.stdout), status.stderr
    changed = isohold("desk", "settings", "--interval", "30", "--db", db, "-f", "json")
    assert changed.returncode == 0, changed.stderr
    assert '"interval_min": 30' in changed.stdout
