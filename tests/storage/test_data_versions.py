"""The data version: a trigger on every table of a person's data adds one for each row
inserted, changed or deleted, for that person only; backups leave the derived table out."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Engine, text

from isohold.storage import versions
from isohold.storage.database import Database, make_engine, open_database
from isohold.storage.migrate import upgrade
from isohold.storage.models import data_tables

OPS = ("insert", "update", "delete")


def _version(engine: Engine, person: int) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text("SELECT version FROM data_versions WHERE person_id = :p"),
                                {"p": person}).scalar_one())  # fmt: skip


def _person(db: Database, uuid: str) -> int:
    with db.engine.begin() as conn:
        conn.execute(
            text("INSERT INTO people (uuid, name, created_at) VALUES (:u, NULL, :t)"),
            {"u": uuid, "t": datetime(2026, 11, 2, 8, 0)},
        )
        return int(conn.execute(text("SELECT id FROM people WHERE uuid = :u"), {"u": uuid})
                   .scalar_one())  # fmt: skip


def test_every_table_of_a_persons_data_has_its_three_triggers(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'v.db'}")
    db.dispose()
    with sqlite3.connect(tmp_path / "v.db") as conn:
        rows = conn.execute("SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger'")
        triggers = {(table, name) for name, table in rows}
    expected = {(t.name, f"isohold_bump_{t.name}_{op}") for t in data_tables() for op in OPS}
    assert expected <= triggers, sorted(expected - triggers)


def test_a_write_bumps_its_own_persons_version_only(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'v.db'}")
    ana, ben = _person(db, "a" * 36), _person(db, "b" * 36)
    assert (_version(db.engine, ana), _version(db.engine, ben)) == (1, 1)
    with db.engine.begin() as conn:
        conn.execute(
            text("INSERT INTO checkins (uuid, person_id, day, pain, stiffness, created_at) "
                 "VALUES (:u, :p, :d, 3, 2, :t)"),
            {"u": "c" * 36, "p": ben, "d": date(2026, 11, 2), "t": datetime(2026, 11, 2, 8)},
        )  # fmt: skip
        conn.execute(text("UPDATE checkins SET pain = 4"))
    assert (_version(db.engine, ana), _version(db.engine, ben)) == (1, 3)
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM checkins"))
    assert _version(db.engine, ben) == 4
    stamp = versions.stamp(db)
    assert stamp == (ana, "a" * 36, 1)  # single-user mode: the first person
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM people WHERE id = :p"), {"p": ana})
    assert versions.stamp(db) == (ben, "b" * 36, 4)
    db.dispose()


def test_rows_reached_through_their_session_or_plan_bump_their_person(tmp_path: Path) -> None:
    from isohold.catalogue import load_catalogue
    from isohold.domain.ids import new_uuid
    from isohold.services import sessions
    from isohold.services.context import Context
    from isohold.services.onboarding import onboard
    from tests.support.profiles import profile_dict

    ctx = Context(open_database(f"sqlite:///{tmp_path / 'v.db'}"), load_catalogue())
    onboard(ctx, profile_dict())
    state = sessions.start(ctx)
    before = versions.stamp(ctx.db)
    sessions.record_set(ctx, state.uuid, sessions.SetDone("bird-dog", 1, "left", 4, 10.0,
                                                          uuid=new_uuid()))  # fmt: skip
    after_set = versions.stamp(ctx.db)
    with ctx.db.engine.begin() as conn:
        conn.execute(text("UPDATE plan_blocks SET hold_s = hold_s + 1"))
    after_blocks = versions.stamp(ctx.db)
    assert before is not None and after_set is not None and after_blocks is not None
    assert before[2] < after_set[2] < after_blocks[2]
    ctx.close()


def test_an_older_database_gets_a_version_for_each_person(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine, "2026_11_22_0004")
    engine.dispose()
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO people (id, uuid, name, created_at) VALUES "
            "(7, '00000000-0000-4000-8000-000000000007', NULL, '2026-11-01 08:00:00')"
        )
    db = open_database(f"sqlite:///{path}")
    assert versions.stamp(db) == (7, "00000000-0000-4000-8000-000000000007", 1)
    db.dispose()


def test_backups_leave_the_derived_table_out() -> None:
    assert "data_versions" not in {t.name for t in data_tables()}
    assert {"people", "sets", "checkins", "bp_readings"} <= {t.name for t in data_tables()}
