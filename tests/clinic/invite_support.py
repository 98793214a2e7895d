"""A small clinic over HTTP for the invitation, reset and admin tests: two clinicians (with
two-step sign-in), an admin and a patient, and a client that signs in as any of them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyotp
from fastapi.testclient import TestClient

from isohold.services.context import Context
from isohold.services.settings import Settings
from isohold.storage.clinic_models import Account
from isohold.web.app import create_app
from tests.support.clinic import PASSWORD, clinic_context, code_at, make_user
from tests.support.clocks import FakeClock

ORIGIN = "http://testserver"


@dataclass
class Clinic:
    client: TestClient
    ctx: Context
    clock: FakeClock
    ids: dict[str, int]
    secrets: dict[str, str]

    def sign_in(self, who: str) -> None:
        """Sign in as `who` (the e-mail's local part); None-like 'anonymous' signs out."""
        self.client.cookies.clear()
        if who == "anonymous":
            return
        body = {"email": f"{who}@example.org", "password": PASSWORD}
        if who in self.secrets:
            self.clock.advance(seconds=30)
            body["totp"] = code_at(self.secrets[who], self.clock())
        answer = self.client.post("/api/v1/auth/login", json=body)
        assert answer.status_code == 200, answer.text

    def csrf(self, page: str = "/signin") -> str:
        found = re.search(r'name="csrf_token" value="([^"]+)"', self.client.get(page).text)
        assert found is not None, page
        return found.group(1)


def enrol(ctx: Context, account_id: int) -> str:
    """Two-step sign-in set up for an account (as the account page does): its secret."""
    secret = pyotp.random_base32()
    with ctx.db.transaction() as s:
        account = s.get(Account, account_id)
        assert account is not None
        account.totp_secret, account.totp_enabled = secret, True
    return secret


@contextmanager
def small_clinic(tmp_path: Path, url: str | None = None, **settings: Any) -> Iterator[Clinic]:
    """The clinic on `url` (tests/clinic/conftest.py's clinic_url: SQLite and PostgreSQL), or
    on a SQLite file in `tmp_path`."""
    url = url or f"sqlite:///{tmp_path / 'clinic.db'}"
    with clinic_context(url) as (ctx, clock):
        ids = {name: make_user(ctx, role, f"{name}@example.org") for name, role in (
            ("doc", "clinician"), ("otherdoc", "clinician"), ("admin", "admin"),
            ("patient", "patient"))}  # fmt: skip
        secrets = {name: enrol(ctx, ids[name]) for name in ("doc", "otherdoc")}
        app = create_app(Settings(db_url=url, clinic=True, **settings), context=ctx,
                         allowed_hosts=["testserver"])  # fmt: skip
        with TestClient(app, base_url=ORIGIN) as client:
            yield Clinic(client, ctx, clock, ids, secrets)
