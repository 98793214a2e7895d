"""A clinic for the clinician's-workspace tests: a SQLite file, two clinicians (each with
TOTP set up) with their own patients, an HTTP client, and training recorded through the
services acting on a patient (as their own sessions would be)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from isohold.domain.ids import new_uuid
from isohold.domain.schedule import sides
from isohold.services import access, accounts, sessions
from isohold.services.context import Context
from isohold.services.onboarding import onboard
from isohold.services.settings import Settings
from isohold.web.app import create_app
from tests.support.clinic import PASSWORD, clinic_context, code_at, make_user
from tests.support.clocks import FakeClock
from tests.support.profiles import profile_dict

ORIGIN = "http://testserver"


@dataclass
class Clinic:
    client: TestClient
    ctx: Context
    clock: FakeClock
    #: account ids by e-mail's local part: doc, ana, ben (doc's), other-doc, zoe (other-doc's)
    ids: dict[str, int]
    secrets: dict[str, str]

    def person(self, who: str) -> int:
        return accounts.persons_of(self.ctx, [self.ids[who]])[self.ids[who]]

    def acting(self, who: str) -> AbstractContextManager[None]:
        """Services called inside act on this patient, as their own requests would."""
        return access.acting(self.person(who))

    def sign_in(self, who: str) -> None:
        body = {"email": f"{who}@example.org", "password": PASSWORD}
        if who in self.secrets:
            self.clock.advance(seconds=30)
            body["totp"] = code_at(self.secrets[who], self.clock())
        self.client.cookies.clear()
        answer = self.client.post("/api/v1/auth/login", json=body)
        assert answer.status_code == 200, answer.text


@contextmanager
def clinic(tmp_path: Path, url: str | None = None, **settings: Any) -> Iterator[Clinic]:
    """The clinic on `url` (tests/clinic/conftest.py's clinic_url: SQLite and PostgreSQL) or
    on a SQLite file in `tmp_path`, its app built with `settings` added (SMTP, ...)."""
    url = url or f"sqlite:///{tmp_path / 'clinic.db'}"
    with clinic_context(url) as (ctx, clock):
        ids = {name: make_user(ctx, "clinician", f"{name}@example.org")
               for name in ("doc", "other-doc")}  # fmt: skip
        for name, doc in (("ana", "doc"), ("ben", "doc"), ("zoe", "other-doc")):
            ids[name] = make_user(ctx, "patient", f"{name}@example.org")
            accounts.link(ctx, f"{doc}@example.org", f"{name}@example.org")
        with clinic_app(ctx, clock, url, ["doc", "other-doc"], **settings) as found:
            found.ids.update(ids)
            yield found


@contextmanager
def clinic_app(ctx: Context, clock: FakeClock, url: str, clinicians: list[str],
               **settings: Any) -> Iterator[Clinic]:  # fmt: skip
    """The clinic app on `ctx` with an HTTP client; each clinician (by e-mail's local part)
    has two-step sign-in set up."""
    app = create_app(Settings(db_url=url, clinic=True, **settings), context=ctx,
                     allowed_hosts=["testserver"])  # fmt: skip
    with TestClient(app, base_url=ORIGIN) as client:
        found = Clinic(client, ctx, clock, {}, {})
        for doc in clinicians:
            found.sign_in(doc)
            secret = client.post("/api/v1/auth/totp/start").json()["secret"]
            confirmed = client.post(
                "/api/v1/auth/totp/confirm", json={"code": code_at(secret, clock())}
            )
            assert confirmed.status_code == 200
            found.secrets[doc] = secret
        client.cookies.clear()
        yield found


def start(c: Clinic, who: str, **profile: object) -> None:
    with access.acting(c.person(who)):
        onboard(c.ctx, profile_dict(**profile))


def train(c: Clinic, who: str, pain: int = 2) -> str:
    """One session of `who`'s (see `session`)."""
    with c.acting(who):
        return session(c.ctx, pain)


def session(ctx: Context, pain: int = 2) -> str:
    """One session of every block's sets and a pain report on the acting patient, ended as the
    coach ends it (stopped when the pain stops it); its outcome."""
    state = sessions.start(ctx)
    assert state.plan.program is not None
    for block in state.plan.program.blocks:
        for number in range(1, block.sets + 1):
            for side in sides(block):
                done = sessions.SetDone(
                    block.exercise, number, side, block.reps, block.hold_s, uuid=new_uuid()
                )
                sessions.record_set(ctx, state.uuid, done)
        reported = sessions.report_exercise(ctx, state.uuid, block.exercise, pain, 5)
        if reported.verdict.stops:
            sessions.finish(ctx, state.uuid, "stopped", reported.verdict.text)
            return "stopped"
    sessions.finish(ctx, state.uuid, "complete")
    return "complete"


def checkin(c: Clinic, who: str, pain: int, stiffness: int = 2) -> None:
    from isohold.services import checkins

    with access.acting(c.person(who)):
        checkins.checkin(c.ctx, pain=pain, stiffness=stiffness)


def week_ending_now(url: str, person: int, *, propose: bool) -> None:
    """A patient's week of training on the real calendar: the plan began 8 days ago, a
    check-in each morning and a session each day, the last morning's check-in a day ago; with
    `propose`, their review mode is "propose" (as their clinician would set it)."""
    from datetime import UTC, datetime, timedelta

    from isohold.catalogue import load_catalogue
    from isohold.services import checkins
    from isohold.storage import proposals
    from isohold.storage.database import open_database

    clock = FakeClock(datetime.now(UTC).replace(microsecond=0) - timedelta(days=8))
    past = Context(open_database(url), load_catalogue(),
                   now=lambda: clock().replace(tzinfo=None), utc=clock)  # fmt: skip
    try:
        with access.acting(person):
            onboard(past, profile_dict())
            for _day in range(7):
                checkins.checkin(past, pain=3, stiffness=2)
                clock.advance(hours=10)
                assert session(past, pain=2) == "complete"
                clock.advance(hours=14)
            checkins.checkin(past, pain=3, stiffness=2)
            if propose:
                with past.db.transaction() as s:
                    proposals.set_mode(
                        s, person, proposals.PROPOSE, None, clock().replace(tzinfo=None)
                    )
    finally:
        past.close()
