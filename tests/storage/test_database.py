"""Opening databases: real SQLite files, settings, and refusing files that are not ours."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from isohold.domain.errors import StorageError
from isohold.storage.database import open_database
from isohold.storage.migrate import head


def test_new_file_is_created_migrated_and_tuned(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'sub' / 'isohold.db'}")
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 10_000
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head()
    db.dispose()


def test_corrupt_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "isohold.db"
    junk = b"this is not a database\x00" * 100
    path.write_bytes(junk)
    with pytest.raises(StorageError, match="not an SQLite database"):
        open_database(f"sqlite:///{path}")
    assert path.read_bytes() == junk


def test_truncated_sqlite_file_is_refused(tmp_path: Path) -> None:
    good = tmp_path / "good.db"
    open_database(f"sqlite:///{good}").dispose()
    broken = tmp_path / "broken.db"
    broken.write_bytes(good.read_bytes()[:200] + b"\xff" * 5000)
    before = broken.read_bytes()
    with pytest.raises(StorageError, match="cannot use database"):
        open_database(f"sqlite:///{broken}")
    assert broken.read_bytes() == before


def test_someone_elses_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    with pytest.raises(StorageError, match="not isohold's"):
        open_database(f"sqlite:///{path}")
    with sqlite3.connect(path) as conn:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert names == {"invoices"}


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="is a folder"):
        open_database(f"sqlite:///{tmp_path}")


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "isohold.db"
    open_database(f"sqlite:///{path}").dispose()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '2099_01_01_0001'")
    with pytest.raises(StorageError, match="newer than this isohold"):
        open_database(f"sqlite:///{path}")


def test_environment_variable_selects_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "env.db"
    monkeypatch.setenv("ISOHOLD_DB", f"sqlite:///{path}")
    from isohold.services.settings import Settings

    open_database(Settings.load().db_url).dispose()
    assert path.exists()
