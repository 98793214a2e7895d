"""Opening a database: engine settings, safety checks on the file, migrations to head.

SQLite (the default) runs in WAL mode with a busy timeout, foreign keys on and synchronous=FULL,
so a committed set survives a crash or power cut and two processes can write at once.
A file that is not an SQLite database, or an SQLite database that is not isohold's, is refused
with a clear error and never touched (storage/ownership.py decides, read-only); isohold's own
files are 0600 in a 0700 data folder (see isohold/private.py).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from isohold.domain.errors import BusyError, InputError, StorageError
from isohold.private import create_private_file, private_folder, tighten
from isohold.storage.ownership import APPLICATION_ID, Owner, engine_owner, sqlite_owner

READ_ONLY = "isohold_read_only"
BUSY_TIMEOUT_MS = 10_000
#: PostgreSQL's codes for a transaction ended by another's locks (serialization failure,
#: deadlock, lock not available): it rolled back and may be tried again
CONTENDED = frozenset({"40001", "40P01", "55P03"})
#: connections kept open: one for each thread of the web server's pool (anyio's 40) and the
#: event loop's quick reads, so a burst of requests never opens new ones (each new SQLite
#: connection runs its PRAGMAs); a few more may open under a larger burst
POOL_SIZE = 42
POOL_OVERFLOW = 8


def default_url() -> str:
    """A SQLite file in the user's data directory (settings pass `ISOHOLD_DB` in)."""
    from platformdirs import user_data_path

    return f"sqlite:///{user_data_path('isohold', appauthor=False) / 'isohold.db'}"


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(
            url, pool_pre_ping=True, pool_size=POOL_SIZE, max_overflow=POOL_OVERFLOW
        )
    pool: dict[str, Any] = {}
    if parsed.database not in (None, "", ":memory:"):  # a file: a queue of connections
        pool = {"pool_size": POOL_SIZE, "max_overflow": POOL_OVERFLOW}
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}, **pool)

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


def _sqlite_path(url: URL) -> Path | None:
    """The file of a SQLite URL (plain path or `file:` URI); None for an in-memory database."""
    database = url.database
    if not database or database == ":memory:":
        return None
    if url.query.get("uri") in ("true", "1") and database.startswith("file:"):
        parsed = urlsplit(database)
        file = unquote(parsed.path)
        if "mode=memory" in parsed.query or file in ("", ":memory:"):
            return None
        return Path(file)
    return Path(database)


def _read_only(url: URL, path: Path) -> bool:
    if url.query.get("mode") == "ro" or "mode=ro" in (url.database or ""):
        return True
    return not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK | os.X_OK)


def _prepare_sqlite_file(url: URL, shown: str) -> tuple[Path | None, Owner]:
    """Check the file read-only; create a missing one (0600, in 0700 folders)."""
    path = _sqlite_path(url)
    if path is None:
        return None, Owner.NEW
    if path.is_dir():
        raise StorageError(f"database path {shown} is a folder, not a file")
    if path.exists():
        if not path.is_file():
            raise StorageError(f"database path {shown} is not a regular file")
        owner = sqlite_owner(path, shown)
        if _read_only(url, path):
            raise StorageError(
                f"the database {shown} is read-only: isohold needs to write to it (check the "
                "permissions of the file and its folder)"
            )
        return path, owner
    try:
        private_folder(path.parent)
        create_private_file(path)  # SQLite gives its WAL and shared-memory files this mode
    except OSError as exc:
        raise StorageError(f"cannot create database {shown}: {exc.strerror or exc}") from None
    return path, Owner.NEW


class Database:
    """An opened, migrated database and its session factory."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._readers = sessionmaker(
            engine.execution_options(**{READ_ONLY: True}), expire_on_commit=False
        )
        #: where the data is, for people: a SQLite file's path, or the URL without password
        self.where = _safe(engine.url)
        #: reads are a local file's (SQLite): quick enough for the event loop (`peek`)
        self.local = engine.dialect.name == "sqlite"
        self._driver_error: type[Exception] = engine.dialect.loaded_dbapi.Error
        self._peeker: Any = None  # the driver connection `peek` keeps
        self._peek_lock = threading.Lock()
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

    def peek(self, statement: str) -> tuple[Any, ...] | None:
        """The first row of a read-only statement without parameters, on one driver connection
        kept for these quick reads: no pool, no session, no statement building (about 10 µs on
        SQLite against 200 µs and more). It sees every commit made before it, by any process
        (SQLite runs it in autocommit; on a server its transaction ends right after)."""
        with self._peek_lock:
            try:
                if self._peeker is None:
                    self._peeker = self.engine.raw_connection()
                cursor = self._peeker.cursor()
                try:
                    cursor.execute(statement)
                    row = cursor.fetchone()
                finally:
                    cursor.close()
                if not self.local:
                    self._peeker.rollback()
            except (self._driver_error, OperationalError) as exc:
                self._drop_peeker()  # a broken connection: the next read opens another
                raise StorageError(_why(exc)) from None
        return None if row is None else tuple(row)

    def _drop_peeker(self) -> None:
        peeker, self._peeker = self._peeker, None
        if peeker is not None:
            with suppress(Exception):  # it is being thrown away
                peeker.invalidate()

    def dispose(self) -> None:
        with self._peek_lock:
            if self._peeker is not None:
                self._peeker.close()
                self._peeker = None
        self.engine.dispose()


def _why(exc: Exception) -> str:
    """The driver's reason in plain words: read-only and full disks are named as such."""
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    reason = str(orig) if orig is not None else str(exc)
    low = reason.lower()
    if "readonly" in low or "read-only" in low:
        return "the database is read-only: isohold needs to write to it (check its permissions)"
    if "disk is full" in low or "disk i/o error" in low:
        return f"the disk is full or failing ({reason})"
    if "locked" in low or "busy" in low:
        return f"the database is busy ({reason}); try again"
    return f"the database is unavailable ({reason})"


