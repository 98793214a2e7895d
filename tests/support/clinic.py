"""Clinic-mode helpers: a services context on a given database with a fake UTC clock, and
accounts made through the services (the password is PASSWORD unless given)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

import pyotp

from isohold.catalogue import load_catalogue
from isohold.services import accounts
from isohold.services.context import Context
from isohold.storage.database import open_database
from tests.support.clocks import FakeClock

PASSWORD = "correct horse battery"
START = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


@contextmanager
def clinic_context(url: str) -> Iterator[tuple[Context, FakeClock]]:
    clock = FakeClock(START)
    ctx = Context(open_database(url), load_catalogue(),
                  now=lambda: clock().replace(tzinfo=None), utc=clock)  # fmt: skip
    try:
        yield ctx, clock
    finally:
        ctx.close()


def make_user(ctx: Context, role: str, email: str, password: str = PASSWORD) -> int:
    name = email.split("@")[0].title()
    return accounts.create_user(ctx, role=role, email=email, name=name, password=password).id


def code_at(secret: str, at: datetime) -> str:
    """The TOTP code an authenticator app shows at `at`."""
    return pyotp.TOTP(secret).at(at)
