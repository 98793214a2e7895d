"""The data version on PostgreSQL: the same triggers (PL/pgSQL functions) on every table of a
person's data, and today's kept view invalidated by a write as on SQLite."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import text

from isohold.catalogue import load_catalogue
from isohold.domain.ids import new_uuid
from isohold.services import checkins, sessions, today
from isohold.services.context import Context
from isohold.services.onboarding import onboard
from isohold.storage import versions
from isohold.storage.database import open_database
from isohold.storage.models import data_tables
from tests.support.clocks import FakeClock
from tests.support.profiles import profile_dict


def test_triggers_keep_the_version_and_todays_view_current(pg_url: str) -> None:
    clock = FakeClock(datetime(2026, 11, 2, 8, 0))
    ctx = Context(open_database(pg_url), load_catalogue(), now=clock)
    try:
        with ctx.db.engine.connect() as conn:
            found = {(table, name) for name, table in conn.execute(text(
                "SELECT t.tgname, c.relname FROM pg_trigger t "
                "JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal"))}  # fmt: skip
        expected = {(t.name, f"isohold_bump_{t.name}_{op}")
                    for t in data_tables() for op in ("insert", "update", "delete")}  # fmt: skip
        assert expected <= found, sorted(expected - found)
        onboard(ctx, profile_dict())
        first = versions.stamp(ctx.db)
        before = today.today(ctx)
        assert today.today(ctx) is before  # kept
        state = sessions.start(ctx)
        sessions.record_set(ctx, state.uuid, sessions.SetDone("bird-dog", 1, "left", 4, 10.0,
                                                              uuid=new_uuid()))  # fmt: skip
        checkins.checkin(ctx, 3, 2, uuid=new_uuid())
        second = versions.stamp(ctx.db)
        assert first is not None and second is not None and second[2] > first[2]
        after = today.today(ctx)
        assert after != before and after.sessions_this_week == 1 and after.checkin == (3, 2)
        assert after == today.today(Context(ctx.db, ctx.catalogue, now=clock))
    finally:
        ctx.close()
