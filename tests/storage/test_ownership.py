"""Whose database is it? Decided read-only before anything changes; the real reason named."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from isohold.domain.errors import InputError, StorageError
from isohold.storage.database import open_database
from isohold.storage.migrate import head
from isohold.storage.ownership import APPLICATION_ID


def _foreign(path: Path, *statements: str) -> bytes:
    with sqlite3.connect(path) as conn:
        for sql in statements:
            conn.execute(sql)
    conn.close()
    return path.read_bytes()


def _untouched(path: Path, before: bytes) -> None:
    assert path.read_bytes() == before  # the header too: still a rollback-journal file
    assert not path.with_name(path.name + "-wal").exists()
    assert not path.with_name(path.name + "-shm").exists()


@pytest.mark.parametrize(
    ("statements", "reason"),
    [
        (["CREATE TABLE invoices (id INTEGER PRIMARY KEY)"], "tables that are not isohold's"),
        (["CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)",
          "CREATE TABLE invoices (id INTEGER PRIMARY KEY)"], "empty Alembic version table"),
        (["CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)",
          "INSERT INTO alembic_version VALUES ('3f2a9c1b7d4e')",
          "CREATE TABLE invoices (id INTEGER PRIMARY KEY)"], "another program's Alembic database"),
        (["PRAGMA application_id = 252006673"], "application id 0xf055111"),
        (["PRAGMA application_id = 252006673", "CREATE TABLE people (id INTEGER PRIMARY KEY)"],
         "application id 0xf055111"),
    ],
)  # fmt: skip
def test_another_programs_database_is_refused_and_not_changed(
    tmp_path: Path, statements: list[str], reason: str
) -> None:
    path = tmp_path / "other.db"
    before = _foreign(path, *statements)
    with pytest.raises(StorageError, match="not an isohold database") as refused:
        open_database(f"sqlite:///{path}")
    assert reason in str(refused.value)
    assert "newer" not in str(refused.value)
    _untouched(path, before)


def test_a_new_database_is_stamped_with_isoholds_application_id(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    open_database(f"sqlite:///{path}").dispose()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA application_id").fetchone() == (APPLICATION_ID,)
    conn.close()
    assert int.from_bytes(path.read_bytes()[68:72], "big") == APPLICATION_ID


def test_an_empty_sqlite_file_becomes_isoholds(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.touch()
    open_database(f"sqlite:///{path}").dispose()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (head(),)
    conn.close()


def test_an_isohold_database_from_before_the_stamp_is_recognised_then_stamped(
    tmp_path: Path,
) -> None:
    path = tmp_path / "legacy.db"
    open_database(f"sqlite:///{path}").dispose()
    with sqlite3.connect(path) as conn:  # as an isohold without application ids left it
        conn.execute("PRAGMA application_id = 0")
        conn.execute(
            "INSERT INTO people (id, uuid, name, created_at) VALUES "
            "(1, '00000000-0000-4000-8000-000000000001', 'Ana', '2026-11-01 08:00:00')"
        )
    conn.close()
    open_database(f"sqlite:///{path}").dispose()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA application_id").fetchone() == (APPLICATION_ID,)
        assert conn.execute("SELECT name FROM people").fetchall() == [("Ana",)]
    conn.close()


def test_a_newer_isohold_database_is_called_newer(tmp_path: Path) -> None:
    path = tmp_path / "isohold.db"
    open_database(f"sqlite:///{path}").dispose()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '2099_01_01_0001'")
    conn.close()
    with pytest.raises(StorageError, match="newer than this isohold"):
        open_database(f"sqlite:///{path}")


def test_a_read_only_database_is_called_read_only(tmp_path: Path) -> None:
    path = tmp_path / "ro.db"
    open_database(f"sqlite:///{path}").dispose()
    with pytest.raises(StorageError, match="read-only") as refused:
        open_database(f"sqlite:///file:{path}?mode=ro&uri=true")
    assert "busy" not in str(refused.value)


@pytest.mark.skipif(os.geteuid() == 0, reason="file modes do not bind root")
def test_a_database_file_without_write_permission_is_called_read_only(tmp_path: Path) -> None:
    path = tmp_path / "ro.db"
    open_database(f"sqlite:///{path}").dispose()
    path.chmod(0o400)
    with pytest.raises(StorageError, match="read-only"):
        open_database(f"sqlite:///{path}")


@pytest.mark.parametrize(
    "url",
    ["foo", "://", "sqlite:/x.db", "nosuchdb://user@host/db", "mysql://user@host/db",
     "sqlite+nodriver:///x.db", "sqlite:///x.db?timeout=abc", "sqlite://", "sqlite:///",
     "sqlite:///file::memory:?uri=true", "postgresql+psycopg://user@host:notaport/db"],
)  # fmt: skip
def test_a_malformed_database_url_is_a_named_input_error(
    url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError, match="--db"):
        open_database(url)
    assert list(tmp_path.iterdir()) == []  # nothing was created


def test_a_password_is_never_shown(tmp_path: Path) -> None:
    with pytest.raises(StorageError) as refused:
        open_database("postgresql+psycopg://ana:s3cret@127.0.0.1:1/isohold")
    assert "s3cret" not in str(refused.value)
