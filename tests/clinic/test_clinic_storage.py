"""Migrations 2026_11_30_0007 on: a personal database keeps working unchanged (its person
and data, its backups), and the audit log refuses UPDATE and DELETE from anyone, by trigger."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from isohold.catalogue import load_catalogue
from isohold.services import audit, checkins, onboarding, today
from isohold.services.context import Context
from isohold.storage.database import make_engine, open_database
from isohold.storage.migrate import HEAD, current, head, upgrade
from isohold.storage.models import data_tables
from tests.support.clinic import START, clinic_context, make_user
from tests.support.profiles import profile_dict


def test_a_personal_database_upgrades_and_works_unchanged(clinic_url: str) -> None:
    url = clinic_url
    engine = make_engine(url)
    upgrade(engine, "2026_11_30_0006")
    engine.dispose()
    ctx = Context(open_database(url, migrate=False), load_catalogue())
    onboarding.onboard(ctx, profile_dict())
    checkins.checkin(ctx, 3, 2)
    before = today.today(ctx).plan.to_dict()
    ctx.close()
    ctx = Context(open_database(url), load_catalogue())
    try:
        assert current(ctx.db.engine) == head() == HEAD
        assert today.today(ctx).plan.to_dict() == before
        assert checkins.checkin(ctx, 4, 2) is True
        assert {"accounts", "audit_log", "sign_ins"}.isdisjoint(t.name for t in data_tables())
    finally:
        ctx.close()


def test_the_audit_log_refuses_update_and_delete(clinic_url: str) -> None:
    with clinic_context(clinic_url) as (ctx, _clock):
        make_user(ctx, "admin", "boss@example.org")
        assert len(audit.since(ctx, START.date())) == 1
        statements = ["UPDATE audit_log SET action = 'nothing'", "DELETE FROM audit_log"]
        if ctx.db.engine.dialect.name == "postgresql":
            statements.append("TRUNCATE audit_log")
        for statement in statements:
            with pytest.raises(DBAPIError, match="append-only"), ctx.db.engine.begin() as conn:
                conn.execute(text(statement))
        assert [r["action"] for r in audit.since(ctx, START.date())] == ["create-admin"]
