"""E-mails to clinicians about new alerts: one pass finds, for each clinician who asked
(services/alert_mail.py), their patients' open alerts not yet mailed to them, claims them in
the database (so another worker process, or a cron job at the same moment, never mails them
again), and sends one e-mail that gives only how many patients have new alerts and the link
to the patient list: no name, no number from anyone's data. An e-mail that does not go gives
its alerts back for the next pass; one that goes is written to the audit log."""

from __future__ import annotations

import asyncio
import logging
import secrets
from dataclasses import dataclass
from datetime import timedelta
from email.message import EmailMessage

from isohold.domain.errors import MailError
from isohold.services import audit, mail
from isohold.services.accounts import utc
from isohold.services.alert_acks import open_alerts
from isohold.services.context import Context
from isohold.services.settings import Settings
from isohold.storage import accounts as accounts_store
from isohold.storage import alert_acks as acks_store
from isohold.storage import alert_mail as store

log = logging.getLogger(__name__)
#: a claim older than this was left by a sender that stopped (an e-mail takes at most a few
#: of mail.TIMEOUT_S): its alerts are claimed again
CLAIM_LEASE = timedelta(minutes=10)
ROUTE = "alert e-mail"
#: the first pass of a server that has just started, at the latest (seconds)
FIRST_PASS_S = 60.0
NO_SMTP = ("No alert e-mail can be sent: no SMTP server is set up (ISOHOLD_SMTP_HOST and "
           "ISOHOLD_SMTP_SENDER).")  # fmt: skip
SUBJECT = "New alerts on isohold"
BODY = """\
Hello,

{who} new alerts on isohold.

Your patient list shows them, most urgent first (sign in first):

{url}

This e-mail names no one and holds no health data. To stop these e-mails, untick "E-mail me
when a patient has a new alert" on your account page.
"""


@dataclass(frozen=True)
class _Due:
    """Alerts claimed for one e-mail to one clinician."""

    clinician_id: int
    email: str
    token: str
    patients: int


def _opted_in(ctx: Context) -> list[tuple[int, str]]:
    with ctx.db.reading() as s:
        return store.opted_in(s)


def _claim(ctx: Context, clinician_id: int, email: str) -> _Due | None:
    """Claim the clinician's patients' open alerts not mailed to them yet (None: none)."""
    with ctx.db.reading() as s:
        patients = [a.id for a in accounts_store.patients_of(s, clinician_id)]
    found = open_alerts(ctx, patients)
    keys = {p: [a.key for a in alerts] for p, alerts in found.items() if alerts}
    if not keys:
        return None
    token, now = secrets.token_hex(16), utc(ctx)
    with ctx.db.transaction() as s:
        seen = acks_store.keys_of(s, list(keys))  # acknowledged since the alerts were read
        keys = {p: [k for k in ks if k not in seen.get(p, ())] for p, ks in keys.items()}
        claimed = store.claim(s, clinician_id, keys, token, now, now - CLAIM_LEASE)
    return _Due(clinician_id, email, token, len(claimed)) if claimed else None


def _finish(ctx: Context, due: _Due, sent: bool) -> None:
    now = utc(ctx)
    with ctx.db.transaction() as s:
        if not sent:
            store.give_back(s, due.token)
            return
        store.mark_sent(s, due.token, now)
        actor = audit.Actor(due.clinician_id, due.email, "clinician")
        audit.write(s, audit.Entry("alert-mail-sent", f"{ROUTE}: {due.patients} patients", now,
                                   actor=actor))  # fmt: skip


def message(settings: Settings, to: str, patients: int) -> EmailMessage:
    """The e-mail: how many patients have new alerts and the link to the list, nothing more."""
    who = "One of your patients has" if patients == 1 else f"{patients} of your patients have"
    body = BODY.format(who=who, url=f"{settings.url}patients")
    return mail.message(settings, to, SUBJECT, body)


async def send_pass(ctx: Context, settings: Settings) -> int:
    """One pass over the clinicians who asked: how many e-mails went out. A clinician whose
    e-mail fails (the mail server, the database) is logged and left for the next pass; the
    others still get theirs."""
    if not settings.mail_ready:
        raise MailError(NO_SMTP)
    clinicians = await asyncio.to_thread(_opted_in, ctx)
    sent = 0
    for clinician_id, email in clinicians:
        _stop_if_cancelled()
        try:
            went = await _mail_one(ctx, settings, clinician_id, email)
        except Exception:
            log.exception("alert e-mail to clinician %s failed: tried again next time",
                          clinician_id)  # fmt: skip
            continue
        if went is False:
            log.warning("alert e-mail to clinician %s not sent: tried again next time",
                        clinician_id)  # fmt: skip
        sent += went is True
    return sent


async def _mail_one(ctx: Context, settings: Settings, clinician_id: int, email: str) -> bool | None:
    """Claim, send, and mark sent or give back: whether the e-mail went (None: nothing new)."""
    due = await asyncio.to_thread(_claim, ctx, clinician_id, email)
    if due is None:
        return None
    try:
        went = await mail.send(settings, message(settings, email, due.patients))
    except BaseException:
        _finish(ctx, due, False)  # even when the pass is cancelled: mailed by the next
        raise
    await asyncio.to_thread(_finish, ctx, due, went)
    return went


async def keep_sending(ctx: Context, settings: Settings, every_s: float) -> None:
    """A pass every `every_s` seconds until cancelled (the server's background task), the
    first within FIRST_PASS_S of the start (a server restarted more often than `every_s`
    still sends); a pass that fails is logged and the next one comes as usual."""
    wait = min(every_s, FIRST_PASS_S)
    while True:
        await asyncio.sleep(wait)
        wait = every_s
        try:
            await send_pass(ctx, settings)
        except Exception:
            log.exception("the alert e-mail pass failed; the next one runs in %s s", every_s)
        _stop_if_cancelled()


def _stop_if_cancelled() -> None:
    """Stop when this task was asked to: Python 3.11's asyncio.wait_for, which aiosmtplib
    awaits the server's replies with, can swallow a cancel that comes just as the reply does
    (the server's shutdown then waited on this task for ever)."""
    task = asyncio.current_task()
    if task is not None and task.cancelling():
        raise asyncio.CancelledError
