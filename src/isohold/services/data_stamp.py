"""A person's data stamp and the schema revision, read from a SQLite file with the standard
library alone and without changing it: what `isohold today` checks before it answers from its
last answer (cli/today_cache.py), where importing the ORM would cost more than the answer."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from isohold.storage.stamp import STAMP_SQL

#: ([person id, person UUID, data version], schema revision)
State = tuple[list[int | str], str]


def read_state(file: Path) -> State | None:
    """The stamp of the database's first person and its schema revision; None when the file is
    missing or holds no person yet. sqlite3.Error for a file that is not a database."""
    if not file.is_file():
        return None
    conn = sqlite3.connect(f"{file.resolve().as_uri()}?mode=ro", uri=True)
    try:
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        row = conn.execute(STAMP_SQL.format(where="")).fetchone()
    finally:
        conn.close()
    if revision is None or row is None:
        return None
    return [int(row[0]), str(row[1]), int(row[2])], str(revision[0])