@contextmanager
def _unavailable() -> Iterator[None]:
    """A locked, read-only or vanished database is an isohold error, not a crash."""
    try:
        yield
    except OperationalError as exc:
        raise (BusyError if _contended(exc) else StorageError)(_why(exc)) from None


def _contended(exc: DBAPIError) -> bool:
    """Another writer was in the way: SQLite locked or busy, or a PostgreSQL conflict."""
    if getattr(exc.orig, "sqlstate", None) in CONTENDED:
        return True
    reason = str(exc.orig).lower()
    return exc.orig is not None and ("database is locked" in reason or "busy" in reason)


def open_database(url: str | None = None, *, migrate: bool = True) -> Database:
    """Open (creating when missing) and migrate the database at `url`.

    Whether the database is isohold's is decided read-only first; nothing is changed (not even
    the journal mode) before that check passes. Then the SQLite file and its WAL are made 0600
    and stamped with isohold's application id.
    """
    if url is None:
        _data_folder()
    url = url or default_url()
    try:
        parsed = make_url(url)
        backend = parsed.get_backend_name()
    except (ArgumentError, ValueError):
        raise _bad_url(url) from None
    shown = _safe(parsed)
    if backend == "sqlite" and _sqlite_path(parsed) is None:
        raise InputError("--db", "an in-memory SQLite database keeps nothing: give "
                                 "sqlite:///path/to/file.db")  # fmt: skip
    try:
        engine = make_engine(url)  # checks the URL's driver and options; connects later
    except (ArgumentError, ImportError, ValueError, TypeError):
        raise _bad_url(url) from None
    owner = Owner.NEW
    path = None
    try:
        if backend == "sqlite":
            path, owner = _prepare_sqlite_file(parsed, shown)
    except (StorageError, OSError) as exc:
        engine.dispose()
        if isinstance(exc, OSError):
            raise StorageError(f"cannot use database {shown}: {exc.strerror or exc}") from None
        raise
    try:
        if backend != "sqlite":
            owner = engine_owner(engine, shown)
        if path is not None:
            tighten(path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"))
        if migrate:
            from isohold.storage.migrate import upgrade

            upgrade(engine)
        if backend == "sqlite" and owner is not Owner.ISOHOLD:
            with engine.begin() as conn:
                conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    except DBAPIError as exc:
        engine.dispose()
        raise StorageError(f"cannot use database {shown}: {_why(exc)}") from None
    except (StorageError, OSError) as exc:
        engine.dispose()
        if isinstance(exc, OSError):
            raise StorageError(f"cannot use database {shown}: {exc.strerror or exc}") from None
        raise
    return Database(engine)


def _data_folder() -> None:
    """isohold's own data folder: created 0700, and made 0700 when an older isohold left it
    readable by others."""
    from platformdirs import user_data_path

    folder = user_data_path("isohold", appauthor=False)
    try:
        private_folder(folder, tighten=True)
    except OSError as exc:
        reason = exc.strerror or exc
        raise StorageError(f"cannot create the data folder {folder}: {reason}") from None


def _bad_url(url: str) -> InputError:
    scheme = url.split(":", 1)[0][:20] if "://" in url else ""
    named = f" (it starts with {scheme!r})" if scheme else ""
    return InputError(
        "--db",
        f"the database URL is not one isohold can use{named}: give sqlite:///path/to/file.db "
        "or postgresql+psycopg://user@host/name",
    )


def _safe(url: URL) -> str:
    """The URL without a password, for messages (a SQLite URL as its file)."""
    path = _sqlite_path(url) if url.get_backend_name() == "sqlite" else None
    if path is not None:
        return str(path)
    return url.render_as_string(hide_password=True)
