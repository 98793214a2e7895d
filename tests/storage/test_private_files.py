"""Health data is readable only by its owner: the data folder 0700, the database and its WAL
and shared-memory files 0600, whatever the umask."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from isohold.storage.database import open_database


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """The most permissive umask: files would be 0666 and folders 0777."""
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def test_a_new_database_and_its_wal_are_private(tmp_path: Path, open_umask: None) -> None:
    path = tmp_path / "made" / "here" / "isohold.db"
    db = open_database(f"sqlite:///{path}")
    with db.transaction() as s:
        s.execute(text("INSERT INTO people (uuid, created_at) VALUES ('u', '2026-01-01')"))
    with db.reading() as s:  # the WAL and shared-memory files exist while it is open
        assert s.execute(text("SELECT count(*) FROM people")).scalar() == 1
        for name in ("isohold.db", "isohold.db-wal", "isohold.db-shm"):
            assert mode(path.with_name(name)) == 0o600, name
    db.dispose()
    assert mode(tmp_path / "made") == 0o700 and mode(tmp_path / "made" / "here") == 0o700


def test_files_an_older_isohold_left_readable_are_tightened(
    tmp_path: Path, open_umask: None
) -> None:
    path = tmp_path / "old.db"
    open_database(f"sqlite:///{path}").dispose()
    path.chmod(0o644)
    open_database(f"sqlite:///{path}").dispose()
    assert mode(path) == 0o600


def test_the_default_data_folder_is_private(
    tmp_path: Path, open_umask: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.delenv("ISOHOLD_DB", raising=False)
    folder = tmp_path / ".local" / "share" / "isohold"
    folder.mkdir(parents=True, mode=0o755)
    folder.chmod(0o755)  # as an older isohold left it
    open_database().dispose()
    assert mode(folder) == 0o700
    assert mode(folder / "isohold.db") == 0o600


def test_a_users_own_folder_keeps_its_mode(tmp_path: Path, open_umask: None) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o755)
    open_database(f"sqlite:///{shared / 'isohold.db'}").dispose()
    assert mode(shared) == 0o755  # isohold does not change folders it did not make
    assert mode(shared / "isohold.db") == 0o600
