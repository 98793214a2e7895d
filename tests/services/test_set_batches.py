"""A batch of sets (the group commit) that another process's writer keeps out: written again
once the database is free, each set with the UUID it got the first time, so nothing is lost
and nothing stored twice."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from isohold.catalogue import load_catalogue
from isohold.domain.errors import BusyError, InputError
from isohold.services import sessions
from isohold.services.context import Context
from isohold.services.onboarding import onboard
from isohold.storage import database
from isohold.storage.models import SetRecord
from tests.support.clocks import FakeClock
from tests.support.profiles import profile_dict

#: a short busy timeout, so a held lock refuses a batch at once
SHORT_WAIT_MS = 50


@pytest.fixture
def quick(tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> Iterator[Context]:
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", SHORT_WAIT_MS)
    ctx = Context(db=database.open_database(f"sqlite:///{tmp_path / 'busy.db'}"),
                  catalogue=load_catalogue(), now=clock)  # fmt: skip
    onboard(ctx, profile_dict())
    yield ctx
    ctx.close()


def _set(uuid: str | None = None) -> sessions.SetDone:
    return sessions.SetDone(exercise="bird-dog", set_number=1, side="left", reps_done=4,
                            hold_s=10.0, uuid=uuid)  # fmt: skip


def _stored(ctx: Context) -> int:
    with ctx.db.reading() as s:
        return int(s.scalar(select(func.count()).select_from(SetRecord)) or 0)


def _watch(monkeypatch: pytest.MonkeyPatch, refused: threading.Event) -> None:
    real = sessions._write_sets

    def watched(*args: Any) -> list[bool | Exception]:
        try:
            return real(*args)
        except BusyError:
            refused.set()
            raise

    monkeypatch.setattr(sessions, "_write_sets", watched)


def test_a_batch_kept_out_by_another_writer_is_saved_once_the_lock_is_free(
    quick: Context, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = sessions.start(quick).uuid
    refused = threading.Event()
    _watch(monkeypatch, refused)
    other = sqlite3.connect(tmp_path / "busy.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process's writer holds the lock
    results: list[bool | Exception] = []
    items = [(session, _set()), (session, _set("not-a-uuid"))]
    writer = threading.Thread(target=lambda: results.extend(sessions.record_sets(quick, items)))
    writer.start()
    assert refused.wait(timeout=60)
    other.execute("ROLLBACK")
    other.close()
    writer.join(timeout=60)
    assert results[0] is True
    assert isinstance(results[1], InputError) and results[1].field == "uuid"
    assert _stored(quick) == 1


def test_a_retry_after_a_commit_whose_answer_was_lost_stores_nothing_twice(
    quick: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The set came without a UUID: it gets one before the first try and keeps it."""
    session = sessions.start(quick).uuid
    real = sessions._write_sets
    calls = []

    def committed_then_refused(*args: Any) -> list[bool | Exception]:
        calls.append(real(*args))
        if len(calls) == 1:
            raise BusyError("the answer to the commit was lost")
        return calls[-1]

    monkeypatch.setattr(sessions, "_write_sets", committed_then_refused)
    assert sessions.record_sets(quick, [(session, _set())]) == [False]
    assert calls[0] == [True]
    assert _stored(quick) == 1


def test_a_batch_kept_out_every_time_is_refused_and_saves_nothing(
    quick: Context, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = sessions.start(quick).uuid
    monkeypatch.setattr(sessions, "BUSY_TRIES", 2)
    other = sqlite3.connect(tmp_path / "busy.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(BusyError, match="busy"):
            sessions.record_sets(quick, [(session, _set())])
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert _stored(quick) == 0
