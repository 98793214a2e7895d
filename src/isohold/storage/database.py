"""Opening a database: engine settings, safety checks on the file, migrations to head.

SQLite (the default) runs in WAL mode with a busy timeout, foreign keys on and synchronous=FULL,
so a committed set survives a crash or power cut and two processes can write at once.
A file that is not an SQLite database, or an SQLite database that is not isohold's, is refused
with a clear error and never touched.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from isohold.domain.errors import StorageError

ENV_VAR = "ISOHOLD_DB"
READ_ONLY = "isohold_read_only"
BUSY_TIMEOUT_MS = 10_000
_SQLITE_MAGIC = b"SQLite format 3\x00"


def default_url() -> str:
    """`$ISOHOLD_DB`, else a SQLite file in the user's data directory."""
    if os.environ.get(ENV_VAR):
        return os.environ[ENV_VAR]
    from platformdirs import user_data_path

    return f"sqlite:///{user_data_path('isohold', appauthor=False) / 'isohold.db'}"


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, decide when transactions begin.
        dbapi_connection.isolation_level = None
        cur = dbapi_connection.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys = ON")
        if parsed.database not in (None, "", ":memory:"):
            cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = FULL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        # A writer takes the write lock up front (IMMEDIATE), so concurrent writers queue on
        # the busy timeout instead of failing on a lock upgrade; a reader never takes it, so
        # in WAL mode reads run beside a write.
        reading = conn.get_execution_options().get(READ_ONLY, False)
        conn.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")

    return engine


def _check_sqlite_file(url: str) -> None:
    database = make_url(url).database
    if not database or database == ":memory:":
        return
    path = Path(database)
    if path.is_dir():
        raise StorageError(f"database path {path} is a folder, not a file")
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        return
    try:
        with path.open("rb") as fh:
            head = fh.read(len(_SQLITE_MAGIC))
    except OSError as exc:
        raise StorageError(f"cannot read database file {path}: {exc.strerror or exc}") from None
    if head and head != _SQLITE_MAGIC:
        raise StorageError(
            f"{path} is not an SQLite database (corrupt or another kind of file); "
            "isohold will not touch it. Restore it from a backup or choose another --db."
        )


class Database:
    """An opened, migrated database and its session factory."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._readers = sessionmaker(
            engine.execution_options(**{READ_ONLY: True}), expire_on_commit=False
        )
        # Writers in this process queue here, in order, instead of in SQLite's busy handler,
        # which sleeps in growing steps; other processes still wait on the busy timeout.
        self._write_lock = threading.Lock()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A unit of work that may write: commits on success, rolls back on any error."""
        with _unavailable(), self._write_lock, self._sessions() as session, session.begin():
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only unit of work: a consistent snapshot that never blocks a writer."""
        with _unavailable(), self._readers() as session, session.begin():
            yield session

    @contextmanager
    def connection(self) -> Iterator[Connection]:
        """A Core transaction for hot paths (recording a set): no ORM unit of work."""
        with _unavailable(), self._write_lock, self.engine.begin() as conn:
            yield conn

    def dispose(self) -> None:
        self.engine.dispose()


@contextmanager
def _unavailable() -> Iterator[None]:
    """A locked or vanished database is an isohold error (busy: try again), not a crash."""
    try:
        yield
    except OperationalError as exc:
        reason = str(exc.orig) if exc.orig is not None else str(exc)
        raise StorageError(f"the database is busy or unavailable ({reason}); try again") from None


def open_database(url: str | None = None, *, migrate: bool = True) -> Database:
    """Open (creating when missing) and migrate the database at `url`."""
    url = url or default_url()
    if make_url(url).get_backend_name() == "sqlite":
        _check_sqlite_file(url)
    engine = make_engine(url)
    try:
        _check_ownership(engine)
        if migrate:
            from isohold.storage.migrate import upgrade

            upgrade(engine)
    except (DatabaseError, OperationalError) as exc:
        engine.dispose()
        reason = str(exc.orig) if getattr(exc, "orig", None) else str(exc)
        raise StorageError(f"cannot use database {_safe(url)}: {reason}") from None
    except StorageError:
        engine.dispose()
        raise
    return Database(engine)


def _check_ownership(engine: Engine) -> None:
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
    if tables and "alembic_version" not in tables:
        raise StorageError(
            f"{_safe(str(engine.url))} holds tables that are not isohold's; "
            "isohold will not change it. Choose another --db."
        )


def _safe(url: str) -> str:
    """The URL without a password, for messages."""
    return make_url(url).render_as_string(hide_password=True)
