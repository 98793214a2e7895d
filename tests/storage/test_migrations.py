"""Migrations: a linear, date-named chain; head equals the models; old data survives upgrades."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from isohold.storage.database import make_engine, open_database
from isohold.storage.migrate import HEAD, MIGRATIONS, config, current, head, upgrade
from isohold.storage.models import Base


def test_chain_is_linear_and_date_named() -> None:
    script = ScriptDirectory.from_config(config())
    assert script.get_heads() == [HEAD]
    revisions = list(script.walk_revisions())
    for rev in revisions:
        assert re.fullmatch(r"\d{4}_\d{2}_\d{2}_\d{4}", rev.revision)
        assert not isinstance(rev.down_revision, tuple | list), "no merge points"
    assert sum(1 for r in revisions if r.down_revision is None) == 1
    files = sorted(p.name for p in (MIGRATIONS / "versions").glob("*.py"))
    assert [f[:15] for f in files] == sorted(r.revision for r in revisions)


def test_upgrade_head_on_empty_database_equals_the_models(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'x.db'}")
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []
    db.dispose()


def test_older_database_is_upgraded_in_place_with_data(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine, "2026_11_22_0001")
    assert current(engine) == "2026_11_22_0001"
    engine.dispose()
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO people (id, uuid, name, created_at) "
            "VALUES (1, '00000000-0000-4000-8000-000000000001', 'Ana', '2026-11-01 08:00:00')"
        )
        conn.execute(
            "INSERT INTO checkins (uuid, person_id, day, pain, stiffness, created_at) VALUES "
            "('00000000-0000-4000-8000-000000000002', 1, '2026-11-02', 4, 3, '2026-11-02 07:00:00')"
        )
    db = open_database(f"sqlite:///{path}")
    assert current(db.engine) == head()
    db.dispose()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT name FROM people").fetchall() == [("Ana",)]
        assert conn.execute("SELECT pain, stiffness FROM checkins").fetchall() == [(4, 3)]
        assert conn.execute("SELECT count(*) FROM bp_readings").fetchone() == (0,)
