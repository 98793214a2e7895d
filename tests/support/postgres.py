"""The machine's PostgreSQL server (127.0.0.1:5432, trust auth), started when it is installed
but not running, and a fresh database on it for a test."""

from __future__ import annotations

import shutil
import subprocess
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import psycopg
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

A = TypeVar("A")
B = TypeVar("B")
ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"


def admin_connection() -> psycopg.Connection[tuple[object, ...]]:
    try:
        return psycopg.connect(ADMIN, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError:
        etc = Path("/etc/postgresql")
        clusters = sorted(etc.glob("*")) if etc.exists() else []
        if not clusters or shutil.which("pg_ctlcluster") is None:
            raise
        start = ["pg_ctlcluster", "--skip-systemctl-redirect", clusters[-1].name, "main", "start"]
        subprocess.run(start, check=False, capture_output=True, timeout=60)
        return psycopg.connect(ADMIN, autocommit=True, connect_timeout=10)


@contextmanager
def fresh_database() -> Iterator[str]:
    """The URL of a new, empty database, dropped (with its connections) afterwards."""
    name = f"isohold_{uuid.uuid4().hex[:12]}"
    with admin_connection() as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
        finally:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def wait_until_blocked(engine: Engine, worker: threading.Thread) -> None:
    """Return once a connection of this database waits on a lock (the `worker` thread's
    statement behind an uncommitted one); fails if the worker ends first, or after 120 s."""
    waiting = text(
        "SELECT count(*) FROM pg_stat_activity"
        " WHERE wait_event_type = 'Lock' AND datname = current_database()"
    )
    deadline = time.monotonic() + 120  # a hang guard, not a time budget
    with engine.connect() as probe:
        # pg_stat_activity is read once per transaction: each look is its own transaction
        while not probe.execute(waiting).scalar():
            probe.rollback()
            assert time.monotonic() < deadline and worker.is_alive()
            time.sleep(0.02)


def one_behind_the_other(
    engine: Engine, first: Callable[[Session], A], second: Callable[[Session], B]
) -> tuple[A, B]:
    """`first` in a transaction kept open until `second`, in another thread and transaction,
    waits on its lock; then `first` commits and `second` goes on. What each returned (the
    second's error is raised here)."""
    done: list[B] = []
    failures: list[BaseException] = []

    def behind() -> None:
        try:
            with Session(engine) as s, s.begin():
                done.append(second(s))
        except BaseException as error:  # handed to the caller's thread
            failures.append(error)

    with Session(engine) as s, s.begin():
        ahead = first(s)  # not committed yet
        worker = threading.Thread(target=behind)
        worker.start()
        wait_until_blocked(engine, worker)
    worker.join(120)
    assert not worker.is_alive()
    if failures:
        raise failures[0]
    return ahead, done[0]
