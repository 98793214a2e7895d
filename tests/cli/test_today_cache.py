"""A repeated `isohold today` is answered from its last answer, with the standard library only,
and only while that answer holds: a change to the person's data, the day, the environment, the
catalogue or the options runs the command again."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from isohold.catalogue.loader import SHIPPED
from isohold.cli import today_cache
from isohold.services.data_stamp import read_state
from tests.support.commands import Run, import_probe
from tests.support.profiles import EXAMPLES

PROBE = import_probe("isohold.cli.entry")


@pytest.fixture
def db(isohold: Run, tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'today.db'}"
    made = isohold("init", "--profile", str(EXAMPLES / "low-back-pain.json"), "--db", url)
    assert made.returncode == 0, made.stderr
    return url


def _probe(tmp_path: Path, *args: str) -> tuple[str, set[str]]:
    out = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, cwd=tmp_path,
        timeout=300, env={"PATH": "/usr/bin:/bin", "COLUMNS": "100", "HOME": str(tmp_path)},
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    line = next(x for x in out.stderr.splitlines() if x.startswith("LOADED "))
    return out.stdout, set(json.loads(line.removeprefix("LOADED ")))


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_the_second_run_gives_the_same_answer_without_the_database_libraries(
    db: str, tmp_path: Path, fmt: str
) -> None:
    first, loaded_first = _probe(tmp_path, "today", "--db", db, "--format", fmt)
    second, loaded_second = _probe(tmp_path, "today", "--db", db, "--format", fmt)
    assert second == first
    assert "This week" in first or '"sessions_this_week"' in first
    assert "sqlalchemy" in loaded_first
    assert not loaded_second & {"sqlalchemy", "pydantic", "pydantic_settings", "typer", "rich"}


def test_a_change_to_the_data_is_shown_at_once(isohold: Run, db: str) -> None:
    before = isohold("today", "--db", db)
    assert "Morning check-in not done yet" in before.stdout
    assert isohold("today", "--db", db).stdout == before.stdout  # answered from the cache
    assert isohold("checkin", "--pain", "2", "--stiffness", "1", "--db", db).returncode == 0
    after = isohold("today", "--db", db)
    assert "Morning check-in: pain 2/10, stiffness 1/10" in after.stdout, after.stdout


def test_options_and_environment_are_part_of_the_answer(isohold: Run, db: str) -> None:
    text = isohold("today", "--db", db).stdout
    as_json = isohold("today", "--db", db, "--format", "json").stdout
    assert json.loads(as_json)["plan_version"] == 1 and not text.startswith("{")
    assert isohold("today", "--db", db).stdout == text
    wide = isohold("today", "--db", db, env={"COLUMNS": "60"}).stdout
    assert isohold("today", "--db", db, env={"COLUMNS": "60"}).stdout == wide


def _remembered(db: str, until: datetime, out: str = "kept answer\n") -> None:
    state = read_state(Path(db.removeprefix("sqlite:///")))
    assert state is not None
    stamp, revision = state
    since = datetime.now().replace(microsecond=0) - timedelta(minutes=1)
    person, uuid, version = stamp
    today_cache.remember(
        db, "text", (int(person), str(uuid), int(version)), revision, since, until, out
    )


def test_an_answer_holds_until_its_time_is_up(db: str, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    later = datetime.now() + timedelta(hours=1)
    _remembered(db, later)
    assert today_cache.lookup(db, "text") == "kept answer\n"
    assert today_cache.lookup(db, "json") is None  # another format, another answer
    _remembered(db, datetime.now().replace(microsecond=0))  # the day ended
    assert today_cache.lookup(db, "text") is None


def test_an_edited_catalogue_runs_the_command_again(  # type: ignore[no-untyped-def]
    db: str, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    catalogue = tmp_path / "catalogue"
    shutil.copytree(SHIPPED, catalogue)
    monkeypatch.setenv("ISOHOLD_CATALOGUE", str(catalogue))
    _remembered(db, datetime.now() + timedelta(hours=1))
    assert today_cache.lookup(db, "text") == "kept answer\n"
    edited = next(p for p in sorted(catalogue.rglob("*")) if p.is_file())
    edited.write_bytes(edited.read_bytes() + b"\n")
    assert today_cache.lookup(db, "text") is None


@pytest.mark.parametrize(
    "damage", [b"", b"{", b'{"key": 1}', b"[]", json.dumps({"out": 5}).encode()]
)
def test_a_damaged_cache_runs_the_command(  # type: ignore[no-untyped-def]
    db: str, tmp_path: Path, monkeypatch, damage: bytes
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    _remembered(db, datetime.now() + timedelta(hours=1))
    (entry,) = (tmp_path / ".cache" / "isohold" / "today").glob("*.json")
    entry.write_bytes(damage)
    assert today_cache.lookup(db, "text") is None


@pytest.mark.parametrize(
    "args",
    [["--help"], ["--db"], ["--format", "yaml"], ["--verbose"], ["--db", "postgresql://x/y"],
     ["--db", "sqlite:///x.db?mode=ro"]],
)  # fmt: skip
def test_anything_unusual_runs_the_command(args: list[str], tmp_path: Path) -> None:
    options = today_cache.parse(args)
    assert options is None or today_cache.database_file(options[0]) is None
