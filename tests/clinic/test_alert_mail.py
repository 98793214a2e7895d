"""E-mails about new alerts, through a real SMTP server on loopback, from alerts raised by
training recorded through the services: one e-mail per clinician and pass that gives only how
many patients have new alerts and the link to the list; never the same alert twice (a second
pass, a second sender at the same moment); an acknowledged alert, a clinician who did not ask
and another clinician's patient are left out; an e-mail that did not go is sent next time."""

from __future__ import annotations

import asyncio
import json
import re
import threading
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path
from typing import Any

import pytest

from isohold.catalogue import load_catalogue
from isohold.services import audit
from isohold.services.alert_mail_sender import keep_sending, send_pass
from isohold.services.context import Context
from isohold.services.settings import Settings
from isohold.storage import alert_mail as store
from isohold.storage.alert_mail_models import AlertMailed
from isohold.storage.database import open_database
from tests.clinic.smtp_inbox import Inbox, smtp_server
from tests.support.clinic import START
from tests.support.servers import free_port
from tests.support.workspace import Clinic, clinic, start, train

SITE = "https://clinic.example.org"


@pytest.fixture
def inbox() -> Iterator[Inbox]:
    with smtp_server() as found:
        yield found


def mail_settings(url: str, port: int) -> Settings:
    return Settings(db_url=url, clinic=True, smtp_host="127.0.0.1", smtp_port=port,
                    smtp_starttls=False, smtp_sender="clinic@example.org",
                    public_url=SITE)  # fmt: skip


def opt_in(c: Clinic, who: str) -> None:
    with c.ctx.db.transaction() as s:
        store.set_on(s, c.ids[who], True, START.replace(tzinfo=None))


def send(c: Clinic, settings: Settings) -> int:
    return asyncio.run(send_pass(c.ctx, settings))


def body_of(sent: Message) -> str:
    return sent.get_payload(decode=True).decode()  # type: ignore[union-attr]


def stop_everyone(c: Clinic) -> None:
    """Each patient's first session stopped by pain 6/10: a stop_rule alert each."""
    for who in ("ana", "ben", "zoe"):
        start(c, who, pain_now=3)
        assert train(c, who, pain=6) == "stopped"


def test_new_alerts_are_mailed_once_as_counts_with_the_link(
    tmp_path: Path, clinic_url: str, inbox: Inbox
) -> None:
    with clinic(tmp_path, clinic_url) as c:
        settings = mail_settings(clinic_url, inbox.port)
        opt_in(c, "doc")  # other-doc did not ask
        stop_everyone(c)
        assert send(c, settings) == 1
        rcpt, sent = inbox.next()
        assert rcpt == ["doc@example.org"] and sent["Subject"] == "New alerts on isohold"
        body = body_of(sent)
        assert "2 of your patients have new alerts" in body
        assert f"{SITE}/patients" in body
        for name in ("Ana", "Ben", "Zoe", "Doc", "pain", "stop_rule", "/10", "session"):
            assert name.lower() not in body.lower(), name
        assert re.findall(r"\d+", body.replace(f"{SITE}/patients", "")) == ["2"]  # only the count
        assert inbox.received.empty()  # nothing for other-doc, who did not ask
        assert send(c, settings) == 0 and inbox.received.empty()  # nothing new: nothing sent
        rows = [r for r in audit.since(c.ctx, START.date()) if r["action"] == "alert-mail-sent"]
        assert [(r["actor_email"], r["route"]) for r in rows] == [
            ("doc@example.org", "alert e-mail: 2 patients")
        ]
        c.clock.advance(days=1)  # a new occurrence later is a new alert
        assert train(c, "ana", pain=6) == "stopped"
        assert send(c, settings) == 1
        rcpt, sent = inbox.next()
        assert rcpt == ["doc@example.org"]
        assert "One of your patients has new alerts" in body_of(sent)
        assert re.findall(r"\d+", body_of(sent).replace(f"{SITE}/patients", "")) == []


