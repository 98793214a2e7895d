"""On PostgreSQL, two writers that wait on each other (a deadlock) end with one of them
refused as busy (BusyError): rolled back, so its work may be tried again."""

from __future__ import annotations

import threading

from sqlalchemy import text

from isohold.domain.errors import BusyError
from isohold.storage.database import open_database


def test_the_writer_postgresql_ends_to_break_a_deadlock_is_refused_as_busy(pg_url: str) -> None:
    first, second = open_database(pg_url), open_database(pg_url)  # two server processes
    with first.connection() as conn:
        conn.execute(text("CREATE TABLE tally (id int PRIMARY KEY)"))
    both_in = threading.Barrier(2, timeout=60)
    outcomes: list[str] = []

    def write(db: object, ids: tuple[int, int]) -> None:
        try:
            with db.connection() as conn:  # type: ignore[attr-defined]
                conn.execute(text("INSERT INTO tally VALUES (:i)"), {"i": ids[0]})
                both_in.wait()
                conn.execute(text("INSERT INTO tally VALUES (:i) ON CONFLICT DO NOTHING"),
                             {"i": ids[1]})  # fmt: skip
            outcomes.append("saved")
        except BusyError:
            outcomes.append("busy")

    threads = [threading.Thread(target=write, args=(first, (1, 2))),
               threading.Thread(target=write, args=(second, (2, 1)))]  # fmt: skip
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    first.dispose()
    second.dispose()
    assert sorted(outcomes) == ["busy", "saved"]
