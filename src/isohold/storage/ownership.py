"""Is this database isohold's? Decided read-only, before anything is changed.

isohold stamps its SQLite files with `PRAGMA application_id = 0x49534f48` ("ISOH"), which sits
in the file header. A file with another application id belongs to another program. A file
without one (id 0) is looked at through a read-only connection: no tables is a fresh database;
isohold's own tables at one of isohold's Alembic revisions is a database made by an isohold that
did not stamp yet (it is stamped after the check); anything else is refused and never touched,
and the message says why (another program's tables, another program's Alembic history).
PostgreSQL has no application id: its tables and Alembic revision decide.
"""

from __future__ import annotations

import sqlite3
from enum import Enum
from pathlib import Path

from sqlalchemy import Engine, inspect, text

from isohold.domain.errors import StorageError
from isohold.storage.migrate import MIGRATIONS
from isohold.storage.models import Base

#: "ISOH": isohold's SQLite application id (https://www.sqlite.org/pragma.html#pragma_application_id)
APPLICATION_ID = 0x49534F48
SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_BYTES = 100
_APP_ID_AT = 68


class Owner(Enum):
    NEW = "new"  # empty: isohold may create its tables
    ISOHOLD = "isohold"  # stamped with isohold's application id
    LEGACY = "legacy"  # isohold's tables and revision, not yet stamped


def known_revisions() -> frozenset[str]:
    """isohold's Alembic revisions, from the migration file names (no Alembic import)."""
    return frozenset(p.name[:15] for p in (MIGRATIONS / "versions").glob("*.py"))


def our_tables() -> frozenset[str]:
    return frozenset(Base.metadata.tables) | {"alembic_version"}


def sqlite_owner(path: Path, shown: str) -> Owner:
    """Who owns the SQLite file at `path` (which exists); raises StorageError for a file that is
    not isohold's. Reads only."""
    try:
        with path.open("rb") as fh:
            header = fh.read(HEADER_BYTES)
    except OSError as exc:
        raise StorageError(f"cannot read database file {shown}: {exc.strerror or exc}") from None
    if not header:
        return Owner.NEW
    if not header.startswith(SQLITE_MAGIC) or len(header) < HEADER_BYTES:
        raise StorageError(
            f"{shown} is not an SQLite database (corrupt or another kind of file); "
            "isohold will not touch it. Restore it from a backup or choose another --db."
        )
    app_id = int.from_bytes(header[_APP_ID_AT : _APP_ID_AT + 4], "big")
    if app_id == APPLICATION_ID:
        return Owner.ISOHOLD
    if app_id != 0:
        raise _foreign(shown, f"it is another program's SQLite file (application id {app_id:#x})")
    app_id, tables, revision = _look_inside(path, shown)
    if app_id == APPLICATION_ID:  # stamped in a write-ahead log not yet copied into the file
        return Owner.ISOHOLD
    if app_id != 0:
        raise _foreign(shown, f"it is another program's SQLite file (application id {app_id:#x})")
    return _judge(tables, revision, shown)


def _look_inside(path: Path, shown: str) -> tuple[int, set[str], str | None]:
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise StorageError(f"cannot read database {shown}: {exc}") from None
    try:
        conn.execute("PRAGMA query_only = ON")
        app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
        tables = {
            str(row[0])
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        }
        revision = None
        if "alembic_version" in tables:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = None if row is None else str(row[0])
    except sqlite3.Error as exc:
        raise StorageError(f"cannot use database {shown}: {exc}") from None
    finally:
        conn.close()
    return app_id, tables, revision


def engine_owner(engine: Engine, shown: str) -> Owner:
    """The same decision for a server database (PostgreSQL), from its tables and revision."""
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        revision = None
        if "alembic_version" in tables:
            row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
            revision = None if row is None else str(row[0])
    newer = revision is not None and revision not in known_revisions()
    if newer and {"people", "plan_versions"} <= tables:
        raise StorageError(
            f"the database is at schema {revision}, newer than this isohold knows; upgrade isohold"
        )
    owner = _judge(tables, revision, shown)
    return Owner.ISOHOLD if owner is Owner.LEGACY else owner


def _judge(tables: set[str], revision: str | None, shown: str) -> Owner:
    if not tables:
        return Owner.NEW
    if "alembic_version" not in tables:
        raise _foreign(shown, "it holds tables that are not isohold's")
    if revision is None:
        raise _foreign(shown, "it holds an empty Alembic version table and tables that are "
                              "not isohold's")  # fmt: skip
    if revision not in known_revisions():
        raise _foreign(shown, f"it is another program's Alembic database (revision "
                              f"{revision[:40]!r} is not one of isohold's)")  # fmt: skip
    if not tables <= our_tables():
        raise _foreign(shown, "it holds tables that are not isohold's")
    return Owner.LEGACY


def _foreign(shown: str, why: str) -> StorageError:
    return StorageError(
        f"{shown} is not an isohold database: {why}; isohold will not change it. "
        "Choose another --db."
    )