def test_acknowledged_alerts_others_patients_and_turning_it_off(
    tmp_path: Path, inbox: Inbox
) -> None:
    with clinic(tmp_path) as c:
        settings = mail_settings(str(c.ctx.db.engine.url), inbox.port)
        opt_in(c, "doc")
        opt_in(c, "other-doc")
        stop_everyone(c)
        c.sign_in("doc")
        ana = c.ids["ana"]
        key = c.client.get(f"/api/v1/patients/{ana}/alerts").json()["alerts"][0]["key"]
        done = c.client.post(f"/api/v1/patients/{ana}/alerts/{key}/acknowledge")
        assert done.status_code == 200
        assert send(c, settings) == 2
        got = dict((rcpt[0], body_of(sent)) for rcpt, sent in (inbox.next(), inbox.next()))
        assert sorted(got) == ["doc@example.org", "other-doc@example.org"]
        # doc: Ben only (Ana's alert was acknowledged); other-doc: Zoe only (theirs)
        assert all("One of your patients has new alerts" in body for body in got.values())
        with c.ctx.db.transaction() as s:
            store.set_on(s, c.ids["other-doc"], False, START.replace(tzinfo=None))
        c.clock.advance(days=1)
        assert train(c, "zoe", pain=6) == "stopped"
        assert send(c, settings) == 0 and inbox.received.empty()  # other-doc turned it off


def test_an_email_that_did_not_go_is_sent_next_time(tmp_path: Path, inbox: Inbox) -> None:
    with clinic(tmp_path) as c:
        url = str(c.ctx.db.engine.url)
        opt_in(c, "doc")
        stop_everyone(c)
        nobody_listens = mail_settings(url, free_port())
        assert send(c, nobody_listens) == 0
        with c.ctx.db.reading() as s:
            assert s.query(AlertMailed).count() == 0  # the claim was given back
        assert not [r for r in audit.since(c.ctx, START.date()) if r["action"] == "alert-mail-sent"]
        assert send(c, mail_settings(url, inbox.port)) == 1
        rcpt, sent = inbox.next()
        assert rcpt == ["doc@example.org"] and "2 of your patients" in body_of(sent)


def test_two_senders_at_once_send_one_email(tmp_path: Path, clinic_url: str, inbox: Inbox) -> None:
    """Two senders with their own database connections (as two worker processes have), let
    go at the same moment: the claims in the database let one e-mail through."""
    with clinic(tmp_path, clinic_url) as c:
        settings = mail_settings(clinic_url, inbox.port)
        opt_in(c, "doc")
        stop_everyone(c)
        together = threading.Barrier(2)
        counts: list[int] = []
        failures: list[BaseException] = []

        def sender() -> None:
            own = Context(open_database(clinic_url), load_catalogue(), now=c.ctx.now,
                          utc=c.ctx.utc)  # fmt: skip
            try:
                together.wait()
                counts.append(asyncio.run(send_pass(own, settings)))
            except BaseException as error:  # reported below
                failures.append(error)
            finally:
                own.close()

        threads = [threading.Thread(target=sender) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert not failures and sorted(counts) == [0, 1]
        rcpt, _sent = inbox.next()
        assert rcpt == ["doc@example.org"] and inbox.received.empty()
        assert send(c, settings) == 0 and inbox.received.empty()


def test_without_smtp_a_pass_is_refused(tmp_path: Path) -> None:
    from isohold.domain.errors import MailError

    with clinic(tmp_path) as c, pytest.raises(MailError):
        send(c, Settings(db_url=str(c.ctx.db.engine.url), clinic=True))


def test_a_claim_is_taken_once_and_a_stale_one_again(tmp_path: Path, clinic_url: str) -> None:
    """The database's side of it: the same alert claimed twice goes to the first claim only;
    a claim never finished (its sender stopped) is claimed again once older than the lease."""
    from datetime import timedelta

    with clinic(tmp_path, clinic_url) as c:
        doc, ana = c.ids["doc"], c.ids["ana"]
        now = START.replace(tzinfo=None)
        keys = {ana: ["stop_rule:session:1", "stop_rule:session:2"]}
        with c.ctx.db.transaction() as s:
            assert store.claim(s, doc, keys, "a" * 32, now, now) == keys
        with c.ctx.db.transaction() as s:
            assert store.claim(s, doc, keys, "b" * 32, now, now) == {}
        with c.ctx.db.transaction() as s:
            store.mark_sent(s, "a" * 32, now)
        later = now + timedelta(minutes=30)
        with c.ctx.db.transaction() as s:  # sent: never again, however old
            assert store.claim(s, doc, keys, "c" * 32, later, later) == {}
        more = {ana: ["red_flag:answers:3"]}
        with c.ctx.db.transaction() as s:
            assert store.claim(s, doc, more, "d" * 32, now, now) == more
        with c.ctx.db.transaction() as s:  # not stale yet
            assert store.claim(s, doc, more, "e" * 32, now, now - timedelta(minutes=10)) == {}
        with c.ctx.db.transaction() as s:  # stale: taken over
            assert store.claim(s, doc, more, "f" * 32, later, later - timedelta(minutes=10)) == more
            store.give_back(s, "d" * 32)  # the stopped sender's token no longer holds it
        with c.ctx.db.reading() as s:
            assert s.query(AlertMailed).filter_by(claim="f" * 32).count() == 1


@pytest.mark.parametrize("every_s", [0.01, 3600.0])
def test_the_server_task_sends_on_its_own(
    tmp_path: Path, inbox: Inbox, monkeypatch: pytest.MonkeyPatch, every_s: float
) -> None:
    """Every `every_s`; with an hour between passes, the first still comes soon after the
    start (FIRST_PASS_S, made short here)."""
    from isohold.services import alert_mail_sender

    monkeypatch.setattr(alert_mail_sender, "FIRST_PASS_S", 0.05)
    with clinic(tmp_path) as c:
        settings = mail_settings(str(c.ctx.db.engine.url), inbox.port)
        opt_in(c, "doc")
        stop_everyone(c)

        async def serve_a_while() -> list[str]:
            task = asyncio.create_task(keep_sending(c.ctx, settings, every_s))
            try:
                rcpt, _sent = await asyncio.to_thread(inbox.next)
            finally:
                task.cancel()
                with suppress(asyncio.CancelledError):
                    await task
            return rcpt

        assert asyncio.run(serve_a_while()) == ["doc@example.org"]
        assert inbox.received.empty()  # the passes after it found nothing new


def test_a_clinic_server_with_smtp_runs_the_task(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from isohold.web.app import create_app

    url = f"sqlite:///{tmp_path / 'clinic.db'}"
    for settings, running in (
        (mail_settings(url, 2525), True),
        (mail_settings(url, 2525).model_copy(update={"alert_mail_minutes": 0}), False),
        (Settings(db_url=url, clinic=True), False),
    ):
        app = create_app(settings, allowed_hosts=["testserver"])
        with TestClient(app):
            task = app.state.alert_mail
            assert (task is not None and not task.done()) is running
        assert task is None or task.cancelled()  # stopped with the server


def test_the_command_runs_one_pass(tmp_path: Path, inbox: Inbox) -> None:
    """`isohold admin send-alert-mail` (for cron), on the real clock: a patient stopped a
    session an hour ago."""
    from datetime import UTC, datetime, timedelta

    from isohold.services import access, accounts
    from isohold.services.onboarding import onboard
    from tests.support.clinic import make_user
    from tests.support.clocks import FakeClock
    from tests.support.commands import runner
    from tests.support.profiles import profile_dict
    from tests.support.workspace import session

    url = f"sqlite:///{tmp_path / 'clinic.db'}"
    clock = FakeClock(datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1))
    ctx = Context(open_database(url), load_catalogue(),
                  now=lambda: clock().replace(tzinfo=None), utc=clock)  # fmt: skip
    try:
        doc = make_user(ctx, "clinician", "doc@example.org")
        ana = make_user(ctx, "patient", "ana@example.org")
        accounts.link(ctx, "doc@example.org", "ana@example.org")
        with ctx.db.transaction() as s:
            store.set_on(s, doc, True, clock().replace(tzinfo=None))
        with access.acting(accounts.persons_of(ctx, [ana])[ana]):
            onboard(ctx, profile_dict(pain_now=3))
            assert session(ctx, pain=6) == "stopped"
    finally:
        ctx.close()
    run = runner(tmp_path)
    env = {"ISOHOLD_SMTP_HOST": "127.0.0.1", "ISOHOLD_SMTP_PORT": str(inbox.port),
           "ISOHOLD_SMTP_STARTTLS": "false", "ISOHOLD_SMTP_SENDER": "clinic@example.org",
           "ISOHOLD_PUBLIC_URL": SITE}  # fmt: skip
    done = run("admin", "send-alert-mail", "--db", url, env=env)
    assert (done.returncode, done.stdout) == (0, "1 e-mail sent.\n"), done.stderr
    rcpt, sent = inbox.next()
    assert rcpt == ["doc@example.org"] and "One of your patients" in body_of(sent)
    again = run("admin", "send-alert-mail", "--db", url, "--format", "json", env=env)
    assert again.returncode == 0 and json.loads(again.stdout) == {"sent": 0}
    refused = run("admin", "send-alert-mail", "--db", url)
    assert refused.returncode == 1 and "no SMTP server is set up" in refused.stderr


def test_a_claim_waits_for_another_at_the_same_moment_on_postgresql() -> None:
    """Two senders claiming the same alert together on PostgreSQL: the second insert waits for
    the first, finds its row committed, and claims nothing (no error, no second e-mail)."""

    from sqlalchemy.orm import Session

    from tests.support.clinic import clinic_context, make_user
    from tests.support.postgres import fresh_database, one_behind_the_other

    with fresh_database() as url, clinic_context(url) as (ctx, _clock):
        doc = make_user(ctx, "clinician", "doc@example.org")
        ana = make_user(ctx, "patient", "ana@example.org")
        now = START.replace(tzinfo=None)
        keys = {ana: ["stop_rule:session:1"]}
        engine = ctx.db.engine
        first, second = one_behind_the_other(
            engine,
            lambda s: store.claim(s, doc, keys, "a" * 32, now, now),
            lambda s: store.claim(s, doc, keys, "b" * 32, now, now),
        )
        assert first == keys and second == {}
        with Session(engine) as s:
            assert [r.claim for r in s.query(AlertMailed)] == ["a" * 32]


@pytest.mark.parametrize(
    "module", ["storage.alert_mail_models", "storage.alert_mail", "services.alert_mail_sender"]
)
def test_each_module_imports_first_in_a_fresh_interpreter(module: str) -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", f"import isohold.{module}"],
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr[-500:]


@dataclass
class Refusing(Inbox):
    """An SMTP server that refuses the addresses in `refused` (a full mailbox, say)."""

    refused: set[str] = field(default_factory=set)

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str,
                          options: Any) -> str:  # fmt: skip
        if address in self.refused:
            return "550 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"


def test_one_refused_email_leaves_the_others_and_goes_next_time(tmp_path: Path) -> None:
    from aiosmtpd.controller import Controller

    server = Refusing(free_port(), refused={"doc@example.org"})
    controller = Controller(server, hostname="127.0.0.1", port=server.port)
    controller.start()
    try:
        with clinic(tmp_path) as c:
            settings = mail_settings(str(c.ctx.db.engine.url), server.port)
            opt_in(c, "doc")
            opt_in(c, "other-doc")
            stop_everyone(c)
            assert send(c, settings) == 1  # other-doc's went, doc's was refused
            rcpt, _sent = server.next()
            assert rcpt == ["other-doc@example.org"] and server.received.empty()
            server.refused.clear()
            assert send(c, settings) == 1
            rcpt, sent = server.next()
            assert rcpt == ["doc@example.org"] and "2 of your patients" in body_of(sent)
            assert send(c, settings) == 0 and server.received.empty()
    finally:
        controller.stop()
